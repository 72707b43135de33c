//! `tshoot validate`: guides and parts checked, where their continuations lead, and (with
//! `--scenarios`) which questions no scenario asks.

use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::Serialize;

use super::args::Global;
use super::out;
use super::{catalog, EXIT_PROBLEM, EXIT_USAGE};
use crate::guide::{guide_files, BUNDLED};
use crate::guide::{validate as validate_guide, LoadedGuide, NodeKind, Problem, Severity};

/// A problem as `file:line:column: error: message`; with `wrap`, the message continues on lines
/// of at most 80 columns, indented by four.
fn problem_text(problem: &Problem, wrap: bool) -> String {
    let text = problem.to_string();
    if !wrap || text.chars().count() <= out::WIDTH {
        return text;
    }
    let (locator, message) = text.split_once(' ').unwrap_or((&text, ""));
    if locator.chars().count() + 20 > out::WIDTH {
        // A long path leaves no room: the message starts on the next line.
        let rest = out::wrap_hanging("    ", 4, message);
        return format!("{locator}\n{rest}");
    }
    // The first line holds the locator; the rest hangs four columns in.
    out::wrap_hanging(&format!("{locator} "), 4, message)
}

/// `tshoot validate --json` (docs/commands-json.md).
#[derive(Serialize)]
struct ValidateReport<'a> {
    checked: usize,
    errors: usize,
    warnings: usize,
    problems: Vec<ProblemOut<'a>>,
}

#[derive(Serialize)]
struct ProblemOut<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    severity: &'static str,
    /// `unreadable` (the file could not be read: exit 2) or `invalid`.
    kind: &'static str,
    message: &'a str,
}

impl<'a> From<&'a Problem> for ProblemOut<'a> {
    fn from(p: &'a Problem) -> Self {
        ProblemOut {
            file: &p.file,
            line: p.location.line,
            column: p.location.column,
            severity: if p.is_error() { "error" } else { "warning" },
            kind: if p.is_unreadable() {
                "unreadable"
            } else {
                "invalid"
            },
            message: &p.message,
        }
    }
}

/// A warning for each question of `guide` that no scenario visits (one for the whole guide when
/// no scenario walks it at all).
fn unasked_questions(
    guide: &crate::guide::ValidGuide,
    visited: Option<&std::collections::BTreeSet<String>>,
) -> Vec<Problem> {
    let Some(visited) = visited else {
        return vec![Problem::warning(
            guide.file(),
            crate::guide::Location::START,
            format!(
                "no scenario walks guide '{}': add scenario files (see `tshoot scenario`) so each question is tried",
                guide.id()
            ),
        )];
    };
    guide
        .guide()
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| {
            matches!(
                n.kind,
                NodeKind::Confirm | NodeKind::Choice | NodeKind::Multi | NodeKind::Input
            ) && !visited.contains(n.id.as_str())
        })
        .map(|(i, n)| {
            guide.problem_at_node(
                i,
                Severity::Warning,
                format!(
                    "no scenario asks question '{}'; add one that walks through it",
                    n.id
                ),
            )
        })
        .collect()
}

/// A continuation to a guide that is not loaded (the walk would end there: a warning), or to
/// a node that guide does not have (an error), at the resolution that continues.
fn continuation_problems(
    guide: &crate::guide::ValidGuide,
    find: &dyn Fn(&str) -> Option<std::sync::Arc<crate::guide::ValidGuide>>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (i, node) in guide.guide().nodes.iter().enumerate() {
        let Some(target) = node.continue_in() else {
            continue;
        };
        match find(&target.guide) {
            None => problems.push(guide.problem_at_node(
                i,
                Severity::Warning,
                format!(
                    "resolution '{}' continues in guide '{}', which is not loaded (bundled, in --guides or named here): a walk would end at this resolution",
                    node.id, target.guide
                ),
            )),
            Some(other) => {
                if let Some(at) = target.at.as_deref().filter(|at| other.node(at).is_none()) {
                    problems.push(guide.problem_at_node(
                        i,
                        Severity::Error,
                        format!(
                            "resolution '{}' continues at '{at}', which is not a node of guide '{}'{}",
                            node.id,
                            target.guide,
                            crate::headless::node_hint(&other, at)
                        ),
                    ));
                }
            }
        }
    }
    problems
}

