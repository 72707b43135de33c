//! The session journal through the library: a save costs the same at step 5 and 2,000, close and
//! growth rewrite it compact, listing reads headers only, old single-JSON files still work,
//! nothing is written before the first answer, and a failed save stops the wizard.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::store_support::*;
use tshoot::engine::{Answer, StepClock, Walk, WalkCommand};
use tshoot::guide::Catalog;
use tshoot::guide::{load, validate, ValidGuide};
use tshoot::store::{
    Recorder, Resumed, SessionListing, SessionRecorder, SessionStatus, SessionStore, StoreError,
};

fn recorder_at(store: SessionStore) -> SessionRecorder {
    SessionRecorder::new(
        store,
        Some("alice".into()),
        None,
        Arc::new(StepClock::new(START + 10_000, 1)),
    )
}

fn recorder(root: &Path) -> SessionRecorder {
    recorder_at(SessionStore::open(root).expect("store"))
}

/// A chain of `n` input nodes, then a resolution.
fn chain(n: usize) -> Arc<ValidGuide> {
    let mut yaml = String::from(
        "format: 1\nid: chain\ntitle: Chain\nversion: '1'\nsections: []\nstart: n0\nnodes:\n",
    );
    for i in 0..n {
        let next = if i + 1 < n {
            format!("n{}", i + 1)
        } else {
            "r".into()
        };
        let _ = writeln!(
            yaml,
            "  - {{id: n{i}, kind: input, prompt: 'Value?', why: w, how: h, next: {next}}}"
        );
    }
    yaml.push_str(
        "  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}\n",
    );
    Arc::new(validate(load("chain.yaml", yaml.as_bytes()).expect("loads")).expect("validates"))
}

fn answer(walk: &mut Walk, i: usize) {
    walk.apply(WalkCommand::Answer(Answer::Text(format!("value {i:05}"))))
        .expect("answers");
}

#[test]
fn a_save_appends_as_many_bytes_at_answer_2000_as_at_answer_5() {
    // 2,000 rather than 5,000: the engine recomputes variables over the whole walk at every
    // answer, so a longer walk costs the test seconds; `benches/store.rs` times step 5,000.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let mut walk = Walk::start(chain(2_010), clock());
    let appended = |rec: &mut SessionRecorder, walk: &Walk| {
        let before = rec.journal_len();
        rec.save(walk).expect("saves");
        rec.journal_len().saturating_sub(before)
    };
    let mut early = Vec::new();
    for i in 0..10 {
        answer(&mut walk, i);
        early.push(appended(&mut rec, &walk));
    }
    for i in 10..1_995 {
        answer(&mut walk, i);
    }
    rec.save(&walk).expect("one save catches up (a snapshot)");
    let mut late = Vec::new();
    for i in 1_995..2_005 {
        answer(&mut walk, i);
        late.push(appended(&mut rec, &walk));
    }
    assert_eq!(late.len(), 10);
    let (at_5, at_2000) = (early[4], late[5]);
    assert!(at_5 > 0 && at_5 < 1_000, "{early:?}");
    assert!(
        at_2000 <= at_5 + 16,
        "answer 2,000 appended {at_2000} bytes, answer 5 {at_5}: {late:?}"
    );
    let session = rec
        .store()
        .load(&rec.session_id().expect("id"))
        .expect("loads");
    assert_eq!(session.steps, walk.steps(), "read back exactly");
}

#[test]
fn a_grown_journal_and_a_closed_session_are_rewritten_compact_and_read_back_exactly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let mut walk = Walk::start(chain(600), clock());
    let mut shrank = false;
    for i in 0..500 {
        answer(&mut walk, i);
        if i % 7 == 3 {
            walk.apply(WalkCommand::Note(Some(i / 2), format!("note on {}", i / 2)))
                .expect("notes an earlier step");
        }
        if i % 50 == 49 {
            walk.apply(WalkCommand::Back).expect("back");
        }
        let before = rec.journal_len();
        rec.save(&walk).expect("saves");
        shrank |= rec.journal_len() < before;
    }
    assert!(shrank, "the journal was compacted as it grew");
    let id = rec.session_id().expect("id");
    assert_eq!(rec.store().load(&id).expect("loads").steps, walk.steps());
    rec.close(&walk).expect("closes");
    let bytes = std::fs::read(rec.store().path_of(&id)).expect("read");
    assert_eq!(
        bytes.iter().filter(|&&b| b == b'\n').count(),
        2,
        "header and one record"
    );
    let session = rec.store().load(&id).expect("loads");
    assert_eq!(session.steps, walk.steps());
    assert_eq!(session.status, SessionStatus::Paused);
    // Longer than the 16 KiB a listing reads from the end: the state is still found there.
    assert!(bytes.len() > 16 * 1024, "{}", bytes.len());
    let listed = rec.store().list().expect("lists").sessions;
    assert_eq!(listed[0].status, SessionStatus::Paused);
    assert_eq!(listed[0].current.node, walk.current().id);
}

