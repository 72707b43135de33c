//! Checks a loaded guide and reports every problem at once, each at its line and column; a guide
//! with no errors becomes a [`ValidGuide`].

mod fields;
mod graph;
mod hints;
mod ids;
mod routes;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use regex::Regex;

use super::expr::Expr;
use super::load::LoadedGuide;
use super::model::{Node, NodeKind, Route};
use super::problem::{Location, Problem, Severity};
use super::valid::ValidGuide;

/// More messages than this for one file bury the first ones; the rest are counted, not listed.
pub const MAX_PROBLEMS: usize = 200;
/// Longer ids are refused, and never compared for "did you mean" (that costs length squared).
pub const MAX_ID_LEN: usize = 64;
/// Quoted text in a message is cut to this many characters, so a huge value cannot flood the output.
const MAX_QUOTED: usize = 80;

/// All problems, errors and warnings, in file order; `Ok` only when none is an error.
pub fn validate(loaded: LoadedGuide) -> Result<ValidGuide, Vec<Problem>> {
    let mut checker = Checker::new(&loaded);
    checker.run();
    let Checker {
        found,
        conditions,
        patterns,
        ..
    } = checker;
    let problems = finish(&loaded.file, found);
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(ValidGuide::new(loaded, conditions, patterns, problems))
}

/// A problem before it is known to be among the ones listed: no file name copied yet.
type Found = (Location, Severity, String);

/// Sorts into file order, drops repeats, and keeps the first [`MAX_PROBLEMS`] plus one line
/// that counts the rest (an error if any of the rest is one, so the verdict does not change).
fn finish(file: &str, mut found: Vec<Found>) -> Vec<Problem> {
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    found.dedup();
    let rest = found.split_off(found.len().min(MAX_PROBLEMS));
    let mut problems: Vec<Problem> = found
        .into_iter()
        .map(|(location, severity, message)| Problem {
            severity,
            ..Problem::error(file, location, message)
        })
        .collect();
    if let Some((location, _, _)) = rest.first() {
        let severity = if rest.iter().any(|p| p.1 == Severity::Error) {
            Severity::Error
        } else {
            Severity::Warning
        };
        let message = format!(
            "too many problems: {MAX_PROBLEMS} are listed, {} more are not; fix these first",
            rest.len()
        );
        problems.push(Problem {
            severity,
            ..Problem::error(file, *location, message)
        });
    }
    problems
}

/// `text` cut to [`MAX_QUOTED`] characters, for quoting in a message.
pub(super) fn quote(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_QUOTED) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!(
            "{}… ({} characters)",
            &text[..cut],
            text.chars().count()
        )),
    }
}

pub(super) struct Checker<'a> {
    loaded: &'a LoadedGuide,
    found: Vec<Found>,
    conditions: HashMap<String, Expr>,
    patterns: HashMap<String, Regex>,
    /// Nodes that already have an error of their own, so graph checks do not pile on.
    broken: HashSet<&'a str>,
    /// Some route is missing or leads nowhere, so "never reached" would only repeat that error.
    routes_incomplete: bool,
    hints: hints::Budget,
}

/// A route and the path of the key that holds it, for locating problems.
pub(super) struct RouteAt<'a> {
    pub path: String,
    pub route: &'a Route,
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a LoadedGuide) -> Self {
        Checker {
            loaded,
            found: Vec::new(),
            conditions: HashMap::new(),
            patterns: HashMap::new(),
            broken: HashSet::new(),
            routes_incomplete: false,
            hints: hints::Budget::default(),
        }
    }

    fn run(&mut self) {
        self.check_header();
        self.check_ids();
        let guide = &self.loaded.guide;
        let sections: HashSet<&str> = guide.sections.iter().map(|s| s.id.as_str()).collect();
        for (i, node) in guide.nodes.iter().enumerate() {
            self.check_node(i, node, &sections);
        }
        self.check_routes();
        self.check_graph();
    }

    pub(super) fn error_at(&mut self, path: &str, message: impl Into<String>) {
        let location = self.loaded.source.value(path);
        self.found.push((location, Severity::Error, message.into()));
    }

    pub(super) fn error_at_key(&mut self, path: &str, message: impl Into<String>) {
        let location = self.loaded.source.key(path);
        self.found.push((location, Severity::Error, message.into()));
    }

    pub(super) fn warn_at_key(&mut self, path: &str, message: impl Into<String>) {
        let location = self.loaded.source.key(path);
        self.found
            .push((location, Severity::Warning, message.into()));
    }

    /// An error that leaves the node without a route it needs.
    pub(super) fn route_error(&mut self, i: usize, key: &str, message: impl Into<String>) {
        self.routes_incomplete = true;
        self.node_error(i, key, message);
    }

    pub(super) fn node_error(&mut self, i: usize, key: &str, message: impl Into<String>) {
        let loaded: &'a LoadedGuide = self.loaded;
        self.broken.insert(loaded.guide.nodes[i].id.as_str());
        let path = if key.is_empty() {
            format!("nodes.{i}.id")
        } else {
            format!("nodes.{i}.{key}")
        };
        self.error_at_key(&path, message);
    }
}

/// Every route a node holds, with the dotted path of each.
pub(super) fn routes_of(i: usize, node: &Node) -> impl Iterator<Item = RouteAt<'_>> {
    node.exits().filter_map(move |exit| {
        exit.route.map(|route| RouteAt {
            path: format!("nodes.{i}.{}", exit.key),
            route,
        })
    })
}

pub(super) fn is_question(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Confirm | NodeKind::Choice | NodeKind::Multi | NodeKind::Input
    )
}
