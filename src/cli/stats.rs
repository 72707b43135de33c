//! `tshoot stats`: what the saved sessions, or a folder of JSON reports collected from many
//! technicians, add up to, for the people who keep the guides.

use std::path::Path;
use std::sync::Arc;

use anyhow::Result;

use super::args::Global;
use super::context::{explain, store};
use super::{catalog, out, EXIT_USAGE};
use crate::engine::SystemClock;
use crate::report::stats::{self, WalkFacts};
use crate::report::{Format, Policy, Summary};
use crate::store::reopen;

pub fn stats(global: &Global, reports: Option<&Path>, json: bool, top: usize) -> Result<u8> {
    let walks = match reports {
        Some(dir) => match from_reports(dir) {
            Ok(walks) => walks,
            Err(why) => {
                out::status(format!("tshoot: {why}"));
                return Ok(EXIT_USAGE);
            }
        },
        None => from_sessions(global)?,
    };
    let figures = stats::compute(&walks);
    if json {
        out::line(serde_json::to_string_pretty(&figures).unwrap_or_default());
    } else if figures.is_empty() {
        out::status("tshoot: no walks to count");
    } else {
        out::text(stats::render(&figures, top));
    }
    Ok(0)
}

/// Every saved session, rebuilt into its report the way `tshoot report` does.
fn from_sessions(global: &Global) -> Result<Vec<WalkFacts>> {
    let store = store(global)?;
    let listing = store.list().map_err(|e| explain(e.into()))?;
    let catalog = catalog(global);
    let mut walks = Vec::new();
    for head in &listing.sessions {
        let Ok(session) = store.load(&head.id) else {
            continue;
        };
        let Ok((walk, _)) = reopen::for_report(&store, &session, &catalog, Arc::new(SystemClock))
        else {
            continue;
        };
        let summary = Summary::of(&walk).with_session(session.info());
        let text = crate::report::render(
            Format::Json,
            &summary,
            walk.steps(),
            &Policy::secrets_only(),
        );
        if let Some(facts) = serde_json::from_str(text.as_str())
            .ok()
            .as_ref()
            .and_then(WalkFacts::from_report)
        {
            walks.push(facts);
        }
    }
    Ok(walks)
}

/// The JSON reports in `dir` (other files, and JSON that is no report, are passed over).
fn from_reports(dir: &Path) -> Result<Vec<WalkFacts>, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("--reports: cannot read the folder '{}': {e}", dir.display()))?;
    let mut walks = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        // A report is small; a file far bigger is not one.
        let Ok(bytes) = crate::guide::read_file(&path, crate::guide::YamlKind::Answers) else {
            continue;
        };
        if let Some(facts) = serde_json::from_slice(&bytes)
            .ok()
            .as_ref()
            .and_then(WalkFacts::from_report)
        {
            walks.push(facts);
        }
    }
    Ok(walks)
}
