//! Random walks with back, jump and restart: the variables kept step by step always equal the
//! ones rebuilt from every answered step; and walks long enough that rebuilding them would show.

use std::sync::Arc;

use super::{Answer, StepClock, Walk, WalkCommand};
use crate::guide::NodeKind;
use crate::guide::Value;
use crate::guide::{load, validate, ValidGuide};

const DEMO: &str = include_str!("../../tests/fixtures/valid/demo.yaml");

/// A guide where answers overwrite each other's variables, so undo order matters.
const OVERWRITES: &str = r#"
format: 1
id: overwrites
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections: []
start: a
nodes:
  - {id: a, kind: confirm, prompt: p, why: w, how: h, yes: {next: b, set: {x: "1", a: "forced"}}, no: {next: b, set: {x: "2"}}, unsure: b}
  - {id: b, kind: choice, prompt: p, why: w, how: h, options: [{id: o1, label: l, next: c, set: {x: "3", b: "o3"}}, {id: o2, label: l, next: a}]}
  - {id: c, kind: multi, prompt: p, why: w, how: h, set: {x: "4"}, options: [{id: m1, label: l, set: {x: "5"}}, {id: m2, label: l, set: {y: "6"}}], next: [{when: "x == '5'", goto: a}, {goto: d}]}
  - {id: d, kind: input, prompt: p, why: w, how: h, variable: x, optional: true, next: [{when: "x == 'again'", goto: b}, {goto: r}]}
  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}
"#;

/// xorshift: reproducible without a dependency.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn guide(text: &str) -> Arc<ValidGuide> {
    Arc::new(validate(load("g.yaml", text.as_bytes()).expect("loads")).expect("valid"))
}

fn some_answer(walk: &Walk, rng: &mut Rng) -> Answer {
    let node = walk.current();
    let ids: Vec<String> = node.options.iter().map(|o| o.id.clone()).collect();
    match node.kind {
        NodeKind::Info | NodeKind::Resolution => Answer::Continue,
        _ if node.unsure.is_some() && rng.below(4) == 0 => Answer::Unsure,
        NodeKind::Confirm => [Answer::Yes, Answer::No][rng.below(2)].clone(),
        NodeKind::Choice => Answer::Choice(ids[rng.below(ids.len())].clone()),
        NodeKind::Multi => Answer::Multi(ids.into_iter().filter(|_| rng.below(2) == 0).collect()),
        NodeKind::Input => Answer::Text(
            ["someone@example.com", "again", "", "other@example.com"][rng.below(4)].to_string(),
        ),
    }
}

fn random_walks(text: &str) {
    let guide = guide(text);
    for seed in 1..=200u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut walk = Walk::start(Arc::clone(&guide), Arc::new(StepClock::new(0, 1)));
        let (mut saved, mut saved_at) = (walk.steps().to_vec(), walk.revision());
        for _ in 0..60 {
            let msg = match rng.below(10) {
                0..=5 => WalkCommand::Answer(some_answer(&walk, &mut rng)),
                6 | 7 => WalkCommand::Back,
                8 => WalkCommand::JumpTo(rng.below(walk.steps().len())),
                _ if rng.below(5) == 0 => WalkCommand::Restart,
                _ => WalkCommand::Note(None, "n".into()),
            };
            // Refused messages (back at the start, a wrong answer) must leave things as they were.
            let _ = walk.apply(msg.clone());
            assert_eq!(
                walk.variables(),
                walk.variables_from_steps(),
                "seed {seed}, after {msg:?}, steps {:?}",
                walk.steps().iter().map(|s| &s.node).collect::<Vec<_>>()
            );
            assert!(
                walk.answered().iter().all(|s| s.kept.is_empty()),
                "seed {seed}, after {msg:?}: only the current step keeps answers"
            );
            // A saver that skips the steps before `changed_since` never misses a change.
            if rng.below(2) == 0 {
                let from = walk.changed_since(saved_at).expect("same walk");
                let same = from.min(saved.len()).min(walk.steps().len());
                assert_eq!(
                    saved[..same],
                    walk.steps()[..same],
                    "seed {seed}, after {msg:?}"
                );
                (saved, saved_at) = (walk.steps().to_vec(), walk.revision());
            }
        }
    }
}

