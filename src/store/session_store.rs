//! The session folder: where it is, and reading, listing and writing the session files in it.
//! A damaged file is reported with its path, skipped and never written over. Nothing is created
//! until something is written: reading commands leave a missing folder missing.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use super::error::StoreError;
use super::fsio::{private_dir, read_limited, remove_stale_temps, write_cache};
use super::journal;
use super::lock;
use super::session::{is_valid_id, Session, SessionHead};
use crate::guide::Guide;
use crate::guide::ValidGuide;

/// No session a person walked comes near this; a bigger file is not one of ours.
const MAX_SESSION_BYTES: u64 = 64 * 1024 * 1024;

/// A listing reads this much of the end of a session file for where it stands.
const TAIL_BYTES: u64 = 16 * 1024;

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
    pub sessions: Vec<SessionHead>,
    pub damaged: Vec<Damaged>,
}

#[derive(Debug, Clone)]
pub struct SessionStore {
    root: PathBuf,
}

impl SessionStore {
    /// The state folder: `--state-dir`, else `$XDG_STATE_HOME/tshoot`, else
    /// `~/.local/state/tshoot`.
    pub fn default_root(state_dir: Option<&Path>) -> Result<PathBuf, StoreError> {
        if let Some(dir) = state_dir {
            return Ok(dir.to_path_buf());
        }
        let absolute = |v: std::ffi::OsString| Some(PathBuf::from(v)).filter(|p| p.is_absolute());
        if let Some(xdg) = std::env::var_os("XDG_STATE_HOME").and_then(absolute) {
            return Ok(xdg.join("tshoot"));
        }
        match std::env::var_os("HOME").and_then(absolute) {
            Some(home) => Ok(home.join(".local/state/tshoot")),
            None => Err(StoreError::NoHome),
        }
    }

    /// The store under `root` (sessions live in `root/sessions`); nothing is created yet.
    pub fn at(root: &Path) -> SessionStore {
        SessionStore {
            root: root.to_path_buf(),
        }
    }

    /// The store under `root`, its folders created (private) if missing.
    pub fn open(root: &Path) -> Result<SessionStore, StoreError> {
        let store = SessionStore::at(root);
        store.ensure()?;
        Ok(store)
    }

    /// Creates the folders that are missing, each 0700; existing ones are left as they are.
    pub fn ensure(&self) -> Result<(), StoreError> {
        for dir in [self.sessions_dir(), self.guides_dir()] {
            private_dir(&dir).map_err(|source| StoreError::CannotCreate { path: dir, source })?;
        }
        Ok(())
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.root.join("sessions")
    }

    /// Copies of the guides sessions were recorded against, named by content hash, so a report
    /// shows what the technician saw even after the guide changed.
    fn guides_dir(&self) -> PathBuf {
        self.root.join("guides")
    }

    /// The name of a session's file in [`SessionStore::sessions_dir`].
    pub fn file_name(id: &str) -> String {
        format!("{id}.json")
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(SessionStore::file_name(id))
    }

    /// Where the reports of a session are exported: next to it, `<id>.report.<ext>`.
    pub fn report_path(&self, id: &str, extension: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.report.{extension}"))
    }

    /// The whole session: a journal (every record), or a single-JSON file of tshoot 0.1.
    pub fn read(path: &Path, stem: &str) -> Result<Session, String> {
        let bytes = read_limited(path, MAX_SESSION_BYTES).map_err(|e| e.to_string())?;
        SessionStore::parse(&bytes, stem)
    }

    fn parse(bytes: &[u8], stem: &str) -> Result<Session, String> {
        if journal::is_journal(bytes) {
            return journal::read(bytes, stem);
        }
        let session: Session = serde_json::from_slice(bytes)
            .map_err(|e| format!("it is not a readable session ({e})"))?;
        session.check(stem)?;
        Ok(session)
    }

    /// What a listing shows: from a journal, its first line and the end of its last record
    /// only, in as few system calls as it can: open, one read into `buf` (reused from file to
    /// file), close, for a file of up to 16 KiB.
    fn read_head(path: &Path, stem: &str, buf: &mut [u8]) -> Result<SessionHead, String> {
        let file = File::open(path).map_err(|e| e.to_string())?;
        // A read of a regular file returns less than asked only at its end.
        let n = file.read_at(buf, 0).map_err(|e| e.to_string())?;
        if n < buf.len() {
            let bytes = &buf[..n];
            let Some(end) = bytes.iter().position(|&b| b == b'\n') else {
                return SessionStore::parse(bytes, stem).map(|s| s.head());
            };
            if journal::is_journal(bytes) {
                if let Some(head) = journal::head(&bytes[..end], bytes, 0, stem) {
                    return head;
                }
            }
            return SessionStore::parse(bytes, stem).map(|s| s.head());
        }
        let len = file.metadata().map_err(|e| e.to_string())?.len();
        if len > MAX_SESSION_BYTES {
            return Err(format!("larger than {} MiB", MAX_SESSION_BYTES >> 20));
        }
        let mut first = Vec::new();
        BufReader::new(&file)
            .take(len)
            .read_until(b'\n', &mut first)
            .map_err(|e| e.to_string())?;
        if journal::is_journal(&first) && first.pop() == Some(b'\n') {
            let tail_at = len.saturating_sub(TAIL_BYTES);
            let tail = &mut buf[..(len - tail_at) as usize];
            file.read_exact_at(tail, tail_at)
                .map_err(|e| e.to_string())?;
            if let Some(head) = journal::head(&first, tail, tail_at as usize, stem) {
                return head;
            }
        }
        SessionStore::read(path, stem).map(|s| s.head())
    }

