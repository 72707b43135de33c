//! The picker screen's state and rows: the filter, the selection, and which guides and
//! unfinished sessions match it.

use super::{App, Screen};
use crate::engine::Attached;
use crate::evidence::error_page::error_codes;
use crate::guide::Entry;
use crate::guide::Header;
use crate::store::SessionListing;

#[derive(Debug, Default)]
pub struct PickerState {
    pub filter: String,
    pub selected: usize,
    /// Evidence pasted into the picker, attached to the walk it starts.
    pub pasted: Vec<Attached>,
}

/// One row of a picker list: guides first, then the unfinished sessions.
pub enum PickItem<'a> {
    Session(&'a SessionListing),
    Guide(&'a Entry),
}

impl App<'_> {
    /// The selected session of the picker, when a session row is selected.
    pub fn selected_session(&self) -> Option<&SessionListing> {
        let Screen::Picker(picker) = &self.screen else {
            return None;
        };
        match self.picker_items().get(picker.selected) {
            Some(PickItem::Session(s)) => Some(s),
            _ => None,
        }
    }

    /// The picker's rows for the current filter: matching unfinished sessions, then guides.
    pub fn picker_items(&self) -> Vec<PickItem<'_>> {
        let filter = match &self.screen {
            Screen::Picker(p) => p.filter.trim().to_lowercase(),
            Screen::Walk(_) => String::new(),
        };
        let wanted = if filter.is_empty() {
            Vec::new()
        } else {
            error_codes(&filter)
        };
        let by_code: Vec<&Entry> = self.catalog.guides_for_codes(&wanted);
        let words: Vec<&str> = filter.split_whitespace().collect();
        let text_match = |haystack: String| {
            let haystack = haystack.to_lowercase();
            words.iter().all(|w| haystack.contains(w))
        };
        let guide_matches = |h: &Header| {
            if !by_code.is_empty() {
                return by_code.iter().any(|m| m.header.id == h.id);
            }
            // No filter: every guide, without building and lowering its text every frame.
            if words.is_empty() {
                return true;
            }
            text_match(format!(
                "{} {} {} {}",
                h.id,
                h.title,
                h.error_codes.join(" "),
                h.summary
            ))
        };
        // Guides first: a paste or a typed code selects a guide, never an older session (U1),
        // and the guides stay in view however many sessions wait.
        let mut items: Vec<PickItem> = self
            .catalog
            .entries()
            .iter()
            .filter(|e| guide_matches(&e.header))
            .map(PickItem::Guide)
            .collect();
        items.extend(
            self.sessions
                .iter()
                .filter(|s| {
                    let by_guide = match self.catalog.entry(&s.guide_id) {
                        Some(e) => guide_matches(&e.header),
                        None => text_match(format!("{} {}", s.guide_id, s.guide_title)),
                    };
                    // A ticket, a user or a correlation id finds the session it belongs to.
                    by_guide
                        || text_match(format!(
                            "{} {} {} {} {}",
                            s.id,
                            s.ticket.as_deref().unwrap_or(""),
                            s.technician,
                            s.user.as_deref().unwrap_or(""),
                            s.correlation.as_deref().unwrap_or("")
                        ))
                })
                .map(PickItem::Session),
        );
        items
    }
}
