//! The real binary from the command line: list, validate, headless run, graph, scenario tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn tshoot() -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
    cmd.env_remove("TSHOOT_GUIDES").env(
        "TSHOOT_STATE_DIR",
        std::env::temp_dir().join("tshoot-cli-tests"),
    );
    cmd
}

pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

pub fn stdout(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn list_shows_the_bundled_guide_with_its_error_codes() {
    let (code, out, _) = stdout(tshoot().arg("list"));
    assert_eq!(code, 0);
    // The guide's row, with the title's continuation lines (it wraps to fit 80 columns).
    let mut rows = out.lines().skip_while(|l| !l.starts_with("aadsts51006"));
    let first = rows.next().expect("bundled guide listed");
    let line = std::iter::once(first)
        .chain(rows.take_while(|l| l.starts_with(' ')))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(line.contains("AADSTS51006"), "{line}");
    assert!(line.contains("Integrated Windows authentication"), "{line}");
}

#[test]
fn list_works_from_any_folder_because_guides_are_embedded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, out, _) = stdout(tshoot().current_dir(dir.path()).arg("list"));
    assert_eq!(code, 0);
    assert!(out.contains("aadsts51006"));
}

#[test]
fn validate_without_paths_checks_every_loaded_guide_and_finds_nothing() {
    let (code, out, err) = stdout(tshoot().arg("validate"));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "", "no errors and no warnings on the bundled guide");
    assert!(err.contains("0 error(s), 0 warning(s)"), "{err}");
}

#[test]
fn validate_a_broken_guide_prints_file_line_column_and_exits_1() {
    let path = repo("tests/fixtures/invalid/missing_target.yaml");
    let (code, out, _) = stdout(tshoot().arg("validate").arg(&path));
    assert_eq!(code, 1);
    let expected = format!(
        "{}:18:10: error: 'fixd' is not a node of this guide; did you mean 'fixed'?",
        path.display()
    );
    assert_eq!(out.trim(), expected);
}

#[test]
fn validate_a_folder_reports_every_guide_in_it() {
    let (code, out, err) = stdout(tshoot().arg("validate").arg(repo("tests/fixtures/invalid")));
    assert_eq!(code, 1);
    assert!(out.lines().count() >= 22, "{out}");
    let fixtures = std::fs::read_dir(repo("tests/fixtures/invalid"))
        .expect("fixture folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count();
    assert!(
        err.contains(&format!("checked {fixtures} guide(s)")),
        "{err}"
    );
}

#[test]
fn validate_an_unreadable_file_exits_2() {
    let (code, out, _) = stdout(tshoot().args(["validate", "/no/such/guide.yaml"]));
    assert_eq!(code, 2);
    assert!(out.contains("cannot read the file"), "{out}");
}

#[test]
fn run_with_answers_walks_headless_to_the_resolution() {
    let answers = repo("tests/scenarios/aadsts51006/res_connect_corp_network.yaml");
    let (code, out, err) = stdout(
        tshoot()
            .args(["run", "aadsts51006", "--answers"])
            .arg(&answers),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Outcome: resolved"), "{out}");
    assert!(out.contains("Fix steps:\n  1. "), "{out}");
    assert!(out.contains("Path taken:"), "{out}");
    assert!(
        out.contains("148787df-c02d-4cbe-947e-481164f67f03"),
        "evidence is listed: {out}"
    );
}

#[test]
fn run_with_a_missing_answer_exits_1_naming_the_node() {
    let dir = tempfile::tempdir().expect("tempdir");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(
        &answers,
        "capture_correlation_id: 148787df-c02d-4cbe-947e-481164f67f03\n",
    )
    .expect("write");
    let (code, _, err) = stdout(
        tshoot()
            .args(["run", "aadsts51006", "--answers"])
            .arg(&answers),
    );
    assert_eq!(code, 1);
    // The request id is optional: left out, it is skipped.
    assert!(err.contains("at node 'capture_timestamp'"), "{err}");
    assert!(err.contains("no answer given"), "{err}");
    assert!(
        err.contains("add 'capture_timestamp: <a timestamp such as 2026-01-09T00:38:22Z"),
        "the hint gives the format: {err}"
    );
}

#[test]
fn run_with_an_answer_that_does_not_fit_exits_1_saying_what_is_expected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, "capture_correlation_id: not-a-guid\n").expect("write");
    let (code, _, err) = stdout(
        tshoot()
            .args(["run", "aadsts51006", "--answers"])
            .arg(&answers),
    );
    assert_eq!(code, 1);
    assert!(err.contains("'capture_correlation_id'"), "{err}");
    assert!(err.contains("a GUID such as"), "{err}");
}

