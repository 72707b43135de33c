//! Evidence in a walk: what was attached, the facts it gives, and what those facts answer.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::answer::Answer;
use crate::evidence::{Fact, Kind, Reading};

/// One piece of evidence attached to a walk: the facts read from it (never the raw input), where
/// it came from and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attached {
    pub reading: Reading,
    /// `pasted`, or the file's name.
    pub origin: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// What the evidence answered at a step, kept with the step when it was answered: the answer, and
/// the fact that proves it ("dsregcmd /status, line 12: DomainJoined : YES"). The step's own
/// answer equal to it means the technician accepted it; another answer overrode it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromEvidence {
    pub answer: Answer,
    pub kind: Kind,
    /// The facts the answer was read from.
    pub facts: Vec<String>,
    /// The first fact's source, as a person reads it.
    pub proof: String,
}

impl FromEvidence {
    pub(super) fn new(answer: Answer, facts: &[&Fact], kind: Kind) -> FromEvidence {
        let proof = facts.first().map_or_else(String::new, |f| {
            format!("{}, {}", kind.label(), f.source.describe())
        });
        FromEvidence {
            answer,
            kind,
            facts: facts.iter().map(|f| f.name.clone()).collect(),
            proof,
        }
    }
}

/// An answer given before evidence said otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contradiction {
    pub step: usize,
    pub evidence: FromEvidence,
}
