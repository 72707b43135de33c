//! Where a technician with some kinds of access can get to: the checks they cannot do take their
//! 'unsure' way (an info step its `next`), or, when evidence may answer them, any answer the
//! evidence can give. The validator proves no walk strands anyone with it; `tshoot test` measures
//! scenario coverage against it.

use std::collections::{BTreeSet, HashMap};

use super::model::{ExitKey, Guide, Node, NodeKind, Route, Settle};
use super::vars::{NO, UNSURE, YES};

/// What `have` (all access when `None`) lets a technician reach from the start.
pub struct Reach {
    /// Per node: reachable from the start.
    pub reachable: Vec<bool>,
    /// Per reachable node: the nodes it can lead to.
    pub edges: Vec<Vec<usize>>,
}

/// Whether a check the technician cannot do may still be answered by attached evidence.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// No evidence: every such check takes its 'unsure' way.
    None,
    /// Evidence may give any answer the node's `evidence` key names.
    Attached,
}

impl Reach {
    pub fn of(guide: &Guide, have: Option<&BTreeSet<&str>>, evidence: Evidence) -> Reach {
        let index: HashMap<&str, usize> = guide
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let n = guide.nodes.len();
        let mut reachable = vec![false; n];
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
        let Some(&start) = index.get(guide.start.as_str()) else {
            return Reach { reachable, edges };
        };
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut reachable[i], true) {
                continue;
            }
            edges[i] = successors(&guide.nodes[i], have, evidence)
                .into_iter()
                .filter_map(|t| index.get(t).copied())
                .collect();
            stack.extend(edges[i].iter().copied().filter(|&j| !reachable[j]));
        }
        Reach { reachable, edges }
    }

    /// The reachable nodes that lead to no resolution, in guide order.
    pub fn stranded(&self, guide: &Guide) -> Vec<usize> {
        let n = self.reachable.len();
        let mut reverse: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, out) in self.edges.iter().enumerate() {
            for &j in out {
                reverse[j].push(i);
            }
        }
        let mut ends = vec![false; n];
        let mut stack: Vec<usize> = (0..n)
            .filter(|&i| self.reachable[i] && guide.nodes[i].kind == NodeKind::Resolution)
            .collect();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut ends[i], true) {
                continue;
            }
            stack.extend(reverse[i].iter().copied().filter(|&j| !ends[j]));
        }
        (0..n).filter(|&i| self.reachable[i] && !ends[i]).collect()
    }

    /// The ids of the reachable resolutions.
    pub fn resolutions<'g>(&self, guide: &'g Guide) -> BTreeSet<&'g str> {
        guide
            .nodes
            .iter()
            .zip(&self.reachable)
            .filter(|(n, &r)| r && n.kind == NodeKind::Resolution)
            .map(|(n, _)| n.id.as_str())
            .collect()
    }
}

fn successors<'g>(
    node: &'g Node,
    have: Option<&BTreeSet<&str>>,
    evidence: Evidence,
) -> Vec<&'g str> {
    let can = have.is_none_or(|have| node.access.iter().all(|a| have.contains(a.as_str())));
    if can {
        return node
            .exits()
            .filter_map(|e| e.route)
            .flat_map(Route::targets)
            .collect();
    }
    let way_on = match node.kind {
        NodeKind::Info => node.next.as_ref(),
        _ => node.unsure.as_ref().map(|b| &b.next),
    };
    let mut targets: Vec<&str> = way_on.map(Route::targets).unwrap_or_default();
    if let (Evidence::Attached, Some(Settle::When(map))) = (evidence, node.evidence()) {
        for exit in node.exits() {
            let answer = match exit.key {
                ExitKey::Yes => YES,
                ExitKey::No => NO,
                ExitKey::Unsure => UNSURE,
                ExitKey::Option(j) => node.options[j].id.as_str(),
                ExitKey::Next => continue,
            };
            if map.contains_key(answer) {
                targets.extend(exit.route.map(Route::targets).unwrap_or_default());
            }
        }
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = r#"{
      "format": 1, "id": "g", "title": "t", "version": "1", "summary": "s", "sections": [],
      "references": [{"title": "x", "url": "https://example.com"}],
      "access": [{"id": "pc", "label": "PC", "owner": "Desk"}, {"id": "adfs", "label": "AD FS", "owner": "AD FS team"}],
      "start": "a",
      "nodes": [
        {"id": "a", "kind": "confirm", "prompt": "p", "access": ["pc"], "yes": "b", "no": "r_pc", "unsure": "b"},
        {"id": "b", "kind": "confirm", "prompt": "p", "access": ["adfs"], "yes": "r_ok", "no": "r_adfs", "unsure": "r_hand",
         "evidence": {"no": "adfs.rp_accepts_wiaormultiauthn == 'no'"}},
        {"id": "loop", "kind": "info", "prompt": "p", "next": "loop"},
        {"id": "r_pc", "kind": "resolution", "outcome": "resolved", "title": "t", "cause": "c", "steps": ["s"]},
        {"id": "r_ok", "kind": "resolution", "outcome": "resolved", "title": "t", "cause": "c", "steps": ["s"]},
        {"id": "r_adfs", "kind": "resolution", "outcome": "resolved", "title": "t", "cause": "c", "steps": ["s"]},
        {"id": "r_hand", "kind": "resolution", "outcome": "escalate", "title": "t", "cause": "c", "steps": ["s"]}
      ]
    }"#;

    fn guide() -> Guide {
        serde_json::from_str(GUIDE).expect("guide")
    }

    fn ends(have: Option<&[&str]>, evidence: Evidence) -> Vec<String> {
        let g = guide();
        let have: Option<BTreeSet<&str>> = have.map(|h| h.iter().copied().collect());
        Reach::of(&g, have.as_ref(), evidence)
            .resolutions(&g)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_check_without_access_goes_its_unsure_way_or_where_evidence_can_answer_it() {
        assert_eq!(
            ends(None, Evidence::None),
            ["r_adfs", "r_hand", "r_ok", "r_pc"]
        );
        assert_eq!(ends(Some(&["pc"]), Evidence::None), ["r_hand", "r_pc"]);
        assert_eq!(
            ends(Some(&["pc"]), Evidence::Attached),
            ["r_adfs", "r_hand", "r_pc"],
            "evidence can say no, never yes"
        );
        assert_eq!(ends(Some(&[]), Evidence::None), ["r_hand"]);
    }

    #[test]
    fn only_reachable_nodes_that_lead_nowhere_are_stranded() {
        let mut g = guide();
        assert!(Reach::of(&g, None, Evidence::None).stranded(&g).is_empty());
        // Send the unsure way into the loop: only technicians without AD FS get there.
        g.nodes[1].unsure.as_mut().expect("unsure").next = Route::Goto("loop".into());
        let stranded = |have: &[&str]| {
            let have: BTreeSet<&str> = have.iter().copied().collect();
            Reach::of(&g, Some(&have), Evidence::None).stranded(&g)
        };
        assert_eq!(
            stranded(&["pc"]),
            [1, 2],
            "the AD FS check and the loop it leads to"
        );
        assert_eq!(
            stranded(&["pc", "adfs"]),
            [2],
            "with AD FS 'can't check' still leads into the loop, but the check has other ways"
        );
    }
}
