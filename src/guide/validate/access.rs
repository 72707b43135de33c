//! Access: the kinds a guide declares, the ones each node needs, and the proof that a technician
//! with any combination of them is never stranded (every check they cannot do has a way on, and
//! every walk still ends at a resolution).

use std::collections::BTreeSet;

use super::super::model::{Node, NodeKind};
use super::super::reach::{Evidence as ReachEvidence, Reach};
use super::ids::id_problem;
use super::{quote, Checker};

/// Above this many kinds, the combinations are not all tried (2^12 graph walks): each kind is
/// tried missing alone, and all of them missing together.
const MAX_COMBINED: usize = 12;

impl Checker<'_> {
    pub(super) fn check_access_ids(&mut self) {
        let guide = &self.loaded.guide;
        let mut seen = std::collections::HashMap::new();
        for (i, access) in guide.access.iter().enumerate() {
            if let Some(problem) = id_problem("access", &access.id) {
                self.error_at(&format!("access.{i}.id"), problem);
            }
            if let Some(&first) = seen.get(access.id.as_str()) {
                let message = format!(
                    "access id '{}' is used twice (first at {}); ids must be unique across the guide and the parts it uses",
                    quote(&access.id),
                    self.place_of(&format!("access.{first}.id"))
                );
                self.error_at(&format!("access.{i}.id"), message);
            } else {
                seen.insert(access.id.as_str(), i);
            }
            for (key, text) in [("label", &access.label), ("owner", &access.owner)] {
                if text.trim().is_empty() {
                    self.error_at(
                        &format!("access.{i}.{key}"),
                        format!("'{key}' is empty; say who or what this access is"),
                    );
                }
            }
        }
    }

    /// Node `i`'s `access`: declared ids, and a way on for a technician who lacks them.
    pub(super) fn check_node_access(&mut self, i: usize, node: &Node) {
        if node.access.is_empty() {
            return;
        }
        let declared: Vec<&str> = self
            .loaded
            .guide
            .access
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        for (j, id) in node.access.iter().enumerate() {
            if !declared.contains(&id.as_str()) {
                let hint = self.hints.did_you_mean(id, declared.iter().copied());
                let known = if declared.is_empty() {
                    " (the guide declares none: add a top-level 'access' list)".to_string()
                } else {
                    String::new()
                };
                self.error_at(
                    &format!("nodes.{i}.access.{j}"),
                    format!(
                        "'{}' is not an access this guide declares{known}{hint}",
                        quote(id)
                    ),
                );
            }
        }
        let way_on = match node.kind {
            NodeKind::Info => node.next.is_some(),
            _ => node.unsure.is_some(),
        };
        if !way_on {
            self.error_at_key(
                &format!("nodes.{i}.access"),
                "a check that needs access must offer 'unsure': it is the way on for a technician without that access, and it records the check as open",
            );
        }
    }

    /// For every combination of missing access, every node a walk can reach still leads to a
    /// resolution when the checks that need what is missing take their 'unsure' way.
    pub(super) fn check_no_walk_strands(&mut self) {
        let guide = &self.loaded.guide;
        if guide.access.is_empty() || self.routes_incomplete {
            return;
        }
        let ids: Vec<&str> = guide.access.iter().map(|a| a.id.as_str()).collect();
        let combinations: Vec<BTreeSet<&str>> = if ids.len() <= MAX_COMBINED {
            (0u32..(1 << ids.len()))
                .map(|mask| {
                    ids.iter()
                        .enumerate()
                        .filter(|(k, _)| mask & (1 << k) != 0)
                        .map(|(_, id)| *id)
                        .collect()
                })
                .collect()
        } else {
            let all: BTreeSet<&str> = ids.iter().copied().collect();
            std::iter::once(all.clone())
                .chain(
                    ids.iter()
                        .map(|id| all.iter().copied().filter(|x| x != id).collect()),
                )
                .chain(std::iter::once(BTreeSet::new()))
                .collect()
        };
        for have in combinations {
            if let Some(node) = self.stranded(&have) {
                let lacking: Vec<&str> = ids
                    .iter()
                    .copied()
                    .filter(|id| !have.contains(id))
                    .collect();
                self.error_at(
                    &format!("nodes.{node}.id"),
                    format!(
                        "a technician without {} can reach '{}' but never a resolution from it: the ways on left to them only loop; give the checks that need it an 'unsure' way that ends somewhere",
                        lacking.join(", "),
                        quote(&guide.nodes[node].id)
                    ),
                );
                return;
            }
        }
    }

    /// The first node a technician with `have` can reach from the start that reaches no
    /// resolution, with or without evidence answering the checks they cannot do.
    fn stranded(&self, have: &BTreeSet<&str>) -> Option<usize> {
        let guide = &self.loaded.guide;
        [ReachEvidence::None, ReachEvidence::Attached]
            .into_iter()
            .find_map(|evidence| {
                Reach::of(guide, Some(have), evidence)
                    .stranded(guide)
                    .first()
                    .copied()
            })
    }
}