#[test]
fn listing_reads_the_header_and_the_last_record_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let mut walk = Walk::start(guide(), clock());
    for m in &messages()[..6] {
        walk.apply(m.clone()).expect("applies");
        rec.save(&walk).expect("saves");
    }
    let id = rec.session_id().expect("id");
    let path = rec.session_path().expect("path");
    drop(rec);
    // Spoil a record in the middle (same length): the listing never reads it, a load does.
    let mut bytes = std::fs::read(&path).expect("read");
    let third_line = bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .nth(2)
        .map(|(i, _)| i + 1)
        .expect("lines");
    bytes[third_line + 2] = b'#';
    std::fs::write(&path, &bytes).expect("write");
    let store = SessionStore::at(dir.path());
    let listing = store.list().expect("lists");
    assert!(listing.damaged.is_empty());
    assert_eq!(listing.sessions[0].id, id);
    assert_eq!(listing.sessions[0].current.node, "on_vpn");
    assert_eq!(listing.sessions[0].technician, "alice");
    let err = store.load(&id).expect_err("the whole read finds it");
    assert!(
        err.to_string().contains("record 3 is not readable"),
        "{err}"
    );
    assert!(matches!(err, StoreError::Damaged { .. }));
}

#[test]
fn a_single_json_session_of_tshoot_0_1_is_listed_resumed_and_then_kept_as_a_journal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let walk = walk_through(guide(), &messages()[..5]);
    rec.save(&walk).expect("saves");
    let id = rec.session_id().expect("id");
    drop(rec);
    let store = SessionStore::at(dir.path());
    let old = serde_json::to_vec(&store.load(&id).expect("loads")).expect("json");
    std::fs::write(store.path_of(&id), &old).expect("write the 0.1 form");
    assert_eq!(
        store.list().expect("lists").sessions[0].current.node,
        "on_vpn"
    );

    let catalog = catalog_with(&dir.path().join("src"), &fixture_text());
    let mut again = recorder(dir.path());
    let mut resumed = again.resume(&id, &catalog).expect("resumes").walk;
    assert_eq!(resumed.steps(), walk.steps());
    resumed
        .apply(WalkCommand::Answer(Answer::Yes))
        .expect("answers");
    again.save(&resumed).expect("saves");
    let bytes = std::fs::read(store.path_of(&id)).expect("read");
    assert!(
        bytes.starts_with(b"{\"journal\":"),
        "rewritten as a journal"
    );
    assert_eq!(store.load(&id).expect("loads").steps, resumed.steps());
}

#[test]
fn nothing_is_written_before_the_first_answer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("state");
    let mut rec = recorder_at(SessionStore::at(&root));
    let untouched = Walk::start(guide(), clock());
    rec.save(&untouched)
        .expect("a guide picked: nothing to save yet");
    rec.close(&untouched).expect("nothing to close");
    assert_eq!(rec.session_id(), None);
    assert!(rec.unfinished().is_empty());
    assert!(!root.exists(), "no folder, no file, no guide copy");
}