#[test]
fn run_an_unknown_guide_exits_2_listing_the_known_ones() {
    let (code, _, err) = stdout(tshoot().args(["run", "nope", "--answers", "x.yaml"]));
    assert_eq!(code, 2);
    assert!(err.contains("no guide with id 'nope'"), "{err}");
    assert!(err.contains("aadsts51006"), "{err}");
}

#[test]
fn a_guide_in_an_extra_folder_replaces_the_bundled_one_with_the_same_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = std::fs::read_to_string(repo("tests/fixtures/valid/demo.yaml")).expect("demo");
    let replaced = demo
        .replace("id: demo", "id: aadsts51006")
        .replace("title: Demo guide", "title: Local override");
    std::fs::write(dir.path().join("override.yaml"), replaced).expect("write");
    let (code, out, _) = stdout(tshoot().arg("list").arg("--guides").arg(dir.path()));
    assert_eq!(code, 0);
    assert!(out.contains("Local override"), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("aadsts51006")).count(),
        1
    );

    let (_, out, _) = stdout(tshoot().arg("list").env("TSHOOT_GUIDES", dir.path()));
    assert!(
        out.contains("Local override"),
        "TSHOOT_GUIDES adds folders too: {out}"
    );
}

#[test]
fn a_broken_guide_in_an_extra_folder_is_reported_and_the_rest_still_load() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        repo("tests/fixtures/invalid/unknown_section.yaml"),
        dir.path().join("bad.yaml"),
    )
    .expect("copy");
    let (code, out, err) = stdout(tshoot().arg("list").arg("--guides").arg(dir.path()));
    assert_eq!(code, 0);
    assert!(out.contains("aadsts51006"));
    assert!(
        err.contains("bad.yaml:13:5: error: unknown section 'netwrk'"),
        "{err}"
    );
}

