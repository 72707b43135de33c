//! The engine walked through a small guide that has every node kind: no terminal, no I/O, a
//! stepping clock so times are exact.

use std::sync::Arc;

use pretty_assertions::assert_eq;
use tshoot::engine::{Answer, StepClock, Walk, WalkCommand, WalkError};
use tshoot::guide::Value;
use tshoot::guide::{load, validate, ValidGuide};

const GUIDE: &str = r#"
format: 1
id: walk
title: Walk test
version: 2.0.0
summary: Every kind of node.
references: [{title: Example, url: "https://example.com"}]
sections:
  - {id: intake, title: Intake}
  - {id: net, title: Network}
start: intro
nodes:
  - id: intro
    section: intake
    kind: info
    prompt: Read this first.
    next: user
  - id: user
    section: intake
    kind: input
    prompt: Who is affected?
    why: w
    how: h
    format: upn
    variable: error.user
    unsure: {next: vpn, finding: User unknown}
    next: vpn
  - id: vpn
    section: net
    kind: confirm
    prompt: On VPN?
    why: w
    how: h
    yes: browser
    no: {next: fix_vpn, finding: Not on VPN, set: {network: offsite}}
    unsure: browser
  - id: browser
    section: net
    kind: choice
    prompt: Which browser?
    why: w
    how: h
    options:
      - {id: edge, label: Microsoft Edge, next: checks}
      - {id: chrome, label: Google Chrome, next: checks, set: {needs_allowlist: "yes"}, finding: Chrome needs an allowlist}
  - id: checks
    section: net
    kind: multi
    prompt: Tick what you see
    why: w
    how: h
    options:
      - {id: zone, label: Site not in intranet zone, finding: Intranet zone missing}
      - {id: proxy, label: Proxy in the way}
    next:
      - {when: "'zone' in checks and needs_allowlist", goto: fix_zone}
      - {when: "vpn == 'unsure'", goto: escalate}
      - {goto: fix_vpn}
  - id: fix_vpn
    kind: resolution
    outcome: resolved
    title: Connect the VPN
    cause: No line of sight to a domain controller.
    steps: [Connect, Retry]
    verify: Sign-in works.
    references: [{title: Example, url: "https://example.com"}]
  - id: fix_zone
    kind: resolution
    outcome: workaround
    title: Add the site to the zone
    cause: Zone missing.
    steps: [Add it]
    verify: Works.
    references: [{title: Example, url: "https://example.com"}]
  - id: escalate
    kind: resolution
    outcome: escalate
    title: Escalate
    cause: Unknown.
    steps: [Send it on]
"#;

fn guide() -> Arc<ValidGuide> {
    Arc::new(validate(load("walk.yaml", GUIDE.as_bytes()).expect("loads")).expect("valid"))
}

fn walk() -> Walk {
    Walk::start(guide(), Arc::new(StepClock::new(1_700_000_000, 10)))
}

fn answer(walk: &mut Walk, a: Answer) {
    walk.apply(WalkCommand::Answer(a)).expect("answer fits");
}

fn text(s: &str) -> Answer {
    Answer::Text(s.to_string())
}

fn path(walk: &Walk) -> Vec<&str> {
    walk.steps().iter().map(|s| s.node.as_str()).collect()
}

#[test]
fn a_walk_starts_at_the_start_node_with_nothing_answered() {
    let w = walk();
    assert_eq!(w.current().id, "intro");
    assert!(w.answered().is_empty());
    assert!(!w.is_finished());
    assert!(w.variables().is_empty());
}

#[test]
fn info_continues_and_input_stores_its_variable() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("  alex@contoso.com "));
    assert_eq!(w.current().id, "vpn");
    assert_eq!(
        w.variables().get("error.user"),
        Some(&Value::Text("alex@contoso.com".into()))
    );
    assert_eq!(
        w.variables().get("intro"),
        Some(&Value::Text("done".into()))
    );
}

