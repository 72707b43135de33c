//! What the command line says about itself: help with a heading for the global options and a
//! description for every option (E9), the version and its verbose form, shell completions and the
//! man page (E10), and output that fits an 80-column console.

use super::conventions_cli::{json, repo, run, tshoot, SUBCOMMANDS};

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
