//! A problem found in a guide, printed the way compilers print them: `file:line:column: error: ...`.

use std::fmt;

const UNREADABLE: &str = "cannot read";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub const START: Location = Location { line: 1, column: 1 };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub location: Location,
    pub severity: Severity,
    pub message: String,
}

impl Problem {
    pub fn error(file: &str, location: Location, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            location,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(file: &str, location: Location, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(file, location, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The file or folder could not be read at all (exit code 2 rather than 1).
    pub fn unreadable(file: &str, what: &str, error: &std::io::Error) -> Problem {
        Problem::error(
            file,
            Location::START,
            format!("{UNREADABLE} {what}: {error}"),
        )
    }

    pub fn is_unreadable(&self) -> bool {
        self.message.starts_with(UNREADABLE)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.location.line, self.location.column, level, self.message
        )
    }
}

impl std::error::Error for Problem {}
