//! The library's keepers through the real binary: which questions no scenario asks, scenarios
//! that fail, where a continuation leads in the map, the guide for a code no guide covers, and
//! stats of walks that went on in another guide.

use std::path::Path;

use serde_json::Value;

use crate::cli_support::{stdout, Run};

const GUIDES: &str = "tests/fixtures/continue";

fn validate_with_scenarios(run: &Run, scenarios: &str) -> Vec<String> {
    let out = run.out(|c| {
        c.args([
            "--guides",
            GUIDES,
            "validate",
            "tests/fixtures/continue/first.yaml",
            "tests/fixtures/continue/second.yaml",
            "--scenarios",
            scenarios,
        ])
    });
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
fn a_failing_scenario_is_named_by_validate_with_scenarios() {
    let run = Run::new();
    let bad = run.answers(
        "bad.yaml",
        "guide: first\nexpect: res_first\nanswers:\n  user: alex@contoso.com\n  which_code: c2\n  second__retried: 'yes'\n",
    );
    let out = run.out(|c| {
        c.args([
            "--guides",
            GUIDES,
            "validate",
            "tests/fixtures/continue/first.yaml",
            "--scenarios",
        ])
        .arg(&bad)
    });
    let text = stdout(&out) + &String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("bad.yaml:1:1: warning: this scenario fails, so the questions it asks count for nothing (`tshoot test` says more): expected resolution 'res_first' but the walk ended at 'second__res_second_fixed'"),
        "{text}"
    );
}

#[test]
fn the_map_says_where_a_resolution_goes_on() {
    let run = Run::new();
    let out = run.out(|c| c.args(["--guides", GUIDES, "map", "first"]));
    let text = stdout(&out);
    assert!(
        text.contains("2002 => [continues in second] This is really code 2002"),
        "{text}"
    );
}

#[test]
fn a_code_no_guide_has_is_offered_the_intake_guide() {
    let run = Run::new();
    let out = run.out(|c| c.args(["list", "--code", "AADSTS700016"]));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no guide covers 'AADSTS700016'; `tshoot run aadsts-intake` captures it and hands it off"),
        "{err}"
    );
    let out = run.out(|c| c.args(["list", "--code", "700016", "--json"]));
    assert_eq!(out.status.code(), Some(1), "as the text form");
    let out = run.out(|c| c.args(["list", "--json"]));
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
    let out = run.out(|c| c.args(["list", "--code", "printer"]));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("`tshoot list` shows every guide"), "{err}");
}

#[test]
fn stats_count_a_continued_walks_resolution_for_the_guide_it_ended_in() {
    let run = Run::new();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scenarios/aadsts-intake/continue/continue_aadsts50180.yaml");
    let out = run.out(|c| c.args(["run", "aadsts-intake", "--answers"]).arg(&scenario));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run.out(|c| c.args(["stats", "--json"]));
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
