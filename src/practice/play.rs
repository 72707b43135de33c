//! Playing a case, as plain lines: the narrative, then each question with what the case shows
//! there and its answers numbered; the trainee types a number, a word (yes, no, an option id)
//! or text. No escape sequences, so it works on any console and with a screen reader.

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
            let answer = match read_answer(&node, &choices, typed) {
                Ok(answer) => answer,
                Err(expected) => {
                    writeln!(out, "  Expected {expected}.")?;
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

/// The numbered answers of a question: label and answer, "can't check" last when offered.
fn choices(node: &crate::guide::Node) -> Vec<(String, Answer)> {
    let mut rows: Vec<(String, Answer)> = match node.kind {
        NodeKind::Confirm => vec![("Yes".into(), Answer::Yes), ("No".into(), Answer::No)],
        NodeKind::Choice => node
            .options
            .iter()
            .map(|o| (o.label.to_string(), Answer::Choice(o.id.to_string())))
            .collect(),
        NodeKind::Multi => node
            .options
            .iter()
            .map(|o| (o.label.to_string(), Answer::Choice(o.id.to_string())))
            .collect(),
        _ => Vec::new(),
    };
    if node.unsure.is_some() && node.kind != NodeKind::Input {
        rows.push(("Can't check / don't know".into(), Answer::Unsure));
    }
    rows
}

/// What the trainee typed as an answer to `node`, or what is expected instead.
fn read_answer(
    node: &crate::guide::Node,
    choices: &[(String, Answer)],
    typed: &str,
) -> Result<Answer, String> {
    let pick = |word: &str| -> Option<Answer> {
        let word = word.trim();
        if let Ok(n) = word.parse::<usize>() {
            return choices.get(n.checked_sub(1)?).map(|(_, a)| a.clone());
        }
        let lower = word.to_lowercase();
        match lower.as_str() {
            "y" | "yes" if node.kind == NodeKind::Confirm => return Some(Answer::Yes),
            "n" | "no" if node.kind == NodeKind::Confirm => return Some(Answer::No),
            "u" | "unsure" | "can't check" if node.unsure.is_some() => return Some(Answer::Unsure),
            _ => {}
        }
        choices
            .iter()
            .find(|(label, answer)| {
                label.eq_ignore_ascii_case(word)
                    || matches!(answer, Answer::Choice(id) if id.eq_ignore_ascii_case(word))
            })
            .map(|(_, a)| a.clone())
    };
    match node.kind {
        NodeKind::Info => Ok(Answer::Continue),
        NodeKind::Input => {
            if typed.eq_ignore_ascii_case("unsure") && node.unsure.is_some() {
                Ok(Answer::Unsure)
            } else {
                Ok(Answer::Text(typed.to_string()))
            }
        }
        NodeKind::Multi => {
            if typed.eq_ignore_ascii_case("none") || typed.is_empty() {
                return Ok(Answer::Multi(Vec::new()));
            }
            let mut ids = Vec::new();
            for word in typed.split([',', ' ']).filter(|w| !w.is_empty()) {
                match pick(word) {
                    Some(Answer::Choice(id)) => ids.push(id),
                    Some(Answer::Unsure) => return Ok(Answer::Unsure),
                    _ => {
                        return Err(format!(
                            "the numbers of the items that apply, or 'none' ('{word}' is not one)"
                        ))
                    }
                }
            }
            Ok(Answer::Multi(ids))
        }
        _ => pick(typed)
            .ok_or_else(|| format!("a number from 1 to {}, or the answer's word", choices.len())),
    }
}

fn one_paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
