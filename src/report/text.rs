//! The summary as plain text for a terminal: what a headless run prints.

use std::fmt::Write;

use super::redact::{self, Policy};
use super::summary::Summary;
use crate::text::SafeText;

/// Secrets never reach the terminal either: the printed summary is often pasted on.
pub fn render(summary: &Summary) -> SafeText {
    let summary = &redact::summary(summary, &Policy::secrets_only());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (guide {} {})",
        summary.guide_title, summary.guide_id, summary.guide_version
    );
    for c in &summary.continued_in {
        let id = |id: &str| format!("guide {id}");
        let _ = writeln!(out, "Continued in: {}", c.describe(str::to_string, id));
    }
    if let Some(session) = &summary.session {
        let _ = writeln!(
            out,
            "Technician: {}, ticket: {}, session: {}",
            session.technician,
            session.ticket.as_deref().unwrap_or("none"),
            session.id
        );
    }
    match &summary.resolution {
        Some(r) => {
            let _ = writeln!(
                out,
                "\nOutcome: {}\nResolution: {}\nCause: {}",
                r.outcome.name(),
                r.title,
                r.cause
            );
            if let Some(owner) = &r.owner {
                let _ = writeln!(out, "Hand-off to: {owner}");
            }
            if !r.steps.is_empty() {
                let _ = writeln!(out, "\nFix steps:");
            }
            for (i, step) in r.steps.iter().enumerate() {
                let _ = writeln!(out, "  {}. {}", i + 1, step);
            }
            if let Some(verify) = &r.verify {
                let _ = writeln!(out, "\nVerify: {verify}");
            }
            if !r.references.is_empty() {
                let _ = writeln!(out, "\nReferences:");
                for reference in &r.references {
                    let _ = writeln!(out, "  - {} <{}>", reference.title, reference.url);
                }
            }
            if let Some(note) = &r.note {
                let _ = writeln!(out, "\nTechnician's note:\n{}", indented(note, "  "));
            }
        }
        None => {
            let _ = writeln!(out, "\nNot finished: no resolution reached yet.");
        }
    }
    if !summary.open_checks.is_empty() {
        let _ = writeln!(out, "\nOpen checks (not done):");
        for c in &summary.open_checks {
            let owners = if c.owners.is_empty() {
                String::new()
            } else {
                format!(" -> {}", c.owners.join(", "))
            };
            let _ = writeln!(
                out,
                "  {:>2}. {} ({}){owners}",
                c.number, c.question, c.reason
            );
        }
    }
    if !summary.findings.is_empty() {
        let _ = writeln!(out, "\nFindings:");
        for group in &summary.findings {
            let _ = writeln!(out, "  {}:", group.title);
            for f in &group.findings {
                let _ = writeln!(out, "    - {f}");
            }
        }
    }
    if !summary.ruled_out.is_empty() {
        let _ = writeln!(out, "\nChecked and ruled out:");
        for group in &summary.ruled_out {
            let _ = writeln!(out, "  {}:", group.title);
            for item in &group.findings {
                let _ = writeln!(out, "    - {item}");
            }
        }
    }
    if !summary.evidence.is_empty() {
        let _ = writeln!(out, "\nEvidence:");
        for e in &summary.evidence {
            let _ = writeln!(out, "  {}: {}", e.label, e.value);
        }
    }
    if !summary.attached.is_empty() {
        let _ = writeln!(out, "\nEvidence attached:");
        for a in &summary.attached {
            let _ = writeln!(out, "  {} ({}), {}:", a.kind, a.origin, a.at.date());
            for f in &a.facts {
                let _ = writeln!(out, "    {} = {}   [{}]", f.name, f.value, f.source);
            }
            for n in &a.notes {
                let _ = writeln!(out, "    note: {n}");
            }
        }
    }
    let _ = writeln!(out, "\nPath taken:");
    for step in &summary.path {
        let answer = step.answer.as_deref().unwrap_or("(not answered)");
        let _ = writeln!(out, "  {:>2}. {} -> {}", step.number, step.title, answer);
        if let Some(evidence) = &step.evidence {
            let _ = writeln!(out, "      {evidence}");
        }
        if let Some(note) = &step.note {
            let _ = writeln!(
                out,
                "      note: {}",
                indented(note, "            ").trim_start()
            );
        }
    }
    changed_answers(&mut out, summary);
    SafeText::from(out)
}

/// Every line of `text` behind `indent`, its line breaks kept.
fn indented(text: &str, indent: &str) -> String {
    text.trim()
        .lines()
        .map(|line| format!("{indent}{}", line.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Answers the walk no longer stands on, with when and why they changed and their notes.
fn changed_answers(out: &mut String, summary: &Summary) {
    if summary.changed_answers.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nChanged answers:");
    for c in &summary.changed_answers {
        let _ = writeln!(
            out,
            "  {:>2}. {}: {} -> {} (changed {})",
            c.number,
            c.title,
            c.old,
            c.new_or_gone(),
            c.circumstances()
        );
        if let Some(note) = &c.note {
            let _ = writeln!(
                out,
                "      note: {}",
                indented(note, "            ").trim_start()
            );
        }
    }
}
