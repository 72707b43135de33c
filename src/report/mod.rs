//! Reports: one summary model built from a walk, rendered to each output format.

pub mod changed;
mod format;
pub mod html;
pub mod jira;
pub mod json;
pub mod markdown;
pub mod redact;
pub mod stats;
pub mod summary;
pub mod text;

pub use format::Format;
pub use redact::Policy;
pub use summary::{SessionInfo, SessionStatus, Summary};

use crate::engine::Step;
use crate::text::SafeText;

/// The report in one format. Outside text is cleaned and secrets are always redacted first (and
/// people too under the policy); `steps` are the walk's steps, carried by the JSON format.
pub fn render(format: Format, summary: &Summary, steps: &[Step], policy: &Policy) -> SafeText {
    let summary = redact::summary(summary, policy);
    match format {
        Format::Markdown => SafeText::from(markdown::render(&summary)),
        Format::Html => SafeText::from(html::render(&summary)),
        Format::Json => SafeText::from(json::render(&summary, &redact::steps(steps, policy))),
        Format::Text => text::render(&summary),
        Format::Jira => SafeText::from(jira::render(&summary)),
    }
}
