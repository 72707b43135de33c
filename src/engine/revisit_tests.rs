//! Going back never destroys work (U2): the same answer walks on through what was kept, another
//! answer keeps the old one and its branch as replaced, and sessions from before still load.

use std::sync::Arc;

use super::{Answer, Replaced, Step, StepClock, Walk, WalkCommand};
use crate::guide::{load, validate, Value};

const DEMO: &str = include_str!("../../tests/fixtures/valid/demo.yaml");

fn walk() -> Walk {
    let guide = validate(load("demo.yaml", DEMO.as_bytes()).expect("loads")).expect("valid");
    Walk::start(Arc::new(guide), Arc::new(StepClock::new(1_795_737_600, 60)))
}

fn apply(w: &mut Walk, msg: WalkCommand) {
    w.apply(msg.clone())
        .unwrap_or_else(|e| panic!("{msg:?}: {e}"));
}

fn note(w: &mut Walk, text: &str) {
    apply(w, WalkCommand::Note(None, text.into()));
}

fn answer(w: &mut Walk, a: Answer) {
    apply(w, WalkCommand::Answer(a));
}

/// On VPN? yes, Edge, A ticked, each with a note; standing at the UPN question with a note too.
fn walked() -> Walk {
    let mut w = walk();
    note(&mut w, "vpn checked with nltest");
    answer(&mut w, Answer::Yes);
    note(&mut w, "Edge 120");
    answer(&mut w, Answer::Choice("edge".into()));
    note(&mut w, "A seen in the log");
    answer(&mut w, Answer::Multi(vec!["a".into()]));
    note(&mut w, "user is on leave");
    assert_eq!(w.current().id, "upn");
    w
}

fn notes(w: &Walk) -> Vec<Option<&str>> {
    w.steps().iter().map(|s| s.note.as_deref()).collect()
}

#[test]
fn back_then_the_same_answer_restores_every_later_answer_and_note() {
    let mut w = walked();
    let before = w.steps().to_vec();
    let vars = w.variables();
    apply(&mut w, WalkCommand::Back);
    apply(&mut w, WalkCommand::Back);
    assert_eq!(w.current().id, "browser");
    assert_eq!(w.earlier_answer(), Some(&Answer::Choice("edge".into())));
    assert_eq!(w.kept_later_answers(), 1, "the checklist answer is kept");
    assert_eq!(
        w.current_step().note.as_deref(),
        Some("Edge 120"),
        "the revisited step shows its note"
    );
    answer(&mut w, Answer::Choice("edge".into()));
    assert_eq!(w.current().id, "upn", "walked on through the kept answers");
    assert_eq!(
        w.steps(),
        before.as_slice(),
        "every answer, note and time as it was"
    );
    assert_eq!(w.variables(), vars);
    assert!(
        w.replaced().is_empty(),
        "nothing changed, so nothing replaced"
    );
}

#[test]
fn back_then_a_different_answer_keeps_the_old_branch_as_replaced_with_its_note() {
    let mut w = walked();
    let before = w.steps().to_vec();
    apply(&mut w, WalkCommand::JumpTo(1));
    answer(&mut w, Answer::Choice("chrome".into()));
    assert_eq!(
        w.current().id,
        "checks",
        "a fresh question on the new answer's way"
    );
    assert_eq!(
        notes(&w),
        [Some("vpn checked with nltest"), None, None],
        "the note written on Edge went with it"
    );
    assert_eq!(
        w.variables().get("needs_policy"),
        Some(&Value::Text("yes".into()))
    );
    let [replaced] = w.replaced() else {
        panic!("one replaced answer: {:?}", w.replaced())
    };
    assert_eq!(replaced.step, 1);
    assert_eq!(replaced.node, "browser");
    assert_eq!(replaced.answer, Some(Answer::Choice("edge".into())));
    assert_eq!(replaced.new, Some(Answer::Choice("chrome".into())));
    assert_eq!(replaced.note.as_deref(), Some("Edge 120"));
    assert_eq!(replaced.answered_at, before[1].answered_at);
    assert!(
        replaced.replaced_at > before[3].entered_at,
        "stamped when changed"
    );
    assert_eq!(replaced.reason, None, "the technician changed it");
    assert_eq!(
        replaced.later,
        before[2..].to_vec(),
        "the abandoned branch, notes and all"
    );
    assert_eq!(w.replaced_at(1).len(), 1, "history marks the step changed");
}

