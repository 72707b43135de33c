//! A real session file cut at every byte offset. A journal cut in its header or first record is
//! listed as damaged, refused by resume and left as it was; cut anywhere after, it reads back a
//! prefix of the answered steps (the cut record is a save that never finished). A single-JSON
//! file of tshoot 0.1 cut anywhere is damaged. Nothing panics.

use std::path::Path;
use std::sync::Arc;

use crate::store_support::*;
use assert_cmd::Command;
use tshoot::engine::{StepClock, Walk};
use tshoot::store::{Recorder, SessionRecorder, SessionStore};

fn recorder(root: &Path) -> SessionRecorder {
    SessionRecorder::new(
        SessionStore::open(root).expect("store"),
        Some("alice".into()),
        Some("INC-42".into()),
        Arc::new(StepClock::new(START + 10_000, 1)),
    )
}

const CUT_ID: &str = "20261126-180000-store_vpn-cut0";

/// A store with one good session, and the bytes of another real one (saved after each of its
/// first six messages, so one record per save), renamed to `CUT_ID`.
fn store_with_a_real_session(root: &Path) -> (String, Vec<u8>) {
    let mut rec = recorder(root);
    rec.save(&walk_through(guide(), &messages()))
        .expect("saves");
    let good = rec.session_id().expect("id");
    let mut other = recorder(root);
    let mut walk = Walk::start(guide(), clock());
    for m in &messages()[..6] {
        walk.apply(m.clone()).expect("applies");
        other.save(&walk).expect("saves");
    }
    let other_id = other.session_id().expect("id");
    let path = other.session_path().expect("path");
    drop(other);
    let bytes = std::fs::read(&path).expect("read");
    std::fs::remove_file(&path).expect("remove");
    let text = String::from_utf8(bytes)
        .expect("utf-8")
        .replace(&other_id, CUT_ID);
    (good, text.into_bytes())
}

/// Where the first record ends: a cut before it leaves no saved step.
fn first_record_end(bytes: &[u8]) -> usize {
    let mut lines = bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1);
    lines.next();
    lines.next().expect("a header and a record")
}

#[test]
fn every_truncation_reads_a_prefix_or_is_refused_as_damaged_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (good, bytes) = store_with_a_real_session(dir.path());
    let store = SessionStore::open(dir.path()).expect("store");
    let catalog = catalog_with(&dir.path().join("guides-src"), &fixture_text());
    let cut = store.path_of(CUT_ID);
    let whole = walk_through(guide(), &messages()[..6]);
    let first_record_end = first_record_end(&bytes);

    std::fs::write(&cut, &bytes).expect("write whole");
    assert_eq!(store.list().expect("lists").sessions.len(), 2);
    assert_eq!(store.load(CUT_ID).expect("loads").steps, whole.steps());

    let mut prefixes_seen = std::collections::BTreeSet::new();
    for len in 0..bytes.len() {
        std::fs::write(&cut, &bytes[..len]).expect("write cut");
        let listing = store.list().expect("lists");
        let ids: Vec<&str> = listing.sessions.iter().map(|s| s.id.as_str()).collect();
        let resumed = recorder(dir.path()).resume(CUT_ID, &catalog);
        if len < first_record_end {
            assert_eq!(ids, [good.as_str()], "cut at {len}: only the good one");
            assert_eq!(listing.damaged.len(), 1, "cut at {len}");
            assert_eq!(listing.damaged[0].path, cut);
            let message = format!("{:#}", resumed.expect_err("a cut header does not resume"));
            assert!(
                message.contains("is damaged") && message.contains(&cut.display().to_string()),
                "cut at {len}: {message}"
            );
        } else {
            assert!(
                listing.damaged.is_empty(),
                "cut at {len}: {:?}",
                listing.damaged
            );
            assert_eq!(ids.len(), 2, "cut at {len}");
            let steps = store.load(CUT_ID).expect("a cut record is left out").steps;
            let n = steps.len();
            assert!(n >= 1 && n <= whole.steps().len(), "cut at {len}");
            // Earlier steps may have been re-recorded since (an answer given, a note added);
            // every step read back is one the walk recorded then.
            for (i, step) in steps.iter().enumerate() {
                assert_eq!(step.node, whole.steps()[i].node, "cut at {len}, step {i}");
            }
            let walk = resumed
                .expect("a journal cut after its first record resumes")
                .walk;
            assert_eq!(walk.steps(), steps.as_slice(), "cut at {len}");
            prefixes_seen.insert(n);
        }
        assert_eq!(
            std::fs::read(&cut).expect("kept"),
            &bytes[..len],
            "cut at {len}: reading never writes"
        );
    }
    assert!(
        prefixes_seen.len() >= 4,
        "cuts land in several records: {prefixes_seen:?}"
    );
}

