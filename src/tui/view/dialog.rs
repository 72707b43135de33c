//! Small windows: the note editor, the "are you sure" question, and the too-small message.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use tui_textarea::TextArea;

use super::{framed, para, popup};
use crate::tui::app::{Ask, WhoField, MIN_HEIGHT, MIN_WIDTH};
use crate::tui::text::{one_line, truncate};
use crate::tui::theme::Theme;

/// What the technician can check: one row per kind of access, with who has it.
pub(super) fn access(
    theme: Theme,
    kinds: &[crate::guide::Access],
    checked: &[bool],
    selected: usize,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = area.width.saturating_sub(4).min(76);
    let height = (kinds.len() as u16 + 7).min(area.height.saturating_sub(2));
    let rect = popup(area, width, height, buf);
    let block = framed(theme, " What can you check? ".to_string());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let mut lines: Vec<Line> = crate::tui::text::wrap(
        "Tick what you can reach. Checks that need the rest are not asked: they stay open for their owner.",
        inner.width as usize,
    )
    .into_iter()
    .map(|l| Line::styled(l, theme.dim()))
    .collect();
    lines.push(Line::default());
    for (i, kind) in kinds.iter().enumerate() {
        let tick = if checked.get(i).copied().unwrap_or(false) {
            "x"
        } else {
            " "
        };
        let pointer = if i == selected {
            theme.glyph(crate::tui::theme::Glyph::Pointer)
        } else {
            " "
        };
        let label = one_line(&kind.label, theme.ascii);
        let owner = one_line(&kind.owner, theme.ascii);
        let text = format!("{pointer} [{tick}] {label} ({owner})");
        let text = truncate(&text, inner.width as usize, theme.ascii);
        let style = if i == selected {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(text, style));
    }
    let list = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    ratatui::widgets::Paragraph::new(lines).render(list, buf);
    let hint = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    Line::from(vec![
        Span::styled("Space", theme.key()),
        Span::styled(" ticks; ", theme.dim()),
        Span::styled("Enter", theme.key()),
        Span::styled(" goes on; ", theme.dim()),
        Span::styled("c", theme.key()),
        Span::styled(" changes it later", theme.dim()),
    ])
    .render(hint, buf);
}

/// Asks for the path of an evidence file; under the field, why the last path failed, or what
/// the file may hold.
pub(super) fn attach(
    theme: Theme,
    editor: &TextArea<'static>,
    error: Option<&str>,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = area.width.saturating_sub(4).min(76);
    let rect = popup(area, width, 9, buf);
    let block = framed(theme, " Attach evidence from a file ".to_string());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let field = Rect { height: 1, ..inner };
    Widget::render(editor, field, buf);
    let below = Rect {
        y: inner.y.saturating_add(2),
        height: inner.height.saturating_sub(3),
        ..inner
    };
    let (text, style) = match error {
        Some(e) => (e.to_string(), theme.error()),
        None => (
            "Saved output of dsregcmd /status, klist, whoami, nltest, a token, a browser trace (HAR), a sign-in log download or AD FS PowerShell.".to_string(),
            theme.dim(),
        ),
    };
    let lines: Vec<Line> =
        crate::tui::text::wrap(&one_line(&text, theme.ascii), below.width as usize)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect();
    ratatui::widgets::Paragraph::new(lines).render(below, buf);
    let hint = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    Line::from(vec![
        Span::styled("Enter", theme.key()),
        Span::styled(" attaches; ", theme.dim()),
        Span::styled("Esc", theme.key()),
        Span::styled(" cancels", theme.dim()),
    ])
    .render(hint, buf);
}

