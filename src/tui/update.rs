//! `update`: applies one message to the App and returns the effects (save, export, ...) to run.
//! Every change to the walk returns `Effect::Save`, which runs before the next frame is drawn.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::app::{
    answer_rows, input_verdict, new_editor, App, Ask, Overlay, PickItem, Screen, Status, Verdict,
    WalkState,
};
use super::keymap::{KeyAction, Message};
use crate::engine::{Answer, Walk, WalkCommand, WalkError};
use crate::guide::NodeKind;
use crate::report::Format;
use crate::store::Discard;

pub use super::effect::Effect;

pub fn update(app: &mut App, msg: Message) -> Vec<Effect> {
    match msg {
        Message::Resize(w, h) => {
            app.size = (w, h);
            return Vec::new();
        }
        Message::Act(KeyAction::QuitNow) => {
            app.quit = true;
            return close_if_walking(app);
        }
        _ => {}
    }
    app.status = None;
    if let Message::Paste(pasted) = &msg {
        return super::paste::paste(app, pasted);
    }
    if let Some(overlay) = app.overlay.take() {
        return on_overlay(app, overlay, msg);
    }
    if let Message::Act(KeyAction::Help) = msg {
        app.overlay = Some(Overlay::Help {
            below: app.screen_mode(),
            scroll: 0,
        });
        return Vec::new();
    }
    match &app.screen {
        Screen::Picker(_) => on_picker(app, msg),
        Screen::Walk(w) if w.walk.is_finished() => on_summary(app, msg),
        Screen::Walk(_) => on_step(app, msg),
    }
}

fn close_if_walking(app: &App) -> Vec<Effect> {
    if app.walk().is_some() {
        vec![Effect::Close]
    } else {
        Vec::new()
    }
}

fn walk_state<'a>(app: &'a mut App) -> Option<&'a mut WalkState> {
    match &mut app.screen {
        Screen::Walk(w) => Some(w),
        Screen::Picker(_) => None,
    }
}

/// Applies a change to the walk; on success the step widgets start fresh and the walk is saved.
fn change(app: &mut App, msg: WalkCommand) -> Vec<Effect> {
    let theme = app.theme;
    let Some(state) = walk_state(app) else {
        return Vec::new();
    };
    let keeps_step = matches!(msg, WalkCommand::Note(..));
    if !keeps_step {
        state.keep_draft(matches!(msg, WalkCommand::Answer(_)));
    }
    match state.walk.apply(msg) {
        Ok(()) => {
            if !keeps_step {
                state.reset(theme);
            }
            vec![Effect::Save]
        }
        Err(e) => {
            app.status = Status::error(match e {
                WalkError::AtStart => {
                    "This is the first step: there is nothing to go back to.".into()
                }
                other => format!("Not accepted: {other}"),
            });
            Vec::new()
        }
    }
}

fn on_picker(app: &mut App, msg: Message) -> Vec<Effect> {
    let count = app.picker_items().len();
    let chosen_session = app.selected_session().map(|s| s.id.clone());
    let Screen::Picker(picker) = &mut app.screen else {
        return Vec::new();
    };
    match msg {
        Message::Move(d) => picker.selected = wrap_index(picker.selected, d, count),
        Message::Act(KeyAction::First) => picker.selected = 0,
        Message::Act(KeyAction::Last) => picker.selected = count.saturating_sub(1),
        Message::Act(KeyAction::DiscardSession) => {
            if let Some(id) = chosen_session {
                app.overlay = Some(Overlay::Discard { id });
            }
        }
        Message::Edit(key) => {
            edit_line(&mut picker.filter, key);
            picker.selected = 0;
        }
        Message::Act(KeyAction::Close) if !picker.filter.is_empty() => {
            picker.filter.clear();
            picker.selected = 0;
        }
        Message::Act(KeyAction::Close | KeyAction::Quit) => app.quit = true,
        Message::Act(KeyAction::Accept) => {
            let selected = picker.selected;
            let chosen = match app.picker_items().get(selected) {
                Some(PickItem::Guide(entry)) => match entry.guide() {
                    Ok(g) => Ok(Walk::start(std::sync::Arc::clone(g), app.clock.clone())),
                    Err(problems) => {
                        let first = problems.iter().find(|p| p.is_error());
                        app.status = Status::error(format!(
                            "This guide has problems; run 'tshoot validate' on it. {}",
                            first.map(ToString::to_string).unwrap_or_default()
                        ));
                        return Vec::new();
                    }
                },
                Some(PickItem::Session(s)) => Err(s.id.clone()),
                None => {
                    app.status = Status::error("No guide matches the filter; Esc clears it.");
                    return Vec::new();
                }
            };
            return match chosen {
                Ok(walk) => {
                    app.open_walk(walk);
                    vec![Effect::Save]
                }
                Err(id) => vec![Effect::Resume(id)],
            };
        }
        _ => {}
    }
    Vec::new()
}

