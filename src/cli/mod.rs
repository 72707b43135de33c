//! Wiring between the command line and the core: parse, call, print, pick the exit code.

pub mod args;
mod commands;
mod context;
mod evidence;
mod manual;
mod out;
mod practice;
mod scenarios;
pub mod sessions;
mod stats;
mod validate;
mod walks;
pub mod wizard;

use std::mem::ManuallyDrop;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;

use crate::guide::{read_guide_file, Catalog};
use crate::guide::{validate, Problem, ValidGuide};
use crate::store::{HeaderFile, SessionStore};
use args::{Cli, Command, Global};

/// Exit codes: 0 success, 1 a problem found (invalid guide, failed scenario), 2 bad usage or an
/// unreadable file.
pub const EXIT_PROBLEM: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

/// Runs the command and gives the process's exit status.
pub fn main(cli: Cli) -> u8 {
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            out::status(format!("tshoot: {e:#}"));
            EXIT_USAGE
        }
    }
}

fn dispatch(cli: Cli) -> Result<u8> {
    if cli.version {
        return Ok(manual::version(cli.verbose));
    }
    let mut global = cli.global;
    if global.state_dir.is_none() {
        global.state_dir = std::env::var_os("TSHOOT_STATE_DIR")
            .filter(|dir| !dir.is_empty())
            .map(PathBuf::from);
    }
    // A folder named with `--guides` that is not there is bad usage in every command (E7); one
    // from `TSHOOT_GUIDES`, set once for every shell, only gets the catalog's warning.
    if let Some(missing) = global.guides.iter().find(|dir| !dir.is_dir()) {
        anyhow::bail!(
            "the guide folder '{}' given with --guides is not a folder that can be read",
            missing.display()
        );
    }
    match cli.command {
        Some(Command::List { json, code }) => commands::list(&global, json, code.as_deref()),
        Some(Command::Validate {
            paths,
            json,
            scenarios,
        }) => validate::validate(&global, &paths, &scenarios, json),
        Some(Command::Graph {
            guide,
            format,
            session,
        }) => commands::graph(&global, &guide, format, session.as_deref()),
        Some(Command::Run(run)) => walks::run(&global, &run),
        Some(Command::Test { paths, json }) => scenarios::test(&global, &paths, json),
        Some(Command::Template { guide }) => commands::template(&global, &guide),
        Some(Command::Scenario { id }) => commands::scenario(&global, &id),
        Some(Command::Practice {
            guide,
            case,
            trainee,
            progress,
            check,
        }) => practice::practice(
            &global,
            &practice::PracticeArgs {
                guide: guide.as_deref(),
                case: case.as_deref(),
                trainee: trainee.as_deref(),
                progress,
                check: &check,
            },
        ),
        Some(Command::Stats { reports, json, top }) => {
            stats::stats(&global, reports.as_deref(), json, top)
        }
        Some(Command::Sessions { action, json }) => sessions::act(&global, action, json),
        Some(Command::Evidence { files, json, facts }) => evidence::evidence(&files, json, facts),
        Some(Command::Resume {
            id,
            answers,
            evidence,
        }) => walks::resume(&global, id.as_deref(), answers.as_deref(), &evidence),
        Some(Command::Report(args)) => sessions::report(&global, &args),
        Some(Command::Completions { shell }) => Ok(manual::completions(shell)),
        Some(Command::Man) => manual::man(),
        Some(Command::Help { command }) => manual::help(&command),
        Some(Command::Version { verbose }) => Ok(manual::version(verbose)),
        Some(Command::Map { guide, session }) => commands::map(&global, &guide, session.as_deref()),
        None => {
            let catalog = catalog(&global);
            let recorder = context::recorder(&global)?;
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

/// The loaded guides, never freed: the process exits once a command's result is known, and
/// freeing large guides on the way out would only cost time (P8).
pub fn catalog(global: &Global) -> ManuallyDrop<Catalog> {
    let dirs = guide_dirs(global);
    // Folder guides' headers come from the state folder's cache while their files are unchanged.
    let root = (!dirs.is_empty())
        .then(|| SessionStore::default_root(global.state_dir.as_deref()).ok())
        .flatten();
    let catalog = ManuallyDrop::new(match root {
        Some(root) => {
            let mut cache = HeaderFile::open(&root);
            let catalog = Catalog::load_cached(&dirs, &mut cache);
            cache.save();
            catalog
        }
        None => Catalog::load(&dirs),
    });
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
        let guide = validate(loaded)
            .map(Arc::new)
            .map_err(GuideLookup::Invalid)?;
        // Like the catalog, a guide loaded from a path lives until the process exits (P8).
        std::mem::forget(Arc::clone(&guide));
        return Ok(guide);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guide_loaded_from_a_path_is_never_freed_by_the_command() {
        let catalog = Catalog::load(&[]);
        let demo = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/valid/demo.yaml"
        );
        let Ok(guide) = find_guide(&catalog, demo) else {
            panic!("the demo guide loads");
        };
        assert_eq!(
            Arc::strong_count(&guide),
            2,
            "one reference stays until the process exits"
        );
    }
}