#[test]
fn graph_as_dot_is_accepted_by_graphviz() {
    let (code, out, _) = stdout(tshoot().args(["graph", "aadsts51006", "--format", "dot"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("digraph \"aadsts51006\" {"));
    assert!(out.trim_end().ends_with('}'));
    let dot = std::process::Command::new("dot")
        .args(["-Tsvg", "-o", "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    let mut dot = dot.expect("graphviz 'dot' is installed (.ci/run installs it)");
    use std::io::Write;
    dot.stdin
        .take()
        .expect("stdin")
        .write_all(out.as_bytes())
        .expect("feed dot");
    let result = dot.wait_with_output().expect("dot runs");
    assert!(
        result.status.success(),
        "dot refused the graph: {}",
        String::from_utf8_lossy(&result.stderr)
    );
}

#[test]
fn graph_as_mermaid_names_every_node() {
    let (code, out, _) = stdout(tshoot().args(["graph", "aadsts51006", "--format", "mermaid"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("flowchart TD\n"));
    assert!(
        out.contains("res_connect_corp_network([\""),
        "resolutions are rounded: {out}"
    );
}

#[test]
fn every_command_has_help_with_an_example() {
    for cmd in [
        "run", "list", "validate", "graph", "test", "sessions", "resume", "report",
    ] {
        let (code, out, _) = stdout(tshoot().args([cmd, "--help"]));
        assert_eq!(code, 0, "{cmd}");
        assert!(
            out.contains("Example"),
            "{cmd} --help has no example:\n{out}"
        );
    }
}

#[test]
fn bad_usage_exits_2() {
    let (code, _, err) = stdout(tshoot().args(["graph", "aadsts51006", "--format", "png"]));
    assert_eq!(code, 2);
    assert!(err.contains("png"), "{err}");
}

#[test]
fn the_example_in_the_format_reference_validates_cleanly() {
    let doc = std::fs::read_to_string(repo("docs/guide-format.md")).expect("docs/guide-format.md");
    let start = doc.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let end = start + doc[start..].find("```").expect("closed block");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("example.yaml");
    std::fs::write(&path, &doc[start..end]).expect("write");
    let (code, out, err) = stdout(tshoot().arg("validate").arg(&path));
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out, "", "no warnings either");
}

#[test]
fn validate_a_folder_without_guides_exits_2_saying_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (code, _, err) = stdout(tshoot().arg("validate").arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("no guide files"), "{err}");
}

#[test]
fn graph_with_a_session_marks_the_path_it_took() {
    let state = tempfile::tempdir().expect("tempdir");
    let answers = repo("tests/scenarios/aadsts51006/res_clock_skew.yaml");
    let (code, _, err) = stdout(
        tshoot()
            .env("TSHOOT_STATE_DIR", state.path())
            .args(["run", "aadsts51006", "--answers"])
            .arg(&answers),
    );
    assert_eq!(code, 0, "{err}");
    let id = err
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .expect("the run names its session")
        .trim()
        .to_string();
    let (code, out, err) = stdout(tshoot().env("TSHOOT_STATE_DIR", state.path()).args([
        "graph",
        "aadsts51006",
        "--format",
        "dot",
        "--session",
        &id,
    ]));
    assert_eq!(code, 0, "{err}");
    let marked: Vec<&str> = out.lines().filter(|l| l.contains("fillcolor")).collect();
    assert!(
        marked.iter().any(|l| l.contains("\"res_clock_skew\"")),
        "{out}"
    );
    assert!(
        marked.iter().any(|l| l.contains("\"prerequisites\"")),
        "{out}"
    );
    // One marked edge per answer that led on: the answers taken, not every edge between two
    // visited nodes ("yes" and "can't check" often lead to the same next question).
    let (_, json, _) = stdout(
        tshoot()
            .env("TSHOOT_STATE_DIR", state.path())
            .args(["report", &id, "--format", "json"]),
    );
    let report: serde_json::Value = serde_json::from_str(&json).expect("json");
    let steps = report["summary"]["path"].as_array().map_or(0, Vec::len) + 1;
    assert!(steps > 10, "{json}");
    assert_eq!(out.matches("penwidth=3").count(), steps - 1, "{out}");
    assert!(
        out.contains("\"upn_matches\" -> \"session_method\" [label=\"can't check\"];"),
        "the answer not given is not marked: {out}"
    );
    let (code, out, _) = stdout(tshoot().env("TSHOOT_STATE_DIR", state.path()).args([
        "graph",
        "aadsts51006",
        "--session",
        &id,
    ]));
    assert_eq!(code, 0);
    assert!(
        out.contains("class ") && out.contains("res_clock_skew"),
        "{out}"
    );
}

#[test]
fn validate_without_paths_also_checks_the_extra_guide_folders() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        repo("tests/fixtures/invalid/unknown_section.yaml"),
        dir.path().join("bad.yaml"),
    )
    .expect("copy");
    let (code, out, err) = stdout(tshoot().arg("validate").arg("--guides").arg(dir.path()));
    assert_eq!(code, 1);
    assert!(
        out.contains("bad.yaml:13:5: error: unknown section 'netwrk'"),
        "{out}"
    );
    // The bundled guides and the extra folder's one.
    let bundled = std::fs::read_dir(repo("guides"))
        .expect("guides/")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        .count();
    let want = format!("checked {} guide(s): 1 error(s)", bundled + 1);
    assert!(err.contains(&want), "{err}");
}

#[test]
fn list_names_a_broken_folder_guide_in_one_line_with_how_many_problems_it_has() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("broken.yaml"),
        "format: 1\nid: broken\ntitle: Broken\nversion: '1'\nsections: []\nstart: a\nnodes:\n  - {id: a, kind: info, prompt: p, next: nowhere}\n  - {id: b, kind: info, prompt: p, next: elsewhere}\n",
    )
    .expect("write");
    let (code, out, err) = stdout(tshoot().arg("--guides").arg(dir.path()).arg("list"));
    assert_eq!(code, 0);
    assert!(out.contains("aadsts51006"), "the others are listed: {out}");
    let skipped: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("skipped a guide"))
        .collect();
    assert_eq!(skipped.len(), 1, "{err}");
    assert!(skipped[0].contains("broken.yaml:8:"), "{err}");
    assert!(skipped[0].contains("more: `tshoot validate"), "{err}");
}

