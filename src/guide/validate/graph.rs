//! Whole-tree checks: every node is reachable from the start, and from every node a resolution
//! can still be reached (no dead ends, no loops without a way out). Linear in nodes and edges:
//! one forward flood, one backward flood, one pass of strongly connected components.

use std::collections::VecDeque;

use super::super::model::NodeKind;
use super::{quote, Checker};

/// A loop's members are listed up to this many, then counted.
const MAX_LISTED: usize = 8;

/// Edges of the whole guide in two flat arrays (node i's targets are
/// `targets[offsets[i]..offsets[i + 1]]`): a guide of 100,000 nodes costs two allocations, not
/// 100,000.
pub(super) struct Edges {
    offsets: Vec<usize>,
    targets: Vec<usize>,
}

impl Default for Edges {
    fn default() -> Self {
        Edges {
            offsets: vec![0],
            targets: Vec::new(),
        }
    }
}

impl Edges {
    /// From each node's list of targets.
    #[cfg(test)]
    pub(super) fn from_lists<L: IntoIterator<Item = usize>>(
        lists: impl IntoIterator<Item = L>,
    ) -> Edges {
        let mut edges = Edges::default();
        for list in lists {
            for to in list {
                edges.push_target(to);
            }
            edges.end_node();
        }
        edges
    }

    /// Adds an edge from the node being built.
    pub(super) fn push_target(&mut self, to: usize) {
        self.targets.push(to);
    }

    /// Ends the node being built: its targets are sorted and deduplicated.
    pub(super) fn end_node(&mut self) {
        let begin = self.offsets.last().copied().unwrap_or(0);
        self.targets[begin..].sort_unstable();
        let mut kept = begin;
        for k in begin..self.targets.len() {
            if kept == begin || self.targets[k] != self.targets[kept - 1] {
                self.targets[kept] = self.targets[k];
                kept += 1;
            }
        }
        self.targets.truncate(kept);
        self.offsets.push(kept);
    }

    fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    fn of(&self, node: usize) -> &[usize] {
        &self.targets[self.offsets[node]..self.offsets[node + 1]]
    }

    fn reversed(&self) -> Edges {
        let mut counts = vec![0usize; self.len() + 1];
        for &to in &self.targets {
            counts[to + 1] += 1;
        }
        for i in 0..self.len() {
            counts[i + 1] += counts[i];
        }
        let mut targets = vec![0; self.targets.len()];
        let mut filled = counts.clone();
        for from in 0..self.len() {
            for &to in self.of(from) {
                targets[filled[to]] = from;
                filled[to] += 1;
            }
        }
        Edges {
            offsets: counts,
            targets,
        }
    }
}

impl Checker<'_> {
    pub(super) fn check_graph(&mut self) {
        let loaded = self.loaded;
        let guide = &loaded.guide;
        let edges = std::mem::take(&mut self.edges);
        if edges.len() != guide.nodes.len() {
            return; // The route checks did not run; nothing to walk.
        }
        let Some(&start) = self.index.get(guide.start.as_str()) else {
            return;
        };

        let reached = flood(&[start], &edges);
        if !self.routes_incomplete {
            let listed = self.found.len();
            // A guide joined to a walk's is entered where the walk needs it, not at its start:
            // the rest of it may stand unreached.
            let joined = |id: &str| guide.joined_of(id).is_some();
            for (i, node) in guide.nodes.iter().enumerate() {
                self.pace(listed);
                if !reached[i] && !joined(&node.id) {
                    self.node_error_with(i, || {
                        format!(
                            "node '{}' is never reached from start '{}'; link to it or remove it",
                            quote(&node.id),
                            quote(&guide.start)
                        )
                    });
                }
            }
            self.counting = false;
        }

        let reverse = edges.reversed();
        let resolutions: Vec<usize> = guide
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.kind == NodeKind::Resolution)
            .map(|(i, _)| i)
            .collect();
        let can_finish = flood(&resolutions, &reverse);
        let component = components(&edges);
        // Members of each component, in node order: component c holds by_component[first[c]..first[c + 1]].
        let mut first = vec![0; edges.len() + 1];
        for &c in &component {
            first[c + 1] += 1;
        }
        for c in 0..edges.len() {
            first[c + 1] += first[c];
        }
        let mut by_component = vec![0; edges.len()];
        let mut filled = first.clone();
        for (i, &c) in component.iter().enumerate() {
            by_component[filled[c]] = i;
            filled[c] += 1;
        }
        // Whether any edge leaves each component: one pass over all edges.
        let mut leaves = vec![false; edges.len()];
        for from in 0..edges.len() {
            if edges
                .of(from)
                .iter()
                .any(|&t| component[t] != component[from])
            {
                leaves[component[from]] = true;
            }
        }
        let mut reported = vec![false; edges.len()];
        let listed = self.found.len();
        for (i, node) in guide.nodes.iter().enumerate() {
            self.pace(listed);
            if can_finish[i] || !reached[i] || self.is_broken(i) {
                continue;
            }
            if edges.of(i).is_empty() {
                self.node_error_with(i, || {
                    format!(
                        "dead end: no resolution can be reached from '{}'",
                        quote(&node.id)
                    )
                });
                continue;
            }
            let c = component[i];
            let inside = &by_component[first[c]..first[c + 1]];
            // Only the loop itself is the problem; nodes leading into it are fine once it is fixed.
            let is_closed = inside.len() > 1 || edges.of(i).binary_search(&i).is_ok();
            let leaves = leaves[c];
            if is_closed && !leaves && !std::mem::replace(&mut reported[c], true) {
                let message = loop_message(inside.iter().map(|&m| guide.nodes[m].id.as_str()));
                self.node_error(i, "", message);
            }
        }
        self.counting = false;
    }
}

fn loop_message<'a>(mut names: impl ExactSizeIterator<Item = &'a str>) -> String {
    let count = names.len();
    let listed: Vec<String> = names
        .by_ref()
        .take(MAX_LISTED)
        .map(|n| quote(n).into_owned())
        .collect();
    let (who, verb) = match count {
        1 => (listed.join(""), "never leads"),
        n if n <= MAX_LISTED => (listed.join(" -> "), "never lead"),
        n => (
            format!("{} -> … ({n} nodes in all)", listed.join(" -> ")),
            "never lead",
        ),
    };
    format!("loop with no way out: {who} {verb} to a resolution; add a route out of the loop")
}

/// Nodes reachable from `seeds` along `edges` (breadth first, no recursion).
fn flood(seeds: &[usize], edges: &Edges) -> Vec<bool> {
    let mut seen = vec![false; edges.len()];
    let mut queue: VecDeque<usize> = seeds.iter().copied().collect();
    for &s in seeds {
        seen[s] = true;
    }
    while let Some(n) = queue.pop_front() {
        for &t in edges.of(n) {
            if !seen[t] {
                seen[t] = true;
                queue.push_back(t);
            }
        }
    }
    seen
}

/// The strongly connected component of each node, numbered from 0 (Tarjan's algorithm with an
/// explicit stack: a guide can be a chain far deeper than the call stack allows).
pub(super) fn components(edges: &Edges) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack: Vec<usize> = Vec::new();
    // Each frame: a node and how many of its edges have been followed.
    let mut frames: Vec<(usize, usize)> = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        frames.push((root, 0));
        while let Some(&(v, followed)) = frames.last() {
            if followed == 0 && order[v] == UNSEEN {
                order[v] = next_order;
                low[v] = next_order;
                next_order += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges.of(v).get(followed) {
                if let Some(top) = frames.last_mut() {
                    top.1 += 1;
                }
                if order[w] == UNSEEN {
                    frames.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}
