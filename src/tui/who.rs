//! The ticket and technician form: opened as a new walk starts (the ticket question) and by `t`
//! during a walk; what it keeps is shown in the header and recorded in the session.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::app::{new_editor, App, Overlay, Status, WhoField};
use super::effect::Effect;
use super::keymap::{KeyAction, Message};

impl App<'_> {
    /// Opens the ticket and technician fields, filled as they stand, the cursor in `focus`.
    pub fn ask_who(&mut self, focus: WhoField, opening: bool) {
        let ticket = self.who.ticket.clone().unwrap_or_default();
        self.overlay = Some(Overlay::Who {
            ticket: Box::new(new_editor(
                self.theme,
                &ticket,
                "e.g. INC-4003; empty: no ticket",
            )),
            technician: Box::new(new_editor(self.theme, &self.who.technician, "your name")),
            focus,
            opening,
        });
    }
}

/// The ticket and technician form: typing goes to the field with the cursor, Enter keeps both,
/// Esc leaves them as they were. Opened with a new walk, either key then goes on to the access
/// question when the guide asks it.
pub(super) fn on_who(app: &mut App, overlay: Overlay, msg: Message) -> Vec<Effect> {
    let Overlay::Who {
        mut ticket,
        mut technician,
        focus,
        opening,
    } = overlay
    else {
        return Vec::new();
    };
    let go_on = |app: &mut App| {
        if opening && app.wants_access() {
            app.ask_access();
        }
    };
    match msg {
        Message::Edit(key) => {
            let editor = match focus {
                WhoField::Ticket => &mut ticket,
                WhoField::Technician => &mut technician,
            };
            if key.code == KeyCode::Char('u') && key.modifiers == KeyModifiers::CONTROL {
                **editor = new_editor(app.theme, "", "");
            } else if key.code != KeyCode::Enter {
                editor.input(key);
            }
        }
        Message::Act(KeyAction::NextField) => {
            let focus = match focus {
                WhoField::Ticket => WhoField::Technician,
                WhoField::Technician => WhoField::Ticket,
            };
            app.overlay = Some(Overlay::Who {
                ticket,
                technician,
                focus,
                opening,
            });
            return Vec::new();
        }
        Message::Act(KeyAction::Accept) => {
            let who = app
                .who
                .edited(&technician.lines().join(" "), &ticket.lines().join(" "));
            let changed = who != app.who;
            app.who = who;
            go_on(app);
            if !changed {
                return Vec::new();
            }
            app.status = Status::info(match &app.who.ticket {
                Some(t) => format!("Ticket {t}, technician {}.", app.who.technician),
                None => format!("No ticket; technician {}.", app.who.technician),
            });
            return vec![Effect::Who, Effect::Save];
        }
        Message::Act(KeyAction::Close) => {
            go_on(app);
            return Vec::new();
        }
        Message::Act(KeyAction::Quit) => {
            app.overlay = Some(Overlay::Ask(app.quit_question()));
            return Vec::new();
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Who {
        ticket,
        technician,
        focus,
        opening,
    });
    Vec::new()
}
