//! Route checks: every target exists, rule lists end in a default, conditions parse and read
//! only variables something sets.

use std::collections::BTreeSet;

use super::super::expr::Expr;
use super::super::model::{NodeKind, Route};
use super::super::vars::EVIDENCE_VARIABLES;
use super::{routes_of, Checker};

impl Checker<'_> {
    /// Every variable a walk of this guide can set.
    fn settable_variables(&self) -> BTreeSet<String> {
        let mut vars: BTreeSet<String> = EVIDENCE_VARIABLES.iter().map(|v| v.to_string()).collect();
        for node in &self.loaded.guide.nodes {
            match (node.kind, &node.variable) {
                (NodeKind::Input, Some(v)) => vars.insert(v.clone()),
                (NodeKind::Resolution, _) => false,
                _ => vars.insert(node.id.clone()),
            };
            let branches = [&node.yes, &node.no, &node.unsure];
            let sets = branches
                .into_iter()
                .flatten()
                .map(|b| &b.set)
                .chain(node.options.iter().map(|o| &o.set))
                .chain(std::iter::once(&node.set));
            for set in sets {
                vars.extend(set.keys().cloned());
            }
        }
        vars
    }

    pub(super) fn check_routes(&mut self) {
        let guide = &self.loaded.guide;
        let ids: BTreeSet<&str> = guide.nodes.iter().map(|n| n.id.as_str()).collect();
        if !ids.contains(guide.start.as_str()) {
            self.error_at(
                "start",
                format!(
                    "start node '{}' does not exist; name one of the nodes",
                    guide.start
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
                            self.broken.insert(node.id.clone());
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
                            self.broken.insert(node.id.clone());
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

    fn check_target(&mut self, path: &str, target: &str, ids: &BTreeSet<&str>, from: usize) {
        if ids.contains(target) {
            return;
        }
        let hint = strsim_closest(target, ids.iter().copied())
            .map(|c| format!("; did you mean '{c}'?"))
            .unwrap_or_default();
        self.routes_incomplete = true;
        self.broken.insert(self.loaded.guide.nodes[from].id.clone());
        self.error_at(
            path,
            format!("'{target}' is not a node of this guide{hint}"),
        );
    }

    fn check_condition(&mut self, path: &str, cond: &str, settable: &BTreeSet<String>) {
        match Expr::parse(cond) {
            Err(e) => self.error_at(path, format!("condition '{cond}': {e}")),
            Ok(expr) => {
                for var in expr.variables() {
                    if !settable.contains(var) {
                        let hint = strsim_closest(var, settable.iter().map(String::as_str))
                            .map(|c| format!("; did you mean '{c}'?"))
                            .unwrap_or_default();
                        self.error_at(
                            path,
                            format!("condition reads '{var}', which nothing in this guide sets{hint} (quote text values: 'value')"),
                        );
                    }
                }
                self.conditions.insert(cond.to_string(), expr);
            }
        }
    }
}

/// The closest known name, when it is close enough to be a likely typo.
fn strsim_closest<'a>(wrong: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    known
        .map(|k| (strsim::levenshtein(wrong, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}
