//! The session folder: where it is, and reading, listing and writing the session files in it.
//! A damaged file is reported with its path, skipped and never written over.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use super::fsio::{private_dir, read_limited, write_atomic, Existing};
use super::session::{is_valid_id, Session};
use crate::guide::load::LoadedGuide;
use crate::guide::model::Guide;
use crate::guide::source_map::SourceMap;
use crate::guide::{validate, ValidGuide};

/// No session a person walked comes near this; a bigger file is not one of ours.
const MAX_SESSION_BYTES: u64 = 64 * 1024 * 1024;

/// A file in the session folder that could not be read as a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub path: PathBuf,
    pub reason: String,
}

impl fmt::Display for Damaged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "skipped the damaged session file '{}': {}; it is kept as it is",
            self.path.display(),
            self.reason
        )
    }
}

/// Every session in the folder, newest first, and the files that are not readable sessions.
#[derive(Debug, Default)]
pub struct Listing {
    pub sessions: Vec<Session>,
    pub damaged: Vec<Damaged>,
}

#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

impl Store {
    /// The state folder: `--state-dir`, else `$XDG_STATE_HOME/tshoot`, else
    /// `~/.local/state/tshoot`.
    pub fn default_root(state_dir: Option<&Path>) -> Result<PathBuf> {
        if let Some(dir) = state_dir {
            return Ok(dir.to_path_buf());
        }
        let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
        if let Some(xdg) = std::env::var_os("XDG_STATE_HOME").and_then(absolute) {
            return Ok(xdg.join("tshoot"));
        }
        match std::env::var_os("HOME").and_then(absolute) {
            Some(home) => Ok(home.join(".local/state/tshoot")),
            None => {
                bail!("cannot tell where to keep sessions: HOME is not set; pass --state-dir DIR")
            }
        }
    }

    /// Opens (creating, private) the store under `root`: sessions live in `root/sessions`.
    pub fn open(root: &Path) -> Result<Store> {
        let store = Store {
            root: root.to_path_buf(),
        };
        for dir in [root.to_path_buf(), store.sessions_dir(), store.guides_dir()] {
            private_dir(&dir).with_context(|| {
                format!(
                    "cannot create the session folder '{}'; pass --state-dir DIR to keep sessions elsewhere",
                    dir.display()
                )
            })?;
        }
        Ok(store)
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// Copies of the guides sessions were recorded against, named by content hash, so a report
    /// shows what the technician saw even after the guide changed.
    fn guides_dir(&self) -> PathBuf {
        self.root.join("guides")
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.json"))
    }

    /// Where the reports of a session are exported: next to it, `<id>.report.<ext>`.
    pub fn report_path(&self, id: &str, extension: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.report.{extension}"))
    }

    fn read(path: &Path, stem: &str) -> Result<Session, String> {
        let bytes = read_limited(path, MAX_SESSION_BYTES).map_err(|e| e.to_string())?;
        let session: Session = serde_json::from_slice(&bytes)
            .map_err(|e| format!("it is not a readable session ({e})"))?;
        session.check(stem)?;
        Ok(session)
    }

    pub fn list(&self) -> Result<Listing> {
        let dir = self.sessions_dir();
        let entries = std::fs::read_dir(&dir)
            .with_context(|| format!("reading the session folder '{}'", dir.display()))?;
        let mut listing = Listing::default();
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            // Sessions are `<id>.json`; temp files start with a dot, reports have a second dot.
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            if name.starts_with('.') || !is_valid_id(stem) || !path.is_file() {
                continue;
            }
            match Store::read(&path, stem) {
                Ok(session) => listing.sessions.push(session),
                Err(reason) => listing.damaged.push(Damaged { path, reason }),
            }
        }
        listing
            .sessions
            .sort_by(|a, b| b.started.cmp(&a.started).then_with(|| b.id.cmp(&a.id)));
        listing.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(listing)
    }

    /// The session with this id, or the one session whose id starts with it.
    pub fn load(&self, id: &str) -> Result<Session> {
        if !is_valid_id(id) {
            bail!("'{id}' is not a session id; ids look like 20261126-193502-aadsts51006-3f2a (see `tshoot sessions`)");
        }
        let exact = self.path_of(id);
        if exact.is_file() {
            return Store::read(&exact, id).map_err(|reason| {
                anyhow::anyhow!(
                    "cannot resume or report session '{id}': the file '{}' is damaged: {reason}; it is kept as it is",
                    exact.display()
                )
            });
        }
        let listing = self.list()?;
        let matches: Vec<&Session> = listing
            .sessions
            .iter()
            .filter(|s| s.id.starts_with(id))
            .collect();
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => bail!(
                "no session '{id}' in '{}'; `tshoot sessions` lists them",
                self.sessions_dir().display()
            ),
            many => bail!(
                "'{id}' matches {} sessions ({}); give more of the id",
                many.len(),
                many.iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    /// Writes a new session; fails with `AlreadyExists` if its id is taken.
    pub fn create(&self, session: &Session) -> io::Result<()> {
        self.write_file(session, Existing::Keep)
    }

    /// Replaces a session's file with its new state.
    pub fn save(&self, session: &Session) -> io::Result<()> {
        self.write_file(session, Existing::Replace)
    }

    fn write_file(&self, session: &Session, existing: Existing) -> io::Result<()> {
        let bytes = serde_json::to_vec(session)?;
        write_atomic(
            &self.sessions_dir(),
            &format!("{}.json", session.id),
            &bytes,
            existing,
        )
    }

    /// Writes a file next to the sessions (a report), atomically and private.
    pub fn write_beside(&self, path: &Path, text: &str) -> io::Result<()> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
        write_atomic(
            &self.sessions_dir(),
            name,
            text.as_bytes(),
            Existing::Replace,
        )
    }

    fn snapshot_name(hash: &str) -> Option<String> {
        let hex = hash.strip_prefix("sha256:")?;
        (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| format!("{hex}.json"))
    }

    /// Keeps a copy of the guide under its hash, once.
    pub fn keep_guide(&self, guide: &ValidGuide) -> io::Result<()> {
        let Some(name) = Store::snapshot_name(guide.hash()) else {
            return Ok(());
        };
        if self.guides_dir().join(&name).is_file() {
            return Ok(());
        }
        let bytes = serde_json::to_vec(guide.guide())?;
        match write_atomic(&self.guides_dir(), &name, &bytes, Existing::Keep) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            other => other,
        }
    }

    /// The guide as it was when its hash was recorded, if a copy was kept and still validates.
    pub fn kept_guide(&self, hash: &str) -> Option<ValidGuide> {
        let name = Store::snapshot_name(hash)?;
        let path = self.guides_dir().join(&name);
        let bytes = read_limited(&path, MAX_SESSION_BYTES).ok()?;
        let guide: Guide = serde_json::from_slice(&bytes).ok()?;
        let loaded = LoadedGuide {
            guide,
            file: path.display().to_string(),
            source: SourceMap::default(),
            hash: hash.to_string(),
        };
        validate(loaded).ok()
    }
}
