//! The summary screen at a resolution: outcome, cause, numbered fix steps, how to verify,
//! references, findings by section, evidence, and the path taken with answers and notes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{hanging, para, render_parts, Part};
use crate::guide::Outcome;
use crate::report::{redact, Policy, Summary};
use crate::tui::app::{App, WalkState};
use crate::tui::text::{display, width as display_width};
use crate::tui::theme::Glyph;

pub(super) fn render(app: &App, state: &WalkState, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let ascii = theme.ascii;
    let area = super::reading_area(area, 110);
    let w = area.width as usize;
    let walk = &state.walk;
    // The same redaction as every report: a shared screen must not show a secret either.
    let summary = redact::summary(&Summary::of(walk), &Policy::secrets_only());
    let mut lines: Vec<Line> = Vec::new();
    let heading = |lines: &mut Vec<Line>, title: &str| {
        lines.push(Line::default());
        lines.push(Line::styled(title.to_string(), theme.heading()));
    };

    if let Some(r) = &summary.resolution {
        let style = match r.outcome {
            Outcome::Resolved => theme.ok(),
            Outcome::Workaround => theme.finding(),
            Outcome::Escalate => theme.error(),
        };
        let badge = format!("[{}]", r.outcome.name().to_uppercase());
        lines.push(Line::from(vec![
            Span::styled(badge, style.add_modifier(ratatui::style::Modifier::BOLD)),
            Span::raw(" "),
            Span::styled(display(&r.title, ascii), theme.prompt()),
        ]));
        if let Some(owner) = &r.owner {
            lines.extend(para(
                &format!("Hand-off to: {owner}"),
                w,
                0,
                theme.prompt(),
                ascii,
            ));
        }
        if !r.cause.is_empty() {
            lines.extend(para(
                &format!("Cause: {}", r.cause),
                w,
                0,
                Style::new(),
                ascii,
            ));
        }
        if !summary.open_checks.is_empty() {
            // The hand-off's to-do list: what was not checked and who can check it.
            heading(&mut lines, "Open checks");
            for c in &summary.open_checks {
                let who = if c.owners.is_empty() {
                    String::new()
                } else {
                    format!(" -> {}", c.owners.join(", "))
                };
                lines.extend(hanging(
                    &format!("{:>2}. ", c.number),
                    &format!("{} ({}){who}", c.question, c.reason),
                    w,
                    Style::new(),
                    ascii,
                ));
            }
        }
        if !r.steps.is_empty() {
            heading(&mut lines, "Fix");
            for (i, step) in r.steps.iter().enumerate() {
                lines.extend(hanging(
                    &format!("{:>2}. ", i + 1),
                    step,
                    w,
                    Style::new(),
                    ascii,
                ));
            }
        }
        if let Some(verify) = &r.verify {
            heading(&mut lines, "Verify");
            lines.extend(para(verify, w, 2, Style::new(), ascii));
        }
        if !r.references.is_empty() {
            heading(&mut lines, "References");
            for reference in &r.references {
                let text = format!("{} {}", theme.glyph(Glyph::Bullet), reference.title);
                lines.extend(para(&text, w, 2, Style::new(), ascii));
                // The address on lines of its own, broken only after a `/`, `?` or `&`: never
                // in the middle of a word, so it can still be read and typed.
                for part in url_lines(&display(&reference.url, ascii), w.saturating_sub(4)) {
                    lines.push(Line::styled(format!("    {part}"), theme.dim()));
                }
            }
        }
        if let Some(note) = &r.note {
            heading(&mut lines, "Your note");
            for line in note.lines() {
                lines.extend(para(line, w, 2, Style::new(), ascii));
            }
        }
    }
    if !summary.findings.is_empty() {
        heading(&mut lines, "Findings");
        for group in &summary.findings {
            lines.push(Line::styled(
                format!("  {}", display(&group.title, ascii)),
                theme.prompt(),
            ));
            for f in &group.findings {
                let text = format!("{} {f}", theme.glyph(Glyph::Bullet));
                lines.extend(para(&text, w, 4, Style::new(), ascii));
            }
        }
    }
    if !summary.ruled_out.is_empty() {
        heading(&mut lines, "Checked and ruled out");
        for group in &summary.ruled_out {
            lines.push(Line::styled(
                format!("  {}", display(&group.title, ascii)),
                theme.prompt(),
            ));
            for item in &group.findings {
                let text = format!("{} {item}", theme.glyph(Glyph::Bullet));
                lines.extend(para(&text, w, 4, Style::new(), ascii));
            }
        }
    }
    if !summary.evidence.is_empty() {
        heading(&mut lines, "Evidence");
        for e in &summary.evidence {
            lines.extend(para(
                &format!("{}: {}", e.label, e.value),
                w,
                2,
                Style::new(),
                ascii,
            ));
        }
    }
    heading(&mut lines, "Path taken");
    let arrow = theme.glyph(Glyph::Arrow);
    // Learning: what each answer showed, so the path reads as the reasoning that led here.
    let taught = app.show_why.then(|| what_each_answer_showed(&state.walk));
    for step in &summary.path {
        let answer = step.answer.as_deref().unwrap_or("(not answered)");
        let text = format!("{:>2}. {} {arrow} {answer}", step.number, step.title);
        lines.extend(para(&text, w, 1, Style::new(), ascii));
        let lesson = taught
            .as_ref()
            .and_then(|t| t.get(step.number - 1))
            .and_then(Option::as_ref);
        if let Some(lesson) = lesson {
            lines.extend(para(lesson, w, 6, theme.ok(), ascii));
        }
        if let Some(note) = &step.note {
            // Each line of the note stays a line.
            for (i, line) in note.trim().lines().enumerate() {
                let line = if i == 0 {
                    format!("note: {line}")
                } else {
                    format!("      {line}")
                };
                lines.extend(para(&line, w, 6, theme.dim(), ascii));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        display(
            &format!(
                "Guide {} version {}",
                summary.guide_id, summary.guide_version
            ),
            ascii,
        ),
        theme.dim(),
    ));
    for c in &summary.continued_in {
        lines.extend(para(
            &format!(
                "Continued in {} version {} from step {} ({})",
                c.id, c.version, c.from_step, c.from_title
            ),
            w,
            0,
            theme.dim(),
            ascii,
        ));
    }
    render_parts(theme, vec![Part::Lines(lines)], state.scroll, area, buf);
}

/// For each answered step, what its answer showed a trainee: the findings it recorded (ruled
/// in), that a check found nothing (ruled out), or that it was not checked; `None` for steps
/// that only record or instruct.
fn what_each_answer_showed(walk: &crate::engine::Walk) -> Vec<Option<String>> {
    use crate::engine::Answer;
    use crate::guide::NodeKind;
    let findings = walk.findings();
    walk.answered()
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let here: Vec<&str> = findings
                .iter()
                .filter(|f| f.step == i)
                .map(|f| f.text.as_str())
                .collect();
            let node = walk.node_of(step);
            match (&step.answer, node.kind) {
                (Some(Answer::Unsure), _) => {
                    Some("left open: not checked, so nothing is ruled in or out".to_string())
                }
                _ if !here.is_empty() => Some(format!("ruled in: {}", here.join("; "))),
                (Some(_), NodeKind::Confirm | NodeKind::Choice | NodeKind::Multi) => {
                    Some("ruled out: this check found nothing wrong".to_string())
                }
                _ => None,
            }
        })
        .collect()
}

