//! The map of a guide for trainees: its sections, the questions in each, and where every answer
//! leads, with the path a walk took marked. Pure: the command line prints it, the wizard shows it.

use std::collections::HashMap;

use crate::engine::Walk;
use crate::graph::{exit_of, PathStep};
use crate::guide::{ExitKey, Node, NodeKind, Route, ValidGuide};

/// How a question or an answer stands against the walked path. Each has a marker that reads
/// without colour and in ASCII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Where the walk is now (a question), or the answer that led to the resolution reached.
    Current,
    /// A question answered on the path, or the answer it was given.
    Walked,
    /// An answer of a walked question that was not given: a branch not taken.
    NotTaken,
    /// Off the path.
    Unvisited,
}

impl Mark {
    pub fn marker(self) -> char {
        match self {
            Mark::Current => '>',
            Mark::Walked => '*',
            Mark::NotTaken => '-',
            Mark::Unvisited => ' ',
        }
    }
}

/// Where one answer leads: a node of the guide, and under which condition when the route has
/// rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead<'g> {
    /// The answer as a person reads it (`yes`, an option's label; `continue` for `next`).
    pub answer: String,
    /// `if <condition>` or `otherwise` for a rule of a route; empty for a plain goto.
    pub condition: String,
    pub target: &'g Node,
    pub mark: Mark,
}

impl Lead<'_> {
    /// `yes -> Check the PRT` or `no => [escalate] Hand to identity team`.
    pub fn text(&self) -> String {
        let condition = if self.condition.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.condition)
        };
        format!("{}{condition} {}", self.answer, destination(self.target))
    }
}

/// How the map names where an answer leads: a question by its short title, a resolution by its
/// outcome and title.
pub fn destination(target: &Node) -> String {
    match target.kind {
        NodeKind::Resolution => match target.continue_in() {
            Some(c) => format!("=> [continues in {}] {}", c.guide, one_line(target.label())),
            None => {
                let outcome = target.outcome().map_or("?", |o| o.name());
                format!("=> [{outcome}] {}", one_line(target.label()))
            }
        },
        _ => format!("-> {}", one_line(target.label())),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One question (any node but a resolution) and its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Question<'g> {
    pub node: &'g Node,
    pub mark: Mark,
    pub leads: Vec<Lead<'g>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section<'g> {
    pub title: String,
    pub questions: Vec<Question<'g>>,
}

/// Sections in the guide's order (questions without a section first, under the guide's name for
/// them), questions in file order within each. One pass over the nodes: the wizard builds it
/// for every frame the map is shown, and a guide may hold 100,000 nodes.
pub fn outline<'g>(guide: &'g ValidGuide, path: &[PathStep]) -> Vec<Section<'g>> {
    let mut ids: Vec<Option<&str>> = vec![None];
    ids.extend(guide.guide().sections.iter().map(|s| Some(s.id.as_str())));
    let mut slot: HashMap<Option<&str>, usize> =
        ids.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let mut groups: Vec<Vec<Question<'g>>> = vec![Vec::new(); ids.len()];
    // Where each node was last walked: the last visit counts, as the walk's answers in force
    // are the ones given last.
    let visits: HashMap<&str, usize> = path
        .iter()
        .enumerate()
        .map(|(i, s)| (s.node.as_str(), i))
        .collect();
    for node in &guide.guide().nodes {
        if node.kind == NodeKind::Resolution {
            continue;
        }
        let id = node.section.as_deref();
        // A section a node names but the guide does not list still gets its place, last.
        let at = *slot.entry(id).or_insert_with(|| {
            ids.push(id);
            groups.push(Vec::new());
            ids.len() - 1
        });
        let visit = visits.get(node.id.as_str()).copied();
        groups[at].push(question(guide, node, visit, path));
    }
    ids.into_iter()
        .zip(groups)
        .filter(|(_, questions)| !questions.is_empty())
        .map(|(id, questions)| Section {
            title: guide.section_heading(id),
            questions,
        })
        .collect()
}

