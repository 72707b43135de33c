//! The store's promises through the real binary: a session open in one tshoot is refused by
//! another, reading commands create no folder and chosen folders keep their mode, a walk that
//! cannot be saved stops with exit code 2.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

use crate::store_support::*;
use tshoot::engine::StepClock;
use tshoot::store::{Recorder, SessionRecorder, SessionStore};

const FIRST_PART: &str = "\
capture_correlation: 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b
capture_user: alex@contoso.com
capture_details: AADSTS51006
on_vpn: yes
which_browser: chrome
";

const REST: &str = "tried_fixes: [cache_cleared]\n";

#[test]
fn a_session_open_in_another_tshoot_is_refused_naming_its_pid() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, id) = saved_session(dir.path(), FIRST_PART);
    let catalog = tshoot::guide::Catalog::load(&[fixture_dir()]);
    let store = SessionStore::at(&state);
    let mut holder =
        SessionRecorder::new(store.clone(), None, None, Arc::new(StepClock::new(0, 1)));
    holder
        .resume(&id, &catalog)
        .expect("the first one opens it");
    let before = std::fs::read(store.path_of(&id)).expect("read");

    let rest = write(dir.path(), "rest.yaml", REST);
    let (code, _, err) = run(tshoot(&state).args(["resume", &id, "--answers"]).arg(&rest));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!(
            "session '{id}' is open in another tshoot (pid {})",
            std::process::id()
        )),
        "{err}"
    );
    assert_eq!(
        std::fs::read(store.path_of(&id)).expect("read"),
        before,
        "not written"
    );

    drop(holder);
    let (code, _, err) = run(tshoot(&state).args(["resume", &id, "--answers"]).arg(&rest));
    assert_eq!(code, 0, "released, it resumes: {err}");
}

#[test]
fn reading_commands_create_no_folder_and_a_given_folder_keeps_its_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("typo/dir");
    let (code, _, err) = run(tshoot(&missing).arg("sessions"));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no sessions in"), "{err}");
    let (code, _, err) = run(tshoot(&missing).args(["report", "20990101-000000-nope"]));
    assert_eq!(code, 2);
    assert!(err.contains("no session '20990101-000000-nope'"), "{err}");
    let (code, _, _) = run(tshoot(&missing).arg("list"));
    assert_eq!(code, 0);
    assert!(!dir.path().join("typo").exists(), "nothing created");

    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o2775)).expect("chmod");
    let first = write(dir.path(), "first.yaml", FIRST_PART);
    run(tshoot(&shared)
        .args(["run", "store_vpn", "--answers"])
        .arg(&first));
    run(tshoot(&shared).arg("sessions"));
    let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o7777;
    assert_eq!(
        mode(&shared),
        0o2775,
        "a folder tshoot did not create keeps its mode"
    );
    assert_eq!(
        mode(&shared.join("sessions")) & 0o777,
        0o700,
        "one it created is private"
    );
}

#[test]
fn a_walk_that_cannot_be_saved_stops_and_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    std::fs::create_dir_all(&state).expect("mkdir");
    // A file where the sessions folder should be: no session can be created (even as root).
    std::fs::write(state.join("sessions"), b"").expect("block");
    let first = write(dir.path(), "first.yaml", FIRST_PART);
    let (code, out, err) = run(tshoot(&state)
        .args(["run", "store_vpn", "--answers"])
        .arg(&first));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("could not save the session; the walk stopped"),
        "{err}"
    );
    assert!(err.contains("cannot create the session folder"), "{err}");
    assert!(err.contains("--state-dir DIR"), "the CLI's hint: {err}");
    assert!(out.is_empty(), "no summary of an unsaved walk: {out}");
}