/// Checks guides. Without paths: every bundled guide and every file in the extra folders, each
/// on its own (also those a later folder replaces by id), exactly as named paths are checked.
/// Parts of guides in a folder or named alone are checked as parts; with `scenarios`, each
/// question no scenario asks is warned about.
pub fn validate(
    global: &Global,
    paths: &[PathBuf],
    scenarios: &[PathBuf],
    json: bool,
) -> Result<u8> {
    let catalog = catalog(global);
    let visited = if scenarios.is_empty() {
        None
    } else {
        Some(super::scenarios::visited_nodes(&catalog, scenarios)?)
    };
    let mut loaded: Vec<Result<LoadedGuide, Problem>> = Vec::new();
    let mut files: Vec<PathBuf> = Vec::new();
    if paths.is_empty() {
        loaded.extend(BUNDLED.iter().map(|bundled| bundled.load()));
        for dir in super::guide_dirs(global) {
            match guide_files(&dir) {
                Ok(found) => files.extend(found),
                Err(e) => loaded.push(Err(Problem::unreadable(
                    &dir.display().to_string(),
                    "the guide folder",
                    &e,
                ))),
            }
        }
    }
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let found = guide_files(path)
            .with_context(|| format!("reading the folder '{}'", path.display()))?;
        if found.is_empty() {
            anyhow::bail!(
                "no guide files (*.yaml, *.yml) in the folder '{}'",
                path.display()
            );
        }
        files.extend(found);
    }
    let mut problems: Vec<Problem> = Vec::new();
    let mut parts = 0;
    for file in &files {
        // Each file is read once, whatever it turns out to be.
        let bytes = match crate::guide::read_file(file, crate::guide::YamlKind::Guide) {
            Ok(bytes) => bytes,
            Err(problem) => {
                loaded.push(Err(problem));
                continue;
            }
        };
        if crate::guide::is_part(&String::from_utf8_lossy(&bytes)) {
            // Checked on its own as far as it can be: its routes are checked in the guides that
            // use it, where what they lead to is known.
            parts += 1;
            match crate::guide::read_part(&file.display().to_string(), &bytes) {
                Ok(part) => out::status(format!(
                    "{}: a part of guides ('{}', {} node(s)); its routes are checked in the guides that use it",
                    file.display(),
                    part.part,
                    part.nodes.len()
                )),
                Err(problem) => problems.push(problem),
            }
        } else {
            loaded.push(crate::guide::read_guide_bytes(file, bytes));
        }
    }
    let checked = loaded.len() + parts;
    let mut valid: Vec<std::sync::Arc<crate::guide::ValidGuide>> = Vec::new();
    for guide in loaded {
        match guide.map(validate_guide) {
            Err(problem) => problems.push(problem),
            Ok(Ok(guide)) => {
                problems.extend(guide.warnings().iter().cloned());
                if let Some((visited, _)) = &visited {
                    problems.extend(unasked_questions(&guide, visited.get(guide.id())));
                }
                valid.push(std::sync::Arc::new(guide));
            }
            Ok(Err(found)) => problems.extend(found),
        }
    }
    // Where each continuation leads: a guide checked here, else one the catalog holds.
    let library = catalog.library();
    let find = |id: &str| {
        valid
            .iter()
            .find(|g| g.id() == id)
            .cloned()
            .or_else(|| library(id))
    };
    for guide in &valid {
        problems.extend(continuation_problems(guide, &find));
    }
    if let Some((_, failed)) = &visited {
        for (file, why) in failed {
            problems.push(Problem::warning(
                &file.display().to_string(),
                crate::guide::Location::START,
                format!(
                    "this scenario fails, so the questions it asks count for nothing (`tshoot test` says more): {}",
                    why.lines().next().unwrap_or_default()
                ),
            ));
        }
    }
    // The process exits once the result is printed: freeing large guides first would only
    // cost time (P8).
    std::mem::forget(valid);
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
    if json {
        let report = ValidateReport {
            checked,
            errors,
            warnings,
            problems: problems.iter().map(ProblemOut::from).collect(),
        };
        out::line(serde_json::to_string_pretty(&report).unwrap_or_default());
    } else {
        // On a console, long messages wrap under the locator; piped, each problem stays on one
        // line, so grep and an editor's error list read it as compilers' messages are read.
        let console = std::io::IsTerminal::is_terminal(&std::io::stdout());
        for p in &problems {
            out::line(problem_text(p, console));
        }
    }
    out::status(format!(
        "checked {checked} guide(s): {errors} error(s), {warnings} warning(s)"
    ));
    Ok(if problems.iter().any(Problem::is_unreadable) {
        EXIT_USAGE
    } else if errors > 0 {
        EXIT_PROBLEM
    } else {
        0
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::Location;

    #[test]
    fn a_long_problem_wraps_on_a_console_and_stays_one_line_when_piped() {
        let message = "node id 'first' is used twice; ids must be unique, and this message is long enough to wrap";
        let problem = Problem::error(
            "guides/my.yaml",
            Location {
                line: 22,
                column: 5,
            },
            message,
        );
        let piped = problem_text(&problem, false);
        assert_eq!(piped, problem.to_string());
        let console = problem_text(&problem, true);
        assert!(
            console.starts_with("guides/my.yaml:22:5: error: node id"),
            "{console}"
        );
        assert!(console.lines().count() > 1, "{console}");
        for line in console.lines() {
            assert!(line.chars().count() <= out::WIDTH, "{line:?}");
        }
        assert!(console.lines().skip(1).all(|l| l.starts_with("    ")));
        let words: Vec<&str> = console.split_whitespace().collect();
        assert_eq!(words, piped.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn a_path_too_long_for_the_line_puts_the_message_below_it() {
        let file = format!("/{}/guide.yaml", "deep/".repeat(16));
        let problem = Problem::error(&file, Location { line: 3, column: 1 }, "bad");
        let console = problem_text(&problem, true);
        let mut lines = console.lines();
        assert_eq!(lines.next(), Some(format!("{file}:3:1:").as_str()));
        assert_eq!(lines.next(), Some("    error: bad"));
    }
}
