//! Going back never destroys work (U2): a step gone back to keeps its answer and the steps
//! recorded after it. The same answer walks on through them, as a resumed session replays its
//! steps; a different answer sets the old one aside, with its note and the branch it led to, in
//! the walk's trail of replaced answers that history and reports show (U19).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{Answer, Revision, Step, Walk, WalkError};

/// An answer the walk no longer stands on, kept with its note and the steps recorded after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Replaced {
    /// Index of the step it was given at.
    pub step: usize,
    pub node: String,
    /// `None` only for a step set aside before it was answered (it held a note).
    pub answer: Option<Answer>,
    /// What it was changed to; `None` when the step is no longer asked at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Answer>,
    /// The note written on the old answer: it belongs to that answer, not to the new one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub answered_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub replaced_at: OffsetDateTime,
    /// Why, when it was not the technician giving another answer (the path moved, the guide
    /// changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The steps recorded after it, set aside with it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub later: Vec<Step>,
}

impl Replaced {
    /// What a replay against a changed guide set aside: the first recorded step that the walk
    /// no longer stands on (another node there, or another answer), with the steps after it.
    /// `None` when the walk still holds every recorded answer.
    pub fn by_replay(
        recorded: &[Step],
        walk: &Walk,
        at: OffsetDateTime,
        reason: String,
    ) -> Option<Replaced> {
        let steps = walk.steps();
        let first = recorded.iter().enumerate().position(|(i, old)| {
            let kept = steps
                .get(i)
                .is_some_and(|now| now.node == old.node && now.answer == old.answer);
            !kept && (old.answer.is_some() || old.note.is_some())
        })?;
        let old = &recorded[first];
        let now = steps.get(first).filter(|s| s.node == old.node);
        Some(Replaced {
            step: first,
            node: old.node.clone(),
            answer: old.answer.clone(),
            new: now.and_then(|s| s.answer.clone()),
            note: old.note.clone(),
            answered_at: old.answered_at,
            replaced_at: at,
            reason: Some(reason),
            later: recorded[first + 1..]
                .iter()
                .map(Step::without_kept)
                .collect(),
        })
    }
}

impl Step {
    /// A copy for a kept list or a set-aside branch, which never nest lists of their own.
    fn without_kept(&self) -> Step {
        Step {
            kept: Vec::new(),
            ..self.clone()
        }
    }

    /// What leaving this step backwards keeps of it and of what it kept: its answer, its note,
    /// and the steps recorded after it when it was itself gone back to.
    fn into_kept(mut self) -> Vec<Step> {
        let mut kept = std::mem::take(&mut self.kept);
        match kept.first_mut() {
            Some(earlier) => {
                // The answer there is still the one kept: a note edited meanwhile goes with it.
                earlier.note = self.note;
                kept
            }
            None if self.answer.is_some() || self.note.is_some() => vec![self],
            None => Vec::new(),
        }
    }
}

impl Walk {
    /// The answer the current step had before the walk went back to it: what to offer first.
    pub fn earlier_answer(&self) -> Option<&Answer> {
        self.current_step()
            .kept
            .first()
            .and_then(|s| s.answer.as_ref())
    }

    /// How many answers after the current step are kept, to be walked through again when it is
    /// answered as before.
    pub fn kept_later_answers(&self) -> usize {
        let kept = &self.current_step().kept;
        kept.iter().skip(1).filter(|s| s.answer.is_some()).count()
    }

    /// Every answer replaced so far, oldest first.
    pub fn replaced(&self) -> &[Replaced] {
        &self.replaced
    }

    /// Answers replaced since `since` (all of them when `since` is another walk's).
    pub fn replaced_since(&self, since: Option<Revision>) -> &[Replaced] {
        let from = since
            .filter(|r| r.serial == self.serial)
            .map_or(0, |r| r.replaced.min(self.replaced.len()));
        &self.replaced[from..]
    }

    /// The answers replaced at step `index` of the path the walk stands on now, oldest first:
    /// not those in a branch a later change at an earlier step set aside, nor those of a walk
    /// restarted since (the step was entered after they were replaced).
    pub fn replaced_at(&self, index: usize) -> Vec<&Replaced> {
        let Some(step) = self.steps.get(index) else {
            return Vec::new();
        };
        // Newest first, remembering the earliest step changed since: one pass, however long
        // the trail.
        let mut earliest_since = usize::MAX;
        let mut out = Vec::new();
        for r in self.replaced.iter().rev() {
            let on_this_visit = r.node == step.node && step.entered_at <= r.replaced_at;
            if r.step == index && on_this_visit && earliest_since >= index {
                out.push(r);
            }
            earliest_since = earliest_since.min(r.step);
        }
        out.reverse();
        out
    }

