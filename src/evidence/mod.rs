//! Readers of what a PC, a browser or a portal shows: pure functions from pasted or attached text
//! to facts (variables a guide reads), each with the line that proves it. No network, no files, no
//! terminal; a reader never keeps a raw secret: the lines it quotes are redacted.
//!
//! Each reader is one module with a [`Reader`]: the kind of input it reads, the facts it can set
//! (with their meaning), a `recognise` that scores how surely a text is its own, and a `read` that
//! takes what it can and says what it could not. [`read`] picks the reader for a text.

use serde::{Deserialize, Serialize};

use crate::guide::Value;

pub mod dsregcmd;
pub mod error_page;
pub mod federation;
pub mod har;
pub mod klist;
mod lines;
pub mod nltest;
pub mod signin_log;
pub mod token;
pub mod whoami;

pub use lines::{proof, Lines};

/// What a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ErrorPage,
    Dsregcmd,
    Token,
    Klist,
    Whoami,
    Nltest,
    Har,
    SigninLog,
    Federation,
}

impl Kind {
    /// How a person calls it, in messages and reports.
    pub fn label(self) -> &'static str {
        match self {
            Kind::ErrorPage => "sign-in error page",
            Kind::Dsregcmd => "dsregcmd /status",
            Kind::Token => "JWT token",
            Kind::Klist => "klist",
            Kind::Whoami => "whoami",
            Kind::Nltest => "nltest /dsgetdc",
            Kind::Har => "browser trace (HAR)",
            Kind::SigninLog => "Entra sign-in log entry",
            Kind::Federation => "AD FS / federation PowerShell output",
        }
    }

    /// The name used in files and on the command line (`error_page`, `dsregcmd`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Kind::ErrorPage => "error_page",
            Kind::Dsregcmd => "dsregcmd",
            Kind::Token => "token",
            Kind::Klist => "klist",
            Kind::Whoami => "whoami",
            Kind::Nltest => "nltest",
            Kind::Har => "har",
            Kind::SigninLog => "signin_log",
            Kind::Federation => "federation",
        }
    }
}

/// Where in the input a fact was read: a 1-based line, or a JSON path, and the proving text,
/// redacted and shortened (never a raw token or cookie).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// 1-based line of the input (after CRLF is read as LF); 0 when the input has no lines that
    /// mean anything (a token, a JSON document read by path).
    pub line: usize,
    /// For JSON input: where in the document, as `log.entries[3].request.url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The line (or value) that proves the fact, trimmed, redacted and at most
    /// [`lines::MAX_PROOF`] characters.
    pub text: String,
}

impl Source {
    /// "line 12: DomainJoined : YES", or "log.entries[3].request.url: https://…".
    pub fn describe(&self) -> String {
        match (&self.path, self.line) {
            (Some(path), _) => format!("{path}: {}", self.text),
            (None, 0) => self.text.clone(),
            (None, line) => format!("line {line}: {}", self.text),
        }
    }
}

/// One thing the evidence says, as a guide variable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// The variable, e.g. `device.domain_joined`; always one of the reader's [`Reader::sets`].
    pub name: String,
    pub value: Value,
    pub source: Source,
}

