//! The real terminal: raw mode, alternate screen and bracketed paste on the way in, all restored
//! on every way out (return, error, panic, a signal) and around a suspend (Ctrl-Z, SIGTSTP).
//!
//! One blocking `event::read()` loop, no tick. Signals are taken by a thread (`watch_signals`):
//! a fatal one restores the terminal and exits there and then; SIGTSTP restores it, stops the
//! process, and after SIGCONT enters raw mode again and wakes the loop to redraw everything.

use std::io::{stdin, stdout, BufWriter, IsTerminal, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::MoveTo;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind,
};
use ratatui::crossterm::style::Print;
use ratatui::crossterm::terminal::{enable_raw_mode, EnterAlternateScreen};
use ratatui::crossterm::{execute, queue};
use ratatui::Terminal;
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;
use signal_hook::low_level::raise;

use super::app::App;
use super::bindings::KeyAction;
use super::event::handle_event;
use super::keymap::{keymap, Message};
use super::osc::{osc8, TermInfo};
use super::view;
use crate::store::Recorder;

/// Signals that end the wizard: the terminal is restored and the exit status is 128 + the number,
/// as a shell reports a death by that signal. In raw mode Ctrl-C is a key, so SIGINT and SIGQUIT
/// only come from outside (`kill`), and SIGHUP when the connection drops.
const FATAL: [i32; 4] = [SIGINT, SIGQUIT, SIGTERM, SIGHUP];

/// What the event loop and the signal thread share.
#[derive(Clone, Default)]
struct Shared {
    /// Held while drawing and while the signal thread changes the terminal's mode, so that no
    /// frame lands on the restored screen (a frame also hides the cursor again).
    screen: Arc<Mutex<()>>,
    /// Set after a suspend: the screen behind the terminal's back is gone, draw all of it again.
    resumed: Arc<AtomicBool>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, ()> {
        // The lock guards no data, so a panic while it was held leaves nothing inconsistent.
        self.screen.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs the wizard until the technician quits.
pub fn run(app: &mut App, recorder: &mut dyn Recorder) -> Result<()> {
    if !stdin().is_terminal() || !stdout().is_terminal() {
        bail!("the wizard needs a terminal; for a walk without one use 'tshoot --plain run GUIDE' (plain lines on stdin and stdout), 'tshoot run GUIDE --answers FILE', or 'tshoot resume ID --answers FILE' to go on with a session ('tshoot template GUIDE' prints one to fill in)");
    }
    // Starts crossterm's reader, which watches SIGWINCH, before any SIGTSTP can need to raise it
    // to wake the loop; a zero-timeout poll reads nothing in cooked mode.
    let _ = event::poll(Duration::ZERO);
    let shared = Shared::default();
    let signals = take_signals().context("setting up the signal handlers")?;
    // Installs a panic hook that restores the terminal, then calls the previous hook.
    let mut terminal = open_terminal().context("opening the terminal")?;
    chain_panic_hook();
    // Without bracketed paste a multi-line paste would arrive as keys, Enter included.
    let _ = execute!(stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, app, recorder, &shared, signals);
    let _screen = shared.lock();
    leave();
    result
}

/// The terminal the wizard draws on. Frames are gathered in a buffer and leave in one write when
/// `draw` flushes, instead of a write every kilobyte: the screen changes at once, and sooner.
type Screen = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// What `ratatui::try_init` does (a panic hook that restores the terminal, raw mode, the
/// alternate screen), with the buffered backend.
fn open_terminal() -> std::io::Result<Screen> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        previous(info);
    }));
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen)?;
    Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        64 * 1024,
        stdout(),
    )))
}

/// Makes the next frame write every cell, row after row. Against the blank screen it starts
/// from, ratatui skips each blank cell and moves the cursor past it: some 190 moves, a third of
/// the first frame's bytes, and bytes through the terminal are most of what the first frame
/// costs. Written whole, blanks cost a byte each and a row needs one move.
fn write_whole_next_frame(terminal: &mut Screen) {
    // A symbol no frame draws, so every cell of the frame differs from the "previous" one.
    for cell in terminal.current_buffer_mut().content.iter_mut() {
        cell.set_symbol("\u{7f}");
    }
    terminal.swap_buffers();
}

