//! `sessions` and `report`: the saved walks and their reports.

use std::sync::Arc;

use anyhow::{Context, Result};

use super::args::{Global, ReportArgs};
use super::catalog;
use super::context::{explain, store};
use super::out;
use crate::engine::SystemClock;
use crate::report::{self, Policy, Summary};
use crate::store::reopen;

/// One line of a table cell: no control characters, no line breaks.
fn cell(text: &str) -> String {
    crate::text::clean(text)
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

pub fn list(global: &Global) -> Result<u8> {
    let store = store(global)?;
    let listing = store.list().map_err(|e| explain(e.into()))?;
    for damaged in &listing.damaged {
        out::status(format!("tshoot: {damaged}"));
    }
    if listing.sessions.is_empty() {
        out::status(format!(
            "tshoot: no sessions in '{}'; `tshoot run GUIDE` starts one",
            store.sessions_dir().display()
        ));
        return Ok(0);
    }
    let started = |s: &crate::store::SessionHead| {
        let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]");
        s.started.format(format).unwrap_or_default()
    };
    let rows: Vec<[String; 7]> = listing
        .sessions
        .iter()
        .map(|s| {
            [
                s.id.clone(),
                cell(&s.guide.id),
                cell(&s.technician),
                s.ticket.as_deref().map_or("-".into(), cell),
                started(s),
                s.status.name().to_string(),
                cell(&s.current.label),
            ]
        })
        .collect();
    let header = [
        "ID",
        "GUIDE",
        "TECH",
        "TICKET",
        "STARTED (UTC)",
        "STATUS",
        "STEP",
    ];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, field) in widths.iter_mut().zip(row) {
            *w = (*w).max(field.chars().count().min(40));
        }
    }
    let line = |fields: [&str; 7]| {
        let mut out = String::new();
        for (i, field) in fields.iter().enumerate() {
            if i == fields.len() - 1 {
                out.push_str(field);
            } else {
                let shown: String = field.chars().take(40).collect();
                out.push_str(&format!("{shown:<width$}  ", width = widths[i]));
            }
        }
        out.trim_end().to_string()
    };
    // One write for the table, not one per row: 10,000 sessions are 10,000 lines.
    let mut table = line(header) + "\n";
    for row in &rows {
        table.push_str(&line(row.each_ref().map(String::as_str)));
        table.push('\n');
    }
    out::text(table);
    Ok(0)
}

pub fn report(global: &Global, args: &ReportArgs) -> Result<u8> {
    let store = store(global)?;
    let session = store.load(&args.id).map_err(|e| explain(e.into()))?;
    let catalog = catalog(global);
    let (walk, warning) = reopen::for_report(&store, &session, &catalog, Arc::new(SystemClock))
        .map_err(|e| explain(e.into()))?;
    if let Some(warning) = warning {
        out::status(format!("tshoot: {warning}"));
    }
    let summary = Summary::of(&walk)
        .with_session(session.info())
        .with_replaced(&walk, &session.replaced_by_guide_changes(&walk));
    let policy = if args.redact {
        Policy::people([session.technician.clone()])
    } else {
        Policy::secrets_only()
    };
    let text = report::render(args.format, &summary, &session.steps, &policy);
    match &args.output {
        Some(path) => {
            crate::store::write_export(path, text.as_str().as_bytes())
                .with_context(|| format!("writing the report to '{}'", path.display()))?;
            out::status(format!("tshoot: wrote {}", path.display()));
        }
        None => out::text(text),
    }
    Ok(0)
}
