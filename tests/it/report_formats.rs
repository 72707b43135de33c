//! Reports from a fixed session and a fixed clock: snapshots of each format, hostile input made
//! harmless, and no secret ever reaching a report.

use crate::store_support::*;
use regex::Regex;
use time::OffsetDateTime;
use tshoot::engine::{Answer, Walk, WalkCommand};
use tshoot::report::{self, Format, Policy, SessionInfo, SessionStatus, Summary};

fn session_info(walk: &Walk, technician: &str, ticket: &str) -> SessionInfo {
    SessionInfo {
        id: "20261126-193502-store_vpn-0a1b".into(),
        technician: technician.into(),
        ticket: Some(ticket.into()),
        status: SessionStatus::of(walk),
        updated: OffsetDateTime::from_unix_timestamp(START + 600).expect("time"),
    }
}

fn render(walk: &Walk, format: Format, policy: &Policy) -> String {
    let summary = Summary::of(walk).with_session(session_info(walk, "alice", "INC-42"));
    report::render(format, &summary, walk.steps(), policy).into_string()
}

#[test]
fn markdown_report_of_a_finished_walk() {
    let walk = walk_through(guide(), &messages());
    insta::assert_snapshot!(render(&walk, Format::Markdown, &Policy::secrets_only()));
}

#[test]
fn json_report_of_a_finished_walk() {
    let walk = walk_through(guide(), &messages());
    insta::assert_snapshot!(render(&walk, Format::Json, &Policy::secrets_only()));
}

#[test]
fn html_report_of_a_finished_walk() {
    let walk = walk_through(guide(), &messages());
    insta::assert_snapshot!(render(&walk, Format::Html, &Policy::secrets_only()));
}

#[test]
fn markdown_report_of_an_unfinished_walk_says_where_it_stands() {
    let walk = walk_through(guide(), &messages()[..6]);
    let out = render(&walk, Format::Markdown, &Policy::secrets_only());
    assert!(out.contains("| Finished | not finished |"), "{out}");
    assert!(
        out.contains("| Outcome | Not finished (in progress), at: On VPN |"),
        "{out}"
    );
    assert!(out.contains("Stopped at: On VPN"), "{out}");
    assert!(!out.contains("## Resolution"), "{out}");
}

#[test]
fn json_report_round_trips_the_steps_and_carries_a_schema_version() {
    let walk = walk_through(guide(), &messages());
    let out = render(&walk, Format::Json, &Policy::secrets_only());
    let value: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["session"]["technician"], "alice");
    assert_eq!(value["session"]["status"], "escalated");
    let steps: Vec<tshoot::engine::Step> =
        serde_json::from_value(value["session"]["steps"].clone()).expect("steps parse");
    assert_eq!(steps.len(), walk.steps().len());
    let replay = Walk::replay(guide(), clock(), &steps, &[]);
    assert_eq!(replay.stopped, None, "the steps rebuild the walk");
    assert_eq!(replay.walk.current().id, "res_escalate");
    assert_eq!(value["summary"]["resolution"]["node"], "res_escalate");
}

const HOSTILE: &str = "<script>alert(\"x\")</script> it's \"quoted\" & <b>bold</b> | pipe \x1b[31mred\x1b[0m\x07\u{202e}evil\r\n- [link](javascript:alert(1))";

fn hostile_walk() -> Walk {
    let mut msgs = messages();
    msgs[2] = WalkCommand::Note(None, HOSTILE.into());
    msgs[3] = WalkCommand::Answer(Answer::Text(HOSTILE.into()));
    walk_through(guide(), &msgs)
}

#[test]
fn html_escapes_everything_typed_and_has_no_scripts_or_external_assets() {
    let walk = hostile_walk();
    let summary = Summary::of(&walk).with_session(session_info(
        &walk,
        "<img src=x onerror=alert(1)>",
        "INC\"><script>1</script>",
    ));
    let html = report::render(
        Format::Html,
        &summary,
        walk.steps(),
        &Policy::secrets_only(),
    );

    let allowed = [
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "table",
        "tr", "th", "td", "p", "strong", "ol", "ul", "li", "code", "span", "em", "a", "footer",
    ];
    let tag = Regex::new(r"<\s*/?\s*([!A-Za-z][A-Za-z0-9]*)").expect("regex");
    for found in tag.captures_iter(&html) {
        assert!(
            allowed.contains(&&found[1]),
            "unexpected tag <{}> in:\n{html}",
            &found[1]
        );
    }
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("it&#39;s"), "{html}");
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    for bad in ['\x1b', '\x07', '\u{202e}', '\r'] {
        assert!(
            !html.contains(bad),
            "control character {bad:?} left in the HTML"
        );
    }
    let loading_attribute = Regex::new(r"<[^>]*\s(src|srcset|data|action)\s*=").expect("regex");
    assert!(!loading_attribute.is_match(&html), "{html}");
    for external in ["<link", "@import", "url(", "href=\"javascript"] {
        assert!(!html.contains(external), "{external} in:\n{html}");
    }
    assert_eq!(html.matches("<style>").count(), 1, "one inline stylesheet");
    assert!(html.contains("@media print"), "prints well");
}

