//! Shared by the store, report and sessions tests: the fixture guide, a fixed clock, walks.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;

use tshoot::engine::{Answer, StepClock, Walk, WalkCommand};
use tshoot::guide::{read_guide_file, Catalog};
use tshoot::guide::{validate, ValidGuide};

/// 2026-11-26 19:35:02 UTC.
pub const START: i64 = 1_795_721_702;

pub fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store")
}

pub fn fixture_text() -> String {
    std::fs::read_to_string(fixture_dir().join("vpn.yaml")).expect("fixture guide")
}

pub fn guide_from(path: &Path) -> Arc<ValidGuide> {
    let loaded = read_guide_file(path).expect("fixture loads");
    Arc::new(validate(loaded).expect("fixture validates"))
}

pub fn guide() -> Arc<ValidGuide> {
    guide_from(&fixture_dir().join("vpn.yaml"))
}

/// A catalog holding the given guide text as its only extra guide, in a folder of its own.
pub fn catalog_with(dir: &Path, text: &str) -> Catalog {
    std::fs::create_dir_all(dir).expect("guide dir");
    std::fs::write(dir.join("vpn.yaml"), text).expect("write guide");
    let catalog = Catalog::load(&[dir.to_path_buf()]);
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    catalog
}

pub fn clock() -> Arc<StepClock> {
    Arc::new(StepClock::new(START, 30))
}

pub const A_JWT: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhbGV4QGNvbnRvc28uY29tIn0.c2lnbmF0dXJlLXBhcnQ";

/// The answers of a walk to the Chrome branch, each message applied in turn.
pub fn messages() -> Vec<WalkCommand> {
    vec![
        WalkCommand::Answer(Answer::Text("3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b".into())),
        WalkCommand::Answer(Answer::Text("alex@contoso.com".into())),
        WalkCommand::Note(None, format!("User pasted: Authorization: Bearer {A_JWT}")),
        WalkCommand::Answer(Answer::Text(format!("AADSTS51006 | token {A_JWT}"))),
        WalkCommand::Answer(Answer::Continue),
        WalkCommand::Note(
            None,
            "nltest /dsgetdc:contoso found DC01\nklist shows a TGT".into(),
        ),
        WalkCommand::Answer(Answer::Yes),
        WalkCommand::Answer(Answer::Choice("chrome".into())),
        WalkCommand::Answer(Answer::Multi(vec![
            "cache_cleared".into(),
            "rebooted".into(),
        ])),
    ]
}

pub fn walk_through(guide: Arc<ValidGuide>, msgs: &[WalkCommand]) -> Walk {
    let mut walk = Walk::start(guide, clock());
    for m in msgs {
        walk.apply(m.clone()).expect("message applies");
    }
    walk
}

/// The real binary on a state folder, with the fixture guides.
pub fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary");
    cmd.env_remove("TSHOOT_GUIDES")
        .env("TSHOOT_STATE_DIR", state)
        .arg("--guides")
        .arg(fixture_dir());
    cmd
}

/// Exit code, stdout and stderr of a run.
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The id a headless run saved, from its stderr.
pub fn saved_id(stderr: &str) -> String {
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .unwrap_or_else(|| panic!("no saved session in: {stderr}"))
        .trim()
        .to_string()
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// A session saved by a headless run of `answers` on the fixture guide, with `dir/state` as the
/// state folder: that folder and the session's id.
pub fn saved_session(dir: &Path, answers: &str) -> (PathBuf, String) {
    let state = dir.join("state");
    let file = write(dir, "first.yaml", answers);
    let (_, _, err) = run(tshoot(&state)
        .args(["run", "store_vpn", "--answers"])
        .arg(&file));
    (state, saved_id(&err))
}
