//! A real session file cut at every byte offset: the list reports it and shows the rest, resume
//! says it is damaged, the file is left as it was, and nothing panics.

mod store_support;

use std::path::Path;
use std::sync::Arc;

use assert_cmd::Command;
use store_support::*;
use tshoot::engine::StepClock;
use tshoot::store::{Recorder, SessionRecorder, Store};

fn recorder(root: &Path) -> SessionRecorder {
    SessionRecorder::new(
        Store::open(root).expect("store"),
        Some("alice".into()),
        Some("INC-42".into()),
        Arc::new(StepClock::new(START + 10_000, 1)),
    )
}

const CUT_ID: &str = "20261126-180000-store_vpn-cut0";

/// A store with one good session and the bytes of another real one, to be cut.
fn store_with_a_real_session(root: &Path) -> (String, Vec<u8>) {
    let mut rec = recorder(root);
    rec.save(&walk_through(guide(), &messages()))
        .expect("saves");
    let good = rec.session_id().expect("id");
    let mut other = recorder(root);
    other
        .save(&walk_through(guide(), &messages()[..5]))
        .expect("saves");
    let other_id = other.session_id().expect("id");
    let path = other.session_path().expect("path");
    let bytes = std::fs::read(&path).expect("read");
    std::fs::remove_file(&path).expect("remove");
    // The id inside must match the file name; rename it in the bytes.
    let text = String::from_utf8(bytes)
        .expect("utf-8")
        .replace(&other_id, CUT_ID);
    (good, text.into_bytes())
}

#[test]
fn every_truncation_is_listed_as_damaged_and_resume_refuses_it_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (good, bytes) = store_with_a_real_session(dir.path());
    let store = Store::open(dir.path()).expect("store");
    let catalog = catalog_with(&dir.path().join("guides-src"), &fixture_text());
    let cut = store.path_of(CUT_ID);

    std::fs::write(&cut, &bytes).expect("write whole");
    assert_eq!(
        store.list().expect("lists").sessions.len(),
        2,
        "whole file reads"
    );

    for len in 0..bytes.len() {
        std::fs::write(&cut, &bytes[..len]).expect("write cut");
        let listing = store.list().expect("lists");
        let ids: Vec<&str> = listing.sessions.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [good.as_str()],
            "cut at {len}: the good session is listed"
        );
        assert_eq!(listing.damaged.len(), 1, "cut at {len}");
        assert_eq!(listing.damaged[0].path, cut);

        let err = recorder(dir.path())
            .resume(CUT_ID, &catalog)
            .expect_err("a cut file does not resume");
        let message = format!("{err:#}");
        assert!(
            message.contains("is damaged") && message.contains(&cut.display().to_string()),
            "cut at {len}: {message}"
        );
        assert_eq!(
            std::fs::read(&cut).expect("kept"),
            &bytes[..len],
            "cut at {len}: kept untouched"
        );
    }
}

#[test]
fn the_binary_lists_and_refuses_cut_files_without_panicking() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (good, bytes) = store_with_a_real_session(dir.path());
    let cut = Store::open(dir.path()).expect("store").path_of(CUT_ID);
    let answers = dir.path().join("rest.yaml");
    std::fs::write(&answers, "tried_fixes: [rebooted]\n").expect("answers");
    // Every offset goes through the library above; here a spread of them through the binary.
    let offsets = (0..bytes.len()).step_by(7).chain([bytes.len() - 1]);
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
        assert!(
            stderr.contains(&format!(
                "skipped the damaged session file '{}'",
                cut.display()
            )),
            "cut at {len}: {stderr}"
        );

        let out = tshoot()
            .args(["resume", CUT_ID, "--answers"])
            .arg(&answers)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "cut at {len}: {stderr}");
        assert!(stderr.contains("is damaged"), "cut at {len}: {stderr}");
        assert!(!stderr.contains("panicked"), "cut at {len}: {stderr}");
        assert_eq!(std::fs::read(&cut).expect("kept"), &bytes[..len]);
    }
}
