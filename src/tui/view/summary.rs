//! The summary screen at a resolution: outcome, cause, numbered fix steps, how to verify,
//! references, findings by section, evidence, and the path taken with answers and notes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{hanging, para, render_parts, Part};
use crate::guide::Outcome;
use crate::report::Summary;
use crate::tui::app::{App, WalkState};
use crate::tui::text::display;
use crate::tui::theme::Glyph;

pub(super) fn render(app: &App, state: &WalkState, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let ascii = theme.ascii;
    let area = super::reading_area(area, 110);
    let w = area.width as usize;
    let walk = &state.walk;
    let summary = Summary::of(walk);
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
                let text = format!(
                    "{} {} <{}>",
                    theme.glyph(Glyph::Bullet),
                    reference.title,
                    reference.url
                );
                lines.extend(para(&text, w, 2, Style::new(), ascii));
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
    for step in &summary.path {
        let label = walk
            .guide()
            .node(&step.node)
            .map_or(step.question.as_str(), |n| n.label());
        let answer = step.answer.as_deref().unwrap_or("(not answered)");
        let text = format!("{:>2}. {label} {arrow} {answer}", step.number);
        lines.extend(para(&text, w, 1, Style::new(), ascii));
        if let Some(note) = &step.note {
            lines.extend(para(&format!("note: {note}"), w, 6, theme.dim(), ascii));
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
    render_parts(theme, vec![Part::Lines(lines)], state.scroll, area, buf);
}
