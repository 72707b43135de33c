//! What a technician can answer, and the check that an answer fits the node it is given to.

use serde::{Deserialize, Serialize};

use crate::guide::ValidGuide;
use crate::guide::Value;
use crate::guide::{Branch, Node, NodeKind, Route};
use crate::guide::{DONE, NO, UNSURE, YES};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// An info node was read and done.
    Continue,
    Yes,
    No,
    /// "Can't check / don't know", where the guide offers it.
    Unsure,
    Choice(String),
    Multi(Vec<String>),
    Text(String),
}

impl Answer {
    /// How the answer reads to a person: option labels rather than ids.
    pub fn describe(&self, node: &Node) -> String {
        let label = |id: &str| {
            node.options
                .iter()
                .find(|o| o.id == id)
                .map_or(id.to_string(), |o| o.label.clone())
        };
        match self {
            Answer::Continue => "Done".into(),
            Answer::Yes => "Yes".into(),
            Answer::No => "No".into(),
            Answer::Unsure => "Can't check / don't know".into(),
            Answer::Choice(id) => label(id),
            Answer::Multi(ids) if ids.is_empty() => "None of these".into(),
            Answer::Multi(ids) => ids
                .iter()
                .map(|id| label(id))
                .collect::<Vec<_>>()
                .join("; "),
            Answer::Text(t) if t.is_empty() => "(left empty)".into(),
            Answer::Text(t) => t.clone(),
        }
    }
}

/// What answering a node does: where it leads, what it records, what it sets.
pub(super) struct Effects<'a> {
    pub route: &'a Route,
    pub findings: Vec<&'a str>,
    pub sets: Vec<(&'a str, &'a str)>,
    /// The node's own variable and its value.
    pub value: Option<(&'a str, Value)>,
}

fn from_branch<'a>(branch: &'a Branch, value: Option<(&'a str, Value)>) -> Effects<'a> {
    Effects {
        route: &branch.next,
        findings: branch.finding().into_iter().collect(),
        sets: branch
            .set()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        value,
    }
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

/// Checks `answer` against `node` and returns it normalised (trimmed text, options in guide
/// order), or a message that says what this node expects.
pub(super) fn normalise(guide: &ValidGuide, node: &Node, answer: Answer) -> Result<Answer, String> {
    let unsure_ok = node.unsure.is_some();
    let options = || {
        node.options
            .iter()
            .map(|o| format!("'{}'", o.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (node.kind, answer) {
        (NodeKind::Resolution, _) => {
            Err("the walk has reached a resolution; nothing more to answer".into())
        }
        (_, Answer::Unsure) if unsure_ok && node.kind != NodeKind::Info => Ok(Answer::Unsure),
        (_, Answer::Unsure) => Err("this step does not offer \"can't check\"".into()),
        (NodeKind::Info, Answer::Continue) => Ok(Answer::Continue),
        (NodeKind::Confirm, a @ (Answer::Yes | Answer::No)) => Ok(a),
        (NodeKind::Choice, Answer::Choice(id)) if node.options.iter().any(|o| o.id == id) => {
            Ok(Answer::Choice(id))
        }
        (NodeKind::Choice, Answer::Choice(id)) => Err(format!(
            "'{id}' is not an option here; expected one of {}",
            options()
        )),
        (NodeKind::Multi, Answer::Multi(ids)) => {
            if let Some(bad) = ids
                .iter()
                .find(|id| !node.options.iter().any(|o| &o.id == *id))
            {
                return Err(format!(
                    "'{bad}' is not an option here; expected some of {}",
                    options()
                ));
            }
            let ordered = node
                .options
                .iter()
                .filter(|o| ids.contains(&o.id))
                .map(|o| o.id.clone())
                .collect();
            Ok(Answer::Multi(ordered))
        }
        (NodeKind::Input, Answer::Text(raw)) => {
            let value = raw.trim().to_string();
            if value.is_empty() {
                return if node.optional() {
                    Ok(Answer::Text(value))
                } else {
                    Err("an answer is required here".into())
                };
            }
            guide.check_input(node, &value)?;
            Ok(Answer::Text(crate::guide::normalise_input(
                node.input_format(),
                &value,
            )))
        }
        (kind, _) => Err(match kind {
            NodeKind::Info => "this step only needs to be acknowledged (continue)".into(),
            NodeKind::Confirm => "expected yes or no".into(),
            NodeKind::Choice => format!("expected one of {}", options()),
            NodeKind::Multi => format!("expected a list of some of {}", options()),
            _ => "expected text".into(),
        }),
    }
}

/// What an already normalised answer does on its node.
pub(super) fn effects<'a>(node: &'a Node, answer: &Answer) -> Option<Effects<'a>> {
    let own = node.answer_name();
    let node_level = |value: Option<(&'a str, Value)>,
                      extra: Vec<&'a str>,
                      extra_sets: Vec<(&'a str, &'a str)>| {
        node.next.as_ref().map(|route| Effects {
            route,
            findings: node.finding.as_deref().into_iter().chain(extra).collect(),
            sets: node
                .set
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .chain(extra_sets)
                .collect(),
            value,
        })
    };
    match answer {
        Answer::Unsure => {
            let var = if node.kind == NodeKind::Input {
                node.input_variable()
            } else {
                own
            };
            node.unsure
                .as_ref()
                .map(|b| from_branch(b, Some((var, text(UNSURE)))))
        }
        Answer::Continue => node_level(Some((own, text(DONE))), vec![], vec![]),
        Answer::Yes => node
            .yes
            .as_ref()
            .map(|b| from_branch(b, Some((own, text(YES))))),
        Answer::No => node
            .no
            .as_ref()
            .map(|b| from_branch(b, Some((own, text(NO))))),
        Answer::Choice(id) => {
            let option = node.options.iter().find(|o| &o.id == id)?;
            Some(Effects {
                route: option.next.as_ref()?,
                findings: option.finding.as_deref().into_iter().collect(),
                sets: option
                    .set
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
                value: Some((own, text(id))),
            })
        }
        Answer::Multi(ids) => {
            let checked: Vec<_> = node
                .options
                .iter()
                .filter(|o| ids.contains(&o.id))
                .collect();
            node_level(
                Some((own, Value::List(ids.clone()))),
                checked
                    .iter()
                    .filter_map(|o| o.finding.as_deref())
                    .collect(),
                checked
                    .iter()
                    .flat_map(|o| o.set.iter().map(|(k, v)| (k.as_str(), v.as_str())))
                    .collect(),
            )
        }
        Answer::Text(t) => node_level(Some((node.input_variable(), text(t))), vec![], vec![]),
    }
}
