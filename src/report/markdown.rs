//! The summary as Markdown that pastes cleanly into a ticket: a header table, the resolution,
//! findings, evidence and the path. Everything typed is escaped; guide text keeps its code spans.

use std::fmt::Write;

use super::format::{clock_time, duration, link_target, one_line, when};
use super::summary::Summary;

/// Characters that could start emphasis, links, HTML, tables or code in the middle of a line.
const SIGNIFICANT: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#', '!'];

/// Text a person typed, made literal: it renders exactly as typed, on one line.
pub fn escape(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if SIGNIFICANT.contains(&c) {
            out.push('\\');
            out.push(c);
        } else if c == '&'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#')
        {
            // `&lt;` and friends would turn into other characters.
            out.push_str("\\&");
        } else {
            out.push(c);
        }
    }
    out
}

/// A typed line that starts a Markdown line: escaped, and kept from reading as a list item,
/// a rule or a heading underline.
fn escape_line(line: &str) -> String {
    let line = escape(line);
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let ends_marker = |rest: &str| rest.is_empty() || rest.starts_with(' ');
    let at = match trimmed.chars().next() {
        Some('-' | '+') if ends_marker(&trimmed[1..]) => Some(0),
        Some('=' | '-') if trimmed.chars().all(|c| c == '=' || c == '-' || c == ' ') => Some(0),
        _ if digits > 0
            && matches!(trimmed[digits..].chars().next(), Some('.' | ')'))
            && ends_marker(&trimmed[digits + 1..]) =>
        {
            Some(digits)
        }
        _ => None,
    };
    match at {
        Some(i) => format!("{}\\{}", &line[..indent + i], &line[indent + i..]),
        None => line.to_string(),
    }
}

/// Text from the guide: escaped like typed text, except that `code spans` stay code.
pub fn guide_text(text: &str) -> String {
    let text = one_line(text);
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An unmatched backtick: nothing is code.
        return escape(&text);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("`{part}`")
            } else {
                escape(part)
            }
        })
        .collect()
}

/// A table cell: escaped, with line breaks as `<br>` so the row stays one line.
fn cell(text: &str) -> String {
    text.lines().map(escape).collect::<Vec<_>>().join("<br>")
}

/// A reference: a `[title](<url>)` link for web and mail targets (no angle bracket can end the
/// target early), the title and the address as plain text for anything else.
fn reference_link(title: &str, url: &str) -> String {
    match link_target(url) {
        Some(target) => format!("[{}](<{}>)", escape(title), target.replace(['<', '>'], "")),
        None => format!("{} ({})", escape(title), escape(url)),
    }
}

/// Starts a `## title` section with exactly one blank line before it.
fn section(out: &mut String, title: &str) {
    while out.ends_with("\n\n") {
        out.pop();
    }
    let _ = writeln!(out, "\n## {title}\n");
}

/// The time of a step: the clock time, with the date when it is not the day the walk started.
fn step_time(summary: &Summary, at: time::OffsetDateTime) -> String {
    if at.to_offset(time::UtcOffset::UTC).date()
        == summary.started.to_offset(time::UtcOffset::UTC).date()
    {
        clock_time(at)
    } else {
        when(at)
    }
}

/// The report, section by section: the order of the sections is written here once.
pub fn render(summary: &Summary) -> String {
    let mut out = String::new();
    header(&mut out, summary);
    resolution(&mut out, summary);
    open_checks(&mut out, summary);
    findings(&mut out, summary);
    ruled_out(&mut out, summary);
    evidence(&mut out, summary);
    path(&mut out, summary);
    changed_answers(&mut out, summary);
    footer(&mut out, summary);
    out
}

fn header(out: &mut String, summary: &Summary) {
    let _ = writeln!(
        out,
        "# Troubleshooting report: {}\n",
        guide_text(summary.headline_title())
    );
    let mut header: Vec<(&str, String)> = vec![(
        "Guide",
        format!(
            "{} (`{}` {})",
            cell(&summary.guide_title),
            summary.guide_id.replace('`', ""),
            cell(&summary.guide_version)
        ),
    )];
    for c in &summary.continued_in {
        let id = |id: &str| format!("`{}`", id.replace('`', ""));
        header.push(("Continued in", c.describe(cell, id)));
    }
    if let Some(s) = &summary.session {
        header.push(("Technician", cell(&s.technician)));
        header.push(("Ticket", s.ticket.as_deref().map_or("none".into(), cell)));
        header.push(("Session", format!("`{}`", s.id.replace('`', ""))));
    }
    header.push(("Started", when(summary.started)));
    header.push((
        "Finished",
        summary.finished.map_or("not finished".into(), when),
    ));
    header.push(("Duration", duration(summary.duration_seconds)));
    header.push(("Outcome", cell(&summary.outcome_line())));
    let _ = writeln!(out, "| Field | Value |\n|---|---|");
    for (field, value) in header {
        let _ = writeln!(out, "| {field} | {value} |");
    }
}

