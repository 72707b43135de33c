//! A walk that goes on in another guide ("this is really 81010"): standing on a resolution that
//! continues elsewhere, the walk joins that guide, found in its library, to its own.

use std::sync::Arc;

use super::Walk;
use crate::guide::ValidGuide;

/// Finds a guide by id, for a walk that goes on in another guide.
pub type Library = Arc<dyn Fn(&str) -> Option<Arc<ValidGuide>> + Send + Sync>;

impl Walk {
    /// Lets the walk go on in other guides, found by id in `library`.
    pub fn set_library(&mut self, library: Library) {
        self.library = Some(library);
        self.join_if_continuing();
    }

    /// Standing on a resolution that continues in another guide, joins that guide to this
    /// walk's: the resolution becomes the step that leads into it. A guide that is not in the
    /// library, or does not join, leaves the resolution as the walk's end.
    pub(super) fn join_if_continuing(&mut self) {
        let Some(library) = &self.library else {
            return;
        };
        let node = self.current();
        let Some(target) = node.continue_in() else {
            return;
        };
        let from = node.id.to_string();
        let Some(other) = library(&target.guide) else {
            return;
        };
        if let Some(Ok(joined)) = crate::guide::join(&self.guide, &from, &other) {
            self.guide = Arc::new(joined);
            // The step now stands on a node that leads on: savers must write it again.
            self.changes.push(self.current_index());
        }
    }
}
