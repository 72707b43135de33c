//! Opens the interactive wizard: on the picker, on one guide, or on a resumed session.

use std::sync::Arc;

use anyhow::Result;

use super::args::Global;
use crate::engine::{SystemClock, Walk};
use crate::guide::catalog::Catalog;
use crate::guide::ValidGuide;
use crate::store::Recorder;
use crate::tui::app::Status;
use crate::tui::theme::Theme;
use crate::tui::{self, App, Effect};

pub enum WizardStart {
    Picker,
    Guide(Arc<ValidGuide>),
    Resume { walk: Walk, notice: Option<String> },
}

pub fn open(
    global: &Global,
    catalog: &Catalog,
    start: WizardStart,
    mut recorder: Box<dyn Recorder>,
) -> Result<u8> {
    let theme = Theme::from_env(global.ascii);
    let sessions = recorder.unfinished();
    let mut app = App::new(
        catalog,
        Arc::new(SystemClock),
        theme,
        global.learn,
        sessions,
    );
    match start {
        WizardStart::Picker => {}
        WizardStart::Guide(guide) => {
            app.open_walk(Walk::start(guide, Arc::new(SystemClock)));
            tui::perform(&mut app, recorder.as_mut(), vec![Effect::Save]);
        }
        WizardStart::Resume { walk, notice } => {
            app.open_walk(walk);
            app.status = notice.and_then(Status::error);
        }
    }
    let result = tui::run(&mut app, recorder.as_mut());
    for message in &app.farewell {
        eprintln!("tshoot: {message}");
    }
    result.map(|()| 0)
}
