//! Going back never destroys work (U2, U19): what back and a changed answer keep reaches the
//! session file, survives a resume, and shows in every report as the trail of changed answers.

use std::path::Path;
use std::sync::Arc;

use crate::store_support::*;
use pretty_assertions::assert_eq;
use time::OffsetDateTime;
use tshoot::engine::{Answer, Walk, WalkCommand};
use tshoot::report::{self, Format, Policy, SessionInfo, SessionStatus, Summary};
use tshoot::store::{Recorder, SessionRecorder, SessionStore};

/// The fixture walk to its escalation, then two answers changed: the browser (Chrome to Edge,
/// the checklist after it set aside) and the VPN question (yes to no, with its two-line note).
fn changed_walk() -> Walk {
    let mut msgs = messages();
    msgs.extend([
        WalkCommand::JumpTo(5),
        WalkCommand::Answer(Answer::Choice("edge".into())),
        WalkCommand::Answer(Answer::Multi(vec!["rebooted".into()])),
        WalkCommand::JumpTo(4),
        WalkCommand::Answer(Answer::No),
    ]);
    walk_through(guide(), &msgs)
}

fn render(walk: &Walk, format: Format) -> String {
    let info = SessionInfo {
        id: "20261126-193502-store_vpn-0a1b".into(),
        technician: "alice".into(),
        ticket: Some("INC-42".into()),
        status: SessionStatus::of(walk),
        updated: OffsetDateTime::from_unix_timestamp(START + 600).expect("time"),
    };
    let summary = Summary::of(walk).with_session(info);
    report::render(format, &summary, walk.steps(), &Policy::secrets_only()).into_string()
}

#[test]
fn markdown_report_lists_changed_answers_with_when_and_their_notes() {
    let walk = changed_walk();
    assert_eq!(walk.current().id, "res_connect_vpn");
    insta::assert_snapshot!(render(&walk, Format::Markdown));
}

#[test]
fn every_report_format_carries_the_changed_answers() {
    let walk = changed_walk();
    let html = render(&walk, Format::Html);
    assert!(html.contains("<h2>Changed answers</h2>"), "{html}");
    assert!(
        html.contains(
            "On VPN: <span class=\"answer\">Yes</span> &rarr; <span class=\"answer\">No</span>"
        ),
        "{html}"
    );
    let text = render(&walk, Format::Text);
    assert!(text.contains("\nChanged answers:\n"), "{text}");
    assert!(
        text.contains("   5. On VPN: Yes -> No (changed 2026-11-26 "),
        "{text}"
    );
    assert!(text.contains("2 later answers set aside)"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&render(&walk, Format::Json)).expect("valid JSON");
    let changed = json["summary"]["changed_answers"]
        .as_array()
        .expect("a list");
    assert_eq!(changed.len(), 2);
    assert_eq!(changed[0]["title"], "Browser");
    assert_eq!(changed[0]["old"], "Google Chrome");
    assert_eq!(changed[0]["new"], "Microsoft Edge");
    assert_eq!(changed[0]["set_aside"], 1);
    assert_eq!(changed[1]["number"], 5);
    assert_eq!(
        changed[1]["note"],
        "nltest /dsgetdc:contoso found DC01\nklist shows a TGT"
    );
}

fn recorder(root: &Path) -> SessionRecorder {
    SessionRecorder::new(
        SessionStore::open(root).expect("store opens"),
        Some("alice".into()),
        None,
        Arc::new(tshoot::engine::StepClock::new(START + 10_000, 1)),
    )
}

#[test]
fn what_back_keeps_and_what_a_change_sets_aside_is_on_disk_and_resumes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let mut walk = Walk::start(guide(), clock());
    let mut msgs = messages();
    msgs.extend([
        WalkCommand::JumpTo(5),
        WalkCommand::Answer(Answer::Choice("edge".into())),
        WalkCommand::JumpTo(4),
    ]);
    for msg in msgs {
        walk.apply(msg).expect("applies");
        rec.save(&walk).expect("saves");
        let id = rec.session_id().expect("saved");
        let on_disk = rec.store().load(&id).expect("loads");
        assert_eq!(on_disk.steps, walk.steps(), "every save holds what is kept");
        assert_eq!(on_disk.replaced, walk.replaced());
    }
    let id = rec.session_id().expect("saved");
    drop(rec);
    let catalog = catalog_with(&dir.path().join("guides"), &fixture_text());
    let mut resumed = recorder(dir.path())
        .resume(&id, &catalog)
        .expect("resumes")
        .walk;
    assert_eq!(resumed.current().id, "on_vpn");
    assert_eq!(resumed.earlier_answer(), Some(&Answer::Yes));
    assert_eq!(resumed.replaced(), walk.replaced(), "the same trail");
    // The same answer goes on through what was kept, as if nothing had been left.
    resumed
        .apply(WalkCommand::Answer(Answer::Yes))
        .expect("yes");
    walk.apply(WalkCommand::Answer(Answer::Yes)).expect("yes");
    assert_eq!(resumed.current().id, "tried_fixes");
    assert_eq!(resumed.answered(), walk.answered());
}

