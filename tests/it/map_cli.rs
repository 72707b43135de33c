//! `tshoot map` through the real binary: the outline of a guide, and a session's path on it.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn tshoot(state: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
    cmd.env_remove("TSHOOT_GUIDES")
        .env("TSHOOT_STATE_DIR", state);
    cmd
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn map_lists_the_sections_in_order_with_where_each_answer_leads_in_80_columns() {
    let state = tempfile::tempdir().expect("tempdir");
    let (code, out, err) = run(tshoot(state.path()).args(["map", "aadsts51006"]));
    assert_eq!(code, 0, "{err}");
    let sections: Vec<&str> = out.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(
        sections[..4],
        [
            "== Error details ==",
            "== Credentials ==",
            "== Authentication flow ==",
            "== Network ==",
        ],
        "{out}"
    );
    assert!(
        out.contains("=> [resolved] Fix the PC's"),
        "a resolution shows its outcome: {out}"
    );
    assert!(
        out.contains("    yes -> "),
        "an answer and where it leads: {out}"
    );
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 80, "a line of {widest} columns:\n{out}");
    // Nothing walked: no marker is set.
    assert!(
        !out.lines().any(|l| {
            let marker = |at: usize| {
                l.get(at..at + 2)
                    .is_some_and(|m| ["> ", "* ", "- "].contains(&m))
            };
            marker(0) || (l.starts_with("    ") && marker(4))
        }),
        "{out}"
    );
}

#[test]
fn map_with_a_session_marks_where_it_is_what_it_walked_and_the_branches_it_left() {
    let state = tempfile::tempdir().expect("tempdir");
    let answers = repo("tests/scenarios/aadsts51006/res_clock_skew.yaml");
    let (code, _, err) = run(tshoot(state.path())
        .args(["run", "aadsts51006", "--answers"])
        .arg(&answers));
    assert_eq!(code, 0, "{err}");
    let id = err
        .lines()
        .find_map(|l| l.strip_prefix("tshoot: saved session "))
        .expect("the run names its session")
        .trim()
        .to_string();
    let (code, out, err) = run(tshoot(state.path()).args(["map", "aadsts51006", "--session", &id]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("> you are here   * walked   - not taken"),
        "{out}"
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.contains(&"* Prerequisites"), "{out}");
    assert!(lines.contains(&"    * continue -> Correlation id"), "{out}");
    assert!(lines.contains(&"    - can't check -> Request id"), "{out}");
    let here: Vec<&&str> = lines.iter().filter(|l| l.starts_with("    > ")).collect();
    assert_eq!(here.len(), 1, "one place is where the walk is: {out}");
    assert!(here[0].contains("=> [resolved] Fix the PC's"), "{out}");
    let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(widest <= 80, "a line of {widest} columns:\n{out}");
}

#[test]
fn map_refuses_a_session_of_another_guide() {
    let state = tempfile::tempdir().expect("tempdir");
    let (code, _, err) =
        run(tshoot(state.path()).args(["map", "aadsts51006", "--session", "nope"]));
    assert_ne!(code, 0);
    assert!(err.contains("nope"), "{err}");
}
