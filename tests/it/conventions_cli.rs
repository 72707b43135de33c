//! The command line keeps the conventions tools and people expect (issue 10, item 6): exit codes
//! as the README says (E7), JSON for every listing (E12), shell completions and a man page (E10),
//! help and version (E9), and output that fits an 80-column console.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn tshoot() -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
    cmd.env_remove("TSHOOT_GUIDES").env(
        "TSHOOT_STATE_DIR",
        std::env::temp_dir().join("tshoot-conventions-tests"),
    );
    cmd
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Exit code, stdout and stderr.
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Every subcommand clap knows, read from the top-level help.
const SUBCOMMANDS: [&str; 15] = [
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
    let coverage = &report["coverage"][0];
    assert_eq!(coverage["guide"], "aadsts51006");
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

// ---- completions and man page (E10) ----

#[test]
fn completions_for_every_shell_mention_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(tshoot().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        for sub in SUBCOMMANDS {
            assert!(out.contains(sub), "{shell} completion lacks '{sub}'");
        }
    }
}

#[test]
fn the_bash_completion_script_parses() {
    let (code, script, _) = run(tshoot().args(["completions", "bash"]));
    assert_eq!(code, 0);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("tshoot.bash");
    std::fs::write(&file, script).expect("write");
    let status = std::process::Command::new("bash")
        .arg("-n")
        .arg(&file)
        .status()
        .expect("bash runs");
    assert!(status.success(), "bash -n refused the completion script");
}

#[test]
fn an_unknown_shell_is_bad_usage() {
    let (code, _, err) = run(tshoot().args(["completions", "tcsh"]));
    assert_eq!(code, 2);
    assert!(err.contains("bash"), "lists the shells: {err}");
}

#[test]
fn the_man_page_is_roff_with_every_subcommand_and_option() {
    let (code, page, _) = run(tshoot().arg("man"));
    assert_eq!(code, 0);
    assert!(
        page.starts_with(".ie") || page.contains(".TH tshoot"),
        "roff"
    );
    assert!(page.contains(".TH tshoot"), "title header");
    for sub in SUBCOMMANDS.iter().filter(|s| **s != "help") {
        assert!(
            page.contains(&format!("TSHOOT {}", sub.to_uppercase())),
            "no section for '{sub}'"
        );
    }
    for option in ["state\\-dir", "answers", "redact", "json", "verbose"] {
        assert!(page.contains(option), "no '{option}' in the man page");
    }
    assert_eq!(
        page.matches(".ds Aq").count(),
        2,
        "the quote preamble (.ie/.el) once"
    );
}

#[test]
fn groff_reads_the_man_page_without_a_warning() {
    let (_, page, _) = run(tshoot().arg("man"));
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("tshoot.1");
    std::fs::write(&file, page).expect("write");
    let out = std::process::Command::new("groff")
        .args(["-man", "-ww", "-z"])
        .arg(&file)
        .output()
        .expect("groff is installed (.ci/run installs it)");
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "groff warnings");
}

// ---- help and version (E9) ----

#[test]
fn global_options_have_their_own_heading_in_every_help() {
    for args in [&["--help"][..], &["list", "--help"], &["report", "--help"]] {
        let (code, out, _) = run(tshoot().args(args));
        assert_eq!(code, 0);
        let heading = out
            .find("Global options:")
            .unwrap_or_else(|| panic!("{args:?}: no heading:\n{out}"));
        let after = &out[heading..];
        for flag in ["--guides", "--state-dir", "--ascii", "--tech", "--ticket"] {
            assert!(
                after.contains(flag),
                "{args:?}: {flag} not under the heading"
            );
        }
    }
}

/// Every option line in `help` text (`  -x, --name <V>  text` or `  --name`) has a description.
fn options_without_description(help: &str) -> Vec<String> {
    // Up to the examples, whose command lines also start with a dash when they wrap.
    let lines: Vec<&str> = help
        .lines()
        .take_while(|l| !l.starts_with("Example"))
        .collect();
    let mut bare = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if !(trimmed.starts_with("--") || trimmed.starts_with('-') && trimmed.len() > 1) {
            continue;
        }
        let indent = line.len() - trimmed.len();
        // The description follows on the same line after two spaces, or on the next line,
        // indented deeper.
        let spec_end = trimmed.find("  ").unwrap_or(trimmed.len());
        let same_line = !trimmed[spec_end..].trim().is_empty();
        let next_line = lines.get(i + 1).is_some_and(|next| {
            let next_trim = next.trim_start();
            !next_trim.is_empty() && next.len() - next_trim.len() > indent
        });
        if !same_line && !next_line {
            bare.push(trimmed.to_string());
        }
    }
    bare
}

#[test]
fn every_example_line_is_one_whole_command_at_80_columns() {
    for sub in SUBCOMMANDS.iter().filter(|s| **s != "help") {
        let (_, out, _) = run(tshoot().args([sub, "--help"]));
        let examples = out
            .lines()
            .skip_while(|l| !l.starts_with("Example"))
            .skip(1)
            .filter(|l| !l.trim().is_empty());
        for line in examples {
            assert!(
                line.starts_with("  tshoot"),
                "{sub}: an example wrapped onto a line of its own: {line:?}"
            );
        }
    }
}

