//! Scenario files through the real binary: `tshoot test` over the bundled library and over
//! scenarios that fail, a saved session turned into a scenario, answers files written from
//! `tshoot template`, and answers for nodes a guide lacks.

use std::path::Path;

use crate::cli::{repo, stdout, tshoot};

/// The scenario files in a folder and its subfolders, so adding one never breaks a count.
fn scenario_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("scenario folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .map(|p| {
            if p.is_dir() {
                scenario_files(&p)
            } else {
                usize::from(p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            }
        })
        .sum()
}

#[test]
fn test_runs_every_scenario_of_the_bundled_guide() {
    let (code, out, err) = stdout(tshoot().arg("test").arg(repo("tests/scenarios")));
    assert_eq!(code, 0, "{out}{err}");
    let scenarios = scenario_files(&repo("tests/scenarios"));
    assert!(scenarios > 0);
    assert!(
        err.contains(&format!("{scenarios} passed, 0 failed")),
        "{scenarios} scenario files: {err}"
    );
}

#[test]
fn the_bundled_library_is_complete_every_question_asked_and_every_resolution_reached() {
    let (code, out, err) = stdout(
        tshoot()
            .args(["validate", "--scenarios"])
            .arg(repo("tests/scenarios")),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains(&format!(
            "checked {} guide(s): 0 error(s), 0 warning(s)",
            tshoot::guide::BUNDLED.len()
        )),
        "{out}{err}"
    );
    let (code, out, err) = stdout(tshoot().arg("test").arg(repo("tests/scenarios")));
    assert_eq!(code, 0, "{err}");
    for bundled in tshoot::guide::BUNDLED {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("coverage of {}:", bundled.id)))
            .unwrap_or_else(|| panic!("no coverage line for {}:\n{out}", bundled.id));
        let counts: Vec<&str> = line
            .split(|c: char| !c.is_ascii_digit() && c != '/')
            .filter(|w| w.contains('/'))
            .collect();
        for count in counts {
            let (got, of) = count.split_once('/').expect("n/m");
            assert_eq!(got, of, "{line}");
        }
    }
}

#[test]
fn test_fails_a_scenario_that_lands_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(repo(
        "tests/scenarios/aadsts51006/res_connect_corp_network.yaml",
    ))
    .expect("read");
    std::fs::write(
        dir.path().join("wrong.yaml"),
        text.replace("expect: res_connect_corp_network", "expect: res_clock_skew"),
    )
    .expect("write");
    let (code, out, _) = stdout(tshoot().arg("test").arg(dir.path()));
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "expected resolution 'res_clock_skew' but the walk ended at 'res_connect_corp_network'"
        ),
        "{out}"
    );
}

#[test]
fn an_answer_for_a_node_the_guide_lacks_is_a_warning_in_run_and_a_failure_in_test() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(repo("tests/scenarios/aadsts51006/res_clock_skew.yaml"))
        .expect("read");
    let stale = text.replace("answers:\n", "answers:\n  capture_corelation_id: nope\n");
    let path = dir.path().join("stale.yaml");
    std::fs::write(&path, stale).expect("write");

    let (code, _, err) = stdout(
        tshoot()
            .args(["run", "aadsts51006", "--answers"])
            .arg(&path),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: 'capture_corelation_id' is not a node of guide 'aadsts51006'; its answer is ignored; did you mean 'capture_correlation_id'?"),
        "{err}"
    );

    let (code, out, _) = stdout(tshoot().arg("test").arg(&path));
    assert_eq!(code, 1);
    assert!(
        out.contains("answers for nodes the guide does not have: 'capture_corelation_id'; did you mean 'capture_correlation_id'?"),
        "{out}"
    );
}

#[test]
fn template_prints_an_answers_file_with_every_question_and_the_values_it_takes() {
    let (code, out, err) = stdout(tshoot().args(["template", "aadsts51006"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("signin_found: \"<yes|no|unsure>\""),
        "confirm values: {out}"
    );
    assert!(
        out.contains("domain_type: \"<federated|managed>\""),
        "choice option ids: {out}"
    );
    assert!(out.contains("request_params: []"), "multi: {out}");
    assert!(out.contains("# (optional)\ncapture_app:"), "{out}");
    assert!(
        !out.contains("\nprerequisites:") && !out.contains("\nres_"),
        "info steps and resolutions take no answer: {out}"
    );
    // It reads back as an answers file: the walk stops at the first placeholder, not at a
    // parse error, and names no unknown node.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("answers.yaml");
    std::fs::write(&file, &out).expect("write");
    let (code, _, err) = stdout(
        tshoot()
            .args(["run", "aadsts51006", "--answers"])
            .arg(&file),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("at node 'capture_correlation_id': answer not allowed"),
        "{err}"
    );
    assert!(!err.contains("is not a node"), "{err}");
}

#[test]
fn a_saved_session_becomes_a_scenario_that_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scenarios = repo("tests/scenarios/aadsts51006");
    let (code, _, err) = stdout(
        tshoot()
            .env("TSHOOT_STATE_DIR", dir.path())
            .args(["run", "aadsts51006", "--access", "pc", "--evidence"])
            .arg(scenarios.join("evidence/error-page.txt"))
            .arg("--evidence")
            .arg(scenarios.join("evidence/whoami.txt"))
            .arg("--answers")
            .arg(scenarios.join("pc_only/pc_only_res_password_changed.yaml")),
    );
    assert_eq!(code, 0, "{err}");
    let id = err
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .expect("saved")
        .trim()
        .to_string();
    let (code, out, err) = stdout(
        tshoot()
            .env("TSHOOT_STATE_DIR", dir.path())
            .args(["scenario", &id]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("access: [\"pc\"]"), "{out}");
    assert!(out.contains("expect: \"res_password_changed\""), "{out}");
    assert!(
        out.contains("  capture_correlation_id: \"148787df-c02d-4cbe-947e-481164f67f03\""),
        "answers the evidence gave are written out: {out}"
    );
    assert!(
        !out.contains("signin_found"),
        "checks passed over for want of access are left out: {out}"
    );
    let file = dir.path().join("field-case.yaml");
    std::fs::write(&file, &out).expect("write");
    let (code, out, err) = stdout(tshoot().arg("test").arg(&file));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("-> res_password_changed"), "{out}");
}
