//! The summary as one self-contained HTML page: inline CSS (with print rules), no scripts, no
//! external assets. Every piece of text is escaped and stripped of control characters.

use std::fmt::Write;

use super::format::{clock_time, duration, link_target, when};
use super::summary::Summary;

const STYLE: &str = "
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1b1f24;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.5rem; margin-bottom: .5rem; }
h2 { font-size: 1.15rem; border-bottom: 1px solid #d0d7de; padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #f6f8fa; font-weight: 600; }
table.meta th { width: 9rem; }
code { font: .9em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa;
  padding: 0 .25rem; border-radius: 3px; overflow-wrap: anywhere; }
.outcome { display: inline-block; padding: .1rem .55rem; border-radius: 1rem; font-weight: 600; }
.resolved { background: #dafbe1; color: #116329; }
.workaround { background: #fff8c5; color: #7d4e00; }
.escalate, .open { background: #ffebe9; color: #a40e26; }
ol.path > li { margin-bottom: .5rem; }
.answer { font-weight: 600; }
.time { color: #57606a; font-size: .85em; }
.note { white-space: pre-wrap; border-left: 3px solid #d0d7de; margin: .25rem 0 0; padding: .1rem .6rem;
  color: #424a53; }
footer { margin-top: 2rem; color: #57606a; font-size: .8rem; overflow-wrap: anywhere; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2, h3 { break-after: avoid; }
  /* On paper a link is only its words: print where it goes after them. */
  a[href]::after { content: \" (\" attr(href) \")\"; font-size: .85em; overflow-wrap: anywhere; }
  tr, li { break-inside: avoid; }
  .outcome { border: 1px solid currentColor; }
}
";

/// Text made inert: entities for the five HTML-significant characters, no control characters.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Guide text, escaped, with its `code spans` shown as code.
fn guide_text(text: &str) -> String {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return escape(text);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

/// Only web links become links; anything else (`javascript:`, `data:`) is shown as text.
fn link(title: &str, url: &str) -> String {
    match link_target(url) {
        Some(target) => format!("<a href=\"{}\">{}</a>", escape(target), escape(title)),
        None => format!("{} ({})", escape(title), escape(url)),
    }
}

/// The page, section by section: the order of the sections is written here once.
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
    let title = format!("Troubleshooting report: {}", summary.headline_title());
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );

    let badge = match &summary.resolution {
        Some(r) => r.outcome.name(),
        None => "open",
    };
    let mut rows: Vec<(&str, String)> = vec![(
        "Guide",
        format!(
            "{} (<code>{}</code> {})",
            escape(&summary.guide_title),
            escape(&summary.guide_id),
            escape(&summary.guide_version)
        ),
    )];
    for c in &summary.continued_in {
        let id = |id: &str| format!("<code>{}</code>", escape(id));
        rows.push(("Continued in", c.describe(escape, id)));
    }
    if let Some(s) = &summary.session {
        rows.push(("Technician", escape(&s.technician)));
        rows.push(("Ticket", s.ticket.as_deref().map_or("none".into(), escape)));
        rows.push(("Session", format!("<code>{}</code>", escape(&s.id))));
    }
    rows.push(("Started", when(summary.started)));
    rows.push((
        "Finished",
        summary.finished.map_or("not finished".into(), when),
    ));
    rows.push(("Duration", duration(summary.duration_seconds)));
    rows.push((
        "Outcome",
        format!(
            "<span class=\"outcome {badge}\">{}</span>",
            escape(&summary.outcome_line())
        ),
    ));
    out.push_str("<table class=\"meta\">\n");
    for (field, value) in rows {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{field}</th><td>{value}</td></tr>"
        );
    }
    out.push_str("</table>\n");
}

fn resolution(out: &mut String, summary: &Summary) {
    if let Some(r) = &summary.resolution {
        let _ = writeln!(
            out,
            "<h2>Resolution</h2>\n<p><strong>{}</strong></p>",
            guide_text(&r.title)
        );
        if !r.cause.trim().is_empty() {
            let _ = writeln!(
                out,
                "<p><strong>Cause:</strong> {}</p>",
                guide_text(&r.cause)
            );
        }
        if !r.steps.is_empty() {
            out.push_str("<h3>Fix</h3>\n<ol>\n");
            for step in &r.steps {
                let _ = writeln!(out, "<li>{}</li>", guide_text(step));
            }
            out.push_str("</ol>\n");
        }
        if let Some(verify) = &r.verify {
            let _ = writeln!(out, "<h3>Verify</h3>\n<p>{}</p>", guide_text(verify));
        }
        if !r.references.is_empty() {
            out.push_str("<h3>References</h3>\n<ul>\n");
            for reference in &r.references {
                let _ = writeln!(out, "<li>{}</li>", link(&reference.title, &reference.url));
            }
            out.push_str("</ul>\n");
        }
        if let Some(note) = &r.note {
            let _ = writeln!(
                out,
                "<h3>Technician&#39;s note</h3>\n<p class=\"note\">{}</p>",
                escape(note.trim())
            );
        }
    }
}

fn open_checks(out: &mut String, summary: &Summary) {
    if summary.open_checks.is_empty() {
        return;
    }
    out.push_str("<h2>Open checks</h2>\n<table>\n<tr><th scope=\"col\">Step</th><th scope=\"col\">Check</th><th scope=\"col\">Why it is open</th><th scope=\"col\">Who can check it</th><th scope=\"col\">How</th></tr>\n");
    for c in &summary.open_checks {
        let owners = if c.owners.is_empty() {
            "the technician, later".to_string()
        } else {
            c.owners.join(", ")
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            c.number,
            guide_text(&c.question),
            escape(&c.reason),
            escape(&owners),
            c.how.as_deref().map(guide_text).unwrap_or_default()
        );
    }
    out.push_str("</table>\n");
}

fn findings(out: &mut String, summary: &Summary) {
    if !summary.findings.is_empty() {
        out.push_str("<h2>Findings</h2>\n");
        for group in &summary.findings {
            let _ = writeln!(out, "<h3>{}</h3>\n<ul>", guide_text(&group.title));
            for f in &group.findings {
                let _ = writeln!(out, "<li>{}</li>", guide_text(f));
            }
            out.push_str("</ul>\n");
        }
    }
}

fn ruled_out(out: &mut String, summary: &Summary) {
    if !summary.ruled_out.is_empty() {
        out.push_str("<h2>Checked and ruled out</h2>\n");
        for group in &summary.ruled_out {
            let _ = writeln!(out, "<h3>{}</h3>\n<ul>", guide_text(&group.title));
            for item in &group.findings {
                let _ = writeln!(out, "<li>{}</li>", guide_text(item));
            }
            out.push_str("</ul>\n");
        }
    }
}

fn evidence(out: &mut String, summary: &Summary) {
    if !summary.evidence.is_empty() {
        out.push_str(
            "<h2>Evidence</h2>\n<table>\n<tr><th scope=\"col\">Evidence</th><th scope=\"col\">Variable</th><th scope=\"col\">Value</th></tr>\n",
        );
        for e in &summary.evidence {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
                guide_text(&e.label),
                escape(&e.name),
                escape(&e.value)
            );
        }
        out.push_str("</table>\n");
    }
    for a in &summary.attached {
        let _ = writeln!(
            out,
            "<h2>Evidence: {} ({})</h2>\n<p>Attached {}.</p>",
            escape(&a.kind),
            escape(&a.origin),
            a.at.date()
        );
        if !a.facts.is_empty() {
            out.push_str("<table>\n<tr><th scope=\"col\">Fact</th><th scope=\"col\">Value</th><th scope=\"col\">Source</th></tr>\n");
            for f in &a.facts {
                let _ = writeln!(
                    out,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                    escape(&f.name),
                    escape(&f.value),
                    escape(&f.source)
                );
            }
            out.push_str("</table>\n");
        }
        for n in &a.notes {
            let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(n));
        }
    }
}

fn path(out: &mut String, summary: &Summary) {
    out.push_str("<h2>Path</h2>\n");
    if summary.path.is_empty() {
        out.push_str("<p>No step answered yet.</p>\n");
    } else {
        out.push_str("<ol class=\"path\">\n");
        for step in &summary.path {
            let answer = step
                .answer
                .as_deref()
                .map_or("<em>not answered yet</em>".to_string(), |a| {
                    format!("<span class=\"answer\">{}</span>", escape(a))
                });
            let _ = write!(
                out,
                "<li value=\"{}\">{} &rarr; {} <span class=\"time\">{}</span>",
                step.number,
                guide_text(&step.title),
                answer,
                clock_time(step.at)
            );
            if let Some(evidence) = &step.evidence {
                let _ = write!(out, "<p class=\"note\">{}</p>", escape(evidence));
            }
            if let Some(note) = &step.note {
                let _ = write!(out, "<p class=\"note\">{}</p>", escape(note.trim()));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
}

fn footer(out: &mut String, summary: &Summary) {
    if let Some(current) = &summary.current_step {
        let _ = writeln!(out, "<p>Stopped at: {}</p>", guide_text(current));
    }
    let _ = write!(
        out,
        "<footer>Guide <code>{}</code> {}, content {}. Times are UTC.</footer>\n</body>\n</html>\n",
        escape(&summary.guide_id),
        escape(&summary.guide_version),
        escape(&summary.guide_hash)
    );
}

/// Answers the walk no longer stands on: what each was, what replaced it, when and why, and the
/// note written on it.
fn changed_answers(out: &mut String, summary: &Summary) {
    if summary.changed_answers.is_empty() {
        return;
    }
    out.push_str("<h2>Changed answers</h2>\n<ul class=\"changed\">\n");
    for c in &summary.changed_answers {
        let _ = write!(
            out,
            "<li>Step {}, {}: <span class=\"answer\">{}</span> &rarr; <span class=\"answer\">{}</span> \
             <span class=\"time\">changed {}</span>",
            c.number,
            guide_text(&c.title),
            escape(&c.old),
            escape(c.new_or_gone()),
            escape(&c.circumstances())
        );
        if let Some(note) = &c.note {
            let _ = write!(out, "<p class=\"note\">{}</p>", escape(note.trim()));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_print_headings_keep_with_what_follows_and_links_show_their_address() {
        assert!(STYLE.contains("h2, h3 { break-after: avoid; }"));
        assert!(STYLE.contains("a[href]::after { content: \" (\" attr(href) \")\""));
    }

    #[test]
    fn escape_leaves_no_markup() {
        assert_eq!(
            escape("<script>alert(\"x\")</script>'&"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;&amp;"
        );
    }

    #[test]
    fn only_web_links_become_links() {
        assert_eq!(
            link("Docs", "https://example.com/a?b=1&c=2"),
            "<a href=\"https://example.com/a?b=1&amp;c=2\">Docs</a>"
        );
        assert_eq!(link("x", "javascript:alert(1)"), "x (javascript:alert(1))");
    }
}