/// What a reader made of one input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reading {
    pub kind: Kind,
    pub facts: Vec<Fact>,
    /// What the reader saw but could not read, or could not check (e.g. "the token's signature is
    /// not verified"), in words for the technician.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Reading {
    pub fn new(kind: Kind) -> Reading {
        Reading {
            kind,
            facts: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Records a fact unless one of that name is already there: the first occurrence wins, as a
    /// later one is usually an older section or a repeated block.
    /// Values are redacted like proofs: a secret inside a value (a token in an error message)
    /// never reaches a session or a report.
    pub fn set(&mut self, name: &str, value: impl Into<Value>, source: Source) {
        if self.get(name).is_none() {
            self.facts.push(Fact {
                name: name.to_string(),
                value: redacted(value.into()),
                source,
            });
        }
    }

    pub fn get(&self, name: &str) -> Option<&Fact> {
        self.facts.iter().find(|f| f.name == name)
    }

    /// The value of a text fact.
    pub fn text(&self, name: &str) -> Option<&str> {
        match &self.get(name)?.value {
            Value::Text(t) => Some(t),
            Value::List(_) => None,
        }
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }
}

fn redacted(value: Value) -> Value {
    let clean =
        |text: String| match crate::redact::redact(&text, &crate::redact::Policy::secrets_only()) {
            std::borrow::Cow::Borrowed(_) => text,
            std::borrow::Cow::Owned(new) => new,
        };
    match value {
        Value::Text(text) => Value::Text(clean(text)),
        Value::List(items) => Value::List(items.into_iter().map(clean).collect()),
    }
}

/// A reader of one kind of evidence.
pub struct Reader {
    pub kind: Kind,
    /// Every variable `read` can set, with what it holds: what guides may read, what the
    /// validator accepts and what `docs/guide-format.md` lists.
    pub sets: &'static [(&'static str, &'static str)],
    /// How surely `text` is this reader's input: 0 is "not mine"; the reader with the highest
    /// score reads it. Must be cheap: it runs on every paste, for every reader.
    pub recognise: fn(&str) -> u8,
    /// Reads the text (already cleaned of control characters). Takes what it can.
    pub read: fn(&str) -> Reading,
}

/// Every reader, in the order they are tried when two score alike.
pub const READERS: &[&Reader] = &[
    &error_page::READER,
    &dsregcmd::READER,
    &har::READER,
    &signin_log::READER,
    &federation::READER,
    &token::READER,
    &klist::READER,
    &whoami::READER,
    &nltest::READER,
];

/// The reader of a kind.
pub fn reader(kind: Kind) -> Option<&'static Reader> {
    READERS.iter().copied().find(|r| r.kind == kind)
}

/// Why a text gave no evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No reader recognised it.
    Unrecognised,
    /// A reader recognised it but found no fact in it.
    Empty { kind: Kind, notes: Vec<String> },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unrecognised => write!(
                f,
                "not recognised as evidence; tshoot reads: {}",
                known_kinds().join(", ")
            ),
            Refusal::Empty { kind, notes } => {
                write!(
                    f,
                    "looks like {} but holds no fact tshoot reads",
                    kind.label()
                )?;
                if let Some(note) = notes.first() {
                    write!(f, " ({note})")?;
                }
                Ok(())
            }
        }
    }
}

/// The kinds of evidence tshoot reads, as people call them.
pub fn known_kinds() -> Vec<&'static str> {
    READERS.iter().map(|r| r.kind.label()).collect()
}

/// Recognises `text` among every kind and reads it with the best reader.
pub fn read(text: &str) -> Result<Reading, Refusal> {
    // Most pastes are clean already: they are not copied.
    let cleaned;
    let text = if crate::text::is_clean(text) {
        text
    } else {
        cleaned = crate::text::clean(text);
        cleaned.as_str()
    };
    let best = READERS
        .iter()
        .map(|r| ((r.recognise)(text), *r))
        .filter(|(score, _)| *score > 0)
        // The first of equal scores wins: `max_by_key` would take the last.
        .fold(None::<(u8, &Reader)>, |best, (score, r)| match best {
            Some((top, _)) if top >= score => best,
            _ => Some((score, r)),
        });
    let Some((_, reader)) = best else {
        return Err(Refusal::Unrecognised);
    };
    let reading = (reader.read)(text);
    if reading.facts.is_empty() {
        return Err(Refusal::Empty {
            kind: reader.kind,
            notes: reading.notes,
        });
    }
    Ok(reading)
}

