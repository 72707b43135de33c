//! How long loading and validating a large guide takes: a generated guide of 10,000 nodes.

use criterion::{criterion_group, criterion_main, Criterion};
use tshoot::guide::{load, validate};

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

fn bench_validate(c: &mut Criterion) {
    let text = generated_guide(9_990);
    assert!(validate(load("big.yaml", text.as_bytes()).expect("loads")).is_ok());
    let mut group = c.benchmark_group("guide_10000_nodes");
    group.sample_size(10);
    group.bench_function("load", |b| b.iter(|| load("big.yaml", text.as_bytes())));
    let loaded = load("big.yaml", text.as_bytes()).expect("loads");
    group.bench_function("validate", |b| b.iter(|| validate(loaded.clone())));
    group.bench_function("load_and_validate", |b| {
        b.iter(|| validate(load("big.yaml", text.as_bytes()).expect("loads")))
    });
    group.finish();

    let bundled = &tshoot::guide::catalog::BUNDLED[0];
    c.bench_function("bundled_guide_yaml_load_and_validate", |b| {
        b.iter(|| validate(load(bundled.name, bundled.yaml.as_bytes()).expect("loads")))
    });
    c.bench_function("bundled_guide_from_build_and_validate", |b| {
        b.iter(|| validate(bundled.load().expect("reads back")))
    });
}

criterion_group!(benches, bench_validate);
criterion_main!(benches);
