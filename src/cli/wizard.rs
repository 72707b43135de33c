//! Opens the interactive wizard: on the picker, on one guide, or on a resumed session.

use std::sync::Arc;

use anyhow::Result;

use super::args::Global;
use super::context::EXIT_NOT_SAVED;
use crate::engine::{SystemClock, Walk};
use crate::guide::Catalog;
use crate::guide::ValidGuide;
use crate::plain;
use crate::store::{Recorder, Who};
use crate::tui::app::Status;
use crate::tui::theme::Theme;
use crate::tui::{self, App};

pub enum WizardStart {
    Picker,
    Guide(Arc<ValidGuide>),
    Resume {
        walk: Box<Walk>,
        notice: Option<String>,
        /// Who the resumed session records (`None`: a walk started here).
        who: Option<Who>,
    },
}

pub fn open(
    global: &Global,
    catalog: &Catalog,
    start: WizardStart,
    mut recorder: Box<dyn Recorder>,
) -> Result<u8> {
    if plain_wanted(global) {
        return open_plain(global, catalog, start, recorder.as_mut());
    }
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
    // The ticket is asked as a walk opens unless the command line gave it.
    app.who = Who::from_env(global.tech.as_deref(), global.ticket.as_deref());
    app.ask_ticket = global.ticket.is_none();
    let defaults_file = access_defaults_file(global);
    if let Some(file) = &defaults_file {
        app.access_defaults = read_access_defaults(file);
    }
    match start {
        WizardStart::Picker => {}
        WizardStart::Guide(guide) => {
            app.open_walk(Walk::start(guide, Arc::new(SystemClock)));
        }
        WizardStart::Resume { walk, notice, who } => {
            if let Some(who) = who {
                app.who = who;
            }
            app.open_walk(*walk);
            app.status = notice.and_then(Status::error);
        }
    }
    let result = tui::run(&mut app, recorder.as_mut());
    if let (true, Some(file)) = (app.access_changed, &defaults_file) {
        if let Err(e) = write_access_defaults(file, &app.access_defaults) {
            app.farewell.push(format!(
                "could not remember what you can check in '{}': {e}",
                file.display()
            ));
        }
    }
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

/// Plain lines instead of the full screen: asked for, a terminal that cannot draw one, or no
/// terminal at all (a pipe, a script) where the full screen would have to refuse.
fn plain_wanted(global: &Global) -> bool {
    use std::io::IsTerminal;
    global.plain
        || std::env::var_os("TERM").is_some_and(|term| term == "dumb")
        || !std::io::stdin().is_terminal()
        || !std::io::stdout().is_terminal()
}

/// The walk as plain lines on stdin and stdout, saved through the same recorder as the wizard.
fn open_plain(
    global: &Global,
    catalog: &Catalog,
    start: WizardStart,
    recorder: &mut dyn Recorder,
) -> Result<u8> {
    let mut input = std::io::stdin().lock();
    let mut output = std::io::stdout().lock();
    let mut who = Who::from_env(global.tech.as_deref(), global.ticket.as_deref());
    let mut walk = match start {
        WizardStart::Picker => match plain::pick_guide(catalog, &mut input, &mut output)? {
            Some(guide) => Walk::start(guide, Arc::new(SystemClock)),
            None => return Ok(0),
        },
        WizardStart::Guide(guide) => Walk::start(guide, Arc::new(SystemClock)),
        WizardStart::Resume {
            walk,
            notice,
            who: resumed,
        } => {
            who = resumed.unwrap_or(who);
            if let Some(notice) = notice {
                super::out::status(format!("tshoot: {notice}"));
            }
            *walk
        }
    };
    walk.set_library(Arc::new(catalog.library()));
    let options = plain::Options {
        learn: global.learn,
        ascii: global.ascii,
    };
    let walked = plain::Plain::new(input, output, recorder, options)
        .with_who(who)
        .walk(&mut walk);
    let ending = match walked {
        Ok(ending) => ending,
        // The reader went away (`| head`, a closed window): every answer is saved already.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            let _ = recorder.close(&walk);
            return Ok(0);
        }
        Err(e) => {
            let _ = recorder.close(&walk);
            return Err(e.into());
        }
    };
    match ending {
        plain::Ending::NotSaved => return Ok(EXIT_NOT_SAVED),
        plain::Ending::EndOfInput => match recorder.session_id() {
            Some(id) => super::out::status(format!(
                "tshoot: the input ended; session {id} is kept ('tshoot --plain resume {id}' goes on with it)"
            )),
            None => super::out::status("tshoot: the input ended before any answer; nothing was saved"),
        },
        plain::Ending::Finished | plain::Ending::Quit => {}
    }
    Ok(0)
}

/// Where the wizard remembers, per guide, what the technician said they can check: beside the
/// sessions. `None` when the state folder cannot be named.
fn access_defaults_file(global: &Global) -> Option<std::path::PathBuf> {
    crate::store::SessionStore::default_root(global.state_dir.as_deref())
        .ok()
        .map(|root| root.join("access.json"))
}

/// The remembered defaults; a missing or unreadable file is no default (everything ticked).
fn read_access_defaults(file: &std::path::Path) -> std::collections::BTreeMap<String, Vec<String>> {
    std::fs::read(file)
        .ok()
        .filter(|bytes| bytes.len() < 64 * 1024)
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

fn write_access_defaults(
    file: &std::path::Path,
    defaults: &std::collections::BTreeMap<String, Vec<String>>,
) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_vec_pretty(defaults).unwrap_or_default();
    let tmp = file.with_extension("json.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, file)
}
