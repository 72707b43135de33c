//! Resuming a session whose guide changed since: say so, replay as far as the answers fit, say
//! where it stopped, and keep the recorded steps in the session so nothing answered is lost.

use std::path::Path;
use std::sync::Arc;

use crate::store_support::*;
use tshoot::engine::StepClock;
use tshoot::store::{Recorder, SessionRecorder, SessionStore, StoreError};

fn recorder(root: &Path) -> SessionRecorder {
    SessionRecorder::new(
        SessionStore::open(root).expect("store"),
        None,
        None,
        Arc::new(StepClock::new(START + 10_000, 1)),
    )
}

/// Records the whole Chrome walk against the fixture and returns the session id.
fn recorded(root: &Path) -> String {
    let mut rec = recorder(root);
    rec.save(&walk_through(guide(), &messages()))
        .expect("saves");
    rec.session_id().expect("id")
}

fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture lacks {from:?}");
    text.replace(from, to)
}

#[test]
fn a_removed_node_stops_the_replay_there_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = recorded(dir.path());
    let text = fixture_text();
    // Drop the `intro_network` info node and route around it.
    let start = text.find("  - id: intro_network").expect("node");
    let end = text.find("  - id: on_vpn").expect("next node");
    let mut changed = format!("{}{}", &text[..start], &text[end..]);
    changed = replace(&changed, "    next: intro_network\n", "    next: on_vpn\n");
    changed = replace(&changed, "version: \"1.0.0\"", "version: \"1.1.0\"");
    let catalog = catalog_with(&dir.path().join("guides"), &changed);

    let mut rec = recorder(dir.path());
    let resumed = rec.resume(&id, &catalog).expect("resumes");
    let notice = resumed.notice.expect("a notice");
    assert!(
        notice.contains("The guide 'store_vpn' changed since this session was recorded (version 1.0.0 then, 1.1.0 now)"),
        "{notice}"
    );
    assert!(
        notice.contains("step 4 ('intro_network') stopped the replay"),
        "{notice}"
    );
    assert!(
        notice.contains("the guide now asks 'on_vpn' here instead of 'intro_network'"),
        "{notice}"
    );
    let walk = resumed.walk;
    assert_eq!(
        walk.answered().len(),
        3,
        "the three intake answers still fit"
    );
    assert_eq!(walk.current().id, "on_vpn");
    assert_eq!(
        walk.steps()[2].note.as_deref(),
        Some("User pasted: Authorization: Bearer [redacted: JWT]"),
        "notes come back with their steps, without the secret typed into them"
    );

    // Going on saves the new history and keeps the old one beside it.
    rec.save(&walk).expect("saves");
    let session = rec.store().load(&id).expect("loads");
    assert_eq!(session.guide.version, "1.1.0");
    assert_eq!(session.steps.len(), 4);
    assert_eq!(session.superseded.len(), 1);
    assert_eq!(session.superseded[0].guide.version, "1.0.0");
    assert_eq!(
        session.superseded[0].steps.len(),
        8,
        "every recorded step is kept"
    );
}

#[test]
fn a_renamed_option_stops_the_replay_at_that_question() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = recorded(dir.path());
    let changed = replace(
        &fixture_text(),
        "      - id: chrome\n",
        "      - id: google_chrome\n",
    );
    let catalog = catalog_with(&dir.path().join("guides"), &changed);

    let resumed = recorder(dir.path()).resume(&id, &catalog).expect("resumes");
    let notice = resumed.notice.expect("a notice");
    assert!(
        notice.contains("changed since this session was recorded (still version 1.0.0, but its content differs)"),
        "{notice}"
    );
    assert!(
        notice.contains("step 6 ('which_browser') stopped the replay"),
        "{notice}"
    );
    assert!(
        notice.contains(
            "'chrome' is not an option here; expected one of 'edge', 'google_chrome', 'firefox'"
        ),
        "{notice}"
    );
    assert!(
        notice.contains("The 2 answered step(s) from there on are kept"),
        "{notice}"
    );
    assert_eq!(resumed.walk.current().id, "which_browser");
    assert_eq!(resumed.walk.answered().len(), 5);
}

#[test]
fn a_change_that_every_answer_still_fits_is_only_mentioned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = recorded(dir.path());
    let changed = replace(
        &fixture_text(),
        "Which browser shows the error?",
        "Which browser shows the error page?",
    );
    let catalog = catalog_with(&dir.path().join("guides"), &changed);
    let resumed = recorder(dir.path()).resume(&id, &catalog).expect("resumes");
    let notice = resumed.notice.expect("a notice");
    assert!(
        notice.ends_with("All 7 recorded answer(s) still fit."),
        "{notice}"
    );
    assert!(resumed.walk.is_finished());
}

#[test]
fn a_guide_that_is_not_loaded_now_is_resumed_from_the_copy_kept_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = recorded(dir.path());
    let catalog = tshoot::guide::Catalog::load(&[]);
    let resumed = recorder(dir.path())
        .resume(&id, &catalog)
        .expect("the kept copy stands in");
    let notice = resumed.notice.expect("a notice");
    assert!(
        notice.contains("The guide 'store_vpn' version 1.0.0 is not loaded now; the walk goes on with the copy kept"),
        "{notice}"
    );
    assert!(resumed.walk.is_finished());
    assert_eq!(resumed.walk.answered().len(), 7);
}

#[test]
fn a_guide_neither_loaded_nor_kept_is_a_clear_error_naming_it_and_its_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = recorded(dir.path());
    for entry in std::fs::read_dir(dir.path().join("guides")).expect("kept guides") {
        std::fs::remove_file(entry.expect("entry").path()).expect("remove");
    }
    let catalog = tshoot::guide::Catalog::load(&[]);
    let err = recorder(dir.path())
        .resume(&id, &catalog)
        .expect_err("no guide, no resume");
    let message = format!("{err:#}");
    assert!(
        message.contains("the guide 'store_vpn' version 1.0.0, which is not loaded now"),
        "{message}"
    );
    assert!(
        matches!(
            err.downcast_ref::<StoreError>(),
            Some(StoreError::GuideNotLoaded { .. })
        ),
        "a value the CLI and the TUI word a hint for: {err:?}"
    );
    assert!(
        !message.contains("--guides"),
        "no CLI hint from the store: {message}"
    );
}

#[test]
fn a_report_of_a_changed_guide_uses_the_copy_kept_when_it_was_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let id = recorded(dir.path());
    let changed = replace(
        &fixture_text(),
        "      - id: chrome\n",
        "      - id: google_chrome\n",
    );
    let catalog = catalog_with(&dir.path().join("guides"), &changed);
    let store = SessionStore::open(dir.path()).expect("store");
    let session = store.load(&id).expect("loads");
    let (walk, warning) = tshoot::store::reopen::for_report(
        &store,
        &session,
        &catalog,
        Arc::new(StepClock::new(0, 1)),
    )
    .expect("report walk");
    assert_eq!(warning, None);
    assert_eq!(walk.steps(), session.steps.as_slice());
    assert!(walk.is_finished());
}
