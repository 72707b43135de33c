//! The trail of changed answers (U19): every answer the walk no longer stands on, whether the
//! technician gave another one after going back or a changed guide set it aside, with its note.

use serde::Serialize;
use time::OffsetDateTime;

use crate::engine::{Answer, Replaced, Walk};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedAnswer {
    /// The step it was given at, counted from 1.
    pub number: usize,
    pub node: String,
    /// The step's short title.
    pub title: String,
    pub old: String,
    /// The answer given instead; `None` when the step is no longer asked.
    pub new: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Why, when it was not the technician answering again.
    pub reason: Option<String>,
    /// The note written on the old answer.
    pub note: Option<String>,
    /// Answers recorded after it, set aside with it (kept in the session file).
    pub set_aside: usize,
}

/// `replaced` as the reports show it, in the order the changes were made.
pub fn changed_answers<'a>(
    walk: &Walk,
    replaced: impl IntoIterator<Item = &'a Replaced>,
) -> Vec<ChangedAnswer> {
    let guide = walk.guide();
    let mut out: Vec<ChangedAnswer> = replaced
        .into_iter()
        .map(|r| {
            // A changed guide may no longer hold the node: its id is the best title left.
            let node = guide.node(&r.node);
            let describe = |a: &Answer| match (node, a) {
                (Some(node), a) => a.describe(node),
                (None, Answer::Choice(id)) => id.clone(),
                (None, Answer::Multi(ids)) => ids.join("; "),
                (None, Answer::Text(t)) => t.clone(),
                // Yes, no, can't check and done read the same on any node.
                (None, a) => a.describe(guide.start()),
            };
            ChangedAnswer {
                number: r.step + 1,
                node: r.node.clone(),
                title: node.map_or_else(|| r.node.clone(), |n| n.label().to_string()),
                old: r
                    .answer
                    .as_ref()
                    .map_or_else(|| "not answered".to_string(), describe),
                new: r.new.as_ref().map(describe),
                at: r.replaced_at,
                reason: r.reason.clone(),
                note: r.note.clone(),
                set_aside: r.later.iter().filter(|s| s.answer.is_some()).count(),
            }
        })
        .collect();
    out.sort_by_key(|c| c.at);
    out
}

impl ChangedAnswer {
    /// The answer given instead, or that the step is no longer asked.
    pub fn new_or_gone(&self) -> &str {
        self.new.as_deref().unwrap_or("no longer asked")
    }

    /// When and why, with what went with it: "2026-11-27 10:02:00 UTC; 3 later answers set aside".
    pub fn circumstances(&self) -> String {
        let mut out = super::format::when(self.at);
        if let Some(reason) = &self.reason {
            out.push_str(": ");
            out.push_str(reason);
        }
        match self.set_aside {
            0 => {}
            1 => out.push_str("; 1 later answer set aside"),
            n => out.push_str(&format!("; {n} later answers set aside")),
        }
        out
    }
}
