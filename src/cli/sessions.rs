//! `sessions` and `report`: the saved walks and their reports.

use std::sync::Arc;

use anyhow::{Context, Result};

use time::OffsetDateTime;

use super::args::{Global, ReportArgs, SessionsAction};
use super::catalog;
use super::context::{explain, store};
use super::out;
use super::EXIT_USAGE;
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

/// `sessions` and its actions; no action lists them.
pub fn act(global: &Global, action: Option<SessionsAction>, json: bool) -> Result<u8> {
    match action {
        None | Some(SessionsAction::List) => list(global, json),
        Some(SessionsAction::Close { ids }) => close_or_remove(global, &ids, false),
        Some(SessionsAction::Rm { ids }) => close_or_remove(global, &ids, true),
        Some(SessionsAction::Prune { older_than }) => prune(global, older_than),
    }
}

/// The widest a listing line gets: an 80-column console shows it without wrapping (U17).
const LINE_WIDTH: usize = 80;
/// A ticket cell longer than this is cut: the step needs the room more.
const TICKET_WIDTH: usize = 14;

/// `text` cut to `max` characters, the cut shown by `~`.
fn fit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    if max > 0 {
        cut.push('~');
    }
    cut
}

/// One session of `tshoot sessions --json` (docs/commands-json.md).
#[derive(serde::Serialize)]
struct ListedSession<'a> {
    id: &'a str,
    guide: &'a crate::store::GuidePin,
    technician: &'a str,
    ticket: Option<&'a str>,
    #[serde(with = "time::serde::rfc3339")]
    started: time::OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    updated: time::OffsetDateTime,
    status: crate::engine::SessionStatus,
    current: &'a crate::store::CurrentStep,
}

pub fn list(global: &Global, json: bool) -> Result<u8> {
    let store = store(global)?;
    let listing = store.list().map_err(|e| explain(e.into()))?;
    for damaged in &listing.damaged {
        out::status(format!("tshoot: {damaged}"));
    }
    if json {
        let sessions: Vec<ListedSession> = listing
            .sessions
            .iter()
            .map(|s| ListedSession {
                id: &s.id,
                guide: &s.guide,
                technician: &s.technician,
                ticket: s.ticket.as_deref(),
                started: s.started,
                updated: s.updated,
                status: s.status,
                current: &s.current,
            })
            .collect();
        out::line(serde_json::to_string_pretty(&sessions).unwrap_or_default());
        return Ok(0);
    }
    if listing.sessions.is_empty() {
        out::status(format!(
            "tshoot: no sessions in '{}'; `tshoot run GUIDE` starts one",
            store.sessions_dir().display()
        ));
        return Ok(0);
    }
    let now = OffsetDateTime::now_utc();
    // The guide is in the id and the technician in the report: the columns that tell one
    // session from the next fit 80 columns (U17).
    let rows: Vec<[String; 5]> = listing
        .sessions
        .iter()
        .map(|s| {
            let step = match s.step {
                Some(n) => format!("{n}. {}", cell(&s.current.label)),
                None => cell(&s.current.label),
            };
            [
                s.id.clone(),
                s.status.name().to_string(),
                crate::text::age(s.updated, now),
                s.ticket
                    .as_deref()
                    .map_or("-".into(), |t| fit(&cell(t), TICKET_WIDTH)),
                step,
            ]
        })
        .collect();
    let header = ["ID", "STATUS", "AGE", "TICKET", "STEP"];
    let mut widths = header.map(|h| h.chars().count());
    for row in &rows {
        for (w, field) in widths.iter_mut().zip(row) {
            *w = (*w).max(field.chars().count());
        }
    }
    let line = |fields: [&str; 5]| {
        let mut out = String::new();
        for (i, field) in fields.iter().enumerate() {
            if i == fields.len() - 1 {
                let room = LINE_WIDTH.saturating_sub(out.chars().count());
                out.push_str(&fit(field, room));
            } else {
                out.push_str(&format!("{field:<width$}  ", width = widths[i]));
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

/// `sessions close` and `sessions rm`: each id in turn; one that fails is said and the others
/// are still done (exit 2 if any failed).
fn close_or_remove(global: &Global, ids: &[String], remove: bool) -> Result<u8> {
    let store = store(global)?;
    let mut code = 0;
    for id in ids {
        let done = if remove {
            store
                .remove(id)
                .map(|id| format!("removed session {id} and its reports"))
        } else {
            store.close(id, OffsetDateTime::now_utc()).map(|id| {
                format!("closed session {id}; `tshoot report {id}` still writes its report")
            })
        };
        match done {
            Ok(message) => out::status(format!("tshoot: {message}")),
            Err(e) => {
                out::status(format!("tshoot: {:#}", explain(e.into())));
                code = EXIT_USAGE;
            }
        }
    }
    Ok(code)
}

fn prune(global: &Global, older_than: time::Duration) -> Result<u8> {
    let store = store(global)?;
    let pruned = store
        .prune(older_than, OffsetDateTime::now_utc())
        .map_err(|e| explain(e.into()))?;
    for id in &pruned.in_use {
        out::status(format!("tshoot: kept session {id}: a wizard has it open"));
    }
    for head in &pruned.removed {
        out::line(format!("removed {}", head.id));
    }
    out::status(format!(
        "tshoot: removed {} session(s) not changed for {}",
        pruned.removed.len(),
        describe(older_than)
    ));
    Ok(0)
}

/// An age as the command line took it: `30 days`, `12 hours`.
fn describe(age: time::Duration) -> String {
    let minutes = age.whole_minutes();
    match minutes {
        m if m % (24 * 60) == 0 => format!("{} day(s)", m / (24 * 60)),
        m if m % 60 == 0 => format!("{} hour(s)", m / 60),
        m => format!("{m} minute(s)"),
    }
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
    // `--ticket` and `--tech` given to `report` name them in this report only: the session
    // keeps what was recorded during the walk (U6).
    let mut info = session.info();
    let who = crate::store::Who::from_env(global.tech.as_deref(), global.ticket.as_deref());
    if global.tech.is_some() {
        info.technician = who.technician;
    }
    if global.ticket.is_some() {
        info.ticket = who.ticket;
    }
    let summary_technician = info.technician.clone();
    let summary = Summary::of(&walk)
        .with_session(info)
        .with_replaced(&walk, &session.replaced_by_guide_changes(&walk));
    let policy = if args.redact {
        Policy::people([session.technician.clone(), summary_technician.clone()])
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
