//! A problem found in a guide, printed the way compilers print them: `file:line:column: error: ...`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

/// Whether the file could be read at all. Callers pick exit codes by this, never by the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProblemKind {
    /// The file or folder could not be read (exit code 2).
    Unreadable,
    /// The file was read, and something in it is wrong (exit code 1).
    #[default]
    Invalid,
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
    pub kind: ProblemKind,
    pub message: String,
}

impl Problem {
    pub fn error(file: &str, location: Location, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            location,
            severity: Severity::Error,
            kind: ProblemKind::Invalid,
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
        Problem {
            kind: ProblemKind::Unreadable,
            ..Problem::error(
                file,
                Location::START,
                format!("cannot read {what}: {error}"),
            )
        }
    }

    pub fn is_unreadable(&self) -> bool {
        self.kind == ProblemKind::Unreadable
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.kind == ProblemKind::Unreadable {
            // A file that could not be read has no line to point at (it may not even exist).
            return write!(f, "{}: {}: {}", self.file, level, self.message);
        }
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.location.line, self.location.column, level, self.message
        )
    }
}

impl std::error::Error for Problem {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_cannot_be_read_is_named_without_a_position() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let p = Problem::unreadable("nofile.yaml", "the file", &missing);
        assert!(
            p.to_string()
                .starts_with("nofile.yaml: error: cannot read the file"),
            "{p}"
        );
        let located = Problem::error("g.yaml", Location { line: 3, column: 2 }, "x");
        assert_eq!(located.to_string(), "g.yaml:3:2: error: x");
    }

    #[test]
    fn unreadable_is_a_kind_not_a_wording() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        assert!(Problem::unreadable("f.yaml", "the file", &io).is_unreadable());
        let worded_alike = Problem::error("f.yaml", Location::START, "cannot read the file: gone");
        assert!(!worded_alike.is_unreadable());
    }
}