#[test]
fn a_change_log_is_only_read_against_its_own_walk() {
    let guide = guide(DEMO);
    let one = Walk::start(Arc::clone(&guide), Arc::new(StepClock::new(0, 1)));
    let other = Walk::start(guide, Arc::new(StepClock::new(0, 1)));
    assert_eq!(other.changed_since(one.revision()), None);
    assert_eq!(one.changed_since(one.revision()), Some(1));
}

#[test]
fn kept_variables_equal_a_full_recomputation_over_random_walks_of_the_demo_guide() {
    random_walks(DEMO);
}

#[test]
fn kept_variables_equal_a_full_recomputation_when_answers_overwrite_each_other() {
    random_walks(OVERWRITES);
}

/// A chain of `n` confirm questions `n0..`, each "yes" to the next and "no" to the escalation.
fn chain(n: usize) -> Arc<ValidGuide> {
    let mut text = String::from("format: 1\nid: chain\ntitle: t\nversion: \"1\"\nsummary: s\nreferences: [{title: x, url: \"https://example.com\"}]\nsections: []\nstart: n0\nnodes:\n");
    for i in 0..n {
        let yes = if i + 1 < n {
            format!("n{}", i + 1)
        } else {
            "r".into()
        };
        text.push_str(&format!(
            "  - {{id: n{i}, kind: confirm, prompt: P, why: w, how: h, yes: {yes}, no: r}}\n"
        ));
    }
    text.push_str(
        "  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}\n",
    );
    Arc::new(validate(load("chain.yaml", text.as_bytes()).expect("loads")).expect("valid"))
}

#[test]
fn a_ten_thousand_step_walk_answers_each_step_from_the_kept_variables() {
    let n = 10_000;
    let mut w = Walk::start(chain(n), Arc::new(StepClock::new(0, 1)));
    for _ in 0..n {
        w.apply(WalkCommand::Answer(Answer::Yes)).expect("yes");
    }
    assert!(w.is_finished());
    let vars = w.variables();
    assert_eq!(vars.len(), n);
    assert_eq!(vars.get("n9999"), Some(&Value::Text("yes".into())));
    w.apply(WalkCommand::JumpTo(5_000)).expect("jump");
    let vars = w.variables();
    assert_eq!(vars.len(), 5_000, "the jumped-over answers no longer count");
    assert_eq!(vars.get("n5000"), None);
    w.apply(WalkCommand::Answer(Answer::No)).expect("no");
    assert_eq!(w.variables().get("n5000"), Some(&Value::Text("no".into())));
    assert!(w.is_finished());
}

#[test]
fn a_replay_of_four_thousand_steps_rebuilds_the_same_walk_and_variables() {
    let guide = chain(4_000);
    let mut w = Walk::start(Arc::clone(&guide), Arc::new(StepClock::new(0, 1)));
    for _ in 0..4_000 {
        w.apply(WalkCommand::Answer(Answer::Yes)).expect("yes");
    }
    let replay = Walk::replay(guide, Arc::new(StepClock::new(0, 1)), w.steps(), &[]);
    assert_eq!(replay.stopped, None);
    assert_eq!(replay.walk.steps(), w.steps());
    assert_eq!(replay.walk.variables(), w.variables());
}

/// A guide whose questions the error page settles.
const SETTLED: &str = r#"
format: 1
id: settled
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections: []
start: code
nodes:
  - {id: code, kind: confirm, prompt: "Is it 51006?", yes: corr, no: r, evidence: {yes: "error.code == '51006'", no: "error.code != '51006'"}}
  - {id: corr, kind: input, prompt: p, format: guid, variable: error.correlation_id, next: app}
  - {id: app, kind: choice, prompt: p, options: [{id: cli, label: CLI, next: r}, {id: other, label: Other, next: r}], evidence: {cli: "error.app_name == 'Microsoft Azure CLI'", other: "error.app_name != 'Microsoft Azure CLI'"}}
  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}
