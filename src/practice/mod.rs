//! Practice cases for trainees: a scenario with a narrative and what a technician would observe
//! at each question. A case is checked like a guide (its answers must reach its stated cause), a
//! trainee's walk is compared with the expert walk the case's answers make, and the result is a
//! debrief. Pure: no terminal, no files but the ones a caller hands in.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::engine::{Answer, Attached, Clock, StepClock, Walk, WalkCommand};
use crate::guide::{NodeKind, ValidGuide};
use crate::headless::{self, AnswerScript};

mod bundled;
mod play;
pub use bundled::{cases_of, BundledCase, CASES};
pub use play::{play, Ended};

/// How hard a case is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    /// One obvious cause.
    Easy,
    /// A misleading first symptom, or evidence to read.
    Medium,
    /// Several checks to combine, or a hand-off at the end.
    Hard,
}

/// A practice case as written in YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub guide: String,
    pub title: String,
    pub difficulty: Difficulty,
    /// What the user reports, as the trainee first hears it.
    pub narrative: String,
    /// What the technician would see or be told at each question, by node id: what the trainee
    /// reads before choosing an answer.
    #[serde(default)]
    pub observations: BTreeMap<String, String>,
    /// What the technician can check in this case (the guide's access ids); absent: everything.
    #[serde(default)]
    pub access: Option<Vec<String>>,
    /// Evidence files the case provides, relative to the case file.
    #[serde(default)]
    pub evidence: Vec<String>,
    /// The case's truth: the answers an expert gives.
    #[serde(deserialize_with = "crate::guide::unique_map")]
    pub answers: AnswerScript,
    /// The resolution the answers reach: the right cause.
    pub expect: String,
}

/// Reads a case file and the evidence files it names (relative to it), stamped by `clock`.
pub fn read(path: &std::path::Path, clock: &dyn Clock) -> Result<(Case, Vec<Attached>), String> {
    let bytes = crate::guide::read_file(path, crate::guide::YamlKind::Scenario)
        .map_err(|p| p.to_string())?;
    let case = parse(&path.display().to_string(), &bytes).map_err(|p| p.to_string())?;
    let beside = path.parent().unwrap_or(std::path::Path::new("."));
    let mut attached = Vec::new();
    for file in &case.evidence {
        let at = beside.join(file);
        let reading = crate::evidence_file::read(&at)
            .map_err(|e| format!("{}: evidence '{file}': {e}", path.display()))?;
        attached.push(Attached {
            reading,
            origin: crate::evidence_file::origin(&at),
            at: clock.now(),
        });
    }
    Ok((case, attached))
}

/// Reads a case file's text; a problem names what to fix.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Case, crate::guide::Problem> {
    crate::guide::parse_yaml(file, bytes, crate::guide::YamlKind::Scenario)
}

impl Case {
    /// A walk of the case's guide with its access set and its evidence attached: where both the
    /// expert walk and the trainee's start.
    pub fn start(
        &self,
        guide: Arc<ValidGuide>,
        clock: Arc<dyn Clock>,
        evidence: &[Attached],
    ) -> Walk {
        let mut walk = Walk::start(guide, clock);
        if let Some(access) = &self.access {
            let _ = walk.apply(WalkCommand::SetAccess(Some(
                access.iter().cloned().collect(),
            )));
        }
        for attached in evidence {
            let _ = walk.apply(WalkCommand::Attach(Box::new(attached.clone())));
        }
        walk
    }

    /// The expert walk: the case's answers from the start, or why they do not get through.
    pub fn expert_walk(
        &self,
        guide: Arc<ValidGuide>,
        evidence: &[Attached],
    ) -> Result<Walk, String> {
        let mut walk = self.start(guide, Arc::new(StepClock::new(0, 60)), evidence);
        headless::run(&mut walk, &self.answers)
            .map_err(|e| format!("at node '{}': {}", e.node, e.message))?;
        Ok(walk)
    }

