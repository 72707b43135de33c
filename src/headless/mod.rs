//! Walks a guide without a terminal, taking answers from a script keyed by node id: the same
//! engine the wizard drives, so every path can be tested in CI.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;

use crate::engine::{Answer, Walk, WalkCommand};
use crate::guide::Problem;
use crate::guide::ValidGuide;
use crate::guide::{parse_yaml, read_file, YamlKind};
use crate::guide::{Node, NodeKind};

/// One answer as written in YAML: `yes`, `browser_chrome`, `[a, b]`, `51006`, `true`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum ScriptValue {
    Flag(bool),
    Whole(i64),
    Number(f64),
    Text(String),
    List(Vec<String>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum ScriptEntry {
    Plain(ScriptValue),
    WithNote(NotedAnswer),
}

/// By the YAML node's own shape, not by trying each variant: a map is read as
/// `{answer, note}` in place, so a misspelt key is reported at its line with the keys allowed
/// (an untagged enum would buffer the map and lose both).
impl<'de> Deserialize<'de> for ScriptEntry {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = ScriptEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an answer (yes, no, unsure, an option id, [option ids] or text) or {answer: ..., note: ...}")
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<ScriptEntry, E> {
                Ok(ScriptEntry::Plain(ScriptValue::Flag(v)))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ScriptEntry, E> {
                Ok(ScriptEntry::Plain(ScriptValue::Whole(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ScriptEntry, E> {
                Ok(ScriptEntry::Plain(match i64::try_from(v) {
                    Ok(v) => ScriptValue::Whole(v),
                    Err(_) => ScriptValue::Text(v.to_string()),
                }))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<ScriptEntry, E> {
                Ok(ScriptEntry::Plain(ScriptValue::Number(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ScriptEntry, E> {
                Ok(ScriptEntry::Plain(ScriptValue::Text(v.to_string())))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<ScriptEntry, E> {
                Ok(ScriptEntry::Plain(ScriptValue::Text(String::new())))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> Result<ScriptEntry, A::Error> {
                let items =
                    Vec::<String>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(ScriptEntry::Plain(ScriptValue::List(items)))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ScriptEntry, A::Error> {
                let noted =
                    NotedAnswer::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(ScriptEntry::WithNote(noted))
            }
        }
        deserializer.deserialize_any(Visit)
    }
}

/// `{answer: ..., note: ...}`; a misspelt key is an error, not an answer silently dropped.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotedAnswer {
    #[serde(default)]
    pub answer: Option<ScriptValue>,
    #[serde(default)]
    pub note: Option<String>,
}

pub type AnswerScript = BTreeMap<String, ScriptEntry>;

/// A plain answers file: node ids, each given once.
#[derive(Deserialize)]
#[serde(transparent)]
struct PlainAnswers(#[serde(deserialize_with = "crate::guide::unique_map")] AnswerScript);

/// What tells a scenario from a plain answers file: `answers` beside `guide` or `expect`.
#[derive(Deserialize)]
struct Shape {
    answers: Option<serde::de::IgnoredAny>,
    guide: Option<serde::de::IgnoredAny>,
    expect: Option<serde::de::IgnoredAny>,
}

/// Reads an answers file: a plain `node: answer` map, or a scenario. A file shaped like a
/// scenario is read strictly as one, so a misspelt scenario key is reported where it stands
/// instead of being taken for a node id.
pub fn parse_answers(
    file: &str,
    bytes: &[u8],
) -> Result<(AnswerScript, Option<Scenario>), Problem> {
    let shape = parse_yaml::<Shape>(file, bytes, YamlKind::Answers).ok();
    if shape.is_some_and(|s| s.answers.is_some() && (s.guide.is_some() || s.expect.is_some())) {
        let mut scenario: Scenario = parse_yaml(file, bytes, YamlKind::Scenario)?;
        clean_script(&mut scenario.answers);
        return Ok((scenario.answers.clone(), Some(scenario)));
    }
    let mut script = parse_yaml::<Option<PlainAnswers>>(file, bytes, YamlKind::Answers)?
        .map(|p| p.0)
        .unwrap_or_default();
    clean_script(&mut script);
    Ok((script, None))
}

/// Reads an answers or scenario file from disk, with the loader's limits (size, regular file).
pub fn read_answers(path: &std::path::Path) -> Result<(AnswerScript, Option<Scenario>), Problem> {
    let bytes = read_file(path, YamlKind::Answers)?;
    parse_answers(&path.display().to_string(), &bytes)
}

/// Typed text is made safe where it enters: answers and notes lose control and hidden
/// characters, and a lone CR becomes a line break.
fn clean_script(script: &mut AnswerScript) {
    fn clean_value(value: &mut ScriptValue) {
        match value {
            ScriptValue::Text(t) => *t = crate::text::clean(t),
            ScriptValue::List(items) => items.iter_mut().for_each(|t| *t = crate::text::clean(t)),
            ScriptValue::Flag(_) | ScriptValue::Whole(_) | ScriptValue::Number(_) => {}
        }
    }
    for entry in script.values_mut() {
        match entry {
            ScriptEntry::Plain(value) => clean_value(value),
            ScriptEntry::WithNote(noted) => {
                if let Some(value) = &mut noted.answer {
                    clean_value(value);
                }
                if let Some(note) = &mut noted.note {
                    *note = crate::text::clean(note);
                }
            }
        }
    }
}

/// A scenario: a guide, the answers, and the resolution they must reach.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub guide: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub expect: Option<String>,
    /// Evidence files attached before the walk, relative to the scenario file.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// What the technician can check (the guide's access ids); absent: everything.
    #[serde(default)]
    pub access: Option<Vec<String>>,
    #[serde(default, deserialize_with = "crate::guide::unique_map")]
    pub answers: AnswerScript,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadlessError {
    pub node: String,
    pub message: String,
}

impl fmt::Display for HeadlessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at node '{}': {}", self.node, self.message)
    }
}

impl std::error::Error for HeadlessError {}

fn text_of(value: &ScriptValue) -> Option<String> {
    match value {
        ScriptValue::Flag(b) => Some(if *b { "yes" } else { "no" }.to_string()),
        ScriptValue::Whole(n) => Some(n.to_string()),
        ScriptValue::Number(n) => Some(n.to_string()),
        ScriptValue::Text(t) => Some(t.clone()),
        ScriptValue::List(_) => None,
    }
}

/// Turns a scripted value into the answer the node's kind takes.
pub fn to_answer(kind: NodeKind, value: &ScriptValue) -> Result<Answer, String> {
    let text = text_of(value);
    if text.as_deref().map(str::trim) == Some("unsure") {
        return Ok(Answer::Unsure);
    }
    match (kind, value, text) {
        (NodeKind::Info, _, _) => Ok(Answer::Continue),
        (NodeKind::Confirm, _, Some(t)) => match t.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(Answer::Yes),
            "no" | "n" | "false" => Ok(Answer::No),
            _ => Err(format!(
                "'{t}' is not an answer to a yes/no question; write yes, no or unsure"
            )),
        },
        (NodeKind::Choice, _, Some(t)) => Ok(Answer::Choice(t.trim().to_string())),
        (NodeKind::Multi, ScriptValue::List(items), _) => Ok(Answer::Multi(items.clone())),
        (NodeKind::Multi, _, Some(t)) => Ok(Answer::Multi(vec![t.trim().to_string()])),
        (NodeKind::Input, _, Some(t)) => Ok(Answer::Text(t)),
        (_, ScriptValue::List(_), _) => {
            Err("a list answers only a checklist (multi) question".into())
        }
        (NodeKind::Resolution, _, _) => Err("a resolution takes no answer".into()),
        _ => Err("this answer does not fit the question".into()),
    }
}

/// Walks until a resolution. Stops with the node at fault when an answer is missing, does not
/// fit, or the answers send the walk round a loop forever.
pub fn run(walk: &mut Walk, script: &AnswerScript) -> Result<(), HeadlessError> {
    run_saving(walk, script, &mut |_| Ok(()), &mut |_| {})
}

/// Like [`run`], calling `save` after every change so a killed run loses no answered step; a
/// save that fails stops the walk, since going on would record nothing.
/// Walks `walk` to its end with the answers of `script`, handing each answer to `save` before the
/// next question. A question the script does not answer takes the attached evidence's answer; a
/// script answer the evidence disagrees with wins, and `warn` is told.
pub fn run_saving(
    walk: &mut Walk,
    script: &AnswerScript,
    save: &mut dyn FnMut(&Walk) -> Result<(), String>,
    warn: &mut dyn FnMut(String),
) -> Result<(), HeadlessError> {
    let limit = walk.guide().guide().nodes.len() * 4 + 16;
    while !walk.is_finished() {
        let node = walk.current().clone();
        let fail = |message: String| HeadlessError {
            node: node.id.to_string(),
            message,
        };
        if walk.steps().len() > limit {
            return Err(fail(
                "the answers lead round a loop that never ends; change one answer on the loop"
                    .into(),
            ));
        }
        let entry = script.get(node.id.as_str());
        let (value, note) = match entry {
            Some(ScriptEntry::Plain(v)) => (Some(v), None),
            Some(ScriptEntry::WithNote(noted)) => (noted.answer.as_ref(), noted.note.clone()),
            None => (None, None),
        };
        let said = walk.settled_here();
        let answer = match (node.kind, value) {
            (NodeKind::Info, _) => Answer::Continue,
            (_, None) if said.is_some() => {
                said.as_ref().map_or(Answer::Continue, |s| s.answer.clone())
            }
            (NodeKind::Input, None) if node.optional() => Answer::Text(String::new()),
            (_, None) => {
                return Err(fail(format!(
                    "no answer given for \"{}\"; add '{}: {}' to the answers",
                    node.label(),
                    node.id,
                    answer_hint(walk.guide(), &node)
                )))
            }
            (kind, Some(v)) => {
                let given = to_answer(kind, v).map_err(fail)?;
                if let Some(said) = said.as_ref().filter(|s| s.answer != given) {
                    warn(format!(
                        "'{}': the answers say {} but the evidence says {} ({}); the answers' is taken",
                        node.id,
                        given.describe(&node),
                        said.answer.describe(&node),
                        said.proof
                    ));
                }
                given
            }
        };
        if let Some(note) = note {
            let _ = walk.apply(WalkCommand::Note(None, note));
        }
        walk.apply(WalkCommand::Answer(answer))
            .map_err(|e| match e {
                crate::engine::WalkError::NotAllowed { reason, .. } => {
                    fail(format!("answer not allowed: {reason}"))
                }
                other => fail(other.to_string()),
            })?;
        save(walk).map_err(|e| fail(format!("the session could not be saved: {e}")))?;
    }
    Ok(())
}

/// Entries of a script that name no node of the guide (typos, or answers to a node that was
/// renamed): they would be ignored, so callers warn about them.
pub fn unknown_entries<'a>(guide: &ValidGuide, script: &'a AnswerScript) -> Vec<&'a str> {
    // Answers for a guide the walk continues in are named with that guide's prefix
    // (`aadsts50180__device_joined`); which guides it reaches is only known as it goes, and no
    // author's id holds `__`.
    script
        .keys()
        .map(String::as_str)
        .filter(|id| guide.node(id).is_none() && !id.contains("__"))
        .collect()
}

/// Entries for a guide the walk went on in (`aadsts50180__...`) that name no node of the guides
/// the walk went through, known only once it has: a typo, or a guide the walk never reached.
pub fn unknown_joined_entries<'a>(walked: &ValidGuide, script: &'a AnswerScript) -> Vec<&'a str> {
    script
        .keys()
        .map(String::as_str)
        .filter(|id| id.contains("__") && walked.node(id).is_none())
        .collect()
}

/// `"; did you mean 'vpn'?"` for an entry that names no node, when a node id is close to it.
pub fn node_hint(guide: &ValidGuide, wrong: &str) -> String {
    let ids = guide.guide().nodes.iter().map(|n| n.id.as_str());
    crate::guide::closest_name(wrong, ids)
        .map(|c| format!("; did you mean '{c}'?"))
        .unwrap_or_default()
}

/// What an answers file may give for `node`, written as it would be typed: `<yes|no|unsure>`,
/// `<edge|firefox|unsure>`, `[<a|b>, ...]`, or the input's format.
pub fn answer_hint(guide: &ValidGuide, node: &Node) -> String {
    let unsure = if node.unsure.is_some() { "|unsure" } else { "" };
    let options = || {
        node.options
            .iter()
            .map(|o| o.id.as_str())
            .collect::<Vec<_>>()
            .join("|")
    };
    match node.kind {
        NodeKind::Confirm => format!("<yes|no{unsure}>"),
        NodeKind::Choice => format!("<{}{unsure}>", options()),
        NodeKind::Multi => format!(
            "[<{}>, ...] (or [] for none{})",
            options(),
            if unsure.is_empty() { "" } else { ", or unsure" }
        ),
        NodeKind::Input => format!(
            "<{}{}>",
            crate::guide::expected_input(node.input_format(), guide.pattern(&node.id)),
            if node.unsure.is_some() {
                ", or unsure"
            } else {
                ""
            }
        ),
        NodeKind::Info | NodeKind::Resolution => "<nothing>".to_string(),
    }
}

mod writing;
pub use writing::{scenario_from, template};

#[cfg(test)]
mod tests;
