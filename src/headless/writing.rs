//! Writing answers files: a template to fill in for a guide, and a recorded walk as a scenario.

use super::{answer_hint, Answer, NodeKind, ValidGuide};

/// An answers file to fill in for `guide`: every question (info steps and resolutions need no
/// answer) with its section and prompt as comments and [`answer_hint`] as the value. Only the
/// questions a walk reaches are read, so the others may stay or go.
pub fn template(guide: &ValidGuide) -> String {
    let mut out = format!(
        "# Answers for {} ({}), version {}.\n# Replace each <...> with an answer; a walk reads only the questions it reaches.\n# Optional inputs may be left out. Add a note with: id: {{answer: ..., note: \"...\"}}\n",
        guide.id(),
        comment_line(guide.title()),
        guide.version()
    );
    let mut section = None;
    for node in &guide.guide().nodes {
        if matches!(node.kind, NodeKind::Info | NodeKind::Resolution) {
            continue;
        }
        if node.section != section {
            section = node.section.clone();
            out.push_str(&format!(
                "\n# --- {} ---\n",
                guide.section_title(section.as_deref())
            ));
        }
        let prompt = node.prompt.as_deref().unwrap_or(node.label());
        let prompt = crate::guide::interpolate(prompt, &crate::guide::Variables::new());
        out.push_str(&format!("# {}\n", comment_line(&prompt)));
        if node.optional() {
            out.push_str("# (optional)\n");
        }
        if node.kind == NodeKind::Multi {
            out.push_str(&format!("# any of: {}\n", answer_hint(guide, node)));
            out.push_str(&format!("{}: []\n", node.id));
        } else {
            out.push_str(&format!(
                "{}: {}\n",
                node.id,
                yaml_safe(&answer_hint(guide, node))
            ));
        }
    }
    out
}

/// Text on one comment line: line breaks become spaces.
fn comment_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A hint as a quoted YAML value, so it reads back as text.
fn yaml_safe(hint: &str) -> String {
    format!("\"{}\"", hint.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A recorded walk as a scenario file: the guide, the access, every answer given (and its
/// note), and the resolution reached, so a session from the field becomes a regression test.
/// Checks passed over for want of access are left out (the access passes over them again);
/// answers evidence gave are written out, so the scenario needs no evidence files.
pub fn scenario_from(
    guide_id: &str,
    description: &str,
    access: Option<&[String]>,
    steps: &[crate::engine::Step],
    reached: Option<&str>,
) -> String {
    // A JSON string is a YAML double-quoted scalar: every value reads back as written.
    let quoted = |text: &str| serde_json::Value::String(text.to_string()).to_string();
    let mut out = format!("guide: {}\n", quoted(guide_id));
    out.push_str(&format!("description: {}\n", quoted(description)));
    if let Some(access) = access {
        let ids: Vec<String> = access.iter().map(|a| quoted(a)).collect();
        out.push_str(&format!("access: [{}]\n", ids.join(", ")));
    }
    out.push_str(&format!(
        "expect: {}\n",
        quoted(reached.unwrap_or("<the walk did not end: name the resolution it must reach>"))
    ));
    out.push_str("answers:\n");
    let mut written = std::collections::HashSet::new();
    for step in steps {
        let Some(answer) = &step.answer else { continue };
        if step.skipped.is_some() || !written.insert(step.node.as_str()) {
            continue;
        }
        let value = match answer {
            Answer::Continue => continue,
            Answer::Yes => "yes".to_string(),
            Answer::No => "no".to_string(),
            Answer::Unsure => "unsure".to_string(),
            Answer::Choice(id) => quoted(id),
            Answer::Multi(ids) => format!(
                "[{}]",
                ids.iter().map(|i| quoted(i)).collect::<Vec<_>>().join(", ")
            ),
            Answer::Text(text) => quoted(text),
        };
        match &step.note {
            Some(note) => out.push_str(&format!(
                "  {}: {{answer: {value}, note: {}}}\n",
                step.node,
                quoted(note)
            )),
            None => out.push_str(&format!("  {}: {value}\n", step.node)),
        }
    }
    out
}
