//! The sidebar of the step screen: the guide's sections, each marked not started, current, done
//! or with a finding (markers, not colour alone, so it reads under `NO_COLOR`), then the findings.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

use super::hanging;
use crate::engine::Walk;
use crate::tui::text::{display, wrap};
use crate::tui::theme::{Glyph, Theme};

/// How far a walk has got in one section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Todo,
    Current,
    Done,
    Finding,
}

/// The progress of each section of the walk's guide, in guide order.
pub fn sections(walk: &Walk) -> Vec<(String, Progress)> {
    let current = walk.current().section.clone();
    let findings: HashSet<Option<String>> =
        walk.findings().into_iter().map(|f| f.section).collect();
    let done: HashSet<Option<String>> = walk
        .answered()
        .iter()
        .map(|s| walk.node_of(s).section.clone())
        .collect();
    walk.guide()
        .guide()
        .sections
        .iter()
        .map(|s| {
            let id = Some(s.id.clone());
            let progress = if id == current {
                Progress::Current
            } else if findings.contains(&id) {
                Progress::Finding
            } else if done.contains(&id) {
                Progress::Done
            } else {
                Progress::Todo
            };
            (s.title.clone(), progress)
        })
        .collect()
}

pub(super) fn render(theme: Theme, walk: &Walk, area: Rect, buf: &mut Buffer) {
    let block = Block::new()
        .borders(Borders::RIGHT)
        .border_set(theme.border())
        .border_style(theme.border_style());
    let inner = block.inner(area);
    block.render(area, buf);
    let inner = inner.inner(Margin::new(1, 0));
    let w = inner.width as usize;
    let mut lines = vec![Line::styled("Sections", theme.heading())];
    let guide = walk.guide().guide();
    // A walk that went on in other guides lists each guide's sections under its id.
    let mut shown_guide: Option<&str> = None;
    for ((title, progress), section) in sections(walk).into_iter().zip(&guide.sections) {
        if !guide.joined.is_empty() {
            let owner = crate::guide::origin_of(guide, &section.id).0;
            if shown_guide != Some(owner) {
                shown_guide = Some(owner);
                lines.push(Line::styled(display(owner, theme.ascii), theme.dim()));
            }
        }
        let (glyph, style) = match progress {
            Progress::Todo => (Glyph::SectionTodo, theme.dim()),
            Progress::Current => (Glyph::SectionCurrent, theme.current()),
            Progress::Done => (Glyph::SectionDone, theme.done()),
            Progress::Finding => (Glyph::SectionFinding, theme.finding()),
        };
        let marker = theme.glyph(glyph);
        let title = display(&title, theme.ascii);
        for (i, part) in wrap(&title, w.saturating_sub(4)).into_iter().enumerate() {
            let head = if i == 0 { marker } else { "   " };
            lines.push(Line::from(vec![
                Span::styled(head, style),
                Span::raw(" "),
                Span::styled(part, style),
            ]));
        }
    }
    let findings = walk.findings();
    if !findings.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("Findings ({})", findings.len()),
            theme.heading(),
        ));
        for f in &findings {
            let lead = format!("{} ", theme.glyph(Glyph::Bullet));
            lines.extend(hanging(&lead, &f.text, w, Style::new(), theme.ascii));
        }
    }
    let rows = inner.height as usize;
    if lines.len() > rows && rows > 0 {
        lines.truncate(rows - 1);
        lines.push(Line::styled(display("\u{2026}", theme.ascii), theme.dim()));
    }
    super::draw_lines(&lines, inner, buf);
}