    /// Everything wrong with the case against its guide: unknown nodes, access ids, a stated
    /// cause that is no resolution, answers that do not reach it. Empty when the case is sound.
    pub fn problems(&self, guide: &Arc<ValidGuide>, evidence: &[Attached]) -> Vec<String> {
        let mut problems = Vec::new();
        if guide.id() != self.guide {
            problems.push(format!(
                "the case is for guide '{}', not '{}'",
                self.guide,
                guide.id()
            ));
        }
        for id in self.observations.keys() {
            if guide.node(id).is_none() {
                problems.push(format!(
                    "observation for '{id}', which is not a node of the guide{}",
                    headless::node_hint(guide, id)
                ));
            }
        }
        for id in headless::unknown_entries(guide, &self.answers) {
            problems.push(format!(
                "answer for '{id}', which is not a node of the guide{}",
                headless::node_hint(guide, id)
            ));
        }
        let declared: Vec<&str> = guide.guide().access.iter().map(|a| a.id.as_str()).collect();
        for id in self.access.iter().flatten() {
            if !declared.contains(&id.as_str()) {
                problems.push(format!("access '{id}' is not one the guide declares"));
            }
        }
        match guide.node(&self.expect) {
            Some(node) if node.kind == NodeKind::Resolution => {}
            Some(_) => problems.push(format!("'{}' is not a resolution", self.expect)),
            None => problems.push(format!(
                "the stated cause '{}' is not a node of the guide{}",
                self.expect,
                headless::node_hint(guide, &self.expect)
            )),
        }
        if self.narrative.trim().is_empty() {
            problems.push("the narrative is empty: say what the user reports".into());
        }
        if problems.is_empty() {
            match self.expert_walk(Arc::clone(guide), evidence) {
                Err(why) => problems.push(format!("the case's answers stop {why}")),
                Ok(walk) if walk.current().id != self.expect => problems.push(format!(
                    "the case's answers reach '{}', not its stated cause '{}'",
                    walk.current().id,
                    self.expect
                )),
                Ok(_) => {}
            }
        }
        problems
    }

    /// What the trainee is shown at `node`: the case's observation, else what its answers
    /// file says was found (for an input, the value), else that the case says nothing there.
    pub fn observation(&self, node: &str) -> String {
        if let Some(seen) = self.observations.get(node) {
            return seen.clone();
        }
        match self.answers.get(node) {
            Some(headless::ScriptEntry::Plain(headless::ScriptValue::Text(t))) => {
                format!("You find: {t}")
            }
            _ => "The case gives nothing more here: answer from what you know so far.".into(),
        }
    }
}

/// Where the trainee's walk left the expert's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WrongTurn {
    pub step: usize,
    pub node: String,
    pub title: String,
    pub given: String,
    pub expected: String,
    /// Why the question is asked: what the trainee should weigh there.
    pub why: Option<String>,
}

/// What the trainee did against the case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Debrief {
    pub case: String,
    pub right_cause: bool,
    pub reached: String,
    pub expected: String,
    pub steps_taken: usize,
    pub expert_steps: usize,
    pub wrong_turns: Vec<WrongTurn>,
    /// Questions answered "can't check" although the case had the answer.
    pub unsure_with_answer: Vec<String>,
    pub seconds: i64,
}

/// The debrief of `trainee` (a finished or stopped walk) against `expert` (the case's walk).
pub fn debrief(case: &Case, trainee: &Walk, expert: &Walk) -> Debrief {
    let expert_answer = |node: &str| {
        expert
            .answered()
            .iter()
            .find(|s| s.node == node)
            .and_then(|s| s.answer.clone())
    };
    let mut wrong_turns = Vec::new();
    let mut unsure_with_answer = Vec::new();
    for (i, step) in trainee.answered().iter().enumerate() {
        let node = trainee.node_of(step);
        let (Some(given), Some(expected)) = (&step.answer, expert_answer(&step.node)) else {
            continue;
        };
        if *given == expected || step.skipped.is_some() {
            continue;
        }
        if *given == Answer::Unsure {
            unsure_with_answer.push(node.label().to_string());
        }
        wrong_turns.push(WrongTurn {
            step: i + 1,
            node: step.node.clone(),
            title: node.label().to_string(),
            given: given.describe(node),
            expected: expected.describe(node),
            why: node.why.as_deref().map(str::to_string),
        });
    }
    let steps = trainee.steps();
    let seconds = match (steps.first(), steps.last()) {
        (Some(first), Some(last)) => (last.entered_at - first.entered_at).whole_seconds(),
        _ => 0,
    };
    Debrief {
        case: case.title.clone(),
        right_cause: trainee.is_finished() && trainee.current().id == case.expect,
        reached: trainee.current().label().to_string(),
        expected: expert.current().label().to_string(),
        steps_taken: trainee.answered().len(),
        expert_steps: expert.answered().len(),
        wrong_turns,
        unsure_with_answer,
        seconds,
    }
}

