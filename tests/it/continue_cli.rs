//! A walk that goes on in another guide ("this is really 81010"), through the real binary: one
//! session, one report naming both guides, a resume that joins the second guide again, and a
//! library without the second guide, where the resolution ends the walk as written.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const GUIDES: &str = "tests/fixtures/continue";

struct Run {
    state: tempfile::TempDir,
}

impl Run {
    fn new() -> Run {
        Run {
            state: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn tshoot(&self) -> Command {
        let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
        cmd.env("TSHOOT_STATE_DIR", self.state.path())
            .env("NO_COLOR", "1")
            .env("TSHOOT_TECH", "sam")
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        cmd
    }

    fn answers(&self, name: &str, text: &str) -> PathBuf {
        let path = self.state.path().join(name);
        std::fs::write(&path, text).expect("writes");
        path
    }

    fn session_id(&self) -> String {
        let dir = self.state.path().join("sessions");
        let mut ids: Vec<String> = std::fs::read_dir(&dir)
            .expect("sessions folder")
            .filter_map(|e| {
                let name = e.ok()?.file_name().to_string_lossy().to_string();
                name.strip_suffix(".json").map(str::to_string)
            })
            .collect();
        ids.sort();
        assert_eq!(ids.len(), 1, "one session for the whole walk: {ids:?}");
        ids.remove(0)
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn a_walk_that_continues_in_another_guide_ends_there_in_one_session_and_one_report() {
    let run = Run::new();
    let answers = run.answers(
        "a.yaml",
        "user: alex@contoso.com\nwhich_code: c2\nsecond__retried: 'no'\n",
    );
    let out = run
        .tshoot()
        .args(["--guides", GUIDES, "run", "first", "--answers"])
        .arg(&answers)
        .output()
        .expect("runs");
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Continued in: Second guide (guide second 2.0.0), from step 3 (This is really code 2002)"),
        "{text}"
    );
    assert!(
        text.contains("Resolution: Fixed in the second guide"),
        "{text}"
    );
    // The first guide's answers, the step that led on and the second guide's answers: one path.
    for step in [
        "1. User -> alex@contoso.com",
        "2. Which code -> 2002",
        "3. This is really code 2002",
        "4. Retry -> No",
    ] {
        assert!(text.contains(step), "{step}:\n{text}");
    }
    // A section of the second guide is told apart from the first guide's by its guide.
    assert!(
        text.contains("  Checks (second):\n    - The retry failed too"),
        "{text}"
    );
    // The user typed in the first guide is the second guide's too: the variable carried over.
    assert!(text.contains("User: alex@contoso.com"), "{text}");

    let id = run.session_id();
    // The report is made from the session alone: the joined guide was kept with it.
    let out = run
        .tshoot()
        .args(["report", &id, "--format", "json"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let continued = &json["summary"]["continued_in"];
    assert_eq!(continued[0]["id"], "second");
    assert_eq!(continued[0]["version"], "2.0.0");
    assert_eq!(continued[0]["from_step"], 3);
    assert_eq!(json["summary"]["guide_id"], "first");
    assert_eq!(
        json["summary"]["resolution"]["title"],
        "Fixed in the second guide"
    );

    let out = run
        .tshoot()
        .args(["report", &id, "--format", "md"])
        .output()
        .expect("runs");
    let md = stdout(&out);
    assert!(
        md.contains("| Continued in | Second guide (`second` 2.0.0), from step 3 (This is really code 2002) |"),
        "{md}"
    );
    assert!(
        md.contains("The retry failed too"),
        "the second guide's finding: {md}"
    );
}

#[test]
fn a_session_paused_in_the_second_guide_resumes_there() {
    let run = Run::new();
    let first = run.answers("a.yaml", "user: alex@contoso.com\nwhich_code: c2\n");
    let out = run
        .tshoot()
        .args(["--guides", GUIDES, "run", "first", "--answers"])
        .arg(&first)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "the answers ran out in the second guide"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("at node 'second__retried': no answer given for \"Retry\""),
        "{err}"
    );
    let id = run.session_id();

    let rest = run.answers("b.yaml", "second__retried: 'yes'\n");
    let out = run
        .tshoot()
        .args(["--guides", GUIDES, "resume", &id, "--answers"])
        .arg(&rest)
        .output()
        .expect("runs");
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Resolution: Fixed in the second guide"),
        "{text}"
    );
    assert!(
        !text.contains("changed since"),
        "no changed-guide notice: {text}"
    );
    assert_eq!(run.session_id(), id, "still one session");
}

#[test]
fn without_the_second_guide_the_continuing_resolution_ends_the_walk() {
    let run = Run::new();
    let alone = tempfile::tempdir().expect("temp dir");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(GUIDES)
            .join("first.yaml"),
        alone.path().join("first.yaml"),
    )
    .expect("copies");
    let answers = run.answers("a.yaml", "user: alex@contoso.com\nwhich_code: c2\n");
    let out = run
        .tshoot()
        .arg("--guides")
        .arg(alone.path())
        .args(["run", "first", "--answers"])
        .arg(&answers)
        .output()
        .expect("runs");
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("Resolution: This is really code 2002"),
        "{text}"
    );
    assert!(!text.contains("Continued in"), "{text}");
    // What to do is said, not left as an empty list.
    assert!(
        text.contains("1. Go on in the guide 'second': it is not loaded in this tshoot. Start it with `tshoot run second`"),
        "{text}"
    );

    // The validator says so ahead of any walk; a node the other guide lacks is an error.
    let out = run
        .tshoot()
        .arg("validate")
        .arg(alone.path().join("first.yaml"))
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).to_string() + &stdout(&out);
    assert_eq!(out.status.code(), Some(0), "a warning only: {err}");
    assert!(
        err.contains("first.yaml:41:5: warning: resolution 'res_really_second' continues in guide 'second', which is not loaded"),
        "{err}"
    );
    let text = std::fs::read_to_string(alone.path().join("first.yaml"))
        .expect("reads")
        .replace("at: retried", "at: retry");
    std::fs::write(alone.path().join("first.yaml"), text).expect("writes");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(GUIDES)
            .join("second.yaml"),
        alone.path().join("second.yaml"),
    )
    .expect("copies");
    let out = run
        .tshoot()
        .arg("validate")
        .arg(alone.path())
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).to_string() + &stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("first.yaml:41:5: error: resolution 'res_really_second' continues at 'retry', which is not a node of guide 'second'"),
        "{err}"
    );
}

