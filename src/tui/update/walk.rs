//! The walk screen's keys: answering the current step (rows, checklist, text field), going
//! back, the summary's export and copy, and the keys both share (note, history, map, access,
//! attach, who, quit).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{change, step_index, walk_state, Effect};
use crate::engine::{Answer, WalkCommand};
use crate::guide::NodeKind;
use crate::report::Format;
use crate::tui::app::{answer_rows, input_verdict, new_editor, App, Ask, Overlay, Status, Verdict};
use crate::tui::keymap::{KeyAction, Message};

pub(super) fn on_step(app: &mut App, msg: Message) -> Vec<Effect> {
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
        Message::Act(KeyAction::Who) => app.ask_who(crate::tui::app::WhoField::Ticket, false),
        _ => {}
    }
    Vec::new()
}

pub(super) fn on_summary(app: &mut App, msg: Message) -> Vec<Effect> {
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
