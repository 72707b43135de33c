//! Shared helpers of the wizard tests: the fixture catalog, an App at a fixed time, a recorder
//! that remembers what it was asked, key scripts, and rendering to a test terminal.
#![allow(dead_code)]

pub mod pty;

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use time::OffsetDateTime;
use tshoot::engine::{StepClock, Walk};
use tshoot::guide::Catalog;
use tshoot::store::{Recorder, Resumed, SessionListing};
use tshoot::tui::theme::Theme;
use tshoot::tui::{handle_event, script, view, App};

pub fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui")
}

/// The bundled guides plus the wizard's own fixture guide (`tui-demo`).
pub fn catalog() -> Catalog {
    let catalog = Catalog::load(&[fixtures()]);
    assert!(catalog.problems.is_empty(), "{:?}", catalog.problems);
    catalog
}

pub fn clock() -> Arc<StepClock> {
    // 2026-01-09 00:00:00 UTC, a minute per reading.
    Arc::new(StepClock::new(1_767_916_800, 60))
}

pub const COLOR: Theme = Theme {
    color: true,
    ascii: false,
};

pub fn theme(ascii: bool, color: bool) -> Theme {
    Theme { color, ascii }
}

pub fn app(catalog: &Catalog, theme: Theme) -> App<'_> {
    let mut app = App::new(catalog, clock(), theme, false, Vec::new());
    app.size = (80, 24);
    app
}

/// An App already on the first step of the fixture guide.
pub fn demo(catalog: &Catalog, theme: Theme) -> App<'_> {
    let mut app = app(catalog, theme);
    let guide = catalog
        .find("tui-demo")
        .expect("fixture guide loads")
        .clone();
    app.open_walk(Walk::start(guide, clock()));
    app
}

/// Remembers every call, so tests can check what was saved and when.
#[derive(Debug, Default)]
pub struct FakeRecorder {
    /// Number of steps of the walk at each save.
    pub saves: Vec<usize>,
    pub closes: usize,
    pub exports: usize,
    pub sessions: Vec<SessionListing>,
    /// Resuming loads a walk of this guide at its first step.
    pub resumable: Option<Arc<tshoot::guide::ValidGuide>>,
}

impl Recorder for FakeRecorder {
    fn save(&mut self, walk: &Walk) -> anyhow::Result<()> {
        self.saves.push(walk.steps().len());
        Ok(())
    }

    fn close(&mut self, _walk: &Walk) -> anyhow::Result<()> {
        self.closes += 1;
        Ok(())
    }

    fn export(&mut self, _walk: &Walk) -> anyhow::Result<Vec<PathBuf>> {
        self.exports += 1;
        Ok(vec![
            PathBuf::from("/tmp/s/report.md"),
            PathBuf::from("/tmp/s/report.html"),
        ])
    }

    fn unfinished(&self) -> Vec<SessionListing> {
        self.sessions.clone()
    }

    fn resume(&mut self, id: &str, _catalog: &Catalog) -> anyhow::Result<Resumed> {
        match &self.resumable {
            Some(guide) => Ok(Resumed {
                walk: Walk::start(guide.clone(), clock()),
                notice: Some(format!(
                    "'{id}' was recorded with an older version of the guide"
                )),
                who: tshoot::store::Who {
                    technician: "sam".into(),
                    ticket: Some("INC-1001".into()),
                },
            }),
            None => anyhow::bail!("no session '{id}'"),
        }
    }
}

pub fn listing(guide_id: &str, title: &str) -> SessionListing {
    SessionListing {
        id: format!("20260109-000000-{guide_id}"),
        guide_id: guide_id.into(),
        guide_title: title.into(),
        started: OffsetDateTime::from_unix_timestamp(1_767_916_800).expect("valid time"),
        updated: OffsetDateTime::from_unix_timestamp(1_767_916_800).expect("valid time"),
        current_step: "On VPN".into(),
        step_number: 2,
        ticket: None,
        technician: "sam".into(),
        user: None,
        correlation: None,
    }
}

/// Runs a key script through keymap, update and the recorder, as the real loop does.
pub fn press(app: &mut App, recorder: &mut dyn Recorder, keys: &str) {
    for event in script::events(keys).expect("valid key script") {
        handle_event(app, recorder, event);
    }
}

pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| view::draw(frame, app))
        .expect("draws");
    terminal
}

/// The text of a rendered screen, one string per row.
pub fn rows(terminal: &Terminal<TestBackend>) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    rows(terminal).join("\n")
}

/// The status line's text, empty when there is none.
pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The id of the node the walk stands on.
pub fn current(app: &App) -> String {
    app.walk().expect("a walk").current().id.to_string()
}
