//! Sessions through the real binary: a headless walk that stops partway is saved with every
//! answered step, `kill -9` never damages or loses one, `sessions`, `resume` and `report`.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use crate::store_support::*;
use assert_cmd::Command;
use tshoot::engine::{Answer, StepClock};
use tshoot::report::SessionStatus;
use tshoot::store::{Recorder, SessionRecorder, SessionStore};

const FIRST_PART: &str = "\
capture_correlation: 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b
capture_user: alex@contoso.com
capture_details:
  answer: 'AADSTS51006 | see token'
  note: 'pasted: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhbGV4In0.c2lnbmF0dXJl'
on_vpn:
  answer: yes
  note: DC01 answered nltest
which_browser: chrome
";

const REST: &str = "tried_fixes: [cache_cleared]\n";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

#[test]
fn a_headless_walk_that_stops_partway_keeps_every_answer_and_resume_finishes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let first = write(dir.path(), "first.yaml", FIRST_PART);
    let (code, _, err) = run(tshoot(&state)
        .args([
            "--tech",
            "alice",
            "--ticket",
            "INC-42",
            "run",
            "store_vpn",
            "--answers",
        ])
        .arg(&first));
    assert_eq!(code, 1, "a missing answer is a problem found: {err}");
    assert!(
        err.contains("at node 'tried_fixes': no answer given"),
        "{err}"
    );
    let id = saved_id(&err);

    let session = SessionStore::open(&state)
        .expect("store")
        .load(&id)
        .expect("loads");
    assert_eq!(session.answered(), 6, "every answered step is on disk");
    assert_eq!(session.status, SessionStatus::InProgress);
    assert_eq!(session.technician, "alice");
    assert_eq!(session.steps[4].answer, Some(Answer::Yes));
    assert_eq!(
        session.steps[4].note.as_deref(),
        Some("DC01 answered nltest")
    );
    assert_eq!(session.current.node, "tried_fixes");
    let file = state.join("sessions").join(format!("{id}.json"));
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(&state.join("sessions")), 0o700);

    let (code, out, _) = run(tshoot(&state).arg("sessions"));
    assert_eq!(code, 0);
    let row = out.lines().find(|l| l.starts_with(&id)).expect("listed");
    for column in ["store_vpn", "INC-42", "in progress", "Fixes tried"] {
        assert!(row.contains(column), "{column} missing from: {row}");
    }
    for line in out.lines() {
        assert!(line.chars().count() <= 80, "wider than 80 columns: {line}");
    }

    let rest = write(dir.path(), "rest.yaml", REST);
    let (code, out, err) = run(tshoot(&state).args(["resume", &id, "--answers"]).arg(&rest));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Resolution: Escalate to the identity team"),
        "{out}"
    );
    let (_, out, _) = run(tshoot(&state).arg("sessions"));
    assert!(out.contains("escalated"), "{out}");

    let (code, md, err) = run(tshoot(&state).args(["report", &id]));
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("| Technician | alice |"), "{md}");
    assert!(
        md.contains("| Outcome | Escalated: Escalate to the identity team |"),
        "{md}"
    );
    assert!(!md.contains("eyJ0eXAi"), "no raw token: {md}");
    let (code, json, _) = run(tshoot(&state).args(["report", &id, "--format", "json"]));
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value["session"]["id"], id.as_str());
    assert_eq!(value["session"]["steps"].as_array().map(Vec::len), Some(8));
    let html_path = dir.path().join("r.html");
    let (code, stdout, err) = run(tshoot(&state)
        .args(["report", &id, "--format", "html", "-o"])
        .arg(&html_path));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty(), "-o writes the file, not stdout");
    let html = std::fs::read_to_string(&html_path).expect("html written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let (_, redacted, _) = run(tshoot(&state).args(["report", &id, "--redact"]));
    assert!(
        !redacted.contains("alex@contoso.com") && !redacted.contains("alice"),
        "{redacted}"
    );
}

