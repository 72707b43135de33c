//! Where a paste goes: the note being written, the input field, or the picker's filter (where a
//! pasted error page is narrowed to the error code it contains). Pasted text is cleaned first.

use super::app::{App, Overlay, Screen};
use super::text;
use crate::guide::model::NodeKind;

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
    let code = app.catalog.matching_code(&cleaned).first().and_then(|g| {
        g.guide()
            .error_codes
            .iter()
            .find(|c| upper.contains(&c.to_ascii_uppercase()))
            .cloned()
    });
    match &mut app.screen {
        Screen::Picker(picker) => {
            picker.filter = code.unwrap_or_else(|| {
                let first = cleaned.lines().map(str::trim).find(|l| !l.is_empty());
                first.unwrap_or_default().chars().take(MAX_FILTER).collect()
            });
            picker.selected = 0;
        }
        Screen::Walk(state) if state.walk.current().kind == NodeKind::Input => {
            let input = if state.walk.current().multiline {
                cleaned
            } else {
                text::one_line(&cleaned, false)
            };
            state.step.input.insert_str(input);
        }
        Screen::Walk(_) => {}
    }
}
