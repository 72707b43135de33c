//! Tests of practice cases: checking a case, the expert walk, and the debrief of right and wrong
//! plays.

use std::sync::Arc;

use super::*;
use crate::guide::{load, validate};

const DEMO: &str = include_str!("../../tests/fixtures/valid/demo.yaml");

fn guide() -> Arc<ValidGuide> {
    Arc::new(validate(load("demo.yaml", DEMO.as_bytes()).expect("loads")).expect("valid"))
}

const CASE: &str = r#"
guide: demo
title: The VPN was on, the browser was Chrome
difficulty: easy
narrative: Alex cannot open the expenses app from the office.
observations:
  vpn: The VPN client shows Connected.
  browser: The user opens the app in Chrome.
answers:
  vpn: yes
  browser: chrome
  checks: [a]
expect: fix_vpn
"#;

fn case(text: &str) -> Case {
    parse("case.yaml", text.as_bytes()).expect("a case")
}

fn play(case: &Case, answers: &[Answer]) -> Walk {
    let mut walk = case.start(guide(), Arc::new(StepClock::new(0, 30)), &[]);
    for a in answers {
        walk.apply(WalkCommand::Answer(a.clone())).expect("answer");
    }
    walk
}

#[test]
fn a_sound_case_has_no_problems_and_its_answers_reach_its_cause() {
    let c = case(CASE);
    assert_eq!(c.problems(&guide(), &[]), Vec::<String>::new());
    let expert = c.expert_walk(guide(), &[]).expect("walks");
    assert_eq!(expert.current().id, "fix_vpn");
    assert_eq!(expert.answered().len(), 3);
}

#[test]
fn a_case_whose_answers_miss_its_cause_or_name_unknown_nodes_is_an_error() {
    let short = case(&CASE.replace("  checks: [a]\n", ""));
    let problems = short.problems(&guide(), &[]);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("the case's answers stop at node 'checks'")),
        "{problems:?}"
    );
    let typo = case(&CASE.replace("  vpn: The VPN", "  vnp: The VPN"));
    let problems = typo.problems(&guide(), &[]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("'vnp'") && p.contains("did you mean 'vpn'")),
        "{problems:?}"
    );
    let no_cause = case(&CASE.replace("expect: fix_vpn", "expect: vpn"));
    assert!(no_cause
        .problems(&guide(), &[])
        .iter()
        .any(|p| p.contains("'vpn' is not a resolution")));
}

#[test]
fn the_trainee_sees_the_case_s_observations() {
    let c = case(CASE);
    assert_eq!(c.observation("vpn"), "The VPN client shows Connected.");
    assert!(c.observation("checks").contains("nothing more"));
}

#[test]
fn a_right_play_is_debriefed_as_right_with_no_wrong_turns() {
    let c = case(CASE);
    let expert = c.expert_walk(guide(), &[]).expect("walks");
    let trainee = play(
        &c,
        &[
            Answer::Yes,
            Answer::Choice("chrome".into()),
            Answer::Multi(vec!["a".into()]),
        ],
    );
    let d = debrief(&c, &trainee, &expert);
    assert!(d.right_cause);
    assert_eq!((d.steps_taken, d.expert_steps), (3, 3));
    assert!(d.wrong_turns.is_empty());
    // The step clock moves 30 s at every reading: the walk took 3 minutes by it.
    assert_eq!(d.seconds, 180);
    let text = d.render();
    assert!(text.contains("No wrong turns"), "{text}");
    assert!(
        text.contains("Steps: 3 (the case's path takes 3). Time: 3 min 0 s."),
        "{text}"
    );
}

#[test]
fn a_wrong_play_names_each_wrong_turn_with_the_why_of_the_question() {
    let c = case(CASE);
    let expert = c.expert_walk(guide(), &[]).expect("walks");
    // Edge instead of Chrome: the walk goes on to the UPN and still ends at fix_vpn, but by
    // another road; "can't check" on the VPN would have stopped it at once.
    let trainee = play(
        &c,
        &[
            Answer::Yes,
            Answer::Choice("edge".into()),
            Answer::Multi(vec!["a".into()]),
            Answer::Text("alex@contoso.com".into()),
        ],
    );
    let d = debrief(&c, &trainee, &expert);
    assert_eq!(d.steps_taken, 4);
    assert_eq!(d.wrong_turns.len(), 1);
    let turn = &d.wrong_turns[0];
    assert_eq!(
        (
            turn.node.as_str(),
            turn.given.as_str(),
            turn.expected.as_str()
        ),
        ("browser", "Edge", "Chrome")
    );
    assert_eq!(turn.why.as_deref(), Some("w"));
    let text = d.render();
    assert!(
        text.contains("2. Which browser?: you answered \"Edge\", the case shows \"Chrome\"."),
        "{text}"
    );

    let unsure = play(&c, &[Answer::Unsure]);
    let d = debrief(&c, &unsure, &expert);
    assert_eq!(d.unsure_with_answer, ["On VPN?".to_string()]);
    assert!(d
        .render()
        .contains("\"Can't check\" where the case had the answer: On VPN?"));
}