"#;

fn attached(text: &str) -> Box<super::Attached> {
    Box::new(super::Attached {
        reading: crate::evidence::read(text).expect("evidence"),
        origin: "pasted".into(),
        at: time::OffsetDateTime::UNIX_EPOCH,
    })
}

const PAGE: &str = "Error Code: 51006\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\nApp name: Microsoft Azure CLI\n";

#[test]
fn evidence_answers_the_questions_ahead_with_the_line_that_proves_them() {
    let mut w = walk(SETTLED);
    assert_eq!(w.settled_here(), None, "nothing attached yet");
    w.apply(WalkCommand::Attach(attached(PAGE)))
        .expect("attach");
    let said = w.settled_here().expect("settled");
    assert_eq!(said.answer, Answer::Yes);
    assert_eq!(said.facts, ["error.code"]);
    assert_eq!(said.proof, "sign-in error page, line 1: Error Code: 51006");
    w.apply(WalkCommand::Answer(Answer::Yes)).expect("accept");
    assert!(w.steps()[0].from_evidence());
    let corr = w
        .settled_here()
        .expect("the input is settled by its variable");
    assert_eq!(
        corr.answer,
        Answer::Text("148787df-c02d-4cbe-947e-481164f67f03".into())
    );
    w.apply(WalkCommand::Answer(corr.answer)).expect("accept");
    // Overriding: the evidence says CLI, the technician says Other.
    assert_eq!(
        w.settled_here().map(|s| s.answer),
        Some(Answer::Choice("cli".into()))
    );
    w.apply(WalkCommand::Answer(Answer::Choice("other".into())))
        .expect("override");
    let step = &w.steps()[2];
    assert!(!step.from_evidence(), "an override is recorded as such");
    assert_eq!(
        step.evidence.as_ref().map(|e| &e.answer),
        Some(&Answer::Choice("cli".into()))
    );
    assert!(
        w.contradictions().is_empty(),
        "an override is not a contradiction"
    );
}

#[test]
fn evidence_attached_later_flags_the_answers_it_contradicts() {
    let mut w = walk(SETTLED);
    w.apply(WalkCommand::Answer(Answer::No))
        .expect("answered by hand");
    w.apply(WalkCommand::Attach(attached(PAGE)))
        .expect("attach");
    let flagged = w.contradictions();
    assert_eq!(flagged.len(), 1);
    assert_eq!(
        (flagged[0].step, &flagged[0].evidence.answer),
        (0, &Answer::Yes)
    );
}

#[test]
fn replay_and_restart_keep_the_evidence_and_what_it_said_at_each_step() {
    let mut w = walk(SETTLED);
    w.apply(WalkCommand::Attach(attached(PAGE)))
        .expect("attach");
    w.apply(WalkCommand::Answer(Answer::Yes)).expect("answer");
    let guide = Arc::clone(&w.shared_guide());
    let replay = Walk::replay(
        guide,
        Arc::new(StepClock::new(0, 1)),
        w.steps(),
        w.evidence(),
    );
    assert_eq!(replay.stopped, None);
    assert_eq!(replay.walk.steps()[0].evidence, w.steps()[0].evidence);
    assert_eq!(replay.walk.facts(), w.facts());
    w.apply(WalkCommand::Restart).expect("restart");
    assert_eq!(w.evidence().len(), 1);
    assert!(w.settled_here().is_some());
    assert_eq!(
        w.variables().get("error.code"),
        Some(&Value::Text("51006".into())),
        "facts are variables conditions can read"
    );
}

fn walk(yaml: &str) -> Walk {
    let guide = validate(load("g.yaml", yaml.as_bytes()).expect("loads")).expect("valid");
    Walk::start(Arc::new(guide), Arc::new(StepClock::new(0, 1)))
}

