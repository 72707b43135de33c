//! What can go wrong in the store, as values: the CLI and the TUI word the hints (which flag to
//! pass, which command to run); the store only says what happened and to what.

use std::fmt;
use std::io;
use std::path::PathBuf;

#[derive(Debug)]
pub enum StoreError {
    /// Neither `--state-dir`, `XDG_STATE_HOME` nor `HOME` names a folder.
    NoHome,
    /// A folder of the store could not be created.
    CannotCreate {
        path: PathBuf,
        source: io::Error,
    },
    NotASessionId(String),
    NoSuchSession {
        id: String,
        dir: PathBuf,
    },
    /// The start of an id that fits more than one session.
    Ambiguous {
        id: String,
        matches: Vec<String>,
    },
    /// A session file that is not a readable session; it is kept as it is.
    Damaged {
        id: String,
        path: PathBuf,
        reason: String,
    },
    /// The guide the session was recorded with is neither loaded nor kept.
    GuideNotLoaded {
        session: String,
        guide: String,
        version: String,
    },
    /// Another process holds the session open.
    Locked {
        id: String,
        pid: Option<u32>,
    },
    /// This recorder keeps no sessions (tests, dry runs).
    NotKept,
    /// Reading or writing failed; `doing` says what was being done, to which file.
    Io {
        doing: String,
        source: io::Error,
    },
}

impl StoreError {
    pub fn io(doing: impl Into<String>, source: io::Error) -> StoreError {
        StoreError::Io {
            doing: doing.into(),
            source,
        }
    }

    /// True when the failure was writing: an answer may not be on disk.
    pub fn is_write_failure(&self) -> bool {
        matches!(
            self,
            StoreError::Io { .. } | StoreError::CannotCreate { .. }
        )
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::NoHome => f.write_str(
                "cannot tell where to keep sessions: HOME is not set and no state folder was given",
            ),
            StoreError::CannotCreate { path, source } => write!(
                f,
                "cannot create the session folder '{}': {source}",
                path.display()
            ),
            StoreError::NotASessionId(id) => write!(
                f,
                "'{id}' is not a session id; ids look like 20261126-193502-aadsts51006-3f2a"
            ),
            StoreError::NoSuchSession { id, dir } => {
                write!(f, "no session '{id}' in '{}'", dir.display())
            }
            // A few ids show what to add; hundreds on one line would only bury the hint (U4).
            StoreError::Ambiguous { id, matches } => write!(
                f,
                "'{id}' matches {} sessions ({}{}); give more of the id",
                matches.len(),
                matches
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                if matches.len() > 3 {
                    format!(
                        ", and {} more: `tshoot sessions` lists them",
                        matches.len() - 3
                    )
                } else {
                    String::new()
                }
            ),
            StoreError::Damaged { id, path, reason } => write!(
                f,
                "cannot resume or report session '{id}': the file '{}' is damaged: {reason}; \
                 it is kept as it is",
                path.display()
            ),
            StoreError::GuideNotLoaded {
                session,
                guide,
                version,
            } => write!(
                f,
                "session '{session}' was recorded with the guide '{guide}' version {version}, \
                 which is not loaded now, and no copy of it was kept"
            ),
            StoreError::Locked { id, pid } => match pid {
                Some(pid) => write!(f, "session '{id}' is open in another tshoot (pid {pid})"),
                None => write!(f, "session '{id}' is open in another tshoot"),
            },
            StoreError::NotKept => f.write_str("this run keeps no sessions"),
            StoreError::Io { doing, source } => write!(f, "{doing}: {source}"),
        }
    }
}

/// The cause is part of the message (not `source()`), so `{:#}` does not print it twice.
impl std::error::Error for StoreError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_value_and_carry_no_command_line_hints() {
        let all = [
            StoreError::NoHome,
            StoreError::NotASessionId("../x".into()),
            StoreError::NoSuchSession {
                id: "abc".into(),
                dir: "/s".into(),
            },
            StoreError::Locked {
                id: "abc".into(),
                pid: Some(42),
            },
            StoreError::GuideNotLoaded {
                session: "abc".into(),
                guide: "demo".into(),
                version: "1".into(),
            },
        ];
        let text: Vec<String> = all.iter().map(ToString::to_string).collect();
        assert!(text[1].contains("'../x'"));
        assert_eq!(text[3], "session 'abc' is open in another tshoot (pid 42)");
        for t in &text {
            assert!(!t.contains("--"), "a hint leaked into the store: {t}");
        }
    }
}