#[test]
fn an_input_that_does_not_fit_its_format_is_refused_with_what_is_expected() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    let err = w
        .apply(WalkCommand::Answer(text("alex")))
        .expect_err("not a UPN");
    match err {
        WalkError::NotAllowed { node, reason } => {
            assert_eq!(node, "user");
            assert!(reason.contains("alex@contoso.com"), "{reason}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(w.current().id, "user", "a refused answer changes nothing");
}

#[test]
fn confirm_no_reaches_a_resolution_with_its_finding_and_set_variable() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    answer(&mut w, Answer::No);
    assert!(w.is_finished());
    assert_eq!(w.resolution().map(|n| n.id.as_str()), Some("fix_vpn"));
    assert_eq!(
        w.variables().get("network"),
        Some(&Value::Text("offsite".into()))
    );
    let findings = w.findings();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].text, "Not on VPN");
    assert_eq!(findings[0].section.as_deref(), Some("net"));
}

#[test]
fn choice_and_multi_route_on_conditions_over_earlier_answers() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    answer(&mut w, Answer::Yes);
    answer(&mut w, Answer::Choice("chrome".into()));
    answer(&mut w, Answer::Multi(vec!["proxy".into(), "zone".into()]));
    assert_eq!(w.current().id, "fix_zone");
    assert_eq!(
        w.variables().get("checks"),
        Some(&Value::List(vec!["zone".into(), "proxy".into()])),
        "checked options are kept in guide order"
    );
    let texts: Vec<String> = w.findings().into_iter().map(|f| f.text).collect();
    assert_eq!(
        texts,
        vec!["Chrome needs an allowlist", "Intranet zone missing"]
    );
}

#[test]
fn the_default_rule_applies_when_no_condition_holds() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    answer(&mut w, Answer::Yes);
    answer(&mut w, Answer::Choice("edge".into()));
    answer(&mut w, Answer::Multi(vec!["zone".into()]));
    assert_eq!(w.current().id, "fix_vpn");
}

#[test]
fn unsure_takes_its_own_route_and_is_recorded_as_such() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, Answer::Unsure);
    assert_eq!(w.current().id, "vpn");
    assert_eq!(
        w.variables().get("error.user"),
        Some(&Value::Text("unsure".into()))
    );
    answer(&mut w, Answer::Unsure);
    answer(&mut w, Answer::Choice("edge".into()));
    answer(&mut w, Answer::Multi(vec![]));
    assert_eq!(w.current().id, "escalate");
    assert_eq!(w.findings()[0].text, "User unknown");
}

#[test]
fn unsure_is_refused_where_the_guide_does_not_offer_it() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    answer(&mut w, Answer::Yes);
    assert!(w.apply(WalkCommand::Answer(Answer::Unsure)).is_err());
    assert!(w
        .apply(WalkCommand::Answer(Answer::Choice("firefox".into())))
        .is_err());
    assert!(
        w.apply(WalkCommand::Answer(Answer::Yes)).is_err(),
        "a choice is not yes/no"
    );
}

#[test]
fn back_restores_the_previous_question_unanswered() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    w.apply(WalkCommand::Back).expect("can go back");
    assert_eq!(w.current().id, "user");
    assert_eq!(w.current_step().answer, None);
    assert!(!w.variables().contains_key("error.user"));
    w.apply(WalkCommand::Back).expect("back to the start");
    assert_eq!(w.apply(WalkCommand::Back), Err(WalkError::AtStart));
}

#[test]
fn jumping_back_and_answering_differently_recomputes_the_path() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    answer(&mut w, Answer::No);
    assert!(w.is_finished());
    assert_eq!(w.findings().len(), 1);
    w.apply(WalkCommand::JumpTo(2)).expect("step 3 is earlier");
    assert_eq!(w.current().id, "vpn");
    assert!(
        w.findings().is_empty(),
        "the finding of the dropped answer is gone"
    );
    answer(&mut w, Answer::Yes);
    assert_eq!(path(&w), vec!["intro", "user", "vpn", "browser"]);
    assert_eq!(
        w.apply(WalkCommand::JumpTo(3)),
        Err(WalkError::NoSuchStep(3)),
        "only earlier steps"
    );
}

