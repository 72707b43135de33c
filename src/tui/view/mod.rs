//! Draws the App: header, the screen, status line, footer of key hints, and any overlay. Views
//! borrow the state and never change it.

mod dialog;
mod help;
mod history;
mod map;
mod picker;
mod rows;
mod sidebar;
mod step;
mod summary;

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use ratatui::Frame;
use tui_textarea::TextArea;

use super::app::{App, Overlay, Screen};
use super::keymap::{hints, Mode};
use super::text::{display, reflow, truncate, width, wrap};
use super::theme::{Glyph, Theme};
use rows::Share;

pub use summary::{visible_links, Link};

/// Draws one frame.
pub fn draw(frame: &mut Frame, app: &App) {
    frame.render_widget(app, frame.area());
}

impl Widget for &App<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        if area.width < super::app::MIN_WIDTH || area.height < super::app::MIN_HEIGHT {
            dialog::too_small(theme, area, buf);
            return;
        }
        // The status wraps to as many rows as it needs (an export lists paths the technician
        // needs), up to a third of the screen so the step stays in view.
        let status_lines: Vec<Line> = match &self.status {
            None => Vec::new(),
            Some(s) => {
                let (glyph, style) = if s.error {
                    (theme.glyph(Glyph::Invalid), theme.error())
                } else {
                    (theme.glyph(Glyph::Valid), theme.ok())
                };
                let mut lines = hanging(
                    &format!(" {glyph} "),
                    &s.text,
                    area.width.saturating_sub(1) as usize,
                    style,
                    theme.ascii,
                );
                let room = usize::from(area.height / 3).max(3);
                if lines.len() > room {
                    lines.truncate(room);
                    if let Some(last) = lines.last_mut() {
                        last.spans.push(Span::styled(
                            if theme.ascii { " ..." } else { " \u{2026}" },
                            style,
                        ));
                    }
                }
                lines
            }
        };
        let status_height = status_lines.len() as u16;
        let [header, body, status, footer] = rows::rows(
            area,
            [
                Share::Fixed(1),
                Share::Rest,
                Share::Fixed(status_height),
                Share::Fixed(1),
            ],
        );
        render_header(self, header, buf);
        match &self.screen {
            Screen::Picker(state) => picker::render(self, state, body, buf),
            Screen::Walk(state) if state.walk.is_finished() => {
                summary::render(self, state, body, buf)
            }
            Screen::Walk(state) => {
                let side = (body.width / 4).clamp(22, 32);
                let [left, right] = rows::columns(body, [Share::Fixed(side), Share::Rest]);
                sidebar::render(theme, &state.walk, left, buf);
                step::render(self, state, right, buf);
            }
        }
        draw_lines(&status_lines, status, buf);
        render_footer(theme, self.mode(), footer, buf);
        match &self.overlay {
            None => {}
            Some(Overlay::Help { below, scroll }) => {
                help::render(theme, *below, *scroll, body, buf)
            }
            Some(Overlay::History { selected }) => {
                if let Some(walk) = self.walk() {
                    history::render(theme, walk, *selected, body, buf);
                }
            }
            Some(Overlay::Map {
                selected,
                scroll,
                open,
            }) => {
                if let Some(walk) = self.walk() {
                    map::render(theme, walk, *selected, *scroll, open.as_deref(), body, buf);
                }
            }
            Some(Overlay::Note { step, editor }) => {
                let label = self
                    .walk()
                    .and_then(|w| {
                        w.steps()
                            .get(*step)
                            .map(|s| w.node_of(s).label().to_string())
                    })
                    .unwrap_or_default();
                dialog::note(theme, *step, &label, editor, body, buf);
            }
            Some(Overlay::Access { checked, selected }) => {
                if let Some(walk) = self.walk() {
                    dialog::access(
                        theme,
                        &walk.guide().guide().access,
                        checked,
                        *selected,
                        body,
                        buf,
                    );
                }
            }
            Some(Overlay::Attach { editor, error }) => {
                dialog::attach(theme, editor, error.as_deref(), body, buf);
            }
            Some(Overlay::Ask(ask)) => dialog::ask(theme, *ask, body, buf),
            Some(Overlay::Who {
                ticket,
                technician,
                focus,
                opening,
            }) => dialog::who(theme, [ticket, technician], *focus, *opening, body, buf),
            Some(Overlay::Discard { id }) => dialog::discard(theme, id, body, buf),
        }
    }
}

