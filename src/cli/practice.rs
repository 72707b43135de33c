//! `tshoot practice`: a trainee plays a case (a bundled one, or a case file), gets a debrief,
//! and the result is kept per trainee; `--progress` shows them, `--check` validates case files.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;

use super::args::Global;
use super::{catalog, find_guide, out, report_lookup, EXIT_PROBLEM, EXIT_USAGE};
use crate::engine::{SystemClock, Walk};
use crate::practice::{self, Case, Ended, Record};

pub struct PracticeArgs<'a> {
    pub guide: Option<&'a str>,
    pub case: Option<&'a Path>,
    pub trainee: Option<&'a str>,
    pub progress: bool,
    pub check: &'a [PathBuf],
}

pub fn practice(global: &Global, args: &PracticeArgs) -> Result<u8> {
    let trainee =
        crate::store::Who::from_env(args.trainee.or(global.tech.as_deref()), None).technician;
    let results = results_file(global);
    if args.progress {
        let text = results
            .as_deref()
            .and_then(|f| std::fs::read_to_string(f).ok())
            .unwrap_or_default();
        out::text(practice::progress(&trainee, &practice::records(&text)));
        return Ok(0);
    }
    let catalog = catalog(global);
    if !args.check.is_empty() {
        return check(&catalog, args.check);
    }
    let guide_id = args.guide.unwrap_or("aadsts51006");
    let guide = match find_guide(&catalog, guide_id) {
        Ok(g) => g,
        Err(failure) => return Ok(report_lookup(failure)),
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut output = std::io::stdout().lock();
    let (case, evidence) = match args.case {
        Some(path) => match practice::read(path, &SystemClock) {
            Ok(found) => found,
            Err(why) => {
                out::status(format!("tshoot: {why}"));
                return Ok(EXIT_USAGE);
            }
        },
        None => match choose(guide.id(), &mut input, &mut output)? {
            Some(found) => found,
            None => return Ok(EXIT_USAGE),
        },
    };
    let problems = case.problems(&guide, &evidence);
    if !problems.is_empty() {
        for p in problems {
            out::status(format!("tshoot: the case: {p}"));
        }
        return Ok(EXIT_PROBLEM);
    }
    let expert = match case.expert_walk(Arc::clone(&guide), &evidence) {
        Ok(w) => w,
        Err(why) => {
            out::status(format!("tshoot: the case's answers stop {why}"));
            return Ok(EXIT_PROBLEM);
        }
    };
    let mut walk: Walk = case.start(Arc::clone(&guide), Arc::new(SystemClock), &evidence);
    let ended = practice::play(&case, &mut walk, &mut input, &mut output)?;
    if ended == Ended::Stopped {
        writeln!(output, "\nStopped: nothing recorded.")?;
        return Ok(0);
    }
    let debrief = practice::debrief(&case, &walk, &expert);
    writeln!(output, "\n{}", debrief.render())?;
    if let Some(file) = results {
        let record = Record::of(&trainee, &case, &debrief, time::OffsetDateTime::now_utc());
        if let Err(e) = append(&file, &record) {
            out::status(format!(
                "tshoot: the result could not be kept in '{}': {e}",
                file.display()
            ));
        }
    }
    Ok(0)
}

/// Where results are kept: beside the sessions, one file for every trainee (a line each).
fn results_file(global: &Global) -> Option<PathBuf> {
    crate::store::SessionStore::default_root(global.state_dir.as_deref())
        .ok()
        .map(|root| root.join("practice").join("results.jsonl"))
}

fn append(file: &Path, record: &Record) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(file)?;
    let line = serde_json::to_string(record).map_err(std::io::Error::other)?;
    writeln!(f, "{line}")
}

/// Lists the guide's bundled cases and reads the trainee's pick.
fn choose(
    guide: &str,
    input: &mut dyn BufRead,
    output: &mut dyn Write,
) -> Result<Option<(Case, Vec<crate::engine::Attached>)>> {
    let cases: Vec<_> = practice::cases_of(guide).collect();
    if cases.is_empty() {
        out::status(format!(
            "tshoot: no bundled practice case for '{guide}'; give one with --case FILE"
        ));
        return Ok(None);
    }
    let mut read: Vec<(Case, Vec<crate::engine::Attached>)> = Vec::new();
    for c in &cases {
        match c.read(&SystemClock) {
            Ok(found) => read.push(found),
            Err(why) => out::status(format!("tshoot: {why}")),
        }
    }
    writeln!(output, "Practice cases for {guide}:")?;
    for (i, (case, _)) in read.iter().enumerate() {
        writeln!(
            output,
            "  {:>2}. [{:?}] {}",
            i + 1,
            case.difficulty,
            case.title
        )?;
    }
    write!(output, "Which case? ")?;
    output.flush()?;
    let mut line = String::new();
    input.read_line(&mut line)?;
    match line.trim().parse::<usize>() {
        Ok(n) if (1..=read.len()).contains(&n) => Ok(Some(read.swap_remove(n - 1))),
        _ => {
            out::status(format!(
                "tshoot: expected a number from 1 to {}",
                read.len()
            ));
            Ok(None)
        }
    }
}

/// `--check FILE...`: each case validated like a guide; exit 1 when one has a problem.
fn check(catalog: &crate::guide::Catalog, files: &[PathBuf]) -> Result<u8> {
    let mut bad = 0;
    for file in files {
        let (case, evidence) = match practice::read(file, &SystemClock) {
            Ok(found) => found,
            Err(why) => {
                out::status(format!("tshoot: {why}"));
                return Ok(EXIT_USAGE);
            }
        };
        let problems = match find_guide(catalog, &case.guide) {
            Ok(guide) => case.problems(&guide, &evidence),
            Err(_) => vec![format!("no guide '{}' is loaded", case.guide)],
        };
        if problems.is_empty() {
            out::line(format!("ok    {}", file.display()));
        } else {
            bad += 1;
            for p in problems {
                out::line(format!("FAIL  {}: {p}", file.display()));
            }
        }
    }
    Ok(if bad > 0 { EXIT_PROBLEM } else { 0 })
}