#[test]
fn a_bundled_guide_goes_on_in_the_intake_guide_and_on_to_the_guide_for_the_real_code() {
    let run = Run::new();
    // 50126's walk finds another code; the intake guide takes it (81010) and goes on in the
    // Seamless SSO guide: three guides, one walk.
    let scenario = run.answers(
        "s.yaml",
        "guide: aadsts50126\nexpect: aadsts50180__res_connect_corp_network\nanswers:\n  capture_correlation_id: 2f9a6c1e-8b3d-4e7a-9c15-6d0b4a3e7f21\n  capture_request_id: 7d1e0c2a-51b4-4c39-8f0e-3a6b9c1d2e40\n  capture_timestamp: '2026-11-26T08:41:07.512Z'\n  capture_user: alex@contoso.com\n  capture_app: Contoso Expenses\n  error_code: other\n  signin_found: 'yes'\n  signin_error_code: other\n  aadsts_intake__error_code: '81010'\n  aadsts_intake__user_activity: browser\n  aadsts_intake__affected_scope: one_user\n  aadsts_intake__signin_found: 'yes'\n  aadsts_intake__capture_failure_reason: Kerberos ticket could not be validated\n  aadsts50180__error_code: c50180\n  aadsts50180__signin_found: 'yes'\n  aadsts50180__signin_error_code: c81010\n  aadsts50180__device_joined: domain_joined\n  aadsts50180__windows_account: own_account\n  aadsts50180__corp_network: 'no'\n",
    );
    let out = run
        .tshoot()
        .arg("test")
        .arg(&scenario)
        .output()
        .expect("runs");
    let text = stdout(&out);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("-> aadsts50180__res_connect_corp_network"),
        "{text}"
    );
}

