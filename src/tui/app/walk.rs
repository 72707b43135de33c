//! The walk screen's state: the current step's widgets, its answer rows and input check,
//! the drafts kept per field, and opening a walk on that screen.

use tui_textarea::TextArea;

use super::{new_editor, App, Screen, WhoField};
use crate::engine::{Answer, FromEvidence, Walk, WalkCommand};
use crate::guide::ValidGuide;
use crate::guide::{Node, NodeKind};
use crate::tui::theme::Theme;

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

impl App<'_> {
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
}
