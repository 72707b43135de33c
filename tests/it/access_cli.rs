//! Access through the real binary: `run --access`, scenarios with `access:`, the open checks in
//! reports, and the coverage `tshoot test` prints.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::store_support::run;

fn scenarios() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/aadsts51006")
}

fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary");
    cmd.env_remove("TSHOOT_GUIDES")
        .env("TSHOOT_STATE_DIR", state)
        .current_dir(scenarios());
    cmd
}

#[test]
fn a_pc_only_walk_hands_off_with_the_checks_left_for_each_owner() {
    let state = tempfile::tempdir().expect("state");
    let (code, out, err) = run(tshoot(state.path()).args([
        "run",
        "aadsts51006",
        "--access",
        "pc",
        "--evidence",
        "evidence/error-page.txt",
        "--evidence",
        "evidence/whoami.txt",
        "--evidence",
        "evidence/nltest.txt",
        "--answers",
        "pc_only_hand_off_entra_connect.yaml",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Hand-off to: Entra Connect / AD team"),
        "{out}"
    );
    assert!(
        out.contains("Did you find the failed sign-in in the log? (not checked: needs Entra sign-in logs (read)) -> Identity team"),
        "{out}"
    );
    let id = err
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .expect("saved")
        .to_string();
    let (_, md, _) = run(tshoot(state.path()).args(["report", &id, "--format", "md"]));
    assert!(md.contains("## Open checks"), "{md}");
    assert!(
        md.contains("**Hand-off to:** Entra Connect / AD team"),
        "{md}"
    );
    assert!(md.contains("| Entra Connect / AD team |"), "{md}");
    let (_, json, _) = run(tshoot(state.path()).args(["report", &id, "--format", "json"]));
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(value["summary"]["open_checks"]
        .as_array()
        .is_some_and(|a| a.len() >= 5));
}

#[test]
fn an_access_the_guide_does_not_declare_is_refused_with_the_ones_it_does() {
    let state = tempfile::tempdir().expect("state");
    let (code, _, err) = run(tshoot(state.path()).args([
        "run",
        "aadsts51006",
        "--access",
        "pc,adfx",
        "--answers",
        "pc_only_hand_off_entra_connect.yaml",
    ]));
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "--access: 'adfx' is not an access of guide 'aadsts51006'; it declares: pc, devtools"
        ),
        "{err}"
    );
}

#[test]
fn tshoot_test_prints_coverage_by_access_profile() {
    let state = tempfile::tempdir().expect("state");
    let (code, out, err) = run(tshoot(state.path()).args(["test", "."]));
    assert_eq!(code, 0, "{out}{err}");
    let line = out
        .lines()
        .find(|l| l.starts_with("coverage of aadsts51006: "))
        .expect("a coverage line");
    assert!(
        line.contains("33/33 resolutions reached (20/20 hand-offs)"),
        "{line}"
    );
    assert!(
        line.contains("every access: 30") && line.contains("pc: 16"),
        "{line}"
    );
    assert!(!out.contains("nodes no scenario visits"), "{out}");
}
