//! Per-node and header checks: ids, required keys for each kind, keys a kind does not use,
//! learner text, input formats and regexes.

use std::collections::HashSet;

use regex::RegexBuilder;

use super::super::model::{
    ContinueIn, InputFormat, Node, NodeKind, Outcome, Reference, FORMAT_VERSION,
};
use super::ids::{id_problem, is_plain_id};
use super::{is_question, quote, Checker};

/// Known sections named in the "unknown section" message, before the rest are counted.
const MAX_SECTIONS_NAMED: usize = 10;

fn is_blank<S: AsRef<str>>(text: &Option<S>) -> bool {
    text.as_ref().is_none_or(|t| t.as_ref().trim().is_empty())
}

/// The keys each kind may use, beyond `id`, `kind`, `section`, `title`, `prompt`, `why`, `how`.
fn allowed_keys(kind: NodeKind) -> &'static [&'static str] {
    match kind {
        NodeKind::Info => &["next", "finding", "set", "access"],
        NodeKind::Confirm => &["yes", "no", "unsure", "evidence", "access"],
        NodeKind::Choice => &["options", "unsure", "evidence", "access"],
        NodeKind::Multi => &["options", "next", "finding", "set", "unsure", "access"],
        NodeKind::Input => &[
            "next",
            "finding",
            "set",
            "unsure",
            "variable",
            "format",
            "pattern",
            "multiline",
            "optional",
            "evidence",
            "access",
        ],
        NodeKind::Resolution => &[
            "outcome",
            "cause",
            "steps",
            "verify",
            "references",
            "owner",
            "continue_in",
        ],
    }
}

fn present_keys(node: &Node) -> impl Iterator<Item = &'static str> {
    let flags = [
        ("next", node.next.is_some()),
        ("finding", node.finding.is_some()),
        ("set", !node.set.is_empty()),
        ("yes", node.yes.is_some()),
        ("no", node.no.is_some()),
        ("unsure", node.unsure.is_some()),
        ("options", !node.options.is_empty()),
        ("variable", node.variable().is_some()),
        ("format", node.format().is_some()),
        ("pattern", node.pattern().is_some()),
        ("multiline", node.multiline()),
        ("optional", node.optional()),
        ("outcome", node.outcome().is_some()),
        ("cause", node.cause().is_some()),
        ("steps", !node.steps().is_empty()),
        ("verify", node.verify().is_some()),
        ("references", !node.references().is_empty()),
        ("evidence", node.evidence().is_some()),
        ("access", !node.access.is_empty()),
        ("owner", node.owner().is_some()),
        ("continue_in", node.continue_in().is_some()),
    ];
    flags.into_iter().filter(|(_, on)| *on).map(|(k, _)| k)
}

