//! Wiring between the command line and the core: parse, call, print, pick the exit code.

pub mod args;
mod commands;
mod out;
mod scenarios;
pub mod sessions;
pub mod wizard;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Result;

use crate::guide::catalog::{read_guide_file, Catalog};
use crate::guide::{validate, Problem, ValidGuide};
use args::{Cli, Command, Global};

/// Exit codes: 0 success, 1 a problem found (invalid guide, failed scenario), 2 bad usage or an
/// unreadable file.
pub const EXIT_PROBLEM: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn main(cli: Cli) -> ExitCode {
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            out::status(format!("tshoot: {e:#}"));
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn dispatch(cli: Cli) -> Result<u8> {
    let global = cli.global;
    match cli.command {
        Some(Command::List) => commands::list(&global),
        Some(Command::Validate { paths }) => commands::validate(&global, &paths),
        Some(Command::Graph {
            guide,
            format,
            session,
        }) => commands::graph(&global, &guide, format, session.as_deref()),
        Some(Command::Run(run)) => commands::run(&global, &run),
        Some(Command::Test { paths }) => scenarios::test(&global, &paths),
        Some(Command::Sessions) => sessions::list(&global),
        Some(Command::Resume { id, answers }) => {
            sessions::resume(&global, id.as_deref(), answers.as_deref())
        }
        Some(Command::Report(args)) => sessions::report(&global, &args),
        None => {
            let catalog = catalog(&global);
            let recorder = sessions::recorder(&global)?;
            wizard::open(&global, &catalog, wizard::WizardStart::Picker, recorder)
        }
    }
}

/// Extra guide folders: `--guides` first, then `TSHOOT_GUIDES` (a `:`-separated list).
pub fn guide_dirs(global: &Global) -> Vec<PathBuf> {
    let mut dirs = global.guides.clone();
    if let Some(env) = std::env::var_os("TSHOOT_GUIDES") {
        dirs.extend(std::env::split_paths(&env).filter(|p| !p.as_os_str().is_empty()));
    }
    dirs
}

pub fn catalog(global: &Global) -> Catalog {
    let catalog = Catalog::load(&guide_dirs(global));
    for problem in &catalog.problems {
        out::status(format!("tshoot: skipped a guide: {problem}"));
    }
    catalog
}

/// A guide named by id (from the catalog) or by path (loaded and validated on the spot).
pub fn find_guide(catalog: &Catalog, spec: &str) -> Result<Arc<ValidGuide>, GuideLookup> {
    let path = std::path::Path::new(spec);
    let looks_like_path = spec.ends_with(".yaml") || spec.ends_with(".yml") || spec.contains('/');
    if looks_like_path || (path.is_file() && catalog.entry(spec).is_none()) {
        let loaded = read_guide_file(path).map_err(|p| GuideLookup::Invalid(vec![p]))?;
        return validate(loaded).map(Arc::new).map_err(GuideLookup::Invalid);
    }
    if let Some(entry) = catalog.entry(spec) {
        return entry
            .guide()
            .cloned()
            .map_err(|problems| GuideLookup::Invalid(problems.to_vec()));
    }
    Err({
        let known: Vec<&str> = catalog
            .entries()
            .iter()
            .map(|e| e.header.id.as_str())
            .collect();
        GuideLookup::Unknown(format!(
            "no guide with id '{spec}'; known guides: {} (or give a path to a .yaml file)",
            if known.is_empty() {
                "none".to_string()
            } else {
                known.join(", ")
            }
        ))
    })
}

pub enum GuideLookup {
    Invalid(Vec<Problem>),
    Unknown(String),
}

/// Prints why a guide could not be used and gives the exit code for it.
pub fn report_lookup(failure: GuideLookup) -> u8 {
    match failure {
        GuideLookup::Invalid(problems) => {
            let unreadable = problems.iter().any(Problem::is_unreadable);
            for p in problems {
                out::status(p.to_string());
            }
            if unreadable {
                EXIT_USAGE
            } else {
                EXIT_PROBLEM
            }
        }
        GuideLookup::Unknown(message) => {
            out::status(format!("tshoot: {message}"));
            EXIT_USAGE
        }
    }
}