impl Debrief {
    /// The debrief as plain text for the trainee.
    pub fn render(&self) -> String {
        let mut out = format!("Debrief: {}\n\n", self.case);
        if self.right_cause {
            out.push_str(&format!("Right cause: {}\n", self.reached));
        } else {
            out.push_str(&format!(
                "Not the right cause: you reached \"{}\"; the case's cause is \"{}\".\n",
                self.reached, self.expected
            ));
        }
        out.push_str(&format!(
            "Steps: {} (the case's path takes {}). Time: {} min {} s.\n",
            self.steps_taken,
            self.expert_steps,
            self.seconds / 60,
            self.seconds % 60
        ));
        if self.wrong_turns.is_empty() {
            out.push_str("\nNo wrong turns: every answer matched what the case shows.\n");
        } else {
            out.push_str("\nWhere your answers left the case's:\n");
            for turn in &self.wrong_turns {
                out.push_str(&format!(
                    "  {}. {}: you answered \"{}\", the case shows \"{}\".\n",
                    turn.step, turn.title, turn.given, turn.expected
                ));
                if let Some(why) = &turn.why {
                    let why = why.split_whitespace().collect::<Vec<_>>().join(" ");
                    out.push_str(&format!("     Why it is asked: {why}\n"));
                }
            }
        }
        if !self.unsure_with_answer.is_empty() {
            out.push_str(&format!(
                "\n\"Can't check\" where the case had the answer: {}.\n",
                self.unsure_with_answer.join("; ")
            ));
        }
        out
    }
}

/// One practice result, as kept per trainee (a JSON line each).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub trainee: String,
    pub case: String,
    pub difficulty: Difficulty,
    #[serde(with = "time::serde::rfc3339")]
    pub at: time::OffsetDateTime,
    pub right_cause: bool,
    pub steps_taken: usize,
    pub expert_steps: usize,
    pub wrong_turns: usize,
    pub seconds: i64,
}

impl Record {
    pub fn of(trainee: &str, case: &Case, debrief: &Debrief, at: time::OffsetDateTime) -> Record {
        Record {
            trainee: trainee.to_string(),
            case: case.title.clone(),
            difficulty: case.difficulty,
            at,
            right_cause: debrief.right_cause,
            steps_taken: debrief.steps_taken,
            expert_steps: debrief.expert_steps,
            wrong_turns: debrief.wrong_turns.len(),
            seconds: debrief.seconds,
        }
    }
}

/// The records of a results file; lines that do not read (a file cut by a crash) are skipped.
pub fn records(text: &str) -> Vec<Record> {
    text.lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// A trainee's progress: each case's best and latest play, and the totals, in 80 columns.
pub fn progress(trainee: &str, records: &[Record]) -> String {
    let mine: Vec<&Record> = records.iter().filter(|r| r.trainee == trainee).collect();
    if mine.is_empty() {
        return format!(
            "No practice results for {trainee} yet: `tshoot practice` starts a case.\n"
        );
    }
    let mut by_case: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for r in &mine {
        by_case.entry(r.case.as_str()).or_default().push(r);
    }
    let right = mine.iter().filter(|r| r.right_cause).count();
    let mut out = format!(
        "Practice of {trainee}: {} play(s) of {} case(s), {right} with the right cause.\n\n",
        mine.len(),
        by_case.len()
    );
    for (case, plays) in &by_case {
        let last = plays.last().copied().expect("a play");
        let solved = plays.iter().any(|r| r.right_cause);
        let title: String = case.chars().take(36).collect();
        out.push_str(&format!(
            "{} {title:<36} {:>2} play(s), last {:>2}/{:<2} steps, {} wrong\n",
            if solved { "+" } else { "-" },
            plays.len(),
            last.steps_taken,
            last.expert_steps,
            last.wrong_turns
        ));
    }
    out
}

#[cfg(test)]
mod tests;
