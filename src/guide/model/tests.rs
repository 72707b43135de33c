//! The model's serde shapes and sizes.

use super::*;

/// Each exit as `key|label|targets|finding|number of sets`.
fn exits_of(json: &str) -> Vec<String> {
    // JSON rather than YAML: only the loader names the YAML library.
    let node: Node = serde_json::from_str(json).expect("a node");
    node.exits()
        .map(|e| {
            let targets = e.route.map(Route::targets);
            let sets = e.set.len();
            format!("{}|{}|{targets:?}|{:?}|{sets}", e.key, e.label, e.finding)
        })
        .collect()
}

#[test]
fn a_node_keeps_the_flat_shape_an_author_writes_through_a_round_trip() {
    let resolution = r#"{"id": "r", "kind": "resolution", "title": "T", "outcome": "escalate", "cause": "C", "steps": ["s"], "verify": "V", "references": [{"title": "t", "url": "https://x"}]}"#;
    let input = r#"{"id": "i", "kind": "input", "prompt": "p", "variable": "v", "format": "regex", "pattern": "^a$", "multiline": true, "optional": true, "next": "r"}"#;
    let branch = r#"{"id": "q", "kind": "confirm", "prompt": "p", "yes": "a", "no": {"next": [{"when": "x == '1'", "goto": "b"}, {"goto": "c"}], "finding": "F", "set": {"x": "1"}}}"#;
    for json in [resolution, input, branch] {
        let node: Node = serde_json::from_str(json).expect("a node");
        let written = serde_json::to_value(&node).expect("serialisable");
        let expected: serde_json::Value = serde_json::from_str(json).expect("a node");
        for (key, value) in expected.as_object().expect("an object") {
            assert_eq!(&written[key], value, "{key} of {json}");
        }
        let back: Node = serde_json::from_value(written).expect("reads back");
        assert_eq!(back, node);
    }
    let node: Node = serde_json::from_str(resolution).expect("a node");
    assert_eq!(node.cause(), Some("C"));
    assert_eq!(node.steps(), ["s"]);
    assert_eq!(node.variable(), None, "an absent key reads as absent");
    let node: Node = serde_json::from_str(input).expect("a node");
    assert_eq!(
        (node.input_format(), node.pattern()),
        (InputFormat::Regex, Some("^a$"))
    );
    assert!(node.multiline() && node.optional());
    assert!(node.steps().is_empty());
}

#[test]
fn a_key_written_on_the_wrong_kind_is_kept_for_the_validator_to_name() {
    let node: Node = serde_json::from_str(r#"{"id": "q", "kind": "confirm", "prompt": "p", "cause": "C", "pattern": "x", "yes": "a", "no": "b"}"#).expect("a node");
    assert_eq!((node.cause(), node.pattern()), (Some("C"), Some("x")));
}

/// The kind-specific keys are boxed so that a 100,000-node guide stays under ten times its
/// file size in memory (`benches/scale.py`); a field added inline would undo it unnoticed.
#[test]
fn a_node_stays_small() {
    assert!(
        std::mem::size_of::<Node>() <= 384,
        "{}",
        std::mem::size_of::<Node>()
    );
    assert!(std::mem::size_of::<Branch>() <= 32);
}

#[test]
fn exits_list_every_answer_with_its_key_path_label_route_finding_and_set() {
    let confirm = r#"{"id": "q", "kind": "confirm", "prompt": "p", "yes": "a", "no": {"next": "b", "finding": "F", "set": {"x": "1"}}, "unsure": "c"}"#;
    assert_eq!(
        exits_of(confirm),
        [
            r#"yes|yes|Some(["a"])|None|0"#,
            r#"no|no|Some(["b"])|Some("F")|1"#,
            r#"unsure|can't check|Some(["c"])|None|0"#,
        ]
    );
    let multi = r#"{"id": "m", "kind": "multi", "prompt": "p", "options": [{"id": "o", "label": "L", "set": {"y": "2"}}], "next": "d"}"#;
    assert_eq!(
        exits_of(multi),
        [
            r#"next||Some(["d"])|None|0"#,
            "options.0.next|L|None|None|1"
        ],
        "a multi option has no route of its own, but its set still counts"
    );
}
