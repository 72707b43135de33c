//! Opens the interactive wizard: on the picker, on one guide, or on a resumed session.

use std::sync::Arc;

use anyhow::Result;

use super::args::Global;
use super::context::EXIT_NOT_SAVED;
use crate::engine::{SystemClock, Walk};
use crate::guide::Catalog;
use crate::guide::ValidGuide;
use crate::store::Recorder;
use crate::tui::app::Status;
use crate::tui::theme::Theme;
use crate::tui::{self, App};

pub enum WizardStart {
    Picker,
    Guide(Arc<ValidGuide>),
    Resume {
        walk: Box<Walk>,
        notice: Option<String>,
    },
}

pub fn open(
    global: &Global,
    catalog: &Catalog,
    start: WizardStart,
    mut recorder: Box<dyn Recorder>,
) -> Result<u8> {
    let theme = Theme::from_env(global.ascii);
    // The unfinished sessions are listed after the first frame (`tui::run` asks the recorder),
    // and the session itself is created by the first answer: nothing is read or written on disk
    // before the technician sees the wizard.
    let mut app = App::new(
        catalog,
        Arc::new(SystemClock),
        theme,
        global.learn,
        Vec::new(),
    );
    match start {
        WizardStart::Picker => {}
        WizardStart::Guide(guide) => {
            app.open_walk(Walk::start(guide, Arc::new(SystemClock)));
        }
        WizardStart::Resume { walk, notice } => {
            app.open_walk(*walk);
            app.status = notice.and_then(Status::error);
        }
    }
    let result = tui::run(&mut app, recorder.as_mut());
    for message in &app.farewell {
        super::out::status(format!("tshoot: {message}"));
    }
    result?;
    // A save or the close failed: the farewell said what; the exit code says it to scripts.
    Ok(if recorder.save_failed() {
        EXIT_NOT_SAVED
    } else {
        0
    })
}
