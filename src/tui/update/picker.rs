//! The picker's keys: moving through the rows, typing the filter, opening the selected guide
//! or session, and asking to discard a session.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::Effect;
use crate::engine::Walk;
use crate::tui::app::{App, Overlay, PickItem, Screen, Status};
use crate::tui::keymap::{KeyAction, Message};

pub(super) fn on_picker(app: &mut App, msg: Message) -> Vec<Effect> {
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