/// `tshoot validate --scenarios`: every problem line it prints.
fn validate_with_scenarios(run: &Run, scenarios: &str) -> Vec<String> {
    let out = run
        .tshoot()
        .args([
            "--guides",
            GUIDES,
            "validate",
            "tests/fixtures/continue/first.yaml",
            "tests/fixtures/continue/second.yaml",
            "--scenarios",
            scenarios,
        ])
        .output()
        .expect("runs");
    assert!(out.status.success(), "warnings only");
    (stdout(&out) + &String::from_utf8_lossy(&out.stderr))
        .lines()
        .filter(|l| l.contains(": warning: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn validate_with_scenarios_warns_at_each_question_no_scenario_asks() {
    let run = Run::new();
    // Only the first guide's own branch: the second guide is never walked.
    assert_eq!(
        validate_with_scenarios(&run, "tests/fixtures/continue/scenarios/first_only.yaml"),
        ["tests/fixtures/continue/second.yaml:1:1: warning: no scenario walks guide 'second': add scenario files (see `tshoot scenario`) so each question is tried"]
    );
    // Through the continuation too: the second guide's questions asked on the way count for it,
    // and the one the continuation skips is named where it stands.
    assert_eq!(
        validate_with_scenarios(&run, "tests/fixtures/continue/scenarios"),
        ["tests/fixtures/continue/second.yaml:12:5: warning: no scenario asks question 'user'; add one that walks through it"]
    );
}

#[test]
fn a_resume_names_the_guide_that_changed_the_one_gone_on_in_or_its_own() {
    let run = Run::new();
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["first.yaml", "second.yaml"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(GUIDES)
                .join(name),
            dir.path().join(name),
        )
        .expect("copies");
    }
    let first = run.answers("a.yaml", "user: alex@contoso.com\nwhich_code: c2\n");
    let _ = run
        .tshoot()
        .arg("--guides")
        .arg(dir.path())
        .args(["run", "first", "--answers"])
        .arg(&first)
        .output()
        .expect("runs");
    let id = run.session_id();
    let bump = |name: &str, from: &str, to: &str| {
        let path = dir.path().join(name);
        let text = std::fs::read_to_string(&path)
            .expect("reads")
            .replace(from, to);
        std::fs::write(&path, text).expect("writes");
    };
    let resume = || {
        let out = run
            .tshoot()
            .arg("--guides")
            .arg(dir.path())
            .args(["resume", &id, "--answers"])
            .arg(run.answers("none.yaml", "{}\n"))
            .output()
            .expect("runs");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    bump("second.yaml", "version: 2.0.0", "version: 2.1.0");
    let said = resume();
    assert!(
        said.contains("The guide 'second' this walk went on in changed since this session was recorded (version 2.0.0 then, 2.1.0 now)"),
        "{said}"
    );
    assert!(!said.contains("The guide 'first' changed"), "{said}");
    bump("first.yaml", "version: 1.0.0", "version: 1.0.1");
    let said = resume();
    assert!(
        said.contains("The guide 'first' changed since this session was recorded (version 1.0.0 then, 1.0.1 now)"),
        "{said}"
    );
}

#[test]
fn a_failing_scenario_is_named_by_validate_with_scenarios() {
    let run = Run::new();
    let bad = run.answers(
        "bad.yaml",
        "guide: first\nexpect: res_first\nanswers:\n  user: alex@contoso.com\n  which_code: c2\n  second__retried: 'yes'\n",
    );
    let out = run
        .tshoot()
        .args([
            "--guides",
            GUIDES,
            "validate",
            "tests/fixtures/continue/first.yaml",
            "--scenarios",
        ])
        .arg(&bad)
        .output()
        .expect("runs");
    let text = stdout(&out) + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("bad.yaml:1:1: warning: this scenario fails, so the questions it asks count for nothing (`tshoot test` says more): expected resolution 'res_first' but the walk ended at 'second__res_second_fixed'"),
        "{text}"
    );
}

#[test]
fn the_map_says_where_a_resolution_goes_on() {
    let run = Run::new();
    let out = run
        .tshoot()
        .args(["--guides", GUIDES, "map", "first"])
        .output()
        .expect("runs");
    let text = stdout(&out);
    assert!(
        text.contains("2002 => [continues in second] This is really code 2002"),
        "{text}"
    );
}

#[test]
fn a_code_no_guide_has_is_offered_the_intake_guide() {
    let run = Run::new();
    let out = run
        .tshoot()
        .args(["list", "--code", "AADSTS700016"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no guide covers 'AADSTS700016'; `tshoot run aadsts-intake` captures it and hands it off"),
        "{err}"
    );
    let out = run
        .tshoot()
        .args(["list", "--code", "700016", "--json"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "as the text form");
    let out = run
        .tshoot()
        .args(["list", "--json"])
        .output()
        .expect("runs");
    let listed: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let fallback: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter(|g| g["fallback"] == true)
        .map(|g| g["id"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(fallback, ["aadsts-intake"]);
    // Words that are no code get no such offer.
    let out = run
        .tshoot()
        .args(["list", "--code", "printer"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`tshoot list` shows every guide"), "{err}");
}

#[test]
fn a_report_of_a_continued_walk_is_titled_by_the_last_guide_and_lists_each_open_check_once() {
    let run = Run::new();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/aadsts-intake/continue/pc_continue_aadsts50180.yaml");
    let out = run
        .tshoot()
        .args(["run", "aadsts-intake", "--access", "pc", "--answers"])
        .arg(&scenario)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = run.session_id();
    let md = stdout(
        &run.tshoot()
            .args(["report", &id, "--format", "md"])
            .output()
            .expect("runs"),
    );
    assert!(
        md.starts_with("# Troubleshooting report: AADSTS50180 and Seamless SSO errors"),
        "{md}"
    );
    let json: Value = serde_json::from_slice(
        &run.tshoot()
            .args(["report", &id, "--format", "json"])
            .output()
            .expect("runs")
            .stdout,
    )
    .expect("JSON");
    let questions: Vec<&str> = json["summary"]["open_checks"]
        .as_array()
        .expect("open checks")
        .iter()
        .map(|c| c["question"].as_str().unwrap_or_default())
        .collect();
    assert!(!questions.is_empty());
    let mut unique = questions.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), questions.len(), "{questions:#?}");
}

#[test]
fn stats_count_a_continued_walks_resolution_for_the_guide_it_ended_in() {
    let run = Run::new();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/aadsts-intake/continue/continue_aadsts50180.yaml");
    let out = run
        .tshoot()
        .args(["run", "aadsts-intake", "--answers"])
        .arg(&scenario)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run
        .tshoot()
        .args(["stats", "--json"])
        .output()
        .expect("runs");
    let stats: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let guide = |id: &str| {
        stats
            .as_array()
            .expect("a list")
            .iter()
            .find(|g| g["guide"] == id)
            .unwrap_or_else(|| panic!("{id} in {stats}"))
            .clone()
    };
    let intake = guide("aadsts-intake");
    assert_eq!(intake["walks"], 1);
    assert_eq!(intake["went_on_in"][0]["id"], "aadsts50180");
    let sso = guide("aadsts50180");
    assert_eq!(sso["walks"], 0);
    assert_eq!(sso["resolutions"][0]["id"], "res_connect_corp_network");
    assert_eq!(sso["came_from"][0]["id"], "aadsts-intake");
}

#[test]
fn a_mistyped_answer_for_the_second_guide_is_named_once_the_walk_went_on() {
    let run = Run::new();
    let answers = run.answers(
        "a.yaml",
        "user: alex@contoso.com\nwhich_code: c2\nsecond__retryd: 'no'\nsecond__retried: 'no'\n",
    );
    let out = run
        .tshoot()
        .args(["--guides", GUIDES, "run", "first", "--answers"])
        .arg(&answers)
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning: 'second__retryd' is not a node of the guides this walk went through; its answer is ignored; did you mean 'second__retried'?"),
        "{err}"
    );
    let scenario = run.answers(
        "s.yaml",
        "guide: first\nexpect: second__res_second_fixed\nanswers:\n  user: alex@contoso.com\n  which_code: c2\n  second__retryd: 'no'\n",
    );
    let out = run
        .tshoot()
        .args(["--guides", GUIDES, "test"])
        .arg(&scenario)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains("answers for nodes the guides this walk went through do not have: 'second__retryd'; did you mean 'second__retried'?"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn map_and_graph_of_a_continued_session_draw_the_whole_path() {
    let run = Run::new();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/aadsts-intake/continue/continue_aadsts50180.yaml");
    let out = run
        .tshoot()
        .args(["run", "aadsts-intake", "--answers"])
        .arg(&scenario)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let id = run.session_id();
    let map = stdout(
        &run.tshoot()
            .args(["map", "aadsts-intake", "--session", &id])
            .output()
            .expect("runs"),
    );
    assert!(
        map.contains("== PC and Windows logon (aadsts50180) =="),
        "{map}"
    );
    assert!(map.contains("* Continue in the guide aadsts50180"), "{map}");
    assert!(map.contains("* Domain controller reachable"), "{map}");
    let graph = stdout(
        &run.tshoot()
            .args(["graph", "aadsts-intake", "--session", &id])
            .output()
            .expect("runs"),
    );
    let visited = graph
        .lines()
        .find(|l| l.trim_start().starts_with("class ") && l.contains("visited"))
        .unwrap_or_default()
        .to_string();
    assert!(visited.contains("aadsts50180__"), "{visited}");
}