    /// Every session, newest first, read from headers only; missing folder, no sessions. Temp
    /// and lock files left by a killed tshoot are removed on the way.
    pub fn list(&self) -> Result<Listing, StoreError> {
        let dir = self.sessions_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Listing::default()),
            Err(e) => {
                return Err(StoreError::io(
                    format!("reading the session folder '{}'", dir.display()),
                    e,
                ))
            }
        };
        let mut listing = Listing::default();
        let mut empty = Vec::new();
        let mut buf = vec![0; TAIL_BYTES as usize + 1];
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            // Sessions are `<id>.json`; temp and lock files start with a dot, reports have a
            // second dot.
            let Some(stem) = name.strip_suffix(".json") else {
                continue;
            };
            // The type comes with the folder entry: no extra call per file.
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if name.starts_with('.') || !is_valid_id(stem) || !is_file {
                continue;
            }
            match SessionStore::read_head(&path, stem, &mut buf) {
                Ok(head) if head.empty => empty.push(head.id),
                Ok(head) => listing.sessions.push(head),
                Err(reason) => listing.damaged.push(Damaged { path, reason }),
            }
        }
        self.sweep_leftovers();
        // A session made ready for a walk that never got an answer: the wizard that holds it
        // is still reading (its lock stands), or it is gone and the file holds nothing to keep.
        for id in empty {
            if !lock::lock_path(&dir, &id).exists() {
                let _ = std::fs::remove_file(self.path_of(&id));
            }
        }
        listing
            .sessions
            .sort_by(|a, b| b.started.cmp(&a.started).then_with(|| b.id.cmp(&a.id)));
        listing.damaged.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(listing)
    }

    /// Removes what a killed tshoot leaves in the session folder: temp files of an unfinished
    /// write, and lock files nobody holds.
    pub fn sweep_leftovers(&self) {
        let dir = self.sessions_dir();
        remove_stale_temps(&dir);
        lock::sweep(&dir);
    }

    /// The full id of the session `id` names: itself, or the one session whose id starts with it.
    pub fn resolve(&self, id: &str) -> Result<String, StoreError> {
        if !is_valid_id(id) {
            return Err(StoreError::NotASessionId(id.to_string()));
        }
        if self.path_of(id).is_file() {
            return Ok(id.to_string());
        }
        let listing = self.list()?;
        let mut matches: Vec<String> = listing
            .sessions
            .into_iter()
            .map(|s| s.id)
            .filter(|s| s.starts_with(id))
            .collect();
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => Err(StoreError::NoSuchSession {
                id: id.to_string(),
                dir: self.sessions_dir(),
            }),
            _ => Err(StoreError::Ambiguous {
                id: id.to_string(),
                matches,
            }),
        }
    }

    /// The session with this id, or the one session whose id starts with it.
    pub fn load(&self, id: &str) -> Result<Session, StoreError> {
        let id = self.resolve(id)?;
        let path = self.path_of(&id);
        SessionStore::read(&path, &id).map_err(|reason| StoreError::Damaged { id, path, reason })
    }

    /// Writes a file next to the sessions (a report), atomically and private.
    pub fn write_beside(&self, path: &Path, text: &str) -> io::Result<()> {
        super::fsio::write_export(path, text.as_bytes())
    }

    fn snapshot_name(hash: &str) -> Option<String> {
        let hex = hash.strip_prefix("sha256:")?;
        (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| format!("{hex}.json"))
    }

    /// Keeps a copy of the guide under its hash, once per guide version. The copy is a cache: a
    /// crash that loses it costs only the copy (a torn one does not parse and counts as missing).
    pub fn keep_guide(&self, guide: &ValidGuide) -> io::Result<()> {
        let Some(name) = SessionStore::snapshot_name(guide.hash()) else {
            return Ok(());
        };
        if self.guides_dir().join(&name).is_file() {
            return Ok(());
        }
        // A bundled guide's JSON is in the binary already: written as it is, not serialised again
        // (which would double the guide in memory for a moment, on the wizard's first answer).
        let owned;
        let bytes: &[u8] = match crate::guide::BUNDLED
            .iter()
            .find(|b| b.hash == guide.hash())
        {
            Some(bundled) => bundled.json.as_bytes(),
            None => {
                owned = serde_json::to_vec(guide.guide())?;
                &owned
            }
        };
        match write_cache(&self.guides_dir(), &name, bytes) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            other => other,
        }
    }

    /// The guide as it was when its hash was recorded, if a copy was kept and still validates.
    pub fn kept_guide(&self, hash: &str) -> Option<ValidGuide> {
        let name = SessionStore::snapshot_name(hash)?;
        let path = self.guides_dir().join(&name);
        let bytes = read_limited(&path, MAX_SESSION_BYTES).ok()?;
        let guide: Guide = serde_json::from_slice(&bytes).ok()?;
        ValidGuide::from_kept(guide, path.display().to_string(), hash.to_string()).ok()
    }
}
