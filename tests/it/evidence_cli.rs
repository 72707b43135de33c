//! Evidence through the real binary: `tshoot evidence`, `--evidence` on headless runs, scenario
//! files with evidence, and what reaches the session file and the reports.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::store_support::run;

fn walks() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence/walks")
}

fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary");
    cmd.env_remove("TSHOOT_GUIDES")
        .env("TSHOOT_STATE_DIR", state)
        .current_dir(walks());
    cmd
}

/// The JWT in page.txt's Message line.
const TOKEN_PART: &str = "eyJ1cG4iOiJhbGV4QGNvbnRvc28uY29tIn0";

#[test]
fn evidence_prints_the_kind_and_each_fact_with_its_line() {
    let state = tempfile::tempdir().expect("state");
    let (code, out, err) = run(tshoot(state.path()).args(["evidence", "page.txt"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("page.txt: sign-in error page (6 fact(s))"),
        "{out}"
    );
    assert!(
        out.contains("error.correlation_id  148787df-c02d-4cbe-947e-481164f67f03"),
        "{out}"
    );
    assert!(
        out.contains("from line 3: Correlation Id: 148787df"),
        "{out}"
    );
    assert!(!out.contains(TOKEN_PART), "a token is never shown: {out}");

    let (code, out, _) = run(tshoot(state.path()).args(["evidence", "page.txt", "--json"]));
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json[0]["kind"], "error_page");
    assert_eq!(json[0]["facts"][0]["name"], "error.code");
    assert_eq!(json[0]["facts"][0]["source"]["line"], 1);
}

#[test]
fn missing_files_and_text_that_is_no_evidence_are_refused_clearly() {
    let state = tempfile::tempdir().expect("state");
    let (code, _, err) = run(tshoot(state.path()).args(["evidence", "nope.txt"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("nope.txt: cannot read it: there is no such file"),
        "{err}"
    );
    let (code, _, err) = run(tshoot(state.path()).args(["evidence", "override.yaml"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("not recognised as evidence; tshoot reads: sign-in error page"),
        "{err}"
    );
    let (code, out, _) = run(tshoot(state.path()).args(["evidence", "--facts"]));
    assert_eq!(code, 0);
    assert!(out.contains("error.correlation_id"), "{out}");
    // Refused at the start of a run: nothing is saved.
    let (code, _, err) = run(tshoot(state.path()).args([
        "run",
        "settled.yaml",
        "--evidence",
        "override.yaml",
        "--answers",
        "none.yaml",
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(
        !state.path().join("sessions").exists()
            || std::fs::read_dir(state.path().join("sessions"))
                .expect("dir")
                .count()
                == 0
    );
}

#[test]
fn a_headless_walk_is_answered_by_evidence_and_the_answers_file_wins_with_a_warning() {
    let state = tempfile::tempdir().expect("state");
    let (code, out, err) = run(tshoot(state.path()).args([
        "run",
        "settled.yaml",
        "--evidence",
        "page.txt",
        "--answers",
        "none.yaml",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Resolution: CLI"),
        "evidence alone reaches it: {out}"
    );
    assert!(
        out.contains("From evidence: sign-in error page, line 1: Error Code: 51006"),
        "{out}"
    );

    let (code, out, err) = run(tshoot(state.path()).args([
        "run",
        "settled.yaml",
        "--evidence",
        "page.txt",
        "--answers",
        "override.yaml",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Resolution: Other"), "{out}");
    assert!(
        err.contains("warning: 'app': the answers say Another app but the evidence says Azure CLI"),
        "{err}"
    );
    assert!(
        out.contains("Overrides the evidence, which says Azure CLI"),
        "{out}"
    );
    let id = err
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .expect("saved")
        .to_string();

    // Neither the session file nor any report holds the token.
    for entry in std::fs::read_dir(state.path().join("sessions")).expect("sessions") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
        assert!(!text.contains(TOKEN_PART), "the session keeps no token");
    }
    for format in ["md", "json", "html", "text"] {
        let (code, report, err) =
            run(tshoot(state.path()).args(["report", &id, "--format", format]));
        assert_eq!(code, 0, "{err}");
        assert!(
            !report.contains(TOKEN_PART),
            "{format} report holds the token"
        );
        assert!(
            report.contains("148787df-c02d-4cbe-947e-481164f67f03"),
            "{format}"
        );
        assert!(
            report.contains("Correlation Id: 148787df"),
            "{format}: the proving line"
        );
    }
    let (_, md, _) = run(tshoot(state.path()).args(["report", &id, "--format", "md"]));
    assert!(
        md.contains("## Evidence: sign-in error page (page.txt)"),
        "{md}"
    );
    assert!(
        md.contains("> Overrides the evidence, which says Azure CLI"),
        "{md}"
    );
}

#[test]
fn a_scenario_lists_evidence_files_beside_it() {
    let state = tempfile::tempdir().expect("state");
    let (code, out, err) = run(tshoot(state.path()).args(["test", "scenario.yaml"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("ok    scenario.yaml -> res_cli"), "{out}");
}

/// Every segment of every JWT in the token fixtures, and the cookie and password values of the
/// HAR fixtures: none may reach a session file or a report.
fn secrets_of_fixtures() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
    let mut secrets = Vec::new();
    let jwt = regex::Regex::new(r"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")
        .expect("pattern");
    for dir in ["token", "har"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("fixtures") {
            let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
            for m in jwt.find_iter(&text) {
                secrets.extend(
                    m.as_str()
                        .split('.')
                        .filter(|s| s.len() >= 12)
                        .map(str::to_string),
                );
            }
        }
    }
    assert!(secrets.len() > 6, "the fixtures hold tokens to look for");
    secrets
}

#[test]
fn no_raw_token_from_a_fixture_reaches_a_session_file_or_a_report() {
    let state = tempfile::tempdir().expect("state");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/evidence");
    let mut cmd = tshoot(state.path());
    cmd.args(["run", "settled.yaml", "--answers", "override.yaml"]);
    for file in [
        "token/v1_access_wia.txt",
        "token/bearer_request.txt",
        "har/edge_seamless_sso_51006.har",
        "har/firefox_adfs_forms.har",
    ] {
        let path = root.join(file);
        if path.exists() {
            cmd.arg("--evidence").arg(path);
        }
    }
    cmd.arg("--evidence").arg("page.txt");
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
    let id = err
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .expect("saved")
        .to_string();
    let mut outputs = Vec::new();
    for entry in std::fs::read_dir(state.path().join("sessions")).expect("sessions") {
        outputs.push(std::fs::read_to_string(entry.expect("entry").path()).expect("read"));
    }
    for format in ["md", "json", "html", "text"] {
        let (code, report, err) =
            run(tshoot(state.path()).args(["report", &id, "--format", format]));
        assert_eq!(code, 0, "{err}");
        outputs.push(report);
    }
    for secret in secrets_of_fixtures() {
        for out in &outputs {
            assert!(!out.contains(&secret), "a token segment leaked: {secret}");
        }
    }
}
