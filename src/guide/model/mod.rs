//! The guide file format, version 1, as serde types: what an author may write, nothing more.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod node;
mod route;
#[cfg(test)]
mod tests;

pub use node::{ContinueIn, Node, Settle};
pub use route::{Branch, Route, Rule};

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
    /// The family of problems the guide belongs to (Seamless SSO, credentials, ...): `list`
    /// groups guides by it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The guide for codes no other guide has: a pasted error page with such a code opens it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fallback: bool,
    #[serde(default)]
    pub summary: String,
    /// Parts this guide is made with (files of shared nodes, relative to the guide's folder):
    /// read and merged in when the guide is loaded, so a loaded guide's list is empty.
    #[serde(default, rename = "use", skip_serializing_if = "Vec::is_empty")]
    pub uses: Vec<String>,
    #[serde(default)]
    pub references: Vec<Reference>,
    pub sections: Vec<Section>,
    /// The kinds of access the guide's checks need; a node names the ones it needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub access: Vec<Access>,
    pub start: String,
    pub nodes: Vec<Node>,
    /// Guides a walk went on in ("this is really 81010"), joined to this one by tshoot, never
    /// written by an author: their nodes follow with their ids prefixed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joined: Vec<Joined>,
}

impl Guide {
    /// The joined guide a node or section id of this guide belongs to (the longest prefix that
    /// fits), and the id as that guide writes it; `None` for the guide's own ids.
    pub fn joined_of<'a>(&'a self, id: &'a str) -> Option<(&'a Joined, &'a str)> {
        self.joined
            .iter()
            .filter_map(|j| id.strip_prefix(j.prefix.as_str()).map(|own| (j, own)))
            .max_by_key(|(j, _)| j.prefix.len())
    }
}

/// A guide joined to a walk's guide at one of its resolutions.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Joined {
    pub id: String,
    pub title: String,
    pub version: String,
    pub hash: String,
    /// The resolution of the walk's guide (or of an earlier joined one) that led here.
    pub from: String,
    /// What this guide's node and section ids are prefixed with in the joined guide.
    pub prefix: String,
}

/// A file of nodes shared by several guides (capturing the error page, the hand-offs): named by
/// a guide's `use` list and merged into it. It declares no sections (a guide orders and titles
/// its own) and no start; its routes may lead to nodes the guide using it defines.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub format: u32,
    /// What the part is, e.g. `error-details`: it marks the file as a part, not a guide.
    pub part: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default, rename = "use")]
    pub uses: Vec<String>,
    #[serde(default)]
    pub references: Vec<Reference>,
    #[serde(default)]
    pub access: Vec<Access>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fallback: bool,
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

/// Which key of a node holds an exit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
