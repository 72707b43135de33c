//! What the commands that keep sessions build from the global options: the session store and
//! recorder, and the command line's words for what the store refuses.

use std::sync::Arc;

use anyhow::{anyhow, Result};

use super::args::Global;
use crate::engine::SystemClock;
use crate::store::{Recorder, SessionRecorder, SessionStore, StoreError};

/// Exit code when a session could not be saved or closed: the same as an unreadable file (2),
/// since both mean the disk refused us.
pub const EXIT_NOT_SAVED: u8 = super::EXIT_USAGE;

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
pub fn store(global: &Global) -> Result<SessionStore> {
    let root =
        SessionStore::default_root(global.state_dir.as_deref()).map_err(|e| explain(e.into()))?;
    Ok(SessionStore::at(&root))
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
