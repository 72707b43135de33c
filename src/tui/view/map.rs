//! The map overlay: the guide's outline with the walked path marked (`>` here, `*` walked, `-`
//! not taken: readable without colour), and one question's details.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{framed, hanging, para, popup, render_parts, Part};
use crate::engine::Walk;
use crate::guide::Node;
use crate::map::{self, Mark, Row};
use crate::tui::text::{one_line, truncate};
use crate::tui::theme::Theme;

/// Wider than this, lines are hard to follow across the screen.
const MAX_WIDTH: u16 = 120;

pub(super) fn render(
    theme: Theme,
    walk: &Walk,
    selected: usize,
    scroll: u16,
    open: Option<&str>,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = area.width.saturating_sub(4).min(MAX_WIDTH);
    let height = area.height.saturating_sub(2);
    let rect = popup(area, width, height, buf);
    let path = map::walked_path(walk);
    let sections = map::outline(walk.guide(), &path);
    match open.and_then(|id| walk.guide().node(id)) {
        Some(node) => details(theme, walk, node, &sections, scroll, rect, buf),
        None => outline(theme, walk, &sections, selected, rect, buf),
    }
}

fn mark_style(theme: Theme, mark: Mark) -> Style {
    match mark {
        Mark::Current => theme.current(),
        Mark::Walked => theme.done(),
        Mark::NotTaken => theme.dim(),
        Mark::Unvisited => Style::new(),
    }
}

fn outline(
    theme: Theme,
    walk: &Walk,
    sections: &[map::Section],
    selected: usize,
    rect: Rect,
    buf: &mut Buffer,
) {
    let block = framed(
        theme,
        format!(" Map: {} ", one_line(walk.guide().title(), theme.ascii)),
    );
    let inner = block.inner(rect);
    block.render(rect, buf);
    let lines = map::lines(sections);
    let Some((legend, list)) = split_first_row(inner) else {
        return;
    };
    Line::styled(map::LEGEND, theme.dim()).render(legend, buf);
    // The line of the selected question, kept in view a third of the way down.
    let selected_line = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.row == Row::Question)
        .nth(selected)
        .map_or(0, |(i, _)| i);
    let rows = list.height as usize;
    let first = selected_line
        .saturating_sub(rows / 3)
        .min(lines.len().saturating_sub(rows));
    let w = list.width as usize;
    for (i, line) in lines.iter().enumerate().skip(first).take(rows) {
        let style = match line.row {
            _ if i == selected_line => theme.selected(),
            Row::Section => theme.heading(),
            _ => mark_style(theme, line.mark),
        };
        let text = match line.row {
            Row::Section => one_line(&line.text, theme.ascii),
            _ => format!(
                "{}{} {}",
                " ".repeat(line.indent),
                line.mark.marker(),
                one_line(&line.text, theme.ascii)
            ),
        };
        let row = Rect {
            y: list.y + (i - first) as u16,
            height: 1,
            ..list
        };
        Line::styled(truncate(&text, w, theme.ascii), style).render(row, buf);
    }
}

fn split_first_row(inner: Rect) -> Option<(Rect, Rect)> {
    (inner.height >= 2).then(|| {
        (
            Rect { height: 1, ..inner },
            Rect {
                y: inner.y + 1,
                height: inner.height - 1,
                ..inner
            },
        )
    })
}

fn details(
    theme: Theme,
    walk: &Walk,
    node: &Node,
    sections: &[map::Section],
    scroll: u16,
    rect: Rect,
    buf: &mut Buffer,
) {
    let block = framed(theme, format!(" {} ", one_line(node.label(), theme.ascii)));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let w = inner.width as usize;
    let ascii = theme.ascii;
    let mut lines: Vec<Line> = Vec::new();
    let section = walk.guide().section_title(node.section.as_deref());
    lines.extend(hanging(
        "Section: ",
        &format!("{section} ({} question)", node.kind.name()),
        w,
        theme.dim(),
        ascii,
    ));
    if let Some(prompt) = &node.prompt {
        lines.push(Line::raw(""));
        lines.extend(para(prompt, w, 0, theme.prompt(), ascii));
    }
    for (heading, text) in [("Why", &node.why), ("How", &node.how)] {
        if let Some(text) = text {
            lines.push(Line::raw(""));
            lines.push(Line::styled(heading, theme.heading()));
            lines.extend(para(text, w, 2, Style::new(), ascii));
        }
    }
    let leads = sections
        .iter()
        .flat_map(|s| &s.questions)
        .find(|q| q.node.id == node.id)
        .map(|q| q.leads.as_slice())
        .unwrap_or_default();
    if !leads.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Answers", theme.heading()));
        for lead in leads {
            let marker = format!("  {} ", lead.mark.marker());
            lines.extend(hanging(
                &marker,
                &lead.text(),
                w,
                mark_style(theme, lead.mark),
                ascii,
            ));
        }
    }
    render_parts(theme, vec![Part::Lines(lines)], scroll, inner, buf);
}
