//! `tshoot evidence`: what tshoot reads in evidence files, so a technician can check a paste
//! before attaching it and a guide author can check a reader.

use std::path::PathBuf;

use anyhow::Result;
use serde::Serialize;

use super::out;
use super::{EXIT_PROBLEM, EXIT_USAGE};
use crate::evidence::{self, Fact, Kind};
use crate::evidence_file::{self, FileError};

#[derive(Serialize)]
struct FileOut<'a> {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<Kind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    facts: &'a [Fact],
    notes: &'a [String],
}

pub fn evidence(files: &[PathBuf], json: bool, facts: bool) -> Result<u8> {
    if facts {
        list_facts(json);
        return Ok(0);
    }
    let mut worst = 0;
    let mut all = Vec::new();
    let readings: Vec<(String, Result<evidence::Reading, FileError>)> = files
        .iter()
        .map(|f| (f.display().to_string(), evidence_file::read(f)))
        .collect();
    for (file, read) in &readings {
        match read {
            Ok(reading) => {
                if json {
                    all.push(FileOut {
                        file: file.clone(),
                        kind: Some(reading.kind),
                        error: None,
                        facts: &reading.facts,
                        notes: &reading.notes,
                    });
                } else {
                    print_reading(file, reading);
                }
            }
            Err(e) => {
                worst = worst.max(match e {
                    FileError::Unreadable(_) => EXIT_USAGE,
                    FileError::Refused(_) => EXIT_PROBLEM,
                });
                if json {
                    all.push(FileOut {
                        file: file.clone(),
                        kind: None,
                        error: Some(e.to_string()),
                        facts: &[],
                        notes: &[],
                    });
                } else {
                    out::status(format!("tshoot: {file}: {e}"));
                }
            }
        }
    }
    if json {
        out::line(serde_json::to_string_pretty(&all).unwrap_or_default());
    }
    Ok(worst)
}

fn print_reading(file: &str, reading: &evidence::Reading) {
    out::line(format!(
        "{file}: {} ({} fact(s))",
        reading.kind.label(),
        reading.facts.len()
    ));
    let width = reading
        .facts
        .iter()
        .map(|f| f.name.chars().count())
        .max()
        .unwrap_or(0);
    // A fact name longer than most would push every value right: past 34 columns the value goes
    // on the line below.
    let width = width.min(34);
    for fact in &reading.facts {
        let name_width = width.max(fact.name.chars().count());
        let value = shown(
            &fact.value.to_string(),
            out::WIDTH.saturating_sub(name_width + 4),
        );
        out::line(format!("  {:<width$}  {value}", fact.name));
        let from = format!("  {:<width$}    from ", "");
        out::line(shown_after(&from, &fact.source.describe()));
    }
    for note in &reading.notes {
        out::line(out::wrap("  note: ", note));
    }
}

/// A value on one line, cut to `room` characters (80 columns in all).
fn shown(value: &str, room: usize) -> String {
    let flat = value.replace(['\n', '\r'], " ");
    crate::text::shorten_to(&flat, room.max(20))
}

/// `lead` and a one-line text cut to fit 80 columns: the proving line is a quote, not prose to wrap.
fn shown_after(lead: &str, text: &str) -> String {
    let room = out::WIDTH.saturating_sub(lead.chars().count());
    format!("{lead}{}", shown(text, room))
}

fn list_facts(json: bool) {
    if json {
        #[derive(Serialize)]
        struct FactOut {
            kind: Kind,
            name: &'static str,
            meaning: &'static str,
        }
        let facts: Vec<FactOut> = evidence::vocabulary()
            .map(|(kind, name, meaning)| FactOut {
                kind,
                name,
                meaning,
            })
            .collect();
        out::line(serde_json::to_string_pretty(&facts).unwrap_or_default());
        return;
    }
    let mut last = None;
    for (kind, name, meaning) in evidence::vocabulary() {
        if last != Some(kind) {
            out::line(format!("{}:", kind.label()));
            last = Some(kind);
        }
        out::line(out::wrap(&format!("  {name:<34} "), meaning));
    }
}
