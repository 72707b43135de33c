//! Where a paste goes: the note being written; evidence (an error page, `dsregcmd`, `klist`, a
//! token, ...) is recognised and attached to the walk, not typed into a field; other text goes
//! into the input field. In the picker, evidence is kept for the walk the technician starts, and
//! an error page narrows the list to its error code. Pasted text is cleaned first.

use super::app::{App, Overlay, Screen, Status, WhoField};
use super::effect::Effect;
use super::text;
use crate::engine::{Attached, WalkCommand};
use crate::evidence::{self, error_page, Reading, Refusal};
use std::sync::Arc;

use crate::engine::Walk;
use crate::guide::{Catalog, Entry, NodeKind, Settle, ValidGuide};

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
        Some(Overlay::Who {
            ticket,
            technician,
            focus,
            ..
        }) => {
            // A ticket reference copied from the ticket system.
            let editor = match focus {
                WhoField::Ticket => ticket,
                WhoField::Technician => technician,
            };
            editor.insert_str(text::one_line(&cleaned, false).trim());
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
            let Ok(reading) = read else {
                return Vec::new();
            };
            let what = format!("{} ({} facts)", reading.kind.label(), reading.facts.len());
            let guide = guide_for(app.catalog, &wanted, &reading);
            picker.pasted.push(Attached {
                reading,
                origin: "pasted".into(),
                at: app.clock.now(),
            });
            // One guide for it: a new walk starts at once, so the paste never lands in an
            // older session of the same error.
            if let Some(guide) = guide {
                let title = guide.title().to_string();
                app.open_walk(Walk::start(guide, app.clock.clone()));
                app.status = Status::info(format!(
                    "Started '{title}' with the pasted {what}; the questions it settles are answered."
                ));
                return vec![Effect::Save];
            }
            app.status = Status::info(format!(
                "Read {what}: pick the guide and press Enter; its facts answer the questions they settle."
            ));
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

/// The one guide a pasted reading is for: by its error code (the guide for any other code when
/// no guide lists it), else the one guide whose questions read its facts. `None` when none or several fit: the technician picks.
fn guide_for(catalog: &Catalog, codes: &[String], reading: &Reading) -> Option<Arc<ValidGuide>> {
    // A code no guide lists finds the guide for any other code.
    let by_code = catalog.guides_for_codes(codes);
    let candidates: Vec<&Entry> = if by_code.is_empty() {
        catalog
            .entries()
            .iter()
            .filter(|e| e.guide().is_ok_and(|g| reads_any(g, reading)))
            .collect()
    } else {
        by_code
    };
    match candidates.as_slice() {
        [one] => one.guide().ok().cloned(),
        _ => None,
    }
}

/// Whether a guide's questions read any fact of the reading.
fn reads_any(guide: &ValidGuide, reading: &Reading) -> bool {
    guide.guide().nodes.iter().any(|node| {
        let named = |text: &str| reading.facts.iter().any(|f| text.contains(f.name.as_str()));
        match node.evidence() {
            Some(Settle::Fact(name)) => named(name),
            Some(Settle::When(map)) => map.values().any(|c| named(c)),
            None => node.kind == NodeKind::Input && named(node.input_variable()),
        }
    })
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
    let before = state.said.clone();
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
        Some(said) if before.as_ref() != Some(said) => format!(
            " It answers this question: {}. Enter accepts.",
            said.answer.describe(node)
        ),
        _ => " Its facts answer the questions ahead that they settle.".to_string(),
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
