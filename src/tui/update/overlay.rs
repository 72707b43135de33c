//! The overlays' keys: help and history scrolling, the access checklist, the note and attach
//! fields, the discard and yes/no questions; the who and map overlays hand over to their own
//! modules.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{change, close_if_walking, step_index, Effect};
use crate::engine::WalkCommand;
use crate::store::Discard;
use crate::tui::app::{new_editor, App, Ask, Overlay, Status};
use crate::tui::keymap::{KeyAction, Message};

pub(super) fn on_overlay(app: &mut App, overlay: Overlay, msg: Message) -> Vec<Effect> {
    let page = i32::from(app.size.1 / 2).max(1);
    match (overlay, msg) {
        (Overlay::Help { below, scroll }, msg @ (Message::Move(_) | Message::Scroll(_))) => {
            let d = match msg {
                Message::Scroll(d) => d * page,
                Message::Move(d) => d,
                _ => 0,
            };
            app.overlay = Some(Overlay::Help {
                below,
                scroll: (i32::from(scroll) + d).max(0) as u16,
            });
        }
        (Overlay::History { selected }, Message::Move(d)) => {
            let count = app.walk().map_or(0, |w| w.answered().len());
            app.overlay = Some(Overlay::History {
                selected: step_index(selected, d, count),
            });
        }
        (Overlay::History { selected }, Message::Act(KeyAction::Accept)) => {
            return change(app, WalkCommand::JumpTo(selected));
        }
        // The footer offers help and quit here too: they work as on the step below.
        (Overlay::History { .. }, Message::Act(KeyAction::Help)) => {
            app.overlay = Some(Overlay::Help {
                below: app.screen_mode(),
                scroll: 0,
            });
        }
        (Overlay::History { .. }, Message::Act(KeyAction::Quit)) => {
            if app.walk().is_some_and(|w| w.is_finished()) {
                app.quit = true;
                return vec![Effect::Close];
            }
            app.overlay = Some(Overlay::Ask(Ask::Quit));
        }
        (Overlay::History { selected }, Message::Act(KeyAction::Note)) => {
            let note = app
                .walk()
                .and_then(|w| w.steps().get(selected))
                .and_then(|s| s.note.clone())
                .unwrap_or_default();
            app.overlay = Some(Overlay::Note {
                step: selected,
                editor: Box::new(new_editor(app.theme, &note, "Type the note here")),
            });
        }
        (Overlay::Access { checked, selected }, Message::Move(d)) => {
            let count = checked.len();
            app.overlay = Some(Overlay::Access {
                selected: step_index(selected, d, count),
                checked,
            });
        }
        (
            Overlay::Access {
                mut checked,
                selected,
            },
            Message::Act(KeyAction::Toggle),
        ) => {
            if let Some(c) = checked.get_mut(selected) {
                *c = !*c;
            }
            app.overlay = Some(Overlay::Access { checked, selected });
        }
        (Overlay::Access { checked, .. }, Message::Act(KeyAction::Accept)) => {
            return set_access(app, &checked);
        }
        (Overlay::Access { .. }, Message::Act(KeyAction::Quit)) => {
            app.overlay = Some(Overlay::Ask(app.quit_question()));
        }
        (overlay @ Overlay::Who { .. }, msg) => return crate::tui::who::on_who(app, overlay, msg),
        (overlay @ Overlay::Map { .. }, msg) => return crate::tui::map::on_map(app, overlay, msg),
        (Overlay::Discard { id }, Message::Act(KeyAction::CloseSession)) => {
            return vec![Effect::Discard(id, Discard::Close)];
        }
        (Overlay::Discard { id }, Message::Act(KeyAction::DeleteSession)) => {
            return vec![Effect::Discard(id, Discard::Delete)];
        }
        (Overlay::Discard { .. }, Message::Act(KeyAction::Close)) => {}
        (Overlay::Attach { mut editor, .. }, Message::Edit(key)) => {
            if key.code == KeyCode::Char('u') && key.modifiers == KeyModifiers::CONTROL {
                *editor = new_editor(app.theme, "", "");
            } else if key.code != KeyCode::Enter {
                editor.input(key);
            }
            app.overlay = Some(Overlay::Attach {
                editor,
                error: None,
            });
        }
        (Overlay::Attach { editor, .. }, Message::Act(KeyAction::Accept)) => {
            let typed = editor.lines().join("");
            let path = expand_home(typed.trim());
            if path.as_os_str().is_empty() {
                app.overlay = Some(Overlay::Attach {
                    editor,
                    error: Some("Type the path of a file first.".into()),
                });
                return Vec::new();
            }
            match crate::evidence_file::read(&path) {
                Ok(reading) => {
                    let origin = crate::evidence_file::origin(&path);
                    return crate::tui::paste::attach_from(app, reading, origin);
                }
                Err(e) => {
                    app.overlay = Some(Overlay::Attach {
                        editor,
                        error: Some(format!("{}: {e}", path.display())),
                    });
                }
            }
        }
        (Overlay::Attach { .. }, Message::Act(KeyAction::Quit)) => {
            app.overlay = Some(Overlay::Ask(app.quit_question()));
        }
        (Overlay::Note { .. }, Message::Act(KeyAction::Discard)) => {
            app.status = Status::info("Note not changed.");
        }
        (Overlay::Note { step, mut editor }, Message::Edit(key)) => {
            editor.input(key);
            app.overlay = Some(Overlay::Note { step, editor });
        }
        (
            Overlay::Note { step, editor },
            Message::Act(action @ (KeyAction::Close | KeyAction::Quit)),
        ) => {
            let effects = save_note(app, step, editor.lines().join("\n"));
            if action == KeyAction::Quit {
                app.overlay = Some(Overlay::Ask(app.quit_question()));
            }
            return effects;
        }
        (Overlay::Ask(ask), Message::Act(KeyAction::ConfirmYes)) => match ask {
            Ask::Quit | Ask::QuitUnanswered => {
                app.quit = true;
                return close_if_walking(app);
            }
            Ask::Restart => return change(app, WalkCommand::Restart),
        },
        (
            Overlay::Help { .. }
            | Overlay::History { .. }
            | Overlay::Ask(_)
            | Overlay::Attach { .. }
            | Overlay::Access { .. },
            Message::Act(KeyAction::Close | KeyAction::ConfirmNo),
        ) => {}
        (overlay, _) => app.overlay = Some(overlay),
    }
    Vec::new()
}

