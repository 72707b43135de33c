//! Lookups by path, read only as far as needed, and what the guarded pass refuses.

use std::sync::Arc;

use super::*;

const TEXT: &str = "id: demo\nnodes:\n  - id: first\n    yes: second\n  - id: second\n    options:\n      - {id: a, label: A}\n";

const GUIDE: Guard<'static> = Guard {
    noun: "a guide",
    refuse_unsafe_text: true,
};

fn map(text: &str) -> SourceMap {
    SourceMap::of(Arc::from(text))
}

#[test]
fn finds_keys_and_values_by_path() {
    let map = map(TEXT);
    assert_eq!(map.key("id"), Location { line: 1, column: 1 });
    assert_eq!(map.value("id"), Location { line: 1, column: 5 });
    assert_eq!(
        map.value("nodes.0.yes"),
        Location {
            line: 4,
            column: 10
        }
    );
    assert_eq!(map.key("nodes.1.id"), Location { line: 5, column: 5 });
    assert_eq!(
        map.key("nodes.1.options.0.label"),
        Location {
            line: 7,
            column: 17
        }
    );
}

#[test]
fn a_lookup_near_the_top_reads_only_as_far_as_it_needs() {
    let nodes: String = (0..20_000)
        .map(|i| {
            format!(
                "  - {{id: n{i}, kind: info, prompt: p, next: n{}}}\n",
                i + 1
            )
        })
        .collect();
    let map = map(&format!("id: big\ntitle: t\nnodes:\n{nodes}"));
    assert_eq!(map.key("title"), Location { line: 2, column: 1 });
    let done = |m: &SourceMap| {
        m.scan
            .lock()
            .expect("lock")
            .as_ref()
            .is_some_and(|s| s.done)
    };
    assert!(!done(&map), "the rest of the file was not read");
    assert_eq!(
        map.value("nodes.19999.next"),
        Location {
            line: 20_003,
            column: 47
        }
    );
    assert_eq!(
        map.value("nodes.20000"),
        map.value("nodes"),
        "a missing path reads it all"
    );
    assert!(done(&map));
}

#[test]
fn unknown_paths_fall_back_to_the_nearest_parent() {
    let map = map(TEXT);
    assert_eq!(map.value("nodes.0.no"), map.value("nodes.0"));
    assert_eq!(map.value("nowhere"), Location::START);
    assert_eq!(SourceMap::default().value("id"), Location::START);
}

#[test]
fn a_key_given_twice_in_one_mapping_is_refused_at_the_second() {
    let (loc, message) = guarded_pass("id: a\ntitle: t\nid: b\n", GUIDE).expect_err("duplicate");
    assert_eq!(loc, Location { line: 3, column: 1 });
    assert!(message.contains("'id' appears twice"), "{message}");
    assert!(message.contains("first at line 1"), "{message}");
    assert!(
        guarded_pass("a: {id: 1}\nb: {id: 2}\n", GUIDE).is_ok(),
        "same key in two maps is fine"
    );
}

#[test]
fn deep_nesting_is_refused_at_the_level_that_is_too_deep() {
    let text = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (loc, message) = guarded_pass(&text, GUIDE).expect_err("too deep");
    assert_eq!(loc.line, 1);
    assert!(loc.column < 300, "{loc:?}");
    assert!(message.contains("nests deeper"));
}

#[test]
fn deep_block_sequences_are_refused_without_recursion() {
    let text = format!("{}x", "- ".repeat(200_000));
    let (loc, message) = guarded_pass(&text, GUIDE).expect_err("too deep");
    assert_eq!(loc.line, 1);
    assert_eq!(loc.column, 2 * MAX_DEPTH + 1);
    assert!(message.contains("a guide needs only a few"), "{message}");
    assert_eq!(map(&text).value("0.0.0"), Location { line: 1, column: 7 });
}

#[test]
fn aliases_that_expand_too_far_are_refused_without_expanding_them() {
    let big = "x".repeat(1024 * 1024);
    let refs = vec!["*s"; 64].join(", ");
    let text = format!("summary: &s {big}\nsteps: [{refs}]\n");
    let (loc, message) = guarded_pass(&text, GUIDE).expect_err("bomb");
    assert_eq!(loc.line, 2);
    assert!(message.contains("alias bomb"));
}

#[test]
fn many_small_aliased_values_count_as_well_as_long_strings() {
    let options: Vec<String> = (0..10_000)
        .map(|i| format!("{{id: a{i}, label: L}}"))
        .collect();
    let uses = vec!["*o"; 200].join(", ");
    let text = format!("o: &o [{}]\nuses: [{uses}]\n", options.join(", "));
    assert!(text.len() < 300_000);
    let (_, message) = guarded_pass(&text, GUIDE).expect_err("bomb of small values");
    assert!(message.contains("alias bomb"), "{message}");
    let few = format!("o: &o [{}]\nuses: [*o, *o]\n", options[..10].join(", "));
    assert!(guarded_pass(&few, GUIDE).is_ok());
}

#[test]
fn escapes_that_make_control_characters_are_refused_in_guides_only() {
    let text = "a: 1\ntitle: \"Demo \\e]0;PWNED\\a guide\"\n";
    let (loc, message) = guarded_pass(text, GUIDE).expect_err("escape");
    assert_eq!(loc, Location { line: 2, column: 8 });
    assert!(message.contains("U+001B"), "{message}");
    let answers = Guard {
        noun: "an answers file",
        refuse_unsafe_text: false,
    };
    assert!(guarded_pass(text, answers).is_ok());
}