/// The ticket and the technician of the walk, two one-line fields.
pub(super) fn who(
    theme: Theme,
    fields: [&TextArea<'static>; 2],
    focus: WhoField,
    opening: bool,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = area.width.saturating_sub(4).min(64);
    let rect = popup(area, width, 9, buf);
    let title = if opening {
        " Which ticket is this for? "
    } else {
        " Ticket and technician "
    };
    let block = framed(theme, title.to_string());
    let inner = block.inner(rect).inner(Margin::new(1, 0));
    block.render(rect, buf);
    let labels = [
        ("Ticket", WhoField::Ticket),
        ("Technician", WhoField::Technician),
    ];
    for (row, ((label, field), editor)) in labels.iter().zip(fields).enumerate() {
        let y = inner.y + 1 + 2 * row as u16;
        if y >= inner.bottom() {
            break;
        }
        let style = if *field == focus {
            theme.prompt()
        } else {
            theme.dim()
        };
        let label_rect = Rect {
            y,
            height: 1,
            width: 12.min(inner.width),
            ..inner
        };
        Line::styled(format!("{label}:"), style).render(label_rect, buf);
        let field_rect = Rect {
            x: inner.x + 12,
            y,
            height: 1,
            width: inner.width.saturating_sub(12),
        };
        if *field == focus {
            Widget::render(editor, field_rect, buf);
        } else {
            // Only the field being typed in shows a cursor.
            let text = editor.lines().join(" ");
            Line::raw(one_line(&text, theme.ascii)).render(field_rect, buf);
        }
    }
    let hint = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    Line::from(vec![
        Span::styled("Enter", theme.key()),
        Span::styled(" keeps; ", theme.dim()),
        Span::styled("Tab", theme.key()),
        Span::styled(" other field; ", theme.dim()),
        Span::styled("Esc", theme.key()),
        Span::styled(
            if opening {
                " no ticket; "
            } else {
                " cancels; "
            },
            theme.dim(),
        ),
        Span::styled("t", theme.key()),
        Span::styled(" later", theme.dim()),
    ])
    .render(hint, buf);
}

/// Asks what to do with the picker's selected session.
pub(super) fn discard(theme: Theme, id: &str, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).min(64);
    let body = format!(
        "Session {id}: close it (kept with its reports for 'tshoot report', no longer offered) or delete it and its reports for good?"
    );
    let mut lines = para(
        &body,
        width.saturating_sub(4) as usize,
        0,
        Style::new(),
        theme.ascii,
    );
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("c", theme.key()),
        Span::raw(" close it    "),
        Span::styled("d", theme.key()),
        Span::raw(" delete it    "),
        Span::styled("Esc", theme.key()),
        Span::raw(" keep it"),
    ]));
    let rect = popup(area, width, lines.len() as u16 + 2, buf);
    let block = framed(theme, " Close or delete this session? ".to_string());
    let inner = block.inner(rect);
    block.render(rect, buf);
    super::draw_lines(&lines, inner.inner(Margin::new(1, 0)), buf);
}

pub(super) fn note(
    theme: Theme,
    step: usize,
    label: &str,
    editor: &TextArea<'static>,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = area.width.saturating_sub(4).min(76);
    let rect = popup(area, width, 11, buf);
    let title = format!(
        " Note on step {}: {} ",
        step + 1,
        one_line(label, theme.ascii)
    );
    let title = truncate(&title, width.saturating_sub(4) as usize, theme.ascii);
    let block = framed(theme, title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    let text = Rect {
        height: inner.height.saturating_sub(1),
        ..inner
    };
    Widget::render(editor, text, buf);
    let hint = Rect {
        y: inner.bottom().saturating_sub(1),
        height: 1,
        ..inner
    };
    Line::from(vec![
        Span::styled("Esc", theme.key()),
        Span::styled(" saves and closes; Enter starts a new line", theme.dim()),
    ])
    .render(hint, buf);
}

pub(super) fn ask(theme: Theme, ask: Ask, area: Rect, buf: &mut Buffer) {
    let (title, body) = match ask {
        Ask::Quit => (
            " Pause this walk and quit? ",
            "Every answer so far is saved and the session is listed as paused. Pick it up again later from the guide picker or with 'tshoot resume'.",
        ),
        Ask::QuitUnanswered => (
            " Quit tshoot? ",
            "Nothing is answered yet, so no session is kept.",
        ),
        Ask::Restart => (
            " Start again? ",
            "This starts the guide again from the first step; the path taken so far is replaced.",
        ),
    };
    let width = area.width.saturating_sub(4).min(60);
    let mut lines = para(
        body,
        width.saturating_sub(4) as usize,
        0,
        Style::new(),
        theme.ascii,
    );
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", theme.key()),
        Span::raw(" yes    "),
        Span::styled("n", theme.key()),
        Span::raw(" no"),
    ]));
    let rect = popup(area, width, lines.len() as u16 + 2, buf);
    let block = framed(theme, title.to_string());
    let inner = block.inner(rect);
    block.render(rect, buf);
    let inner = inner.inner(Margin::new(1, 0));
    super::draw_lines(&lines, inner, buf);
}

pub(super) fn too_small(theme: Theme, area: Rect, buf: &mut Buffer) {
    let text = format!(
        "The terminal is {}x{}; tshoot needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Make the window larger (your answers are saved), or press q to quit.",
        area.width, area.height
    );
    let lines = para(
        &text,
        area.width.saturating_sub(2) as usize,
        0,
        theme.prompt(),
        theme.ascii,
    );
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    for (i, line) in lines.iter().enumerate() {
        let y = area.y + top + i as u16;
        if y < area.bottom() {
            line.render(
                Rect {
                    x: area.x + 1,
                    y,
                    width: area.width.saturating_sub(2),
                    height: 1,
                },
                buf,
            );
        }
    }
}