#[test]
fn results_are_kept_per_trainee_and_progress_shows_them() {
    let c = case(CASE);
    let expert = c.expert_walk(guide(), &[]).expect("walks");
    // Stopped after one answer: no cause reached.
    let wrong = play(&c, &[Answer::Yes]);
    let right = play(
        &c,
        &[
            Answer::Yes,
            Answer::Choice("chrome".into()),
            Answer::Multi(vec!["a".into()]),
        ],
    );
    let at = time::OffsetDateTime::UNIX_EPOCH;
    let lines: Vec<String> = [
        Record::of("sam", &c, &debrief(&c, &wrong, &expert), at),
        Record::of("sam", &c, &debrief(&c, &right, &expert), at),
        Record::of("jo", &c, &debrief(&c, &wrong, &expert), at),
    ]
    .iter()
    .map(|r| serde_json::to_string(r).expect("json"))
    .collect();
    let text = format!("{}\n{{cut off\n", lines.join("\n"));
    let all = records(&text);
    assert_eq!(all.len(), 3, "the cut line is skipped");
    let sam = progress("sam", &all);
    assert!(
        sam.starts_with("Practice of sam: 2 play(s) of 1 case(s), 1 with the right cause."),
        "{sam}"
    );
    assert!(
        sam.contains(
            "+ The VPN was on, the browser was Chro  2 play(s), last  3/3  steps, 0 wrong"
        ),
        "{sam}"
    );
    assert!(sam.lines().all(|l| l.chars().count() <= 80), "{sam}");
    assert!(progress("kim", &all).starts_with("No practice results for kim"));
}

#[test]
fn a_case_is_played_as_plain_lines_from_typed_numbers_and_words() {
    let c = case(CASE);
    let mut walk = c.start(guide(), Arc::new(StepClock::new(0, 30)), &[]);
    // "maybe" is refused with what is expected; then yes, Chrome by its number, item A.
    let mut input = std::io::Cursor::new("maybe\nyes\n2\n1\n");
    let mut out = Vec::new();
    let ended = super::play(&c, &mut walk, &mut input, &mut out).expect("plays");
    assert_eq!(ended, Ended::Resolved);
    let text = String::from_utf8(out).expect("utf-8");
    assert!(
        text.contains("Practice case: The VPN was on, the browser was Chrome"),
        "{text}"
    );
    assert!(
        text.contains("  The case: The VPN client shows Connected."),
        "{text}"
    );
    assert!(
        text.contains(
            "  'maybe' is not an answer here; type a number from the list, yes, no, or unsure"
        ),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no escape sequences");
    let expert = c.expert_walk(guide(), &[]).expect("walks");
    let d = debrief(&c, &walk, &expert);
    assert!(d.right_cause && d.wrong_turns.is_empty(), "{d:?}");

    let mut walk = c.start(guide(), Arc::new(StepClock::new(0, 30)), &[]);
    let ended = super::play(
        &c,
        &mut walk,
        &mut std::io::Cursor::new("quit\n"),
        &mut Vec::new(),
    )
    .expect("plays");
    assert_eq!(ended, Ended::Stopped);
}

const FIELDS: &str = r#"
format: 1
id: fields
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections: []
start: corr
nodes:
  - {id: corr, kind: input, prompt: "Correlation id:", why: w, how: h, format: guid, variable: error.correlation_id, next: ok}
  - {id: ok, kind: confirm, prompt: "Does it work?", why: w, how: h, yes: fixed, no: fixed, evidence: {yes: "error.code == '51006'", no: "error.code != '51006'"}}
  - {id: fixed, kind: resolution, outcome: resolved, title: Fixed, cause: c, steps: [s], verify: v, references: [{title: x, url: "https://example.com"}]}
"#;

#[test]
fn a_field_the_evidence_fills_is_offered_and_a_question_to_decide_is_not() {
    let guide =
        Arc::new(validate(load("fields.yaml", FIELDS.as_bytes()).expect("loads")).expect("valid"));
    let c = parse(
        "case.yaml",
        b"guide: fields\ntitle: T\ndifficulty: easy\nnarrative: N.\nanswers:\n  corr: 148787df-c02d-4cbe-947e-481164f67f03\n  ok: yes\nexpect: fixed\n",
    )
    .expect("a case");
    let page = crate::engine::Attached {
        reading: crate::evidence::read(
            "Error Code: 51006\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\n",
        )
        .expect("a page"),
        origin: "case".into(),
        at: time::OffsetDateTime::UNIX_EPOCH,
    };
    let mut walk = c.start(guide, Arc::new(StepClock::new(0, 30)), &[page]);
    // Enter takes the id the page shows; the yes/no is still typed.
    let mut input = std::io::Cursor::new("\nyes\n");
    let mut out = Vec::new();
    let ended = super::play(&c, &mut walk, &mut input, &mut out).expect("plays");
    assert_eq!(ended, Ended::Resolved);
    let text = String::from_utf8(out).expect("utf-8");
    assert!(
        text.contains("  From the evidence: 148787df-c02d-4cbe-947e-481164f67f03 (sign-in error page, line 2: Correlation Id: 148787df-c02d-4cbe-947e-481164f67f03). Enter takes it."),
        "{text}"
    );
    assert_eq!(text.matches("From the evidence").count(), 1, "{text}");
    assert_eq!(
        walk.steps()[0].answer,
        Some(Answer::Text("148787df-c02d-4cbe-947e-481164f67f03".into()))
    );
}