#[test]
fn a_single_json_session_of_tshoot_0_1_cut_anywhere_is_damaged_and_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (good, _) = store_with_a_real_session(dir.path());
    let store = SessionStore::open(dir.path()).expect("store");
    let mut session = store.load(&good).expect("loads");
    session.id = CUT_ID.into();
    let bytes = serde_json::to_vec(&session).expect("json");
    let cut = store.path_of(CUT_ID);
    std::fs::write(&cut, &bytes).expect("write whole");
    assert_eq!(
        store.load(CUT_ID).expect("the old format reads").steps,
        session.steps
    );
    for len in (0..bytes.len()).step_by(3) {
        std::fs::write(&cut, &bytes[..len]).expect("write cut");
        let listing = store.list().expect("lists");
        assert_eq!(listing.sessions.len(), 1, "cut at {len}");
        assert_eq!(listing.damaged.len(), 1, "cut at {len}");
        assert!(store.load(CUT_ID).is_err(), "cut at {len}");
        assert_eq!(std::fs::read(&cut).expect("kept"), &bytes[..len]);
    }
}

#[test]
fn the_binary_lists_and_refuses_cut_files_without_panicking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (good, bytes) = store_with_a_real_session(dir.path());
    let cut = SessionStore::open(dir.path())
        .expect("store")
        .path_of(CUT_ID);
    let first_record_end = first_record_end(&bytes);
    let answers = dir.path().join("rest.yaml");
    std::fs::write(&answers, "tried_fixes: [rebooted]\n").expect("answers");
    // Every offset goes through the library above; here a spread of them through the binary.
    let offsets = (0..bytes.len()).step_by(11).chain([bytes.len() - 1]);
    for len in offsets {
        std::fs::write(&cut, &bytes[..len]).expect("write cut");
        let tshoot = || {
            let mut cmd = Command::cargo_bin("tshoot").expect("binary");
            cmd.env_remove("TSHOOT_GUIDES")
                .env("TSHOOT_STATE_DIR", dir.path())
                .arg("--guides")
                .arg(fixture_dir());
            cmd
        };
        let out = tshoot().arg("sessions").output().expect("runs");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(0), "cut at {len}: {stderr}");
        assert!(stdout.contains(&good), "cut at {len}: {stdout}");
        let damaged = len < first_record_end;
        assert_eq!(
            stderr.contains(&format!(
                "skipped the damaged session file '{}'",
                cut.display()
            )),
            damaged,
            "cut at {len}: {stderr}"
        );
        assert_eq!(stdout.contains(CUT_ID), !damaged, "cut at {len}: {stdout}");

        let out = tshoot()
            .args(["resume", CUT_ID, "--answers"])
            .arg(&answers)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "cut at {len}: {stderr}");
        if damaged {
            assert_eq!(out.status.code(), Some(2), "cut at {len}: {stderr}");
            assert!(stderr.contains("is damaged"), "cut at {len}: {stderr}");
            assert_eq!(std::fs::read(&cut).expect("kept"), &bytes[..len]);
        } else {
            // Resumed where the cut left it; the answers file may not reach that far.
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "cut at {len}: {stderr}"
            );
        }
    }
}
