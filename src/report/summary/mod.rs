//! The summary of a walk: what every report format and the summary screen show.

use serde::Serialize;
use time::OffsetDateTime;

/// The persisted status lives with the session in `store`; reports only show it.
pub use crate::engine::SessionStatus;
use crate::engine::{Answer, Attached, Contradiction, Step, Walk};
use crate::evidence::{error_page, Kind};
use crate::guide::{Node, NodeKind, Outcome, Reference};

mod checks;
use checks::{by_section, open_checks, ruled_out};

/// What evidence shows for a value the technician could not check.
pub const NOT_CHECKED: &str = "not checked";

pub use super::changed::ChangedAnswer;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub guide_id: String,
    pub guide_title: String,
    pub guide_version: String,
    pub guide_hash: String,
    #[serde(with = "time::serde::rfc3339")]
    pub started: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    pub finished: Option<OffsetDateTime>,
    pub resolution: Option<ResolutionView>,
    pub findings: Vec<SectionFindings>,
    /// What was checked and found fine: answered checks whose answer recorded no finding, by
    /// section, so the next person does not check them again.
    pub ruled_out: Vec<SectionFindings>,
    /// Every variable a technician typed or a parser captured, in the order first set.
    pub evidence: Vec<Evidence>,
    /// Evidence attached to the walk: what each was read as, its facts and their sources.
    pub attached: Vec<AttachedView>,
    /// Checks not done: the technician lacked the access, or answered "can't check". Each with
    /// who can do it and how, for the hand-off.
    pub open_checks: Vec<OpenCheck>,
    pub path: Vec<PathStep>,
    /// Label of the step the walk stands at, while it has not reached a resolution.
    pub current_step: Option<String>,
    /// From the first step to the resolution, or to the last answer of an unfinished walk.
    pub duration_seconds: i64,
    /// Who, which ticket and which saved session: present when the walk was recorded.
    pub session: Option<SessionInfo>,
    /// Answers the walk no longer stands on, in the order they were changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changed_answers: Vec<ChangedAnswer>,
    /// Guides the walk went on in ("this is really 81010"), in order; the resolution is the
    /// last one's.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub continued_in: Vec<ContinuedIn>,
}

/// A guide the walk went on in, and the step that led there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContinuedIn {
    pub id: String,
    pub title: String,
    pub version: String,
    /// Number (from 1) and title of the step that led into it.
    pub from_step: usize,
    pub from_title: String,
}

impl Summary {
    /// The guide the report is about: the last one the walk went on in, else its own.
    pub fn headline_title(&self) -> &str {
        self.continued_in
            .last()
            .map_or(self.guide_title.as_str(), |c| c.title.as_str())
    }
}

impl ContinuedIn {
    /// "Title (id version), from step N (step title)", each text passed through `text` and the
    /// id through `id`: every format words the row alike, escaped its own way.
    pub fn describe(&self, text: impl Fn(&str) -> String, id: impl Fn(&str) -> String) -> String {
        format!(
            "{} ({} {}), from step {} ({})",
            text(&self.title),
            id(&self.id),
            text(&self.version),
            self.from_step,
            text(&self.from_title)
        )
    }
}

/// The guides joined to the walk's guide that its steps went through.
fn continued_in(walk: &Walk) -> Vec<ContinuedIn> {
    let guide = walk.guide().guide();
    guide
        .joined
        .iter()
        .filter_map(|joined| {
            let at = walk.steps().iter().position(|s| s.node == joined.from)?;
            Some(ContinuedIn {
                id: joined.id.clone(),
                title: joined.title.clone(),
                version: joined.version.clone(),
                from_step: at + 1,
                from_title: walk.node_of(&walk.steps()[at]).label().to_string(),
            })
        })
        .collect()
}

