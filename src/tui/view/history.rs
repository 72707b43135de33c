//! The history panel: every step answered so far with its answer, its note and the answers it
//! had before (changed); Enter on one jumps back to it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{framed, popup};
use crate::engine::Walk;
use crate::tui::text::{one_line, truncate};
use crate::tui::theme::{Glyph, Theme};

pub(super) fn render(theme: Theme, walk: &Walk, selected: usize, area: Rect, buf: &mut Buffer) {
    let answered = walk.answered();
    let height = (answered.len() as u16 + 2).max(5);
    let width = area.width.saturating_sub(4).min(100);
    let rect = popup(area, width, height.min(area.height.saturating_sub(2)), buf);
    let block = framed(
        theme,
        match answered.len() {
            1 => " History: 1 step answered ".to_string(),
            n => format!(" History: {n} steps answered "),
        },
    );
    let inner = block.inner(rect);
    block.render(rect, buf);
    let rows = inner.height as usize;
    let first = selected.saturating_sub(rows.saturating_sub(1));
    let arrow = theme.glyph(Glyph::Arrow);
    let contradicted = walk.contradictions();
    for (i, step) in answered.iter().enumerate().skip(first).take(rows) {
        let node = walk.node_of(step);
        let answer = step
            .answer
            .as_ref()
            .map_or_else(|| "(not answered)".to_string(), |a| a.describe(node));
        let note = if step.note.is_some() { "  [note]" } else { "" };
        // Answers given here before and changed: kept, and marked so the change is seen.
        let changed = walk
            .replaced_at(i)
            .iter()
            .filter_map(|r| r.answer.as_ref())
            .map(|a| a.describe(node))
            .collect::<Vec<_>>();
        let changed = match changed.as_slice() {
            [] => String::new(),
            was => format!("  (changed; was {})", was.join(", then ")),
        };
        // Evidence beside the answer: taken from it, or against it (attached later).
        let evidence = match contradicted.iter().find(|c| c.step == i) {
            Some(c) => format!("  [evidence says {}]", c.evidence.answer.describe(node)),
            None if step.from_evidence() => "  [from evidence]".to_string(),
            None => String::new(),
        };
        let is_selected = i == selected;
        let pointer = if is_selected {
            theme.glyph(Glyph::Pointer)
        } else {
            " "
        };
        let text = format!("{} {arrow} {answer}{changed}{evidence}{note}", node.label());
        let text = format!("{pointer}{:>3}. {}", i + 1, one_line(&text, theme.ascii));
        let text = truncate(&text, inner.width as usize, theme.ascii);
        let style = match (is_selected, contradicted.iter().any(|c| c.step == i)) {
            (true, _) => theme.selected(),
            (false, true) => theme.error(),
            (false, false) => Style::new(),
        };
        let r = Rect {
            y: inner.y + (i - first) as u16,
            height: 1,
            ..inner
        };
        Line::styled(text, style).render(r, buf);
    }
}
