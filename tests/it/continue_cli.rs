//! A walk that goes on in another guide ("this is really 81010"), through the real binary: one
//! session, one report naming both guides, a resume that joins the second guide again, and a
//! library without the second guide, where the resolution ends the walk as written.

use std::path::Path;

use serde_json::Value;

use crate::cli_support::{stdout, Run};

const GUIDES: &str = "tests/fixtures/continue";

/// Copies fixture guides of this folder into `dir`, to change or leave out some.
fn copy_fixtures(dir: &Path, names: &[&str]) {
    for name in names {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join(GUIDES)
                .join(name),
            dir.join(name),
        )
        .expect("copies");
    }
}

#[test]
fn a_walk_that_continues_in_another_guide_ends_there_in_one_session_and_one_report() {
    let run = Run::new();
    let answers = run.answers(
        "a.yaml",
        "user: alex@contoso.com\nwhich_code: c2\nsecond__retried: 'no'\n",
    );
    let out = run.out(|c| {
        c.args(["--guides", GUIDES, "run", "first", "--answers"])
            .arg(&answers)
    });
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
    let out = run.out(|c| c.args(["report", &id, "--format", "json"]));
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

    let out = run.out(|c| c.args(["report", &id, "--format", "md"]));
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
    let out = run.out(|c| {
        c.args(["--guides", GUIDES, "run", "first", "--answers"])
            .arg(&first)
    });
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
    let out = run.out(|c| {
        c.args(["--guides", GUIDES, "resume", &id, "--answers"])
            .arg(&rest)
    });
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
    copy_fixtures(alone.path(), &["first.yaml"]);
    let answers = run.answers("a.yaml", "user: alex@contoso.com\nwhich_code: c2\n");
    let out = run.out(|c| {
        c.arg("--guides")
            .arg(alone.path())
            .args(["run", "first", "--answers"])
            .arg(&answers)
    });
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
    let out = run.out(|c| c.arg("validate").arg(alone.path().join("first.yaml")));
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
    copy_fixtures(alone.path(), &["second.yaml"]);
    let out = run.out(|c| c.arg("validate").arg(alone.path()));
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
    let out = run.out(|c| c.arg("test").arg(&scenario));
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
#[test]
fn a_resume_names_the_guide_that_changed_the_one_gone_on_in_or_its_own() {
    let run = Run::new();
    let dir = tempfile::tempdir().expect("temp dir");
    copy_fixtures(dir.path(), &["first.yaml", "second.yaml"]);
    let first = run.answers("a.yaml", "user: alex@contoso.com\nwhich_code: c2\n");
    let _ = run.out(|c| {
        c.arg("--guides")
            .arg(dir.path())
            .args(["run", "first", "--answers"])
            .arg(&first)
    });
    let id = run.session_id();
    let bump = |name: &str, from: &str, to: &str| {
        let path = dir.path().join(name);
        let text = std::fs::read_to_string(&path)
            .expect("reads")
            .replace(from, to);
        std::fs::write(&path, text).expect("writes");
    };
    let resume = || {
        let out = run.out(|c| {
            c.arg("--guides")
                .arg(dir.path())
                .args(["resume", &id, "--answers"])
                .arg(run.answers("none.yaml", "{}\n"))
        });
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
fn a_report_of_a_continued_walk_is_titled_by_the_last_guide_and_lists_each_open_check_once() {
    let run = Run::new();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/aadsts-intake/continue/pc_continue_aadsts50180.yaml");
    let out = run.out(|c| {
        c.args(["run", "aadsts-intake", "--access", "pc", "--answers"])
            .arg(&scenario)
    });
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = run.session_id();
    let md = stdout(&run.out(|c| c.args(["report", &id, "--format", "md"])));
    assert!(
        md.starts_with("# Troubleshooting report: AADSTS50180 and Seamless SSO errors"),
        "{md}"
    );
    let json: Value = serde_json::from_slice(
        &run.out(|c| c.args(["report", &id, "--format", "json"]))
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
fn a_mistyped_answer_for_the_second_guide_is_named_once_the_walk_went_on() {
    let run = Run::new();
    let answers = run.answers(
        "a.yaml",
        "user: alex@contoso.com\nwhich_code: c2\nsecond__retryd: 'no'\nsecond__retried: 'no'\n",
    );
    let out = run.out(|c| {
        c.args(["--guides", GUIDES, "run", "first", "--answers"])
            .arg(&answers)
    });
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
    let out = run.out(|c| c.args(["--guides", GUIDES, "test"]).arg(&scenario));
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
    let out = run.out(|c| c.args(["run", "aadsts-intake", "--answers"]).arg(&scenario));
    assert!(out.status.success());
    let id = run.session_id();
    let map = stdout(&run.out(|c| c.args(["map", "aadsts-intake", "--session", &id])));
    assert!(
        map.contains("== PC and Windows logon (aadsts50180) =="),
        "{map}"
    );
    assert!(map.contains("* Continue in the guide aadsts50180"), "{map}");
    assert!(map.contains("* Domain controller reachable"), "{map}");
    let graph = stdout(&run.out(|c| c.args(["graph", "aadsts-intake", "--session", &id])));
    let visited = graph
        .lines()
        .find(|l| l.trim_start().starts_with("class ") && l.contains("visited"))
        .unwrap_or_default()
        .to_string();
    assert!(visited.contains("aadsts50180__"), "{visited}");
}
