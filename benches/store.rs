//! What an autosave costs at step 5 and at step 5,000 of a walk (the save of one answer, synced
//! to disk), listing 10,000 sessions, and rendering a 200-step report. Run by hand:
//! `cargo bench --bench store`.
// A benchmark reports the sizes of its own fixtures; no outside text is printed.
#![allow(clippy::disallowed_macros)]

use std::fmt::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use tshoot::engine::{Answer, StepClock, Walk, WalkCommand};
use tshoot::guide::{load, validate, ValidGuide};
use tshoot::report::{self, Format, Policy, Summary};
use tshoot::store::{Recorder, SessionRecorder, SessionStore};

/// A chain of `steps - 1` input nodes ending in a resolution.
fn long_guide(steps: usize) -> Arc<ValidGuide> {
    let mut yaml = String::from(
        "format: 1\nid: bench\ntitle: Bench\nversion: '1'\nsections: [{id: s, title: S}]\nstart: n0\nnodes:\n",
    );
    for i in 0..steps - 1 {
        let _ = writeln!(
            yaml,
            "  - {{id: n{i}, section: s, kind: input, prompt: 'Value {i}?', why: w, how: h, next: n{}}}",
            i + 1
        );
    }
    let _ = writeln!(
        yaml,
        "  - {{id: n{}, kind: resolution, title: Done, outcome: resolved, cause: c, steps: [a], verify: v, references: [{{title: t, url: 'https://example.com'}}]}}",
        steps - 1
    );
    let loaded = load("bench.yaml", yaml.as_bytes()).expect("bench guide loads");
    Arc::new(validate(loaded).expect("bench guide validates"))
}

/// A walk on `guide` with `answers` answers given (a note on every fifth step).
fn walk_to(guide: &Arc<ValidGuide>, answers: usize) -> Walk {
    let mut walk = Walk::start(
        Arc::clone(guide),
        Arc::new(StepClock::new(1_795_721_702, 20)),
    );
    for i in 0..answers {
        if i % 5 == 0 {
            let note = format!("note {i}: checked on the user's PC, event 4771 in the log");
            walk.apply(WalkCommand::Note(None, note)).expect("note");
        }
        let answer = format!("148787df-c02d-4cbe-947e-{i:012}");
        walk.apply(WalkCommand::Answer(Answer::Text(answer)))
            .expect("answer");
    }
    walk
}

/// Times saving one answer at step `step`, as the wizard saves: one walk, answered, saved (timed),
/// taken back and saved again (untimed), so the session never runs out of steps. Building the
/// walk and the session is outside the timed part.
fn bench_save_at(c: &mut Criterion, step: usize) {
    let guide = long_guide(step + 2);
    let mut walk = walk_to(&guide, step - 1);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut recorder = SessionRecorder::new(
        SessionStore::open(dir.path()).expect("store"),
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
    eprintln!("a {step}-step session file is {size} bytes");
    let answer = || Answer::Text("148787df-c02d-4cbe-947e-000000000000".into());
    c.bench_function(
        &format!("save one answer at step {step} (with fsync)"),
        |b| {
            b.iter_custom(|iters| {
                let mut timed = Duration::ZERO;
                for _ in 0..iters {
                    walk.apply(WalkCommand::Answer(answer())).expect("answer");
                    let start = Instant::now();
                    recorder.save(&walk).expect("saves");
                    timed += start.elapsed();
                    walk.apply(WalkCommand::Back).expect("back");
                    recorder.save(&walk).expect("saves");
                }
                timed
            });
        },
    );
}

/// Times listing 10,000 sessions of 40 steps each: as journals (header and last record read) and
/// as the single-JSON files of tshoot 0.1 (parsed whole). The files are written outside the
/// timed part, without fsync.
fn bench_list(c: &mut Criterion) {
    let guide = long_guide(60);
    let walk = walk_to(&guide, 40);
    let dir = tempfile::tempdir().expect("tempdir");
    let store = SessionStore::open(dir.path()).expect("store");
    let mut recorder = SessionRecorder::new(
        store.clone(),
        Some("alice".into()),
        None,
        Arc::new(StepClock::new(1_795_721_702, 1)),
    );
    recorder.save(&walk).expect("saves");
    let id = recorder.session_id().expect("id");
    drop(recorder);
    let journal = std::fs::read(store.path_of(&id)).expect("read");
    let single = serde_json::to_vec(&store.load(&id).expect("loads")).expect("json");
    std::fs::remove_file(store.path_of(&id)).expect("remove");
    for (name, bytes) in [("journals", &journal), ("0.1 single-JSON files", &single)] {
        for i in 0..10_000 {
            let other = format!("20261126-{:06}-bench-{i:04x}", i % 86_400);
            let text = String::from_utf8_lossy(bytes).replace(&id, &other);
            std::fs::write(store.path_of(&other), text).expect("write");
        }
        eprintln!("each of the {name} is {} bytes", bytes.len());
        c.bench_function(&format!("list 10,000 sessions of 40 steps, {name}"), |b| {
            b.iter(|| store.list().expect("lists").sessions.len());
        });
    }
}

fn bench(c: &mut Criterion) {
    bench_save_at(c, 5);
    bench_save_at(c, 5_000);
    bench_list(c);

    let walk = walk_to(&long_guide(200), 199);
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
