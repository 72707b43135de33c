//! Id checks: sections and nodes have unique, plain ids of a bounded length.

use std::collections::HashSet;

use super::super::model::Node;
use super::{quote, Checker, MAX_ID_LEN};

impl<'a> Checker<'a> {
    pub(super) fn check_section_ids(&mut self) {
        let guide = &self.loaded.guide;
        let mut seen = HashSet::new();
        for (i, section) in guide.sections.iter().enumerate() {
            let own = guide
                .joined_of(&section.id)
                .map_or(section.id.as_str(), |(_, own)| own);
            if let Some(problem) = id_problem("section", own) {
                self.error_at(&format!("sections.{i}.id"), problem);
            }
            if !seen.insert(section.id.as_str()) {
                self.error_at(
                    &format!("sections.{i}.id"),
                    format!(
                        "section id '{}' is used twice; ids must be unique",
                        quote(&section.id)
                    ),
                );
            }
        }
    }

    /// Node `i`'s id; called for the nodes in order, as it also builds the index of ids.
    pub(super) fn check_node_id(&mut self, i: usize, node: &'a Node) {
        let first = *self.index.entry(node.id.as_str()).or_insert(i);
        self.first_of.push(first);
        // A joined guide's ids carry its prefix; the rest is its author's, checked as such.
        let own = self
            .loaded
            .guide
            .joined_of(&node.id)
            .map_or(node.id.as_str(), |(_, own)| own);
        if let Some(problem) = id_problem("node", own) {
            self.node_error(i, "id", problem);
        }
        if first != i {
            self.routes_incomplete = true;
            let message = if self.counting {
                String::new()
            } else {
                format!(
                    "node id '{}' is used twice (first at {}); ids must be unique across the guide and the parts it uses",
                    quote(&node.id),
                    self.place_of(&format!("nodes.{first}.id"))
                )
            };
            self.node_error(i, "id", message);
        }
    }
}

pub(super) fn is_plain_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// What is wrong with an id, if anything. A too-long id gets only that message: the others would
/// quote it again, and "did you mean" never compares it.
pub(super) fn id_problem(what: &str, id: &str) -> Option<String> {
    if id.len() > MAX_ID_LEN {
        let id_q = quote(id);
        return Some(format!(
            "{what} id '{id_q}' is too long; ids have at most {MAX_ID_LEN} characters"
        ));
    }
    if id.contains("__") {
        return Some(format!(
            "{what} id '{}' holds '__', which tshoot keeps for guides a walk continues in; use a single '_'",
            quote(id)
        ));
    }
    (!is_plain_id(id)).then(|| {
        format!(
            "{what} id '{}' must start with a letter and hold only letters, digits and '_'",
            quote(id)
        )
    })
}
