//! A session as read back from disk: which guide (id, version, content hash), who, which ticket,
//! when, where it stands, and the engine's full history of steps; its head for listings; ids.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use crate::engine::SessionStatus;
use crate::engine::Step;
use crate::guide::ValidGuide;
use crate::report::SessionInfo;

/// Version of the session file layout; a file with a higher one was written by a newer tshoot.
pub const SESSION_SCHEMA: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuidePin {
    pub id: String,
    pub title: String,
    pub version: String,
    /// `sha256:<hex>` of the guide file the steps were recorded against.
    pub hash: String,
}

impl GuidePin {
    pub fn of(guide: &ValidGuide) -> GuidePin {
        GuidePin {
            id: guide.id().to_string(),
            title: guide.title().to_string(),
            version: guide.version().to_string(),
            hash: guide.hash().to_string(),
        }
    }
}

/// Steps recorded against an earlier version of the guide that no longer fit it, kept when a
/// session was resumed against the changed guide so nothing answered is ever lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Superseded {
    pub guide: GuidePin,
    /// Why the replay stopped, or `None` when every step still fit.
    pub stopped: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub steps: Vec<Step>,
}

impl Superseded {
    /// The first answer this replay set aside, as the trail of changed answers shows it, against
    /// the walk as it stands now; `None` when every recorded answer still holds.
    pub fn replaced_in(&self, walk: &crate::engine::Walk) -> Option<crate::engine::Replaced> {
        let reason = match &self.stopped {
            Some(why) => format!(
                "the guide changed (version {} then): {why}",
                self.guide.version
            ),
            None => format!("the guide changed (version {} then)", self.guide.version),
        };
        crate::engine::Replaced::by_replay(&self.steps, walk, self.at, reason)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub schema_version: u32,
    pub id: String,
    pub guide: GuidePin,
    pub technician: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub started: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
    pub status: SessionStatus,
    /// Id and label of the step the walk stands at, so a listing needs no guide.
    pub current: CurrentStep,
    pub steps: Vec<Step>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub superseded: Vec<Superseded>,
    /// Answers changed after going back, oldest first, each with its note and the branch it led
    /// to (absent in sessions written before answers were kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaced: Vec<crate::engine::Replaced>,
    /// Evidence attached to the walk: facts and the redacted lines that prove them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<crate::engine::Attached>,
    /// What the technician said they can check (absent: everything).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Vec<String>>,
}

/// What a listing shows of a session: everything but its steps.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionHead {
    pub id: String,
    pub guide: GuidePin,
    pub technician: String,
    pub ticket: Option<String>,
    pub started: OffsetDateTime,
    pub updated: OffsetDateTime,
    pub status: SessionStatus,
    pub current: CurrentStep,
    /// Opened in the wizard, nothing answered yet: not a session to list or resume.
    pub empty: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CurrentStep {
    pub node: String,
    pub label: String,
}

/// Who is walking and for which ticket: what a session records besides the walk.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Who {
    pub technician: String,
    pub ticket: Option<String>,
}

/// Typed text is cleaned where it enters: a name or a ticket is one line of safe text.
fn one_line(text: &str) -> String {
    crate::text::clean(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Who {
    /// `--tech`, else the login name (`USER`, then `LOGNAME`, then the account that owns this
    /// process in `/etc/passwd`, for consoles and services that set neither), else `unknown`.
    pub fn from_env(tech: Option<&str>, ticket: Option<&str>) -> Who {
        let technician = tech
            .map(str::to_string)
            .or_else(|| std::env::var("USER").ok())
            .or_else(|| std::env::var("LOGNAME").ok())
            .or_else(account_name)
            .map(|t| one_line(&t))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "unknown".to_string());
        Who {
            technician,
            ticket: ticket.map(one_line).filter(|t| !t.is_empty()),
        }
    }
}

impl Session {
    pub fn info(&self) -> SessionInfo {
        SessionInfo {
            id: self.id.clone(),
            technician: self.technician.clone(),
            ticket: self.ticket.clone(),
            status: self.status,
            updated: self.updated,
        }
    }

    pub fn head(&self) -> SessionHead {
        SessionHead {
            id: self.id.clone(),
            guide: self.guide.clone(),
            technician: self.technician.clone(),
            ticket: self.ticket.clone(),
            started: self.started,
            updated: self.updated,
            status: self.status,
            current: self.current.clone(),
            empty: false,
        }
    }

    /// Answers the session's resumes against changed guides set aside, against `walk` (the
    /// session as it stands): for the trail of changed answers in reports.
    pub fn replaced_by_guide_changes(
        &self,
        walk: &crate::engine::Walk,
    ) -> Vec<crate::engine::Replaced> {
        self.superseded
            .iter()
            .filter_map(|s| s.replaced_in(walk))
            .collect()
    }

    /// Steps with an answer: what a crash must never lose.
    pub fn answered(&self) -> usize {
        self.steps.iter().filter(|s| s.answer.is_some()).count()
    }

    /// Checks what serde cannot: a known schema, at least one step, an id that names the file.
    pub fn check(&self, file_stem: &str) -> Result<(), String> {
        if self.schema_version > SESSION_SCHEMA {
            return Err(format!(
                "written by a newer tshoot (session schema {}; this one reads {SESSION_SCHEMA})",
                self.schema_version
            ));
        }
        if self.steps.is_empty() {
            return Err("it records no steps".into());
        }
        if self.id != file_stem {
            return Err(format!("its id '{}' does not match its file name", self.id));
        }
        Ok(())
    }
}

/// Ids are letters, digits, `-` and `_`: safe as file names, never a path.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `20261126-193502-aadsts51006-3f2a`: sortable by start (UTC), readable, and unique thanks to a
/// short suffix from the process, the instant and `attempt`.
pub fn new_id(started: OffsetDateTime, guide_id: &str, attempt: u32) -> String {
    let format = format_description!("[year][month][day]-[hour][minute][second]");
    let stamp = started
        .to_offset(UtcOffset::UTC)
        .format(format)
        .unwrap_or_else(|_| "00000000-000000".into());
    let slug: String = guide_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    let mut hasher = Sha256::new();
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(
        OffsetDateTime::now_utc()
            .unix_timestamp_nanos()
            .to_le_bytes(),
    );
    hasher.update(attempt.to_le_bytes());
    let digest = hasher.finalize();
    format!("{stamp}-{slug}-{:02x}{:02x}", digest[0], digest[1])
}

/// The name of the account running this process, from `/etc/passwd` (no libc call needed).
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let id: u32 = fields.nth(1)?.parse().ok()?;
        (id == uid).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_start_and_are_safe_file_names() {
        let t = OffsetDateTime::from_unix_timestamp(1_795_721_702).expect("time");
        let id = new_id(t, "AADSTS/51006 x", 0);
        assert!(id.starts_with("20261126-193502-aadsts-51006-x-"), "{id}");
        assert!(is_valid_id(&id));
        assert_ne!(new_id(t, "g", 0), new_id(t, "g", 1));
        assert!(!is_valid_id("../etc/passwd"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn a_ticket_and_a_technician_are_cleaned_where_they_enter() {
        let who = Who::from_env(Some("al\u{1b}[2Jex\u{202e} "), Some(" INC\u{9b}31m-1\n2 "));
        assert_eq!(who.technician, "alex");
        assert_eq!(who.ticket.as_deref(), Some("INC-1 2"));
    }
}