/// `visit`: the step of `path` where `node` was last walked, if it was.
fn question<'g>(
    guide: &'g ValidGuide,
    node: &'g Node,
    visit: Option<usize>,
    path: &[PathStep],
) -> Question<'g> {
    let is_current = visit.is_some_and(|i| i + 1 == path.len());
    let mark = match visit {
        Some(_) if is_current => Mark::Current,
        Some(_) => Mark::Walked,
        None => Mark::Unvisited,
    };
    // The exit the answer took and the node it led to; none for the current question.
    let taken: Option<(ExitKey, &str)> = visit.and_then(|i| {
        let next = path.get(i + 1)?;
        Some((path[i].exit?, next.node.as_str()))
    });
    let reached_last = |to: &str| path.last().is_some_and(|s| s.node == to);
    let mut leads = Vec::new();
    for exit in node.exits() {
        let Some(route) = exit.route else { continue };
        let answer = if exit.label.is_empty() {
            match node.kind {
                NodeKind::Input => "answer",
                NodeKind::Multi => "done",
                _ => "continue",
            }
            .to_string()
        } else {
            one_line(exit.label)
        };
        for (condition, to) in targets(route) {
            let Some(target) = guide.node(to) else {
                continue;
            };
            let lead_mark = match (visit, taken) {
                (None, _) => Mark::Unvisited,
                (Some(_), Some((key, next))) if key == exit.key && next == to => {
                    if target.kind == NodeKind::Resolution && reached_last(to) {
                        Mark::Current
                    } else {
                        Mark::Walked
                    }
                }
                (Some(_), Some(_)) => Mark::NotTaken,
                // The current question: not answered yet, so no branch is "not taken".
                (Some(_), None) => Mark::Unvisited,
            };
            leads.push(Lead {
                answer: answer.clone(),
                condition,
                target,
                mark: lead_mark,
            });
        }
    }
    Question { node, mark, leads }
}

fn targets(route: &Route) -> Vec<(String, &str)> {
    match route {
        Route::Goto(to) => vec![(String::new(), to.as_str())],
        Route::Rules(rules) => rules
            .iter()
            .map(|rule| {
                let condition = match &rule.when {
                    Some(w) => format!("if {}", one_line(w)),
                    None => "otherwise".to_string(),
                };
                (condition, rule.goto.as_str())
            })
            .collect(),
    }
}

/// What kind of row a line of the map is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Section,
    Question,
    Lead,
}

/// One line of the map as text: the wizard lists these, the command line wraps and prints them.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'g> {
    pub row: Row,
    /// The node a question row shows, or the one an answer leads to.
    pub node: Option<&'g Node>,
    pub mark: Mark,
    /// Spaces before the marker.
    pub indent: usize,
    pub text: String,
}

impl Line<'_> {
    /// The line as plain text: indent, marker, text (a section is `== Title ==`).
    pub fn plain(&self) -> String {
        match self.row {
            Row::Section => self.text.clone(),
            _ => format!(
                "{}{} {}",
                " ".repeat(self.indent),
                self.mark.marker(),
                self.text
            ),
        }
    }
}

/// The outline as lines, sections separated by a blank line.
pub fn lines<'g>(sections: &[Section<'g>]) -> Vec<Line<'g>> {
    let mut out = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            out.push(Line {
                row: Row::Section,
                node: None,
                mark: Mark::Unvisited,
                indent: 0,
                text: String::new(),
            });
        }
        out.push(Line {
            row: Row::Section,
            node: None,
            mark: Mark::Unvisited,
            indent: 0,
            text: format!("== {} ==", one_line(&section.title)),
        });
        for q in &section.questions {
            out.push(Line {
                row: Row::Question,
                node: Some(q.node),
                mark: q.mark,
                indent: 0,
                text: one_line(q.node.label()),
            });
            for lead in &q.leads {
                out.push(Line {
                    row: Row::Lead,
                    node: Some(lead.target),
                    mark: lead.mark,
                    indent: 4,
                    text: lead.text(),
                });
            }
        }
    }
    out
}

/// The path a walk has taken so far: every step, with the exit its answer took.
pub fn walked_path(walk: &Walk) -> Vec<PathStep> {
    walk.steps()
        .iter()
        .map(|step| PathStep {
            node: step.node.clone(),
            exit: step
                .answer
                .as_ref()
                .and_then(|answer| exit_of(walk.node_of(step), answer)),
        })
        .collect()
}

/// Every question of the outline, in map order: what the wizard's map selects among.
pub fn questions<'a, 'g>(sections: &'a [Section<'g>]) -> Vec<&'a Question<'g>> {
    sections.iter().flat_map(|s| &s.questions).collect()
}

/// Where the map opens: the current question, or, once a resolution is reached, the question
/// whose answer led there.
pub fn position(walk: &Walk, questions: &[&Question]) -> usize {
    let here = if walk.is_finished() {
        walk.answered().last().map(|s| s.node.as_str())
    } else {
        Some(walk.current_step().node.as_str())
    };
    here.and_then(|id| questions.iter().position(|q| q.node.id.as_str() == id))
        .unwrap_or(0)
}

/// What the markers mean, for the head of the printed map and the wizard's overlay.
pub const LEGEND: &str = "> you are here   * walked   - not taken";

#[cfg(test)]
#[path = "map_tests.rs"]
mod tests;
