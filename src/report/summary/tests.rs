//! The summary built from walks of a small guide: evidence, ruled-out checks, the resolution note.

use std::sync::Arc;

use super::*;
use crate::engine::{StepClock, WalkCommand};
use crate::guide::{load, validate};

const GUIDE: &str = r#"
format: 1
id: g
title: G
version: "1.0.0"
sections:
  - {id: intake, title: Intake}
  - {id: network, title: Network}
start: capture_time
nodes:
  - id: capture_time
    section: intake
    kind: input
    title: Time of the error
    prompt: "Timestamp of the error (UTC, as the error page shows it):"
    format: timestamp
    variable: error.timestamp
    unsure: dc_reachable
    next: dc_reachable
  - id: dc_reachable
    section: network
    kind: confirm
    title: DC reachable
    prompt: Does nltest find a domain controller for the user's domain?
    yes: proxy
    no: {next: r, finding: No domain controller answers}
  - id: proxy
    section: network
    kind: confirm
    title: Proxy inspection
    prompt: Does a proxy inspect the sign-in traffic?
    yes: {next: r, finding: A proxy inspects the sign-in traffic}
    no: r
    unsure: r
  - {id: r, kind: resolution, outcome: escalate, title: Escalate, cause: c, steps: [s]}
"#;

const PAGE: &str = "Error Code: 53003\nRequest Id: 25ab1408-9854-4204-be22-719af9910400\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\nTimestamp: 2026-01-09T00:38:22.547Z\nApp name: Microsoft Azure CLI\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46\nIP address: 20.236.10.66\nDevice identifier: 6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f\nDevice platform: Windows 10\nDevice state: Compliant\nMessage: AADSTS53003: Access has been blocked by Conditional Access policies.\n";

fn walk(commands: &[WalkCommand]) -> Walk {
    let guide = validate(load("g.yaml", GUIDE.as_bytes()).expect("loads")).expect("valid");
    let mut walk = Walk::start(Arc::new(guide), Arc::new(StepClock::new(0, 1)));
    for command in commands {
        walk.apply(command.clone()).expect("applies");
    }
    walk
}

fn value<'a>(summary: &'a Summary, name: &str) -> Option<&'a str> {
    summary
        .evidence
        .iter()
        .find(|e| e.name == name)
        .map(|e| e.value.as_str())
}

#[test]
fn every_fact_of_a_pasted_error_page_reaches_the_evidence() {
    let page = crate::evidence::read(PAGE).expect("an error page");
    let facts: Vec<(String, String)> = page
        .facts
        .iter()
        .map(|f| (f.name.clone(), f.value.to_string()))
        .collect();
    assert_eq!(facts.len(), 11, "the page's facts: {facts:?}");
    let summary = Summary::of(&walk(&[WalkCommand::Attach(Box::new(Attached {
        reading: page,
        origin: "pasted".into(),
        at: OffsetDateTime::UNIX_EPOCH,
    }))]));
    for (name, fact) in &facts {
        assert_eq!(value(&summary, name), Some(fact.as_str()), "{name}");
    }
    let app_id = summary
        .evidence
        .iter()
        .find(|e| e.name == "error.app_id")
        .expect("app id");
    assert_eq!(app_id.label, "App id");
}

#[test]
fn a_value_that_could_not_be_checked_reads_not_checked() {
    let summary = Summary::of(&walk(&[WalkCommand::Answer(Answer::Unsure)]));
    assert_eq!(value(&summary, "error.timestamp"), Some(NOT_CHECKED));
    assert!(summary.evidence.iter().all(|e| e.value != "unsure"));
}

#[test]
fn checks_answered_without_a_finding_are_ruled_out_by_section() {
    let summary = Summary::of(&walk(&[
        WalkCommand::Answer(Answer::Text("2026-01-09T00:38:22Z".into())),
        WalkCommand::Answer(Answer::Yes),
        WalkCommand::Answer(Answer::No),
    ]));
    assert_eq!(summary.ruled_out.len(), 1);
    assert_eq!(summary.ruled_out[0].title, "Network");
    assert_eq!(
        summary.ruled_out[0].findings,
        ["DC reachable: Yes", "Proxy inspection: No"]
    );
    assert!(summary.findings.is_empty(), "{:?}", summary.findings);
}

#[test]
fn a_check_with_a_finding_or_left_unsure_is_never_ruled_out() {
    let found = Summary::of(&walk(&[
        WalkCommand::Answer(Answer::Unsure),
        WalkCommand::Answer(Answer::Yes),
        WalkCommand::Answer(Answer::Yes),
    ]));
    assert_eq!(found.ruled_out[0].findings, ["DC reachable: Yes"]);
    let unsure = Summary::of(&walk(&[
        WalkCommand::Answer(Answer::Unsure),
        WalkCommand::Answer(Answer::Yes),
        WalkCommand::Answer(Answer::Unsure),
    ]));
    assert_eq!(unsure.ruled_out[0].findings, ["DC reachable: Yes"]);
}

#[test]
fn the_resolution_note_sits_with_the_resolution_not_in_the_path() {
    let summary = Summary::of(&walk(&[
        WalkCommand::Answer(Answer::Unsure),
        WalkCommand::Answer(Answer::Yes),
        WalkCommand::Answer(Answer::No),
        WalkCommand::Note(None, "Sent to the identity team\nwith the HAR".into()),
    ]));
    let resolution = summary.resolution.expect("finished");
    assert_eq!(
        resolution.note.as_deref(),
        Some("Sent to the identity team\nwith the HAR")
    );
    assert!(
        summary.path.iter().all(|s| s.node != "r"),
        "{:?}",
        summary.path
    );
    assert!(summary.path.iter().all(|s| s.answer.is_some()));
}

#[test]
fn path_steps_carry_the_short_title_beside_the_question() {
    let summary = Summary::of(&walk(&[WalkCommand::Answer(Answer::Unsure)]));
    assert_eq!(summary.path[0].title, "Time of the error");
    assert!(summary.path[0]
        .question
        .starts_with("Timestamp of the error"));
}
