//! `list`, `graph`, `map`, `template` and `scenario`.

use anyhow::Result;
use serde::Serialize;

use super::args::Global;
use super::out;
use super::{catalog, find_guide, report_lookup, EXIT_PROBLEM};
use crate::graph::{self, GraphFormat};
use crate::map;

/// One guide of `tshoot list --json` (docs/commands-json.md).
#[derive(Serialize)]
struct ListedGuide<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
    summary: &'a str,
    error_codes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<&'a str>,
    /// The guide for codes no other guide has.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    fallback: bool,
    nodes: usize,
}

/// Whether a guide answers `query`: one of its codes (with or without `AADSTS`), or text of its
/// id, title or summary, case aside.
fn guide_matches(h: &crate::guide::Header, query: &str) -> bool {
    let digits = |c: &str| {
        c.trim()
            .trim_start_matches(|ch: char| ch.is_ascii_alphabetic())
            .to_string()
    };
    let wanted = digits(query);
    if !wanted.is_empty() && h.error_codes.iter().any(|c| digits(c) == wanted) {
        return true;
    }
    let q = query.trim().to_lowercase();
    [&h.id, &h.title, &h.summary]
        .iter()
        .any(|t| t.to_lowercase().contains(&q))
}

pub fn list(global: &Global, json: bool, code: Option<&str>) -> Result<u8> {
    let catalog = catalog(global);
    let mut listed: Vec<ListedGuide> = Vec::new();
    for entry in catalog.entries() {
        if code.is_some_and(|q| !guide_matches(&entry.header, q)) {
            continue;
        }
        let Some(nodes) = entry.node_count() else {
            if let Err(problems) = entry.guide() {
                // One line a guide: `validate` is where all of its problems are listed.
                let mut errors = problems.iter().filter(|p| p.is_error());
                if let Some(first) = errors.next() {
                    // The guide's file, not a part's: validating the guide lists them all.
                    let guide_file = entry
                        .path
                        .as_ref()
                        .map_or(first.file.clone(), |p| p.display().to_string());
                    let more = match errors.count() {
                        0 => String::new(),
                        n => format!(" (and {n} more: `tshoot validate {guide_file}` lists them)"),
                    };
                    out::status(format!("tshoot: skipped a guide: {first}{more}"));
                }
            }
            continue;
        };
        let h = &entry.header;
        listed.push(ListedGuide {
            id: &h.id,
            version: &h.version,
            title: &h.title,
            summary: &h.summary,
            error_codes: &h.error_codes,
            area: h.area.as_deref(),
            fallback: h.fallback,
            nodes,
        });
    }
    if json {
        out::line(serde_json::to_string_pretty(&listed).unwrap_or_default());
        // As the text form: a code no guide covers is not a success.
        if listed.is_empty() && code.is_some() {
            return Ok(EXIT_PROBLEM);
        }
    } else if listed.is_empty() {
        let asked = crate::text::clean(code.unwrap_or_default());
        let looks_like_code =
            !crate::evidence::error_page::error_codes(code.unwrap_or_default()).is_empty();
        match catalog.fallback().filter(|_| looks_like_code) {
            // A code no guide has: the fallback guide captures it and hands it off.
            Some(fallback) => out::status(format!(
                "tshoot: no guide covers '{asked}'; `tshoot run {}` captures it and hands it off ({})",
                fallback.header.id, fallback.header.title
            )),
            None => out::status(format!(
                "tshoot: no guide covers '{asked}'; `tshoot list` shows every guide"
            )),
        }
        return Ok(EXIT_PROBLEM);
    } else {
        out::text(list_table(&listed));
    }
    Ok(0)
}

/// Widest the ERROR CODES column of `tshoot list` gets.
const CODES_CAP: usize = 24;

