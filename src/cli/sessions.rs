//! `sessions`, `resume` and `report`: saved walks and their reports.

use std::path::Path;
use std::sync::Arc;

use anyhow::{anyhow, bail, Context, Result};

use super::args::{Global, ReportArgs};
use super::commands::read_answers;
use super::out;
use super::wizard::{self, WizardStart};
use super::{catalog, EXIT_PROBLEM, EXIT_USAGE};
use crate::engine::{SystemClock, Walk};
use crate::headless;
use crate::report::{self, text, Policy, Summary};
use crate::store::{reopen, Recorder, SessionRecorder, Store, StoreError};

/// Exit code when a session could not be saved or closed: the same as an unreadable file (2),
/// since both mean the disk refused us.
pub const EXIT_NOT_SAVED: u8 = EXIT_USAGE;

/// What to do about a store error, worded for the command line.
pub fn hint(e: &StoreError) -> Option<&'static str> {
    match e {
        StoreError::NoHome | StoreError::CannotCreate { .. } => {
            Some("pass --state-dir DIR to keep sessions elsewhere")
        }
        StoreError::NotASessionId(_) | StoreError::NoSuchSession { .. } => {
            Some("`tshoot sessions` lists them")
        }
        StoreError::GuideNotLoaded { .. } => Some(
            "add the folder that holds it with --guides DIR (`tshoot list` shows the guides loaded)",
        ),
        StoreError::Locked { .. } => Some("close it there first, or wait until it ends"),
        _ => None,
    }
}

/// A store error (bare or inside `anyhow`) with its command-line hint appended.
pub fn explain(e: anyhow::Error) -> anyhow::Error {
    match e.downcast_ref::<StoreError>().and_then(hint) {
        Some(hint) => anyhow!("{e:#}; {hint}"),
        None => e,
    }
}

/// The session store the command line names: `--state-dir`, else the XDG state folder. Nothing
/// is created until a session is saved.
pub fn store(global: &Global) -> Result<Store> {
    let root = Store::default_root(global.state_dir.as_deref()).map_err(|e| explain(e.into()))?;
    Ok(Store::at(&root))
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
            out::status(problem.to_string());
            let unreadable = problem.is_unreadable();
            return Ok(if unreadable { EXIT_USAGE } else { EXIT_PROBLEM });
        }
    };
    for id in headless::unknown_entries(walk.guide(), &script) {
        out::status(format!(
            "tshoot: {}: warning: '{id}' is not a node of guide '{}'; its answer is ignored",
            answers.display(),
            walk.guide().id()
        ));
    }
    // The session is created by the first answer: a walk refused at once leaves none behind.
    let walked = headless::run_saving(&mut walk, &script, &mut |w| {
        recorder.save(w).map_err(|e| format!("{:#}", explain(e)))
    });
    match recorder.session_id() {
        Some(id) => out::status(format!("tshoot: saved session {id}")),
        None => out::status("tshoot: the session was not saved"),
    }
    if recorder.save_failed() {
        if let Err(e) = walked {
            out::status(format!(
                "tshoot: could not save the session; the walk stopped: {}",
                e.message
            ));
        }
        return Ok(EXIT_NOT_SAVED);
    }
    if let Err(e) = walked {
        out::status(format!("tshoot: {}: {e}", answers.display()));
        return Ok(EXIT_PROBLEM);
    }
    out::text(text::render(&Summary::of(&walk)));
    Ok(0)
}

/// One line of a table cell: no control characters, no line breaks.
fn cell(text: &str) -> String {
    crate::text::clean(text)
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

pub fn list(global: &Global) -> Result<u8> {
    let store = store(global)?;
    let listing = store.list().map_err(|e| explain(e.into()))?;
    for damaged in &listing.damaged {
        out::status(format!("tshoot: {damaged}"));
    }
    if listing.sessions.is_empty() {
        out::status(format!(
            "tshoot: no sessions in '{}'; `tshoot run GUIDE` starts one",
            store.sessions_dir().display()
        ));
        return Ok(0);
    }
    let started = |s: &crate::store::SessionHead| {
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
    // One write for the table, not one per row: 10,000 sessions are 10,000 lines.
    let mut table = line(header) + "\n";
    for row in &rows {
        table.push_str(&line(row.each_ref().map(String::as_str)));
        table.push('\n');
    }
    out::text(table);
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
    let resumed = recorder.resume(&id, &catalog).map_err(explain)?;
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
        out::status(format!("tshoot: {notice}"));
    }
    walk_headless(resumed.walk, answers, &mut recorder)
}

pub fn report(global: &Global, args: &ReportArgs) -> Result<u8> {
    let store = store(global)?;
    let session = store.load(&args.id).map_err(|e| explain(e.into()))?;
    let catalog = catalog(global);
    let (walk, warning) = reopen::for_report(&store, &session, &catalog, Arc::new(SystemClock))
        .map_err(|e| explain(e.into()))?;
    if let Some(warning) = warning {
        out::status(format!("tshoot: {warning}"));
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
            out::status(format!("tshoot: wrote {}", path.display()));
        }
        None => out::text(text),
    }
    Ok(0)
}