#[test]
fn kill_9_at_any_moment_never_damages_or_loses_a_saved_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, id) = saved_session(dir.path(), FIRST_PART);
    let first = dir.path().join("first.yaml");
    let rest = write(dir.path(), "rest.yaml", REST);
    let store = SessionStore::open(&state).expect("store");
    let binary = assert_cmd::cargo::cargo_bin("tshoot");

    for round in 0..40u64 {
        // Alternate between resuming the saved session and starting new ones, killed at
        // delays that land before, during and after the save.
        let mut cmd = std::process::Command::new(&binary);
        cmd.env_remove("TSHOOT_GUIDES")
            .env("TSHOOT_STATE_DIR", &state)
            .arg("--guides")
            .arg(fixture_dir())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        if round % 2 == 0 {
            cmd.args(["resume", &id, "--answers"]).arg(&rest);
        } else {
            cmd.args(["run", "store_vpn", "--answers"]).arg(&first);
        }
        let mut child = cmd.spawn().expect("spawns");
        std::thread::sleep(Duration::from_micros(round * 250));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        let listing = store.list().expect("lists");
        assert!(
            listing.damaged.is_empty(),
            "round {round}: {:?}",
            listing.damaged
        );
        assert!(
            listing.sessions.iter().any(|s| s.id == id),
            "the first session is never lost"
        );
        let ours = store.load(&id).expect("loads");
        assert!(ours.answered() >= 6, "round {round}: answered steps lost");
        // Runs killed early leave sessions with fewer steps (every answer is saved as it is
        // given); each one still reads back whole, with its steps in walk order.
        for s in &listing.sessions {
            let loaded = store.load(&s.id).expect("every listed session loads");
            assert_eq!(
                loaded.steps.first().map(|st| st.node.as_str()),
                Some("capture_correlation"),
                "round {round}"
            );
        }
    }

    // Listing removed the temp and lock files the killed runs left (R14).
    let leftovers: Vec<String> = std::fs::read_dir(state.join("sessions"))
        .expect("sessions")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".tmp") || n.ends_with(".lock"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Whatever happened, resuming the first session restores every answered step.
    let catalog = tshoot::guide::Catalog::load(&[fixture_dir()]);
    let mut rec = SessionRecorder::new(store.clone(), None, None, Arc::new(StepClock::new(0, 1)));
    let walk = rec.resume(&id, &catalog).expect("resumes").walk;
    let session = store.load(&id).expect("loads");
    assert_eq!(walk.steps(), session.steps.as_slice());
    assert_eq!(
        walk.steps()[2]
            .note
            .as_deref()
            .map(|n| n.starts_with("pasted: Bearer")),
        Some(true)
    );
}

#[test]
fn sessions_lists_newest_first_and_reports_damaged_files_keeping_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let store = SessionStore::open(&state).expect("store");
    let mut ids = Vec::new();
    for (offset, count) in [(0, 3), (3600, 9), (7200, 5)] {
        let mut rec = SessionRecorder::new(
            store.clone(),
            Some("bo".into()),
            None,
            Arc::new(StepClock::new(0, 1)),
        );
        let mut walk =
            tshoot::engine::Walk::start(guide(), Arc::new(StepClock::new(START + offset, 30)));
        for m in &messages()[..count] {
            walk.apply(m.clone()).expect("applies");
        }
        rec.save(&walk).expect("saves");
        ids.push(rec.session_id().expect("id"));
    }
    let bad = store.path_of("20261126-000000-store_vpn-bad0");
    std::fs::write(&bad, b"{\"schema_version\":1,").expect("write");

    let (code, out, err) = run(tshoot(&state).arg("sessions"));
    assert_eq!(code, 0, "{err}");
    let listed: Vec<&str> = out
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert_eq!(
        listed,
        [ids[2].as_str(), ids[1].as_str(), ids[0].as_str()],
        "{out}"
    );
    assert!(out.starts_with("ID "), "{out}");
    assert!(
        err.contains(&format!(
            "skipped the damaged session file '{}'",
            bad.display()
        )),
        "{err}"
    );
    assert!(err.contains("kept as it is"), "{err}");
    assert_eq!(
        std::fs::read(&bad).expect("kept"),
        b"{\"schema_version\":1,"
    );

    // No id: the newest unfinished session (the 9-message walk is finished).
    let rest = write(dir.path(), "rest.yaml", "{}\n");
    let (code, _, err) = run(tshoot(&state).args(["resume", "--answers"]).arg(&rest));
    assert_eq!(code, 1, "{err}");
    assert_eq!(saved_id(&err), ids[2]);
    // A unique start of an id is enough.
    let prefix = &ids[0][..ids[0].len() - 2];
    let (code, _, err) = run(tshoot(&state).args(["report", prefix, "--format", "json"]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn resuming_a_session_whose_guide_is_not_loaded_uses_the_kept_copy_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, id) = saved_session(dir.path(), FIRST_PART);
    let rest = write(dir.path(), "rest.yaml", REST);
    let bare = || {
        let mut cmd = Command::cargo_bin("tshoot").expect("binary");
        cmd.env_remove("TSHOOT_GUIDES")
            .env("TSHOOT_STATE_DIR", &state);
        cmd
    };
    let (code, out, err) = run(bare().args(["resume", &id, "--answers"]).arg(&rest));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("The guide 'store_vpn' version 1.0.0 is not loaded now; the walk goes on with the copy kept"),
        "{err}"
    );
    assert!(
        out.contains("Resolution: Escalate to the identity team"),
        "{out}"
    );

    // Without the kept copy: the guide and version named, and the flag that helps.
    std::fs::remove_dir_all(state.join("guides")).expect("remove kept guides");
    let (code, _, err) = run(bare().args(["resume", &id, "--answers"]).arg(&rest));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "was recorded with the guide 'store_vpn' version 1.0.0, which is not loaded now"
        ) && err.contains("--guides DIR"),
        "{err}"
    );
}

#[test]
fn unknown_and_malformed_ids_are_clear_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let (code, _, err) = run(tshoot(&state).args(["report", "../../etc/passwd"]));
    assert_eq!(code, 2);
    assert!(err.contains("is not a session id"), "{err}");
    let (code, _, err) = run(tshoot(&state).args(["report", "20990101-000000-nope"]));
    assert_eq!(code, 2);
    assert!(err.contains("no session '20990101-000000-nope'"), "{err}");
    let (code, _, err) = run(tshoot(&state).arg("resume"));
    assert_eq!(code, 2);
    assert!(err.contains("no unfinished session to resume"), "{err}");
}
