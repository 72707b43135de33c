//! Where answers lead: branches, routes and their rules.

use std::collections::BTreeMap;
use std::fmt;

use compact_str::CompactString;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

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
    /// Gives every node id this route leads to a new name (a joined guide's prefix).
    pub fn rename_targets(&mut self, rename: &dyn Fn(&str) -> String) {
        match self {
            Route::Goto(id) => *id = rename(id).into(),
            Route::Rules(rules) => {
                for rule in rules.iter_mut() {
                    rule.goto = rename(&rule.goto).into();
                }
            }
        }
    }

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
