//! A guide that passed validation: the only kind the engine accepts ("parse, don't validate").

use std::collections::HashMap;

use compact_str::CompactString;
use regex::Regex;

use super::expr::{Expr, Variables};
use super::load::LoadedGuide;
use super::model::{Guide, Node, NodeKind, Route, Settle};
use super::problem::{Problem, Severity};
use super::vars::{Value, NO, UNSURE, YES};

#[derive(Debug)]
pub struct ValidGuide {
    loaded: LoadedGuide,
    index: HashMap<CompactString, usize>,
    conditions: HashMap<String, Expr>,
    /// `evidence` conditions the loader did not compile (a bundled guide's), compiled together
    /// the first time a question is checked against facts.
    evidence_conditions: std::sync::OnceLock<HashMap<String, Expr>>,
    patterns: HashMap<CompactString, Regex>,
    warnings: Vec<Problem>,
}

impl ValidGuide {
    /// Only the validator builds one, after every check passed.
    pub(super) fn new(
        mut loaded: LoadedGuide,
        conditions: HashMap<String, Expr>,
        patterns: HashMap<CompactString, Regex>,
        warnings: Vec<Problem>,
    ) -> ValidGuide {
        super::safe_text::make_safe(&mut loaded.guide);
        Self::of_clean(loaded, conditions, patterns, warnings)
    }

    /// For a guide whose text is known to be clean: a bundled one, refused by the build's loader
    /// had it held a control character. Nothing is scanned again at start.
    pub(super) fn of_clean(
        loaded: LoadedGuide,
        conditions: HashMap<String, Expr>,
        patterns: HashMap<CompactString, Regex>,
        warnings: Vec<Problem>,
    ) -> ValidGuide {
        let index = loaded
            .guide
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        ValidGuide {
            loaded,
            index,
            conditions,
            evidence_conditions: std::sync::OnceLock::new(),
            patterns,
            warnings,
        }
    }

    pub fn guide(&self) -> &Guide {
        &self.loaded.guide
    }

    /// A problem at node `i`'s id, in the file that holds it (the guide, or a part it uses):
    /// for checks made outside the validator (scenarios, other guides).
    pub fn problem_at_node(
        &self,
        i: usize,
        severity: Severity,
        message: impl Into<String>,
    ) -> Problem {
        let (file, path) = self.loaded.locate_path(&format!("nodes.{i}.id"));
        let (name, source) = self.loaded.file_of(file);
        Problem {
            severity,
            ..Problem::error(name, source.key(&path), message)
        }
    }

    pub fn id(&self) -> &str {
        &self.loaded.guide.id
    }

    pub fn title(&self) -> &str {
        &self.loaded.guide.title
    }

    pub fn version(&self) -> &str {
        &self.loaded.guide.version
    }

    /// `sha256:<hex>` of the guide file, pinned in sessions.
    pub fn hash(&self) -> &str {
        &self.loaded.hash
    }

