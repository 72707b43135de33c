//! The wizard's whole state: the screen (picker or walk), the overlay on top of it, and the
//! UI-only state (selection, text fields, scroll), with the queries views and `update` share.

use std::sync::Arc;

use tui_textarea::TextArea;

use super::keymap::{Ctx, Mode};
use super::theme::Theme;
use crate::engine::{Answer, Attached, Clock, FromEvidence, Walk, WalkCommand};
use crate::evidence::error_page::error_codes;
use crate::guide::Header;
use crate::guide::ValidGuide;
use crate::guide::{Catalog, Entry};
use crate::guide::{Node, NodeKind};
use crate::store::{SessionListing, Who};

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

#[derive(Debug, Default)]
pub struct PickerState {
    pub filter: String,
    pub selected: usize,
    /// Evidence pasted into the picker, attached to the walk it starts.
    pub pasted: Vec<Attached>,
}

pub struct WalkState {
    pub walk: Walk,
    pub step: StepState,
    /// First visible line of the step or summary when it does not fit.
    pub scroll: u16,
    /// What attached evidence answers at the current step; the step starts on that answer.
    pub said: Option<FromEvidence>,
    /// Text typed into a field and left unanswered (Esc, back, a jump), by node: the field
    /// shows it again when the walk comes back to it.
    pub drafts: std::collections::HashMap<String, String>,
}

/// UI state of the current step; rebuilt whenever the step changes.
pub struct StepState {
    pub selected: usize,
    pub checked: Vec<bool>,
    pub input: TextArea<'static>,
    /// Enter was pressed on an invalid input: show the error even if the field is empty.
    pub tried: bool,
}

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

/// One row of a picker list: guides first, then the unfinished sessions.
pub enum PickItem<'a> {
    Session(&'a SessionListing),
    Guide(&'a Entry),
}

/// One selectable answer of a confirm or choice step (or an item of a checklist).
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    /// The key that answers it directly (`y`, `n`, `u`) or its number.
    pub key: String,
    pub label: String,
    pub answer: Answer,
}

pub const UNSURE_LABEL: &str = "Can't check / don't know";

/// The rows a technician picks from on this node, in order; "can't check" last when offered.
pub fn answer_rows(node: &Node) -> Vec<AnswerRow> {
    let row = |key: &str, label: &str, answer| AnswerRow {
        key: key.to_string(),
        label: label.to_string(),
        answer,
    };
    let mut rows = match node.kind {
        NodeKind::Confirm => vec![row("y", "Yes", Answer::Yes), row("n", "No", Answer::No)],
        NodeKind::Choice | NodeKind::Multi => node
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| row(&(i + 1).to_string(), &o.label, Answer::Choice(o.id.clone())))
            .collect(),
        _ => Vec::new(),
    };
    if node.unsure.is_some() && matches!(node.kind, NodeKind::Confirm | NodeKind::Choice) {
        rows.push(row("u", UNSURE_LABEL, Answer::Unsure));
    }
    rows
}

/// What the live check says about the text in an input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Empty { required: bool },
    Valid,
    Invalid(String),
}

