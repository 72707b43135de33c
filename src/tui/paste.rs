//! Where a paste goes: the note being written, the input field, or the picker's filter (where a
//! pasted error page is narrowed to the error code it contains). Pasted text is cleaned first.
//! The facts of a pasted error page are kept for the walk, so each input step that asks for one
//! (correlation id, request id, time, app) starts filled in: the technician checks and presses
//! Enter instead of copying fields one by one.

use super::app::{App, Overlay, Screen, Status};
use super::text;
use crate::evidence::error_page;
use crate::guide::NodeKind;
use crate::guide::Value;

/// The longest filter a paste without a known error code leaves in the picker.
const MAX_FILTER: usize = 60;

pub fn paste(app: &mut App, pasted: &str) {
    let cleaned = text::clean(pasted);
    match &mut app.overlay {
        Some(Overlay::Note { editor, .. }) => {
            editor.insert_str(cleaned);
            return;
        }
        Some(_) => return,
        None => {}
    }
    let upper = cleaned.to_ascii_uppercase();
    let wanted = crate::evidence::error_page::error_codes(&cleaned);
    let code = app.catalog.matching_codes(&wanted).first().and_then(|e| {
        e.header
            .error_codes
            .iter()
            .find(|c| upper.contains(&c.to_ascii_uppercase()))
            .cloned()
    });
    let facts = error_page::parse(&cleaned);
    match &mut app.screen {
        Screen::Picker(picker) => {
            picker.pasted.extend(facts);
            picker.filter = code.unwrap_or_else(|| {
                // The first line that says something, not a banner rule.
                let first = cleaned
                    .lines()
                    .map(|l| l.trim().trim_matches(['|', '+', '-', '=', ' ']))
                    .find(|l| l.chars().any(char::is_alphanumeric));
                first.unwrap_or_default().chars().take(MAX_FILTER).collect()
            });
            picker.selected = 0;
        }
        Screen::Walk(state) if state.walk.current().kind == NodeKind::Input => {
            let node = state.walk.current();
            let wanted = facts.get(node.input_variable()).cloned();
            let others = facts.len() - usize::from(wanted.is_some());
            state.pasted.extend(facts);
            if let (Some(Value::Text(value)), false) = (wanted, node.multiline()) {
                state.reset(app.theme);
                app.status = Status::info(filled_message(&value, others));
                return;
            }
            let input = if state.walk.current().multiline() {
                cleaned
            } else {
                text::one_line(&cleaned, false)
            };
            state.step.input.insert_str(input);
        }
        Screen::Walk(_) => {}
    }
}

fn filled_message(value: &str, others: usize) -> String {
    let more = match others {
        0 => String::new(),
        1 => "; 1 more detail will fill its own question".to_string(),
        n => format!("; {n} more details will fill their own questions"),
    };
    format!("Took '{value}' from the pasted error page{more}. Check it, then Enter.")
}
