//! The recorder that keeps sessions on disk: one session per walk, written after every change.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use time::OffsetDateTime;

use super::folder::Store;
use super::recorder::{Recorder, Resumed, SessionListing};
use super::reopen;
use super::session::{new_id, Session, Superseded, Who};
use crate::engine::{Clock, Walk};
use crate::guide::catalog::Catalog;
use crate::report::{self, Format, Policy, SessionStatus, Summary};

/// The session being written.
#[derive(Debug)]
struct Open {
    id: String,
    guide_id: String,
    started: OffsetDateTime,
    who: Who,
    superseded: Vec<Superseded>,
    /// False until the first save has claimed the id on disk.
    created: bool,
}

pub struct SessionRecorder {
    store: Store,
    /// `--tech` and `--ticket` as given (they override what a resumed session recorded).
    tech: Option<String>,
    ticket: Option<String>,
    clock: Arc<dyn Clock>,
    open: Option<Open>,
}

impl SessionRecorder {
    pub fn new(
        store: Store,
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
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The session file being written, once the first save made it.
    pub fn session_path(&self) -> Option<PathBuf> {
        self.open
            .as_ref()
            .filter(|o| o.created)
            .map(|o| self.store.path_of(&o.id))
    }

    fn write(&mut self, walk: &Walk, status: SessionStatus) -> Result<Session> {
        let now = self.clock.now();
        let same_guide = self
            .open
            .as_ref()
            .is_some_and(|o| o.guide_id == walk.guide().id());
        if !same_guide {
            self.open = None;
        }
        let (tech, ticket) = (self.tech.as_deref(), self.ticket.as_deref());
        let open = self.open.get_or_insert_with(|| {
            let started = walk.steps()[0].entered_at;
            Open {
                id: new_id(started, walk.guide().id(), 0),
                guide_id: walk.guide().id().to_string(),
                started,
                who: Who::from_env(tech, ticket),
                superseded: Vec::new(),
                created: false,
            }
        });
        let mut session = Session::record(&open.id, walk, &open.who, open.started, now, status);
        session.superseded = open.superseded.clone();
        // A copy of the guide lets reports show what was asked even after the guide changes;
        // failing to keep it must not stop the answers being saved.
        let _ = self.store.keep_guide(walk.guide());
        if open.created {
            self.store.save(&session).with_context(|| {
                format!(
                    "saving session '{}' in '{}'",
                    open.id,
                    self.store.sessions_dir().display()
                )
            })?;
            return Ok(session);
        }
        let mut attempt = 0;
        loop {
            match self.store.create(&session) {
                Ok(()) => break,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 16 => {
                    attempt += 1;
                    open.id = new_id(open.started, &open.guide_id, attempt);
                    session.id = open.id.clone();
                }
                Err(e) => {
                    return Err(e).with_context(|| {
                        format!(
                            "creating a session file in '{}'",
                            self.store.sessions_dir().display()
                        )
                    })
                }
            }
        }
        open.created = true;
        Ok(session)
    }

    /// Writes the three reports of `session` next to it.
    fn export_session(&self, walk: &Walk, session: &Session) -> Result<Vec<PathBuf>> {
        let summary = Summary::of(walk).with_session(session.info());
        let mut paths = Vec::new();
        for format in Format::ALL {
            let text = report::render(format, &summary, walk.steps(), &Policy::secrets_only());
            let path = self.store.report_path(&session.id, format.extension());
            self.store
                .write_beside(&path, text.as_str())
                .with_context(|| format!("writing '{}'", path.display()))?;
            paths.push(path);
        }
        Ok(paths)
    }
}

impl Recorder for SessionRecorder {
    fn save(&mut self, walk: &Walk) -> Result<()> {
        self.write(walk, SessionStatus::of(walk)).map(drop)
    }

    fn close(&mut self, walk: &Walk) -> Result<()> {
        if self.open.is_none() && walk.answered().is_empty() {
            return Ok(());
        }
        let status = match SessionStatus::of(walk) {
            SessionStatus::InProgress => SessionStatus::Abandoned,
            finished => finished,
        };
        self.write(walk, status).map(drop)
    }

    fn export(&mut self, walk: &Walk) -> Result<Vec<PathBuf>> {
        let session = self.write(walk, SessionStatus::of(walk))?;
        self.export_session(walk, &session)
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
                current_step: s.current.label,
            })
            .collect()
    }

    fn resume(&mut self, id: &str, catalog: &Catalog) -> Result<Resumed> {
        let session = self.store.load(id)?;
        let now = self.clock.now();
        let reopened = reopen::for_resume(&session, catalog, Arc::clone(&self.clock), now)?;
        let mut superseded = session.superseded.clone();
        superseded.extend(reopened.superseded);
        self.open = Some(Open {
            id: session.id.clone(),
            guide_id: session.guide.id.clone(),
            started: session.started,
            who: Who {
                technician: self.tech.clone().unwrap_or(session.technician),
                ticket: self.ticket.clone().or(session.ticket),
            },
            superseded,
            created: true,
        });
        Ok(Resumed {
            walk: reopened.walk,
            notice: reopened.notice,
        })
    }

    fn start_new(&mut self) {
        self.open = None;
    }

    fn session_id(&self) -> Option<String> {
        self.open
            .as_ref()
            .filter(|o| o.created)
            .map(|o| o.id.clone())
    }
}
