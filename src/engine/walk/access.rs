//! What the technician can check: the checks needing other access are passed over.

use super::{Answer, Walk};
use crate::guide::{Node, NodeKind};

impl Walk {
    /// The access the technician has (`None`: all of it).
    pub fn access(&self) -> Option<&std::collections::BTreeSet<String>> {
        self.access.as_ref()
    }

    /// The access `node` needs that the technician lacks.
    pub fn missing_access(&self, node: &Node) -> Vec<String> {
        match &self.access {
            None => Vec::new(),
            Some(have) => node
                .access
                .iter()
                .filter(|a| !have.contains(*a))
                .cloned()
                .collect(),
        }
    }

    /// Checks the technician cannot do are not asked: each takes the answer attached evidence
    /// gives it (someone with that access produced the evidence), or else its way on ('unsure',
    /// or an info step's `next`) and is marked with the access it lacked.
    pub(super) fn skip_inaccessible(&mut self) {
        let limit = self.guide.guide().nodes.len() * 2 + 2;
        for _ in 0..limit {
            if self.is_finished() {
                return;
            }
            let missing = self.missing_access(self.current());
            if missing.is_empty() {
                return;
            }
            if let Some(said) = self.settled_here() {
                if self.answer_here(said.answer).is_err() {
                    return;
                }
                continue;
            }
            let way_on = if self.current().kind == NodeKind::Info {
                Answer::Continue
            } else {
                Answer::Unsure
            };
            let index = self.current_index();
            if self.answer_here(way_on).is_err() {
                return;
            }
            self.steps[index].skipped = Some(missing);
        }
    }
}
