//! `update`: applies one message to the App and returns the effects (save, export, ...) to run.
//! Every change to the walk returns `Effect::Save`, which runs before the next frame is drawn.
//!
//! This module routes a message to the keys of the screen or overlay it is for (`picker`,
//! `walk`, `overlay`) and holds what they share: applying a change to the walk.

mod overlay;
mod picker;
mod walk;

use super::app::{App, Overlay, Screen, Status, WalkState};
use super::keymap::{KeyAction, Message};
use crate::engine::{WalkCommand, WalkError};
use overlay::on_overlay;
use picker::on_picker;
use walk::{on_step, on_summary};

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

/// Moves an index by `d`, staying within `0..count`.
fn step_index(current: usize, d: i32, count: usize) -> usize {
    let last = count.saturating_sub(1) as i64;
    (current as i64 + i64::from(d)).clamp(0, last) as usize
}
