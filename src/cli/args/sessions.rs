//! The arguments of the commands on saved sessions: `sessions`' actions with the age `prune`
//! takes, and `report`'s options.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{one_of, Format};

#[derive(Debug, Subcommand)]
pub enum SessionsAction {
    /// List saved sessions, newest first (the default).
    List,
    /// Mark sessions closed: kept with their reports, no longer offered by the picker or `resume`.
    Close {
        /// Session ids from `tshoot sessions` (or unique starts of them).
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Remove sessions and their reports.
    #[command(visible_alias = "remove")]
    Rm {
        /// Session ids from `tshoot sessions` (or unique starts of them).
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Remove every session not changed for longer than an age, with its reports.
    Prune {
        /// An age: a number and a unit, m (minutes), h (hours), d (days) or w (weeks), e.g. 30d.
        #[arg(long, value_name = "AGE", value_parser = parse_age)]
        older_than: time::Duration,
    },
}

/// `30d`, `12h`, `90m`, `2w`: how long a session may stay untouched.
pub fn parse_age(text: &str) -> Result<time::Duration, String> {
    let bad =
        || format!("'{text}' is not an age; give a number and a unit: m, h, d or w (e.g. 30d)");
    let text = text.trim();
    let unit = text.chars().last().ok_or_else(bad)?;
    let number: i64 = text[..text.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| bad())?;
    if number < 0 {
        return Err(bad());
    }
    let minutes = match unit {
        'm' => 1,
        'h' => 60,
        'd' => 60 * 24,
        'w' => 60 * 24 * 7,
        _ => return Err(bad()),
    };
    number
        .checked_mul(minutes)
        .filter(|m| *m <= 60 * 24 * 365 * 1000)
        .map(time::Duration::minutes)
        .ok_or_else(bad)
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Session id from `tshoot sessions`.
    pub id: String,
    /// The report's format (text: plain, for a ticket's work notes).
    #[arg(long, default_value = Format::KNOWN[0].name(), value_parser = one_of(&Format::KNOWN, Format::name))]
    pub format: Format,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Also mask user names and e-mail addresses, for reports leaving the organisation.
    #[arg(long)]
    pub redact: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_is_a_number_and_a_unit_and_anything_else_says_what_would_do() {
        assert_eq!(parse_age("30d"), Ok(time::Duration::days(30)));
        assert_eq!(parse_age("12h"), Ok(time::Duration::hours(12)));
        assert_eq!(parse_age("2w"), Ok(time::Duration::weeks(2)));
        assert_eq!(parse_age("90m"), Ok(time::Duration::minutes(90)));
        for bad in [
            "",
            "d",
            "30",
            "30x",
            "-1d",
            "3.5d",
            "99999999999999999d",
            "30é",
        ] {
            let err = parse_age(bad).expect_err(bad);
            assert!(err.contains("is not an age"), "{bad}: {err}");
        }
    }
}
