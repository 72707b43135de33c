//! Clearing the session folder: a session closed (kept for its report, no longer offered),
//! removed with its reports, or every session untouched for longer than a given time pruned.
//! A session another tshoot holds open is never touched.

use std::path::PathBuf;

use time::{Duration, OffsetDateTime};

use super::error::StoreError;
use super::fsio::Existing;
use super::journal::{Header, State, JOURNAL_VERSION};
use super::lock::{LockError, SessionLock};
use super::session::SessionHead;
use super::session_store::SessionStore;
use super::writer::JournalWriter;
use crate::engine::SessionStatus;

/// What a prune did: the sessions removed, and those it left because a wizard has them open.
#[derive(Debug, Default)]
pub struct Pruned {
    pub removed: Vec<SessionHead>,
    pub in_use: Vec<String>,
}

impl SessionStore {
    /// Takes the session's lock, so that no wizard writes it while it is changed.
    fn lock_for_change(&self, id: &str) -> Result<SessionLock, StoreError> {
        let dir = self.sessions_dir();
        SessionLock::try_take(&dir, id).map_err(|e| match e {
            LockError::Held(pid) => StoreError::Locked {
                id: id.to_string(),
                pid,
            },
            LockError::Io(e) => {
                StoreError::io(format!("locking session '{id}' in '{}'", dir.display()), e)
            }
        })
    }

    /// The report files exported beside a session.
    fn reports_of(&self, id: &str) -> Vec<PathBuf> {
        ["md", "json", "html", "txt"]
            .iter()
            .map(|ext| self.report_path(id, ext))
            .filter(|p| p.is_file())
            .collect()
    }

    /// Removes the session `id` names (a unique start of an id will do) and its reports;
    /// returns the full id.
    pub fn remove(&self, id: &str) -> Result<String, StoreError> {
        let id = self.resolve(id)?;
        let _lock = self.lock_for_change(&id)?;
        let path = self.path_of(&id);
        std::fs::remove_file(&path)
            .map_err(|e| StoreError::io(format!("removing '{}'", path.display()), e))?;
        for report in self.reports_of(&id) {
            // The session is gone; a report left behind is only a file the user can delete.
            let _ = std::fs::remove_file(report);
        }
        Ok(id)
    }

    /// Marks the session closed: it keeps every step and its reports, and is no longer offered
    /// by the picker or by `resume` without an id. Returns the full id.
    pub fn close(&self, id: &str, now: OffsetDateTime) -> Result<String, StoreError> {
        let id = self.resolve(id)?;
        let _lock = self.lock_for_change(&id)?;
        let session = self.load(&id)?;
        let header = Header {
            journal: JOURNAL_VERSION,
            id: session.id.clone(),
            guide: session.guide.clone(),
            technician: session.technician.clone(),
            ticket: session.ticket.clone(),
            started: session.started,
            superseded: session.superseded.clone(),
        };
        let state = State {
            status: SessionStatus::Closed,
            updated: now,
            current: session.current.clone(),
            empty: false,
            access: session.access.clone(),
            user: session.user.clone(),
            correlation: session.correlation.clone(),
            step: Some(session.steps.len()),
        };
        let dir = self.sessions_dir();
        JournalWriter::snapshot(
            &dir,
            &SessionStore::file_name(&id),
            &header,
            &session.steps,
            super::journal::Added {
                evidence: &session.evidence,
                replaced: &session.replaced,
            },
            &state,
            Existing::Replace,
        )
        .map_err(|e| StoreError::io(format!("closing session '{id}' in '{}'", dir.display()), e))?;
        Ok(id)
    }

    /// Removes every session (whatever its status) whose last change is older than `age`
    /// before `now`, with its reports. Sessions held open by a wizard are left and named.
    pub fn prune(&self, age: Duration, now: OffsetDateTime) -> Result<Pruned, StoreError> {
        let cutoff = now - age;
        let mut pruned = Pruned::default();
        for head in self.list()?.sessions {
            if head.updated >= cutoff {
                continue;
            }
            match self.remove(&head.id) {
                Ok(_) => pruned.removed.push(head),
                Err(StoreError::Locked { id, .. }) => pruned.in_use.push(id),
                Err(e) => return Err(e),
            }
        }
        Ok(pruned)
    }
}
