//! Whole-tree checks: every node is reachable from the start, and from every node a resolution
//! can still be reached (no dead ends, no loops without a way out).

use std::collections::{HashMap, HashSet, VecDeque};

use super::super::model::NodeKind;
use super::{routes_of, Checker};

impl Checker<'_> {
    pub(super) fn check_graph(&mut self) {
        let guide = &self.loaded.guide;
        let index: HashMap<&str, usize> = guide
            .nodes
            .iter()
            .enumerate()
            .rev()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let edges: Vec<Vec<usize>> = guide
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let mut out: Vec<usize> = routes_of(i, node)
                    .iter()
                    .flat_map(|at| at.route.targets())
                    .filter_map(|t| index.get(t).copied())
                    .collect();
                out.sort_unstable();
                out.dedup();
                out
            })
            .collect();
        let Some(&start) = index.get(guide.start.as_str()) else {
            return;
        };

        let reached = flood(&[start], &edges);
        for (i, node) in guide.nodes.iter().enumerate() {
            if !reached[i] && !self.routes_incomplete {
                self.node_error(
                    i,
                    "",
                    format!(
                        "node '{}' is never reached from start '{}'; link to it or remove it",
                        node.id, guide.start
                    ),
                );
            }
        }

        let mut reverse = vec![Vec::new(); edges.len()];
        for (from, targets) in edges.iter().enumerate() {
            for &to in targets {
                reverse[to].push(from);
            }
        }
        let resolutions: Vec<usize> = guide
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Resolution)
            .map(|(i, _)| i)
            .collect();
        let can_finish = flood(&resolutions, &reverse);
        let mut reported_loops: HashSet<usize> = HashSet::new();
        for (i, node) in guide.nodes.iter().enumerate() {
            if can_finish[i] || !reached[i] || self.broken.contains(&node.id) {
                continue;
            }
            if edges[i].is_empty() {
                self.node_error(
                    i,
                    "",
                    format!("dead end: no resolution can be reached from '{}'", node.id),
                );
                continue;
            }
            if reported_loops.contains(&i) {
                continue;
            }
            let forward = flood(&[i], &edges);
            let back = flood(&[i], &reverse);
            let members: Vec<usize> = (0..edges.len())
                .filter(|&j| forward[j] && back[j])
                .collect();
            // Only the loop itself is the problem; nodes leading into it are fine once it is fixed.
            let is_closed = members.len() > 1 || edges[i].contains(&i);
            let leaves = members
                .iter()
                .any(|&m| edges[m].iter().any(|t| !members.contains(t)));
            if is_closed && !leaves {
                let names: Vec<&str> = members
                    .iter()
                    .map(|&m| guide.nodes[m].id.as_str())
                    .collect();
                self.node_error(
                    i,
                    "",
                    format!(
                        "loop with no way out: {} never lead to a resolution; add a route out of the loop",
                        names.join(" -> ")
                    ),
                );
                reported_loops.extend(members);
            }
        }
    }
}

/// Nodes reachable from `seeds` along `edges` (breadth first, no recursion).
fn flood(seeds: &[usize], edges: &[Vec<usize>]) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut queue: VecDeque<usize> = seeds.iter().copied().collect();
    for &s in seeds {
        seen[s] = true;
    }
    while let Some(n) = queue.pop_front() {
        for &t in &edges[n] {
            if !seen[t] {
                seen[t] = true;
                queue.push_back(t);
            }
        }
    }
    seen
}