/// Checks input text the way the engine will, so Enter is only offered for what it accepts.
pub fn input_verdict(guide: &ValidGuide, node: &Node, text: &str) -> Verdict {
    let value = text.trim();
    if value.is_empty() {
        return Verdict::Empty {
            required: !node.optional(),
        };
    }
    match guide.check_input(node, value) {
        Ok(()) => Verdict::Valid,
        Err(expected) => Verdict::Invalid(format!("Expected {expected}")),
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

impl StepState {
    pub fn for_node(node: &Node, theme: Theme) -> StepState {
        StepState::prefilled(node, theme, None)
    }

    /// Fresh widgets for `node`, on the answer the evidence gives when it gives one: the row
    /// selected, or the text filled in. Enter accepts it; anything else overrides it.
    pub fn prefilled(node: &Node, theme: Theme, said: Option<&FromEvidence>) -> StepState {
        StepState::offering(node, theme, said.map(|s| &s.answer), false)
    }

    /// Fresh widgets on `offered`: the row selected, the boxes ticked, or the text filled in.
    /// `earlier` (the step's own answer before going back) fills the text selected, so typing
    /// replaces it and Enter keeps it.
    fn offering(node: &Node, theme: Theme, offered: Option<&Answer>, earlier: bool) -> StepState {
        let known = match (node.kind, offered) {
            (NodeKind::Input, Some(Answer::Text(value))) => value.as_str(),
            _ => "",
        };
        let selected = offered
            .and_then(|a| answer_rows(node).iter().position(|r| &r.answer == a))
            .unwrap_or(0);
        let checked = node
            .options
            .iter()
            .map(|o| matches!(offered, Some(Answer::Multi(ids)) if ids.contains(&o.id)))
            .collect();
        let mut input = new_editor(theme, known, "");
        if earlier && !known.is_empty() {
            input.select_all();
            input.set_selection_style(theme.selected());
        }
        StepState {
            selected,
            checked,
            input,
            tried: false,
        }
    }

    /// Fresh widgets for the walk's current step: on the answer it had before the walk went
    /// back to it, else on the one the evidence gives.
    pub fn for_walk(walk: &Walk, theme: Theme, said: Option<&FromEvidence>) -> StepState {
        match walk.earlier_answer() {
            Some(earlier) => StepState::offering(walk.current(), theme, Some(earlier), true),
            None => StepState::prefilled(walk.current(), theme, said),
        }
    }

    pub fn input_text(&self) -> String {
        self.input.lines().join("\n")
    }
}

impl WalkState {
    pub fn new(walk: Walk, theme: Theme) -> WalkState {
        let said = walk.settled_here();
        let step = StepState::for_walk(&walk, theme, said.as_ref());
        WalkState {
            walk,
            step,
            scroll: 0,
            said,
            drafts: std::collections::HashMap::new(),
        }
    }

    /// After any change to the walk: fresh widgets for the step now current, on its draft
    /// when nothing else (an earlier answer, the evidence) offers a value.
    pub fn reset(&mut self, theme: Theme) {
        self.said = self.walk.settled_here();
        self.step = StepState::for_walk(&self.walk, theme, self.said.as_ref());
        self.scroll = 0;
        let fresh = self.walk.earlier_answer().is_none() && self.said.is_none();
        if let Some(draft) = self
            .drafts
            .get(self.walk.current().id.as_str())
            .filter(|_| fresh)
        {
            self.step.input = new_editor(theme, draft, "");
        }
    }

    /// Keeps what is typed in the current field as its draft before the walk leaves it
    /// unanswered; an answer clears it.
    pub fn keep_draft(&mut self, answering: bool) {
        let node = self.walk.current();
        if node.kind != NodeKind::Input {
            return;
        }
        let id = node.id.to_string();
        let typed = self.step.input_text();
        if answering || typed.trim().is_empty() {
            self.drafts.remove(&id);
        } else {
            self.drafts.insert(id, typed);
        }
    }
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

    pub fn open_walk(&mut self, walk: Walk) {
        let mut walk = walk;
        // A resolution that is really another guide's problem goes on in it.
        walk.set_library(std::sync::Arc::new(self.catalog.library()));
        let pasted = match &mut self.screen {
            Screen::Picker(picker) => std::mem::take(&mut picker.pasted),
            Screen::Walk(_) => Vec::new(),
        };
        for attached in pasted {
            // Attaching cannot be refused by the walk.
            let _ = walk.apply(WalkCommand::Attach(Box::new(attached)));
        }
        let asks_access = !walk.guide().guide().access.is_empty()
            && walk.access().is_none()
            && walk.answered().is_empty();
        let fresh = walk.answered().is_empty();
        self.screen = Screen::Walk(Box::new(WalkState::new(walk, self.theme)));
        self.overlay = None;
        if fresh && self.ask_ticket && self.who.ticket.is_none() {
            self.ask_who(WhoField::Ticket, true);
        } else if asks_access {
            self.ask_access();
        }
    }

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

    /// The selected session of the picker, when a session row is selected.
    pub fn selected_session(&self) -> Option<&SessionListing> {
        let Screen::Picker(picker) = &self.screen else {
            return None;
        };
        match self.picker_items().get(picker.selected) {
            Some(PickItem::Session(s)) => Some(s),
            _ => None,
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

    /// The picker's rows for the current filter: matching unfinished sessions, then guides.
    pub fn picker_items(&self) -> Vec<PickItem<'_>> {
        let filter = match &self.screen {
            Screen::Picker(p) => p.filter.trim().to_lowercase(),
            Screen::Walk(_) => String::new(),
        };
        let wanted = if filter.is_empty() {
            Vec::new()
        } else {
            error_codes(&filter)
        };
        let mut by_code: Vec<&Entry> = self.catalog.matching_codes(&wanted);
        // A code no guide has finds the guide for any other code.
        if by_code.is_empty() && !wanted.is_empty() {
            by_code.extend(self.catalog.fallback());
        }
        let words: Vec<&str> = filter.split_whitespace().collect();
        let text_match = |haystack: String| {
            let haystack = haystack.to_lowercase();
            words.iter().all(|w| haystack.contains(w))
        };
        let guide_matches = |h: &Header| {
            if !by_code.is_empty() {
                return by_code.iter().any(|m| m.header.id == h.id);
            }
            // No filter: every guide, without building and lowering its text every frame.
            if words.is_empty() {
                return true;
            }
            text_match(format!(
                "{} {} {} {}",
                h.id,
                h.title,
                h.error_codes.join(" "),
                h.summary
            ))
        };
        // Guides first: a paste or a typed code selects a guide, never an older session (U1),
        // and the guides stay in view however many sessions wait.
        let mut items: Vec<PickItem> = self
            .catalog
            .entries()
            .iter()
            .filter(|e| guide_matches(&e.header))
            .map(PickItem::Guide)
            .collect();
        items.extend(
            self.sessions
                .iter()
                .filter(|s| {
                    let by_guide = match self.catalog.entry(&s.guide_id) {
                        Some(e) => guide_matches(&e.header),
                        None => text_match(format!("{} {}", s.guide_id, s.guide_title)),
                    };
                    // A ticket, a user or a correlation id finds the session it belongs to.
                    by_guide
                        || text_match(format!(
                            "{} {} {} {} {}",
                            s.id,
                            s.ticket.as_deref().unwrap_or(""),
                            s.technician,
                            s.user.as_deref().unwrap_or(""),
                            s.correlation.as_deref().unwrap_or("")
                        ))
                })
                .map(PickItem::Session),
        );
        items
    }
}
