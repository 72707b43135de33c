//! Route checks: every target exists, rule lists end in a default, conditions parse and read
//! only variables something sets.

use std::collections::HashSet;

use super::super::expr::Expr;
use super::super::model::{Node, NodeKind, Route, Rule};
use super::super::vars::EVIDENCE_VARIABLES;
use super::{quote, Checker, LoadedGuide, RouteAt};

/// Names a walk can set beyond node ids (those are looked up in the checker's index, so that a
/// guide of 100,000 nodes does not copy them all into a second set): the evidence variables,
/// then `variable:` and `set:` names in guide order (the order hints are tried in).
pub(super) struct Settable<'a> {
    names: HashSet<&'a str>,
    in_order: Vec<&'a str>,
}

impl Default for Settable<'_> {
    fn default() -> Self {
        let mut vars = Settable {
            names: HashSet::new(),
            in_order: Vec::new(),
        };
        for name in EVIDENCE_VARIABLES {
            vars.add(name);
        }
        vars
    }
}

impl<'a> Settable<'a> {
    fn add(&mut self, name: &'a str) {
        if self.names.insert(name) {
            self.in_order.push(name);
        }
    }

    /// Adds what `node` can set besides its own id.
    pub(super) fn collect(&mut self, node: &'a Node) {
        if let (NodeKind::Input, Some(v)) = (node.kind, node.variable()) {
            self.add(v);
        }
        // A joined guide's question stores its answer under its own guide's id for it.
        if node.answer_name() != node.id && sets_own_id(node) {
            self.add(node.answer_name());
        }
        for exit in node.exits() {
            for name in exit.set.keys() {
                self.add(name);
            }
        }
    }
}

/// Whether answering the node stores its own id as a variable.
fn sets_own_id(node: &Node) -> bool {
    !matches!(
        (node.kind, node.variable()),
        (NodeKind::Resolution, _) | (NodeKind::Input, Some(_))
    )
}

impl<'a> Checker<'a> {
    fn is_settable(&self, settable: &Settable<'_>, name: &str) -> bool {
        settable.names.contains(name)
            || self
                .index
                .get(name)
                .is_some_and(|&i| sets_own_id(&self.loaded.guide.nodes[i]))
    }

    pub(super) fn check_routes(&mut self, settable: &Settable<'_>) {
        let loaded: &'a LoadedGuide = self.loaded;
        let guide = &loaded.guide;
        if !self.index.contains_key(guide.start.as_str()) {
            let hint = self.did_you_mean_node(&guide.start);
            self.error_at(
                "start",
                format!(
                    "start node '{}' does not exist; name one of the nodes{hint}",
                    quote(&guide.start)
                ),
            );
        }
        // The routes were gathered in node order by the first pass; reading them from that
        // compact list spares a second walk over every node's fields.
        let routes = std::mem::take(&mut self.routes);
        let mut next = routes.iter().peekable();
        let listed = self.found.len();
        for i in 0..guide.nodes.len() {
            self.pace(listed);
            while let Some(at) = next.next_if(|at| at.node == i) {
                match at.route {
                    Route::Goto(target) => self.check_target(at, None, target, i),
                    Route::Rules(rules) => self.check_rules(at, rules, i, settable),
                }
            }
            self.edges.end_node();
        }
        self.counting = false;
    }

    fn check_rules(&mut self, at: &RouteAt<'_>, rules: &[Rule], i: usize, settable: &Settable<'_>) {
        if rules.is_empty() {
            self.routes_incomplete = true;
            self.mark_broken(i);
            self.error_at(
                &at.path(),
                "the rule list is empty; give at least a default '- goto: <node>'",
            );
        }
        for (j, rule) in rules.iter().enumerate() {
            self.check_target(at, Some(j), &rule.goto, i);
            match &rule.when {
                Some(cond) => self.check_condition(at, j, cond, settable),
                None if j + 1 != rules.len() => self.error_at(
                    &format!("{}.{j}", at.path()),
                    "a rule without 'when' is the default and must come last; later rules never run",
                ),
                None => {}
            }
        }
        if rules.last().is_some_and(|r| r.when.is_some()) {
            self.routes_incomplete = true;
            self.mark_broken(i);
            self.error_at_key(
                &at.path(),
                "the rules have no default; add a last rule '- goto: <node>' without 'when'",
            );
        }
    }