#[test]
fn markdown_escapes_hostile_text_and_keeps_tables_intact() {
    let walk = hostile_walk();
    let md = render(&walk, Format::Markdown, &Policy::secrets_only());
    assert!(!md.contains("<script>"), "{md}");
    assert!(!md.contains('\x1b') && !md.contains('\x07') && !md.contains('\u{202e}'));
    assert!(md.contains(r"\<script\>"), "{md}");
    assert!(md.contains(r"\[link\](javascript:alert(1))"), "{md}");
    // Every row of every table keeps its column count: no pipe typed by a user splits a cell.
    let unescaped_pipes = Regex::new(r"(^|[^\\])\|").expect("regex");
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let columns = unescaped_pipes.find_iter(line).count();
        assert!(
            columns == 3 || columns == 4,
            "row split by a typed pipe: {line}"
        );
    }
}

#[test]
fn no_report_format_ever_contains_a_raw_token() {
    let walk = walk_through(guide(), &messages());
    for format in Format::ALL {
        let out = render(&walk, format, &Policy::secrets_only());
        assert!(!out.contains(A_JWT), "{format:?} leaks the JWT");
        assert!(
            !out.contains("eyJ0eXAi"),
            "{format:?} leaks part of the JWT"
        );
        assert!(
            out.contains("redacted: JWT"),
            "{format:?} says what was removed"
        );
        assert!(
            out.contains("alex@contoso.com"),
            "people stay without --redact"
        );
    }
}

#[test]
fn redact_also_masks_people() {
    let walk = walk_through(guide(), &messages());
    let policy = Policy::people(["alice".to_string()]);
    for format in Format::ALL {
        let out = render(&walk, format, &policy);
        assert!(
            !out.contains("alex@contoso.com"),
            "{format:?} leaks the UPN:\n{out}"
        );
        assert!(
            !out.contains("alice"),
            "{format:?} leaks the technician:\n{out}"
        );
        assert!(out.contains("redacted: user name"), "{format:?}");
        assert!(!out.contains(A_JWT));
    }
}

/// A walk of the evidence test guide: the error page attached, two answers taken from it and
/// the last one overriding it.
fn evidence_walk() -> Walk {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence/walks");
    let guide = guide_from(&dir.join("settled.yaml"));
    let page = std::fs::read_to_string(dir.join("page.txt")).expect("page");
    let reading = tshoot::evidence::read(&page).expect("evidence");
    let mut walk = Walk::start(guide, clock());
    let attached = tshoot::engine::Attached {
        reading,
        origin: "page.txt".into(),
        at: OffsetDateTime::from_unix_timestamp(START).expect("time"),
    };
    walk.apply(WalkCommand::Attach(Box::new(attached)))
        .expect("attach");
    for answer in [
        Answer::Yes,
        Answer::Text("148787df-c02d-4cbe-947e-481164f67f03".into()),
        Answer::Choice("other".into()),
    ] {
        walk.apply(WalkCommand::Answer(answer)).expect("answer");
    }
    walk
}

#[test]
fn markdown_report_with_an_evidence_section() {
    let out = render(&evidence_walk(), Format::Markdown, &Policy::secrets_only());
    let from = out.find("## Evidence").expect("an evidence section");
    insta::assert_snapshot!(&out[from..]);
}

#[test]
fn html_and_text_reports_name_the_evidence_and_how_each_step_used_it() {
    let walk = evidence_walk();
    let html = render(&walk, Format::Html, &Policy::secrets_only());
    assert!(
        html.contains("<h2>Evidence: sign-in error page (page.txt)</h2>"),
        "{html}"
    );
    assert!(html.contains("From evidence: sign-in error page, line 1: Error Code: 51006"));
    let text = render(&walk, Format::Text, &Policy::secrets_only());
    assert!(
        text.contains("Overrides the evidence, which says Azure CLI"),
        "{text}"
    );
    let json = render(&walk, Format::Json, &Policy::secrets_only());
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(
        value["summary"]["attached"][0]["facts"][0]["name"],
        "error.code"
    );
}
