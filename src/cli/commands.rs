//! `list`, `validate`, `graph` and headless `run`.

use std::path::PathBuf;

use anyhow::{Context, Result};

use super::args::Global;
use super::out;
use super::{catalog, find_guide, report_lookup, EXIT_PROBLEM, EXIT_USAGE};
use crate::graph::{self, GraphFormat};
use crate::guide::LoadedGuide;
use crate::guide::{guide_files, read_guide_file, BUNDLED};
use crate::guide::{validate as validate_guide, Problem};

pub fn list(global: &Global) -> Result<u8> {
    let catalog = catalog(global);
    out::line(format!(
        "{:<16} {:<8} {:>5}  {:<22} TITLE",
        "ID", "VERSION", "NODES", "ERROR CODES"
    ));
    for entry in catalog.entries() {
        let Some(nodes) = entry.node_count() else {
            if let Err(problems) = entry.guide() {
                // One line a guide: `validate` is where all of its problems are listed.
                let mut errors = problems.iter().filter(|p| p.is_error());
                if let Some(first) = errors.next() {
                    let more = match errors.count() {
                        0 => String::new(),
                        n => format!(
                            " (and {n} more: `tshoot validate {}` lists them)",
                            first.file
                        ),
                    };
                    out::status(format!("tshoot: skipped a guide: {first}{more}"));
                }
            }
            continue;
        };
        let h = &entry.header;
        out::line(format!(
            "{:<16} {:<8} {:>5}  {:<22} {}",
            h.id,
            h.version,
            nodes,
            h.error_codes.join(", "),
            h.title
        ));
    }
    Ok(0)
}

/// Checks guides. Without paths: every bundled guide and every file in the extra folders, each
/// on its own (also those a later folder replaces by id), exactly as named paths are checked.
pub fn validate(global: &Global, paths: &[PathBuf]) -> Result<u8> {
    let mut loaded: Vec<Result<LoadedGuide, Problem>> = Vec::new();
    if paths.is_empty() {
        loaded.extend(BUNDLED.iter().map(|bundled| bundled.load()));
        for dir in super::guide_dirs(global) {
            match guide_files(&dir) {
                Ok(files) => loaded.extend(files.iter().map(|f| read_guide_file(f))),
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
            loaded.push(read_guide_file(path));
            continue;
        }
        let files = guide_files(path)
            .with_context(|| format!("reading the folder '{}'", path.display()))?;
        if files.is_empty() {
            anyhow::bail!(
                "no guide files (*.yaml, *.yml) in the folder '{}'",
                path.display()
            );
        }
        loaded.extend(files.iter().map(|f| read_guide_file(f)));
    }
    let checked = loaded.len();
    let mut problems: Vec<Problem> = Vec::new();
    for guide in loaded {
        match guide.map(validate_guide) {
            Err(problem) => problems.push(problem),
            Ok(Ok(valid)) => {
                problems.extend(valid.warnings().iter().cloned());
                // The process exits once the result is printed: freeing a large guide first
                // would only cost time (P8).
                std::mem::forget(valid);
            }
            Ok(Err(found)) => problems.extend(found),
        }
    }
    for p in &problems {
        out::line(p.to_string());
    }
    let errors = problems.iter().filter(|p| p.is_error()).count();
    let warnings = problems.len() - errors;
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

pub fn graph(
    global: &Global,
    spec: &str,
    format: GraphFormat,
    session: Option<&str>,
) -> Result<u8> {
    let catalog = catalog(global);
    let guide = match find_guide(&catalog, spec) {
        Ok(g) => g,
        Err(failure) => return Ok(report_lookup(failure)),
    };
    let path: Vec<graph::PathStep> = match session {
        None => Vec::new(),
        Some(id) => {
            let session = super::context::store(global)?.load(id)?;
            if session.guide.id != guide.id() {
                anyhow::bail!(
                    "session '{}' walked guide '{}', not '{}'",
                    session.id,
                    session.guide.id,
                    guide.id()
                );
            }
            session
                .steps
                .into_iter()
                .map(|s| {
                    let exit = guide
                        .node(&s.node)
                        .zip(s.answer.as_ref())
                        .and_then(|(node, answer)| graph::exit_of(node, answer));
                    graph::PathStep { node: s.node, exit }
                })
                .collect()
        }
    };
    out::text(graph::render(&guide, format, &path));
    Ok(0)
}

/// `tshoot template GUIDE`: an answers file to fill in, questions in guide order, each with its
/// prompt and section as comments and the values it takes in place of the answer.
pub fn template(global: &Global, spec: &str) -> Result<u8> {
    let catalog = catalog(global);
    let guide = match find_guide(&catalog, spec) {
        Ok(g) => g,
        Err(failure) => return Ok(report_lookup(failure)),
    };
    out::text(crate::headless::template(&guide));
    Ok(0)
}

/// `tshoot scenario ID`: a saved session as a scenario file, to keep a case from the field as a
/// regression test.
pub fn scenario(global: &Global, id: &str) -> Result<u8> {
    let session = super::context::store(global)?.load(id)?;
    use crate::store::SessionStatus;
    let finished = matches!(
        session.status,
        SessionStatus::Resolved | SessionStatus::Escalated
    );
    let reached = finished.then_some(session.current.node.as_str());
    let mut description = format!("Recorded from session {}", session.id);
    if let Some(ticket) = &session.ticket {
        description.push_str(&format!(" (ticket {ticket})"));
    }
    description.push_str(&format!(" by {}.", session.technician));
    out::text(crate::headless::scenario_from(
        &session.guide.id,
        &crate::text::clean(&description),
        session.access.as_deref(),
        &session.steps,
        reached,
    ));
    Ok(0)
}
