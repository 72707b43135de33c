//! A guide that passed validation: the only kind the engine accepts ("parse, don't validate").

use std::collections::HashMap;

use compact_str::CompactString;
use regex::Regex;

use super::expr::{Expr, Variables};
use super::load::LoadedGuide;
use super::model::{Guide, Node, Route};
use super::problem::Problem;

#[derive(Debug)]
pub struct ValidGuide {
    loaded: LoadedGuide,
    index: HashMap<CompactString, usize>,
    conditions: HashMap<String, Expr>,
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
            patterns,
            warnings,
        }
    }

    pub fn guide(&self) -> &Guide {
        &self.loaded.guide
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