fn render_header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    buf.set_style(area, theme.header());
    let (left, right) = match app.walk() {
        Some(walk) => {
            let guide = walk.guide();
            // After a walk went on in another guide, the header names the guide it stands in.
            let (title, version) = match guide.guide().joined_of(&walk.current().id) {
                Some((j, _)) => (j.title.as_str(), j.version.as_str()),
                None => (guide.title(), guide.version()),
            };
            let right = if walk.is_finished() {
                format!("v{version}{}summary ", theme.glyph(Glyph::Separator))
            } else {
                format!(
                    "v{version}{}step {} ",
                    theme.glyph(Glyph::Separator),
                    walk.current_index() + 1
                )
            };
            // Who and for which ticket, where the technician looks (U6).
            // Each kept short, so the guide's title keeps most of the line.
            let ticket = app.who.ticket.as_deref().unwrap_or("no ticket");
            let ticket = truncate(&display(ticket, theme.ascii), 20, theme.ascii);
            let tech = truncate(&display(&app.who.technician, theme.ascii), 16, theme.ascii);
            let who = if tech.is_empty() {
                ticket
            } else {
                format!("{ticket}{}{tech}", theme.glyph(Glyph::Separator))
            };
            (
                format!(" {title}"),
                format!("{who}{}{right}", theme.glyph(Glyph::Separator)),
            )
        }
        None => (
            " tshoot: pick a troubleshooting guide".to_string(),
            String::new(),
        ),
    };
    let right = display(&right, theme.ascii);
    let room = (area.width as usize).saturating_sub(width(&right) + 1);
    let left = truncate(&display(&left, theme.ascii), room, theme.ascii);
    Line::from(left).render(area, buf);
    let rw = width(&right) as u16;
    if rw < area.width {
        let r = Rect {
            x: area.right() - rw,
            width: rw,
            ..area
        };
        Line::from(right).render(r, buf);
    }
}

/// The keys of this screen, most important first, as many as fit; help and quit always stay.
fn render_footer(theme: Theme, mode: Mode, area: Rect, buf: &mut Buffer) {
    let all = hints(mode);
    let (tail, head): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|(_, h)| *h == "help" || *h == "quit");
    let item_width = |(k, h): &(String, &str)| width(k) + 1 + width(h) + 2;
    let mut room =
        (area.width as usize).saturating_sub(1 + tail.iter().map(item_width).sum::<usize>());
    let mut shown = Vec::new();
    for item in head {
        let w = item_width(&item);
        if w <= room {
            room -= w;
            shown.push(item);
        }
    }
    shown.extend(tail);
    let mut spans = vec![Span::raw(" ")];
    for (keys, hint) in shown {
        spans.push(Span::styled(keys, theme.key()));
        spans.push(Span::raw(format!(" {hint}  ")));
    }
    Line::from(spans).render(area, buf);
}

/// A block with the theme's border set and a title.
fn framed<'a>(theme: Theme, title: String) -> Block<'a> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .border_style(theme.border_style())
        .title(Span::styled(title, theme.prompt()))
}

/// A rectangle of at most `w` x `h` centred in `area`, cleared for a popup.
fn popup(area: Rect, w: u16, h: u16, buf: &mut Buffer) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let r = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    // One blank cell around the frame: text beneath never touches its border, and a wide
    // character straddling the edge is not left half drawn.
    let left = r.x.saturating_sub(1).max(area.x);
    let top = r.y.saturating_sub(1).max(area.y);
    let right = (r.x + r.width + 1).min(area.x + area.width);
    let bottom = (r.y + r.height + 1).min(area.y + area.height);
    Clear.render(
        Rect {
            x: left,
            y: top,
            width: right - left,
            height: bottom - top,
        },
        buf,
    );
    r
}

