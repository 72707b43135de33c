//! The session recorder through the library: every change on disk, resume, a changed or missing
//! guide, statuses, private files, damaged files left alone.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::Arc;

use crate::store_support::*;
use pretty_assertions::assert_eq;
use tshoot::engine::Walk;
use tshoot::report::SessionStatus;
use tshoot::store::{Recorder, SessionRecorder, SessionStore};

fn recorder(root: &Path) -> SessionRecorder {
    let store = SessionStore::open(root).expect("store opens");
    SessionRecorder::new(
        store,
        Some("alice".into()),
        Some("INC-42".into()),
        Arc::new(tshoot::engine::StepClock::new(START + 10_000, 1)),
    )
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn a_headless_run_writes_each_answer_as_it_is_made_and_syncs_once_at_the_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    rec.sync_at_end();
    let mut walk = Walk::start(guide(), clock());
    for msg in messages() {
        walk.apply(msg).expect("applies");
        rec.save(&walk).expect("saves");
        // What another process (or a resume after `kill -9`) reads: every step so far.
        let id = rec.session_id().expect("created by the first answer");
        assert_eq!(rec.store().load(&id).expect("loads").steps, walk.steps());
    }
    rec.sync().expect("one sync at the end");
}

#[test]
fn every_change_is_on_disk_before_the_next_and_resume_restores_every_step() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let mut walk = Walk::start(guide(), clock());
    let mut id = None;
    for msg in messages() {
        walk.apply(msg).expect("applies");
        rec.save(&walk).expect("saves");
        let this = rec
            .session_id()
            .expect("a session exists after the first save");
        assert_eq!(
            id.get_or_insert(this.clone()),
            &this,
            "one walk, one session"
        );
        let on_disk = rec.store().load(&this).expect("loads");
        assert_eq!(
            on_disk.steps,
            walk.steps(),
            "the file holds every step so far"
        );
    }
    let id = id.expect("saved");
    let session = rec.store().load(&id).expect("loads");
    assert_eq!(session.technician, "alice");
    assert_eq!(session.ticket.as_deref(), Some("INC-42"));
    assert_eq!(session.status, SessionStatus::Escalated);

    let catalog = catalog_with(&dir.path().join("guides"), &fixture_text());
    drop(rec); // it holds the session open until then
    let mut again = recorder(dir.path());
    let resumed = again.resume(&id, &catalog).expect("resumes");
    assert_eq!(resumed.notice, None, "same guide: nothing to say");
    assert_eq!(
        resumed.walk.steps(),
        walk.steps(),
        "answers, notes and times intact"
    );
}

#[test]
fn a_partial_walk_resumes_where_it_stopped_with_back_still_possible() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let walk = walk_through(guide(), &messages()[..6]);
    rec.save(&walk).expect("saves");
    let id = rec.session_id().expect("id");
    drop(rec);
    let catalog = catalog_with(&dir.path().join("guides"), &fixture_text());
    let mut resumed = recorder(dir.path())
        .resume(&id, &catalog)
        .expect("resumes")
        .walk;
    assert_eq!(resumed.current().id, "on_vpn");
    assert_eq!(resumed.steps(), walk.steps());
    resumed
        .apply(tshoot::engine::WalkCommand::Back)
        .expect("back works after resume");
    assert_eq!(resumed.current().id, "intro_network");
}

#[test]
fn session_files_and_the_folders_tshoot_creates_are_private_to_the_user() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("state");
    let mut rec = recorder(&root);
    let walk = walk_through(guide(), &messages());
    rec.save(&walk).expect("saves");
    let reports = rec.export(&walk).expect("exports");
    for folder in [root.clone(), root.join("sessions"), root.join("guides")] {
        assert_eq!(mode(&folder), 0o700, "{}", folder.display());
    }
    let session = rec.session_path().expect("path");
    assert_eq!(mode(&session), 0o600);
    for report in &reports {
        assert_eq!(mode(report), 0o600, "{}", report.display());
    }
    for entry in std::fs::read_dir(root.join("guides")).expect("guides") {
        assert_eq!(mode(&entry.expect("entry").path()), 0o600);
    }
}

#[test]
fn a_folder_that_already_exists_is_never_chmodded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("state");
    std::fs::create_dir_all(root.join("sessions")).expect("mkdir");
    for folder in [&root, &root.join("sessions")] {
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let mut rec = recorder(&root);
    rec.save(&walk_through(guide(), &messages()[..2]))
        .expect("saves");
    assert_eq!(mode(&root), 0o755, "chosen by someone, kept");
    assert_eq!(mode(&root.join("sessions")), 0o755);
    assert_eq!(mode(&root.join("guides")), 0o700, "created by tshoot");
    assert_eq!(mode(&rec.session_path().expect("path")), 0o600);
}