#[test]
fn secrets_typed_into_a_note_or_an_answer_are_redacted_before_they_are_kept() {
    let mut w = walk(SETTLED);
    w.apply(WalkCommand::Note(None, "pw: password=Hunter2secret".into()))
        .expect("note");
    assert_eq!(
        w.current_step().note.as_deref(),
        Some("pw: password=[redacted: secret]")
    );
    w.apply(WalkCommand::Answer(Answer::Yes)).expect("yes");
    // An input that only checks the shape of a GUID keeps it whole: ids are not secrets.
    w.apply(WalkCommand::Answer(Answer::Text(
        "148787df-c02d-4cbe-947e-481164f67f03".into(),
    )))
    .expect("guid");
    assert_eq!(
        w.steps()[1].answer,
        Some(Answer::Text("148787df-c02d-4cbe-947e-481164f67f03".into()))
    );
}

const ACCESS: &str = r#"
format: 1
id: access
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections: []
access:
  - {id: pc, label: The user's PC, owner: Desktop support}
  - {id: adfs, label: AD FS servers, owner: AD FS team}
start: a
nodes:
  - {id: a, kind: confirm, prompt: "On the PC?", access: [pc], yes: b, no: r_fix, unsure: b}
  - {id: b, kind: confirm, prompt: "AD FS lists the browser?", how: "Get-AdfsProperties", access: [adfs], yes: r_fix, no: r_fix, unsure: c}
  - {id: c, kind: info, prompt: "Read the AD FS log", access: [adfs], next: r_hand}
  - {id: r_fix, kind: resolution, outcome: resolved, title: fixed, cause: c, steps: [s], verify: v, references: [{title: x, url: "https://example.com"}]}
  - {id: r_hand, kind: resolution, outcome: escalate, owner: AD FS team, title: Hand off, cause: c, steps: [s]}
"#;

#[test]
fn checks_the_technician_cannot_do_are_not_asked_and_stay_open() {
    let mut w = walk(ACCESS);
    w.apply(WalkCommand::SetAccess(Some(["pc".to_string()].into())))
        .expect("access");
    assert_eq!(w.current().id, "a", "the PC check is asked");
    w.apply(WalkCommand::Answer(Answer::Yes)).expect("yes");
    assert!(w.is_finished(), "the AD FS checks passed over");
    assert_eq!(w.current().id, "r_hand");
    let skipped: Vec<(&str, Option<&Vec<String>>)> = w
        .answered()
        .iter()
        .map(|s| (s.node.as_str(), s.skipped.as_ref()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("a", None),
            ("b", Some(&vec!["adfs".to_string()])),
            ("c", Some(&vec!["adfs".to_string()]))
        ]
    );
    assert_eq!(w.steps()[1].answer, Some(Answer::Unsure));
    let findings: Vec<String> = w.findings().into_iter().map(|f| f.text).collect();
    assert!(
        findings.contains(&"Not checked (no access): AD FS lists the browser?".to_string()),
        "a can't-check answer records what was not verified: {findings:?}"
    );

    let summary = crate::report::Summary::of(&w);
    let open: Vec<(&str, &str, &[String])> = summary
        .open_checks
        .iter()
        .map(|c| (c.node.as_str(), c.reason.as_str(), c.owners.as_slice()))
        .collect();
    assert_eq!(open[0].0, "b");
    assert_eq!(open[0].1, "not checked: needs AD FS servers");
    assert_eq!(open[0].2, ["AD FS team".to_string()]);
    assert_eq!(
        summary.resolution.and_then(|r| r.owner).as_deref(),
        Some("AD FS team")
    );
}

#[test]
fn with_no_access_set_every_check_is_asked_and_restart_keeps_the_access() {
    let mut w = walk(ACCESS);
    w.apply(WalkCommand::Answer(Answer::Yes)).expect("yes");
    assert_eq!(w.current().id, "b", "no access set: everything is asked");
    w.apply(WalkCommand::SetAccess(Some(
        std::collections::BTreeSet::new(),
    )))
    .expect("none");
    assert!(
        w.is_finished(),
        "setting less access passes over what is left"
    );
    w.apply(WalkCommand::Restart).expect("restart");
    assert!(
        w.is_finished(),
        "the first check needs the PC too: skipped again"
    );
    assert_eq!(w.answered()[0].skipped, Some(vec!["pc".to_string()]));
}

#[test]
fn a_check_the_technician_cannot_do_takes_the_answer_attached_evidence_gives() {
    const GUIDE: &str = r#"
format: 1
id: access_evidence
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections: []
access:
  - {id: pc, label: The user's PC, owner: Desktop support}
  - {id: signin_log, label: Sign-in log, owner: Identity team}
start: code
nodes:
  - {id: code, kind: confirm, prompt: "Does the log show 51006?", access: [signin_log], yes: app, no: r, unsure: app, evidence: {yes: "error.code == '51006'"}}
  - {id: app, kind: confirm, prompt: "Is the app the CLI?", access: [signin_log], yes: r, no: r, unsure: r}
  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}
"#;
    let mut w = walk(GUIDE);
    w.apply(WalkCommand::Attach(attached(PAGE)))
        .expect("attach");
    w.apply(WalkCommand::SetAccess(Some(["pc".to_string()].into())))
        .expect("access");
    assert!(w.is_finished());
    let code = &w.steps()[0];
    assert_eq!(code.answer, Some(Answer::Yes), "the evidence answered it");
    assert!(code.from_evidence());
    assert_eq!(code.skipped, None, "answered, so not an open check");
    let app = &w.steps()[1];
    assert_eq!(app.answer, Some(Answer::Unsure), "no evidence: passed over");
    assert_eq!(app.skipped, Some(vec!["signin_log".to_string()]));
}

#[test]
fn a_walk_opened_at_a_node_starts_there_and_resumes_there() {
    let guide =
        Arc::new(validate(load("g.yaml", SETTLED.as_bytes()).expect("loads")).expect("valid"));
    let clock = Arc::new(StepClock::new(0, 1));
    assert!(Walk::start_at(Arc::clone(&guide), clock.clone(), "nope").is_none());
    let mut w = Walk::start_at(Arc::clone(&guide), clock.clone(), "app").expect("a node");
    assert_eq!(w.current().id, "app");
    w.apply(WalkCommand::Answer(Answer::Choice("cli".into())))
        .expect("answer");
    assert!(w.is_finished());
    let replayed = Walk::replay(guide, clock, w.steps(), &[]);
    assert!(replayed.stopped.is_none(), "replays from where it opened");
    assert_eq!(replayed.walk.steps()[0].node, "app");
    assert!(replayed.walk.is_finished());
}

const TYPED_OVER: &str = r#"
format: 1
id: typed_over
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections: []
start: code
nodes:
  - {id: code, kind: input, prompt: p, variable: error.code, evidence: error.code, next: family}
  - {id: family, kind: choice, prompt: p, options: [{id: sso, label: SSO, next: r}, {id: other, label: Other, next: r}], evidence: {sso: "error.code == '81010'", other: "error.code != '81010'"}}
  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}
"#;

#[test]
fn a_fact_an_answer_typed_over_is_no_longer_cited_as_the_evidence() {
    let page = "Error Code: 700016\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\n";
    // Accepted as the page says: the next question is still the evidence's to answer.
    let mut w = walk(TYPED_OVER);
    w.apply(WalkCommand::Attach(attached(page)))
        .expect("attach");
    w.apply(WalkCommand::Answer(Answer::Text("700016".into())))
        .expect("accept");
    let said = w.settled_here().expect("settled by the page");
    assert_eq!(said.answer, Answer::Choice("other".into()));
    assert!(said.proof.contains("700016"), "{}", said.proof);

    // Typed over (the page was an older error): the page no longer speaks for the code.
    let mut w = walk(TYPED_OVER);
    w.apply(WalkCommand::Attach(attached(page)))
        .expect("attach");
    w.apply(WalkCommand::Answer(Answer::Text("81010".into())))
        .expect("override");
    assert_eq!(
        w.settled_here(),
        None,
        "the page's code was typed over: no evidence answers the family"
    );
}