fn save_note(app: &mut App, step: usize, text: String) -> Vec<Effect> {
    let unchanged = app
        .walk()
        .and_then(|w| w.steps().get(step))
        .is_some_and(|s| s.note.as_deref().unwrap_or("") == text.trim_end());
    if unchanged {
        return Vec::new();
    }
    let effects = change(app, WalkCommand::Note(Some(step), text));
    if !effects.is_empty() {
        app.status = Status::info(format!("Note saved on step {}.", step + 1));
    }
    effects
}

/// `~/x` as the home folder's `x`: technicians type paths the way their shell takes them.
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

/// Applies what the technician ticked: the walk passes over what they cannot check, and the
/// choice becomes the default for the next walk of this guide.
fn set_access(app: &mut App, checked: &[bool]) -> Vec<Effect> {
    let Some(walk) = app.walk() else {
        return Vec::new();
    };
    let guide = walk.guide().guide();
    let ids: Vec<String> = guide
        .access
        .iter()
        .zip(checked)
        .filter(|(_, c)| **c)
        .map(|(a, _)| a.id.clone())
        .collect();
    let lacking: Vec<String> = guide
        .access
        .iter()
        .zip(checked)
        .filter(|(_, c)| !**c)
        .map(|(a, _)| a.label.clone())
        .collect();
    let guide_id = guide.id.clone();
    app.access_defaults.insert(guide_id, ids.clone());
    app.access_changed = true;
    let effects = change(app, WalkCommand::SetAccess(Some(ids.into_iter().collect())));
    app.status = match lacking.as_slice() {
        [] => Status::info("Every check will be asked."),
        [one] => Status::info(format!(
            "Checks needing {one} are not asked: they stay open for their owner."
        )),
        more => Status::info(format!(
            "Checks needing the {} kinds of access you cannot reach stay open for their owners.",
            more.len()
        )),
    };
    effects
}