/// A run of cells on the screen that shows (part of) a link's address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub x: u16,
    pub y: u16,
    /// The characters the cells show: a piece of the address.
    pub text: String,
    /// The whole address it links to.
    pub url: String,
}

/// The references' addresses as drawn on a summary screen in `buffer`, piece by piece (an
/// address broken over lines continues at the same column on the next row). The terminal loop
/// writes each again as an OSC 8 link over the same characters, so the frame itself holds no
/// escape sequence and its cell widths stay true. Only web and mail addresses are linked.
pub fn visible_links(app: &App, buffer: &Buffer) -> Vec<Link> {
    let Some(resolution) = app.walk().and_then(|w| w.resolution()) else {
        return Vec::new();
    };
    let mut links = Vec::new();
    for reference in resolution.references() {
        let Some(url) = crate::text::link_target(&reference.url) else {
            continue;
        };
        links.extend(find_address(buffer, url));
    }
    links
}

/// How many characters of `text` the cells from `(x, y)` on spell, one character a cell.
fn spelled(buffer: &Buffer, x: u16, y: u16, text: &str) -> usize {
    let area = buffer.area;
    text.chars()
        .zip(x..area.x + area.width)
        .take_while(|&(c, cx)| {
            let mut one = [0u8; 4];
            buffer[(cx, y)].symbol() == c.encode_utf8(&mut one)
        })
        .count()
}