#[test]
fn a_note_edited_after_going_back_stays_with_the_new_answer() {
    let mut w = walked();
    apply(&mut w, WalkCommand::JumpTo(0));
    note(&mut w, "VPN dropped at 10:02");
    answer(&mut w, Answer::No);
    assert_eq!(w.steps()[0].note.as_deref(), Some("VPN dropped at 10:02"));
    assert_eq!(
        w.replaced()[0].note.as_deref(),
        Some("vpn checked with nltest"),
        "the old answer keeps the note written on it"
    );
}

#[test]
fn jumping_back_several_steps_then_forward_restores_the_whole_walk() {
    let mut w = walked();
    let before = w.steps().to_vec();
    apply(&mut w, WalkCommand::Back);
    apply(&mut w, WalkCommand::JumpTo(0));
    assert_eq!(w.current().id, "vpn");
    assert_eq!(w.earlier_answer(), Some(&Answer::Yes));
    assert_eq!(w.kept_later_answers(), 2);
    // A step kept only for its note (where the walk stood) is walked back to as well.
    answer(&mut w, Answer::Yes);
    assert_eq!(w.steps(), before.as_slice());
    // And from the start again, once forward by hand: the same answers go on as before.
    apply(&mut w, WalkCommand::JumpTo(0));
    answer(&mut w, Answer::Yes);
    assert_eq!(w.steps(), before.as_slice());
}

#[test]
fn a_walk_on_stops_at_the_first_kept_answer_that_changed_and_offers_it() {
    let mut w = walked();
    apply(&mut w, WalkCommand::JumpTo(0));
    answer(&mut w, Answer::Yes);
    apply(&mut w, WalkCommand::JumpTo(1));
    answer(&mut w, Answer::Choice("edge".into()));
    assert_eq!(w.current().id, "upn");
    // Back to the checklist, ticking B instead: A's branch (the UPN note) is set aside.
    apply(&mut w, WalkCommand::JumpTo(2));
    assert_eq!(w.earlier_answer(), Some(&Answer::Multi(vec!["a".into()])));
    answer(&mut w, Answer::Multi(vec!["b".into()]));
    assert_eq!(w.current().id, "upn");
    assert_eq!(w.current_step().note, None, "a fresh visit after a change");
    assert_eq!(w.replaced().len(), 1);
    assert_eq!(
        w.replaced()[0].later[0].note.as_deref(),
        Some("user is on leave")
    );
}

#[test]
fn a_replayed_walk_keeps_what_going_back_kept_and_the_trail() {
    let mut w = walked();
    let before = w.steps().to_vec();
    apply(&mut w, WalkCommand::JumpTo(1));
    answer(&mut w, Answer::Choice("chrome".into()));
    apply(&mut w, WalkCommand::JumpTo(0));
    let replay = Walk::replay(
        w.shared_guide(),
        Arc::new(StepClock::new(1_795_800_000, 60)),
        w.steps(),
        &[],
    );
    assert_eq!(replay.stopped, None);
    let mut resumed = replay.walk;
    resumed.restore_replaced(w.replaced().to_vec());
    assert_eq!(resumed.earlier_answer(), Some(&Answer::Yes));
    assert_eq!(resumed.replaced(), w.replaced());
    answer(&mut resumed, Answer::Yes);
    answer(&mut w, Answer::Yes);
    assert_eq!(resumed.current().id, "checks");
    assert_eq!(
        resumed.answered(),
        w.answered(),
        "the resumed walk goes on as the first would"
    );
    assert_eq!(resumed.steps()[0], before[0]);
}

#[test]
fn a_step_and_a_replaced_answer_from_before_the_change_load() {
    // A step as tshoot wrote it before answers were kept: no `kept`.
    let old = r#"{"node":"vpn","answer":{"type":"yes"},"note":"n","entered_at":"2026-11-27T10:00:00Z","answered_at":"2026-11-27T10:01:00Z"}"#;
    let step: Step = serde_json::from_str(old).expect("an old step loads");
    assert!(step.kept.is_empty());
    assert_eq!(step.answer, Some(Answer::Yes));
    let replaced =
        r#"{"step":0,"node":"vpn","answer":{"type":"yes"},"replaced_at":"2026-11-27T10:02:00Z"}"#;
    let replaced: Replaced = serde_json::from_str(replaced).expect("the least a record holds");
    assert!(replaced.later.is_empty() && replaced.note.is_none());
}

