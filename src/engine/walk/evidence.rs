//! A walk's evidence: what is attached, the facts it gives, what they answer and contradict.

use super::super::evidence::{Attached, Contradiction, FromEvidence};
use super::{Answer, Revision, Walk};
use crate::evidence::Fact;
use crate::guide::{Node, Settled, Variables};

impl Walk {
    /// Evidence attached since `since` (all of it when `since` is another walk's).
    pub fn evidence_since(&self, since: Option<Revision>) -> &[Attached] {
        let from = since
            .filter(|r| r.serial == self.serial)
            .map_or(0, |r| r.evidence.min(self.evidence.len()));
        &self.evidence[from..]
    }

    /// Every piece of evidence attached, in order.
    pub fn evidence(&self) -> &[Attached] {
        &self.evidence
    }

    /// The value a variable has now (an answer, or a fact no answer has replaced).
    pub fn value(&self, name: &str) -> Option<&crate::guide::Value> {
        self.vars.get(name)
    }

    /// The facts of all attached evidence (a later attachment's over an earlier one's).
    pub fn facts(&self) -> &Variables {
        &self.facts
    }

    /// The fact of that name, with the kind of evidence it came from.
    pub fn fact(&self, name: &str) -> Option<(&Fact, crate::evidence::Kind)> {
        let &(a, f) = self.fact_at.get(name)?;
        let attached = self.evidence.get(a)?;
        Some((attached.reading.facts.get(f)?, attached.reading.kind))
    }

    /// What the evidence answers at `node`, with its proof.
    pub fn settled(&self, node: &Node) -> Option<FromEvidence> {
        if self.facts.is_empty() {
            return None;
        }
        // Over every variable: facts, and what was answered since (a user typed at the intake is
        // compared with the one `whoami /upn` shows). An answer overrides a fact of its name.
        let settled = self.guide.settled(node, &self.vars)?;
        let names = settled.facts();
        // Only facts whose value is still the one in force: a fact an answer overrode (the code
        // typed over the page's) is not what settled this, and is not cited as if it were.
        let found: Vec<(&Fact, crate::evidence::Kind)> = names
            .iter()
            .filter(|n| self.vars.get(**n) == self.facts.get(**n))
            .filter_map(|n| self.fact(n))
            .collect();
        let kind = found.first()?.1;
        let facts: Vec<&Fact> = found.iter().map(|(f, _)| *f).collect();
        let answer = match settled {
            Settled::Text { value, .. } => Answer::Text(value),
            Settled::Answer { key, .. } => match key {
                crate::guide::YES => Answer::Yes,
                crate::guide::NO => Answer::No,
                crate::guide::UNSURE => Answer::Unsure,
                id => Answer::Choice(id.to_string()),
            },
        };
        Some(FromEvidence::new(answer, &facts, kind))
    }

    /// What the evidence answers at the current step.
    pub fn settled_here(&self) -> Option<FromEvidence> {
        self.settled(self.current())
    }

    /// Answered steps whose answer the evidence now contradicts, when that evidence was not
    /// already known (and overridden) when they were answered.
    pub fn contradictions(&self) -> Vec<Contradiction> {
        if self.facts.is_empty() {
            return Vec::new();
        }
        self.answered()
            .iter()
            .enumerate()
            .filter_map(|(i, step)| {
                let said = self.settled(self.node_of(step))?;
                let differs = step.answer.as_ref() != Some(&said.answer);
                let known = step.evidence.as_ref().map(|e| &e.answer) == Some(&said.answer);
                (differs && !known).then_some(Contradiction {
                    step: i,
                    evidence: said,
                })
            })
            .collect()
    }

    /// Attaches evidence: its facts become variables (an answer's value wins over a fact's).
    pub(super) fn attach(&mut self, attached: Attached) {
        let a = self.evidence.len();
        for (f, fact) in attached.reading.facts.iter().enumerate() {
            self.facts.insert(fact.name.clone(), fact.value.clone());
            self.fact_at.insert(fact.name.clone(), (a, f));
            if !self.vars.contains_key(&fact.name) || self.from_facts.contains(&fact.name) {
                self.vars.insert(fact.name.clone(), fact.value.clone());
                self.from_facts.insert(fact.name.clone());
            }
        }
        self.evidence.push(attached);
    }
}
