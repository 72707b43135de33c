//! Checks a loaded guide and reports every problem at once, each at its line and column; a guide
//! with no errors becomes a [`ValidGuide`].

mod access;
mod evidence;
mod fields;
mod graph;
mod hints;
mod ids;
mod prebuilt;
mod routes;

pub use hints::closest as closest_name;
pub use prebuilt::prevalidated;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use compact_str::CompactString;
use regex::Regex;

use super::expr::Expr;
use super::load::LoadedGuide;
use super::model::{ExitKey, Guide, Node, NodeKind, Route};
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
        unlisted,
        conditions,
        patterns,
        ..
    } = checker;
    let mut problems = loaded.part_problems.clone();
    problems.extend(finish(&loaded, found, unlisted));
    if problems.iter().any(Problem::is_error) {
        return Err(problems);
    }
    Ok(ValidGuide::new(loaded, conditions, patterns, problems))
}

/// A problem before it is known to be among the ones listed: no file name copied yet (the file
/// is numbered as [`LoadedGuide::locate_path`] numbers them).
type Found = (usize, Location, Severity, String);

/// Sorts into file order, drops repeats, and keeps the first [`MAX_PROBLEMS`] plus one line
/// that counts the rest (an error if any of the rest is one, so the verdict does not change).
fn finish(loaded: &LoadedGuide, mut found: Vec<Found>, unlisted: Unlisted) -> Vec<Problem> {
    found.sort_by_key(|a| (a.0, a.1, a.2));
    found.dedup();
    let rest = found.split_off(found.len().min(MAX_PROBLEMS));
    let more = rest.len() + unlisted.errors + unlisted.warnings;
    let more_errors = unlisted.errors > 0 || rest.iter().any(|p| p.2 == Severity::Error);
    let (at_file, at) = rest
        .first()
        .or(found.last())
        .map_or((0, Location::START), |p| (p.0, p.1));
    let file = loaded.file_of(at_file).0;
    let mut problems: Vec<Problem> = found
        .into_iter()
        .map(|(in_file, location, severity, message)| Problem {
            severity,
            ..Problem::error(loaded.file_of(in_file).0, location, message)
        })
        .collect();
    if more > 0 {
        let message = format!(
            "too many problems: {MAX_PROBLEMS} are listed, {more} more are not; fix these first"
        );
        problems.push(Problem {
            severity: if more_errors {
                Severity::Error
            } else {
                Severity::Warning
            },
            ..Problem::error(file, at, message)
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

/// Problems counted but never located or listed: see [`Checker::pace`].
#[derive(Debug, Default, Clone, Copy)]
struct Unlisted {
    errors: usize,
    warnings: usize,
}

/// Built here, not in `valid.rs`, so that the valid guide does not look back up at its validator.
impl ValidGuide {
    /// A guide the store kept as JSON, validated again. Its file's text is not at hand, so a
    /// problem found in it is located at the start.
    pub fn from_kept(guide: Guide, file: String, hash: String) -> Result<ValidGuide, Vec<Problem>> {
        validate(LoadedGuide::single(
            guide,
            file,
            super::source_map::SourceMap::default(),
            hash,
        ))
    }
}

pub(super) struct Checker<'a> {
    loaded: &'a LoadedGuide,
    found: Vec<Found>,
    unlisted: Unlisted,
    /// Set by [`Checker::pace`]: problems are counted, not located (locating costs more than
    /// finding them, and only the first [`MAX_PROBLEMS`] are listed).
    counting: bool,
    conditions: HashMap<String, Expr>,
    patterns: HashMap<CompactString, Regex>,
    /// Each node id and the first node that has it; built by the id checks.
    index: HashMap<&'a str, usize>,
    /// Every route of every node, in node order, gathered by the first pass for the second.
    routes: Vec<RouteAt<'a>>,
    /// Every route's target, filled in by the route checks (one lookup per target) for the graph.
    edges: graph::Edges,
    /// For each node checked so far, the first node with the same id (itself unless repeated).
    first_of: Vec<usize>,
    /// Nodes that already have an error of their own, so graph checks do not pile on. A repeated
    /// id marks its first node too: the id, not the copy, is what is broken.
    broken: Vec<bool>,
    /// Some route is missing or leads nowhere, so "never reached" would only repeat that error.
    routes_incomplete: bool,
    hints: hints::Budget,
}

/// A route and where it stands: the key path is spelled out only when a problem needs it.
pub(super) struct RouteAt<'a> {
    node: usize,
    key: ExitKey,
    pub route: &'a Route,
}

impl RouteAt<'_> {
    pub fn path(&self) -> String {
        format!("nodes.{}.{}", self.node, self.key)
    }
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a LoadedGuide) -> Self {
        Checker {
            loaded,
            found: Vec::new(),
            unlisted: Unlisted::default(),
            counting: false,
            conditions: HashMap::new(),
            patterns: HashMap::new(),
            index: HashMap::new(),
            routes: Vec::new(),
            edges: graph::Edges::default(),
            first_of: Vec::with_capacity(loaded.guide.nodes.len()),
            broken: vec![false; loaded.guide.nodes.len()],
            routes_incomplete: false,
            hints: hints::Budget::default(),
        }
    }

    /// One pass over the nodes (a guide of 100,000 nodes is tens of megabytes, so each pass
    /// costs) for everything a node can be checked for alone; the routes, which need every id
    /// and every settable name, are gathered then and checked from that list; then the graph
    /// checks, on arrays of indices.
    fn run(&mut self) {
        self.check_header();
        self.check_section_ids();
        self.check_access_ids();
        let loaded: &'a LoadedGuide = self.loaded;
        let guide = &loaded.guide;
        let sections: HashSet<&str> = guide.sections.iter().map(|s| s.id.as_str()).collect();
        let mut settable = routes::Settable::default();
        let mut used_sections = HashSet::new();
        self.index.reserve(guide.nodes.len());
        let listed = self.found.len();
        for (i, node) in guide.nodes.iter().enumerate() {
            self.pace(listed);
            self.check_node_id(i, node);
            self.check_node(i, node, &sections);
            self.check_evidence(i, node);
            self.check_node_access(i, node);
            settable.collect(node);
            used_sections.extend(node.section.as_deref());
            self.routes.extend(routes_of(i, node));
        }
        self.counting = false;
        self.check_sections_used(&used_sections);
        self.check_routes(&settable);
        self.check_placeholders(&settable);
        self.check_graph();
        self.check_no_walk_strands();
    }

    /// Called at the top of each node of a loop over all nodes, with how many problems were
    /// listed before the loop began. Node i's problems stand after node i-1's in the file, so once
    /// one loop has listed [`MAX_PROBLEMS`], the rest of it cannot be among the first listed:
    /// they are only counted, which keeps 100,000 problems as cheap as 200.
    pub(super) fn pace(&mut self, listed_before_loop: usize) {
        self.counting = self.found.len() - listed_before_loop >= MAX_PROBLEMS;
    }

    fn push(&mut self, path: &str, at_key: bool, severity: Severity, message: impl Into<String>) {
        if self.counting {
            match severity {
                Severity::Error => self.unlisted.errors += 1,
                Severity::Warning => self.unlisted.warnings += 1,
            }
            return;
        }
        let (file, location) = self.locate(path, at_key);
        self.found.push((file, location, severity, message.into()));
    }

    /// The file (numbered as [`LoadedGuide::locate_path`] does) and position of a dotted path
    /// of the merged guide: a node a part brought is found in the part's own file.
    pub(super) fn locate(&self, path: &str, at_key: bool) -> (usize, Location) {
        let (file, local) = self.loaded.locate_path(path);
        let source = self.loaded.file_of(file).1;
        let location = if at_key {
            source.key(&local)
        } else {
            source.value(&local)
        };
        (file, location)
    }

    /// `file:line:column` of a dotted path, for a message that points at a second place.
    pub(super) fn place_of(&self, path: &str) -> String {
        let (file, at) = self.locate(path, true);
        format!("{}:{}:{}", self.loaded.file_of(file).0, at.line, at.column)
    }

    pub(super) fn error_at(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, false, Severity::Error, message);
    }

    pub(super) fn error_at_key(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, true, Severity::Error, message);
    }

    pub(super) fn warn_at_key(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, true, Severity::Warning, message);
    }

    /// An error that leaves the node without a route it needs.
    pub(super) fn route_error(&mut self, i: usize, key: &str, message: impl Into<String>) {
        self.routes_incomplete = true;
        self.node_error(i, key, message);
    }

    /// [`Checker::node_error`] for loops that may report every node: the message is only
    /// written when it will be listed.
    pub(super) fn node_error_with(&mut self, i: usize, message: impl FnOnce() -> String) {
        if self.counting {
            self.mark_broken(i);
            self.unlisted.errors += 1;
        } else {
            self.node_error(i, "", message());
        }
    }

    fn first_of(&self, i: usize) -> usize {
        self.first_of.get(i).copied().unwrap_or(i)
    }

    pub(super) fn mark_broken(&mut self, i: usize) {
        let first = self.first_of(i);
        self.broken[i] = true;
        self.broken[first] = true;
    }

    pub(super) fn is_broken(&self, i: usize) -> bool {
        self.broken[i] || self.broken[self.first_of(i)]
    }

    pub(super) fn node_error(&mut self, i: usize, key: &str, message: impl Into<String>) {
        self.mark_broken(i);
        if self.counting {
            return self.push("", true, Severity::Error, "");
        }
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
            node: i,
            key: exit.key,
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
