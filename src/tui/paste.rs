//! Where a paste goes: the note being written; evidence (an error page, `dsregcmd`, `klist`, a
//! token, ...) is recognised and attached to the walk, not typed into a field; other text goes
//! into the input field. In the picker, evidence is kept for the walk the technician starts, and
//! an error page narrows the list to its error code. Pasted text is cleaned first.

use super::app::{App, Overlay, Screen, Status};
use super::text;
use super::update::Effect;
use crate::engine::{Attached, WalkCommand};
use crate::evidence::{self, error_page, Reading, Refusal};
use crate::guide::NodeKind;

/// The longest filter a paste without a known error code leaves in the picker.
const MAX_FILTER: usize = 60;

pub fn paste(app: &mut App, pasted: &str) -> Vec<Effect> {
    let cleaned = text::clean(pasted);
    match &mut app.overlay {
        Some(Overlay::Note { editor, .. }) => {
            editor.insert_str(cleaned);
            return Vec::new();
        }
        Some(Overlay::Attach { editor, .. }) => {
            // A path pasted from a file manager, quotes and all.
            editor.insert_str(
                text::one_line(&cleaned, false)
                    .trim()
                    .trim_matches(['"', '\'']),
            );
            return Vec::new();
        }
        Some(_) => return Vec::new(),
        None => {}
    }
    let read = evidence::read(&cleaned);
    match &mut app.screen {
        Screen::Picker(picker) => {
            let upper = cleaned.to_ascii_uppercase();
            let wanted = error_page::error_codes(&cleaned);
            let code = app.catalog.matching_codes(&wanted).first().and_then(|e| {
                e.header
                    .error_codes
                    .iter()
                    .find(|c| upper.contains(&c.to_ascii_uppercase()))
                    .cloned()
            });
            picker.filter = code.unwrap_or_else(|| match &read {
                // Evidence without an error code filters nothing out: every guide may read it.
                Ok(_) => String::new(),
                Err(_) => {
                    // The first line that says something, not a banner rule.
                    let first = cleaned
                        .lines()
                        .map(|l| l.trim().trim_matches(['|', '+', '-', '=', ' ']))
                        .find(|l| l.chars().any(char::is_alphanumeric));
                    first.unwrap_or_default().chars().take(MAX_FILTER).collect()
                }
            });
            picker.selected = 0;
            if let Ok(reading) = read {
                let what = format!("{} ({} facts)", reading.kind.label(), reading.facts.len());
                picker.pasted.push(Attached {
                    reading,
                    origin: "pasted".into(),
                    at: app.clock.now(),
                });
                app.status = Status::info(format!(
                    "Read {what}: Enter starts the guide with it; its facts answer the questions they settle."
                ));
            }
            Vec::new()
        }
        Screen::Walk(state) => {
            let node = state.walk.current();
            match read {
                Ok(reading) => attach(app, reading),
                Err(Refusal::Unrecognised) if node.kind == NodeKind::Input => {
                    let input = if node.multiline() {
                        cleaned
                    } else {
                        text::one_line(&cleaned, false)
                    };
                    state.step.input.insert_str(input);
                    Vec::new()
                }
                Err(refusal) => {
                    app.status = Status::error(format!("Nothing attached: {refusal}."));
                    Vec::new()
                }
            }
        }
    }
}

/// Attaches a reading to the walk and says what it settles; the walk saves it.
pub fn attach(app: &mut App, reading: Reading) -> Vec<Effect> {
    attach_from(app, reading, "pasted".into())
}

/// Attaches a reading from `origin` (`pasted`, or a file's name).
pub fn attach_from(app: &mut App, reading: Reading, origin: String) -> Vec<Effect> {
    let theme = app.theme;
    let Screen::Walk(state) = &mut app.screen else {
        return Vec::new();
    };
    let what = format!("{} ({} facts)", reading.kind.label(), reading.facts.len());
    let attached = Attached {
        reading,
        origin,
        at: app.clock.now(),
    };
    if state
        .walk
        .apply(WalkCommand::Attach(Box::new(attached)))
        .is_err()
    {
        return Vec::new();
    }
    state.reset(theme);
    let node = state.walk.current();
    let here = match &state.said {
        Some(said) => format!(
            " It answers this question: {}. Enter accepts.",
            said.answer.describe(node)
        ),
        None => String::new(),
    };
    let against = state.walk.contradictions();
    let flagged = match against.first() {
        Some(c) => format!(
            " It contradicts the answer at step {}{}: see the history (h).",
            c.step + 1,
            if against.len() > 1 {
                format!(" and {} more", against.len() - 1)
            } else {
                String::new()
            }
        ),
        None => String::new(),
    };
    app.status = Status::info(format!("Attached {what}.{here}{flagged}"));
    vec![Effect::Save]
}
