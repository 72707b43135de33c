//! The real terminal: raw mode, alternate screen and bracketed paste on the way in, all restored
//! on every way out (return, error, panic, SIGTERM, SIGHUP); one blocking `event::read()` loop.

use std::io::{stdin, stdout, IsTerminal};

use anyhow::{bail, Context, Result};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::execute;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use super::app::App;
use super::{handle_event, view};
use crate::store::Recorder;

/// Runs the wizard until the technician quits.
pub fn run(app: &mut App, recorder: &mut dyn Recorder) -> Result<()> {
    if !stdin().is_terminal() || !stdout().is_terminal() {
        bail!("the wizard needs a terminal; for a walk without one use 'tshoot run GUIDE --answers FILE'");
    }
    watch_signals().context("setting up the SIGTERM and SIGHUP handlers")?;
    // Installs a panic hook that restores the terminal, then calls the previous hook.
    let mut terminal = ratatui::try_init().context("opening the terminal")?;
    chain_panic_hook();
    // Without bracketed paste a multi-line paste would arrive as keys, Enter included.
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, app, recorder);
    leave();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    recorder: &mut dyn Recorder,
) -> Result<()> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    // The first frame comes before any session is listed; the picker's list follows at once.
    // A wizard opened on a walk never shows the picker, so it lists nothing.
    terminal.draw(|frame| view::draw(frame, app))?;
    if app.walk().is_none() && app.sessions.is_empty() {
        app.sessions = recorder.unfinished();
    }
    loop {
        // Effects (the save) of the last event have run: the answer is on disk before this frame.
        terminal.draw(|frame| view::draw(frame, app))?;
        let event = event::read().context("reading the keyboard")?;
        handle_event(app, recorder, event);
        if app.quit {
            return Ok(());
        }
    }
}

/// Puts the terminal back as it was: paste mode off, raw mode off, main screen.
fn leave() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
}

fn chain_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste);
        previous(info);
    }));
}

/// SIGTERM and SIGHUP end the wizard at once. The loop blocks in `event::read()` with no tick, so
/// it cannot poll a flag; instead a thread waits for the signal, restores the terminal and exits
/// with 128 + the signal number. Nothing is lost: every change to the walk is saved (atomically)
/// before the next frame is drawn, and a session not closed stays resumable.
fn watch_signals() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("tshoot-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                leave();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
