//! Where a walk stands: in progress, resolved or escalated (read from the walk), paused (set by
//! the store when the technician leaves before a resolution) or closed (by the technician, who
//! will not finish it). It lives with the engine
//! so that the store that saves it and the reports that show it both look down to it.

use serde::{Deserialize, Serialize};

use super::Walk;
use crate::guide::Outcome;

/// Where a session stands. A `workaround` outcome counts as resolved (the user can work again);
/// the report still names the outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    InProgress,
    Resolved,
    Escalated,
    /// Left before a resolution, to be picked up again. Files of tshoot 0.1 say `abandoned`.
    #[serde(alias = "abandoned")]
    Paused,
    /// Closed without a resolution by the technician: kept for its report, no longer offered.
    Closed,
}

impl SessionStatus {
    /// The status a walk's own state gives: in progress until a resolution decides it.
    pub fn of(walk: &Walk) -> SessionStatus {
        match walk
            .resolution()
            .map(|n| n.outcome().unwrap_or(Outcome::Escalate))
        {
            None => SessionStatus::InProgress,
            Some(Outcome::Resolved | Outcome::Workaround) => SessionStatus::Resolved,
            Some(Outcome::Escalate) => SessionStatus::Escalated,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SessionStatus::InProgress => "in progress",
            SessionStatus::Resolved => "resolved",
            SessionStatus::Escalated => "escalated",
            SessionStatus::Paused => "paused",
            SessionStatus::Closed => "closed",
        }
    }

    /// In progress or paused: a session `resume` and the picker offer.
    pub fn is_unfinished(self) -> bool {
        matches!(self, SessionStatus::InProgress | SessionStatus::Paused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abandoned_session_of_tshoot_0_1_reads_as_paused_and_is_written_as_paused() {
        let old: SessionStatus = serde_json::from_str("\"abandoned\"").expect("reads");
        assert_eq!(old, SessionStatus::Paused);
        assert_eq!(serde_json::to_string(&old).expect("writes"), "\"paused\"");
        assert!(old.is_unfinished());
        assert!(!SessionStatus::Closed.is_unfinished());
    }
}
