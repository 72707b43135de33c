//! `tshoot stats` through the real binary, on sessions made by headless walks and on a folder of
//! JSON reports.

use std::path::Path;

use assert_cmd::Command;

use crate::store_support::run;

fn scenario(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/aadsts51006")
        .join(name)
}

fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary");
    cmd.env_remove("TSHOOT_GUIDES")
        .env("TSHOOT_STATE_DIR", state);
    cmd
}

fn walk(state: &Path, answers: &Path) -> Option<String> {
    let (_, _, err) = run(tshoot(state)
        .args(["run", "aadsts51006", "--answers"])
        .arg(answers));
    err.lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .map(|id| id.trim().to_string())
}

#[test]
fn stats_count_walks_resolutions_hand_offs_and_cant_checks() {
    let state = tempfile::tempdir().expect("state");
    for name in [
        "res_clock_skew.yaml",
        "res_clock_skew.yaml",
        "admin_hand_off_adfs.yaml",
    ] {
        walk(state.path(), &scenario(name)).expect("a session");
    }
    let stopped = state.path().join("stopped.yaml");
    std::fs::write(
        &stopped,
        "capture_correlation_id: 148787df-c02d-4cbe-947e-481164f67f03\ncapture_timestamp: unsure\ncapture_user: alex@contoso.com\n",
    )
    .expect("write");
    walk(state.path(), &stopped).expect("an unfinished session");

    let (code, out, err) = run(tshoot(state.path()).arg("stats"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("aadsts51006: 4 walk(s), 3 finished"), "{out}");
    assert!(
        out.contains("       2  Fix the PC's time synchronisation"),
        "{out}"
    );
    assert!(out.contains("       1  AD FS team"), "{out}");
    assert!(out.contains("unfinished walks stopped at"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");

    let (code, json, _) = run(tshoot(state.path()).args(["stats", "--json"]));
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(value[0]["walks"], 4);
    assert_eq!(value[0]["hand_offs"][0]["id"], "AD FS team");
}

#[test]
fn stats_read_a_folder_of_json_reports_and_pass_over_the_rest() {
    let state = tempfile::tempdir().expect("state");
    let collected = tempfile::tempdir().expect("reports");
    for (i, name) in ["res_clock_skew.yaml", "admin_hand_off_adfs.yaml"]
        .iter()
        .enumerate()
    {
        let id = walk(state.path(), &scenario(name)).expect("a session");
        let out = collected.path().join(format!("tech{i}.json"));
        let (code, _, err) = run(tshoot(state.path())
            .args(["report", &id, "--format", "json", "-o"])
            .arg(&out));
        assert_eq!(code, 0, "{err}");
    }
    std::fs::write(
        collected.path().join("other.json"),
        "{\"not\": \"a report\"}",
    )
    .expect("write");
    std::fs::write(collected.path().join("notes.txt"), "hello").expect("write");
    let empty = tempfile::tempdir().expect("no sessions");
    let (code, out, err) = run(tshoot(empty.path())
        .args(["stats", "--reports"])
        .arg(collected.path()));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("aadsts51006: 2 walk(s), 2 finished"), "{out}");
    let (code, _, err) = run(tshoot(empty.path()).args(["stats", "--reports", "/no/such/folder"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--reports: cannot read the folder"), "{err}");
}
