//! The report formats, and the small wordings every one of them shares: times, durations,
//! outcomes, clean text.

use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

use crate::guide::Outcome;

/// A report's output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
    /// Plain text to paste into a ticket's work notes: no markup to show up raw.
    Text,
    /// Jira wiki markup, for Jira Server / Data Center comments.
    Jira,
}

impl Format {
    /// Every format, in the order the command line lists them (the first is the default).
    pub const KNOWN: [Format; 5] = [
        Format::Markdown,
        Format::Json,
        Format::Html,
        Format::Text,
        Format::Jira,
    ];

    /// The formats the wizard's export writes, one file each (text for work notes and e-mail).
    pub const ALL: [Format; 4] = [Format::Markdown, Format::Json, Format::Html, Format::Text];

    /// The one spelling of the format, on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
            Format::Text => "text",
            Format::Jira => "jira",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
            Format::Text => "txt",
            Format::Jira => "jira.txt",
        }
    }
}

/// `2026-11-26 19:35:02 UTC`: one zone for every reader of the ticket.
pub fn when(t: OffsetDateTime) -> String {
    let format = format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    t.to_offset(UtcOffset::UTC)
        .format(format)
        .unwrap_or_else(|_| t.to_string())
}

/// `19:35:02`: the time of a step within a walk.
pub fn clock_time(t: OffsetDateTime) -> String {
    let format = format_description!("[hour]:[minute]:[second]");
    t.to_offset(UtcOffset::UTC)
        .format(format)
        .unwrap_or_else(|_| t.to_string())
}

/// `1 h 04 min`, `12 min 30 s`, `45 s`.
pub fn duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h} h {m:02} min")
    } else if m > 0 {
        format!("{m} min {s:02} s")
    } else {
        format!("{s} s")
    }
}

pub fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Resolved => "Resolved",
        Outcome::Workaround => "Workaround",
        Outcome::Escalate => "Escalated",
    }
}

/// Text on one line: the summary's text is already safe, so this is layout only.
pub fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace('\t', " ")
}

pub use crate::text::link_target;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_lines() {
        assert_eq!(one_line("a\nb\tc"), "a b c");
    }

    #[test]
    fn durations_read_like_a_person_would_write_them() {
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(750), "12 min 30 s");
        assert_eq!(duration(3840), "1 h 04 min");
    }
}
