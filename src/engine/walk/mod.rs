//! A walk through one guide. The list of steps is the single source of truth: the current node,
//! variables and findings are all computed from it. Variables are kept up to date step by step
//! (with what each step overwrote, to undo it on back or jump), so an answer costs the same at
//! step 5 and at step 5,000.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::answer::{effects, normalise, Answer};
use super::clock::Clock;
use super::evidence::{Attached, FromEvidence};

use crate::guide::ValidGuide;
use crate::guide::{Node, NodeKind};
use crate::guide::{Value, Variables};

mod access;
mod continuation;
mod evidence;
mod replay;
mod revisit;

pub use continuation::Library;
pub use replay::{Replay, ReplayStop};
pub use revisit::Replaced;

/// One visit to a node. The last step is the current one; only it may lack an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub entered_at: OffsetDateTime,
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub answered_at: Option<OffsetDateTime>,
    /// What attached evidence answered here when the step was answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<FromEvidence>,
    /// The access the technician lacked for this check: it was not asked, and is an open check
    /// for the owner of that access.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<Vec<String>>,
    /// Only on the current step, when the walk went back to it: the step as it was answered
    /// (first), then the steps recorded after it. Giving the same answer walks on through them;
    /// a different one sets them aside as [`Replaced`]. Steps in it never hold a list of their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<Step>,
}

impl Step {
    fn enter(node: &str, at: OffsetDateTime) -> Step {
        Step {
            node: node.to_string(),
            answer: None,
            note: None,
            entered_at: at,
            answered_at: None,
            evidence: None,
            skipped: None,
            kept: Vec::new(),
        }
    }

    /// Whether the answer is the one the evidence gave.
    pub fn from_evidence(&self) -> bool {
        matches!((&self.evidence, &self.answer), (Some(e), Some(a)) if &e.answer == a)
    }
}

/// A fact recorded by an answer, filed under the section of the node that recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub section: Option<String>,
    pub node: String,
    pub step: usize,
    pub text: String,
}

/// What the walk can be told to do.
#[derive(Debug, Clone, PartialEq)]
pub enum WalkCommand {
    Answer(Answer),
    /// Sets (or with an empty text, clears) the note of a step; `None` means the current one.
    Note(Option<usize>, String),
    Back,
    /// Returns to an earlier step to answer it again; it keeps its answer and the steps after
    /// it, to walk on through them when it is answered the same way.
    JumpTo(usize),
    Restart,
    /// Attaches evidence: its facts answer the questions ahead and are checked against the
    /// answers already given.
    Attach(Box<Attached>),
    /// What the technician can check (`None`: everything). Checks needing other access are not
    /// asked: they take their 'unsure' way and stay open for the owner of that access.
    SetAccess(Option<std::collections::BTreeSet<String>>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkError {
    NotAllowed { node: String, reason: String },
    AtStart,
    NoSuchStep(usize),
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalkError::NotAllowed { node, reason } => write!(f, "'{node}': {reason}"),
            WalkError::AtStart => {
                f.write_str("this is the first step; there is nothing to go back to")
            }
            WalkError::NoSuchStep(i) => write!(f, "there is no earlier step {}", i + 1),
        }
    }
}

impl std::error::Error for WalkError {}

pub struct Walk {
    guide: Arc<ValidGuide>,
    /// Where the guides a resolution continues in are found; without it, such a resolution
    /// ends the walk like any other.
    library: Option<Library>,
    clock: Arc<dyn Clock>,
    steps: Vec<Step>,
    /// The variables the answered steps set, in order: what `variables_from_steps` would give.
    vars: Variables,
    /// For each answered step, the values its effects replaced (`None`: was unset), in the order
    /// written, so undoing a step restores exactly what it changed.
    undo: Vec<Vec<(String, Option<Value>)>>,
    /// Which walk this is in the process, so a change log is only read against its own walk.
    serial: u64,
    /// For every change so far, the first step it touched: a saver that remembers how many
    /// changes it has written asks only for the steps changed since, in time independent of the
    /// walk's length.
    changes: Vec<usize>,
    /// Evidence attached, in order.
    evidence: Vec<Attached>,
    /// The facts of all evidence, a later attachment's over an earlier one's, with where each
    /// came from (attachment, fact).
    facts: Variables,
    fact_at: std::collections::HashMap<String, (usize, usize)>,
    /// Fact names whose value in `vars` is the fact's (no answer has written them since).
    from_facts: std::collections::HashSet<String>,
    /// The access the technician has; `None` is all of it.
    access: Option<std::collections::BTreeSet<String>>,
    /// Answers changed after going back, oldest first: only ever added to.
    replaced: Vec<Replaced>,
}

