//! Checks a loaded guide and reports every problem at once, each at its line and column; a guide
//! with no errors becomes a [`ValidGuide`].

mod fields;
mod graph;
mod routes;

use std::collections::HashMap;

use regex::Regex;

use super::expr::Expr;
use super::load::LoadedGuide;
use super::model::{Branch, Node, NodeKind, Route};
use super::problem::Problem;
use super::valid::ValidGuide;

/// All problems, errors and warnings, in file order; `Ok` only when none is an error.
pub fn validate(loaded: LoadedGuide) -> Result<ValidGuide, Vec<Problem>> {
    let mut checker = Checker::new(&loaded);
    checker.run();
    let Checker {
        mut problems,
        conditions,
        patterns,
        ..
    } = checker;
    problems.sort_by(|a, b| {
        a.location
            .cmp(&b.location)
            .then(a.severity.cmp(&b.severity))
    });
    problems.dedup();
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(ValidGuide::new(loaded, conditions, patterns, problems))
}

pub(super) struct Checker<'a> {
    loaded: &'a LoadedGuide,
    problems: Vec<Problem>,
    conditions: HashMap<String, Expr>,
    patterns: HashMap<String, Regex>,
    /// Nodes that already have an error of their own, so graph checks do not pile on.
    broken: std::collections::HashSet<String>,
    /// Some route is missing or leads nowhere, so "never reached" would only repeat that error.
    routes_incomplete: bool,
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
            problems: Vec::new(),
            conditions: HashMap::new(),
            patterns: HashMap::new(),
            broken: Default::default(),
            routes_incomplete: false,
        }
    }

    fn run(&mut self) {
        self.check_header();
        self.check_ids();
        for (i, node) in self.loaded.guide.nodes.iter().enumerate() {
            self.check_node(i, node);
        }
        self.check_routes();
        self.check_graph();
    }

    pub(super) fn error_at(&mut self, path: &str, message: impl Into<String>) {
        let location = self.loaded.source.value(path);
        self.problems
            .push(Problem::error(&self.loaded.file, location, message));
    }

    pub(super) fn error_at_key(&mut self, path: &str, message: impl Into<String>) {
        let location = self.loaded.source.key(path);
        self.problems
            .push(Problem::error(&self.loaded.file, location, message));
    }

    pub(super) fn warn_at_key(&mut self, path: &str, message: impl Into<String>) {
        let location = self.loaded.source.key(path);
        self.problems
            .push(Problem::warning(&self.loaded.file, location, message));
    }

    /// An error that leaves the node without a route it needs.
    pub(super) fn route_error(&mut self, i: usize, key: &str, message: impl Into<String>) {
        self.routes_incomplete = true;
        self.node_error(i, key, message);
    }

    pub(super) fn node_error(&mut self, i: usize, key: &str, message: impl Into<String>) {
        let node = &self.loaded.guide.nodes[i];
        self.broken.insert(node.id.clone());
        let path = if key.is_empty() {
            format!("nodes.{i}.id")
        } else {
            format!("nodes.{i}.{key}")
        };
        self.error_at_key(&path, message);
    }
}

/// Every route a node holds, with the dotted path of each.
pub(super) fn routes_of(i: usize, node: &Node) -> Vec<RouteAt<'_>> {
    let mut out = Vec::new();
    let base = format!("nodes.{i}");
    for (key, branch) in [
        ("yes", &node.yes),
        ("no", &node.no),
        ("unsure", &node.unsure),
    ] {
        if let Some(Branch { next, .. }) = branch {
            out.push(RouteAt {
                path: format!("{base}.{key}"),
                route: next,
            });
        }
    }
    if let Some(next) = &node.next {
        out.push(RouteAt {
            path: format!("{base}.next"),
            route: next,
        });
    }
    for (j, option) in node.options.iter().enumerate() {
        if let Some(next) = &option.next {
            out.push(RouteAt {
                path: format!("{base}.options.{j}.next"),
                route: next,
            });
        }
    }
    out
}

pub(super) fn is_question(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Confirm | NodeKind::Choice | NodeKind::Multi | NodeKind::Input
    )
}
