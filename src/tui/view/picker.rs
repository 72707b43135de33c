//! The guide picker: a filter line (a name, an error code, or a pasted error page), the list of
//! unfinished sessions and guides, and the details of the selected one.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::rows::Share;
use super::{framed, para};
use crate::store::SessionListing;
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

/// Rows of the Details pane: enough for an id line and a short paragraph.
const DETAILS_HEIGHT: u16 = 6;

pub(super) fn render(app: &App, state: &PickerState, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let ascii = theme.ascii;
    let items = app.picker_items();
    let guides = items
        .iter()
        .filter(|i| matches!(i, PickItem::Guide(_)))
        .count();
    let sessions = items.len() - guides;
    // Guides first, in a box of their own that never scrolls out of view; the sessions below
    // share the rest with the details, each list scrolling on its own (U4).
    let room = area.height.saturating_sub(3 + DETAILS_HEIGHT);
    let guide_height = if sessions == 0 {
        (guides as u16 + 2).clamp(3, room)
    } else {
        // Every guide first, as long as two session rows still show below.
        (guides as u16 + 2).clamp(3, room.saturating_sub(4).max(3))
    };
    let session_height = if sessions == 0 {
        0
    } else {
        (sessions as u16 + 2).min(room.saturating_sub(guide_height))
    };
    let [filter, guide_list, session_list, details] = super::rows::rows(
        area,
        [
            Share::Fixed(3),
            Share::Fixed(guide_height),
            Share::Fixed(session_height),
            Share::Rest,
        ],
    );

    let block = framed(
        theme,
        " Filter: type or paste a name, error code, ticket or user ".into(),
    );
    let inner = pad(block.inner(filter));
    block.render(filter, buf);
    let cursor = Span::styled(" ", theme.selected());
    let line = if state.filter.is_empty() {
        Line::from(vec![
            cursor,
            Span::styled(" e.g. AADSTS51006, 51006 or INC-4003", theme.dim()),
        ])
    } else {
        Line::from(vec![Span::raw(display(&state.filter, ascii)), cursor])
    };
    line.render(inner, buf);

    let selected = state.selected.min(items.len().saturating_sub(1));
    let now = app.clock.now();
    let row_text = |item: &PickItem| match item {
        PickItem::Session(s) => session_row(s, now, theme.glyph(Glyph::Separator).trim()),
        PickItem::Guide(e) => e.header.title.clone(),
    };

    let block = framed(theme, format!(" Guides ({guides}) "));
    let inner = block.inner(guide_list);
    block.render(guide_list, buf);
    if guides == 0 {
        let msg = if state.filter.is_empty() {
            "No guides are loaded. Add a folder of guides with --guides DIR or TSHOOT_GUIDES."
                .to_string()
        } else {
            format!(
                "No guide matches '{}'. Esc clears the filter.",
                one_line(&state.filter, ascii)
            )
        };
        super::draw_lines(
            &para(&msg, inner.width as usize, 1, theme.dim(), ascii),
            inner,
            buf,
        );
    }
    let texts: Vec<String> = items[..guides].iter().map(&row_text).collect();
    draw_rows(app, &texts, selected, inner, buf);

    if sessions > 0 {
        let block = framed(
            theme,
            format!(" Unfinished sessions ({sessions}): Enter resumes, Del closes "),
        );
        let inner = block.inner(session_list);
        block.render(session_list, buf);
        let texts: Vec<String> = items[guides..].iter().map(&row_text).collect();
        draw_rows(
            app,
            &texts,
            selected.checked_sub(guides).unwrap_or(usize::MAX),
            inner,
            buf,
        );
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
                    if guide.fallback {
                        "  for any code no other guide covers".to_string()
                    } else if guide.error_codes.is_empty() {
                        String::new()
                    } else {
                        format!("  codes {}", display(&guide.error_codes.join(", "), ascii))
                    },
                    theme.dim(),
                ),
            ])];
            lines.extend(para(&guide.summary, w, 0, Style::new(), ascii));
            lines
        }
        Some(PickItem::Session(s)) => session_details(app, s, w),
        None => Vec::new(),
    };
    super::draw_lines(&lines, inner, buf);
}

/// One list's rows in `area`, scrolled so that row `selected` (when it is in this list) shows.
fn draw_rows(app: &App, texts: &[String], selected: usize, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let rows = area.height as usize;
    let first = if selected < texts.len() {
        selected.saturating_sub(rows.saturating_sub(1))
    } else {
        0
    };
    let more_below = first + rows < texts.len();
    for (i, text) in texts.iter().enumerate().skip(first).take(rows) {
        let is_selected = i == selected;
        let pointer = if is_selected {
            theme.glyph(Glyph::Pointer)
        } else {
            " "
        };
        let style = if is_selected {
            theme.selected()
        } else {
            Style::new()
        };
        let mut text = format!("{pointer} {}", one_line(text, theme.ascii));
        let last_row = i + 1 == first + rows;
        let marker = theme.glyph(Glyph::MoreBelow);
        let room = if last_row && more_below {
            (area.width as usize).saturating_sub(crate::tui::text::width(marker) + 1)
        } else {
            area.width as usize
        };
        text = truncate(&text, room, theme.ascii);
        let r = Rect {
            y: area.y + (i - first) as u16,
            height: 1,
            ..area
        };
        Line::styled(text, style).render(r, buf);
        if last_row && more_below {
            let w = crate::tui::text::width(marker) as u16;
            let r = Rect {
                x: area.right().saturating_sub(w),
                width: w.min(area.width),
                ..r
            };
            Line::styled(marker, theme.dim()).render(r, buf);
        }
    }
}

/// What tells one session from the next: ticket, user, correlation id, step and age.
fn session_row(s: &SessionListing, now: time::OffsetDateTime, sep: &str) -> String {
    let mut parts = vec![s.ticket.clone().unwrap_or_else(|| "no ticket".into())];
    if let Some(user) = &s.user {
        parts.push(user.clone());
    }
    if let Some(correlation) = &s.correlation {
        // The first block of a GUID is enough to tell two apart; Details shows it whole.
        parts.push(correlation.chars().take(8).collect());
    }
    let step = if s.step_number > 0 {
        format!("step {} {}", s.step_number, s.current_step)
    } else {
        s.current_step.clone()
    };
    parts.push(format!("{} ago", crate::text::age(s.updated, now)));
    parts.push(step);
    parts.join(&format!(" {sep} "))
}

fn session_details(app: &App, s: &SessionListing, w: usize) -> Vec<Line<'static>> {
    let theme = app.theme;
    let ascii = theme.ascii;
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
    let field = |label: &str, value: Option<&str>| {
        Line::from(vec![
            Span::styled(format!("{label:<12}"), theme.dim()),
            Span::raw(one_line(value.unwrap_or("-"), ascii)),
        ])
    };
    lines.push(field(
        "Ticket",
        Some(&format!(
            "{}   technician {}",
            s.ticket.as_deref().unwrap_or("none"),
            s.technician
        )),
    ));
    lines.push(field(
        "User",
        Some(&format!(
            "{}   correlation {}",
            s.user.as_deref().unwrap_or("-"),
            s.correlation.as_deref().unwrap_or("-")
        )),
    ));
    let text = format!(
        "Unfinished walk of '{}'. Enter resumes at '{}'.",
        s.guide_title, s.current_step
    );
    lines.extend(para(&text, w, 0, Style::new(), ascii));
    lines
}
