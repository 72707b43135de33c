use super::*;
use crate::guide::{load, validate};

const GUIDE: &str = r#"format: 1
id: g
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections:
  - {id: first, title: First checks}
  - {id: second, title: Second checks}
start: intro
nodes:
  - {id: intro, kind: info, prompt: Read this, next: joined}
  - {id: joined, kind: confirm, section: first, title: Device joined?, prompt: Is it joined, why: w, how: h, yes: mfa, no: fix_join}
  - {id: mfa, kind: choice, section: second, prompt: Which MFA, why: w, how: h, options: [{id: app, label: App, next: done}, {id: sms, label: SMS, next: fix_join}]}
  - {id: done, kind: resolution, outcome: resolved, title: All good, cause: c, steps: [s]}
  - {id: fix_join, kind: resolution, outcome: escalate, title: Join the device, cause: c, steps: [s]}
"#;

fn guide() -> ValidGuide {
    validate(load("g.yaml", GUIDE.as_bytes()).expect("loads")).expect("valid")
}

fn step(node: &str, exit: Option<ExitKey>) -> PathStep {
    PathStep {
        node: node.to_string(),
        exit,
    }
}

fn plain(guide: &ValidGuide, path: &[PathStep]) -> Vec<String> {
    lines(&outline(guide, path))
        .iter()
        .map(Line::plain)
        .collect()
}

#[test]
fn sections_come_in_order_with_their_questions_and_where_each_answer_leads() {
    let g = guide();
    assert_eq!(
        plain(&g, &[]),
        [
            "== General ==",
            "  Read this",
            "      continue -> Device joined?",
            "",
            "== First checks ==",
            "  Device joined?",
            "      yes -> Which MFA",
            "      no => [escalate] Join the device",
            "",
            "== Second checks ==",
            "  Which MFA",
            "      App => [resolved] All good",
            "      SMS => [escalate] Join the device",
        ]
    );
}

#[test]
fn a_walked_path_marks_the_current_question_the_answers_taken_and_the_branches_not_taken() {
    let g = guide();
    let path = [
        step("intro", Some(ExitKey::Next)),
        step("joined", Some(ExitKey::Yes)),
        step("mfa", None),
    ];
    let text = plain(&g, &path);
    assert_eq!(text[1], "* Read this");
    assert_eq!(text[2], "    * continue -> Device joined?");
    assert_eq!(text[5], "* Device joined?");
    assert_eq!(text[6], "    * yes -> Which MFA");
    assert_eq!(text[7], "    - no => [escalate] Join the device");
    assert_eq!(text[10], "> Which MFA", "the current question");
    // Not answered yet: its answers are neither taken nor refused.
    assert_eq!(text[11], "      App => [resolved] All good");
}

#[test]
fn the_answer_that_reached_the_resolution_is_where_the_walk_is() {
    let g = guide();
    let path = [
        step("intro", Some(ExitKey::Next)),
        step("joined", Some(ExitKey::Yes)),
        step("mfa", Some(ExitKey::Option(1))),
        step("fix_join", None),
    ];
    let text = plain(&g, &path);
    assert_eq!(text[10], "* Which MFA");
    assert_eq!(text[11], "    - App => [resolved] All good");
    assert_eq!(text[12], "    > SMS => [escalate] Join the device");
    // The same resolution by another answer, not taken, is not "here".
    assert_eq!(text[7], "    - no => [escalate] Join the device");
}

#[test]
fn a_path_naming_nodes_the_guide_lacks_marks_nothing_and_does_not_fail() {
    let g = guide();
    let text = plain(&g, &[step("gone", Some(ExitKey::Yes)), step("away", None)]);
    assert_eq!(text, plain(&g, &[]));
}

#[test]
fn a_route_with_rules_lists_each_condition_and_marks_only_the_one_the_walk_followed() {
    let text = r#"format: 1
id: g
title: t
version: "1"
summary: s
references: [{title: x, url: "https://example.com"}]
sections: []
start: ask
nodes:
  - {id: ask, kind: input, prompt: Code, why: w, how: h, variable: code, next: [{when: "code == '1'", goto: one}, {goto: other}]}
  - {id: one, kind: resolution, outcome: resolved, title: One, cause: c, steps: [s]}
  - {id: other, kind: resolution, outcome: escalate, title: Other, cause: c, steps: [s]}
"#;
    let g = validate(load("g.yaml", text.as_bytes()).expect("loads")).expect("valid");
    let path = [step("ask", Some(ExitKey::Next)), step("other", None)];
    assert_eq!(
        plain(&g, &path),
        [
            "== General ==",
            "* Code",
            "    - answer (if code == '1') => [resolved] One",
            "    > answer (otherwise) => [escalate] Other",
        ]
    );
}