/// Moves an index by `d` within `0..count`, from the last row to the first and back.
fn wrap_index(current: usize, d: i32, count: usize) -> usize {
    if count == 0 {
        return 0;
    }
    let count = count as i64;
    (current as i64 + i64::from(d)).rem_euclid(count) as usize
}

/// Moves an index by `d`, staying within `0..count`.
fn step_index(current: usize, d: i32, count: usize) -> usize {
    let last = count.saturating_sub(1) as i64;
    (current as i64 + i64::from(d)).clamp(0, last) as usize
}

fn edit_line(line: &mut String, key: KeyEvent) {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => line.clear(),
        KeyCode::Char(c) if !ctrl && !c.is_control() => line.push(c),
        KeyCode::Backspace => {
            line.pop();
        }
        _ => {}
    }
}

fn on_step(app: &mut App, msg: Message) -> Vec<Effect> {
    let theme = app.theme;
    let page = i32::from(app.size.1 / 2).max(1);
    let Some(state) = walk_state(app) else {
        return Vec::new();
    };
    let node = state.walk.current().clone();
    let rows = answer_rows(&node);
    let count = if node.kind == NodeKind::Multi {
        node.options.len()
    } else {
        rows.len()
    };
    let step = &mut state.step;
    match msg {
        Message::Move(d) => step.selected = step_index(step.selected, d, count),
        Message::Pick(i) if i < count => step.selected = i,
        Message::Scroll(d) => state.scroll = (i32::from(state.scroll) + d * page).max(0) as u16,
        Message::Act(KeyAction::Toggle) => {
            if let Some(c) = step.checked.get_mut(step.selected) {
                *c = !*c;
            }
        }
        Message::Edit(key)
            if key.code == KeyCode::Char('u') && key.modifiers == KeyModifiers::CONTROL =>
        {
            step.input = new_editor(theme, "", "");
        }
        Message::Edit(key)
            if key.code == KeyCode::Backspace
                && step.input.lines().iter().all(|l| l.is_empty()) =>
        {
            app.status = Status::info("The field is empty. Esc goes back one step.");
        }
        Message::Edit(key) => {
            step.input.input(key);
            if !node.multiline() && step.input.lines().len() > 1 {
                let joined = step.input.lines().join(" ");
                step.input = new_editor(theme, &joined, "");
            }
        }
        Message::Act(KeyAction::NewLine) if node.multiline() => step.input.insert_newline(),
        Message::Act(KeyAction::Yes) => return change(app, WalkCommand::Answer(Answer::Yes)),
        Message::Act(KeyAction::No) => return change(app, WalkCommand::Answer(Answer::No)),
        Message::Act(KeyAction::Unsure) => return change(app, WalkCommand::Answer(Answer::Unsure)),
        Message::Act(KeyAction::Accept) => {
            let answer = match node.kind {
                NodeKind::Info => Answer::Continue,
                NodeKind::Confirm | NodeKind::Choice => match rows.get(step.selected) {
                    Some(row) => row.answer.clone(),
                    None => return Vec::new(),
                },
                NodeKind::Multi => Answer::Multi(
                    node.options
                        .iter()
                        .zip(&step.checked)
                        .filter(|(_, c)| **c)
                        .map(|(o, _)| o.id.clone())
                        .collect(),
                ),
                NodeKind::Input => {
                    let text = step.input_text();
                    match input_verdict(state.walk.guide(), &node, &text) {
                        Verdict::Valid | Verdict::Empty { required: false } => Answer::Text(text),
                        Verdict::Invalid(_) => {
                            step.tried = true;
                            app.status =
                                Status::error("Not accepted: see the message under the field.");
                            return Vec::new();
                        }
                        Verdict::Empty { required: true } => {
                            step.tried = true;
                            app.status = Status::error("An answer is required here.");
                            return Vec::new();
                        }
                    }
                }
                NodeKind::Resolution => return Vec::new(),
            };
            return change(app, WalkCommand::Answer(answer));
        }
        Message::Act(KeyAction::Back) => return change(app, WalkCommand::Back),
        other => return walk_commands(app, other),
    }
    Vec::new()
}

