//! The loader against every file a person or tool could hand it: the public YAML test suite,
//! and the file-level horrors (huge, binary, alias bombs, deep nesting). None may panic or hang.

use std::path::Path;

use tshoot::guide::{load, MAX_GUIDE_BYTES};

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
fn control_characters_made_by_escapes_are_refused_where_they_stand() {
    let text = "format: 1\nid: x\ntitle: \"\\e[31mred\\u0007\"\nversion: '1'\nsections: []\nstart: a\nnodes: []\n";
    let problem = load("ansi.yaml", text.as_bytes()).expect_err("escapes make control characters");
    assert_eq!((problem.location.line, problem.location.column), (3, 8));
    assert!(problem.message.contains("U+001B"), "{problem}");
}

#[test]
fn fifty_kilobytes_of_nested_block_sequences_end_in_a_located_error() {
    let text = format!("{}x\n", "- ".repeat(25_000));
    let problem = load("deep.yaml", text.as_bytes()).expect_err("too deep");
    assert!(
        problem.message.contains("nests deeper than 48"),
        "{problem}"
    );
    assert_eq!(problem.location.line, 1);
}

#[test]
fn a_comment_only_file_is_called_empty_not_missing_a_field() {
    let problem = load("c.yaml", b"# only a comment\n").expect_err("nothing");
    assert!(problem.message.contains("no YAML"), "{problem}");
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    let problem =
        load("q.yaml", b"format: 1\ntitle: \"Demo\nid: x\nnodes: []\n\n").expect_err("open quote");
    assert_eq!(
        (problem.location.line, problem.location.column),
        (2, 8),
        "{problem}"
    );
    assert!(problem.message.contains("never closed"), "{problem}");
}

#[test]
fn a_duplicate_key_in_a_set_mapping_is_refused_even_without_a_glance_hit() {
    let text = "format: 1\nid: g\ntitle: t\nversion: '1'\nsections: []\nstart: a\nnodes:\n  - id: a\n    kind: info\n    prompt: p\n    next: {next: a, set: {v: '1', v: '2'}}\n";
    let problem = load("dup.yaml", text.as_bytes()).expect_err("dup");
    assert!(problem.message.contains("'v' appears twice"), "{problem}");
    assert_eq!(problem.location.line, 11, "{problem}");
}

/// The bundled guide ten times over (block scalars, comments, flow maps, rules: a real layout),
/// each copy's ids renamed: big enough to be loaded a batch of nodes at a time.
fn bundled_ten_times() -> String {
    // The largest bundled guide, so the copy is big enough to load in batches.
    let text = &std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guides/aadsts51006.yaml"),
    )
    .expect("the bundled aadsts51006");
    let (head, nodes) = text.split_once("\nnodes:\n").expect("a nodes list");
    let ids: Vec<&str> = nodes
        .lines()
        .filter_map(|l| l.strip_prefix("  - id: "))
        .map(str::trim)
        .collect();
    let mut out = format!("{head}\nnodes:\n{}\n", nodes.trim_end());
    for k in 1..10 {
        let mut copy = nodes.to_string();
        for id in &ids {
            copy = copy
                .replace(&format!("id: {id}\n"), &format!("id: {id}_c{k}\n"))
                .replace(&format!(": {id}\n"), &format!(": {id}_c{k}\n"));
        }
        out.push_str(copy.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn a_guide_ten_times_the_bundled_one_loads_in_batches_exactly_as_parsed_whole() {
    let text = bundled_ten_times();
    assert!(text.len() > 10 * 80_000, "{} bytes", text.len());
    let batched = load("big.yaml", text.as_bytes()).expect("loads");
    let whole: tshoot::guide::Guide =
        tshoot::guide::parse_yaml("big.yaml", text.as_bytes(), tshoot::guide::YamlKind::Guide)
            .expect("parses whole");
    assert_eq!(batched.guide.nodes.len(), whole.nodes.len());
    assert_eq!(batched.guide, whole);
}