/// The saved session a summary belongs to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionInfo {
    pub id: String,
    pub technician: String,
    pub ticket: Option<String>,
    pub status: SessionStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolutionView {
    pub node: String,
    pub outcome: Outcome,
    pub title: String,
    pub cause: String,
    pub steps: Vec<String>,
    pub verify: Option<String>,
    pub references: Vec<Reference>,
    /// Who carries out the fix, when it is a hand-off to a team.
    pub owner: Option<String>,
    /// The technician's note on the resolution itself.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionFindings {
    pub section: Option<String>,
    pub title: String,
    pub findings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub name: String,
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpenCheck {
    pub number: usize,
    pub node: String,
    pub question: String,
    /// Why it is open: the access lacked, or "answered can't check".
    pub reason: String,
    /// Who can do it: the owners of the access it needs (empty when it needs none).
    pub owners: Vec<String>,
    pub how: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachedView {
    pub kind: String,
    pub origin: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub facts: Vec<FactView>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FactView {
    pub name: String,
    pub value: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathStep {
    pub number: usize,
    pub node: String,
    pub section: Option<String>,
    /// The node's short title, as the path lists it.
    pub title: String,
    /// The question as the guide asks it.
    pub question: String,
    pub answer: Option<String>,
    pub note: Option<String>,
    /// How evidence bears on the answer: taken from it, overriding it, or contradicted by
    /// evidence attached later, with the proving line.
    pub evidence: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

fn attached_view(a: &Attached) -> AttachedView {
    AttachedView {
        kind: a.reading.kind.label().to_string(),
        origin: a.origin.clone(),
        at: a.at,
        facts: a
            .reading
            .facts
            .iter()
            .map(|f| FactView {
                name: f.name.clone(),
                value: f.value.to_string(),
                source: f.source.describe(),
            })
            .collect(),
        notes: a.reading.notes.clone(),
    }
}

/// How evidence bears on step `i`'s answer, in words.
fn step_evidence(
    i: usize,
    step: &Step,
    node: &Node,
    contradicted: &[Contradiction],
) -> Option<String> {
    if let Some(c) = contradicted.iter().find(|c| c.step == i) {
        return Some(format!(
            "Evidence attached later says {} ({})",
            c.evidence.answer.describe(node),
            c.evidence.proof
        ));
    }
    let said = step.evidence.as_ref()?;
    step.answer.as_ref()?;
    Some(if step.from_evidence() {
        format!("From evidence: {}", said.proof)
    } else {
        format!(
            "Overrides the evidence, which says {} ({})",
            said.answer.describe(node),
            said.proof
        )
    })
}

impl Summary {
    pub fn of(walk: &Walk) -> Summary {
        let guide = walk.guide();
        let steps = walk.steps();
        let resolution = walk.resolution().map(|node| ResolutionView {
            node: node.id.to_string(),
            outcome: node.outcome().unwrap_or(Outcome::Escalate),
            title: node.label().to_string(),
            cause: node.cause().unwrap_or_default().to_string(),
            steps: match node.continue_in() {
                // It was to go on in another guide, and that guide is not loaded here.
                Some(target) if node.steps().is_empty() => vec![format!(
                    "Go on in the guide '{}': it is not loaded in this tshoot. Start it with `tshoot run {}` (or add its folder with --guides) and attach this report.",
                    target.guide, target.guide
                )],
                _ => node.steps().to_vec(),
            },
            verify: node.verify().map(str::to_string),
            references: node.references().to_vec(),
            owner: node.owner().map(str::to_string),
            note: walk.current_step().note.clone(),
        });

        let walk_findings = walk.findings();
        let findings = by_section(
            guide,
            walk_findings
                .iter()
                .map(|f| (f.section.clone(), f.text.clone())),
        );
        let ruled_out = by_section(guide, ruled_out(walk, &walk_findings));

        let vars = walk.variables();
        let mut evidence = Vec::new();
        for step in walk.answered() {
            let node = walk.node_of(step);
            if node.kind != NodeKind::Input {
                continue;
            }
            let name = node.input_variable().to_string();
            if let Some(value) = vars.get(&name) {
                // "Can't check" stores the word `unsure` for the guide's routes to test; a reader
                // of the report is told what it means.
                let value = if step.answer == Some(Answer::Unsure) {
                    NOT_CHECKED.to_string()
                } else {
                    value.to_string()
                };
                if !value.is_empty() && !evidence.iter().any(|e: &Evidence| e.name == name) {
                    evidence.push(Evidence {
                        label: node.label().to_string(),
                        name,
                        value,
                    });
                }
            }
        }

        // Every fact of a pasted error page is kept, not only those a question asked for: the
        // hand-off needs the app id, IP address and device state too.
        for attached in walk.evidence() {
            if attached.reading.kind != Kind::ErrorPage {
                continue;
            }
            for fact in &attached.reading.facts {
                if !evidence.iter().any(|e| e.name == fact.name) {
                    evidence.push(Evidence {
                        name: fact.name.clone(),
                        label: error_page::fact_label(&fact.name).to_string(),
                        value: fact.value.to_string(),
                    });
                }
            }
        }

        let contradicted = walk.contradictions();
        // The resolution's own note is shown with the resolution, not as an unanswered step.
        let resolution_step = walk.is_finished().then(|| walk.current_index());
        let path = steps
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                (s.answer.is_some() || s.note.is_some()) && Some(*i) != resolution_step
            })
            .map(|(i, s)| {
                let node = walk.node_of(s);
                PathStep {
                    number: i + 1,
                    node: node.id.to_string(),
                    section: node.section.clone(),
                    title: node.label().to_string(),
                    question: crate::guide::interpolate(
                        node.prompt.as_deref().unwrap_or_else(|| node.label()),
                        walk.variables_now(),
                    )
                    .into_owned(),
                    answer: s.answer.as_ref().map(|a| a.describe(node)),
                    note: s.note.clone(),
                    evidence: step_evidence(i, s, node, &contradicted),
                    at: s.answered_at.unwrap_or(s.entered_at),
                }
            })
            .collect();

        let finished = walk.is_finished().then(|| walk.current_step().entered_at);
        let last_activity = steps
            .iter()
            .flat_map(|s| [Some(s.entered_at), s.answered_at])
            .flatten()
            .max()
            .unwrap_or(steps[0].entered_at);
        let duration = finished.unwrap_or(last_activity) - steps[0].entered_at;

        Summary {
            guide_id: guide.id().to_string(),
            guide_title: guide.title().to_string(),
            guide_version: guide.version().to_string(),
            guide_hash: guide.hash().to_string(),
            started: steps[0].entered_at,
            finished,
            resolution,
            findings,
            ruled_out,
            evidence,
            attached: walk.evidence().iter().map(attached_view).collect(),
            open_checks: open_checks(walk),
            path,
            current_step: (!walk.is_finished()).then(|| walk.current().label().to_string()),
            duration_seconds: duration.whole_seconds().max(0),
            session: None,
            changed_answers: super::changed::changed_answers(walk, walk.replaced()),
            continued_in: continued_in(walk),
        }
    }

    /// The same summary with answers set aside outside the walk (by a resume against a changed
    /// guide) in its trail of changed answers.
    pub fn with_replaced(mut self, walk: &Walk, replaced: &[crate::engine::Replaced]) -> Summary {
        if !replaced.is_empty() {
            let mut all: Vec<&crate::engine::Replaced> = walk.replaced().iter().collect();
            all.extend(replaced);
            self.changed_answers = super::changed::changed_answers(walk, all);
        }
        self
    }

    /// The same summary, filed under a saved session.
    pub fn with_session(mut self, session: SessionInfo) -> Summary {
        self.session = Some(session);
        self
    }
}

#[cfg(test)]
mod tests;

impl Summary {
    /// `Resolved: <title>`, or where an unfinished walk stands: the report's outcome line.
    pub fn outcome_line(&self) -> String {
        match (&self.resolution, &self.session) {
            (Some(r), _) => format!("{}: {}", super::format::outcome_word(r.outcome), r.title),
            (None, Some(s)) => format!(
                "Not finished ({}), at: {}",
                s.status.name(),
                self.current_step.as_deref().unwrap_or("?")
            ),
            (None, None) => format!(
                "Not finished, at: {}",
                self.current_step.as_deref().unwrap_or("?")
            ),
        }
    }
}