/// Where a saver stands in a walk's change log: which walk, and how many changes it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Revision {
    serial: u64,
    changes: usize,
    evidence: usize,
    replaced: usize,
}

static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl fmt::Debug for Walk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Walk")
            .field("guide", &self.guide.id())
            .field("steps", &self.steps)
            .finish()
    }
}

impl Walk {
    pub fn start(guide: Arc<ValidGuide>, clock: Arc<dyn Clock>) -> Walk {
        let first = Step::enter(&guide.start().id, clock.now());
        Walk {
            guide,
            library: None,
            clock,
            steps: vec![first],
            vars: Variables::new(),
            undo: Vec::new(),
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            changes: Vec::new(),
            evidence: Vec::new(),
            facts: Variables::new(),
            fact_at: std::collections::HashMap::new(),
            from_facts: std::collections::HashSet::new(),
            access: None,
            replaced: Vec::new(),
        }
    }

    /// Rebuilds a walk from recorded steps, keeping their times and notes, as far as they still
    /// fit the guide (it may have changed since they were recorded).
    pub fn guide(&self) -> &ValidGuide {
        &self.guide
    }

    pub fn shared_guide(&self) -> Arc<ValidGuide> {
        Arc::clone(&self.guide)
    }

    /// Where this walk's change log stands now.
    pub fn revision(&self) -> Revision {
        Revision {
            serial: self.serial,
            changes: self.changes.len(),
            evidence: self.evidence.len(),
            replaced: self.replaced.len(),
        }
    }

    /// The first step changed since `since` (the steps before it are as they were then), or
    /// `None` when `since` is not a revision of this walk.
    pub fn changed_since(&self, since: Revision) -> Option<usize> {
        if since.serial != self.serial || since.changes > self.changes.len() {
            return None;
        }
        Some(
            self.changes[since.changes..]
                .iter()
                .copied()
                .min()
                .unwrap_or(self.steps.len()),
        )
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    pub fn current_index(&self) -> usize {
        self.steps.len() - 1
    }

    pub fn current_step(&self) -> &Step {
        &self.steps[self.current_index()]
    }

    pub fn current(&self) -> &Node {
        self.node_of(self.current_step())
    }

    pub fn node_of(&self, step: &Step) -> &Node {
        // Steps only ever name nodes of this guide: they are pushed from validated routes.
        self.guide
            .node(&step.node)
            .unwrap_or_else(|| self.guide.start())
    }

    pub fn is_finished(&self) -> bool {
        self.current().kind == NodeKind::Resolution
    }

    pub fn resolution(&self) -> Option<&Node> {
        self.is_finished().then(|| self.current())
    }

    /// The steps answered so far (all but the current one).
    pub fn answered(&self) -> &[Step] {
        &self.steps[..self.current_index()]
    }

    pub fn variables(&self) -> Variables {
        self.vars.clone()
    }

    /// The variables, borrowed: for drawing every frame without copying them.
    pub fn variables_now(&self) -> &Variables {
        &self.vars
    }

    /// The variables rebuilt from every answered step, ignoring what is kept: the reference the
    /// kept variables are tested against.
    #[cfg(test)]
    pub(super) fn variables_from_steps(&self) -> Variables {
        let mut vars = Variables::new();
        for step in self.answered() {
            if let Some(answer) = &step.answer {
                write_effects(&mut vars, self.node_of(step), answer);
            }
        }
        vars
    }

    pub fn findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        for (i, step) in self.answered().iter().enumerate() {
            let node = self.node_of(step);
            let Some(fx) = step.answer.as_ref().and_then(|a| effects(node, a)) else {
                continue;
            };
            let mut texts: Vec<String> = fx.findings.iter().map(|t| t.to_string()).collect();
            // "Can't check" always records what was not verified, whether or not the guide
            // wrote a finding for it: the hand-off must not have to dig for it in the path.
            if texts.is_empty() && step.answer == Some(Answer::Unsure) {
                texts.push(match &step.skipped {
                    Some(_) => format!("Not checked (no access): {}", node.label()),
                    None => format!("Not checked: {}", node.label()),
                });
            }
            for text in texts {
                out.push(Finding {
                    section: node.section.clone(),
                    node: node.id.to_string(),
                    step: i,
                    text,
                });
            }
        }
        out
    }

