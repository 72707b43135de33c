//! The wizard's whole state: the screen (picker or walk), the overlay on top of it, and the
//! UI-only state (selection, text fields, scroll), with the queries views and `update` share.
//!
//! This module holds the [`App`] itself and which keys apply; the picker's rows live in
//! `picker`, the walk screen's state in `walk`, the overlays in `overlay`.

mod overlay;
mod picker;
mod walk;

use std::sync::Arc;

use tui_textarea::TextArea;

use super::keymap::{Ctx, Mode};
use super::theme::Theme;
use crate::engine::{Clock, Walk};
use crate::guide::Catalog;
use crate::guide::NodeKind;
use crate::store::{SessionListing, Who};

pub use overlay::{Ask, Overlay, WhoField};
pub use picker::{PickItem, PickerState};
pub use walk::{
    answer_rows, input_verdict, AnswerRow, StepState, Verdict, WalkState, UNSURE_LABEL,
};

/// Below this the views say how big the terminal must be instead of drawing.
pub const MIN_WIDTH: u16 = 70;
pub const MIN_HEIGHT: u16 = 20;

pub struct App<'c> {
    pub catalog: &'c Catalog,
    pub clock: Arc<dyn Clock>,
    pub theme: Theme,
    /// Terminal size in cells, as last reported.
    pub size: (u16, u16),
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// One line of feedback (saved, exported, refused), cleared by the next key.
    pub status: Option<Status>,
    /// Show the "why we ask" text (`w`; on from the start with `--learn`).
    pub show_why: bool,
    /// Unfinished sessions the picker offers.
    pub sessions: Vec<SessionListing>,
    pub quit: bool,
    /// Printed after the terminal is restored: what went wrong on the way out.
    pub farewell: Vec<String>,
    /// What the technician said they can check, per guide id: the next walk's default. The
    /// command line loads and saves it; `access_changed` says whether to.
    pub access_defaults: std::collections::BTreeMap<String, Vec<String>>,
    pub access_changed: bool,
    /// The technician and the ticket of the walk, shown in the header (`t` changes them).
    pub who: Who,
    /// Ask for the ticket when a new walk opens (not when the command line gave one).
    pub ask_ticket: bool,
    /// The terminal as its environment describes it: whether a copy (OSC 52) or a link (OSC 8)
    /// can be sent. Unknown (no terminal) until the terminal loop fills it in.
    pub term: crate::tui::osc::TermInfo,
    /// Escape sequences for the terminal itself (a copy), written by the loop after the frame.
    pub to_terminal: Vec<String>,
}

pub enum Screen {
    Picker(PickerState),
    Walk(Box<WalkState>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

impl Status {
    pub fn info(text: impl Into<String>) -> Option<Status> {
        Some(Status {
            text: text.into(),
            error: false,
        })
    }

    pub fn error(text: impl Into<String>) -> Option<Status> {
        Some(Status {
            text: text.into(),
            error: true,
        })
    }
}

pub fn new_editor(theme: Theme, text: &str, placeholder: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut editor = TextArea::new(lines);
    editor.move_cursor(tui_textarea::CursorMove::Bottom);
    editor.move_cursor(tui_textarea::CursorMove::End);
    editor.set_cursor_line_style(ratatui::style::Style::new());
    editor.set_placeholder_text(placeholder);
    editor.set_placeholder_style(theme.dim());
    editor
}

impl<'c> App<'c> {
    pub fn new(
        catalog: &'c Catalog,
        clock: Arc<dyn Clock>,
        theme: Theme,
        learn: bool,
        sessions: Vec<SessionListing>,
    ) -> App<'c> {
        App {
            catalog,
            clock,
            theme,
            size: (80, 24),
            screen: Screen::Picker(PickerState::default()),
            overlay: None,
            status: None,
            show_why: learn,
            sessions,
            quit: false,
            farewell: Vec::new(),
            access_defaults: std::collections::BTreeMap::new(),
            access_changed: false,
            who: Who::default(),
            ask_ticket: false,
            term: crate::tui::osc::TermInfo::default(),
            to_terminal: Vec::new(),
        }
    }

    pub fn walk(&self) -> Option<&Walk> {
        match &self.screen {
            Screen::Walk(w) => Some(&w.walk),
            Screen::Picker(_) => None,
        }
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// Which keys apply right now.
    pub fn mode(&self) -> Mode {
        if self.too_small() {
            return Mode::new(Ctx::TooSmall);
        }
        match &self.overlay {
            Some(Overlay::Help { .. }) => Mode::new(Ctx::Help),
            Some(Overlay::History { .. }) => Mode::new(Ctx::History),
            Some(Overlay::Map { open: None, .. }) => Mode::new(Ctx::Map),
            Some(Overlay::Map { open: Some(_), .. }) => Mode::new(Ctx::MapDetails),
            Some(Overlay::Note { .. }) => Mode::new(Ctx::Note),
            Some(Overlay::Attach { .. }) => Mode::new(Ctx::Attach),
            Some(Overlay::Access { .. }) => Mode::new(Ctx::Access),
            Some(Overlay::Who { .. }) => Mode::new(Ctx::Who),
            Some(Overlay::Discard { .. }) => Mode::new(Ctx::Discard),
            Some(Overlay::Ask(_)) => Mode::new(Ctx::Ask),
            None => self.screen_mode(),
        }
    }

    /// The keys of the screen under any overlay.
    pub fn screen_mode(&self) -> Mode {
        let Screen::Walk(state) = &self.screen else {
            return Mode {
                on_session: self.selected_session().is_some(),
                ..Mode::new(Ctx::Picker)
            };
        };
        let node = state.walk.current();
        let ctx = match node.kind {
            NodeKind::Info => Ctx::Info,
            NodeKind::Confirm => Ctx::Confirm,
            NodeKind::Choice => Ctx::Choice,
            NodeKind::Multi => Ctx::Multi,
            NodeKind::Input => Ctx::Input,
            NodeKind::Resolution => Ctx::Summary,
        };
        Mode {
            ctx,
            unsure: node.unsure.is_some() && node.kind != NodeKind::Info,
            multiline: node.multiline(),
            on_session: false,
        }
    }
}
