//! The command line keeps the conventions tools expect (issue 10, item 6): exit codes as the
//! README says (E7) and JSON for every listing (E12). Help, completions, the man page and the
//! 80-column check are in `cli_help`.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub(crate) fn tshoot() -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
    cmd.env_remove("TSHOOT_GUIDES").env(
        "TSHOOT_STATE_DIR",
        std::env::temp_dir().join("tshoot-conventions-tests"),
    );
    cmd
}

pub(crate) fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Exit code, stdout and stderr.
pub(crate) fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub(crate) fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Every subcommand clap knows, read from the top-level help.
pub(crate) const SUBCOMMANDS: [&str; 15] = [
    "run",
    "list",
    "validate",
    "graph",
    "sessions",
    "resume",
    "report",
    "evidence",
    "test",
    "template",
    "scenario",
    "completions",
    "man",
    "version",
    "help",
];

// ---- exit codes (E7) ----

#[test]
fn test_of_a_missing_file_exits_2_naming_it() {
    let (code, _, err) = run(tshoot().args(["test", "nofile.yaml"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("'nofile.yaml'"), "{err}");
}

#[test]
fn validate_of_a_missing_file_exits_2_naming_it() {
    let (code, _, err) = run(tshoot().args(["validate", "nofile.yaml"]));
    assert_eq!(code, 2, "{err}");
    let (code, out, _) = run(tshoot().args(["validate", "--json", "nofile.yaml"]));
    assert_eq!(code, 2);
    let report = json(&out);
    assert_eq!(report["problems"][0]["kind"], "unreadable", "{report}");
    assert_eq!(report["problems"][0]["file"], "nofile.yaml", "{report}");
}

#[test]
fn evidence_of_a_missing_file_exits_2_naming_it() {
    let (code, _, err) = run(tshoot().args(["evidence", "nofile"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nofile"), "{err}");
}

#[test]
fn report_of_a_missing_session_exits_2_saying_how_to_list_them() {
    let state = tempfile::tempdir().expect("state");
    let (code, _, err) = run(tshoot()
        .arg("--state-dir")
        .arg(state.path())
        .args(["report", "20261126-000000-nothing-0000"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("tshoot sessions"), "{err}");
}

#[test]
fn a_missing_file_named_to_any_command_exits_2() {
    let state = tempfile::tempdir().expect("state");
    for args in [
        &["run", "aadsts51006", "--answers", "nofile.yaml"][..],
        &["run", "nofile.yaml", "--answers", "answers.yaml"],
        &["graph", "nofile.yaml"],
        &["run", "aadsts51006", "--evidence", "nofile.txt"],
    ] {
        let (code, _, err) = run(tshoot().arg("--state-dir").arg(state.path()).args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("nofile"), "{args:?} names the file: {err}");
    }
}

#[test]
fn a_missing_guides_folder_exits_2_in_every_command_that_reads_guides() {
    for args in [&["list"][..], &["validate"], &["test", "tests/scenarios"]] {
        let (code, _, err) = run(tshoot()
            .current_dir(repo(""))
            .args(["--guides", "no-such-dir"])
            .args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("'no-such-dir'"), "{args:?}: {err}");
    }
}

#[test]
fn test_on_a_folder_without_scenarios_exits_2_saying_so() {
    let empty = tempfile::tempdir().expect("dir");
    let (code, out, err) = run(tshoot().arg("test").arg(empty.path()));
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("no scenario files in"), "{err}");
    assert!(
        err.contains(&empty.path().display().to_string()),
        "names the folder: {err}"
    );
}

#[test]
fn a_scenario_that_fails_still_exits_1() {
    let dir = tempfile::tempdir().expect("dir");
    let scenario = dir.path().join("wrong.yaml");
    std::fs::write(
        &scenario,
        "guide: aadsts51006\nexpect: no_such_resolution\nanswers: {}\n",
    )
    .expect("write");
    let (code, out, _) = run(tshoot().arg("test").arg(&scenario));
    assert_eq!(code, 1, "{out}");
}

// ---- JSON output (E12) ----

#[test]
fn list_json_names_each_guide_with_its_version_nodes_and_codes() {
    let (code, out, _) = run(tshoot().args(["list", "--json"]));
    assert_eq!(code, 0);
    let guides = json(&out);
    let guide = guides
        .as_array()
        .expect("an array")
        .iter()
        .find(|g| g["id"] == "aadsts51006")
        .expect("the bundled guide");
    assert!(guide["nodes"].as_u64().is_some_and(|n| n > 10), "{guide}");
    assert!(guide["version"].as_str().is_some_and(|v| !v.is_empty()));
    assert!(guide["error_codes"]
        .as_array()
        .is_some_and(|codes| codes.iter().any(|c| c == "AADSTS51006")));
    assert!(guide["title"]
        .as_str()
        .is_some_and(|t| t.contains("Integrated Windows")));
}

#[test]
fn validate_json_gives_file_line_column_severity_and_message_of_each_problem() {
    let path = repo("tests/fixtures/invalid/missing_target.yaml");
    let (code, out, _) = run(tshoot().args(["validate", "--json"]).arg(&path));
    assert_eq!(code, 1);
    let report = json(&out);
    assert_eq!(report["checked"], 1);
    assert!(
        report["errors"].as_u64().is_some_and(|n| n >= 1),
        "{report}"
    );
    let problem = &report["problems"][0];
    assert_eq!(problem["file"], path.display().to_string().as_str());
    assert!(problem["line"].as_u64().is_some_and(|n| n > 1), "{problem}");
    assert!(
        problem["column"].as_u64().is_some_and(|n| n >= 1),
        "{problem}"
    );
    assert_eq!(problem["severity"], "error");
    assert_eq!(problem["kind"], "invalid");
    assert!(problem["message"].as_str().is_some_and(|m| !m.is_empty()));
}

#[test]
fn validate_json_of_a_clean_guide_has_no_problems_and_exits_0() {
    let (code, out, _) = run(tshoot().args(["validate", "--json"]));
    assert_eq!(code, 0);
    let report = json(&out);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["problems"], Value::Array(Vec::new()));
}

#[test]
fn sessions_json_lists_each_saved_session() {
    let state = tempfile::tempdir().expect("state");
    let answers = state.path().join("answers.yaml");
    std::fs::write(&answers, "vpn: no\n").expect("write");
    let (code, _, err) = run(tshoot()
        .arg("--state-dir")
        .arg(state.path())
        .args(["--ticket", "INC-7", "run"])
        .arg(repo("tests/fixtures/valid/demo.yaml"))
        .arg("--answers")
        .arg(&answers));
    assert!(code == 0 || code == 1, "{err}");
    let (code, out, _) = run(tshoot()
        .arg("--state-dir")
        .arg(state.path())
        .args(["sessions", "--json"]));
    assert_eq!(code, 0);
    let sessions = json(&out);
    let session = &sessions[0];
    assert!(session["id"].as_str().is_some_and(|id| !id.is_empty()));
    assert_eq!(session["ticket"], "INC-7");
    assert!(session["guide"]["hash"]
        .as_str()
        .is_some_and(|h| h.starts_with("sha256:")));
    assert!(session["status"].is_string(), "{session}");
    assert!(session["started"].is_string(), "{session}");
    assert!(session["current"]["node"].is_string(), "{session}");
}

#[test]
fn sessions_json_of_an_empty_store_is_an_empty_list() {
    let state = tempfile::tempdir().expect("state");
    let (code, out, _) = run(tshoot()
        .arg("--state-dir")
        .arg(state.path())
        .args(["sessions", "--json"]));
    assert_eq!(code, 0);
    assert_eq!(json(&out), Value::Array(Vec::new()));
}

#[test]
fn test_json_gives_each_scenario_and_the_coverage() {
    let (code, out, err) = run(tshoot()
        .args(["test", "--json"])
        .arg(repo("tests/scenarios")));
    assert_eq!(code, 0, "{err}");
    let report = json(&out);
    let scenarios = report["scenarios"].as_array().expect("scenarios");
    assert!(scenarios.len() >= 10);
    assert_eq!(report["passed"].as_u64(), Some(scenarios.len() as u64));
    assert_eq!(report["failed"], 0);
    assert!(scenarios
        .iter()
        .all(|s| s["passed"] == true && s["resolution"].is_string()));
    let coverage = report["coverage"]
        .as_array()
        .expect("coverage")
        .iter()
        .find(|c| c["guide"] == "aadsts51006")
        .expect("coverage of aadsts51006");
    let resolutions = &coverage["resolutions"];
    assert!(resolutions["reached"].as_u64() <= resolutions["total"].as_u64());
    assert!(resolutions["reached"].as_u64().is_some_and(|n| n > 0));
    let profiles = coverage["profiles"].as_array().expect("profiles");
    assert!(
        profiles.iter().any(|p| p["access"].is_null()),
        "every access"
    );
    assert!(profiles.iter().any(|p| p["access"].is_array()), "a profile");
    assert!(coverage["unvisited_nodes"].is_array());
}

#[test]
fn test_json_reports_a_failed_scenario_with_its_reason() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(
        dir.path().join("wrong.yaml"),
        "guide: aadsts51006\nexpect: no_such_resolution\nanswers: {}\n",
    )
    .expect("write");
    let (code, out, _) = run(tshoot().args(["test", "--json"]).arg(dir.path()));
    assert_eq!(code, 1);
    let report = json(&out);
    assert_eq!(report["failed"], 1);
    assert_eq!(report["scenarios"][0]["passed"], false);
    assert!(report["scenarios"][0]["error"]
        .as_str()
        .is_some_and(|e| !e.is_empty()));
}
