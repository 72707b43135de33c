//! The wizard's one window on the store: save after every change, export, list and resume.
//! A trait so the TUI can be tested with [`NullRecorder`] and no disk. Errors are `anyhow`
//! wrapping a [`StoreError`] (`downcast_ref` it to word a hint).

use std::path::PathBuf;

use anyhow::Result;
use time::OffsetDateTime;

use super::error::StoreError;
use super::session::Who;
use crate::engine::Walk;
use crate::guide::Catalog;

/// An unfinished session the picker can offer, with what tells it apart from the others.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionListing {
    pub id: String,
    pub guide_id: String,
    pub guide_title: String,
    pub started: OffsetDateTime,
    /// When it last changed: how long it has waited.
    pub updated: OffsetDateTime,
    /// Label of the step the session stopped at, and its number (1 is the first step).
    pub current_step: String,
    pub step_number: usize,
    pub ticket: Option<String>,
    pub technician: String,
    /// The user whose sign-in failed and the failure's correlation id, when the walk has them.
    pub user: Option<String>,
    pub correlation: Option<String>,
}

/// A session brought back, with a notice when the guide changed since it was recorded.
#[derive(Debug)]
pub struct Resumed {
    pub walk: Walk,
    pub notice: Option<String>,
    /// The technician and ticket it records (the command line's, when given).
    pub who: Who,
}

/// What the picker does with a session the technician no longer wants offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discard {
    /// Marked closed: kept for its report, no longer offered.
    Close,
    /// Removed with its reports.
    Delete,
}

pub trait Recorder {
    /// Called after every change to the walk, before the next frame is drawn. The first call
    /// creates the session; a restart keeps the same session.
    fn save(&mut self, walk: &Walk) -> Result<()>;
    /// Marks the session abandoned or finished on the way out, as its state says.
    fn close(&mut self, walk: &Walk) -> Result<()>;
    /// Writes the reports (Markdown, JSON, HTML) next to the session and returns their paths.
    fn export(&mut self, walk: &Walk) -> Result<Vec<PathBuf>>;
    /// Unfinished sessions, newest first, for the picker.
    fn unfinished(&self) -> Vec<SessionListing>;
    /// Loads a session by id; later saves go to that session.
    fn resume(&mut self, id: &str, catalog: &Catalog) -> Result<Resumed>;
    /// Ends the current session: the next save starts a new one, even on the same guide. (A walk
    /// on another guide starts a new session by itself.)
    fn start_new(&mut self) {}
    /// The id of the session being written, once the first save created it.
    fn session_id(&self) -> Option<String> {
        None
    }
    /// Whether a save, close or export failed to write: the session on disk may lack the last
    /// change. The wizard stops and the command exits with the "could not save" code.
    fn save_failed(&self) -> bool {
        false
    }
    /// Called once a walk's screen is drawn, while the technician reads it: makes the session
    /// ready (an empty one, hidden from listings) so that the first answer costs what the others
    /// do. Quitting before any answer removes it again.
    fn prepare(&mut self, _walk: &Walk) {}
    /// The technician and ticket changed during the walk: recorded at once when the session
    /// exists, else by the first answer.
    fn set_who(&mut self, _who: &Who) -> Result<()> {
        Ok(())
    }
    /// Closes or deletes a session that is not the one being walked.
    fn discard(&mut self, _id: &str, _how: Discard) -> Result<()> {
        Err(StoreError::NotKept.into())
    }
}

/// Keeps nothing: for tests and for `--no-save` style runs.
#[derive(Debug, Default)]
pub struct NullRecorder {
    pub saves: usize,
}

impl Recorder for NullRecorder {
    fn save(&mut self, _walk: &Walk) -> Result<()> {
        self.saves += 1;
        Ok(())
    }

    fn close(&mut self, _walk: &Walk) -> Result<()> {
        Ok(())
    }

    fn export(&mut self, _walk: &Walk) -> Result<Vec<PathBuf>> {
        Err(StoreError::NotKept.into())
    }

    fn unfinished(&self) -> Vec<SessionListing> {
        Vec::new()
    }

    fn resume(&mut self, _id: &str, _catalog: &Catalog) -> Result<Resumed> {
        Err(StoreError::NotKept.into())
    }
}
