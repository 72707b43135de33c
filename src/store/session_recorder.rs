//! The recorder that keeps sessions on disk: one session per walk, created by its first answer,
//! one journal record appended per change, locked against a second writer while open.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use time::OffsetDateTime;

use super::error::StoreError;
use super::fsio::Existing;
use super::journal::{Added, Header, State, JOURNAL_VERSION};
use super::lock::{LockError, SessionLock};
use super::recorder::{Discard, Recorder, Resumed, SessionListing};
use super::reopen;
use super::session::{new_id, CurrentStep, GuidePin, Who};
use super::session_store::SessionStore;
use super::writer::JournalWriter;
use crate::engine::SessionStatus;
use crate::engine::{Clock, Revision, Walk};
use crate::guide::Catalog;
use crate::report::{self, Format, Policy, SessionInfo, Summary};

/// The session being written.
#[derive(Debug)]
struct Open {
    header: Header,
    /// Held from creation or resume until the recorder moves on.
    _lock: SessionLock,
    /// `None` after a resume: the first save rewrites the file whole (new technician, ticket or
    /// superseded steps; a cut last record dropped), then appends.
    writer: Option<JournalWriter>,
    /// The walk's revision the file holds, so an append compares only the steps changed since.
    saved: Option<Revision>,
    /// Made ready by `prepare` and nothing recorded since: hidden, and removed on quitting.
    empty: bool,
}

/// Whether the walk holds anything a session must keep: an answer, or a note (a note on an
/// earlier step means that step was answered). O(1), whatever the walk's length.
fn has_record(walk: &Walk) -> bool {
    walk.current_index() > 0
        || walk.current_step().note.is_some()
        || !walk.current_step().kept.is_empty()
        || !walk.evidence().is_empty()
        || !walk.replaced().is_empty()
}

/// Everything the walk ever added, for a file written whole.
fn added_all(walk: &Walk) -> Added<'_> {
    Added {
        evidence: walk.evidence(),
        replaced: walk.replaced(),
    }
}

/// The variables that tell one session from another in a listing: every guide that captures an
/// error page names them so (the error page reader sets them too).
const USER_VARIABLE: &str = "error.user";
const CORRELATION_VARIABLE: &str = "error.correlation_id";

/// A variable's value as one line of safe text, when the walk has a non-empty one.
fn text_of(walk: &Walk, name: &str) -> Option<String> {
    let value = walk.value(name)?.to_string();
    let line = crate::text::clean(&value)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!line.is_empty()).then_some(line)
}

pub struct SessionRecorder {
    store: SessionStore,
    /// `--tech` and `--ticket` as given (they override what a resumed session recorded).
    tech: Option<String>,
    ticket: Option<String>,
    clock: Arc<dyn Clock>,
    open: Option<Open>,
    failed: bool,
    /// Sync each answer as it is saved (the wizard), or once at the end (a headless run).
    sync_each_save: bool,
}