fn resolution(out: &mut String, summary: &Summary) {
    if let Some(r) = &summary.resolution {
        section(out, "Resolution");
        let _ = writeln!(out, "**{}**\n", guide_text(&r.title));
        if let Some(owner) = &r.owner {
            let _ = writeln!(out, "**Hand-off to:** {}\n", guide_text(owner));
        }
        if !r.cause.trim().is_empty() {
            let _ = writeln!(out, "**Cause:** {}\n", guide_text(&r.cause));
        }
        if !r.steps.is_empty() {
            let _ = writeln!(out, "**Fix:**\n");
            for (i, step) in r.steps.iter().enumerate() {
                let _ = writeln!(out, "{}. {}", i + 1, guide_text(step));
            }
            out.push('\n');
        }
        if let Some(verify) = &r.verify {
            let _ = writeln!(out, "**Verify:** {}\n", guide_text(verify));
        }
        if !r.references.is_empty() {
            let _ = writeln!(out, "**References:**\n");
            for reference in &r.references {
                let _ = writeln!(
                    out,
                    "- {}",
                    reference_link(&reference.title, &reference.url)
                );
            }
            out.push('\n');
        }
        if let Some(note) = &r.note {
            let _ = writeln!(out, "**Technician's note:**\n");
            quote(out, "", "", note);
            out.push('\n');
        }
    }
}

/// What was not checked, grouped by who can check it: the hand-off's to-do list.
fn open_checks(out: &mut String, summary: &Summary) {
    if summary.open_checks.is_empty() {
        return;
    }
    section(out, "Open checks");
    let _ = writeln!(
        out,
        "| Step | Check | Why it is open | Who can check it |\n|---|---|---|---|"
    );
    for c in &summary.open_checks {
        let owners = if c.owners.is_empty() {
            "the technician, later".to_string()
        } else {
            c.owners.join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            c.number,
            cell(&c.question),
            cell(&c.reason),
            cell(&owners)
        );
    }
    out.push('\n');
    for c in summary.open_checks.iter().filter(|c| c.how.is_some()) {
        if let Some(how) = &c.how {
            let _ = writeln!(
                out,
                "**How to check step {}:** {}\n",
                c.number,
                guide_text(how)
            );
        }
    }
}

/// What was checked and found fine, by section: so nobody checks it again.
fn ruled_out(out: &mut String, summary: &Summary) {
    if !summary.ruled_out.is_empty() {
        section(out, "Checked and ruled out");
        for group in &summary.ruled_out {
            let _ = writeln!(out, "**{}**\n", guide_text(&group.title));
            for item in &group.findings {
                let _ = writeln!(out, "- {}", guide_text(item));
            }
            out.push('\n');
        }
    }
}

fn findings(out: &mut String, summary: &Summary) {
    if !summary.findings.is_empty() {
        section(out, "Findings");
        for group in &summary.findings {
            let _ = writeln!(out, "**{}**\n", guide_text(&group.title));
            for f in &group.findings {
                let _ = writeln!(out, "- {}", guide_text(f));
            }
            out.push('\n');
        }
    }
}

fn evidence(out: &mut String, summary: &Summary) {
    if !summary.evidence.is_empty() {
        section(out, "Evidence");
        let _ = writeln!(out, "| Evidence | Variable | Value |\n|---|---|---|");
        for e in &summary.evidence {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} |",
                cell(&e.label),
                e.name.replace(['`', '|'], ""),
                cell(&e.value)
            );
        }
        out.push('\n');
    }
    for a in &summary.attached {
        section(out, &format!("Evidence: {} ({})", a.kind, a.origin));
        let _ = writeln!(out, "Attached {}.\n", a.at.date());
        if !a.facts.is_empty() {
            let _ = writeln!(out, "| Fact | Value | Source |\n|---|---|---|");
            for f in &a.facts {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} |",
                    f.name.replace(['`', '|'], ""),
                    cell(&f.value),
                    cell(&f.source)
                );
            }
        }
        for n in &a.notes {
            let _ = writeln!(out, "\n*Note:* {}", escape(n));
        }
        out.push('\n');
    }
}

