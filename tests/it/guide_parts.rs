//! Guides made with parts (`use:`): the merged guide walks and validates, and every way a part
//! can be wrong (missing, in a cycle, repeating an id, leading nowhere) is reported in the file
//! and at the line where it stands.

use std::path::Path;

use assert_cmd::Command;

fn tshoot() -> Command {
    let mut cmd = Command::cargo_bin("tshoot").expect("binary is built");
    let state = tempfile::tempdir().expect("temp dir");
    cmd.env("TSHOOT_STATE_DIR", state.keep())
        .env("NO_COLOR", "1")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

const DIR: &str = "tests/fixtures/parts";

/// `tshoot validate` on one fixture: (exit code, every problem line).
fn validate(name: &str) -> (i32, Vec<String>) {
    let out = tshoot()
        .args(["validate", &format!("{DIR}/{name}")])
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let lines = text
        .lines()
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .map(str::to_string)
        .collect();
    (out.status.code().unwrap_or(-1), lines)
}

#[test]
fn a_guide_made_with_parts_validates_clean_and_a_part_used_twice_comes_in_once() {
    let (code, problems) = validate("with_parts.yaml");
    assert_eq!(code, 0, "{problems:?}");
    assert!(problems.is_empty(), "{problems:?}");
    let loaded = tshoot::guide::read_guide_file(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(DIR)
            .join("with_parts.yaml"),
    )
    .expect("loads");
    let ids: Vec<&str> = loaded.guide.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "capture_correlation_id",
            "res_handoff",
            "after_details",
            "fixed"
        ],
        "details.yaml once (handoff.yaml uses it too), then handoff.yaml, then the guide's own"
    );
    assert!(
        loaded.guide.uses.is_empty(),
        "a merged guide names no parts"
    );
    assert_eq!(
        loaded.guide.access.len(),
        1,
        "the part's access kind is merged"
    );
}

#[test]
fn a_missing_part_is_reported_at_its_use_entry() {
    let (code, problems) = validate("missing_part.yaml");
    assert_eq!(code, 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!(
            "{DIR}/missing_part.yaml:8:5: error: cannot read the part 'common/no_such_part.yaml'"
        )),
        "{problems:?}"
    );
}

#[test]
fn a_cycle_between_parts_is_reported_at_the_use_that_closes_it() {
    let (code, problems) = validate("cycle.yaml");
    assert_eq!(code, 1);
    let cycle = problems
        .iter()
        .find(|p| p.contains("makes a cycle"))
        .unwrap_or_else(|| panic!("no cycle reported: {problems:?}"));
    assert!(
        cycle.starts_with(&format!("{DIR}/common/cycle_b.yaml:3:7: error: 'use' of 'cycle_a.yaml' makes a cycle (common/cycle_a.yaml -> common/cycle_b.yaml -> common/cycle_a.yaml)")),
        "{cycle}"
    );
}

#[test]
fn an_id_defined_in_the_guide_and_in_its_part_names_both_places() {
    let (code, problems) = validate("duplicate_id.yaml");
    assert_eq!(code, 1);
    assert_eq!(
        problems,
        [format!(
            "{DIR}/duplicate_id.yaml:12:5: error: node id 'capture_correlation_id' is used twice (first at {DIR}/common/details.yaml:10:5); ids must be unique across the guide and the parts it uses"
        )]
    );
}

#[test]
fn a_part_route_the_guide_leaves_open_is_reported_in_the_part_with_the_guide_named() {
    let (code, problems) = validate("hole.yaml");
    assert_eq!(code, 1);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with(&format!("{DIR}/common/details.yaml:21:11: error: 'after_details' is not a node of this part nor of guide 'hole'")),
        "{problems:?}"
    );
    assert!(
        problems[0].ends_with("did you mean 'after_detail'?"),
        "{problems:?}"
    );
}

#[test]
fn a_part_named_alone_is_checked_as_a_part_not_refused_as_a_broken_guide() {
    let out = tshoot()
        .args(["validate", &format!("{DIR}/common/handoff.yaml")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("a part of guides ('handoff', 1 node(s))"),
        "{err}"
    );
}

#[test]
fn a_guide_folder_lists_its_guides_and_walks_one_through_its_parts() {
    let out = tshoot()
        .args(["--guides", DIR, "list", "--json"])
        .output()
        .expect("runs");
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(listed.contains("\"with_parts\""), "{listed}");
    assert!(
        !listed.contains("\"details\""),
        "a part is not a guide: {listed}"
    );

    let answers = tempfile::NamedTempFile::new().expect("temp file");
    std::fs::write(
        answers.path(),
        "capture_correlation_id: 148787df-c02d-4cbe-947e-481164f67f03\nafter_details: 'no'\n",
    )
    .expect("writes");
    let out = tshoot()
        .args(["--guides", DIR, "run", "with_parts", "--answers"])
        .arg(answers.path())
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("Hand off to the identity team"), "{text}");
}

#[test]
fn an_access_kind_declared_in_the_guide_and_in_its_part_names_both_places() {
    let (code, problems) = validate("access_clash.yaml");
    assert_eq!(code, 1);
    assert_eq!(
        problems,
        [format!(
            "{DIR}/access_clash.yaml:11:10: error: access id 'pc' is used twice (first at {DIR}/common/details.yaml:8:6); ids must be unique across the guide and the parts it uses"
        )]
    );
}

#[test]
fn a_folder_holding_parts_validates_them_as_parts() {
    let out = tshoot()
        .args(["validate", &format!("{DIR}/common")])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("a part of guides ('handoff'"), "{err}");
    assert!(err.contains("checked 4 guide(s): 0 error(s)"), "{err}");
}
