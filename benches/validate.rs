//! How long loading and validating a large guide takes: generated guides of 10,000 and 100,000
//! nodes. The validate cases clone their input in untimed setup and drop the result untimed
//! (`iter_batched`), so they time validation alone; dropping is timed on its own.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use tshoot::guide::{load, validate, LoadedGuide};

/// A chain of confirm questions, each with a way out to one of a few resolutions, plus rule lists.
fn generated_guide(questions: usize) -> String {
    let mut text = String::from(
        "format: 1\nid: big\ntitle: Big\nversion: 1.0.0\nsummary: Generated.\nreferences: [{title: x, url: \"https://example.com\"}]\nsections:\n  - {id: s, title: S}\nstart: q0\nnodes:\n",
    );
    for i in 0..questions {
        let next = if i + 1 < questions {
            format!("q{}", i + 1)
        } else {
            "r0".to_string()
        };
        text.push_str(&format!(
            "  - id: q{i}\n    section: s\n    kind: confirm\n    prompt: Question {i}?\n    why: w\n    how: h\n    yes: {next}\n    no:\n      next:\n        - {{when: \"q0 == 'yes' and not (q{i} == 'no')\", goto: r{r}}}\n        - {{goto: r{r}}}\n      finding: Finding {i}\n",
            r = i % 10
        ));
    }
    for r in 0..10 {
        text.push_str(&format!(
            "  - id: r{r}\n    kind: resolution\n    outcome: resolved\n    title: Fix {r}\n    cause: c\n    steps: [s]\n    verify: v\n    references: [{{title: x, url: \"https://example.com\"}}]\n"
        ));
    }
    text
}

/// The same shape one line a node, so that 100,000 nodes stay under the loader's 8 MiB limit.
fn compact_guide(questions: usize) -> String {
    let mut text = String::from(
        "format: 1\nid: big\ntitle: Big\nversion: 1.0.0\nsummary: S\nreferences: [{title: x, url: \"https://example.com\"}]\nsections: []\nstart: q0\nnodes:\n",
    );
    for i in 0..questions {
        let next = if i + 1 < questions {
            format!("q{}", i + 1)
        } else {
            "r0".to_string()
        };
        text.push_str(&format!(
            "  - {{id: q{i}, kind: confirm, prompt: P, why: w, how: h, yes: {next}, no: r{}}}\n",
            i % 10
        ));
    }
    for r in 0..10 {
        text.push_str(&format!(
            "  - {{id: r{r}, kind: resolution, outcome: escalate, title: F, cause: c, steps: [s]}}\n"
        ));
    }
    text
}

/// Validation alone: the clone is setup and the result is dropped outside the timing.
fn validate_only(c: &mut Criterion, group_name: &str, loaded: &LoadedGuide, batch: BatchSize) {
    let mut group = c.benchmark_group(group_name);
    group.sample_size(10);
    group.bench_function("validate", |b| {
        b.iter_batched(|| loaded.clone(), validate, batch)
    });
    group.bench_function("drop_valid_guide", |b| {
        b.iter_batched(|| validate(loaded.clone()).expect("valid"), drop, batch)
    });
    group.finish();
}

fn bench_validate(c: &mut Criterion) {
    let text = generated_guide(9_990);
    assert!(validate(load("big.yaml", text.as_bytes()).expect("loads")).is_ok());
    let mut group = c.benchmark_group("guide_10000_nodes");
    group.sample_size(10);
    group.bench_function("load", |b| b.iter(|| load("big.yaml", text.as_bytes())));
    group.bench_function("load_and_validate", |b| {
        b.iter(|| validate(load("big.yaml", text.as_bytes()).expect("loads")))
    });
    group.finish();
    let loaded = load("big.yaml", text.as_bytes()).expect("loads");
    validate_only(c, "guide_10000_nodes", &loaded, BatchSize::LargeInput);

    let text = compact_guide(99_990);
    let loaded = load("huge.yaml", text.as_bytes()).expect("100,000 nodes load");
    assert!(validate(loaded.clone()).is_ok());
    validate_only(c, "guide_100000_nodes", &loaded, BatchSize::PerIteration);
    // The yardstick of the budget: load and validate against a parse-only pass of the
    // same text (the YAML parser walking every event into nothing), results dropped untimed.
    let mut group = c.benchmark_group("guide_100000_nodes");
    group.sample_size(10);
    group.bench_function("parse_only", |b| {
        b.iter_batched(
            || (),
            |()| serde_yaml::from_str::<serde::de::IgnoredAny>(&text).expect("parses"),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("load_and_validate", |b| {
        b.iter_batched(
            || (),
            |()| validate(load("huge.yaml", text.as_bytes()).expect("loads")).expect("valid"),
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let bundled = &tshoot::guide::BUNDLED[0];
    // The guide file as a folder guide is read: its parts merged in.
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("guides")
        .join(bundled.name);
    c.bench_function("bundled_guide_yaml_load_and_validate", |b| {
        b.iter(|| validate(tshoot::guide::read_guide_file(&path).expect("loads")))
    });
    // What `tshoot run aadsts51006` does before its first frame: the pre-parsed guide read back
    // and its conditions and patterns compiled, no checks.
    c.bench_function("bundled_guide_from_build_prevalidated", |b| {
        b.iter(|| tshoot::guide::prevalidated(bundled.load().expect("reads back")))
    });
    c.bench_function("bundled_guide_from_build_read_back_only", |b| {
        b.iter(|| bundled.load().expect("reads back"))
    });
    c.bench_function("bundled_guide_from_build_and_validate", |b| {
        b.iter(|| validate(bundled.load().expect("reads back")))
    });
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