fn path(out: &mut String, summary: &Summary) {
    section(out, "Path");
    if summary.path.is_empty() {
        let _ = writeln!(out, "No step answered yet.");
    }
    for step in &summary.path {
        let answer = step
            .answer
            .as_deref()
            .map_or("*not answered yet*".to_string(), |a| {
                format!("**{}**", escape(a))
            });
        let marker = format!("{}. ", step.number);
        // What belongs to an item is indented to where its text starts (4 columns from `10. `
        // on), or CommonMark closes the list and starts a new one after it.
        let indent = " ".repeat(marker.len());
        let _ = writeln!(
            out,
            "{marker}{} → {} ({})",
            guide_text(&step.title),
            answer,
            step_time(summary, step.at)
        );
        if let Some(evidence) = &step.evidence {
            let _ = writeln!(out, "{indent}> {}", escape(evidence));
        }
        if let Some(note) = &step.note {
            if step.evidence.is_some() {
                let _ = writeln!(out, "{indent}>");
            }
            quote(out, &indent, "Note: ", note);
        }
    }
    if let Some(current) = &summary.current_step {
        let _ = writeln!(out, "\nStopped at: {}", guide_text(current));
    }
}

/// Typed text as a block quote at `indent`, its first line led by `lead`. Each line break is kept
/// as a hard line break (`\` at the end of the line); leading spaces are dropped, since four of
/// them would turn a line into code.
fn quote(out: &mut String, indent: &str, lead: &str, text: &str) {
    let lines: Vec<&str> = text.trim().lines().map(str::trim).collect();
    for (i, line) in lines.iter().enumerate() {
        let mut body = if i == 0 {
            format!("{lead}{}", escape(line))
        } else {
            escape_line(line)
        };
        let next_has_text = lines.get(i + 1).is_some_and(|next| !next.is_empty());
        if !line.is_empty() && next_has_text {
            body.push('\\');
        }
        if body.is_empty() {
            let _ = writeln!(out, "{indent}>");
        } else {
            let _ = writeln!(out, "{indent}> {body}");
        }
    }
}

fn footer(out: &mut String, summary: &Summary) {
    while out.ends_with("\n\n") {
        out.pop();
    }
    let _ = writeln!(
        out,
        "\n---\n\nGuide `{}` {}, content {}. Times are UTC.",
        summary.guide_id.replace('`', ""),
        escape(&summary.guide_version),
        summary.guide_hash.replace('`', "")
    );
}

/// Answers the walk no longer stands on: what each was, what replaced it, when and why, and the
/// note written on it.
fn changed_answers(out: &mut String, summary: &Summary) {
    if summary.changed_answers.is_empty() {
        return;
    }
    section(out, "Changed answers");
    for c in &summary.changed_answers {
        let _ = writeln!(
            out,
            "- Step {}, {}: **{}** → **{}** (changed {})",
            c.number,
            guide_text(&c.title),
            escape(&c.old),
            escape(c.new_or_gone()),
            escape(&c.circumstances())
        );
        for (i, line) in c.note.iter().flat_map(|n| n.lines()).enumerate() {
            let lead = if i == 0 { "Note: " } else { "" };
            let _ = writeln!(out, "  > {lead}{}", escape_line(line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_renders_literally() {
        assert_eq!(escape("a|b *c* <script>"), r"a\|b \*c\* \<script\>");
        assert_eq!(escape("&lt; & x"), r"\&lt; & x");
        assert_eq!(escape("version 1.0.0"), "version 1.0.0");
        assert_eq!(escape_line("- not a list"), r"\- not a list");
        assert_eq!(escape_line("1. not a list"), r"1\. not a list");
        assert_eq!(escape_line("12) not a list"), r"12\) not a list");
        assert_eq!(escape_line("==="), r"\===");
        assert_eq!(escape_line("1.0.0 -x"), "1.0.0 -x");
    }

    #[test]
    fn guide_text_keeps_code_spans() {
        assert_eq!(
            guide_text("Run `nltest /dsgetdc:<domain>` on <host>"),
            r"Run `nltest /dsgetdc:<domain>` on \<host\>"
        );
        assert_eq!(guide_text("odd ` tick"), r"odd \` tick");
    }
}