#[test]
fn notes_attach_to_steps_and_survive_back() {
    let mut w = walk();
    w.apply(WalkCommand::Note(None, "read aloud to the user".into()))
        .expect("note");
    answer(&mut w, Answer::Continue);
    w.apply(WalkCommand::Note(Some(0), "changed my mind  \n".into()))
        .expect("note on an earlier step");
    assert_eq!(w.steps()[0].note.as_deref(), Some("changed my mind"));
    w.apply(WalkCommand::Back).expect("back");
    assert_eq!(w.steps()[0].note.as_deref(), Some("changed my mind"));
    w.apply(WalkCommand::Note(None, "   ".into()))
        .expect("clearing");
    assert_eq!(w.steps()[0].note, None);
    assert_eq!(
        w.apply(WalkCommand::Note(Some(9), "x".into())),
        Err(WalkError::NoSuchStep(9))
    );
}

#[test]
fn restart_begins_again_at_the_start() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    w.apply(WalkCommand::Restart).expect("restart");
    assert_eq!(path(&w), vec!["intro"]);
}

#[test]
fn times_come_from_the_injected_clock() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    let first = &w.steps()[0];
    assert_eq!(first.entered_at.unix_timestamp(), 1_700_000_000);
    assert_eq!(
        first.answered_at.map(|t| t.unix_timestamp()),
        Some(1_700_000_010)
    );
    assert_eq!(w.steps()[1].entered_at.unix_timestamp(), 1_700_000_020);
}

#[test]
fn a_replay_of_recorded_steps_rebuilds_the_same_walk() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    w.apply(WalkCommand::Note(None, "on the phone".into()))
        .expect("note");
    let replay = Walk::replay(guide(), Arc::new(StepClock::new(0, 1)), w.steps(), &[]);
    assert_eq!(replay.stopped, None);
    assert_eq!(replay.walk.steps(), w.steps());
}

#[test]
fn a_replay_stops_where_the_guide_no_longer_fits() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    answer(&mut w, Answer::Yes);
    answer(&mut w, Answer::Choice("chrome".into()));
    let changed = GUIDE.replace(
        "{id: chrome, label: Google Chrome",
        "{id: chromium, label: Chromium",
    );
    let changed =
        Arc::new(validate(load("walk.yaml", changed.as_bytes()).expect("loads")).expect("valid"));
    let replay = Walk::replay(changed, Arc::new(StepClock::new(0, 1)), w.steps(), &[]);
    let stop = replay.stopped.expect("the option was renamed");
    assert_eq!(stop.node, "browser");
    assert_eq!(stop.step, 3);
    assert!(
        stop.reason.contains("'chrome' is not an option"),
        "{}",
        stop.reason
    );
    assert_eq!(replay.walk.current().id, "browser");
}

#[test]
fn after_back_jump_and_new_answers_the_variables_match_a_walk_that_went_straight_there() {
    let mut w = walk();
    answer(&mut w, Answer::Continue);
    answer(&mut w, text("alex@contoso.com"));
    answer(&mut w, Answer::No);
    w.apply(WalkCommand::Back).expect("back");
    answer(&mut w, Answer::Yes);
    answer(&mut w, Answer::Choice("chrome".into()));
    w.apply(WalkCommand::JumpTo(1)).expect("jump");
    answer(&mut w, Answer::Unsure);
    answer(&mut w, Answer::Yes);
    answer(&mut w, Answer::Choice("edge".into()));
    let straight = Walk::replay(guide(), Arc::new(StepClock::new(0, 1)), w.steps(), &[]).walk;
    assert_eq!(w.variables(), straight.variables());
    assert_eq!(
        w.variables().get("network"),
        None,
        "the 'no' branch's set was undone"
    );
    assert_eq!(w.variables().get("needs_allowlist"), None);
    assert_eq!(
        w.variables().get("error.user"),
        Some(&Value::Text("unsure".into()))
    );
}