#[test]
fn every_option_of_every_command_has_a_description() {
    for sub in SUBCOMMANDS.iter().filter(|s| **s != "help") {
        let (code, out, _) = run(tshoot().args([sub, "--help"]));
        assert_eq!(code, 0, "{sub}");
        let bare = options_without_description(&out);
        assert!(
            bare.is_empty(),
            "{sub}: options without a description: {bare:?}"
        );
    }
}

#[test]
fn the_usage_line_does_not_show_state_dir_as_required_when_its_variable_is_set() {
    let (code, _, err) = run(tshoot().env("TSHOOT_STATE_DIR", "/tmp/x").arg("report"));
    assert_eq!(code, 2);
    let usage = err
        .lines()
        .find(|l| l.starts_with("Usage:"))
        .expect("a usage line");
    assert!(!usage.contains("--state-dir"), "{usage}");
    assert!(usage.contains("<ID>"), "{usage}");
}

#[test]
fn the_state_dir_variable_still_moves_the_sessions() {
    let state = tempfile::tempdir().expect("state");
    let (code, _, err) = run(tshoot()
        .env("TSHOOT_STATE_DIR", state.path())
        .args(["sessions"]));
    assert_eq!(code, 0);
    assert!(
        err.contains(&state.path().display().to_string()),
        "names the folder it looked in: {err}"
    );
}

#[test]
fn help_of_help_exits_0() {
    let (code, out, err) = run(tshoot().args(["help", "--help"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("help"), "{out}");
}

#[test]
fn version_and_verbose_version_name_the_bundled_guides() {
    let (code, out, _) = run(tshoot().arg("--version"));
    assert_eq!(code, 0);
    assert_eq!(out.trim(), format!("tshoot {}", env!("CARGO_PKG_VERSION")));
    let (code, short, _) = run(tshoot().arg("-V"));
    assert_eq!(code, 0);
    assert_eq!(short, out);
    let (code, verbose, _) = run(tshoot().args(["version", "--verbose"]));
    assert_eq!(code, 0);
    assert!(verbose.starts_with(out.trim()), "{verbose}");
    let (_, listed, _) = run(tshoot().args(["list", "--json"]));
    let bundled = json(&listed);
    let bundled = bundled
        .as_array()
        .and_then(|guides| guides.iter().find(|g| g["id"] == "aadsts51006"))
        .expect("bundled guide");
    let version = bundled["version"].as_str().expect("version");
    assert!(
        verbose
            .lines()
            .any(|l| l.contains("aadsts51006") && l.contains(version)),
        "{verbose}"
    );
    let (code, also, _) = run(tshoot().arg("-vV"));
    assert_eq!(code, 0, "cargo's spelling works too");
    assert_eq!(also, verbose);
}

// ---- 80 columns ----

fn too_wide(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.chars().count() > 80)
        .map(str::to_string)
        .collect()
}

#[test]
fn listings_and_help_fit_80_columns() {
    let state = tempfile::tempdir().expect("state");
    let mut commands: Vec<Vec<String>> = vec![
        vec!["list".into()],
        vec!["validate".into()],
        vec![
            "validate".into(),
            repo("tests/fixtures/invalid/many_problems.yaml")
                .display()
                .to_string(),
        ],
        vec!["test".into(), repo("tests/scenarios").display().to_string()],
        vec![
            "evidence".into(),
            repo("tests/scenarios/aadsts51006/evidence/dsregcmd-stale-prt.txt")
                .display()
                .to_string(),
        ],
        vec!["evidence".into(), "--facts".into()],
        vec!["--help".into()],
        vec!["version".into(), "--verbose".into()],
    ];
    for sub in SUBCOMMANDS.iter().filter(|s| **s != "help") {
        commands.push(vec![sub.to_string(), "--help".into()]);
    }
    for args in commands {
        // No terminal: the width is what tshoot chooses, not what a terminal reports.
        let (_, out, err) = run(tshoot()
            .env_remove("COLUMNS")
            .arg("--state-dir")
            .arg(state.path())
            .args(&args));
        // A line that names a file keeps the path whole (it is not cut, so it can be copied),
        // and piped `validate` keeps each problem on one line for grep and editors.
        let wide: Vec<String> = too_wide(&out)
            .into_iter()
            .filter(|l| !l.contains(env!("CARGO_MANIFEST_DIR")))
            .collect();
        assert!(
            wide.is_empty(),
            "{args:?} prints lines over 80 columns:\n{wide:#?}"
        );
        // Diagnostics name files, whose paths may be long; the status lines must fit.
        let wide: Vec<String> = too_wide(&err)
            .into_iter()
            .filter(|l| !l.contains(env!("CARGO_MANIFEST_DIR")))
            .collect();
        assert!(
            wide.is_empty(),
            "{args:?} writes long lines to stderr:\n{wide:#?}"
        );
    }
}