#[test]
fn giving_the_same_answer_at_the_start_with_nothing_kept_changes_nothing_else() {
    let mut w = walk();
    answer(&mut w, Answer::Yes);
    apply(&mut w, WalkCommand::Back);
    assert_eq!(
        w.kept_later_answers(),
        0,
        "the unanswered step held no note"
    );
    answer(&mut w, Answer::No);
    assert!(w.is_finished());
    assert_eq!(w.replaced().len(), 1);
    assert!(w.replaced()[0].later.is_empty());
}

/// A guide whose route after `b` depends on what the error page says.
const ROUTED: &str = r#"
format: 1
id: routed
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections: []
start: a
nodes:
  - {id: a, kind: confirm, prompt: p, yes: b, no: r}
  - {id: b, kind: confirm, prompt: p, yes: {next: [{when: "error.code == '51006'", goto: c}, {goto: d}]}, no: r}
  - {id: c, kind: confirm, prompt: p, yes: r, no: r}
  - {id: d, kind: confirm, prompt: p, yes: r, no: r}
  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}
"#;

#[test]
fn the_same_answers_on_a_path_that_moved_set_the_rest_aside_with_the_reason() {
    let guide = validate(load("routed.yaml", ROUTED.as_bytes()).expect("loads")).expect("valid");
    let mut w = Walk::start(Arc::new(guide), Arc::new(StepClock::new(1_795_737_600, 60)));
    answer(&mut w, Answer::Yes);
    answer(&mut w, Answer::Yes);
    assert_eq!(w.current().id, "d");
    note(&mut w, "d checked by hand");
    answer(&mut w, Answer::No);
    apply(&mut w, WalkCommand::JumpTo(0));
    // Evidence attached meanwhile sends `b`'s yes to `c` now.
    let page = "Error Code: 51006\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\n";
    apply(
        &mut w,
        WalkCommand::Attach(Box::new(super::Attached {
            reading: crate::evidence::read(page).expect("evidence"),
            origin: "pasted".into(),
            at: time::OffsetDateTime::UNIX_EPOCH,
        })),
    );
    answer(&mut w, Answer::Yes);
    assert_eq!(w.current().id, "c", "walked on while the path was the same");
    assert_eq!(w.answered().len(), 2);
    let [aside] = w.replaced() else {
        panic!("d set aside: {:?}", w.replaced())
    };
    assert_eq!((aside.step, aside.node.as_str()), (2, "d"));
    assert_eq!(aside.answer, Some(Answer::No));
    assert_eq!(aside.new, None, "no longer asked");
    assert_eq!(aside.note.as_deref(), Some("d checked by hand"));
    assert_eq!(
        aside.reason.as_deref(),
        Some("no longer on the path: 'c' is asked here now")
    );
}

#[test]
fn history_marks_only_changes_on_the_path_walked_now() {
    let mut w = walked();
    apply(&mut w, WalkCommand::JumpTo(2));
    answer(&mut w, Answer::Multi(vec!["b".into()]));
    assert_eq!(w.replaced_at(2).len(), 1, "the checklist was changed");
    apply(&mut w, WalkCommand::JumpTo(1));
    answer(&mut w, Answer::Choice("chrome".into()));
    assert_eq!(
        w.current().id,
        "checks",
        "the checklist again, on a new branch"
    );
    assert!(
        w.replaced_at(2).is_empty(),
        "its earlier change belongs to the branch set aside"
    );
    assert_eq!(w.replaced_at(1).len(), 1);
    assert_eq!(w.replaced().len(), 2, "both kept in the trail");
}

#[test]
fn after_a_restart_the_trail_is_kept_but_the_new_walk_is_not_marked_changed() {
    let mut w = walked();
    apply(&mut w, WalkCommand::JumpTo(1));
    answer(&mut w, Answer::Choice("chrome".into()));
    apply(&mut w, WalkCommand::Restart);
    answer(&mut w, Answer::Yes);
    answer(&mut w, Answer::Choice("chrome".into()));
    assert_eq!(w.replaced().len(), 1, "the trail is only ever added to");
    assert!(
        w.replaced_at(1).is_empty(),
        "a fresh answer, not a changed one"
    );
}
