//! The real binary's output channel: a reader that goes away early (`| head`) ends tshoot quietly,
//! and formats are spelled on the command line exactly as the core names them.

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};

use signal_hook::consts::SIGPIPE;

fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tshoot"));
    cmd.env_remove("TSHOOT_GUIDES")
        .env("TSHOOT_STATE_DIR", state);
    cmd
}

/// A guide whose `nodes` lines are `node(i)` for `0..count`, plus the escalation `r`.
fn guide(count: usize, node: impl Fn(usize) -> String) -> String {
    let mut text = String::from(
        "format: 1\nid: g\ntitle: t\nversion: \"1\"\nsections: []\nstart: n0\nnodes:\n",
    );
    for i in 0..count {
        text.push_str(&node(i));
        text.push('\n');
    }
    text.push_str(
        "  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}\n",
    );
    text
}

/// Runs tshoot with its stdout a pipe whose reader is closed before tshoot writes much: the
/// output is larger than a pipe holds, so a write is bound to meet the closed pipe.
fn with_reader_gone(args: &[&str], guide_text: &str) -> (std::process::ExitStatus, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.yaml");
    std::fs::write(&path, guide_text).expect("write the guide");
    let mut child = tshoot(&dir.path().join("state"))
        .args(args)
        .arg(&path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tshoot starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("tshoot ends");
    (
        out.status,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Quiet: no panic message and no backtrace; ended by SIGPIPE (a shell shows 141) or exit 0.
fn assert_ended_quietly(status: std::process::ExitStatus, stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert!(
        status.signal() == Some(SIGPIPE) || status.success(),
        "ended with {status:?}: {stderr}"
    );
}

#[test]
fn validate_into_a_closed_pipe_ends_quietly() {
    let dangling = guide(2000, |i| {
        format!("  - {{id: n{i}, kind: info, prompt: p, next: missing_{i}}}")
    });
    let (status, stderr) = with_reader_gone(&["validate"], &dangling);
    assert_ended_quietly(status, &stderr);
}

#[test]
fn graph_into_a_closed_pipe_ends_quietly() {
    let chain = guide(2000, |i| {
        let next = if i < 1999 {
            format!("n{}", i + 1)
        } else {
            "r".into()
        };
        format!("  - {{id: n{i}, kind: confirm, prompt: P, why: w, how: h, yes: {next}, no: r}}")
    });
    let (status, stderr) = with_reader_gone(&["graph", "--format", "dot"], &chain);
    assert_ended_quietly(status, &stderr);
}

#[test]
fn graph_formats_are_the_core_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tshoot(dir.path())
        .args(["graph", "aadsts51006", "--format", "nonsense"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let names: Vec<&str> = tshoot::graph::GraphFormat::ALL
        .iter()
        .map(|f| f.name())
        .collect();
    assert!(
        stderr.contains(&format!("[possible values: {}]", names.join(", "))),
        "{stderr}"
    );
}

#[test]
fn report_format_text_prints_the_plain_summary_of_a_saved_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let answers = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/scenarios/aadsts51006/res_connect_corp_network.yaml"
    );
    let walked = tshoot(&state)
        .args(["run", "aadsts51006", "--answers", answers])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&walked.stderr);
    let id = stderr
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .unwrap_or_else(|| panic!("no saved session in: {stderr}"))
        .trim()
        .to_owned();
    let out = tshoot(&state)
        .args(["report", &id, "--format", "text"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Outcome: resolved"), "{text}");
    assert!(text.contains("Fix steps:\n  1. "), "{text}");
    assert!(
        !text.contains("**") && !text.contains("<html"),
        "no markup: {text}"
    );
}