impl Checker<'_> {
    pub(super) fn check_header(&mut self) {
        let guide = &self.loaded.guide;
        if guide.format != FORMAT_VERSION {
            self.error_at(
                "format",
                format!(
                    "format '{}' is not supported; this tshoot reads 'format: {FORMAT_VERSION}'",
                    guide.format
                ),
            );
        }
        let id_ok = !guide.id.is_empty()
            && guide
                .id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if !id_ok {
            self.error_at(
                "id",
                format!(
                    "guide id '{}' must be letters, digits, '-', '_' or '.'",
                    quote(&guide.id)
                ),
            );
        }
        for (key, value) in [("title", &guide.title), ("version", &guide.version)] {
            if value.trim().is_empty() {
                self.error_at(key, format!("'{key}' is empty; give the guide a {key}"));
            }
        }
        if guide.summary.trim().is_empty() {
            self.warn_at_key("id", "the guide has no 'summary'; the picker shows it");
        }
        if guide.references.is_empty() {
            self.warn_at_key(
                "id",
                "the guide has no 'references'; cite the public sources",
            );
        }
        self.check_links("references", &guide.references);
        if guide.nodes.is_empty() {
            self.error_at(
                "nodes",
                "'nodes' is empty; a guide needs at least one resolution",
            );
        }
    }

    /// Warns about sections that no node in `used` names.
    pub(super) fn check_sections_used(&mut self, used: &HashSet<&str>) {
        let guide = &self.loaded.guide;
        for (i, section) in guide.sections.iter().enumerate() {
            if !used.contains(section.id.as_str()) {
                self.warn_at_key(
                    &format!("sections.{i}.id"),
                    format!(
                        "section '{}' has no nodes; remove it or use it",
                        quote(&section.id)
                    ),
                );
            }
        }
    }

    pub(super) fn check_node(&mut self, i: usize, node: &Node, sections: &HashSet<&str>) {
        let kind = node.kind;
        for key in present_keys(node) {
            if !allowed_keys(kind).contains(&key) {
                self.node_error(
                    i,
                    key,
                    format!(
                        "'{key}' is not used by a {} node; remove it or change 'kind' (a {} node uses: {})",
                        kind.name(),
                        kind.name(),
                        allowed_keys(kind).join(", ")
                    ),
                );
            }
        }
        if let Some(section) = &node.section {
            if !sections.contains(section.as_str()) {
                let all = &self.loaded.guide.sections;
                let mut known: Vec<String> = all
                    .iter()
                    .take(MAX_SECTIONS_NAMED)
                    .map(|s| quote(&s.id).into_owned())
                    .collect();
                if all.len() > MAX_SECTIONS_NAMED {
                    known.push(format!("and {} more", all.len() - MAX_SECTIONS_NAMED));
                }
                self.node_error(
                    i,
                    "section",
                    format!(
                        "unknown section '{}'; known sections: {}",
                        quote(section),
                        known.join(", ")
                    ),
                );
            }
        }
        if kind != NodeKind::Resolution && is_blank(&node.prompt) {
            self.node_error(
                i,
                "",
                format!(
                    "node '{}' has no 'prompt'; say what to ask or do",
                    quote(&node.id)
                ),
            );
        }
        if is_question(kind) {
            for (key, text) in [("why", &node.why), ("how", &node.how)] {
                if is_blank(text) {
                    let what = if key == "why" {
                        "why this is asked"
                    } else {
                        "how to check it"
                    };
                    self.warn_at_key(
                        &format!("nodes.{i}.id"),
                        format!("question '{}' has no '{key}'; say {what}", quote(&node.id)),
                    );
                }
            }
        }
        match kind {
            NodeKind::Info | NodeKind::Input if node.next.is_none() => {
                self.route_error(
                    i,
                    "",
                    format!("{} node '{}' needs 'next'", kind.name(), quote(&node.id)),
                );
            }
            NodeKind::Confirm => {
                for (key, branch) in [("yes", &node.yes), ("no", &node.no)] {
                    if branch.is_none() {
                        self.route_error(
                            i,
                            "",
                            format!("confirm node '{}' needs '{key}'", quote(&node.id)),
                        );
                    }
                }
            }
            NodeKind::Choice | NodeKind::Multi => self.check_options(i, node),
            NodeKind::Resolution => self.check_resolution(i, node),
            _ => {}
        }
        if kind == NodeKind::Input {
            self.check_input(i, node);
        }
    }

    fn check_options(&mut self, i: usize, node: &Node) {
        let min = if node.kind == NodeKind::Choice { 2 } else { 1 };
        if node.options.len() < min {
            self.route_error(
                i,
                if node.options.is_empty() {
                    ""
                } else {
                    "options"
                },
                format!(
                    "{} node '{}' needs at least {min} option(s) in 'options'",
                    node.kind.name(),
                    quote(&node.id)
                ),
            );
        }
        if node.kind == NodeKind::Multi && node.next.is_none() {
            self.route_error(
                i,
                "",
                format!("multi node '{}' needs 'next'", quote(&node.id)),
            );
        }
        let mut seen = HashSet::new();
        for (j, option) in node.options.iter().enumerate() {
            let path = format!("options.{j}");
            if let Some(problem) = id_problem("option", &option.id) {
                self.node_error(i, &format!("{path}.id"), problem);
            }
            if !seen.insert(option.id.as_str()) {
                self.node_error(
                    i,
                    &format!("{path}.id"),
                    format!(
                        "option id '{}' is used twice in '{}'",
                        quote(&option.id),
                        quote(&node.id)
                    ),
                );
            }
            if option.label.trim().is_empty() {
                self.node_error(i, &format!("{path}.label"), "option 'label' is empty");
            }
            match (node.kind, &option.next) {
                (NodeKind::Choice, None) => self.route_error(
                    i,
                    &format!("{path}.id"),
                    format!(
                        "option '{}' needs 'next': where does this answer lead?",
                        quote(&option.id)
                    ),
                ),
                (NodeKind::Multi, Some(_)) => self.node_error(
                    i,
                    &format!("{path}.next"),
                    "options of a multi node have no 'next'; route with the node's 'next' rules",
                ),
                _ => {}
            }
        }
    }

    fn check_resolution(&mut self, i: usize, node: &Node) {
        let id = quote(&node.id);
        if let Some(target) = node.continue_in() {
            // The walk goes on in the other guide: its resolution says what to do.
            self.check_continuation(i, node, target);
            return;
        }
        if node.outcome().is_none() {
            self.node_error(
                i,
                "",
                format!("resolution '{id}' needs 'outcome': resolved, workaround or escalate"),
            );
        }
        if is_blank(&node.title) {
            self.node_error(i, "", format!("resolution '{id}' needs a 'title'"));
        }
        if is_blank(&node.cause()) {
            self.node_error(i, "", format!("resolution '{id}' needs a 'cause'"));
        }
        if node.steps().iter().all(|s| s.trim().is_empty()) {
            self.node_error(
                i,
                "",
                format!("resolution '{id}' needs 'steps': a list of what to do"),
            );
        }
        if node.outcome() != Some(Outcome::Escalate) {
            if is_blank(&node.verify()) {
                self.warn_at_key(
                    &format!("nodes.{i}.id"),
                    format!("resolution '{id}' has no 'verify'; say how to confirm the fix worked"),
                );
            }
            if node.references().is_empty() {
                self.warn_at_key(
                    &format!("nodes.{i}.id"),
                    format!("resolution '{id}' has no 'references'; cite a public source"),
                );
            }
        }
        self.check_links(&format!("nodes.{i}.references"), node.references());
    }

    fn check_continuation(&mut self, i: usize, node: &Node, target: &ContinueIn) {
        let id = quote(&node.id);
        if is_blank(&node.title) {
            self.node_error(i, "", format!("resolution '{id}' needs a 'title'"));
        }
        if is_blank(&node.cause()) {
            self.node_error(
                i,
                "",
                format!("resolution '{id}' needs a 'cause': why the problem is really the other guide's"),
            );
        }
        if let Some(problem) = id_problem("guide", &target.guide.replace('-', "_")) {
            self.error_at(&format!("nodes.{i}.continue_in.guide"), problem);
        }
        // A guide joined to a walk may lead back to the walk's first guide: that is joined again.
        if target.guide == self.loaded.guide.id && node.answer_name() == node.id {
            self.error_at(
                &format!("nodes.{i}.continue_in.guide"),
                format!("resolution '{id}' continues in its own guide; route to the node instead"),
            );
        }
        if let Some(problem) = target.at.as_deref().and_then(|at| id_problem("node", at)) {
            self.error_at(&format!("nodes.{i}.continue_in.at"), problem);
        }
        self.check_links(&format!("nodes.{i}.references"), node.references());
    }

    /// Reports link only web and mail addresses; anything else would be shown as plain text.
    fn check_links(&mut self, path: &str, references: &[Reference]) {
        for (j, reference) in references.iter().enumerate() {
            if crate::text::link_target(&reference.url).is_none() {
                self.warn_at_key(
                    &format!("{path}.{j}.url"),
                    format!(
                        "'{}' is not a web or mail address; reports link only https://, http:// and mailto: (give the public page's address)",
                        crate::text::shorten(&reference.url)
                    ),
                );
            }
        }
    }

    fn check_input(&mut self, i: usize, node: &Node) {
        if let Some(variable) = node.variable() {
            let ok = variable.split('.').all(is_plain_id);
            if !ok {
                self.node_error(
                    i,
                    "variable",
                    format!(
                        "variable name '{}' must be letters, digits and '_', dot-separated",
                        quote(variable)
                    ),
                );
            }
        }
        match (node.pattern(), node.input_format()) {
            (None, InputFormat::Regex) => {
                self.node_error(i, "format", "format 'regex' needs a 'pattern'")
            }
            (Some(_), f) if f != InputFormat::Regex => {
                self.node_error(i, "pattern", "'pattern' works only with 'format: regex'")
            }
            (Some(pattern), _) => match RegexBuilder::new(pattern).size_limit(1 << 20).build() {
                Ok(re) => {
                    self.patterns.insert(node.id.clone(), re);
                }
                Err(e) => {
                    let detail = e
                        .to_string()
                        .lines()
                        .last()
                        .unwrap_or("")
                        .trim()
                        .to_string();
                    self.node_error(
                        i,
                        "pattern",
                        format!("invalid regex '{}': {detail}", quote(pattern)),
                    );
                }
            },
            _ => {}
        }
    }
}
