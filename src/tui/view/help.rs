//! The help overlay: every key of the screen below it, generated from the keymap's table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{framed, popup};
use crate::tui::keymap::{help_rows, Mode};
use crate::tui::text::{width, wrap};
use crate::tui::theme::{Glyph, Theme};

pub(super) fn render(theme: Theme, below: Mode, scroll: u16, area: Rect, buf: &mut Buffer) {
    let rows = help_rows(below);
    let key_width = rows
        .iter()
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(28);
    let rect_width = area.width.saturating_sub(4).min(90);
    let text_width = (rect_width as usize).saturating_sub(key_width + 5).max(10);
    let mut lines = Vec::new();
    for (keys, help) in &rows {
        for (i, l) in wrap(help, text_width).into_iter().enumerate() {
            let k = if i == 0 { keys.as_str() } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {k:<key_width$}"), theme.key()),
                Span::raw("  "),
                Span::raw(l),
            ]));
        }
    }
    let rect = popup(area, rect_width, lines.len() as u16 + 2, buf);
    let block = framed(theme, format!(" Keys: {} ", below.ctx.name()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let visible = inner.height as usize;
    let overflow = lines.len() > visible;
    let room = if overflow {
        visible.saturating_sub(1)
    } else {
        visible
    };
    let first = (scroll as usize).min(lines.len().saturating_sub(room));
    super::draw_lines(lines.iter().skip(first).take(room), inner, buf);
    if overflow {
        let glyph = if first + room < lines.len() {
            Glyph::MoreBelow
        } else {
            Glyph::MoreAbove
        };
        let r = Rect {
            y: inner.bottom().saturating_sub(1),
            height: 1,
            ..inner
        };
        Line::styled(theme.glyph(glyph), theme.dim()).render(r, buf);
    }
    let _ = Style::new();
}
