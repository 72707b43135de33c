//! Closing, removing and pruning sessions through the real binary; no session left by a refused
//! or failed run; `report --ticket/--tech`; `TSHOOT_TECH` (U4, U5, U6, E11).

use std::sync::Arc;

use crate::store_support::*;
use tshoot::engine::StepClock;
use tshoot::report::SessionStatus;
use tshoot::store::{Recorder, SessionRecorder, SessionStore};

const ONE_ANSWER: &str = "capture_correlation: 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b\n";

fn session_files(state: &std::path::Path) -> Vec<String> {
    match std::fs::read_dir(state.join("sessions")) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json") && !n.starts_with('.'))
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn sessions_rm_removes_a_session_and_its_reports_and_an_unknown_id_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, id) = saved_session(dir.path(), ONE_ANSWER);
    let (code, _, err) = run(tshoot(&state)
        .args(["report", &id, "-o"])
        .arg(dir.path().join("r.md")));
    assert_eq!(code, 0, "{err}");
    let report = state.join("sessions").join(format!("{id}.report.md"));
    std::fs::write(&report, "exported").expect("a report beside it");

    let (code, _, err) = run(tshoot(&state).args(["sessions", "rm", &id]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("removed session {id}")), "{err}");
    assert!(session_files(&state).is_empty());
    assert!(!report.exists(), "its reports go with it");

    let (code, _, err) = run(tshoot(&state).args(["sessions", "rm", &id]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no session"), "{err}");
}

#[test]
fn sessions_close_keeps_the_session_for_its_report_but_resume_no_longer_offers_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, id) = saved_session(dir.path(), ONE_ANSWER);
    let (code, _, err) = run(tshoot(&state).args(["sessions", "close", &id]));
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(tshoot(&state).arg("sessions"));
    let row = out
        .lines()
        .find(|l| l.starts_with(&id))
        .expect("still listed");
    assert!(row.contains("closed"), "{row}");
    let (code, _, err) = run(tshoot(&state).args(["resume", "--answers", "/dev/null"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no unfinished session"), "{err}");
    let (code, out, err) = run(tshoot(&state).args(["report", &id]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("closed"), "{out}");
}

#[test]
fn sessions_prune_removes_only_sessions_untouched_for_longer_than_the_age() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    // A session last changed 60 days before the fixed start: older than 30 days by any clock.
    let old_clock = Arc::new(StepClock::new(START - 60 * 24 * 3600, 30));
    let mut old = SessionRecorder::new(
        SessionStore::open(&state).expect("store"),
        Some("alice".into()),
        None,
        old_clock.clone(),
    );
    let walk = {
        let mut walk = tshoot::engine::Walk::start(guide(), old_clock);
        walk.apply(messages()[0].clone()).expect("answers");
        walk
    };
    old.save(&walk).expect("saves");
    old.close(&walk).expect("closes");
    let old_id = old.session_id().expect("saved");
    drop(old);
    let fresh = write(dir.path(), "a.yaml", ONE_ANSWER);
    let (_, _, err) = run(tshoot(&state)
        .args(["run", "store_vpn", "--answers"])
        .arg(&fresh));
    let fresh_id = saved_id(&err);

    let (code, out, err) = run(tshoot(&state).args(["sessions", "prune", "--older-than", "30d"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("removed {old_id}")), "{out}");
    assert!(
        err.contains("removed 1 session(s) not changed for 30 day(s)"),
        "{err}"
    );
    assert_eq!(session_files(&state), vec![format!("{fresh_id}.json")]);

    for bad in ["30", "thirty days", "30y", "d"] {
        let (code, _, err) = run(tshoot(&state).args(["sessions", "prune", "--older-than", bad]));
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(err.contains("is not an age"), "{bad}: {err}");
    }
}

#[test]
fn a_walk_without_input_and_a_headless_run_that_fails_before_any_answer_leave_no_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    // Without a terminal the walk is asked in plain lines (issue 11); no input, no answer.
    let (code, _, err) = run(tshoot(&state).args(["run", "store_vpn"]).write_stdin(""));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("the input ended before any answer"), "{err}");
    let empty = write(dir.path(), "empty.yaml", "{}\n");
    let (code, _, err) = run(tshoot(&state)
        .args(["run", "store_vpn", "--answers"])
        .arg(&empty));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("the session was not saved"), "{err}");
    assert!(
        session_files(&state).is_empty(),
        "{:?}",
        session_files(&state)
    );
    let (_, _, err) = run(tshoot(&state).arg("sessions"));
    assert!(err.contains("no sessions"), "{err}");
}

#[test]
fn report_ticket_and_tech_name_them_in_that_report_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let answers = write(dir.path(), "a.yaml", ONE_ANSWER);
    let (_, _, err) = run(tshoot(&state)
        .args([
            "--ticket",
            "INC-1",
            "--tech",
            "alice",
            "run",
            "store_vpn",
            "--answers",
        ])
        .arg(&answers));
    let id = saved_id(&err);
    let (code, out, err) = run(tshoot(&state).args([
        "report", &id, "--format", "md", "--ticket", "INC-2002", "--tech", "bob",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("INC-2002"), "{out}");
    assert!(out.contains("bob"), "{out}");
    assert!(!out.contains("INC-1 "), "{out}");
    let session = SessionStore::at(&state).load(&id).expect("loads");
    assert_eq!(
        session.ticket.as_deref(),
        Some("INC-1"),
        "the session keeps its own"
    );
    assert_eq!(session.technician, "alice");
}

#[test]
fn tshoot_tech_names_the_technician_unless_tech_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let answers = write(dir.path(), "a.yaml", ONE_ANSWER);
    let (_, _, err) = run(tshoot(&state)
        .env("TSHOOT_TECH", "carol")
        .env("USER", "root")
        .args(["run", "store_vpn", "--answers"])
        .arg(&answers));
    let from_env = saved_id(&err);
    let (_, _, err) = run(tshoot(&state)
        .env("TSHOOT_TECH", "carol")
        .args(["--tech", "dave", "run", "store_vpn", "--answers"])
        .arg(&answers));
    let from_flag = saved_id(&err);
    let store = SessionStore::at(&state);
    assert_eq!(store.load(&from_env).expect("loads").technician, "carol");
    assert_eq!(store.load(&from_flag).expect("loads").technician, "dave");
    assert_eq!(
        store.load(&from_env).expect("loads").status,
        SessionStatus::InProgress
    );
}

#[test]
fn an_id_start_that_fits_many_sessions_names_a_few_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let answers = write(dir.path(), "a.yaml", ONE_ANSWER);
    for _ in 0..5 {
        let (_, _, err) = run(tshoot(&state)
            .args(["run", "store_vpn", "--answers"])
            .arg(&answers));
        saved_id(&err);
    }
    let (code, _, err) = run(tshoot(&state).args(["report", "20"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'20' matches 5 sessions"), "{err}");
    assert!(
        err.contains("and 2 more: `tshoot sessions` lists them"),
        "{err}"
    );
    assert_eq!(err.matches("store_vpn").count(), 3, "{err}");
}