fn lock(store: &SessionStore, id: &str) -> Result<SessionLock, StoreError> {
    let dir = store.sessions_dir();
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

impl SessionRecorder {
    pub fn new(
        store: SessionStore,
        tech: Option<String>,
        ticket: Option<String>,
        clock: Arc<dyn Clock>,
    ) -> SessionRecorder {
        SessionRecorder {
            store,
            tech,
            ticket,
            clock,
            open: None,
            failed: false,
            sync_each_save: true,
        }
    }

    /// For a headless run: each answer is still written as it is made (a `kill -9` loses none),
    /// but forced to the disk once, by [`SessionRecorder::sync`] at the end. The answers are a
    /// file already, so a power cut loses nothing that cannot be walked again, and 10,000 answers
    /// do not wait for 10,000 disk flushes.
    pub fn sync_at_end(&mut self) {
        self.sync_each_save = false;
    }

    /// Forces every answer written so far to the disk.
    pub fn sync(&mut self) -> Result<(), StoreError> {
        let Some(open) = self.open.as_mut() else {
            return Ok(());
        };
        let id = open.header.id.clone();
        match open.writer.as_mut() {
            Some(writer) => writer.sync().map_err(|e| {
                self.failed = true;
                StoreError::io(format!("saving session '{id}'"), e)
            }),
            None => Ok(()),
        }
    }

    pub fn store(&self) -> &SessionStore {
        &self.store
    }

    /// The session file being written, once the first save made it.
    pub fn session_path(&self) -> Option<PathBuf> {
        self.open.as_ref().map(|o| self.store.path_of(&o.header.id))
    }

    /// Bytes of the session file as this recorder wrote it (0 before the first save or right
    /// after a resume): how much each save costs on disk.
    pub fn journal_len(&self) -> u64 {
        self.open
            .as_ref()
            .and_then(|o| o.writer.as_ref())
            .map_or(0, JournalWriter::len)
    }

    fn state(&self, walk: &Walk, status: SessionStatus) -> State {
        State {
            status,
            updated: self.clock.now(),
            current: CurrentStep {
                node: walk.current().id.to_string(),
                label: walk.current().label().to_string(),
            },
            empty: false,
            access: walk.access().map(|a| a.iter().cloned().collect()),
            user: text_of(walk, USER_VARIABLE),
            correlation: text_of(walk, CORRELATION_VARIABLE),
            step: Some(walk.current_index() + 1),
        }
    }

    /// Saves `walk` with `status`: appends a record, or (`whole`, or when due) rewrites the file.
    fn write(&mut self, walk: &Walk, status: SessionStatus, whole: bool) -> Result<(), StoreError> {
        let result = self.write_inner(walk, status, whole);
        if result.as_ref().is_err_and(StoreError::is_write_failure) {
            self.failed = true;
        }
        result
    }

    fn write_inner(
        &mut self,
        walk: &Walk,
        status: SessionStatus,
        whole: bool,
    ) -> Result<(), StoreError> {
        if self
            .open
            .as_ref()
            .is_some_and(|o| o.header.guide.id != walk.guide().id())
        {
            self.open = None;
        }
        let mut whole = whole;
        if let Some(open) = self.open.as_mut() {
            if open.header.guide.hash != walk.guide().hash() {
                // The walk went on in another guide: the session now pins the joined guide, kept
                // like any other, and the file is written whole under its new header.
                let _ = self.store.keep_guide(walk.guide());
                open.header.guide = GuidePin::of(walk.guide());
                whole = true;
            }
        }
        let mut state = self.state(walk, status);
        let dir = self.store.sessions_dir();
        let recorded = has_record(walk);
        let Some(open) = self.open.as_mut() else {
            // A walk only opened (a guide picked, nothing answered or noted) keeps nothing:
            // the first answer creates the session (unless `prepare` made it ready).
            return if recorded {
                self.create(walk, &state, false)
            } else {
                Ok(())
            };
        };
        open.empty &= !recorded;
        state.empty = open.empty;
        let saving = || format!("saving session '{}' in '{}'", open.header.id, dir.display());
        match open.writer.as_mut() {
            Some(writer) if !whole && !writer.wants_snapshot() => {
                writer.set_sync_each(self.sync_each_save);
                let changed = open.saved.and_then(|r| walk.changed_since(r));
                let added = Added {
                    evidence: walk.evidence_since(open.saved),
                    replaced: walk.replaced_since(open.saved),
                };
                writer
                    .append(walk.steps(), changed, added, &state)
                    .map_err(|e| StoreError::io(saving(), e))?;
            }
            _ => {
                let name = SessionStore::file_name(&open.header.id);
                let writer = JournalWriter::snapshot(
                    &dir,
                    &name,
                    &open.header,
                    walk.steps(),
                    added_all(walk),
                    &state,
                    Existing::Replace,
                )
                .map_err(|e| StoreError::io(saving(), e))?;
                open.writer = Some(writer);
            }
        }
        open.saved = Some(walk.revision());
        Ok(())
    }

    /// The first save: folders, the kept guide, a fresh id, locked, and the file, all at once.
    fn create(&mut self, walk: &Walk, state: &State, empty: bool) -> Result<(), StoreError> {
        self.store.ensure()?;
        let dir = self.store.sessions_dir();
        // A copy of the guide lets reports and resume use what was asked even after the guide
        // changes; failing to keep it must not stop the answers being saved.
        let _ = self.store.keep_guide(walk.guide());
        let started = walk.steps()[0].entered_at;
        let who = Who::from_env(self.tech.as_deref(), self.ticket.as_deref());
        let creating =
            |e| StoreError::io(format!("creating a session file in '{}'", dir.display()), e);
        for attempt in 0..16 {
            let id = new_id(started, walk.guide().id(), attempt);
            let lock = match lock(&self.store, &id) {
                Ok(lock) => lock,
                Err(StoreError::Locked { .. }) => continue,
                Err(e) => return Err(e),
            };
            let header = Header {
                journal: JOURNAL_VERSION,
                id,
                guide: GuidePin::of(walk.guide()),
                technician: who.technician.clone(),
                ticket: who.ticket.clone(),
                started,
                superseded: Vec::new(),
            };
            let name = SessionStore::file_name(&header.id);
            match JournalWriter::snapshot(
                &dir,
                &name,
                &header,
                walk.steps(),
                added_all(walk),
                state,
                Existing::Keep,
            ) {
                Ok(writer) => {
                    self.open = Some(Open {
                        header,
                        _lock: lock,
                        writer: Some(writer),
                        saved: Some(walk.revision()),
                        empty,
                    });
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(creating(e)),
            }
        }
        Err(creating(std::io::ErrorKind::AlreadyExists.into()))
    }

    /// Writes the three reports of the open session next to it.
    fn export_session(&self, walk: &Walk) -> Result<Vec<PathBuf>, StoreError> {
        let Some(open) = &self.open else {
            return Err(StoreError::NotKept);
        };
        let info = SessionInfo {
            id: open.header.id.clone(),
            technician: open.header.technician.clone(),
            ticket: open.header.ticket.clone(),
            status: SessionStatus::of(walk),
            updated: self.clock.now(),
        };
        let by_guide_changes: Vec<_> = open
            .header
            .superseded
            .iter()
            .filter_map(|s| s.replaced_in(walk))
            .collect();
        let summary = Summary::of(walk)
            .with_session(info)
            .with_replaced(walk, &by_guide_changes);
        let mut paths = Vec::new();
        for format in Format::ALL {
            let text = report::render(format, &summary, walk.steps(), &Policy::secrets_only());
            let path = self.store.report_path(&open.header.id, format.extension());
            self.store
                .write_beside(&path, text.as_str())
                .map_err(|e| StoreError::io(format!("writing '{}'", path.display()), e))?;
            paths.push(path);
        }
        Ok(paths)
    }

    fn resume_session(&mut self, id: &str, catalog: &Catalog) -> Result<Resumed, StoreError> {
        self.open = None;
        let id = self.store.resolve(id)?;
        let lock = lock(&self.store, &id)?;
        let session = self.store.load(&id)?;
        let now: OffsetDateTime = self.clock.now();
        let reopened =
            reopen::for_resume(&self.store, &session, catalog, Arc::clone(&self.clock), now)?;
        let mut superseded = session.superseded;
        superseded.extend(reopened.superseded);
        self.open = Some(Open {
            header: Header {
                journal: JOURNAL_VERSION,
                id: session.id,
                guide: GuidePin::of(reopened.walk.guide()),
                technician: self.tech.clone().unwrap_or(session.technician),
                ticket: self.ticket.clone().or(session.ticket),
                started: session.started,
                superseded,
            },
            _lock: lock,
            writer: None,
            saved: None,
            empty: false,
        });
        let who = self.open.as_ref().map_or_else(Who::default, |o| Who {
            technician: o.header.technician.clone(),
            ticket: o.header.ticket.clone(),
        });
        Ok(Resumed {
            walk: reopened.walk,
            notice: reopened.notice,
            who,
        })
    }
}

impl Recorder for SessionRecorder {
    fn save(&mut self, walk: &Walk) -> Result<()> {
        Ok(self.write(walk, SessionStatus::of(walk), false)?)
    }

    /// Rewrites the session whole (a compact file to keep) with its final status.
    fn close(&mut self, walk: &Walk) -> Result<()> {
        if self.open.is_none() && walk.answered().is_empty() {
            return Ok(());
        }
        if self.open.as_ref().is_some_and(|o| o.empty) && !has_record(walk) {
            // Made ready, never used: nothing to keep, so no session is left behind.
            if let Some(open) = self.open.take() {
                let path = self.store.path_of(&open.header.id);
                std::fs::remove_file(&path).map_err(|e| {
                    StoreError::io(
                        format!("removing the unused session '{}'", path.display()),
                        e,
                    )
                })?;
            }
            return Ok(());
        }
        let status = match SessionStatus::of(walk) {
            SessionStatus::InProgress => SessionStatus::Paused,
            finished => finished,
        };
        self.write(walk, status, true)?;
        // Files a killed tshoot left are cleared by this last save (and by every listing), not
        // by the first: reading a folder of thousands of sessions would slow the first answer.
        self.store.sweep_leftovers();
        Ok(())
    }

    fn export(&mut self, walk: &Walk) -> Result<Vec<PathBuf>> {
        self.write(walk, SessionStatus::of(walk), false)?;
        let exported = self.export_session(walk);
        if exported.is_err() {
            self.failed = true;
        }
        Ok(exported?)
    }

    fn prepare(&mut self, walk: &Walk) {
        if self.open.is_some() || has_record(walk) {
            return;
        }
        let mut state = self.state(walk, SessionStatus::of(walk));
        state.empty = true;
        // Failing here costs only speed: the first answer then creates the session itself.
        let _ = self.create(walk, &state, true);
    }

    fn unfinished(&self) -> Vec<SessionListing> {
        let Ok(listing) = self.store.list() else {
            return Vec::new();
        };
        listing
            .sessions
            .into_iter()
            .filter(|s| s.status.is_unfinished())
            .map(|s| SessionListing {
                id: s.id,
                guide_id: s.guide.id,
                guide_title: s.guide.title,
                started: s.started,
                updated: s.updated,
                current_step: s.current.label,
                step_number: s.step.unwrap_or(0),
                ticket: s.ticket,
                technician: s.technician,
                user: s.user,
                correlation: s.correlation,
            })
            .collect()
    }

    fn resume(&mut self, id: &str, catalog: &Catalog) -> Result<Resumed> {
        Ok(self.resume_session(id, catalog)?)
    }

    fn start_new(&mut self) {
        self.open = None;
    }

    fn session_id(&self) -> Option<String> {
        self.open.as_ref().map(|o| o.header.id.clone())
    }

    fn set_who(&mut self, who: &Who) -> Result<()> {
        self.tech = Some(who.technician.clone());
        self.ticket = who.ticket.clone();
        let Some(open) = self.open.as_mut() else {
            return Ok(());
        };
        open.header.technician = who.technician.clone();
        open.header.ticket = who.ticket.clone();
        // Who is in the header line: the next save writes the file whole.
        open.writer = None;
        Ok(())
    }

    fn discard(&mut self, id: &str, how: Discard) -> Result<()> {
        if self.open.as_ref().is_some_and(|o| o.header.id == id) {
            return Err(StoreError::Locked {
                id: id.to_string(),
                pid: Some(std::process::id()),
            }
            .into());
        }
        match how {
            Discard::Close => self.store.close(id, self.clock.now())?,
            Discard::Delete => self.store.remove(id)?,
        };
        Ok(())
    }

    fn save_failed(&self) -> bool {
        self.failed
    }
}