#[test]
fn a_walk_does_no_disk_io_before_its_first_answer() {
    // Without a terminal the walk is asked in plain lines; the input ends before any answer.
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let out = assert_cmd::Command::cargo_bin("tshoot")
        .expect("binary")
        .env_remove("TSHOOT_GUIDES")
        .env("TSHOOT_STATE_DIR", &state)
        .arg("--guides")
        .arg(fixture_dir())
        .args(["run", "store_vpn"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the input ended before any answer"),
        "{stderr}"
    );
    assert!(
        !state.exists(),
        "no session or guide copy before the first answer"
    );
}

#[test]
fn a_second_recorder_cannot_open_a_session_another_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = recorder(dir.path());
    first
        .save(&walk_through(guide(), &messages()[..3]))
        .expect("saves");
    let id = first.session_id().expect("id");
    let catalog = catalog_with(&dir.path().join("src"), &fixture_text());
    let err = recorder(dir.path())
        .resume(&id, &catalog)
        .expect_err("held by the first");
    match err.downcast_ref::<StoreError>() {
        Some(StoreError::Locked { id: locked, pid }) => {
            assert_eq!(locked, &id);
            assert_eq!(*pid, Some(std::process::id()));
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    drop(first);
    recorder(dir.path())
        .resume(&id, &catalog)
        .expect("free once the first is gone");
}

#[test]
fn the_closing_save_removes_temp_files_a_killed_tshoot_left() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = SessionStore::open(dir.path()).expect("store");
    let stale = store
        .sessions_dir()
        .join(".20261126-000000-x-0000.json.99999999-0.tmp");
    std::fs::write(&stale, b"{\"journal\":1").expect("write");
    let mut rec = recorder_at(store);
    let walk = walk_through(guide(), &messages()[..1]);
    rec.save(&walk).expect("saves");
    assert!(
        stale.exists(),
        "the first answer does not read the whole folder"
    );
    rec.close(&walk).expect("closes");
    assert!(!stale.exists());
}

/// A recorder whose every save fails, as on a full disk.
struct FullDisk;

impl Recorder for FullDisk {
    fn save(&mut self, _walk: &Walk) -> anyhow::Result<()> {
        Err(StoreError::io(
            "saving session 's' in '/state/sessions'",
            std::io::Error::other("No space left on device"),
        )
        .into())
    }
    fn close(&mut self, _walk: &Walk) -> anyhow::Result<()> {
        Ok(())
    }
    fn export(&mut self, _walk: &Walk) -> anyhow::Result<Vec<PathBuf>> {
        Ok(Vec::new())
    }
    fn unfinished(&self) -> Vec<SessionListing> {
        Vec::new()
    }
    fn resume(&mut self, _id: &str, _catalog: &Catalog) -> anyhow::Result<Resumed> {
        Err(StoreError::NotKept.into())
    }
}

#[test]
fn the_wizard_stops_when_an_answer_cannot_be_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let catalog = catalog_with(dir.path(), &fixture_text());
    let mut app = tshoot::tui::App::new(
        &catalog,
        clock(),
        tshoot::tui::theme::Theme::from_env(true),
        false,
        Vec::new(),
    );
    app.open_walk(Walk::start(guide(), clock()));
    tshoot::tui::perform(&mut app, &mut FullDisk, vec![tshoot::tui::Effect::Save]);
    assert!(app.quit, "no more questions whose answers would be lost");
    assert!(
        app.farewell
            .iter()
            .any(|m| m.contains("could not save") && m.contains("No space left on device")),
        "{:?}",
        app.farewell
    );
}

#[test]
fn a_close_that_cannot_write_is_reported_as_not_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let walk = walk_through(guide(), &messages()[..3]);
    rec.save(&walk).expect("saves");
    assert!(!rec.save_failed());
    // The folder gone and a file in its place: no rewrite can land (even as root).
    let sessions = rec.store().sessions_dir();
    std::fs::rename(&sessions, dir.path().join("moved")).expect("move");
    std::fs::write(&sessions, b"").expect("block");
    let err = rec.close(&walk).expect_err("cannot close");
    assert!(format!("{err:#}").contains("saving session"), "{err:#}");
    assert!(rec.save_failed(), "the wizard exits 2 on this");
}

/// Files in the session folder, temp and lock files included.
fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_session_made_ready_is_hidden_until_the_first_answer_which_is_one_appended_record() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let mut walk = Walk::start(guide(), clock());
    rec.prepare(&walk);
    let id = rec.session_id().expect("made ready");
    assert!(
        rec.store().list().expect("lists").sessions.is_empty(),
        "not a session yet"
    );
    assert!(rec.unfinished().is_empty());
    let ready = rec.journal_len();
    walk.apply(messages()[0].clone()).expect("answers");
    rec.save(&walk).expect("saves");
    assert!(
        rec.journal_len() > ready,
        "the first answer is appended to the ready file"
    );
    let listed = rec.store().list().expect("lists").sessions;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, id);
    assert_eq!(rec.store().load(&id).expect("loads").steps, walk.steps());
}

#[test]
fn quitting_a_walk_made_ready_but_never_answered_leaves_no_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let walk = Walk::start(guide(), clock());
    rec.prepare(&walk);
    assert!(!files_in(&rec.store().sessions_dir()).is_empty());
    rec.close(&walk).expect("closes");
    drop(rec);
    let store = SessionStore::open(dir.path()).expect("store");
    assert_eq!(files_in(&store.sessions_dir()), Vec::<String>::new());
}

#[test]
fn a_ready_session_left_by_a_killed_wizard_is_removed_by_the_next_listing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    rec.prepare(&Walk::start(guide(), clock()));
    let id = rec.session_id().expect("made ready");
    let store = SessionStore::open(dir.path()).expect("store");
    store.list().expect("lists");
    assert!(
        store.path_of(&id).exists(),
        "kept while its wizard holds the lock"
    );
    // What `kill -9` leaves: the file, with nobody holding its lock.
    std::mem::forget(rec);
    let lock = store.sessions_dir().join(format!(".{id}.lock"));
    let _ = std::fs::remove_file(&lock);
    store.list().expect("lists");
    assert!(!store.path_of(&id).exists());
}
