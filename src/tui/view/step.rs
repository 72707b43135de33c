//! The step screen's main pane: the prompt, the answer widget for the node's kind, then how to
//! check, why we ask, and the step's note. The prompt and answers come first so they show at 80x24.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{framed, hanging, para, render_parts, Part};
use crate::guide::expected_input as expected;
use crate::guide::{Node, NodeKind};
use crate::tui::app::{answer_rows, input_verdict, App, Verdict, WalkState, UNSURE_LABEL};
use crate::tui::text::{display, wrap};
use crate::tui::theme::{Glyph, Theme};

pub(super) fn render(app: &App, state: &WalkState, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let area = super::reading_area(area, 100);
    let w = area.width as usize;
    let walk = &state.walk;
    let node = walk.current();
    let ascii = theme.ascii;

    let mut top = vec![Line::styled(
        display(walk.guide().section_title(node.section.as_deref()), ascii),
        theme.heading(),
    )];
    // Values captured earlier stand in their placeholders ("{{error.user}}").
    let vars = walk.variables_now();
    let prompt = crate::guide::interpolate(node.prompt.as_deref().unwrap_or(node.label()), vars);
    top.extend(para(&prompt, w, 0, theme.prompt(), ascii));
    top.push(Line::default());
    if let Some(said) = &state.said {
        // Above the answers, so it is seen before Enter is pressed.
        let text = if node.kind == NodeKind::Input {
            // The value is in the field already: say only where it came from.
            format!("From evidence: {}.", said.proof)
        } else {
            format!(
                "Evidence says: {} ({}). Enter accepts; any other answer overrides it.",
                said.answer.describe(node),
                said.proof
            )
        };
        top.extend(para(&text, w, 0, theme.ok(), ascii));
        top.push(Line::default());
    }
    if let Some(earlier) = walk.earlier_answer() {
        // Going back lost nothing: say what Enter keeps and what another answer sets aside.
        let earlier = earlier.describe(node);
        let text = match walk.kept_later_answers() {
            0 => format!("Answered before: {earlier}. Enter keeps it."),
            1 => format!(
                "Answered before: {earlier}. Enter keeps it and the answer after it; another \
                 answer sets that aside, kept in the session."
            ),
            n => format!(
                "Answered before: {earlier}. Enter keeps it and the {n} answers after it; \
                 another answer sets them aside, kept in the session."
            ),
        };
        top.extend(para(&text, w, 0, theme.ok(), ascii));
        top.push(Line::default());
    }
    let mut parts = vec![Part::Lines(top)];
    parts.extend(answer_parts(app, state, node, w));

    let mut details = Vec::new();
    // Shown (`--learn`, or `w`), the why comes first: a trainee reads it without scrolling at
    // 80x24, where the longer how-to would push it below the fold.
    if let Some(why) = node.why.as_ref().filter(|_| app.show_why) {
        details.push(Line::default());
        details.push(Line::styled("Why we ask", theme.heading()));
        let why = crate::guide::interpolate(why, vars);
        details.extend(para(&why, w, 2, Style::new(), ascii));
    }
    if let Some(how) = &node.how {
        details.push(Line::default());
        details.push(Line::styled("How to check", theme.heading()));
        let how = crate::guide::interpolate(how, vars);
        details.extend(para(&how, w, 2, Style::new(), ascii));
    }
    if let Some(note) = &walk.current_step().note {
        details.push(Line::default());
        details.push(Line::styled("Your note", theme.heading()));
        details.extend(para(note, w, 2, Style::new(), ascii));
    }
    parts.push(Part::Lines(details));
    render_parts(theme, parts, state.scroll, area, buf);
}