    /// Adds answers set aside outside the walk (a resumed session's earlier trail).
    pub fn restore_replaced(&mut self, replaced: Vec<Replaced>) {
        self.replaced.extend(replaced);
    }

    /// Goes back to step `index`: its answer, its note and the steps after it are kept on it.
    pub(super) fn go_back_to(&mut self, index: usize) {
        let mut later: Vec<Step> = self.steps.split_off(index + 1);
        let current = later.pop();
        later.extend(current.map(Step::into_kept).unwrap_or_default());
        if let Some(step) = self.steps.get_mut(index) {
            let earlier = step.without_kept();
            step.kept = std::iter::once(earlier).chain(later).collect();
        }
        self.reopen_last();
    }

    /// Answers the current step; when the walk had gone back to it, goes on as the kept answers
    /// say (the same answer) or sets them aside (another one).
    pub(super) fn answer_here(&mut self, answer: Answer) -> Result<(), WalkError> {
        let index = self.current_index();
        let kept = std::mem::take(&mut self.steps[index].kept);
        if let Err(e) = self.answer_one(answer) {
            self.steps[index].kept = kept;
            return Err(e);
        }
        let mut kept = kept.into_iter();
        let Some(earlier) = kept.next() else {
            return Ok(());
        };
        let later: Vec<Step> = kept.collect();
        if self.steps[index].answer == earlier.answer {
            // Nothing changed here: the step reads as it was answered, and the walk goes on.
            let step = &mut self.steps[index];
            step.entered_at = earlier.entered_at;
            step.answered_at = earlier.answered_at.or(step.answered_at);
            step.evidence = earlier.evidence;
            step.skipped = earlier.skipped;
            self.walk_on(later);
        } else {
            let step = &mut self.steps[index];
            // A note left as it was belongs to the old answer; one edited since going back was
            // written for the new answer and stays.
            let note = if step.note == earlier.note {
                step.note.take()
            } else {
                earlier.note
            };
            let replaced = Replaced {
                step: index,
                node: earlier.node,
                answer: earlier.answer,
                new: step.answer.clone(),
                note,
                answered_at: earlier.answered_at,
                replaced_at: self.clock.now(),
                reason: None,
                later,
            };
            self.replaced.push(replaced);
        }
        Ok(())
    }

    /// Re-applies kept steps while they fit: each must be the node the walk asks next, with an
    /// answer the node still takes. Where the walk stops, a kept step on the node asked is kept
    /// there to offer again; a path that moved away sets the rest aside.
    fn walk_on(&mut self, kept: Vec<Step>) {
        let mut rest = kept.into_iter();
        while let Some(step) = rest.next() {
            let index = self.current_index();
            if step.node != self.steps[index].node {
                self.set_aside(step, rest.collect());
                return;
            }
            let Some(answer) = step.answer.clone() else {
                // Where the walk stood when it went back: its note is still there.
                let here = &mut self.steps[index];
                here.entered_at = step.entered_at;
                here.note = step.note;
                return;
            };
            if self.answer_one(answer).is_err() {
                self.steps[index].kept = std::iter::once(step).chain(rest).collect();
                return;
            }
            let here = &mut self.steps[index];
            here.note = step.note;
            here.entered_at = step.entered_at;
            here.answered_at = step.answered_at.or(here.answered_at);
            here.evidence = step.evidence;
            here.skipped = step.skipped;
        }
    }

    /// Kept steps the walk no longer reaches, with the same answers given: the path moved (new
    /// evidence or access changed a route).
    fn set_aside(&mut self, first: Step, rest: Vec<Step>) {
        if first.answer.is_none() && first.note.is_none() {
            return;
        }
        let reason = format!(
            "no longer on the path: '{}' is asked here now",
            self.current_step().node
        );
        self.replaced.push(Replaced {
            step: self.current_index(),
            node: first.node,
            answer: first.answer,
            new: None,
            note: first.note,
            answered_at: first.answered_at,
            replaced_at: self.clock.now(),
            reason: Some(reason),
            later: rest,
        });
    }
}