    /// Where the guide came from: a path, or `bundled:<file>`.
    pub fn file(&self) -> &str {
        &self.loaded.file
    }

    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.index.get(id).map(|&i| &self.loaded.guide.nodes[i])
    }

    pub fn start(&self) -> &Node {
        let i = self.index[self.loaded.guide.start.as_str()];
        &self.loaded.guide.nodes[i]
    }

    pub fn section_title<'a>(&'a self, id: Option<&'a str>) -> &'a str {
        match id {
            Some(id) => self
                .guide()
                .sections
                .iter()
                .find(|s| s.id == id)
                .map_or(id, |s| s.title.as_str()),
            None => "General",
        }
    }

    /// A section's title for an outline or a report: in a walk that went on in other guides, a
    /// section of one of those is followed by its guide's id, so two guides' "Error details"
    /// are told apart.
    pub fn section_heading(&self, id: Option<&str>) -> String {
        let title = self.section_title(id).to_string();
        match id.and_then(|id| self.guide().joined_of(id)) {
            Some((j, _)) => format!("{title} ({})", j.id),
            None => title,
        }
    }

    /// A node's `evidence` condition, parsed: by the validator, or on first use.
    pub(crate) fn evidence_condition(&self, when: &str) -> Option<&Expr> {
        if let Some(expr) = self.conditions.get(when) {
            return Some(expr);
        }
        self.evidence_conditions
            .get_or_init(|| {
                let mut parsed = HashMap::new();
                for node in &self.loaded.guide.nodes {
                    if let Some(Settle::When(map)) = node.evidence() {
                        for when in map.values() {
                            if let Ok(expr) = Expr::parse(when) {
                                parsed.insert(when.clone(), expr);
                            }
                        }
                    }
                }
                parsed
            })
            .get(when)
    }

    #[cfg(test)]
    pub(crate) fn condition(&self, when: &str) -> Option<&Expr> {
        self.conditions.get(when)
    }

    pub fn pattern(&self, node_id: &str) -> Option<&Regex> {
        self.patterns.get(node_id)
    }

    /// Checks trimmed, non-empty input text against the node's format; `Err` says what is
    /// expected. The engine and the wizard's live check both use this one rule.
    pub fn check_input(&self, node: &Node, value: &str) -> Result<(), String> {
        super::input_format::check(node.input_format(), self.pattern(&node.id), value)
    }

    /// What attached evidence answers at `node`, if its `evidence` key (or, for an input node,
    /// its variable being a fact) settles it, given the walk's variables: the facts, and the
    /// answers that overrode some of them. The validator lets `evidence` conditions name facts
    /// only; the caller keeps an answer that no fact proves from counting as evidence.
    pub fn settled<'a>(&'a self, node: &'a Node, facts: &Variables) -> Option<Settled<'a>> {
        let holds = |cond: &str| self.evidence_condition(cond).is_some_and(|e| e.eval(facts));
        let reads = |cond: &str| {
            self.evidence_condition(cond)
                .map(|e| {
                    e.variables()
                        .into_iter()
                        .filter(|v| facts.contains_key(*v))
                        .collect()
                })
                .unwrap_or_default()
        };
        match (node.kind, node.evidence()) {
            (NodeKind::Input, settle) => {
                // The fact the node names, else the fact its own variable is (an input that
                // stores `error.user` is settled by the error page's user).
                let named = match settle {
                    Some(Settle::Fact(name)) => Some(name.as_str()),
                    _ => None,
                };
                let (name, value) = named.into_iter().chain([node.input_variable()]).find_map(
                    |name| match facts.get(name) {
                        Some(Value::Text(value)) if !value.trim().is_empty() => Some((name, value)),
                        _ => None,
                    },
                )?;
                let value = value.trim();
                (!value.is_empty() && self.check_input(node, value).is_ok()).then(|| {
                    Settled::Text {
                        value: value.to_string(),
                        fact: name,
                    }
                })
            }
            (NodeKind::Confirm, Some(Settle::When(map))) => [YES, NO, UNSURE]
                .into_iter()
                .filter_map(|key| map.get_key_value(key))
                .find(|(_, cond)| holds(cond))
                .map(|(key, cond)| Settled::Answer {
                    key: key.as_str(),
                    reads: reads(cond),
                }),
            (NodeKind::Choice, Some(Settle::When(map))) => node
                .options
                .iter()
                .map(|o| o.id.as_str())
                .chain([UNSURE])
                .filter_map(|id| map.get_key_value(id))
                .find(|(_, cond)| holds(cond))
                .map(|(key, cond)| Settled::Answer {
                    key: key.as_str(),
                    reads: reads(cond),
                }),
            _ => None,
        }
    }

    /// The node a route leads to given the variables: the first rule whose condition holds.
    pub fn resolve<'a>(&'a self, route: &'a Route, vars: &Variables) -> &'a str {
        match route {
            Route::Goto(id) => id,
            Route::Rules(rules) => rules
                .iter()
                .find(|rule| match &rule.when {
                    None => true,
                    Some(cond) => self.conditions.get(cond).is_some_and(|e| e.eval(vars)),
                })
                .or(rules.last())
                .map_or("", |r| r.goto.as_str()),
        }
    }
}

/// An answer the evidence gives: an answer key (`yes`, `no`, `unsure`, an option id) with the
/// facts its condition read, or the text of a fact for an input node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settled<'a> {
    Answer { key: &'a str, reads: Vec<&'a str> },
    Text { value: String, fact: &'a str },
}

impl Settled<'_> {
    /// The facts that prove it, in the order the condition names them.
    pub fn facts(&self) -> Vec<&str> {
        match self {
            Settled::Answer { reads, .. } => reads.clone(),
            Settled::Text { fact, .. } => vec![fact],
        }
    }
}