fn answer_parts<'a>(app: &App, state: &'a WalkState, node: &Node, w: usize) -> Vec<Part<'a>> {
    let theme = app.theme;
    match node.kind {
        NodeKind::Info => vec![Part::Lines(vec![Line::from(vec![
            Span::raw("When it is done, press "),
            Span::styled("Enter", theme.key()),
            Span::raw(" to continue."),
        ])])],
        NodeKind::Confirm | NodeKind::Choice => {
            let rows = answer_rows(node);
            let key_width = rows.iter().map(|r| r.key.len()).max().unwrap_or(1);
            let mut lines = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                let key = if node.kind == NodeKind::Confirm {
                    format!("[{}] ", row.key)
                } else {
                    format!("{:>key_width$}. ", row.key)
                };
                lines.extend(option_lines(
                    theme,
                    i == state.step.selected,
                    &key,
                    &row.label,
                    w,
                ));
            }
            vec![Part::Lines(lines)]
        }
        NodeKind::Multi => {
            let mut lines = Vec::new();
            for (i, option) in node.options.iter().enumerate() {
                let ticked = state.step.checked.get(i).copied().unwrap_or(false);
                let key = format!("[{}] ", if ticked { "x" } else { " " });
                lines.extend(option_lines(
                    theme,
                    i == state.step.selected,
                    &key,
                    &option.label,
                    w,
                ));
            }
            let ticked = state.step.checked.iter().filter(|c| **c).count();
            lines.push(Line::styled(
                format!("  {ticked} ticked; Space ticks, Enter answers"),
                theme.dim(),
            ));
            if node.unsure.is_some() {
                lines.push(Line::from(vec![
                    Span::styled("  u", theme.key()),
                    Span::styled(format!(" {UNSURE_LABEL}"), theme.dim()),
                ]));
            }
            vec![Part::Lines(lines)]
        }
        NodeKind::Input => input_parts(app, state, node, w),
        NodeKind::Resolution => Vec::new(),
    }
}

/// One answer row, wrapped with a hanging indent; the selected one is highlighted and pointed at
/// so it stays visible without colour.
fn option_lines(
    theme: Theme,
    selected: bool,
    key: &str,
    label: &str,
    w: usize,
) -> Vec<Line<'static>> {
    let pointer = if selected {
        theme.glyph(Glyph::Pointer)
    } else {
        " "
    };
    let style = if selected {
        theme.selected()
    } else {
        Style::new()
    };
    hanging(&format!("{pointer} {key}"), label, w, style, theme.ascii)
}

fn input_parts<'a>(app: &App, state: &'a WalkState, node: &Node, w: usize) -> Vec<Part<'a>> {
    let theme = app.theme;
    let guide = state.walk.guide();
    let format = node.input_format();
    let wanted = display(&expected(format, guide.pattern(&node.id)), theme.ascii);
    let title = match (node.multiline(), node.optional()) {
        (true, true) => " Answer (several lines allowed; optional) ",
        (true, false) => " Answer (several lines allowed) ",
        (false, true) => " Answer (optional) ",
        (false, false) => " Answer ",
    };
    let field = Part::Field {
        height: if node.multiline() { 7 } else { 3 },
        block: Box::new(framed(theme, title.to_string())),
        editor: &state.step.input,
    };
    let verdict = input_verdict(guide, node, &state.step.input_text());
    let line = |glyph: Glyph, text: &str, style: Style| {
        let glyph = theme.glyph(glyph);
        let gw = super::width(glyph);
        wrap(text, w.saturating_sub(gw + 1))
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let head = if i == 0 {
                    glyph.to_string()
                } else {
                    " ".repeat(gw)
                };
                Line::styled(format!("{head} {l}"), style)
            })
            .collect::<Vec<_>>()
    };
    let from_paste = matches!(
        state.said.as_ref().map(|s| &s.answer),
        Some(crate::engine::Answer::Text(v)) if v.trim() == state.step.input_text().trim()
    );
    let mut lines = match verdict {
        Verdict::Valid if from_paste => line(
            Glyph::Valid,
            "Taken from the evidence: check it, then Enter answers.",
            theme.ok(),
        ),
        Verdict::Valid => line(Glyph::Valid, "Looks right: Enter answers.", theme.ok()),
        Verdict::Invalid(why) => line(Glyph::Invalid, &display(&why, theme.ascii), theme.error()),
        Verdict::Empty { required: true } if state.step.tried => {
            line(Glyph::Invalid, "An answer is required here.", theme.error())
        }
        Verdict::Empty { required } => {
            let lead = if required {
                "Expected"
            } else {
                "Optional: Enter skips. Expected"
            };
            para(&format!("{lead} {wanted}."), w, 0, theme.dim(), theme.ascii)
        }
    };
    if node.unsure.is_some() {
        lines.push(Line::from(vec![
            Span::styled("Ctrl-D", theme.key()),
            Span::styled(format!(" {UNSURE_LABEL}"), theme.dim()),
        ]));
    }
    vec![field, Part::Lines(lines)]
}
