//! The overlays drawn on top of a screen (help, history, map, note, access, attach, who,
//! discard, a yes/no question), and the queries that open or phrase them.

use tui_textarea::TextArea;

use super::App;
use crate::tui::keymap::Mode;

pub enum Overlay {
    Help {
        below: Mode,
        scroll: u16,
    },
    History {
        selected: usize,
    },
    /// The map of the guide, read-only: `selected` is a question (in map order), `open` the one
    /// whose details are shown, `scroll` how far those details are scrolled.
    Map {
        selected: usize,
        scroll: u16,
        open: Option<String>,
    },
    Note {
        step: usize,
        editor: Box<TextArea<'static>>,
    },
    /// Asks what the technician can check: one row per kind of access the guide declares.
    Access {
        checked: Vec<bool>,
        selected: usize,
    },
    /// Asks for the path of a file to attach as evidence; `error` says why the last one failed.
    Attach {
        editor: Box<TextArea<'static>>,
        error: Option<String>,
    },
    /// The ticket and the technician of the walk; `opening` when asked as a new walk opens
    /// (Esc then skips it, and the access question follows).
    Who {
        ticket: Box<TextArea<'static>>,
        technician: Box<TextArea<'static>>,
        focus: WhoField,
        opening: bool,
    },
    /// Close or delete the picker's selected session.
    Discard {
        id: String,
    },
    Ask(Ask),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhoField {
    Ticket,
    Technician,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Quit with answers saved: the session is paused.
    Quit,
    /// Quit before anything was answered: no session is kept.
    QuitUnanswered,
    Restart,
}

impl App<'_> {
    /// Whether the walk's guide asks what the technician can check and it is not said yet.
    pub fn wants_access(&self) -> bool {
        self.walk().is_some_and(|walk| {
            !walk.guide().guide().access.is_empty()
                && walk.access().is_none()
                && walk.answered().is_empty()
        })
    }

    /// The quit question for the walk as it stands.
    pub fn quit_question(&self) -> Ask {
        match self.walk() {
            // What the recorder keeps a session for: an answer, a note or attached evidence.
            Some(walk)
                if walk.answered().is_empty()
                    && walk.current_step().note.is_none()
                    && walk.evidence().is_empty() =>
            {
                Ask::QuitUnanswered
            }
            _ => Ask::Quit,
        }
    }

    /// Opens the access question, ticked as the walk stands, else as last time, else all.
    pub fn ask_access(&mut self) {
        let Some(walk) = self.walk() else { return };
        let guide = walk.guide().guide();
        let remembered = self.access_defaults.get(guide.id.as_str());
        let checked = guide
            .access
            .iter()
            .map(|a| match (walk.access(), remembered) {
                (Some(have), _) => have.contains(&a.id),
                (None, Some(ids)) => ids.contains(&a.id),
                (None, None) => true,
            })
            .collect();
        self.overlay = Some(Overlay::Access {
            checked,
            selected: 0,
        });
    }
}
