//! Tests of headless walks: answers files, hints, templates and runs.

use std::sync::Arc;

use super::*;
use crate::engine::StepClock;
use crate::guide::{load, validate};

const DEMO: &str = include_str!("../../tests/fixtures/valid/demo.yaml");

fn walk() -> Walk {
    let guide = validate(load("demo.yaml", DEMO.as_bytes()).expect("loads")).expect("valid");
    Walk::start(Arc::new(guide), Arc::new(StepClock::new(0, 1)))
}

fn script(yaml: &str) -> AnswerScript {
    parse_answers("answers.yaml", yaml.as_bytes())
        .expect("answers parse")
        .0
}

#[test]
fn every_answer_is_handed_to_save_before_the_next_question() {
    let mut w = walk();
    let mut saved = Vec::new();
    let answers =
        script("vpn: yes\nbrowser: edge\nchecks: []\nupn: {answer: a@b.com, note: typed}\n");
    run_saving(
        &mut w,
        &answers,
        &mut |w| {
            saved.push(w.answered().len());
            Ok(())
        },
        &mut |_| {},
    )
    .expect("walks to the end");
    assert_eq!(saved, vec![1, 2, 3, 4]);
    assert_eq!(w.steps()[3].note.as_deref(), Some("typed"));
}

#[test]
fn a_failing_save_stops_the_walk_at_that_node() {
    let mut w = walk();
    let answers = script("vpn: yes\nbrowser: edge\n");
    let err = run_saving(
        &mut w,
        &answers,
        &mut |_| Err("disk full".into()),
        &mut |_| {},
    )
    .expect_err("stops");
    assert_eq!(err.node, "vpn");
    assert!(err.message.contains("disk full"));
}

#[test]
fn entries_for_nodes_the_guide_does_not_have_are_found() {
    let w = walk();
    let answers = script("vpn: yes\nbrowsr: edge\n");
    assert_eq!(unknown_entries(w.guide(), &answers), vec!["browsr"]);
}

#[test]
fn a_misspelt_scenario_key_is_reported_not_taken_for_a_node() {
    let text = "guide: demo\nexpct: fix_vpn\nanswers:\n  vpn: yes\n";
    let problem = parse_answers("s.yaml", text.as_bytes()).expect_err("typo");
    assert_eq!(problem.location.line, 2);
    assert!(problem.message.contains("unknown key 'expct'"), "{problem}");
}

#[test]
fn a_misspelt_key_in_an_answer_with_a_note_is_an_error_at_its_line() {
    let problem = parse_answers("a.yaml", b"vpn: yes\nbrowser: {answr: edge}\n").expect_err("typo");
    assert_eq!(
        (problem.location.line, problem.location.column),
        (2, 11),
        "at the key itself: {problem}"
    );
    assert!(
        problem.message.contains("'answr'") && problem.message.contains("'answer' and 'note'"),
        "{problem}"
    );
    let (script, _) = parse_answers(
        "a.yaml",
        b"vpn: {answer: yes, note: seen}\nchecks: []\nupn: 7\n",
    )
    .expect("fine");
    assert_eq!(
        script.get("vpn"),
        Some(&ScriptEntry::WithNote(NotedAnswer {
            answer: Some(ScriptValue::Text("yes".into())),
            note: Some("seen".into())
        }))
    );
    assert_eq!(
        script.get("checks"),
        Some(&ScriptEntry::Plain(ScriptValue::List(vec![])))
    );
    assert_eq!(
        script.get("upn"),
        Some(&ScriptEntry::Plain(ScriptValue::Whole(7)))
    );
}

#[test]
fn a_missing_answer_names_the_values_the_node_takes() {
    let mut w = walk();
    let err = run(&mut w, &script("{}")).expect_err("nothing answered");
    assert!(err.message.contains("add 'vpn: <yes|no|unsure>'"), "{err}");
    let mut w = walk();
    let err = run(&mut w, &script("vpn: yes")).expect_err("browser missing");
    assert!(
        err.message.contains("add 'browser: <edge|chrome>'"),
        "{err}"
    );
    let mut w = walk();
    let err = run(&mut w, &script("vpn: yes\nbrowser: edge")).expect_err("checks missing");
    assert!(
        err.message
            .contains("add 'checks: [<a|b>, ...] (or [] for none)'"),
        "{err}"
    );
}

#[test]
fn a_node_id_typo_gets_a_did_you_mean() {
    let w = walk();
    assert_eq!(node_hint(w.guide(), "vpm"), "; did you mean 'vpn'?");
    assert_eq!(node_hint(w.guide(), "zzzzzzzz"), "");
}

#[test]
fn a_plain_map_that_has_a_node_named_answers_stays_a_plain_map() {
    let (script, scenario) = parse_answers("a.yaml", b"answers: yes\nvpn: no\n").expect("plain");
    assert!(scenario.is_none());
    assert_eq!(script.len(), 2);
}

#[test]
fn yaml_booleans_and_numbers_are_accepted_as_answers() {
    assert_eq!(
        to_answer(NodeKind::Confirm, &ScriptValue::Flag(true)),
        Ok(Answer::Yes)
    );
    assert_eq!(
        to_answer(NodeKind::Input, &ScriptValue::Whole(51006)),
        Ok(Answer::Text("51006".into()))
    );
    assert_eq!(
        to_answer(NodeKind::Multi, &ScriptValue::Text("a".into())),
        Ok(Answer::Multi(vec!["a".into()]))
    );
    assert!(to_answer(NodeKind::Confirm, &ScriptValue::Text("maybe".into())).is_err());
}
