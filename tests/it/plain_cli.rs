//! The real binary in plain mode over pipes (issue 11): a script of answers typed into
//! `tshoot --plain`, the same sessions as the wizard and headless runs, and no escape sequence.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo.yaml")
}

fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
    cmd.env_remove("TSHOOT_GUIDES")
        .env_remove("TSHOOT_STATE_DIR")
        .env("TERM", "xterm-256color")
        .arg("--state-dir")
        .arg(state);
    cmd
}

/// Exit code, stdout and stderr (stdout kept as bytes, to look for escape sequences).
fn run(cmd: &mut Command) -> (i32, Vec<u8>, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn session_files(state: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(state.join("sessions")) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                name.is_some_and(|n| n.ends_with(".json") && !n.starts_with('.'))
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The id in "tshoot: saved session ID" (headless) or "session ID is kept" (plain).
fn session_id(text: &str) -> String {
    let at = text.find("session ").expect("a session is named") + "session ".len();
    text[at..]
        .split_whitespace()
        .next()
        .expect("an id follows")
        .to_string()
}

#[test]
fn a_piped_script_walks_to_the_resolution_saves_the_session_and_writes_no_escape() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let (code, out, err) = run(tshoot(&state)
        .args(["--plain", "run"])
        .arg(demo())
        .write_stdin("1\nmaybe\nchrome\n1 2\n\n"));
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains(&0x1b),
        "an escape sequence in plain output: {}",
        String::from_utf8_lossy(&out)
    );
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains("On VPN?\n1. Yes\n2. No\n"), "{out}");
    assert!(out.contains("'maybe' is not an answer here"), "{out}");
    assert!(out.contains("Resolution: Connect VPN"), "{out}");
    let files = session_files(&state);
    assert_eq!(files.len(), 1, "{files:?}");
    let closed = out.find("> Session ").expect("the session is named") + 2;
    let id = session_id(&out[closed..].to_lowercase());
    let saved = std::fs::read_to_string(&files[0]).expect("session readable");
    assert!(saved.contains("\"status\":\"resolved\""), "{saved}");
    assert!(
        files[0].to_string_lossy().contains(&id),
        "the id printed is the session saved: {id} {files:?}"
    );
}

#[test]
fn without_a_terminal_and_without_plain_the_walk_is_asked_in_plain_lines() {
    // Pipes are no terminal: before plain mode this refused with "the wizard needs a terminal".
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let (code, out, err) = run(tshoot(&state)
        .env("TERM", "dumb")
        .arg("run")
        .arg(demo())
        .write_stdin("no\n"));
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains("1. Yes\n2. No\n3. Can't check"), "{out}");
    assert!(out.contains("Resolution: Connect VPN"), "{out}");
    assert!(!err.contains("needs a terminal"), "{err}");
}

#[test]
fn the_end_of_the_input_keeps_the_session_and_exits_0_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let (code, _, err) = run(tshoot(&state)
        .args(["--plain", "run"])
        .arg(demo())
        .write_stdin("yes\n"));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("the input ended; session"), "{err}");
    let id = session_id(&err);
    // The newest unfinished session goes on in plain mode where the input ended.
    let (code, out, err) = run(tshoot(&state)
        .args(["--plain", "resume", &id])
        .write_stdin("edge\nnone\nuser@contoso.com\n"));
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(
        out.starts_with("\nStep 2. Network\nWhich browser?"),
        "{out}"
    );
    assert!(out.contains("Resolution: Connect VPN"), "{out}");
}

#[test]
fn a_session_started_headless_resumes_in_plain_mode() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, "vpn: yes\nbrowser: edge\n").expect("write answers");
    // The answers stop at the checklist: the session keeps the two given.
    let (code, _, err) = run(tshoot(&state)
        .arg("run")
        .arg(demo())
        .arg("--answers")
        .arg(&answers));
    assert_eq!(code, 1, "{err}");
    let id = session_id(&err);
    let (code, out, err) = run(tshoot(&state)
        .args(["--plain", "resume", &id])
        .write_stdin("history\n2\nuser@contoso.com\n"));
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains("Step 3. Network\nTick what applies"), "{out}");
    assert!(
        out.contains("1. On VPN?: Yes\n2. Which browser?: Edge\n"),
        "{out}"
    );
    assert!(out.contains("Resolution: Connect VPN"), "{out}");
    assert!(out.contains(&format!("Session {id} closed.")), "{out}");
}

#[test]
fn a_ticket_typed_in_plain_mode_is_recorded_in_the_session() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let (code, out, err) = run(tshoot(&state)
        .args(["--plain", "run"])
        .arg(demo())
        .write_stdin("ticket INC-4242\nno\n"));
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains("Ticket INC-4242 recorded."), "{out}");
    let files = session_files(&state);
    assert_eq!(files.len(), 1, "{files:?}");
    let saved = std::fs::read_to_string(&files[0]).expect("session readable");
    assert!(saved.contains("\"ticket\":\"INC-4242\""), "{saved}");
}

#[test]
fn an_answer_of_several_lines_is_read_up_to_a_lone_dot() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let guide = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store/vpn.yaml");
    let script =
        "3fa85f64-5717-4562-b3fc-2c963f66afa6\nalex@contoso.com\nline one\nline two\n.\nquit\n";
    let (code, out, err) = run(tshoot(&state)
        .args(["--plain", "run"])
        .arg(&guide)
        .write_stdin(script));
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(out.contains("end with a line holding only a dot"), "{out}");
    assert!(out.contains("Stopped. Session "), "{out}");
    let files = session_files(&state);
    assert_eq!(files.len(), 1, "{files:?}");
    let saved = std::fs::read_to_string(&files[0]).expect("session readable");
    assert!(saved.contains("line one\\nline two"), "{saved}");
}