/// Wrapped, cleaned text as lines, each prefixed with `indent` spaces.
fn para(text: &str, w: usize, indent: usize, style: Style, ascii: bool) -> Vec<Line<'static>> {
    wrap(&reflow(&display(text, ascii)), w.saturating_sub(indent))
        .into_iter()
        .map(|l| Line::styled(format!("{}{l}", " ".repeat(indent)), style))
        .collect()
}

/// `lead` then wrapped text, later lines indented to line up under the text.
fn hanging(lead: &str, text: &str, w: usize, style: Style, ascii: bool) -> Vec<Line<'static>> {
    let indent = width(lead);
    wrap(&reflow(&display(text, ascii)), w.saturating_sub(indent))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let head = if i == 0 {
                lead.to_string()
            } else {
                " ".repeat(indent)
            };
            Line::styled(format!("{head}{l}"), style)
        })
        .collect()
}

/// A piece of a scrolling pane: lines of text, or a text field in a frame.
enum Part<'a> {
    Lines(Vec<Line<'a>>),
    Field {
        height: u16,
        block: Box<Block<'a>>,
        editor: &'a TextArea<'static>,
    },
}

impl Part<'_> {
    fn height(&self) -> u16 {
        match self {
            Part::Lines(lines) => lines.len() as u16,
            Part::Field { height, .. } => *height,
        }
    }
}

/// Renders the parts top to bottom from line `scroll`; when they do not fit, the last row says
/// there is more and which key shows it.
fn render_parts(theme: Theme, parts: Vec<Part>, scroll: u16, area: Rect, buf: &mut Buffer) {
    let total: u16 = parts.iter().map(Part::height).sum();
    let overflow = total > area.height;
    let visible = if overflow {
        area.height.saturating_sub(1)
    } else {
        area.height
    };
    let scroll = scroll.min(total.saturating_sub(visible));
    let mut y = 0u16;
    for part in parts {
        let h = part.height();
        let (top, bottom) = (y.max(scroll), (y + h).min(scroll + visible));
        if top < bottom {
            let rect = Rect {
                y: area.y + top - scroll,
                height: bottom - top,
                ..area
            };
            match part {
                Part::Lines(lines) => {
                    draw_lines(lines.iter().skip((top - y) as usize), rect, buf);
                }
                Part::Field { block, editor, .. } => {
                    let inner = block.inner(rect);
                    (*block).render(rect, buf);
                    Widget::render(editor, inner, buf);
                }
            }
        }
        y += h;
    }
    if overflow {
        let glyph = if scroll + visible < total {
            Glyph::MoreBelow
        } else {
            Glyph::MoreAbove
        };
        let text = theme.glyph(glyph);
        let w = (width(text) as u16).min(area.width);
        let r = Rect {
            x: area.right() - w,
            y: area.bottom() - 1,
            width: w,
            height: 1,
        };
        Line::styled(text, theme.dim()).render(r, buf);
    }
}

/// The part of a pane text is set in: a blank column each side and a blank row on top, and no
/// wider than `max_width`, because lines much longer than 100 columns are hard to read.
pub(super) fn reading_area(area: Rect, max_width: u16) -> Rect {
    let padded = area.inner(Margin::new(1, 0));
    Rect {
        width: padded.width.min(max_width),
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..padded
    }
}

/// Draws lines one per row from the top of `area`, clipping what does not fit.
pub(super) fn draw_lines<'a>(
    lines: impl IntoIterator<Item = &'a Line<'a>>,
    area: Rect,
    buf: &mut Buffer,
) {
    for (line, y) in lines.into_iter().zip(area.top()..area.bottom()) {
        line.render(
            Rect {
                y,
                height: 1,
                ..area
            },
            buf,
        );
    }
}