/// Every place `url` is drawn whole: its pieces, row after row at the same column.
fn find_address(buffer: &Buffer, url: &str) -> Vec<Link> {
    let area = buffer.area;
    let mut found = Vec::new();
    // A piece shorter than the scheme could be any text; the rest must continue it exactly.
    let shortest = url.len().min(8);
    for y in area.y..area.y + area.height {
        for x in area.x..area.x + area.width {
            let first = spelled(buffer, x, y, url);
            if first < shortest {
                continue;
            }
            let (mut rest, mut row) = (url, y);
            let mut count = first;
            let mut pieces = Vec::new();
            while count > 0 {
                let (piece, after) = rest.split_at(
                    rest.char_indices()
                        .nth(count)
                        .map_or(rest.len(), |(i, _)| i),
                );
                pieces.push(Link {
                    x,
                    y: row,
                    text: piece.to_string(),
                    url: url.to_string(),
                });
                rest = after;
                row += 1;
                count = if rest.is_empty() || row >= area.y + area.height {
                    0
                } else {
                    spelled(buffer, x, row, rest)
                };
            }
            // Only the whole address, all of it on screen, is a link: a start that another
            // address shares (`https://`) or one cut off by the bottom edge is not.
            if rest.is_empty() {
                found.extend(pieces);
            }
        }
    }
    found
}

/// `url` in pieces no wider than `width`, each ending after a `/`, `?` or `&` (a piece with none
/// stays whole, wider or not).
fn url_lines(url: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut piece = String::new();
    for c in url.chars() {
        piece.push(c);
        if matches!(c, '/' | '?' | '&') {
            if !line.is_empty() && display_width(&line) + display_width(&piece) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push_str(&std::mem::take(&mut piece));
        }
    }
    if !line.is_empty() && display_width(&line) + display_width(&piece) > width {
        lines.push(std::mem::take(&mut line));
    }
    line.push_str(&piece);
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{find_address, url_lines, Link};
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn an_address_broken_over_rows_is_found_piece_by_piece() {
        let url = "https://learn.microsoft.com/entra/identity/hybrid/";
        let mut buffer = Buffer::empty(Rect::new(0, 0, 40, 4));
        buffer.set_string(0, 0, "see https://learn.microsoft.com/", Style::new());
        buffer.set_string(4, 1, "entra/identity/hybrid/", Style::new());
        buffer.set_string(4, 3, "https://other.example/", Style::new());
        let link = |y: u16, text: &str| Link {
            x: 4,
            y,
            text: text.into(),
            url: url.into(),
        };
        assert_eq!(
            find_address(&buffer, url),
            [
                link(0, "https://learn.microsoft.com/"),
                link(1, "entra/identity/hybrid/")
            ]
        );
    }

    #[test]
    fn a_long_url_breaks_only_after_a_slash_and_loses_nothing() {
        let url = "https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sso-how-it-works";
        let lines = url_lines(url, 40);
        assert_eq!(lines.concat(), url);
        assert_eq!(
            lines,
            [
                "https://learn.microsoft.com/entra/",
                "identity/hybrid/connect/",
                "how-to-connect-sso-how-it-works"
            ]
        );
        assert_eq!(url_lines("https://e.x/a", 80), ["https://e.x/a"]);
    }
}
