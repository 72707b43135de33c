//! How long an autosave takes: a 200-step session written through the recorder (record, JSON,
//! temp file, fsync, rename, fsync of the folder). Run by hand: `cargo bench --bench store`.

use std::fmt::Write;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use tshoot::engine::{Answer, Msg, StepClock, Walk};
use tshoot::guide::{load, validate, ValidGuide};
use tshoot::report::{self, Format, Policy, Summary};
use tshoot::store::{Recorder, SessionRecorder, Store};

const STEPS: usize = 200;

/// A chain of `STEPS` input nodes ending in a resolution: a walk through it has 200 steps.
fn long_guide() -> Arc<ValidGuide> {
    let mut yaml = String::from(
        "format: 1\nid: bench\ntitle: Bench\nversion: '1'\nsections: [{id: s, title: S}]\nstart: n0\nnodes:\n",
    );
    for i in 0..STEPS - 1 {
        let _ = writeln!(
            yaml,
            "  - {{id: n{i}, section: s, kind: input, prompt: 'Value {i}?', why: w, how: h, next: n{}}}",
            i + 1
        );
    }
    let _ = writeln!(
        yaml,
        "  - {{id: n{}, kind: resolution, title: Done, outcome: resolved, cause: c, steps: [a], verify: v, references: [{{title: t, url: 'https://example.com'}}]}}",
        STEPS - 1
    );
    let loaded = load("bench.yaml", yaml.as_bytes()).expect("bench guide loads");
    Arc::new(validate(loaded).expect("bench guide validates"))
}

fn long_walk() -> Walk {
    let mut walk = Walk::start(long_guide(), Arc::new(StepClock::new(1_795_721_702, 20)));
    for i in 0..STEPS - 1 {
        if i % 5 == 0 {
            let note = format!("note {i}: checked on the user's PC, event 4771 in the log");
            walk.apply(Msg::Note(None, note)).expect("note");
        }
        let answer = format!("148787df-c02d-4cbe-947e-{i:012}");
        walk.apply(Msg::Answer(Answer::Text(answer)))
            .expect("answer");
    }
    assert_eq!(walk.steps().len(), STEPS);
    walk
}

fn bench(c: &mut Criterion) {
    let walk = long_walk();
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    let mut recorder = SessionRecorder::new(
        store,
        Some("alice".into()),
        Some("INC-42".into()),
        Arc::new(StepClock::new(1_795_721_702, 1)),
    );
    recorder
        .save(&walk)
        .expect("first save creates the session");
    let size = recorder
        .session_path()
        .and_then(|p| std::fs::metadata(p).ok())
        .map_or(0, |m| m.len());
    eprintln!("a {STEPS}-step session file is {size} bytes");

    c.bench_function("save a 200-step session (autosave, with fsync)", |b| {
        b.iter(|| recorder.save(&walk).expect("saves"));
    });

    let summary = Summary::of(&walk);
    c.bench_function("render a 200-step report, all three formats", |b| {
        b.iter(|| {
            Format::ALL
                .map(|f| report::render(f, &summary, walk.steps(), &Policy::secrets_only()).len())
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
