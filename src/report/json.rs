//! The summary and the full history as JSON for tools; the shape is documented in
//! `docs/report-format.md` and versioned by `schema_version`.

use serde::Serialize;
use time::OffsetDateTime;

use super::summary::{SessionStatus, Summary};
use crate::engine::Step;

/// Bumped when a field is renamed or removed or changes meaning; new fields do not bump it.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    generator: &'static str,
    session: SessionPart<'a>,
    summary: &'a Summary,
}

/// What rebuilds the session: the guide it pins, who and when, and every step.
#[derive(Serialize)]
struct SessionPart<'a> {
    id: Option<&'a str>,
    guide: GuidePart<'a>,
    technician: Option<&'a str>,
    ticket: Option<&'a str>,
    status: SessionStatus,
    #[serde(with = "time::serde::rfc3339")]
    started: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    updated: Option<OffsetDateTime>,
    steps: &'a [Step],
}

#[derive(Serialize)]
struct GuidePart<'a> {
    id: &'a str,
    version: &'a str,
    hash: &'a str,
}

/// `steps` are the walk's steps, already redacted like the summary.
pub fn render(summary: &Summary, steps: &[Step]) -> String {
    let session = summary.session.as_ref();
    let status = session.map_or_else(
        || match &summary.resolution {
            None => SessionStatus::InProgress,
            Some(r) => match r.outcome {
                crate::guide::Outcome::Escalate => SessionStatus::Escalated,
                _ => SessionStatus::Resolved,
            },
        },
        |s| s.status,
    );
    let document = Document {
        schema_version: SCHEMA_VERSION,
        generator: "tshoot",
        session: SessionPart {
            id: session.map(|s| s.id.as_str()),
            guide: GuidePart {
                id: &summary.guide_id,
                version: &summary.guide_version,
                hash: &summary.guide_hash,
            },
            technician: session.map(|s| s.technician.as_str()),
            ticket: session.and_then(|s| s.ticket.as_deref()),
            status,
            started: summary.started,
            updated: session.map(|s| s.updated),
            steps,
        },
        summary,
    };
    let mut text = serde_json::to_string_pretty(&document)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
