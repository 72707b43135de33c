//! Playing a case, as plain lines: the narrative, then each question with what the case shows
//! there and its answers numbered; the trainee types what plain mode reads (a number, a word,
//! an option id or label, text). No escape sequences, so it works on any console and with a
//! screen reader.

use std::io::{BufRead, Write};

use crate::engine::{Answer, Walk, WalkCommand};
use crate::guide::NodeKind;

use super::Case;

/// How a play ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The walk reached a resolution.
    Resolved,
    /// The trainee typed `quit`, or the input ended.
    Stopped,
}

/// Plays `case` on `walk` (already started with its access and evidence), reading answers from
/// `input` and writing the questions to `out`.
pub fn play(
    case: &Case,
    walk: &mut Walk,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> std::io::Result<Ended> {
    writeln!(out, "Practice case: {}", case.title)?;
    writeln!(out, "{}", one_paragraph(&case.narrative))?;
    writeln!(
        out,
        "Answer each question from what the case shows. Type a number or a word; 'quit' stops."
    )?;
    let mut line = String::new();
    while !walk.is_finished() {
        let node = walk.current().clone();
        writeln!(out)?;
        let prompt = node.prompt.as_deref().unwrap_or(node.label());
        let prompt = crate::guide::interpolate(prompt, walk.variables_now());
        let section = walk
            .guide()
            .section_title(node.section.as_deref())
            .to_string();
        if !section.is_empty() {
            writeln!(out, "[{section}]")?;
        }
        writeln!(out, "{}", one_paragraph(&prompt))?;
        writeln!(
            out,
            "  The case: {}",
            one_paragraph(&case.observation(&node.id))
        )?;
        let choices = choices(&node);
        for (i, (label, _)) in choices.iter().enumerate() {
            writeln!(out, "  {}. {label}", i + 1)?;
        }
        if node.kind == NodeKind::Info {
            writeln!(out, "  (Enter when done)")?;
        }
        // A field the case's evidence fills (an id, a time, a user): offered, as the wizard
        // offers it, so the trainee reads it instead of copying it out. The questions to decide
        // stay the trainee's.
        let offered = match walk.settled_here() {
            Some(said) if node.kind == NodeKind::Input => match said.answer {
                Answer::Text(value) => {
                    writeln!(
                        out,
                        "  From the evidence: {value} ({}). Enter takes it.",
                        said.proof
                    )?;
                    Some(value)
                }
                _ => None,
            },
            _ => None,
        };
        loop {
            write!(out, "> ")?;
            out.flush()?;
            line.clear();
            if input.read_line(&mut line)? == 0 {
                return Ok(Ended::Stopped);
            }
            let typed = line.trim();
            if typed.eq_ignore_ascii_case("quit") {
                return Ok(Ended::Stopped);
            }
            // Read as plain mode reads it: numbers, words, option ids or labels.
            let parsed = match (&offered, typed.is_empty()) {
                (Some(value), true) => Ok(Answer::Text(value.clone())),
                _ => crate::plain::reply::parse(&node, typed),
            };
            let answer = match parsed {
                Ok(answer) => answer,
                Err(expected) => {
                    writeln!(out, "  {expected}")?;
                    continue;
                }
            };
            match walk.apply(WalkCommand::Answer(answer)) {
                Ok(()) => break,
                Err(e) => writeln!(out, "  Not accepted: {e}.")?,
            }
        }
    }
    Ok(Ended::Resolved)
}

/// The numbered answers of a question, as plain mode numbers them (a checklist's items too).
fn choices(node: &crate::guide::Node) -> Vec<(String, Answer)> {
    match node.kind {
        NodeKind::Multi => node
            .options
            .iter()
            .map(|o| (o.label.to_string(), Answer::Choice(o.id.to_string())))
            .collect(),
        _ => crate::plain::reply::numbered_choices(node),
    }
}

fn one_paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
