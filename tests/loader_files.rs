//! The loader against every file a person or tool could hand it: the public YAML test suite,
//! and the file-level horrors (huge, binary, alias bombs, deep nesting). None may panic or hang.

use std::path::Path;

use tshoot::guide::load::{load, MAX_GUIDE_BYTES};

#[test]
fn every_yaml_test_suite_case_ends_in_a_guide_or_a_located_error() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/yaml-test-suite");
    let manifest = std::fs::read_to_string(dir.join("manifest.tsv")).expect("manifest is readable");
    let mut checked = 0;
    for line in manifest.lines() {
        let Some((case, _expect)) = line.split_once('\t') else {
            continue;
        };
        let bytes = std::fs::read(dir.join("cases").join(format!("{case}.yaml")))
            .expect("case is readable");
        let result = std::panic::catch_unwind(|| load(case, &bytes));
        match result {
            Err(_) => panic!("case {case} panicked the loader"),
            Ok(Ok(_guide)) => {}
            Ok(Err(problem)) => {
                assert!(
                    problem.location.line >= 1 && problem.location.column >= 1,
                    "case {case}: {problem}"
                );
                assert!(
                    !problem.message.is_empty(),
                    "case {case} has an empty message"
                );
                assert!(
                    problem.to_string().starts_with(&format!("{case}:")),
                    "{problem}"
                );
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 402, "the suite holds 402 cases");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let mut bytes = b"format: 1\nsummary: \"".to_vec();
    bytes.resize(MAX_GUIDE_BYTES + 10, b'x');
    let problem = load("huge.yaml", &bytes).expect_err("too big");
    assert!(problem.message.contains("8 MiB limit"), "{problem}");
}

#[test]
fn a_binary_file_is_refused_with_where_the_nul_byte_is() {
    let problem = load("photo.yaml", b"\x89PNG\r\n\x1a\n\x00\x00").expect_err("binary");
    assert!(problem.message.contains("binary"), "{problem}");
    assert_eq!(problem.location.line, 3);
}

#[test]
fn an_alias_bomb_is_refused_without_expanding_it() {
    let mut text = String::from("format: 1\nid: bomb\na0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..12 {
        let p = format!("*a{}", i - 1);
        text.push_str(&format!("a{i}: &a{i} [{}]\n", [p.as_str(); 9].join(", ")));
    }
    let problem = load("bomb.yaml", text.as_bytes()).expect_err("bomb");
    assert!(problem.message.contains("alias bomb"), "{problem}");
}

#[test]
fn a_large_string_repeated_by_aliases_is_refused() {
    let big = "x".repeat(2 * 1024 * 1024);
    let refs = vec!["*s"; 100].join(",");
    let text = format!("format: 1\nsummary: &s {big}\nnodes:\n  - id: a\n    kind: resolution\n    steps: [{refs}]\n");
    let problem = load("bomb.yaml", text.as_bytes()).expect_err("bomb");
    assert!(problem.message.contains("alias bomb"), "{problem}");
    assert_eq!(problem.location.line, 6);
}

#[test]
fn deep_nesting_is_refused_in_flow_and_block_style() {
    let flow = format!("nodes: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    let problem = load("deep.yaml", flow.as_bytes()).expect_err("deep flow");
    assert!(problem.message.contains("nests deeper"), "{problem}");

    let block: String = (0..300)
        .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
        .collect();
    let problem = load("deep.yaml", block.as_bytes()).expect_err("deep block");
    assert!(problem.message.contains("nests deeper"), "{problem}");
}

#[test]
fn control_characters_and_ansi_escapes_in_text_load_as_plain_data() {
    let text = "format: 1\nid: x\ntitle: \"\\e[31mred\\u0007\"\nversion: '1'\nsections: []\nstart: a\nnodes: []\n";
    let loaded =
        load("ansi.yaml", text.as_bytes()).expect("escapes are just characters to the loader");
    assert!(loaded.guide.title.contains('\u{1b}'));
}
