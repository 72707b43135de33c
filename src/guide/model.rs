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
    /// The kinds of access the guide's checks need; a node names the ones it needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<Access>,
    pub start: String,
    pub nodes: Vec<Node>,
}

/// A kind of access a check needs (the user's PC, the sign-in log, the AD FS servers, ...), and
/// who has it: a technician without it hands the check to that owner.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Access {
    pub id: String,
    pub label: String,
    pub owner: String,
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

/// One node of the diagnostic tree, as an author writes it: a flat record rather than an enum per
/// kind, so that a key used on the wrong kind gets a precise message from the validator instead
/// of a vague serde one. Only the loader sees this shape; it becomes a [`Node`] at once.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct NodeFields {
    id: CompactString,
    kind: NodeKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    section: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    prompt: Option<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    why: Option<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    how: Option<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    next: Option<Route>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    finding: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::guide::unique::unique_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    set: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    yes: Option<Branch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    no: Option<Branch>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unsure: Option<Branch>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    options: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    variable: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    format: Option<InputFormat>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pattern: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    multiline: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    optional: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cause: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    steps: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    verify: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    references: Vec<Reference>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    evidence: Option<Settle>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    access: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
}

/// One node of the diagnostic tree. The keys of `input` and `resolution` nodes sit behind a box
/// each, present only when the node has one of them: a node is a third of the size of the flat
/// record, which keeps a 100,000-node guide in memory under ten times its file size.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(from = "NodeFields", into = "NodeFields")]
pub struct Node {
    pub id: CompactString,
    pub kind: NodeKind,
    pub section: Option<String>,
    /// Short label for the history, map and reports; the prompt is used when absent.
    pub title: Option<String>,
    pub prompt: Option<CompactString>,
    pub why: Option<CompactString>,
    pub how: Option<CompactString>,

    // Routing for info, multi and input nodes.
    pub next: Option<Route>,
    pub finding: Option<String>,
    pub set: BTreeMap<String, String>,

    // confirm
    pub yes: Option<Branch>,
    pub no: Option<Branch>,
    /// "Can't check / don't know": offered only when present (confirm, choice, multi, input).
    pub unsure: Option<Branch>,

    // choice and multi
    pub options: Vec<Choice>,

    pub(crate) input: Option<Box<InputKeys>>,
    pub(crate) resolution: Option<Box<ResolutionKeys>>,
    /// Which facts of attached evidence answer this question.
    pub(crate) evidence: Option<Box<Settle>>,
    /// The kinds of access (ids of the guide's `access`) this check needs, all of them.
    pub access: Box<[String]>,
}

/// Which facts settle a question. For `confirm` and `choice`, a condition per answer (`yes`,
/// `no`, `unsure` or an option id) over evidence facts; for `input`, the fact whose value is the
/// answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Settle {
    Fact(String),
    When(BTreeMap<String, String>),
}

impl Serialize for Settle {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Settle::Fact(name) => serializer.serialize_str(name),
            Settle::When(map) => map.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Settle {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SettleVisitor;
        impl<'de> Visitor<'de> for SettleVisitor {
            type Value = Settle;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a fact name (input nodes), or a map from answers to conditions such as 'yes: \"device.domain_joined == 'yes'\"'")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Settle, E> {
                Ok(Settle::Fact(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Settle, A::Error> {
                let map =
                    crate::guide::unique::unique_map(de::value::MapAccessDeserializer::new(map))?;
                Ok(Settle::When(map))
            }
        }
        deserializer.deserialize_any(SettleVisitor)
    }
}

/// What an `input` node asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct InputKeys {
    pub(crate) variable: Option<String>,
    pub(crate) format: Option<InputFormat>,
    pub(crate) pattern: Option<String>,
    pub(crate) multiline: bool,
    pub(crate) optional: bool,
}

/// What a `resolution` node concludes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ResolutionKeys {
    pub(crate) outcome: Option<Outcome>,
    pub(crate) cause: Option<String>,
    pub(crate) steps: Vec<String>,
    pub(crate) verify: Option<String>,
    pub(crate) references: Vec<Reference>,
    /// Who carries out the fix: a hand-off names the owner of what is left to check.
    pub(crate) owner: Option<String>,
}

