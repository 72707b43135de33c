//! A node: the flat shape an author writes, and the compact one kept in memory.

use std::collections::BTreeMap;
use std::fmt;

use compact_str::CompactString;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::{Branch, Choice, Exit, ExitKey, InputFormat, NodeKind, Outcome, Reference, Route};

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    continue_in: Option<ContinueIn>,
}

/// A resolution that is really another guide's problem ("this is really 81010"): the walk goes
/// on in that guide, at its start or at `at`, with the answers, evidence and variables so far.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContinueIn {
    pub guide: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
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
    pub(crate) continue_in: Option<ContinueIn>,
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
            continue_in: f.continue_in,
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
            continue_in: resolution.continue_in,
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

    /// The guide a resolution continues in, if it is really that guide's problem.
    pub fn continue_in(&self) -> Option<&ContinueIn> {
        self.resolution.as_ref()?.continue_in.as_ref()
    }

    /// For a walk joining another guide: the resolution becomes the step that leads into it.
    pub(crate) fn clear_resolution(&mut self) {
        self.resolution = None;
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
        self.variable().unwrap_or(self.answer_name())
    }

    /// The name a question's answer is stored under: its id as its own guide writes it. A guide
    /// joined to a walk's has its ids prefixed (`aadsts50180__device_joined`) but its
    /// conditions still read `device_joined`; authors' ids never hold `__`.
    pub fn answer_name(&self) -> &str {
        self.id.rsplit("__").next().unwrap_or(&self.id)
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
