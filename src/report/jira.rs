//! The summary as Jira wiki markup (Jira Server / Data Center comment fields): `h2.` headings,
//! `||header||` tables, `*` and `#` lists, `{noformat}` for typed notes and `[title|url]` links.
//! Typed and guide text is escaped so it shows as written.

use std::fmt::Write;

use super::format::{clock_time, duration, link_target, one_line, when};
use super::summary::Summary;

/// Characters that open a macro, a link, an image or a table cell wherever they stand.
const ALWAYS: &[char] = &['\\', '{', '}', '[', ']', '|', '!'];
/// Characters that start or end an effect (`*bold*`, `_em_`, `-struck-`, `+ins+`, `^sup^`,
/// `~sub~`, `??cite??`) or a list (`#`); inside a word (`Hand-off`, a GUID) they are plain.
const AT_WORD_EDGE: &[char] = &['*', '_', '-', '+', '^', '~', '?', '#'];

/// Text made literal on one line: it renders exactly as written.
pub fn escape(text: &str) -> String {
    let text = one_line(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let inside_word = i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if ALWAYS.contains(&c) || (AT_WORD_EDGE.contains(&c) && !inside_word) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Typed text kept as written, line breaks included: nothing inside `{noformat}` is markup, and
/// a `{noformat}` in the text is broken up so it cannot end the block early.
fn noformat(out: &mut String, text: &str) {
    let text = text.trim().replace("{noformat}", "{ noformat}");
    let _ = writeln!(out, "{{noformat}}\n{text}\n{{noformat}}");
}

/// A `[title|url]` link for web and mail targets; the title and the address as text otherwise.
fn link(title: &str, url: &str) -> String {
    match link_target(url) {
        Some(target) if !target.contains(['|', ']', ' ']) => {
            format!("[{}|{target}]", escape(title))
        }
        _ => format!("{} ({})", escape(title), escape(url)),
    }
}

/// A table cell: escaped, never empty (an empty cell merges with the next in Jira).
fn cell(text: &str) -> String {
    let text = escape(text);
    if text.trim().is_empty() {
        " ".to_string()
    } else {
        text
    }
}

/// The comment, section by section, in the order of the other formats.
pub fn render(summary: &Summary) -> String {
    let mut out = String::new();
    header(&mut out, summary);
    resolution(&mut out, summary);
    open_checks(&mut out, summary);
    grouped(&mut out, "Findings", &summary.findings);
    grouped(&mut out, "Checked and ruled out", &summary.ruled_out);
    evidence(&mut out, summary);
    path(&mut out, summary);
    changed_answers(&mut out, summary);
    let _ = writeln!(
        out,
        "\n----\nGuide {} {}, content {}. Times are UTC.",
        escape(&summary.guide_id),
        escape(&summary.guide_version),
        escape(&summary.guide_hash)
    );
    out
}

fn header(out: &mut String, summary: &Summary) {
    let _ = writeln!(
        out,
        "h1. Troubleshooting report: {}\n",
        escape(summary.headline_title())
    );
    let mut rows: Vec<(&str, String)> = vec![(
        "Guide",
        format!(
            "{} ({} {})",
            escape(&summary.guide_title),
            escape(&summary.guide_id),
            escape(&summary.guide_version)
        ),
    )];
    for c in &summary.continued_in {
        rows.push(("Continued in", c.describe(escape, escape)));
    }
    if let Some(s) = &summary.session {
        rows.push(("Technician", cell(&s.technician)));
        rows.push(("Ticket", s.ticket.as_deref().map_or("none".into(), cell)));
        rows.push(("Session", cell(&s.id)));
    }
    rows.push(("Started", when(summary.started)));
    rows.push((
        "Finished",
        summary.finished.map_or("not finished".into(), when),
    ));
    rows.push(("Duration", duration(summary.duration_seconds)));
    rows.push(("Outcome", cell(&summary.outcome_line())));
    for (field, value) in rows {
        let _ = writeln!(out, "||{field}|{value}|");
    }
}

fn resolution(out: &mut String, summary: &Summary) {
    let Some(r) = &summary.resolution else {
        return;
    };
    let _ = writeln!(out, "\nh2. Resolution\n\n*{}*", escape(&r.title));
    if let Some(owner) = &r.owner {
        let _ = writeln!(out, "\n*Hand-off to:* {}", escape(owner));
    }
    if !r.cause.trim().is_empty() {
        let _ = writeln!(out, "\n*Cause:* {}", escape(&r.cause));
    }
    if !r.steps.is_empty() {
        let _ = writeln!(out, "\n*Fix:*");
        for step in &r.steps {
            let _ = writeln!(out, "# {}", escape(step));
        }
    }
    if let Some(verify) = &r.verify {
        let _ = writeln!(out, "\n*Verify:* {}", escape(verify));
    }
    if !r.references.is_empty() {
        let _ = writeln!(out, "\n*References:*");
        for reference in &r.references {
            let _ = writeln!(out, "* {}", link(&reference.title, &reference.url));
        }
    }
    if let Some(note) = &r.note {
        let _ = writeln!(out, "\n*Technician's note:*");
        noformat(out, note);
    }
}

fn open_checks(out: &mut String, summary: &Summary) {
    if summary.open_checks.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\nh2. Open checks\n\n||Step||Check||Why it is open||Who can check it||How||"
    );
    for c in &summary.open_checks {
        let owners = if c.owners.is_empty() {
            "the technician, later".to_string()
        } else {
            c.owners.join(", ")
        };
        let _ = writeln!(
            out,
            "|{}|{}|{}|{}|{}|",
            c.number,
            cell(&c.question),
            cell(&c.reason),
            cell(&owners),
            cell(c.how.as_deref().unwrap_or_default())
        );
    }
}

fn grouped(out: &mut String, title: &str, groups: &[super::summary::SectionFindings]) {
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nh2. {title}");
    for group in groups {
        let _ = writeln!(out, "\nh3. {}", escape(&group.title));
        for item in &group.findings {
            let _ = writeln!(out, "* {}", escape(item));
        }
    }
}

fn evidence(out: &mut String, summary: &Summary) {
    if !summary.evidence.is_empty() {
        let _ = writeln!(out, "\nh2. Evidence\n\n||Evidence||Variable||Value||");
        for e in &summary.evidence {
            let _ = writeln!(
                out,
                "|{}|{{{{{}}}}}|{}|",
                cell(&e.label),
                e.name.replace(['{', '}', '|'], ""),
                cell(&e.value)
            );
        }
    }
    for a in &summary.attached {
        let _ = writeln!(
            out,
            "\nh2. Evidence: {} ({})\n\nAttached {}.",
            escape(&a.kind),
            escape(&a.origin),
            a.at.date()
        );
        if !a.facts.is_empty() {
            let _ = writeln!(out, "\n||Fact||Value||Source||");
            for f in &a.facts {
                let _ = writeln!(
                    out,
                    "|{{{{{}}}}}|{}|{}|",
                    f.name.replace(['{', '}', '|'], ""),
                    cell(&f.value),
                    cell(&f.source)
                );
            }
        }
        for n in &a.notes {
            let _ = writeln!(out, "\n_Note:_ {}", escape(n));
        }
    }
}

/// The path as numbered paragraphs, not a `#` list: Jira cannot start a list at a given number
/// or keep a note block inside an item, and the numbers must match the other formats.
fn path(out: &mut String, summary: &Summary) {
    let _ = writeln!(out, "\nh2. Path\n");
    if summary.path.is_empty() {
        let _ = writeln!(out, "No step answered yet.");
    }
    for step in &summary.path {
        let answer = step
            .answer
            .as_deref()
            .map_or("_not answered yet_".to_string(), |a| {
                format!("*{}*", escape(a))
            });
        let _ = writeln!(
            out,
            "{}. {} → {} ({})",
            step.number,
            escape(&step.title),
            answer,
            clock_time(step.at)
        );
        if let Some(evidence) = &step.evidence {
            let _ = writeln!(out, "bq. {}", escape(evidence));
        }
        if let Some(note) = &step.note {
            noformat(out, note);
        }
    }
    if let Some(current) = &summary.current_step {
        let _ = writeln!(out, "\nStopped at: {}", escape(current));
    }
}

/// Answers the walk no longer stands on: what each was, what replaced it, when and why, and the
/// note written on it.
fn changed_answers(out: &mut String, summary: &Summary) {
    if summary.changed_answers.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nh2. Changed answers\n");
    for c in &summary.changed_answers {
        let _ = writeln!(
            out,
            "* Step {}, {}: *{}* → *{}* (changed {})",
            c.number,
            escape(&c.title),
            escape(&c.old),
            escape(c.new_or_gone()),
            escape(&c.circumstances())
        );
        if let Some(note) = &c.note {
            noformat(out, note);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_shows_as_written() {
        assert_eq!(escape("*bold* [x|y] {code}"), r"\*bold\* \[x\|y\] \{code\}");
        assert_eq!(escape("Hand-off 148787df-c02d"), "Hand-off 148787df-c02d");
        assert_eq!(escape("- item"), r"\- item");
        assert_eq!(escape("line\nbreak"), "line break");
    }

    #[test]
    fn a_note_cannot_close_its_noformat_block() {
        let mut out = String::new();
        noformat(&mut out, "a {noformat} h1. b");
        assert_eq!(out, "{noformat}\na { noformat} h1. b\n{noformat}\n");
    }

    #[test]
    fn only_web_links_become_links() {
        assert_eq!(
            link("Docs [v2]", "https://example.com/a"),
            r"[Docs \[v2\]|https://example.com/a]"
        );
        assert_eq!(link("x", "javascript:alert(1)"), "x (javascript:alert(1))");
    }
}