    /// Every `{{name}}` in a node's prompt, how or why names a variable something sets, so a
    /// placeholder never shows "(not captured yet)" for a typo.
    pub(super) fn check_placeholders(&mut self, settable: &Settable<'_>) {
        let loaded: &'a LoadedGuide = self.loaded;
        let listed = self.found.len();
        for (i, node) in loaded.guide.nodes.iter().enumerate() {
            self.pace(listed);
            let texts = [
                ("prompt", node.prompt.as_deref()),
                ("how", node.how.as_deref()),
                ("why", node.why.as_deref()),
            ];
            for (key, text) in texts {
                let Some(text) = text.filter(|t| t.contains("{{")) else {
                    continue;
                };
                for p in super::super::placeholders(text) {
                    if !self.is_settable(settable, p.name) {
                        let hint = self.did_you_mean_variable(p.name, settable);
                        self.error_at(
                            &format!("nodes.{i}.{key}"),
                            format!(
                                "'{{{{{}}}}}' names a variable nothing sets; use a node id, an input's 'variable', a 'set' name or an evidence fact{hint}",
                                quote(p.name)
                            ),
                        );
                    }
                }
            }
        }
        self.counting = false;
    }

    /// Hints come from the evidence names, then node ids, then `variable:` and `set:` names.
    fn did_you_mean_variable(&mut self, wrong: &str, settable: &Settable<'_>) -> String {
        let nodes = &self.loaded.guide.nodes;
        let (evidence, others) = settable.in_order.split_at(EVIDENCE_VARIABLES.len());
        let ids = nodes
            .iter()
            .filter(|n| sets_own_id(n))
            .map(|n| n.id.as_str());
        let known = evidence
            .iter()
            .copied()
            .chain(ids)
            .chain(others.iter().copied());
        self.hints.did_you_mean(wrong, known)
    }

    fn did_you_mean_node(&mut self, wrong: &str) -> String {
        let nodes = &self.loaded.guide.nodes;
        self.hints
            .did_you_mean(wrong, nodes.iter().map(|n| n.id.as_str()))
    }

    /// Records the edge when the target exists, for the graph checks. `rule`: the index of the
    /// rule whose `goto` this is, if the route is a rule list.
    fn check_target(&mut self, at: &RouteAt<'_>, rule: Option<usize>, target: &str, from: usize) {
        if let Some(&to) = self.index.get(target) {
            self.edges.push_target(to);
            return;
        }
        let path = match rule {
            Some(j) => format!("{}.{j}.goto", at.path()),
            None => at.path(),
        };
        let hint = self.did_you_mean_node(target);
        self.routes_incomplete = true;
        self.mark_broken(from);
        // A part's route may lead out of it: to a node every guide using the part defines.
        let what = if self.loaded.locate_path(&path).0 > 0 {
            format!(
                "'{}' is not a node of this part nor of guide '{}', which uses it (a guide using this part must define it){hint}",
                quote(target),
                quote(&self.loaded.guide.id)
            )
        } else {
            format!("'{}' is not a node of this guide{hint}", quote(target))
        };
        self.error_at(&path, what);
    }

    fn check_condition(&mut self, at: &RouteAt<'_>, j: usize, cond: &str, settable: &Settable<'_>) {
        let path = || format!("{}.{j}.when", at.path());
        match Expr::parse(cond) {
            Err(e) => self.error_at(&path(), format!("condition '{}': {e}", quote(cond))),
            Ok(expr) => {
                for var in expr.variables() {
                    if !self.is_settable(settable, var) {
                        let hint = self.did_you_mean_variable(var, settable);
                        self.error_at(
                            &path(),
                            format!("condition reads '{}', which nothing in this guide sets{hint} (quote text values: 'value')", quote(var)),
                        );
                    }
                }
                self.conditions.insert(cond.to_string(), expr);
            }
        }
    }
}
