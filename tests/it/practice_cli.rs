//! `tshoot practice` through the real binary over pipes: a case played right and wrong, the
//! debrief, the kept results and `--progress`, and `--check` on case files.

use std::path::Path;

use assert_cmd::Command;

fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary");
    cmd.env_remove("TSHOOT_GUIDES")
        .env("TSHOOT_STATE_DIR", state)
        .env_remove("TSHOOT_TECH");
    cmd
}

/// Case 1, "It went away by itself", as the case shows it: info steps take Enter.
const RIGHT: &str = "1\n\n148787df-c02d-4cbe-947e-481164f67f03\n25ab1408-9854-4204-be22-719af9910400\n2026-01-09T00:38:22.547Z\nalex@contoso.com\nContoso Expenses\n\nyes\nc51006\nnone\nnothing\nyes\n";

#[test]
fn a_case_played_over_a_pipe_ends_in_a_debrief_and_is_kept_for_the_trainee() {
    let state = tempfile::tempdir().expect("state");
    let out = tshoot(state.path())
        .args(["practice", "--trainee", "sam"])
        .write_stdin(RIGHT)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Practice case: It went away by itself"),
        "{text}"
    );
    assert!(text.contains("Right cause: One-off interrupt"), "{text}");
    assert!(text.contains("No wrong turns"), "{text}");
    assert!(!text.contains('\x1b'), "plain lines only");

    // Wrong at the last question: "no" leads elsewhere; the walk is stopped by the end of input.
    let wrong = RIGHT.replace("nothing\nyes\n", "nothing\nno\n");
    let out = tshoot(state.path())
        .args(["practice", "--trainee", "sam"])
        .write_stdin(wrong)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(text.contains("Stopped: nothing recorded."), "{text}");

    let out = tshoot(state.path())
        .args(["practice", "--trainee", "sam", "--progress"])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.starts_with("Practice of sam: 1 play(s) of 1 case(s), 1 with the right cause."),
        "{text}"
    );
}

#[test]
fn practice_check_validates_case_files_like_a_guide() {
    let dir = tempfile::tempdir().expect("dir");
    let good = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("guides/practice/aadsts51006/01-gone-by-itself.yaml");
    let text = std::fs::read_to_string(&good).expect("case");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        text.replace("followed_by_success: true", "followed_by_success: false"),
    )
    .expect("write");
    let out = tshoot(dir.path())
        .args(["practice", "--check"])
        .arg(&good)
        .arg(&bad)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("ok    "), "{text}");
    assert!(
        text.contains("bad.yaml: the case's answers stop at node 'user_saw'"),
        "{text}"
    );
}
