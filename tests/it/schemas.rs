//! The JSON Schemas in docs/ hold for what tshoot really reads and writes: every valid guide in
//! the repository passes docs/guide.schema.json (and guides broken in their shape fail it), and the
//! JSON report of every scenario walk, made by the real binary, passes docs/report.schema.json.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo(&format!("docs/{name}"))).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name} is not a valid draft 2020-12 schema: {e}"))
}

/// Every problem the schema finds, one per line, empty when the document passes.
fn problems(validator: &jsonschema::Validator, document: &Value) -> String {
    validator
        .iter_errors(document)
        .map(|e| format!("  at '{}': {e}", e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn yaml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, found);
        } else if path.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            found.push(path);
        }
    }
}

/// The YAML as the loader reads it (YAML 1.2), as JSON: what an editor's schema check sees.
fn yaml_as_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_yaml::from_str(&text).ok()
}

/// Every guide file in guides/ and tests/ that tshoot loads and validates without an error.
fn valid_guides() -> Vec<PathBuf> {
    let mut files = Vec::new();
    yaml_files(&repo("guides"), &mut files);
    yaml_files(&repo("tests"), &mut files);
    files
        .into_iter()
        .filter(|path| {
            yaml_as_json(path).is_some_and(|v| v.get("nodes").is_some())
                && tshoot::guide::read_guide_file(path)
                    .ok()
                    .is_some_and(|loaded| tshoot::guide::validate(loaded).is_ok())
        })
        .collect()
}

