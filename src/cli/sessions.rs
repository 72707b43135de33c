//! `sessions`, `resume` and `report`: saved walks and their reports.

use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Context, Result};

use super::args::{Global, ReportArgs};
use super::commands::read_answers;
use super::wizard::{self, WizardStart};
use super::{catalog, EXIT_PROBLEM, EXIT_USAGE};
use crate::engine::{SystemClock, Walk};
use crate::headless;
use crate::report::{self, text, Policy, Summary};
use crate::store::{reopen, Recorder, SessionRecorder, Store};

/// The session store the command line names: `--state-dir`, else the XDG state folder.
pub fn store(global: &Global) -> Result<Store> {
    Store::open(&Store::default_root(global.state_dir.as_deref())?)
}

pub fn session_recorder(global: &Global) -> Result<SessionRecorder> {
    Ok(SessionRecorder::new(
        store(global)?,
        global.tech.clone(),
        global.ticket.clone(),
        Arc::new(SystemClock),
    ))
}

/// The recorder a wizard or headless run saves through.
pub fn recorder(global: &Global) -> Result<Box<dyn Recorder>> {
    Ok(Box::new(session_recorder(global)?))
}

/// Walks headless from `walk`'s current step, saving the session after every answer, then
/// prints the summary. Exit 1 names the node where the answers stopped fitting.
pub fn walk_headless(mut walk: Walk, answers: &Path, recorder: &mut dyn Recorder) -> Result<u8> {
    let (script, _) = match read_answers(answers) {
        Ok(found) => found,
        Err(problem) => {
            eprintln!("{problem}");
            let unreadable = problem.is_unreadable();
            return Ok(if unreadable { EXIT_USAGE } else { EXIT_PROBLEM });
        }
    };
    for id in headless::unknown_entries(walk.guide(), &script) {
        eprintln!(
            "tshoot: {}: warning: '{id}' is not a node of guide '{}'; its answer is ignored",
            answers.display(),
            walk.guide().id()
        );
    }
    recorder.save(&walk)?;
    let walked = headless::run_saving(&mut walk, &script, &mut |w| {
        recorder.save(w).map_err(|e| format!("{e:#}"))
    });
    match recorder.session_id() {
        Some(id) => eprintln!("tshoot: saved session {id}"),
        None => eprintln!("tshoot: the session was not saved"),
    }
    if let Err(e) = walked {
        eprintln!("tshoot: {}: {e}", answers.display());
        return Ok(EXIT_PROBLEM);
    }
    print!("{}", text::render(&Summary::of(&walk)));
    Ok(0)
}

/// One line of a table cell: no control characters, no line breaks.
fn cell(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub fn list(global: &Global) -> Result<u8> {
    let store = store(global)?;
    let listing = store.list()?;
    for damaged in &listing.damaged {
        eprintln!("tshoot: {damaged}");
    }
    if listing.sessions.is_empty() {
        eprintln!(
            "tshoot: no sessions in '{}'; `tshoot run GUIDE` starts one",
            store.sessions_dir().display()
        );
        return Ok(0);
    }
    let started = |s: &crate::store::Session| {
        let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
        s.started.format(format).unwrap_or_default()
    };
    let rows: Vec<[String; 7]> = listing
        .sessions
        .iter()
        .map(|s| {
            [
                s.id.clone(),
                cell(&s.guide.id),
                cell(&s.technician),
                s.ticket.as_deref().map_or("-".into(), cell),
                started(s),
                s.status.name().to_string(),
                cell(&s.current.label),
            ]
        })
        .collect();
    let header = [
        "ID",
        "GUIDE",
        "TECH",
        "TICKET",
        "STARTED (UTC)",
        "STATUS",
        "STEP",
    ];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, field) in widths.iter_mut().zip(row) {
            *w = (*w).max(field.chars().count().min(40));
        }
    }
    let line = |fields: [&str; 7]| {
        let mut out = String::new();
        for (i, field) in fields.iter().enumerate() {
            if i == fields.len() - 1 {
                out.push_str(field);
            } else {
                let shown: String = field.chars().take(40).collect();
                out.push_str(&format!("{shown:<width$}  ", width = widths[i]));
            }
        }
        out.trim_end().to_string()
    };
    println!("{}", line(header));
    for row in &rows {
        println!("{}", line(row.each_ref().map(String::as_str)));
    }
    Ok(0)
}

pub fn resume(global: &Global, id: Option<&str>, answers: Option<&Path>) -> Result<u8> {
    let catalog = catalog(global);
    let mut recorder = session_recorder(global)?;
    let id = match id {
        Some(id) => id.to_string(),
        None => match recorder.unfinished().first() {
            Some(newest) => newest.id.clone(),
            None => bail!(
                "no unfinished session to resume in '{}'; `tshoot sessions` lists them all",
                recorder.store().sessions_dir().display()
            ),
        },
    };
    let resumed = recorder.resume(&id, &catalog)?;
    let Some(answers) = answers else {
        return wizard::open(
            global,
            &catalog,
            WizardStart::Resume {
                walk: resumed.walk,
                notice: resumed.notice,
            },
            Box::new(recorder),
        );
    };
    if let Some(notice) = &resumed.notice {
        eprintln!("tshoot: {notice}");
    }
    walk_headless(resumed.walk, answers, &mut recorder)
}

pub fn report(global: &Global, args: &ReportArgs) -> Result<u8> {
    let store = store(global)?;
    let session = store.load(&args.id)?;
    let catalog = catalog(global);
    let (walk, warning) = reopen::for_report(&store, &session, &catalog, Arc::new(SystemClock))?;
    if let Some(warning) = warning {
        eprintln!("tshoot: {warning}");
    }
    let summary = Summary::of(&walk).with_session(session.info());
    let policy = if args.redact {
        Policy::people([session.technician.clone()])
    } else {
        Policy::secrets_only()
    };
    let text = report::render(args.format, &summary, &session.steps, &policy);
    match &args.output {
        Some(path) => {
            std::fs::write(path, text.as_str())
                .with_context(|| format!("writing the report to '{}'", path.display()))?;
            eprintln!("tshoot: wrote {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(0)
}