fn event_loop(
    terminal: &mut Screen,
    app: &mut App,
    recorder: &mut dyn Recorder,
    shared: &Shared,
    signals: Signals,
) -> Result<()> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    app.term = TermInfo {
        term: std::env::var("TERM").ok(),
        tmux: std::env::var_os("TMUX").is_some(),
    };
    // The first frame comes before any session is listed and before the signal thread starts
    // (a signal meanwhile waits in its queue); the picker's list follows at once. A wizard
    // opened on a walk never shows the picker, so it lists nothing.
    {
        let _screen = shared.lock();
        write_whole_next_frame(terminal);
        terminal.draw(|frame| view::draw(frame, app))?;
    }
    watch_signals(signals, shared.clone()).context("setting up the signal handlers")?;
    if app.walk().is_none() && app.sessions.is_empty() {
        app.sessions = recorder.unfinished();
    }
    loop {
        {
            let _screen = shared.lock();
            if shared.resumed.swap(false, Ordering::SeqCst) {
                terminal.clear()?;
                write_whole_next_frame(terminal);
            } else if ratatui::layout::Size::from(app.size) != terminal.get_frame().area().as_size()
            {
                // A resize (its event set `app.size`): the screen is cleared and drawn anew,
                // whole, as the first frame.
                terminal.autoresize()?;
                write_whole_next_frame(terminal);
            }
            // Effects (the save) of the last event have run: the answer is on disk before this frame.
            let frame = terminal.draw(|frame| view::draw(frame, app))?;
            let links = if app.term.links() {
                view::visible_links(app, frame.buffer)
            } else {
                Vec::new()
            };
            write_links(terminal, &links)?;
        }
        // While the technician reads the screen: a walk's session is made ready (once), so the
        // first answer is saved as quickly as any other.
        if let Some(walk) = app.walk() {
            recorder.prepare(walk);
        }
        let event = event::read().context("reading the keyboard")?;
        if is_suspend_key(app, &event) {
            suspend(shared).context("suspending")?;
            // The terminal may have been resized while the process was stopped.
            let size = terminal.size()?;
            handle_event(app, recorder, Event::Resize(size.width, size.height));
            continue;
        }
        handle_event(app, recorder, event);
        write_to_terminal(terminal, app)?;
        if app.quit {
            return Ok(());
        }
    }
}

/// Sends what the last event left for the terminal itself (a copy to the clipboard), between
/// frames, so no sequence lands in the middle of one.
fn write_to_terminal(terminal: &mut Screen, app: &mut App) -> Result<()> {
    if app.to_terminal.is_empty() {
        return Ok(());
    }
    let writer = terminal.backend_mut();
    for sequence in app.to_terminal.drain(..) {
        writer
            .write_all(sequence.as_bytes())
            .context("writing to the terminal")?;
    }
    writer.flush().context("writing to the terminal")?;
    Ok(())
}

/// Writes each link's characters again over themselves, as an OSC 8 link: a click opens it, and
/// the frame (whose cells hold plain text) is left exactly as ratatui knows it.
fn write_links(terminal: &mut Screen, links: &[view::Link]) -> Result<()> {
    if links.is_empty() {
        return Ok(());
    }
    let writer = terminal.backend_mut();
    for link in links {
        queue!(
            writer,
            MoveTo(link.x, link.y),
            Print(osc8(&link.url, &link.text))
        )
        .context("writing to the terminal")?;
    }
    writer.flush().context("writing to the terminal")?;
    Ok(())
}

/// Ctrl-Z (the table's `Suspend`): in raw mode the terminal sends it as a key instead of stopping
/// the process, so the wizard does what the terminal would have done, with the screen put back.
fn is_suspend_key(app: &App, event: &Event) -> bool {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            keymap(app.mode(), *key) == Some(Message::Act(KeyAction::Suspend))
        }
        _ => false,
    }
}

/// Restores the terminal, stops the process, and when it is continued (`fg`) takes the terminal
/// again; the caller then redraws the whole frame.
fn suspend(shared: &Shared) -> std::io::Result<()> {
    let _screen = shared.lock();
    leave();
    // SIGSTOP rather than SIGTSTP: our own handler takes SIGTSTP, and SIGSTOP cannot be caught or
    // discarded, so it stops every thread of the process until SIGCONT, as the default TSTP would.
    raise(SIGSTOP)?;
    enter()?;
    shared.resumed.store(true, Ordering::SeqCst);
    Ok(())
}

/// Takes the terminal again after a suspend, as `ratatui::init` did at the start.
fn enter() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, Hide)
}

/// Puts the terminal back as it was: paste mode off, raw mode off, main screen, cursor shown.
/// `ratatui::restore` does not show the cursor (dropping the `Terminal` does, but an exit from
/// the signal thread drops nothing).
fn leave() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(stdout(), Show);
}

fn chain_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableBracketedPaste, Show);
        previous(info);
    }));
}

/// A thread waits for the signals, since the loop blocks in `event::read()` and cannot poll a
/// flag. A fatal signal restores the terminal and exits with 128 + its number. Nothing is lost:
/// every change to the walk is saved before the next frame is drawn, and a session not closed
/// stays resumable (the same way out SIGTERM always took; quitting by a key closes nothing either
/// until the walk is finished).
///
/// SIGTSTP is handled here too, but the loop owns the `Terminal` and must redraw after SIGCONT.
/// To wake it without a tick or a poll timeout, the thread raises SIGWINCH once the terminal is
/// taken again: crossterm turns that into a resize event, which `event::read()` returns, and the
/// loop then sees `resumed` and clears the screen before it draws.
/// Takes the signals over now (from here on they are queued, never lost); [`watch_signals`]
/// handles them once the first frame is out.
fn take_signals() -> std::io::Result<Signals> {
    Signals::new(FATAL.iter().copied().chain([SIGTSTP]))
}

fn watch_signals(mut signals: Signals, shared: Shared) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("tshoot-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if signal == SIGTSTP {
                    if suspend(&shared).is_ok() {
                        let _ = raise(SIGWINCH);
                    }
                    continue;
                }
                let _screen = shared.lock();
                leave();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}