#[test]
fn export_writes_markdown_json_html_and_text_next_to_the_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let walk = walk_through(guide(), &messages());
    let paths = rec.export(&walk).expect("exports");
    let id = rec.session_id().expect("id");
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            format!("{id}.report.md"),
            format!("{id}.report.json"),
            format!("{id}.report.html"),
            format!("{id}.report.txt")
        ]
    );
    for p in &paths {
        assert_eq!(p.parent(), Some(rec.store().sessions_dir().as_path()));
        assert_eq!(mode(p), 0o600, "{}", p.display());
        let text = std::fs::read_to_string(p).expect("report");
        assert!(!text.contains(A_JWT), "no raw token in {}", p.display());
    }
    let listing = rec.store().list().expect("lists");
    assert_eq!(
        listing.sessions.len(),
        1,
        "reports are not taken for sessions"
    );
    assert!(listing.damaged.is_empty());
}

#[test]
fn export_refuses_a_symbolic_link_where_a_report_goes_and_leaves_it_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    let walk = walk_through(guide(), &messages());
    rec.save(&walk).expect("saves");
    let id = rec.session_id().expect("id");
    let elsewhere = dir.path().join("elsewhere.txt");
    std::fs::write(&elsewhere, "keep me").expect("target");
    let link = rec.store().sessions_dir().join(format!("{id}.report.md"));
    std::os::unix::fs::symlink(&elsewhere, &link).expect("symlink");
    let err = rec.export(&walk).expect_err("refused");
    assert!(format!("{err:#}").contains("symbolic link"), "{err:#}");
    assert_eq!(
        std::fs::read_to_string(&elsewhere).expect("target"),
        "keep me"
    );
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
}

#[test]
fn close_marks_an_unfinished_walk_paused_and_unfinished_lists_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut first = recorder(dir.path());
    first
        .close(&walk_through(guide(), &messages()[..3]))
        .expect("closes");
    let mut second = recorder(dir.path());
    second
        .close(&walk_through(guide(), &messages()))
        .expect("closes");
    let mut nothing = recorder(dir.path());
    nothing
        .close(&walk_through(guide(), &[]))
        .expect("closing an untouched walk keeps nothing");
    assert_eq!(nothing.session_id(), None);

    let store = SessionStore::open(dir.path()).expect("store");
    let statuses: Vec<_> = store
        .list()
        .expect("lists")
        .sessions
        .iter()
        .map(|s| s.status)
        .collect();
    assert_eq!(statuses.len(), 2);
    assert!(statuses.contains(&SessionStatus::Paused));
    assert!(statuses.contains(&SessionStatus::Escalated));
    let unfinished = nothing.unfinished();
    assert_eq!(unfinished.len(), 1);
    assert_eq!(unfinished[0].id, first.session_id().expect("id"));
    assert_eq!(unfinished[0].current_step, "Error details");
    assert_eq!(unfinished[0].guide_id, "store_vpn");
}

#[test]
fn sessions_started_at_the_same_second_get_different_ids() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ids = Vec::new();
    for _ in 0..5 {
        let mut rec = recorder(dir.path());
        rec.save(&walk_through(guide(), &messages()[..1]))
            .expect("saves");
        ids.push(rec.session_id().expect("id"));
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "{ids:?}");
    assert!(ids
        .iter()
        .all(|id| id.starts_with("20261126-193502-store_vpn-")));
    let store = SessionStore::open(dir.path()).expect("store");
    assert_eq!(store.list().expect("lists").sessions.len(), 5);
}

#[test]
fn start_new_and_another_guide_each_begin_a_new_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    rec.save(&walk_through(guide(), &messages()[..1]))
        .expect("saves");
    let first = rec.session_id().expect("id");
    rec.save(&walk_through(guide(), &messages()[..2]))
        .expect("saves");
    assert_eq!(
        rec.session_id().as_ref(),
        Some(&first),
        "same walk, same session"
    );
    rec.start_new();
    rec.save(&walk_through(guide(), &messages()[..1]))
        .expect("saves");
    assert_ne!(rec.session_id().as_ref(), Some(&first));
}

#[test]
fn a_damaged_session_file_is_reported_kept_and_never_written_over() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rec = recorder(dir.path());
    rec.save(&walk_through(guide(), &messages()[..2]))
        .expect("saves");
    let store = rec.store().clone();
    let bad = store.path_of("20260101-000000-store_vpn-dead");
    std::fs::write(&bad, b"{\"schema_version\": 1, \"id\": \"2026").expect("write");
    let listing = store.list().expect("lists");
    assert_eq!(listing.sessions.len(), 1);
    assert_eq!(listing.damaged.len(), 1);
    assert_eq!(listing.damaged[0].path, bad);
    assert!(listing.damaged[0]
        .to_string()
        .contains(&bad.display().to_string()));

    let catalog = catalog_with(&dir.path().join("guides"), &fixture_text());
    let err = recorder(dir.path())
        .resume("20260101-000000-store_vpn-dead", &catalog)
        .expect_err("a damaged file does not resume");
    let message = format!("{err:#}");
    assert!(message.contains("damaged"), "{message}");
    assert!(message.contains(&bad.display().to_string()), "{message}");
    assert_eq!(
        std::fs::read(&bad).expect("still there"),
        b"{\"schema_version\": 1, \"id\": \"2026"
    );
}