/// A guide's error codes for the `tshoot list` table: all of them when they fit `cap` columns,
/// else the first ones that fit, whole, then ", ..." (`tshoot list --json` gives them all).
fn codes_cell(codes: &[String], cap: usize) -> String {
    let all = codes.join(", ");
    if all.chars().count() <= cap {
        return all;
    }
    const MORE: &str = ", ...";
    let mut shown = String::new();
    for code in codes {
        let next = if shown.is_empty() {
            code.clone()
        } else {
            format!("{shown}, {code}")
        };
        if next.chars().count() + MORE.len() > cap {
            break;
        }
        shown = next;
    }
    if shown.is_empty() {
        // Not even the first code fits whole: cut it.
        let first: String = all.chars().take(cap - 3).collect();
        return format!("{first}...");
    }
    shown + MORE
}

/// The `tshoot list` table: columns as wide as their widest value (id and codes capped), and the
/// title wrapped under its own column, so every line fits 80 columns.
fn list_table(guides: &[ListedGuide]) -> String {
    let codes: Vec<String> = guides
        .iter()
        .map(|g| codes_cell(g.error_codes, CODES_CAP))
        .collect();
    let width = |header: &str, values: &mut dyn Iterator<Item = usize>, cap: usize| {
        values.fold(header.len(), usize::max).min(cap)
    };
    let id_w = width("ID", &mut guides.iter().map(|g| g.id.chars().count()), 24);
    let version_w = width(
        "VERSION",
        &mut guides.iter().map(|g| g.version.chars().count()),
        10,
    );
    let codes_w = width(
        "ERROR CODES",
        &mut codes.iter().map(|c| c.chars().count()),
        CODES_CAP,
    );
    let row = |id: &str, version: &str, nodes: &str, codes: &str, title: &str| {
        let lead = format!("{id:<id_w$}  {version:<version_w$}  {nodes:>5}  {codes:<codes_w$}  ");
        out::wrap(&lead, title) + "\n"
    };
    let mut table = row("ID", "VERSION", "NODES", "ERROR CODES", "TITLE");
    // Grouped by area, in the order areas first appear; guides without one come last. The
    // headings show only when some guide names an area.
    let mut order: Vec<Option<&str>> = Vec::new();
    for g in guides {
        if !order.contains(&g.area) {
            order.push(g.area);
        }
    }
    order.sort_by_key(|a| a.is_none());
    let headed = order.iter().any(Option::is_some);
    for area in order {
        if headed {
            table.push_str(&format!("-- {} --\n", area.unwrap_or("Other")));
        }
        for (guide, codes) in guides.iter().zip(&codes).filter(|(g, _)| g.area == area) {
            table.push_str(&row(
                guide.id,
                guide.version,
                &guide.nodes.to_string(),
                codes,
                guide.title,
            ));
        }
    }
    table
}

pub fn graph(
    global: &Global,
    spec: &str,
    format: GraphFormat,
    session: Option<&str>,
) -> Result<u8> {
    let catalog = catalog(global);
    let guide = match find_guide(&catalog, spec) {
        Ok(g) => g,
        Err(failure) => return Ok(report_lookup(failure)),
    };
    let (guide, path) = match session {
        None => (guide, Vec::new()),
        Some(id) => session_path(global, &guide, id)?,
    };
    out::text(graph::render(&guide, format, &path));
    Ok(0)
}

/// `tshoot template GUIDE`: an answers file to fill in, questions in guide order, each with its
/// prompt and section as comments and the values it takes in place of the answer.
pub fn template(global: &Global, spec: &str) -> Result<u8> {
    let catalog = catalog(global);
    let guide = match find_guide(&catalog, spec) {
        Ok(g) => g,
        Err(failure) => return Ok(report_lookup(failure)),
    };
    out::text(crate::headless::template(&guide));
    Ok(0)
}