/// Every fact name any reader can set, with its meaning and the kind that sets it.
pub fn vocabulary() -> impl Iterator<Item = (Kind, &'static str, &'static str)> {
    READERS.iter().flat_map(|r| {
        r.sets
            .iter()
            .map(move |(name, meaning)| (r.kind, *name, *meaning))
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn the_guide_accepts_exactly_the_facts_the_readers_declare() {
        let declared: BTreeSet<&str> = vocabulary().map(|(_, name, _)| name).collect();
        let accepted: BTreeSet<&str> = crate::guide::EVIDENCE_VARIABLES.iter().copied().collect();
        assert_eq!(accepted, declared);
    }

    #[test]
    fn every_reader_is_listed_once_and_names_are_unique() {
        let kinds: BTreeSet<Kind> = READERS.iter().map(|r| r.kind).collect();
        assert_eq!(kinds.len(), READERS.len());
        let names: Vec<&str> = vocabulary().map(|(_, name, _)| name).collect();
        let unique: BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "a fact declared twice");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

        /// Every reader, handed any text (not only the text it recognises), reads without a
        /// panic and sets only facts it declares.
        #[test]
        fn every_reader_reads_any_text_into_declared_facts(text in "\\PC{0,400}") {
            for reader in READERS {
                let _ = (reader.recognise)(&text);
                for fact in &(reader.read)(&text).facts {
                    proptest::prop_assert!(reader.sets.iter().any(|(n, _)| *n == fact.name), "{}", fact.name);
                }
            }
        }

        /// The same for any bytes, made text the lenient way a file is.
        #[test]
        fn every_reader_reads_any_bytes_into_declared_facts(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..1024)) {
            let text = String::from_utf8_lossy(&bytes);
            for reader in READERS {
                let _ = (reader.recognise)(&text);
                for fact in &(reader.read)(&text).facts {
                    proptest::prop_assert!(reader.sets.iter().any(|(n, _)| *n == fact.name), "{}", fact.name);
                }
            }
        }

        /// Any bytes, read as text the way a file is, give a reading whose facts its reader
        /// declares, or a refusal: never a panic.
        #[test]
        fn any_bytes_give_declared_facts_or_a_refusal(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
            let text = crate::evidence_file::decode(&bytes);
            if let Ok(reading) = read(&text) {
                let reader = reader(reading.kind).expect("a reader of its kind");
                for fact in &reading.facts {
                    proptest::prop_assert!(reader.sets.iter().any(|(n, _)| *n == fact.name), "{}", fact.name);
                }
            }
        }

        /// Text shaped like the evidence (label lines, JSON, banners) mixed at random.
        #[test]
        fn evidence_shaped_noise_never_panics(lines in proptest::collection::vec(proptest::prop_oneof![
            proptest::prelude::Just("Error Code: 51006".to_string()),
            proptest::prelude::Just("| Device State |".to_string()),
            proptest::prelude::Just("  AzureAdJoined : YES".to_string()),
            proptest::prelude::Just("{\"log\": {\"entries\": [".to_string()),
            proptest::prelude::Just("#0>\tClient: a @ B".to_string()),
            proptest::prelude::Just("eyJhbGciOiJub25lIn0.eyJhbXIiOlsid2lhIl19.".to_string()),
            proptest::prelude::Just("DC: \\\\DC01".to_string()),
            "[ -~]{0,40}",
        ], 0..40)) {
            let text = lines.join("\n");
            let _ = read(&text);
        }
    }

    #[test]
    fn text_nothing_recognises_is_refused_with_the_known_kinds() {
        let refusal = read("hello, this is a note about the printer").expect_err("refused");
        assert_eq!(refusal, Refusal::Unrecognised);
        let message = refusal.to_string();
        for kind in READERS {
            assert!(message.contains(kind.kind.label()), "{message}");
        }
    }

    #[test]
    fn every_fact_a_reader_returns_is_one_it_declares() {
        let samples = [error_page::tests::NEW_LAYOUT];
        for sample in samples {
            let reading = read(sample).expect("a reading");
            let reader = reader(reading.kind).expect("a reader");
            for fact in &reading.facts {
                assert!(
                    reader.sets.iter().any(|(n, _)| *n == fact.name),
                    "{} is not declared by {:?}",
                    fact.name,
                    reading.kind
                );
            }
        }
    }
}
