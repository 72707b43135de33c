//! The guide picker: a filter line (a name, an error code, or a pasted error page), the list of
//! unfinished sessions and guides, and the details of the selected one.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{framed, para};
use crate::tui::app::{App, PickItem, PickerState};
use crate::tui::text::{display, one_line, truncate};
use crate::tui::theme::Glyph;

/// One column of air inside a frame.
fn pad(r: Rect) -> Rect {
    Rect {
        x: r.x + 1,
        width: r.width.saturating_sub(2),
        ..r
    }
}

pub(super) fn render(app: &App, state: &PickerState, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let ascii = theme.ascii;
    let items = app.picker_items();
    // The list as tall as its rows (at least a few), the rest for the details of the selection.
    let list_height = (items.len() as u16 + 2).clamp(5, area.height.saturating_sub(3) / 2);
    let [filter, list, details] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(list_height),
        Constraint::Fill(1),
    ])
    .areas(area);

    let block = framed(theme, " Filter: type or paste a name or error code ".into());
    let inner = pad(block.inner(filter));
    block.render(filter, buf);
    let cursor = Span::styled(" ", theme.selected());
    let line = if state.filter.is_empty() {
        Line::from(vec![
            cursor,
            Span::styled(" e.g. AADSTS51006 or 51006", theme.dim()),
        ])
    } else {
        Line::from(vec![Span::raw(display(&state.filter, ascii)), cursor])
    };
    line.render(inner, buf);

    let title = format!(" Guides and unfinished sessions ({}) ", items.len());
    let block = framed(theme, title);
    let inner = block.inner(list);
    block.render(list, buf);
    let w = inner.width as usize;
    if items.is_empty() {
        let msg = if state.filter.is_empty() {
            "No guides are loaded. Add a folder of guides with --guides DIR or TSHOOT_GUIDES."
                .to_string()
        } else {
            format!(
                "Nothing matches '{}'. Esc clears the filter.",
                one_line(&state.filter, ascii)
            )
        };
        super::draw_lines(&para(&msg, w, 1, theme.dim(), ascii), inner, buf);
    }
    let selected = state.selected.min(items.len().saturating_sub(1));
    let rows = inner.height as usize;
    let first = selected.saturating_sub(rows.saturating_sub(1));
    for (i, item) in items.iter().enumerate().skip(first).take(rows) {
        let is_selected = i == selected;
        let pointer = if is_selected {
            theme.glyph(Glyph::Pointer)
        } else {
            " "
        };
        let text = match item {
            PickItem::Session(s) => format!(
                "Resume: {} {} stopped at '{}'",
                s.guide_title,
                theme.glyph(Glyph::Separator).trim(),
                s.current_step
            ),
            PickItem::Guide(e) => e.header.title.clone(),
        };
        let style = if is_selected {
            theme.selected()
        } else {
            Style::new()
        };
        let text = format!("{pointer} {}", one_line(&text, ascii));
        let text = truncate(&text, w, ascii);
        let r = Rect {
            y: inner.y + (i - first) as u16,
            height: 1,
            ..inner
        };
        Line::styled(text, style).render(r, buf);
    }

    let block = framed(theme, " Details ".into());
    let inner = pad(block.inner(details));
    block.render(details, buf);
    let w = inner.width as usize;
    let lines = match items.get(selected) {
        Some(PickItem::Guide(e)) => {
            let guide = &e.header;
            let mut lines = vec![Line::from(vec![
                Span::styled(display(&guide.id, ascii), theme.key()),
                Span::styled(
                    format!("  version {}", display(&guide.version, ascii)),
                    theme.dim(),
                ),
                Span::styled(
                    format!("  codes {}", display(&guide.error_codes.join(", "), ascii)),
                    theme.dim(),
                ),
            ])];
            lines.extend(para(&guide.summary, w, 0, Style::new(), ascii));
            lines
        }
        Some(PickItem::Session(s)) => {
            let started = s
                .started
                .to_offset(time::UtcOffset::UTC)
                .format(&time::macros::format_description!(
                    "[year]-[month]-[day] [hour]:[minute] UTC"
                ))
                .unwrap_or_default();
            let mut lines = vec![Line::from(vec![
                Span::styled(display(&s.id, ascii), theme.key()),
                Span::styled(format!("  started {started}"), theme.dim()),
            ])];
            let text = format!(
                "Unfinished walk of '{}'. Enter resumes at '{}'.",
                s.guide_title, s.current_step
            );
            lines.extend(para(&text, w, 0, Style::new(), ascii));
            lines
        }
        None => Vec::new(),
    };
    super::draw_lines(&lines, inner, buf);
}
