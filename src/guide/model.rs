//! The guide file format, version 1, as serde types: what an author may write, nothing more.

use std::collections::BTreeMap;
use std::fmt;

use compact_str::CompactString;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

/// The only version of the file format this build reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub format: u32,
    pub id: String,
    pub title: String,
    pub version: String,
    #[serde(default)]
    pub error_codes: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub references: Vec<Reference>,
    pub sections: Vec<Section>,
    pub start: String,
    pub nodes: Vec<Node>,
}

/// What the picker and the code search show of a guide, known without loading all of it.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct Header {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub error_codes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Info,
    Confirm,
    Choice,
    Multi,
    Input,
    Resolution,
}

impl NodeKind {
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Info => "info",
            NodeKind::Confirm => "confirm",
            NodeKind::Choice => "choice",
            NodeKind::Multi => "multi",
            NodeKind::Input => "input",
            NodeKind::Resolution => "resolution",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Resolved,
    Workaround,
    Escalate,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Resolved => "resolved",
            Outcome::Workaround => "workaround",
            Outcome::Escalate => "escalate",
        }
    }
}

/// What an `input` node accepts; checked live in the wizard and in headless runs.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    #[default]
    Text,
    Guid,
    Upn,
    Email,
    Timestamp,
    Regex,
}

/// One node of the diagnostic tree. A flat record rather than an enum per kind, so that a key
/// used on the wrong kind gets a precise message from the validator instead of a vague serde one.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Node {
    pub id: CompactString,
    pub kind: NodeKind,
    #[serde(default)]
    pub section: Option<String>,
    /// Short label for the history, map and reports; the prompt is used when absent.
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub prompt: Option<CompactString>,
    #[serde(default)]
    pub why: Option<CompactString>,
    #[serde(default)]
    pub how: Option<CompactString>,

    // Routing for info, multi and input nodes.
    #[serde(default)]
    pub next: Option<Route>,
    #[serde(default)]
    pub finding: Option<String>,
    #[serde(default, deserialize_with = "crate::guide::load::unique_map")]
    pub set: BTreeMap<String, String>,

    // confirm
    #[serde(default)]
    pub yes: Option<Branch>,
    #[serde(default)]
    pub no: Option<Branch>,
    /// "Can't check / don't know": offered only when present (confirm, choice, multi, input).
    #[serde(default)]
    pub unsure: Option<Branch>,

    // choice and multi
    #[serde(default)]
    pub options: Vec<Choice>,

    // input
    #[serde(default)]
    pub variable: Option<String>,
    #[serde(default)]
    pub format: Option<InputFormat>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default)]
    pub multiline: bool,
    #[serde(default)]
    pub optional: bool,

    // resolution
    #[serde(default)]
    pub outcome: Option<Outcome>,
    #[serde(default)]
    pub cause: Option<String>,
    #[serde(default)]
    pub steps: Vec<String>,
    #[serde(default)]
    pub verify: Option<String>,
    #[serde(default)]
    pub references: Vec<Reference>,
}

impl Node {
    /// The format an input node checks: its `format`, else `regex` when it has a `pattern`.
    pub fn input_format(&self) -> InputFormat {
        self.format.unwrap_or(if self.pattern.is_some() {
            InputFormat::Regex
        } else {
            InputFormat::Text
        })
    }

    /// The variable an input node stores its answer in: `variable`, else the node id.
    pub fn input_variable(&self) -> &str {
        self.variable.as_deref().unwrap_or(&self.id)
    }

    /// The short label shown in history, map and reports.
    pub fn label(&self) -> &str {
        self.title
            .as_deref()
            .or(self.prompt.as_deref())
            .unwrap_or(&self.id)
    }

    /// Every way out of this node, in the order yes, no, unsure, next, options: the one list the
    /// validator, the graph and the variable checks walk, so a new kind of exit is added once.
    pub fn exits(&self) -> impl Iterator<Item = Exit<'_>> {
        let branches = [
            (ExitKey::Yes, "yes", &self.yes),
            (ExitKey::No, "no", &self.no),
            (ExitKey::Unsure, "can't check", &self.unsure),
        ]
        .into_iter()
        .filter_map(|(key, label, branch)| {
            branch.as_ref().map(|b| Exit {
                key,
                label,
                route: Some(&b.next),
                finding: b.finding.as_deref(),
                set: &b.set,
            })
        });
        // A node-level `finding` or `set` without `next` is an error of its own, but its
        // variables still count as settable so that one mistake is reported once.
        let has_own = self.next.is_some() || self.finding.is_some() || !self.set.is_empty();
        let own = has_own.then_some(Exit {
            key: ExitKey::Next,
            label: "",
            route: self.next.as_ref(),
            finding: self.finding.as_deref(),
            set: &self.set,
        });
        let options = self.options.iter().enumerate().map(|(j, o)| Exit {
            key: ExitKey::Option(j),
            label: &o.label,
            route: o.next.as_ref(),
            finding: o.finding.as_deref(),
            set: &o.set,
        });
        branches.chain(own).chain(options)
    }
}

