//! `run` and `resume`: a walk started or continued, in the wizard or headless from an answers
//! file, saved after every answer.

use std::path::Path;
use std::sync::Arc;

use anyhow::{bail, Result};

use super::args::{Global, RunArgs};
use super::context::{explain, session_recorder, EXIT_NOT_SAVED};
use super::out;
use super::wizard::{self, WizardStart};
use super::{catalog, find_guide, report_lookup, EXIT_PROBLEM, EXIT_USAGE};
use crate::engine::{Attached, Clock, SystemClock, Walk, WalkCommand};
use crate::evidence_file::{self, FileError};
use crate::headless::{self, read_answers};
use crate::report::{text, Summary};
use crate::store::{Recorder, SessionRecorder};

pub fn run(global: &Global, args: &RunArgs) -> Result<u8> {
    let catalog = catalog(global);
    let guide = match find_guide(&catalog, &args.guide) {
        Ok(g) => g,
        Err(failure) => return Ok(report_lookup(failure)),
    };
    let mut walk = Walk::start(Arc::clone(&guide), Arc::new(SystemClock));
    if let Some(from) = &args.from {
        match Walk::start_at(Arc::clone(&guide), Arc::new(SystemClock), from) {
            Some(opened) => walk = opened,
            None => {
                out::status(format!(
                    "tshoot: --from: '{}' is not a node of guide '{}'{}",
                    crate::text::clean(from),
                    guide.id(),
                    crate::headless::node_hint(&guide, from)
                ));
                return Ok(EXIT_USAGE);
            }
        }
    }
    walk.set_library(Arc::new(catalog.library()));
    if let Err(code) = set_access(&mut walk, args.access.as_deref()) {
        return Ok(code);
    }
    let attached = match attach_all(&mut walk, &args.evidence) {
        Ok(n) => n,
        Err(code) => return Ok(code),
    };
    let mut recorder = session_recorder(global)?;
    match &args.answers {
        Some(answers) => walk_headless(walk, answers, &mut recorder),
        None if attached == 0 && args.access.is_none() && args.from.is_none() => wizard::open(
            global,
            &catalog,
            WizardStart::Guide(guide),
            Box::new(recorder),
        ),
        None => wizard::open(
            global,
            &catalog,
            WizardStart::Resume {
                walk: Box::new(walk),
                notice: None,
                who: None,
            },
            Box::new(recorder),
        ),
    }
}

/// Sets what the technician can check; an id the guide does not declare stops the command
/// (exit 2) with the ids it does.
pub fn set_access(walk: &mut Walk, access: Option<&[String]>) -> Result<(), u8> {
    let Some(access) = access else {
        return Ok(());
    };
    let declared: Vec<&str> = walk
        .guide()
        .guide()
        .access
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    if let Some(unknown) = access.iter().find(|a| !declared.contains(&a.as_str())) {
        let known = if declared.is_empty() {
            "it declares none".to_string()
        } else {
            format!("it declares: {}", declared.join(", "))
        };
        out::status(format!(
            "tshoot: --access: '{unknown}' is not an access of guide '{}'; {known}",
            walk.guide().id()
        ));
        return Err(EXIT_USAGE);
    }
    let _ = walk.apply(WalkCommand::SetAccess(Some(
        access.iter().cloned().collect(),
    )));
    Ok(())
}

/// Reads the evidence in `path` and stamps it for attaching now.
pub fn attach_file(path: &Path, clock: &dyn Clock) -> Result<Attached, FileError> {
    let reading = evidence_file::read(path)?;
    Ok(Attached {
        reading,
        origin: evidence_file::origin(path),
        at: clock.now(),
    })
}

/// Attaches every `--evidence` file, saying on stderr what each was read as; a file that cannot
/// be read or holds no evidence stops the command before anything is saved (exit 2).
fn attach_all(walk: &mut Walk, files: &[std::path::PathBuf]) -> Result<usize, u8> {
    for file in files {
        match attach_file(file, &SystemClock) {
            Ok(attached) => {
                out::status(format!(
                    "tshoot: {}: {} with {} fact(s)",
                    file.display(),
                    attached.reading.kind.label(),
                    attached.reading.facts.len()
                ));
                // Attaching cannot be refused by the walk.
                let _ = walk.apply(WalkCommand::Attach(Box::new(attached)));
            }
            Err(e) => {
                out::status(format!("tshoot: {}: {e}", file.display()));
                return Err(EXIT_USAGE);
            }
        }
    }
    Ok(files.len())
}

pub fn resume(
    global: &Global,
    id: Option<&str>,
    answers: Option<&Path>,
    evidence: &[std::path::PathBuf],
) -> Result<u8> {
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
    let mut resumed = recorder.resume(&id, &catalog).map_err(explain)?;
    if let Err(code) = attach_all(&mut resumed.walk, evidence) {
        return Ok(code);
    }
    let Some(answers) = answers else {
        return wizard::open(
            global,
            &catalog,
            WizardStart::Resume {
                walk: Box::new(resumed.walk),
                notice: resumed.notice,
                who: Some(resumed.who),
            },
            Box::new(recorder),
        );
    };
    if let Some(notice) = &resumed.notice {
        out::status(format!("tshoot: {notice}"));
    }
    walk_headless(resumed.walk, answers, &mut recorder)
}

/// Walks headless from `walk`'s current step, saving the session after every answer, then
/// prints the summary. Exit 1 names the node where the answers stopped fitting.
pub fn walk_headless(mut walk: Walk, answers: &Path, recorder: &mut SessionRecorder) -> Result<u8> {
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
            "tshoot: {}: warning: '{id}' is not a node of guide '{}'; its answer is ignored{}",
            answers.display(),
            walk.guide().id(),
            headless::node_hint(walk.guide(), id)
        ));
    }
    // The session is created by the first answer: a walk refused at once leaves none behind.
    recorder.sync_at_end();
    let walked = headless::run_saving(
        &mut walk,
        &script,
        &mut |w| recorder.save(w).map_err(|e| format!("{:#}", explain(e))),
        &mut |warning| out::status(format!("tshoot: {}: warning: {warning}", answers.display())),
    );
    if let Err(e) = recorder.sync() {
        out::status(format!("tshoot: {:#}", explain(e.into())));
        return Ok(EXIT_NOT_SAVED);
    }
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
    for id in headless::unknown_joined_entries(walk.guide(), &script) {
        out::status(format!(
            "tshoot: {}: warning: '{id}' is not a node of the guides this walk went through; its answer is ignored{}",
            answers.display(),
            headless::node_hint(walk.guide(), id)
        ));
    }
    if let Err(e) = walked {
        out::status(format!("tshoot: {}: {e}", answers.display()));
        return Ok(EXIT_PROBLEM);
    }
    out::text(text::render(&Summary::of(&walk)));
    Ok(0)
}
