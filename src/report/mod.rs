//! Reports: one summary model built from a walk, rendered to each output format.

mod format;
pub mod html;
pub mod json;
pub mod markdown;
pub mod redact;
pub mod summary;
pub mod text;

pub use redact::Policy;
pub use summary::{SessionInfo, SessionStatus, Summary};

use crate::engine::Step;
use crate::text::SafeText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Markdown, Format::Json, Format::Html];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
        }
    }
}

/// The report in one format. Outside text is cleaned and secrets are always redacted first (and
/// people too under the policy); `steps` are the walk's steps, carried by the JSON format.
pub fn render(format: Format, summary: &Summary, steps: &[Step], policy: &Policy) -> SafeText {
    let summary = redact::summary(summary, policy);
    SafeText::from(match format {
        Format::Markdown => markdown::render(&summary),
        Format::Html => html::render(&summary),
        Format::Json => json::render(&summary, &redact::steps(steps, policy)),
    })
}
