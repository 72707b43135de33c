//! Route checks: every target exists, rule lists end in a default, conditions parse and read
//! only variables something sets.

use std::collections::HashSet;

use super::super::expr::Expr;
use super::super::model::{NodeKind, Route};
use super::super::vars::EVIDENCE_VARIABLES;
use super::{quote, routes_of, Checker};

/// Names a walk can set: a set for the check, the list in guide order for deterministic hints.
struct Settable<'a> {
    names: HashSet<&'a str>,
    in_order: Vec<&'a str>,
}

impl<'a> Settable<'a> {
    fn add(&mut self, name: &'a str) {
        if self.names.insert(name) {
            self.in_order.push(name);
        }
    }
}

impl<'a> Checker<'a> {
    /// Every variable a walk of this guide can set.
    fn settable_variables(&self) -> Settable<'a> {
        let loaded: &'a super::LoadedGuide = self.loaded;
        let mut vars = Settable {
            names: HashSet::new(),
            in_order: Vec::new(),
        };
        for name in EVIDENCE_VARIABLES {
            vars.add(name);
        }
        for node in &loaded.guide.nodes {
            match (node.kind, &node.variable) {
                (NodeKind::Input, Some(v)) => vars.add(v),
                (NodeKind::Resolution, _) => {}
                _ => vars.add(&node.id),
            }
            for exit in node.exits() {
                for name in exit.set.keys() {
                    vars.add(name);
                }
            }
        }
        vars
    }

    pub(super) fn check_routes(&mut self) {
        let loaded: &'a super::LoadedGuide = self.loaded;
        let guide = &loaded.guide;
        let ids: HashSet<&str> = guide.nodes.iter().map(|n| n.id.as_str()).collect();
        if !ids.contains(guide.start.as_str()) {
            let hint = self.did_you_mean_node(&guide.start);
            self.error_at(
                "start",
                format!(
                    "start node '{}' does not exist; name one of the nodes{hint}",
                    quote(&guide.start)
                ),
            );
        }
        let settable = self.settable_variables();
        for (i, node) in guide.nodes.iter().enumerate() {
            for at in routes_of(i, node) {
                match at.route {
                    Route::Goto(target) => self.check_target(&at.path, target, &ids, i),
                    Route::Rules(rules) => {
                        if rules.is_empty() {
                            self.routes_incomplete = true;
                            self.broken.insert(node.id.as_str());
                            self.error_at(
                                &at.path,
                                "the rule list is empty; give at least a default '- goto: <node>'",
                            );
                        }
                        for (j, rule) in rules.iter().enumerate() {
                            let rule_path = format!("{}.{j}", at.path);
                            self.check_target(&format!("{rule_path}.goto"), &rule.goto, &ids, i);
                            match &rule.when {
                                Some(cond) => self.check_condition(&format!("{rule_path}.when"), cond, &settable),
                                None if j + 1 != rules.len() => self.error_at(
                                    &rule_path,
                                    "a rule without 'when' is the default and must come last; later rules never run",
                                ),
                                None => {}
                            }
                        }
                        if rules.last().is_some_and(|r| r.when.is_some()) {
                            self.routes_incomplete = true;
                            self.broken.insert(node.id.as_str());
                            self.error_at_key(
                                &at.path,
                                "the rules have no default; add a last rule '- goto: <node>' without 'when'",
                            );
                        }
                    }
                }
            }
        }
    }

    fn did_you_mean_node(&mut self, wrong: &str) -> String {
        let nodes = &self.loaded.guide.nodes;
        self.hints
            .did_you_mean(wrong, nodes.iter().map(|n| n.id.as_str()))
    }

    fn check_target(&mut self, path: &str, target: &str, ids: &HashSet<&str>, from: usize) {
        if ids.contains(target) {
            return;
        }
        let hint = self.did_you_mean_node(target);
        self.routes_incomplete = true;
        let loaded: &'a super::LoadedGuide = self.loaded;
        self.broken.insert(loaded.guide.nodes[from].id.as_str());
        self.error_at(
            path,
            format!("'{}' is not a node of this guide{hint}", quote(target)),
        );
    }

    fn check_condition(&mut self, path: &str, cond: &str, settable: &Settable<'_>) {
        match Expr::parse(cond) {
            Err(e) => self.error_at(path, format!("condition '{}': {e}", quote(cond))),
            Ok(expr) => {
                for var in expr.variables() {
                    if !settable.names.contains(var) {
                        let hint = self
                            .hints
                            .did_you_mean(var, settable.in_order.iter().copied());
                        self.error_at(
                            path,
                            format!("condition reads '{}', which nothing in this guide sets{hint} (quote text values: 'value')", quote(var)),
                        );
                    }
                }
                self.conditions.insert(cond.to_string(), expr);
            }
        }
    }
}