/// Which key of a node holds an exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitKey {
    Yes,
    No,
    Unsure,
    Next,
    Option(usize),
}

impl fmt::Display for ExitKey {
    /// The key path of the exit's route within its node, as the source map spells it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExitKey::Yes => f.write_str("yes"),
            ExitKey::No => f.write_str("no"),
            ExitKey::Unsure => f.write_str("unsure"),
            ExitKey::Next => f.write_str("next"),
            ExitKey::Option(j) => write!(f, "options.{j}.next"),
        }
    }
}

/// One way out of a node: what the answer is called, where it leads, what it records and sets.
#[derive(Debug, Clone, Copy)]
pub struct Exit<'a> {
    pub key: ExitKey,
    /// How a person reads the answer: `yes`, `can't check`, an option's label; empty for `next`.
    pub label: &'a str,
    /// `None` for an option of a multi node (its answer goes on through the node's `next`) or a
    /// choice option that lacks its `next`.
    pub route: Option<&'a Route>,
    pub finding: Option<&'a str>,
    pub set: &'a BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub next: Option<Route>,
    #[serde(default)]
    pub finding: Option<String>,
    #[serde(default, deserialize_with = "crate::guide::load::unique_map")]
    pub set: BTreeMap<String, String>,
}

/// Where an answer leads: written as a bare node id, or as a map with a finding and variables.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Branch {
    pub next: Route,
    pub finding: Option<String>,
    pub set: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BranchFields {
    next: Route,
    #[serde(default)]
    finding: Option<String>,
    #[serde(default, deserialize_with = "crate::guide::load::unique_map")]
    set: BTreeMap<String, String>,
}

impl<'de> Deserialize<'de> for Branch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BranchVisitor;
        impl<'de> Visitor<'de> for BranchVisitor {
            type Value = Branch;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a node id, or a map with 'next' and optional 'finding' and 'set'")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Branch, E> {
                Ok(Branch {
                    next: Route::Goto(v.into()),
                    finding: None,
                    set: BTreeMap::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Branch, A::Error> {
                let fields = BranchFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Branch {
                    next: fields.next,
                    finding: fields.finding,
                    set: fields.set,
                })
            }
        }
        deserializer.deserialize_any(BranchVisitor)
    }
}

/// `next`: a node id, or ordered rules where the first whose `when` holds wins; a rule without
/// `when` is the default and must come last.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Route {
    Goto(CompactString),
    Rules(Vec<Rule>),
}

impl Route {
    /// Every node id this route can lead to, in order.
    pub fn targets(&self) -> Vec<&str> {
        match self {
            Route::Goto(id) => vec![id.as_str()],
            Route::Rules(rules) => rules.iter().map(|r| r.goto.as_str()).collect(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    #[serde(default)]
    pub when: Option<String>,
    pub goto: CompactString,
}

impl<'de> Deserialize<'de> for Route {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RouteVisitor;
        impl<'de> Visitor<'de> for RouteVisitor {
            type Value = Route;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a node id, or a list of rules such as '- {when: \"x == 'a'\", goto: some_node}'")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Route, E> {
                Ok(Route::Goto(v.into()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Route, A::Error> {
                let rules = Vec::<Rule>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Route::Rules(rules))
            }
        }
        deserializer.deserialize_any(RouteVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each exit as `key|label|targets|finding|number of sets`.
    fn exits_of(json: &str) -> Vec<String> {
        // JSON rather than YAML: only the loader names the YAML library.
        let node: Node = serde_json::from_str(json).expect("a node");
        node.exits()
            .map(|e| {
                let targets = e.route.map(Route::targets);
                let sets = e.set.len();
                format!("{}|{}|{targets:?}|{:?}|{sets}", e.key, e.label, e.finding)
            })
            .collect()
    }

    #[test]
    fn exits_list_every_answer_with_its_key_path_label_route_finding_and_set() {
        let confirm = r#"{"id": "q", "kind": "confirm", "prompt": "p", "yes": "a", "no": {"next": "b", "finding": "F", "set": {"x": "1"}}, "unsure": "c"}"#;
        assert_eq!(
            exits_of(confirm),
            [
                r#"yes|yes|Some(["a"])|None|0"#,
                r#"no|no|Some(["b"])|Some("F")|1"#,
                r#"unsure|can't check|Some(["c"])|None|0"#,
            ]
        );
        let multi = r#"{"id": "m", "kind": "multi", "prompt": "p", "options": [{"id": "o", "label": "L", "set": {"y": "2"}}], "next": "d"}"#;
        assert_eq!(
            exits_of(multi),
            [
                r#"next||Some(["d"])|None|0"#,
                "options.0.next|L|None|None|1"
            ],
            "a multi option has no route of its own, but its set still counts"
        );
    }
}