impl From<NodeFields> for Node {
    fn from(f: NodeFields) -> Node {
        // Boxed when any of their keys is written, whatever the kind: the validator names a key
        // on the wrong kind, so it must still be there to be found.
        let input = InputKeys {
            variable: f.variable,
            format: f.format,
            pattern: f.pattern,
            multiline: f.multiline,
            optional: f.optional,
        };
        let resolution = ResolutionKeys {
            outcome: f.outcome,
            cause: f.cause,
            steps: f.steps,
            verify: f.verify,
            references: f.references,
            owner: f.owner,
        };
        Node {
            id: f.id,
            kind: f.kind,
            section: f.section,
            title: f.title,
            prompt: f.prompt,
            why: f.why,
            how: f.how,
            next: f.next,
            finding: f.finding,
            set: f.set,
            yes: f.yes,
            no: f.no,
            unsure: f.unsure,
            options: f.options,
            input: (input != InputKeys::default()).then(|| Box::new(input)),
            resolution: (resolution != ResolutionKeys::default()).then(|| Box::new(resolution)),
            evidence: f.evidence.map(Box::new),
            access: f.access.into_boxed_slice(),
        }
    }
}

impl From<Node> for NodeFields {
    fn from(n: Node) -> NodeFields {
        let input = n.input.map(|b| *b).unwrap_or_default();
        let resolution = n.resolution.map(|b| *b).unwrap_or_default();
        NodeFields {
            id: n.id,
            kind: n.kind,
            section: n.section,
            title: n.title,
            prompt: n.prompt,
            why: n.why,
            how: n.how,
            next: n.next,
            finding: n.finding,
            set: n.set,
            yes: n.yes,
            no: n.no,
            unsure: n.unsure,
            options: n.options,
            variable: input.variable,
            format: input.format,
            pattern: input.pattern,
            multiline: input.multiline,
            optional: input.optional,
            outcome: resolution.outcome,
            cause: resolution.cause,
            steps: resolution.steps,
            verify: resolution.verify,
            references: resolution.references,
            evidence: n.evidence.map(|b| *b),
            access: n.access.into_vec(),
            owner: resolution.owner,
        }
    }
}

impl Node {
    /// `variable` of an input node, as written.
    pub fn variable(&self) -> Option<&str> {
        self.input.as_ref()?.variable.as_deref()
    }

    /// `format` of an input node, as written; see [`Node::input_format`] for the one in force.
    pub fn format(&self) -> Option<InputFormat> {
        self.input.as_ref()?.format
    }

    pub fn pattern(&self) -> Option<&str> {
        self.input.as_ref()?.pattern.as_deref()
    }

    pub fn multiline(&self) -> bool {
        self.input.as_ref().is_some_and(|i| i.multiline)
    }

    pub fn optional(&self) -> bool {
        self.input.as_ref().is_some_and(|i| i.optional)
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.resolution.as_ref()?.outcome
    }

    pub fn cause(&self) -> Option<&str> {
        self.resolution.as_ref()?.cause.as_deref()
    }

    /// The fix, one step per entry.
    pub fn steps(&self) -> &[String] {
        self.resolution.as_ref().map_or(&[], |r| &r.steps)
    }

    pub fn verify(&self) -> Option<&str> {
        self.resolution.as_ref()?.verify.as_deref()
    }

    /// Which facts of attached evidence answer this question, if the guide says.
    pub fn evidence(&self) -> Option<&Settle> {
        self.evidence.as_deref()
    }

    /// Who carries out a resolution's fix (a team), when it is not the technician.
    pub fn owner(&self) -> Option<&str> {
        self.resolution.as_ref()?.owner.as_deref()
    }

    pub fn references(&self) -> &[Reference] {
        self.resolution.as_ref().map_or(&[], |r| &r.references)
    }

    /// The format an input node checks: its `format`, else `regex` when it has a `pattern`.
    pub fn input_format(&self) -> InputFormat {
        self.format().unwrap_or(if self.pattern().is_some() {
            InputFormat::Regex
        } else {
            InputFormat::Text
        })
    }

    /// The variable an input node stores its answer in: `variable`, else the node id.
    pub fn input_variable(&self) -> &str {
        self.variable().unwrap_or(&self.id)
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
                finding: b.finding(),
                set: b.set(),
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
    #[serde(default, deserialize_with = "crate::guide::unique::unique_map")]
    pub set: BTreeMap<String, String>,
}

/// Where an answer leads: written as a bare node id, or as a map with a finding and variables.
/// The finding and variables sit behind one box, present only when written: most answers only
/// lead somewhere, and a node holds three of these.
#[derive(Debug, Clone, PartialEq)]
pub struct Branch {
    pub next: Route,
    records: Option<Box<BranchRecords>>,
}

#[derive(Debug, Clone, PartialEq)]
struct BranchRecords {
    finding: Option<String>,
    set: BTreeMap<String, String>,
}

static NO_VARIABLES: BTreeMap<String, String> = BTreeMap::new();

impl Branch {
    pub fn new(next: Route, finding: Option<String>, set: BTreeMap<String, String>) -> Branch {
        let records = (finding.is_some() || !set.is_empty())
            .then(|| Box::new(BranchRecords { finding, set }));
        Branch { next, records }
    }