/// `tshoot scenario ID`: a saved session as a scenario file, to keep a case from the field as a
/// regression test.
pub fn scenario(global: &Global, id: &str) -> Result<u8> {
    let session = super::context::store(global)?.load(id)?;
    use crate::store::SessionStatus;
    let finished = matches!(
        session.status,
        SessionStatus::Resolved | SessionStatus::Escalated
    );
    let reached = finished.then_some(session.current.node.as_str());
    let mut description = format!("Recorded from session {}", session.id);
    if let Some(ticket) = &session.ticket {
        description.push_str(&format!(" (ticket {ticket})"));
    }
    description.push_str(&format!(" by {}.", session.technician));
    out::text(crate::headless::scenario_from(
        &session.guide.id,
        &crate::text::clean(&description),
        session.access.as_deref(),
        &session.steps,
        reached,
    ));
    Ok(0)
}

/// The guide to draw for saved session `id` and the path it took: each step's node and the exit
/// its answer took. A walk that went on in other guides is drawn on the joined guide kept with
/// it, so the whole path shows. A session of another guide is refused, as its path would mark
/// nothing that is true.
fn session_path(
    global: &Global,
    guide: &std::sync::Arc<crate::guide::ValidGuide>,
    id: &str,
) -> Result<(
    std::sync::Arc<crate::guide::ValidGuide>,
    Vec<graph::PathStep>,
)> {
    let store = super::context::store(global)?;
    let session = store.load(id)?;
    if session.guide.id != guide.id() {
        anyhow::bail!(
            "session '{}' walked guide '{}', not '{}'",
            session.id,
            session.guide.id,
            guide.id()
        );
    }
    let guide = store
        .kept_guide(&session.guide.hash)
        .filter(|kept| !kept.guide().joined.is_empty())
        .map_or_else(|| std::sync::Arc::clone(guide), std::sync::Arc::new);
    let path = session
        .steps
        .into_iter()
        .map(|s| {
            let exit = guide
                .node(&s.node)
                .zip(s.answer.as_ref())
                .and_then(|(node, answer)| graph::exit_of(node, answer));
            graph::PathStep { node: s.node, exit }
        })
        .collect();
    Ok((guide, path))
}

/// `tshoot map GUIDE [--session ID]`: the guide as an outline a trainee reads (sections,
/// questions, where each answer leads), with a session's path marked; wrapped at 80 columns.
pub fn map(global: &Global, spec: &str, session: Option<&str>) -> Result<u8> {
    let catalog = catalog(global);
    let guide = match find_guide(&catalog, spec) {
        Ok(g) => g,
        Err(failure) => return Ok(report_lookup(failure)),
    };
    let (guide, path) = match session {
        None => (guide, Vec::new()),
        Some(id) => session_path(global, &guide, id)?,
    };
    let mut text = out::wrap(
        "",
        &format!("{} (version {})", guide.title(), guide.version()),
    );
    text.push('\n');
    if !path.is_empty() {
        text.push_str(map::LEGEND);
        text.push('\n');
    }
    text.push('\n');
    for line in map::lines(&map::outline(&guide, &path)) {
        let wrapped = match line.row {
            map::Row::Section => line.text.clone(),
            _ => {
                let lead = format!("{}{} ", " ".repeat(line.indent), line.mark.marker());
                let hang = lead.chars().count() + 2;
                out::wrap_hanging(&lead, hang, &line.text)
            }
        };
        text.push_str(wrapped.trim_end());
        text.push('\n');
    }
    out::text(text);
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_of_error_codes_is_cut_at_a_whole_code_to_fit_its_column() {
        let codes: Vec<String> = ["AADSTS50126", "50126", "AADSTS50053", "50053"]
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(codes_cell(&codes[..2], 24), "AADSTS50126, 50126");
        assert_eq!(codes_cell(&codes, 24), "AADSTS50126, 50126, ...");
        let long = vec!["X".repeat(30)];
        assert_eq!(codes_cell(&long, 24), format!("{}...", "X".repeat(21)));
    }
}
