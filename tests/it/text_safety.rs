//! One text-safety boundary, proven from the outside: a guide, answers, notes, a ticket, a
//! technician and file names full of terminal control go through every command, and no control
//! sequence, bidi override or invisible character survives in any output.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// What must never reach a terminal or a report: ESC and BEL (OSC 52 and friends), the 8-bit
/// CSI and OSC introducers, bidi overrides and isolates, zero-width characters; and in JSON their
/// escaped forms, which a reader decodes back.
const FORBIDDEN: &[&str] = &[
    "\u{1b}", "\u{7}", "\u{9b}", "\u{9d}", "\u{202e}", "\u{2066}", "\u{200b}", "\u{feff}",
    "\\u001b", "\\u0007", "\\u009b", "\\u202e", "\\u200b",
];

const HOSTILE: &str = "\u{1b}]52;c;ZWNobyBQV05FRA==\u{7}\u{1b}[2J\u{1b}]0;PWNED\u{7}\u{9b}31m\u{202e}evil\u{2066}\u{200b}";

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo.yaml")
}

struct Bench {
    dir: tempfile::TempDir,
}

impl Bench {
    fn new() -> Bench {
        Bench {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn tshoot(&self) -> Command {
        let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
        cmd.env_remove("TSHOOT_GUIDES")
            .env("TSHOOT_STATE_DIR", self.path("state"))
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs a command and checks its stdout and stderr; returns them.
    fn clean_run(&self, what: &str, cmd: &mut Command) -> (String, String) {
        let out = cmd.output().expect("runs");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_safe(&format!("{what} (stdout)"), &stdout);
        assert_safe(&format!("{what} (stderr)"), &stderr);
        (stdout, stderr)
    }
}

fn assert_safe(what: &str, text: &str) {
    for bad in FORBIDDEN {
        assert!(
            !text.contains(bad),
            "{what} holds {bad:?}:\n{}",
            text.escape_debug()
        );
    }
}

/// A YAML double-quoted string whose escapes (`\u001b`) make the characters: the form an author
/// (or an attacker) would write them in.
fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || !c.is_ascii() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn hostile_answers(bench: &Bench) -> PathBuf {
    let yaml = format!(
        "vpn:\n  answer: no\n  note: {}\n",
        yaml_quoted(&format!("note {HOSTILE} line2\rline3"))
    );
    let path = bench.path("answers.yaml");
    std::fs::write(&path, yaml).expect("write answers");
    path
}

#[test]
fn a_guide_whose_text_holds_escapes_is_refused_and_the_message_does_not_echo_them() {
    let bench = Bench::new();
    let guide = format!(
        "format: 1\nid: esc\ntitle: {}\nversion: \"1\"\nsummary: s\nsections: []\nstart: q\nnodes:\n  - {{id: q, kind: info, prompt: p, next: r}}\n  - {{id: r, kind: resolution, outcome: resolved, title: r, cause: c, steps: [s]}}\n",
        yaml_quoted(&format!("Demo {HOSTILE} guide"))
    );
    let path = bench.path("esc.yaml");
    std::fs::write(&path, &guide).expect("write guide");
    for args in [vec!["validate"], vec!["run"], vec!["graph"]] {
        let mut cmd = bench.tshoot();
        cmd.args(&args).arg(&path);
        if args == ["run"] {
            cmd.arg("--answers").arg(hostile_answers(&bench));
        }
        let (stdout, stderr) = bench.clean_run(&format!("{args:?}"), &mut cmd);
        let both = stdout + &stderr;
        assert!(both.contains("esc.yaml:3:8"), "{args:?}: {both}");
    }
    // Raw bytes, not escapes, are refused just the same, at their column.
    std::fs::write(
        &path,
        guide
            .replace("\\u001b", "\u{1b}")
            .replace("\\u0007", "\u{7}"),
    )
    .expect("write raw");
    bench.clean_run("validate raw", bench.tshoot().arg("validate").arg(&path));
}

#[test]
fn hostile_answers_notes_ticket_and_technician_never_reach_any_output() {
    let bench = Bench::new();
    let answers = hostile_answers(&bench);
    let (_, stderr) = bench.clean_run(
        "run --answers",
        bench
            .tshoot()
            // Short, so that no column of `sessions` cuts them off before they are checked.
            .args(["--ticket", "\u{202e}T\u{200b}"])
            .args(["--tech", "\u{1b}[2Jt\u{9b}"])
            .arg("run")
            .arg(demo())
            .arg("--answers")
            .arg(&answers),
    );
    let id = stderr
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .map(|rest| rest.split_whitespace().next().unwrap_or(rest).to_string())
        .expect("a saved session");
    for format in ["md", "json", "html", "text"] {
        let (out, _) = bench.clean_run(
            &format!("report {format}"),
            bench.tshoot().args(["report", &id, "--format", format]),
        );
        if format != "text" || !out.is_empty() {
            assert!(out.contains("note"), "{format}: {out}");
        }
    }
    bench.clean_run("sessions", bench.tshoot().arg("sessions"));
    bench.clean_run(
        "graph --session",
        bench
            .tshoot()
            .arg("graph")
            .arg(demo())
            .args(["--session", &id]),
    );
}

#[test]
fn a_file_name_holding_escapes_is_shown_safely_by_every_command() {
    let bench = Bench::new();
    let folder = bench.path("guides");
    std::fs::create_dir_all(&folder).expect("folder");
    let broken = folder.join(format!("bad{HOSTILE}.yaml"));
    std::fs::write(&broken, "format: 1\nid: [unclosed\n").expect("write");
    let good = folder.join(format!("good{HOSTILE}.yaml"));
    std::fs::copy(demo(), &good).expect("copy");
    let guides = |cmd: &mut Command| {
        cmd.arg("--guides").arg(&folder);
    };
    for args in [vec!["list"], vec!["validate"]] {
        let mut cmd = bench.tshoot();
        guides(&mut cmd);
        cmd.args(&args);
        let (stdout, stderr) = bench.clean_run(&format!("{args:?}"), &mut cmd);
        let both = stdout + &stderr;
        assert!(
            both.contains("bad"),
            "{args:?} names the broken file: {both}"
        );
    }
    bench.clean_run("validate PATH", bench.tshoot().arg("validate").arg(&broken));
    bench.clean_run(
        "run PATH",
        bench
            .tshoot()
            .arg("run")
            .arg(&good)
            .arg("--answers")
            .arg(hostile_answers(&bench)),
    );
    let scenario = bench.path(format!("s{HOSTILE}.yaml").as_str());
    std::fs::write(
        &scenario,
        format!(
            "guide: demo\nexpect: {}\nanswers:\n  vpn: no\n",
            yaml_quoted(&format!("fix{HOSTILE}"))
        ),
    )
    .expect("write scenario");
    let mut cmd = bench.tshoot();
    guides(&mut cmd);
    bench.clean_run("test", cmd.arg("test").arg(&scenario));
}