#[test]
fn a_session_written_before_answers_were_kept_still_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = SessionStore::open(dir.path()).expect("store");
    store.ensure().expect("folders");
    let id = "20261126-193502-store_vpn-0a1b";
    // A journal as the previous tshoot wrote it: no `kept` on steps, no `replaced` in records.
    let text = format!(
        "{{\"journal\":1,\"id\":\"{id}\",\"guide\":{{\"id\":\"store_vpn\",\"title\":\"T\",\"version\":\"1.0.0\",\"hash\":\"sha256:00\"}},\"technician\":\"alice\",\"started\":\"2026-11-26T19:35:02Z\"}}\n\
         {{\"from\":0,\"steps\":[{{\"node\":\"capture_correlation\",\"note\":\"n\",\"entered_at\":\"2026-11-26T19:35:02Z\"}}]}}\t{{\"status\":\"in_progress\",\"updated\":\"2026-11-26T19:36:02Z\",\"current\":{{\"node\":\"capture_correlation\",\"label\":\"Correlation id\"}}}}\n"
    );
    std::fs::write(store.path_of(id), text).expect("write");
    let session = store.load(id).expect("an old session loads");
    assert!(session.replaced.is_empty());
    assert!(session.steps[0].kept.is_empty());
    assert_eq!(session.steps[0].note.as_deref(), Some("n"));
}

#[test]
fn answers_a_changed_guide_set_aside_on_resume_appear_in_the_exported_reports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    rec.save(&walk_through(guide(), &messages()))
        .expect("saves");
    let id = rec.session_id().expect("id");
    drop(rec);
    let text = fixture_text();
    assert!(text.contains("      - id: chrome\n"));
    let changed = text.replace("      - id: chrome\n", "      - id: google_chrome\n");
    let catalog = catalog_with(&dir.path().join("guides"), &changed);
    let mut rec = recorder(dir.path());
    let mut walk = rec.resume(&id, &catalog).expect("resumes").walk;
    assert_eq!(
        walk.current().id,
        "which_browser",
        "the renamed option stopped it"
    );
    walk.apply(WalkCommand::Answer(Answer::Choice("edge".into())))
        .expect("edge");
    let paths = rec.export(&walk).expect("exports");
    let md = paths
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("a Markdown report");
    let md = std::fs::read_to_string(md).expect("read");
    let section = md
        .split("## Changed answers")
        .nth(1)
        .unwrap_or_else(|| panic!("no changed answers:\n{md}"));
    assert!(
        section.contains("- Step 6, Browser: **chrome** → **Microsoft Edge** (changed "),
        "{section}"
    );
    assert!(
        section.contains("the guide changed (version 1.0.0 then)"),
        "{section}"
    );
    assert!(section.contains("1 later answer set aside"), "{section}");
}