#[test]
fn every_valid_guide_in_the_repository_passes_the_guide_schema() {
    let validator = schema("guide.schema.json");
    let guides = valid_guides();
    for expected in [
        "guides/aadsts51006.yaml",
        "tests/fixtures/valid/demo.yaml",
        "tests/fixtures/store/vpn.yaml",
    ] {
        assert!(
            guides.contains(&repo(expected)),
            "{expected} is among the guides checked: {guides:?}"
        );
    }
    let failures: Vec<String> = guides
        .iter()
        .filter_map(|path| {
            let document = yaml_as_json(path)?;
            let found = problems(&validator, &document);
            (!found.is_empty()).then(|| format!("{}:\n{found}", path.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn guides_broken_in_their_shape_fail_the_guide_schema_where_the_loader_refuses_them() {
    let validator = schema("guide.schema.json");
    // Each names the part of the guide the schema must point at.
    for (fixture, at) in [
        ("unknown_key.yaml", "/nodes/0"),
        ("wrong_kind_key.yaml", "/nodes/0"),
        ("wrong_type.yaml", "/nodes/0/prompt"),
        ("bad_format_version.yaml", "/format"),
        ("not_a_mapping.yaml", ""),
        ("confirm_without_no.yaml", "/nodes/0"),
        ("empty_options.yaml", "/nodes/0/options"),
        ("multi_option_with_next.yaml", "/nodes/0/options/0"),
        ("resolution_without_steps.yaml", "/nodes/1"),
    ] {
        let path = repo(&format!("tests/fixtures/invalid/{fixture}"));
        let document = yaml_as_json(&path).expect("the fixture is YAML");
        let paths: Vec<String> = validator
            .iter_errors(&document)
            .map(|e| e.instance_path().to_string())
            .collect();
        assert!(
            paths.iter().any(|p| p == at),
            "{fixture}: expected a problem at '{at}', got {paths:?}"
        );
        let refused = match tshoot::guide::read_guide_file(&path) {
            Err(_) => true,
            Ok(loaded) => tshoot::guide::validate(loaded).is_err(),
        };
        assert!(refused, "{fixture}: tshoot refuses it too");
    }
}

fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
    cmd.env_remove("TSHOOT_GUIDES")
        .env_remove("TSHOOT_STATE_DIR")
        .arg("--state-dir")
        .arg(state)
        .arg("--tech")
        .arg("alice")
        .arg("--ticket")
        .arg("INC-1");
    cmd
}

/// Walks one scenario headless (with its access and evidence) and gives the saved session's id.
fn walk_scenario(state: &Path, scenario: &Path) -> String {
    let yaml = yaml_as_json(scenario).expect("scenario is YAML");
    let guide = yaml["guide"].as_str().expect("scenario names its guide");
    let mut cmd = tshoot(state);
    cmd.args(["run", guide, "--answers"]).arg(scenario);
    if let Some(access) = yaml.get("access").and_then(Value::as_array) {
        let ids: Vec<&str> = access.iter().filter_map(Value::as_str).collect();
        cmd.arg(format!("--access={}", ids.join(",")));
    }
    let beside = scenario.parent().expect("scenario folder");
    for file in yaml
        .get("evidence")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        cmd.arg("--evidence").arg(beside.join(file));
    }
    let out = cmd.output().expect("tshoot runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    stderr
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .unwrap_or_else(|| panic!("{}: no session saved: {stderr}", scenario.display()))
        .trim()
        .to_string()
}

#[test]
fn the_json_report_of_every_scenario_walk_passes_the_report_schema() {
    let validator = schema("report.schema.json");
    let state = tempfile::tempdir().expect("state dir");
    let mut scenarios = Vec::new();
    yaml_files(&repo("tests/scenarios"), &mut scenarios);
    let scenarios: Vec<PathBuf> = scenarios
        .into_iter()
        .filter(|p| yaml_as_json(p).is_some_and(|v| v.get("expect").is_some()))
        .collect();
    assert!(scenarios.len() >= 10, "scenarios found: {scenarios:?}");
    let mut statuses = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for scenario in &scenarios {
        let id = walk_scenario(state.path(), scenario);
        for redact in [false, true] {
            let mut cmd = tshoot(state.path());
            cmd.args(["report", &id, "--format", "json"]);
            if redact {
                cmd.arg("--redact");
            }
            let out = cmd.output().expect("tshoot runs");
            assert!(out.status.success(), "report of {id} failed");
            let report: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
            statuses.insert(report["session"]["status"].to_string());
            let found = problems(&validator, &report);
            if !found.is_empty() {
                failures.push(format!(
                    "{} (redact: {redact}):\n{found}",
                    scenario.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        statuses.len() >= 2,
        "the walks end in more than one status: {statuses:?}"
    );
}

#[test]
fn the_report_snapshot_passes_the_report_schema() {
    let validator = schema("report.schema.json");
    let snap = std::fs::read_to_string(repo(
        "tests/it/snapshots/it__report_formats__json_report_of_a_finished_walk.snap",
    ))
    .expect("snapshot");
    // An insta snapshot: a header between `---` lines, then the JSON.
    let body = snap.splitn(3, "---\n").nth(2).expect("snapshot body");
    let report: Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(problems(&validator, &report), "");
}

#[test]
fn the_report_schema_refuses_a_report_that_breaks_its_promises() {
    let validator = schema("report.schema.json");
    let snap = std::fs::read_to_string(repo(
        "tests/it/snapshots/it__report_formats__json_report_of_a_finished_walk.snap",
    ))
    .expect("snapshot");
    let body = snap.splitn(3, "---\n").nth(2).expect("snapshot body");
    let good: Value = serde_json::from_str(body).expect("JSON");
    let mut wrong_status = good.clone();
    wrong_status["session"]["status"] = Value::from("finished");
    assert!(!validator.is_valid(&wrong_status));
    let mut no_summary = good.clone();
    no_summary
        .as_object_mut()
        .expect("object")
        .remove("summary");
    assert!(!validator.is_valid(&no_summary));
    let mut bad_time = good;
    bad_time["session"]["started"] = Value::from("yesterday");
    assert!(!validator.is_valid(&bad_time));
}

#[test]
fn every_bundled_guide_points_editors_at_the_guide_schema() {
    let mut bundled = Vec::new();
    yaml_files(&repo("guides"), &mut bundled);
    // The bundled guides are the files of `guides/` itself; its subfolders hold practice cases.
    bundled.retain(|p| p.parent() == Some(repo("guides").as_path()));
    assert!(!bundled.is_empty());
    for guide in bundled {
        let text = std::fs::read_to_string(&guide).expect("readable");
        assert_eq!(
            text.lines().next(),
            Some("# yaml-language-server: $schema=../docs/guide.schema.json"),
            "{}",
            guide.display()
        );
    }
}