#[test]
fn a_timestamp_typed_with_an_offset_is_kept_in_utc_and_a_logon_name_gets_its_own_hint() {
    let dir = tempfile::tempdir().expect("tempdir");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(
        &answers,
        "capture_correlation_id: 148787df-c02d-4cbe-947e-481164f67f03\ncapture_timestamp: 2026-01-09T01:38:22+01:00\ncapture_user: CONTOSO\\alex\n",
    )
    .expect("write");
    let state = dir.path().join("state");
    let (code, _, err) = stdout(
        tshoot()
            .env("TSHOOT_STATE_DIR", &state)
            .args(["run", "aadsts51006", "--answers"])
            .arg(&answers),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("'CONTOSO\\alex' is a DOMAIN\\name logon name"),
        "{err}"
    );
    let sessions = state.join("sessions");
    let saved: String = std::fs::read_dir(&sessions)
        .expect("sessions")
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .collect();
    assert!(saved.contains("2026-01-09T00:38:22Z"), "{saved}");
    assert!(!saved.contains("+01:00"), "{saved}");
}

#[test]
fn run_from_a_node_opens_the_walk_there_and_a_wrong_node_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, "prt_state: prt_stale\n").expect("write");
    let (code, out, err) = stdout(
        tshoot()
            .env("TSHOOT_STATE_DIR", dir.path())
            .args(["run", "aadsts51006", "--from", "prt_state", "--answers"])
            .arg(&answers),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Resolution: Repair the device's Primary Refresh Token"),
        "{out}"
    );
    let (code, _, err) = stdout(
        tshoot()
            .env("TSHOOT_STATE_DIR", dir.path())
            .args(["run", "aadsts51006", "--from", "prt_stat", "--answers"])
            .arg(&answers),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(
            "--from: 'prt_stat' is not a node of guide 'aadsts51006'; did you mean 'prt_state'?"
        ),
        "{err}"
    );
}

#[test]
fn list_code_finds_a_guide_by_its_code_with_or_without_aadsts_or_by_text() {
    for query in ["AADSTS51006", "51006", "aadsts51006", "Integrated Windows"] {
        let (code, out, err) = stdout(tshoot().args(["list", "--code", query]));
        assert_eq!(code, 0, "{query}: {err}");
        assert!(out.contains("aadsts51006"), "{query}: {out}");
    }
    let (code, out, err) = stdout(tshoot().args(["list", "--code", "AADSTS99999"]));
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("no guide covers 'AADSTS99999'"), "{err}");
}

#[test]
fn list_groups_the_guides_by_area() {
    let (code, out, err) = stdout(tshoot().arg("list"));
    assert_eq!(code, 0, "{err}");
    let credentials = out
        .find("-- Credentials and account state --")
        .expect("an area heading");
    let windows = out
        .find("-- Windows sign-in and Seamless SSO --")
        .expect("another");
    let guide_50126 = out.find("aadsts50126").expect("listed");
    let guide_51006 = out.find("aadsts51006").expect("listed");
    assert!(
        credentials < guide_50126 && guide_50126 < windows && windows < guide_51006,
        "{out}"
    );
    let (_, json, _) = stdout(tshoot().args(["list", "--json"]));
    assert!(
        json.contains("\"area\": \"Windows sign-in and Seamless SSO\""),
        "{json}"
    );
}
