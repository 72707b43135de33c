//! From one terminal event to its effects: the keymap, `update`, then the effects run against
//! the recorder (saving the walk first). The loop in `terminal.rs` calls this and draws.

use ratatui::crossterm::event::{Event, KeyEventKind};

use super::app::{App, Status};
use super::keymap::{keymap, Message};
use super::osc;
use super::update::{update, Effect};
use crate::report::{self, Format, Policy, Summary};
use crate::store::{Discard, Recorder, StoreError};

/// Handles one terminal event: key presses through the keymap, pastes and resizes directly.
/// Returns whether anything happened (and so whether a redraw is due).
pub fn handle_event(app: &mut App, recorder: &mut dyn Recorder, event: Event) -> bool {
    let msg = match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => keymap(app.mode(), key),
        Event::Paste(text) => Some(Message::Paste(text)),
        Event::Resize(w, h) => Some(Message::Resize(w, h)),
        _ => None,
    };
    let Some(msg) = msg else {
        return false;
    };
    let effects = update(app, msg);
    perform(app, recorder, effects);
    true
}

/// Runs effects against the recorder; failures become the status line (or, on the way out, a
/// message printed after the terminal is restored). A failed save stops the wizard: going on
/// would ask questions whose answers are not kept.
pub fn perform(app: &mut App, recorder: &mut dyn Recorder, effects: Vec<Effect>) {
    for effect in effects {
        match effect {
            Effect::Save => {
                if let Some(walk) = app.walk() {
                    if let Err(e) = recorder.save(walk) {
                        app.farewell.push(format!(
                            "could not save the last change, so the wizard stopped: {e:#}; \
                             the session keeps every answer saved before it"
                        ));
                        app.quit = true;
                        return;
                    }
                }
            }
            Effect::Close => {
                if let Some(walk) = app.walk() {
                    if let Err(e) = recorder.close(walk) {
                        app.farewell
                            .push(format!("could not close the session: {e:#}"));
                    }
                }
            }
            Effect::Export => {
                if let Some(walk) = app.walk() {
                    app.status = match recorder.export(walk) {
                        Ok(paths) => Status::info(describe_paths(&paths)),
                        Err(e) => Status::error(format!("Export failed: {e:#}")),
                    };
                }
            }
            Effect::Who => {
                if let Err(e) = recorder.set_who(&app.who) {
                    app.status = Status::error(format!("Could not record the ticket: {e:#}"));
                }
            }
            Effect::Discard(id, how) => match recorder.discard(&id, how) {
                Ok(()) => {
                    app.sessions.retain(|s| s.id != id);
                    if let crate::tui::app::Screen::Picker(picker) = &mut app.screen {
                        picker.selected = picker.selected.saturating_sub(1);
                    }
                    app.status = Status::info(match how {
                        Discard::Close => format!(
                            "Closed session {id}: no longer offered; 'tshoot report {id}' still writes its report."
                        ),
                        Discard::Delete => format!("Deleted session {id} and its reports."),
                    });
                }
                Err(e) => app.status = Status::error(format!("Session {id} is kept: {e:#}")),
            },
            Effect::Copy(format) => copy(app, recorder, format),
            Effect::Resume(id) => match recorder.resume(&id, app.catalog) {
                Ok(resumed) => {
                    app.who = resumed.who;
                    app.open_walk(resumed.walk);
                    app.status = match resumed.notice {
                        Some(notice) => Status::error(notice),
                        None => Status::info(format!("Resumed session {id}.")),
                    };
                }
                Err(e) => {
                    let hint = match e.downcast_ref::<StoreError>() {
                        Some(StoreError::GuideNotLoaded { .. }) => {
                            "; start tshoot with --guides DIR naming its folder"
                        }
                        _ => "",
                    };
                    app.status = Status::error(format!("Cannot resume '{id}': {e:#}{hint}"));
                }
            },
        }
    }
}

/// Puts the report in `format` on the clipboard through the terminal, redacted as every export
/// is; where the terminal cannot take it, exports the reports and says where they are instead.
fn copy(app: &mut App, recorder: &mut dyn Recorder, format: Format) {
    let Some(walk) = app.walk() else {
        return;
    };
    let text = report::render(
        format,
        &Summary::of(walk),
        walk.steps(),
        &Policy::secrets_only(),
    );
    let what = match format {
        Format::Markdown => "report as Markdown",
        _ => "summary as plain text",
    };
    let copied = osc::osc52(text.as_str(), &app.term).map_err(|why| (why, recorder.export(walk)));
    app.status = match copied {
        // No terminal says whether it took the copy (tmux drops it unless `set-clipboard on`):
        // the files are written too, and named, so the report is never out of reach.
        Ok(sequence) => {
            let kb = text.as_str().len().div_ceil(1024);
            let status = match recorder.export(walk) {
                Ok(paths) => Status::info(format!(
                    "Sent the {what} to the clipboard ({kb} KB, OSC 52). If nothing was copied, the files are there: {}",
                    describe_paths(&paths)
                )),
                Err(_) => Status::info(format!(
                    "Sent the {what} to the clipboard ({kb} KB, OSC 52)."
                )),
            };
            app.to_terminal.push(sequence);
            status
        }
        Err((why, Ok(paths))) => {
            Status::info(format!("Cannot copy: {why}. {}", describe_paths(&paths)))
        }
        Err((why, Err(e))) => {
            Status::error(format!("Cannot copy: {why}; the export failed too: {e:#}"))
        }
    };
}

/// "Reports written in DIR: a.md, b.html" when they share a folder, else every full path.
fn describe_paths(paths: &[std::path::PathBuf]) -> String {
    let folder = paths.first().and_then(|p| p.parent());
    match folder {
        Some(dir) if paths.iter().all(|p| p.parent() == Some(dir)) => {
            let names: Vec<String> = paths
                .iter()
                .filter_map(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .collect();
            format!("Reports written in {}: {}", dir.display(), names.join(", "))
        }
        _ => {
            let all: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            format!("Reports written: {}", all.join(", "))
        }
    }
}
