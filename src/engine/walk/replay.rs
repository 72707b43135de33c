//! Rebuilding a walk from recorded steps (a resume, a report, a changed guide), and opening one
//! at a chosen node.

use std::sync::Arc;

use super::{Attached, Clock, Step, Walk, WalkError};
use crate::guide::ValidGuide;

/// Where a replay of recorded steps stopped fitting the guide, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayStop {
    pub step: usize,
    pub node: String,
    pub reason: String,
}

#[derive(Debug)]
pub struct Replay {
    pub walk: Walk,
    pub stopped: Option<ReplayStop>,
}

impl Replay {
    fn stopped(walk: Walk, step: usize, node: &str, reason: String) -> Replay {
        let node = node.to_string();
        Replay {
            walk,
            stopped: Some(ReplayStop { step, node, reason }),
        }
    }
}

impl Walk {
    /// A walk that opens at `node` instead of the guide's start: for an author trying one
    /// branch, or a trainee drilling one section. `None` when the guide has no such node.
    pub fn start_at(guide: Arc<ValidGuide>, clock: Arc<dyn Clock>, node: &str) -> Option<Walk> {
        let id = guide.node(node)?.id.to_string();
        let mut walk = Walk::start(guide, clock);
        walk.steps[0].node = id;
        Some(walk)
    }

    pub fn replay(
        guide: Arc<ValidGuide>,
        clock: Arc<dyn Clock>,
        recorded: &[Step],
        evidence: &[Attached],
    ) -> Replay {
        Walk::replay_in(guide, clock, recorded, evidence, None)
    }

    /// [`Walk::replay`] for a walk that may have gone on in other guides: each is joined again
    /// from `library` as the replay reaches the resolution that led into it.
    pub fn replay_in(
        guide: Arc<ValidGuide>,
        clock: Arc<dyn Clock>,
        recorded: &[Step],
        evidence: &[Attached],
        library: Option<super::Library>,
    ) -> Replay {
        // A walk started at another node (`run --from`) is replayed from there.
        let opened_at = recorded
            .first()
            .map(|s| s.node.as_str())
            .filter(|&n| n != guide.start().id.as_str() && guide.node(n).is_some());
        let mut walk = match opened_at {
            Some(node) => Walk::start_at(Arc::clone(&guide), Arc::clone(&clock), node)
                .unwrap_or_else(|| Walk::start(guide, clock)),
            None => Walk::start(guide, clock),
        };
        for attached in evidence {
            walk.attach(attached.clone());
        }
        if let Some(library) = library {
            walk.set_library(library);
        }
        if let Some(first) = recorded.first() {
            walk.steps[0].entered_at = first.entered_at;
        }
        for (i, step) in recorded.iter().enumerate() {
            let current = walk.current().id.clone();
            if step.node != current {
                let reason = format!(
                    "the guide now asks '{current}' here instead of '{}'",
                    step.node
                );
                return Replay::stopped(walk, i, &step.node, reason);
            }
            walk.steps[i].note = step.note.clone();
            let Some(answer) = &step.answer else {
                // A step gone back to before the session was saved still offers its answer.
                if step.kept.first().is_some_and(|k| k.node == step.node) {
                    walk.steps[i].kept = step.kept.clone();
                }
                break;
            };
            if let Err(e) = walk.answer(answer.clone()) {
                let reason = match e {
                    WalkError::NotAllowed { reason, .. } => {
                        format!("the recorded answer no longer fits: {reason}")
                    }
                    other => other.to_string(),
                };
                return Replay::stopped(walk, i, &step.node, reason);
            }
            walk.steps[i].answered_at = step.answered_at.or(walk.steps[i].answered_at);
            walk.steps[i].evidence = step.evidence.clone();
            // A check passed over for want of access stays an open check for its owner.
            walk.steps[i].skipped = step.skipped.clone();
            if let (Some(next), Some(recorded_next)) =
                (walk.steps.get_mut(i + 1), recorded.get(i + 1))
            {
                next.entered_at = recorded_next.entered_at;
            }
        }
        Replay {
            walk,
            stopped: None,
        }
    }
}