    /// What taking this answer records in the report.
    pub fn finding(&self) -> Option<&str> {
        self.records.as_ref()?.finding.as_deref()
    }

    /// The variables taking this answer sets.
    pub fn set(&self) -> &BTreeMap<String, String> {
        self.records.as_ref().map_or(&NO_VARIABLES, |r| &r.set)
    }

    /// For cleaning text in place: the finding and the values it sets.
    pub(crate) fn texts_mut(&mut self) -> impl Iterator<Item = &mut String> {
        self.records
            .iter_mut()
            .flat_map(|r| r.finding.iter_mut().chain(r.set.values_mut()))
    }
}

#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct BranchFields {
    next: Route,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    finding: Option<String>,
    #[serde(
        default,
        deserialize_with = "crate::guide::unique::unique_map",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    set: BTreeMap<String, String>,
}

impl Serialize for Branch {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // The short form an author writes, when it says all: `yes: next_node`.
        if let (None, Route::Goto(id)) = (&self.records, &self.next) {
            return serializer.serialize_str(id);
        }
        BranchFields {
            next: self.next.clone(),
            finding: self.finding().map(str::to_string),
            set: self.set().clone(),
        }
        .serialize(serializer)
    }
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
                Ok(Branch::new(Route::Goto(v.into()), None, BTreeMap::new()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Branch, A::Error> {
                let fields = BranchFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Branch::new(fields.next, fields.finding, fields.set))
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
    Rules(Box<[Rule]>),
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
                Ok(Route::Rules(rules.into_boxed_slice()))
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
    fn a_node_keeps_the_flat_shape_an_author_writes_through_a_round_trip() {
        let resolution = r#"{"id": "r", "kind": "resolution", "title": "T", "outcome": "escalate", "cause": "C", "steps": ["s"], "verify": "V", "references": [{"title": "t", "url": "https://x"}]}"#;
        let input = r#"{"id": "i", "kind": "input", "prompt": "p", "variable": "v", "format": "regex", "pattern": "^a$", "multiline": true, "optional": true, "next": "r"}"#;
        let branch = r#"{"id": "q", "kind": "confirm", "prompt": "p", "yes": "a", "no": {"next": [{"when": "x == '1'", "goto": "b"}, {"goto": "c"}], "finding": "F", "set": {"x": "1"}}}"#;
        for json in [resolution, input, branch] {
            let node: Node = serde_json::from_str(json).expect("a node");
            let written = serde_json::to_value(&node).expect("serialisable");
            let expected: serde_json::Value = serde_json::from_str(json).expect("a node");
            for (key, value) in expected.as_object().expect("an object") {
                assert_eq!(&written[key], value, "{key} of {json}");
            }
            let back: Node = serde_json::from_value(written).expect("reads back");
            assert_eq!(back, node);
        }
        let node: Node = serde_json::from_str(resolution).expect("a node");
        assert_eq!(node.cause(), Some("C"));
        assert_eq!(node.steps(), ["s"]);
        assert_eq!(node.variable(), None, "an absent key reads as absent");
        let node: Node = serde_json::from_str(input).expect("a node");
        assert_eq!(
            (node.input_format(), node.pattern()),
            (InputFormat::Regex, Some("^a$"))
        );
        assert!(node.multiline() && node.optional());
        assert!(node.steps().is_empty());
    }

    #[test]
    fn a_key_written_on_the_wrong_kind_is_kept_for_the_validator_to_name() {
        let node: Node = serde_json::from_str(r#"{"id": "q", "kind": "confirm", "prompt": "p", "cause": "C", "pattern": "x", "yes": "a", "no": "b"}"#).expect("a node");
        assert_eq!((node.cause(), node.pattern()), (Some("C"), Some("x")));
    }

    /// The kind-specific keys are boxed so that a 100,000-node guide stays under ten times its
    /// file size in memory (`benches/scale.py`); a field added inline would undo it unnoticed.
    #[test]
    fn a_node_stays_small() {
        assert!(
            std::mem::size_of::<Node>() <= 384,
            "{}",
            std::mem::size_of::<Node>()
        );
        assert!(std::mem::size_of::<Branch>() <= 32);
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