    pub fn apply(&mut self, msg: WalkCommand) -> Result<(), WalkError> {
        match msg {
            WalkCommand::Answer(answer) => self.answer(answer),
            WalkCommand::Note(index, text) => {
                self.note(index.unwrap_or(self.current_index()), text)
            }
            WalkCommand::Back => self.back(),
            WalkCommand::JumpTo(index) => self.jump_to(index),
            WalkCommand::Restart => {
                let (serial, mut changes) = (self.serial, std::mem::take(&mut self.changes));
                let evidence = std::mem::take(&mut self.evidence);
                let access = self.access.take();
                let replaced = std::mem::take(&mut self.replaced);
                *self = Walk::start(Arc::clone(&self.guide), Arc::clone(&self.clock));
                changes.push(0);
                (self.serial, self.changes) = (serial, changes);
                // The trail of changed answers is only ever added to, like the evidence.
                self.replaced = replaced;
                // The evidence is still what the machine shows: a restart keeps it.
                for attached in evidence {
                    self.attach(attached);
                }
                self.access = access;
                self.skip_inaccessible();
                Ok(())
            }
            WalkCommand::Attach(attached) => {
                self.attach(*attached);
                Ok(())
            }
            WalkCommand::SetAccess(access) => {
                self.access = access;
                self.skip_inaccessible();
                Ok(())
            }
        }
    }

    /// Answers the current step, then passes over the checks ahead that need access the
    /// technician lacks.
    pub fn answer(&mut self, answer: Answer) -> Result<(), WalkError> {
        self.answer_here(answer)?;
        self.skip_inaccessible();
        Ok(())
    }

    fn answer_one(&mut self, answer: Answer) -> Result<(), WalkError> {
        let guide = Arc::clone(&self.guide);
        let node = guide
            .node(&self.current_step().node)
            .unwrap_or_else(|| guide.start());
        let not_allowed = |reason: String| WalkError::NotAllowed {
            node: node.id.to_string(),
            reason,
        };
        let answer = match normalise(&guide, node, answer).map_err(not_allowed)? {
            // A secret typed or pasted as an answer is never stored, shown or reported.
            Answer::Text(text) => Answer::Text(without_secrets(text)),
            other => other,
        };
        let Some(fx) = effects(node, &answer) else {
            return Err(not_allowed(
                "the guide gives this answer nowhere to go".into(),
            ));
        };
        let route = fx.route;
        let index = self.current_index();
        let said = self.settled(node);
        let replaced = write_effects(&mut self.vars, node, &answer);
        for (name, _) in &replaced {
            self.from_facts.remove(name);
        }
        self.steps[index].evidence = said;
        self.undo.push(replaced);
        self.steps[index].answer = Some(answer);
        self.steps[index].answered_at = Some(self.clock.now());
        self.changes.push(index);
        let next = guide.resolve(route, &self.vars).to_string();
        self.steps.push(Step::enter(&next, self.clock.now()));
        self.join_if_continuing();
        Ok(())
    }

    fn note(&mut self, index: usize, text: String) -> Result<(), WalkError> {
        let step = self
            .steps
            .get_mut(index)
            .ok_or(WalkError::NoSuchStep(index))?;
        let trimmed = text.trim_end();
        step.note = (!trimmed.trim().is_empty()).then(|| without_secrets(trimmed.to_string()));
        self.changes.push(index);
        Ok(())
    }

    fn back(&mut self) -> Result<(), WalkError> {
        if self.steps.len() < 2 {
            return Err(WalkError::AtStart);
        }
        self.go_back_to(self.current_index() - 1);
        Ok(())
    }

    fn jump_to(&mut self, index: usize) -> Result<(), WalkError> {
        if index >= self.current_index() {
            return Err(WalkError::NoSuchStep(index));
        }
        self.go_back_to(index);
        Ok(())
    }

    fn reopen_last(&mut self) {
        // The reopened step and any dropped after it no longer count.
        while self.undo.len() > self.current_index() {
            for (name, before) in self.undo.pop().unwrap_or_default().into_iter().rev() {
                match before {
                    Some(value) => self.vars.insert(name, value),
                    None => self.vars.remove(&name),
                };
            }
        }
        let now = self.clock.now();
        self.changes.push(self.steps.len().saturating_sub(1));
        if let Some(last) = self.steps.last_mut() {
            last.answer = None;
            last.answered_at = None;
            last.entered_at = now;
        }
    }
}

/// `text` with its secrets (tokens, passwords, keys) replaced by markers, before it is kept.
fn without_secrets(text: String) -> String {
    match crate::redact::redact(&text, &crate::redact::Policy::secrets_only()) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(redacted) => redacted,
    }
}

/// Applies what `answer` on `node` sets to `vars`; returns what each write replaced, in order.
fn write_effects(
    vars: &mut Variables,
    node: &Node,
    answer: &Answer,
) -> Vec<(String, Option<Value>)> {
    let Some(fx) = effects(node, answer) else {
        return Vec::new();
    };
    let sets = fx
        .sets
        .into_iter()
        .map(|(name, value)| (name, Value::Text(value.to_string())));
    fx.value
        .into_iter()
        .chain(sets)
        .map(|(name, value)| (name.to_string(), vars.insert(name.to_string(), value)))
        .collect()
}
