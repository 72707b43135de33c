//! How fast the wizard answers: drawing the step screen at 80x24, and handling one key press
//! (keymap + update + effects). Run by hand: `cargo bench --bench tui`.

use std::path::PathBuf;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;
use ratatui::Terminal;
use tshoot::engine::{StepClock, Walk};
use tshoot::guide::Catalog;
use tshoot::store::NullRecorder;
use tshoot::tui::theme::Theme;
use tshoot::tui::{handle_event, script, view, App};

fn catalog() -> Catalog {
    Catalog::load(&[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")])
}

fn app_on_step<'c>(catalog: &'c Catalog, guide: &str) -> App<'c> {
    let clock = Arc::new(StepClock::new(1_767_916_800, 60));
    let theme = Theme {
        color: true,
        ascii: false,
    };
    let mut app = App::new(catalog, clock.clone(), theme, true, Vec::new());
    let guide = catalog.find(guide).or_else(|| catalog.find("tui-demo"));
    let guide = Arc::clone(guide.expect("a guide to walk"));
    app.open_walk(Walk::start(guide, clock));
    app
}

fn draw_step(c: &mut Criterion) {
    let catalog = catalog();
    let app = app_on_step(&catalog, "aadsts51006");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    c.bench_function("draw step screen 80x24", |b| {
        b.iter(|| {
            terminal
                .draw(|frame| view::draw(frame, &app))
                .expect("draws");
        })
    });
}

fn handle_key(c: &mut Criterion) {
    let catalog = catalog();
    let mut app = app_on_step(&catalog, "tui-demo");
    let mut recorder = NullRecorder::default();
    // `w` toggles the why text: a real key through keymap and update that leaves the walk as is.
    let key = script::events("w").expect("valid script").remove(0);
    c.bench_function("handle one key (keymap + update)", |b| {
        b.iter(|| handle_event(&mut app, &mut recorder, std::hint::black_box(key.clone())))
    });
    let answer: Event = script::events("<enter>").expect("valid").remove(0);
    let back: Event = script::events("<bs>").expect("valid").remove(0);
    c.bench_function("answer and go back (two keys, two saves)", |b| {
        b.iter(|| {
            handle_event(&mut app, &mut recorder, answer.clone());
            handle_event(&mut app, &mut recorder, back.clone());
        })
    });
    assert_eq!(
        app.walk().map(|w| w.steps().len()),
        Some(1),
        "back undid every answer"
    );
    assert!(recorder.saves > 2, "answers and backs were saved");
}

criterion_group!(benches, draw_step, handle_key);
criterion_main!(benches);