/// Keys shared by the step and summary screens.
fn walk_commands(app: &mut App, msg: Message) -> Vec<Effect> {
    let theme = app.theme;
    let Some(state) = walk_state(app) else {
        return Vec::new();
    };
    let walk = &state.walk;
    match msg {
        Message::Act(KeyAction::Note) => {
            let index = walk.current_index();
            let note = walk.current_step().note.clone().unwrap_or_default();
            app.overlay = Some(Overlay::Note {
                step: index,
                editor: Box::new(new_editor(theme, &note, "Type the note here")),
            });
        }
        Message::Act(KeyAction::History) if walk.answered().is_empty() => {
            app.status = Status::info("Nothing answered yet: the history is empty.");
        }
        Message::Act(KeyAction::History) => {
            app.overlay = Some(Overlay::History {
                selected: walk.answered().len() - 1,
            });
        }
        Message::Act(KeyAction::Why) => app.show_why = !app.show_why,
        Message::Act(KeyAction::Map) => app.open_map(),
        Message::Act(KeyAction::Access) if walk.guide().guide().access.is_empty() => {
            app.status = Status::info("This guide asks for no particular access.");
        }
        Message::Act(KeyAction::Access) => app.ask_access(),
        Message::Act(KeyAction::Attach) => {
            app.overlay = Some(Overlay::Attach {
                editor: Box::new(new_editor(
                    theme,
                    "",
                    "Path of the file, e.g. ~/dsregcmd.txt or C:\\temp\\trace.har",
                )),
                error: None,
            });
        }
        Message::Act(KeyAction::Quit) if walk.is_finished() => {
            app.quit = true;
            return vec![Effect::Close];
        }
        Message::Act(KeyAction::Quit) => app.overlay = Some(Overlay::Ask(app.quit_question())),
        Message::Act(KeyAction::Who) => app.ask_who(super::app::WhoField::Ticket, false),
        _ => {}
    }
    Vec::new()
}

fn on_summary(app: &mut App, msg: Message) -> Vec<Effect> {
    let page = i32::from(app.size.1 / 2).max(1);
    let Some(state) = walk_state(app) else {
        return Vec::new();
    };
    let scroll_by = |scroll: u16, d: i32| (i32::from(scroll) + d).max(0) as u16;
    match msg {
        Message::Move(d) => state.scroll = scroll_by(state.scroll, d),
        Message::Scroll(d) => state.scroll = scroll_by(state.scroll, d * page),
        Message::Act(KeyAction::Export) => return vec![Effect::Export],
        Message::Act(KeyAction::Copy) => return vec![Effect::Copy(Format::Text)],
        Message::Act(KeyAction::CopyMarkdown) => return vec![Effect::Copy(Format::Markdown)],
        Message::Act(KeyAction::Back) => return change(app, WalkCommand::Back),
        Message::Act(KeyAction::Restart) => app.overlay = Some(Overlay::Ask(Ask::Restart)),
        other => return walk_commands(app, other),
    }
    Vec::new()
}

fn on_overlay(app: &mut App, overlay: Overlay, msg: Message) -> Vec<Effect> {
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
        (overlay @ Overlay::Who { .. }, msg) => return super::who::on_who(app, overlay, msg),
        (overlay @ Overlay::Map { .. }, msg) => return super::map::on_map(app, overlay, msg),
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
                    return super::paste::attach_from(app, reading, origin);
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
