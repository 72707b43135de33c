//! The one table of key bindings and its vocabulary: what every key does on every screen. The
//! keymap, the help overlay and the footer hints all read it (through `keymap`'s functions).

use ratatui::crossterm::event::KeyCode;

use Ctx::*;
use Key::{Alt, Char, Code, Ctrl, Digit, Text};

/// Which keys apply: the screen, or the overlay on top of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ctx {
    Picker,
    Info,
    Confirm,
    Choice,
    Multi,
    Input,
    Summary,
    History,
    /// The guide's map: sections, questions, where answers lead, the walked path.
    Map,
    /// One question of the map, read-only: prompt, why, how, where its answers lead.
    MapDetails,
    Note,
    Attach,
    Access,
    Who,
    Discard,
    Help,
    Ask,
    TooSmall,
}

impl Ctx {
    pub fn name(self) -> &'static str {
        match self {
            Ctx::Picker => "Guide picker",
            Ctx::Info => "Instructions",
            Ctx::Confirm => "Yes/no question",
            Ctx::Choice => "Choice question",
            Ctx::Multi => "Checklist question",
            Ctx::Input => "Text answer",
            Ctx::Summary => "Summary",
            Ctx::History => "History",
            Ctx::Map => "Map of the guide",
            Ctx::MapDetails => "A question on the map",
            Ctx::Note => "Note editor",
            Ctx::Attach => "Attach evidence",
            Ctx::Access => "What you can check",
            Ctx::Who => "Ticket and technician",
            Ctx::Discard => "Close or delete a session",
            Ctx::Help => "Help",
            Ctx::Ask => "Confirmation",
            Ctx::TooSmall => "Terminal too small",
        }
    }
}

/// The context plus the facts about the current step that switch bindings on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    pub ctx: Ctx,
    /// The step offers "can't check / don't know".
    pub unsure: bool,
    /// The input takes several lines.
    pub multiline: bool,
    /// The picker's selection is an unfinished session (not a guide).
    pub on_session: bool,
}

impl Mode {
    pub fn new(ctx: Ctx) -> Mode {
        Mode {
            ctx,
            unsure: false,
            multiline: false,
            on_session: false,
        }
    }
}

/// What a key asks for; `update` decides what it means on the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Up or down by one row; the direction comes from the key.
    Move,
    /// Up or down by a page; the direction comes from the key.
    Scroll,
    /// Select row 1-9; the number comes from the key.
    Pick,
    Accept,
    Yes,
    No,
    Unsure,
    Toggle,
    NewLine,
    Back,
    Note,
    Why,
    History,
    /// Show the map of the guide (read-only).
    Map,
    Help,
    Close,
    /// Close a text editor without keeping what was typed in it.
    Discard,
    Quit,
    /// Quit at once, without asking (the screen is too small to show a question).
    QuitNow,
    ConfirmYes,
    ConfirmNo,
    /// Attach evidence from a file: asks for its path.
    Attach,
    /// Say what you can check (the guide's kinds of access).
    Access,
    Restart,
    Export,
    /// Copy the summary as plain text to the clipboard.
    Copy,
    /// Copy the report as Markdown to the clipboard.
    CopyMarkdown,
    /// Stop tshoot and give the shell back until `fg`; the terminal loop does it, not `update`.
    Suspend,
    /// To the first or the last row.
    First,
    Last,
    /// Set or change the ticket and the technician.
    Who,
    /// The other field of a form.
    NextField,
    /// Close or delete the selected session (asks which).
    DiscardSession,
    /// Close the session: kept for its report, no longer offered.
    CloseSession,
    /// Delete the session and its reports.
    DeleteSession,
    /// Any other key of a text field goes to the field.
    Edit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
    Alt(KeyCode),
    /// Digits 1 to 9.
    Digit,
    /// Any key a text field takes: characters, editing and cursor keys.
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Always,
    Unsure,
    Multiline,
    /// The picker's selection is a session.
    OnSession,
    /// The picker's selection is a guide (or nothing).
    OnGuide,
}

#[derive(Debug)]
pub struct Binding {
    pub ctx: &'static [Ctx],
    pub keys: &'static [Key],
    pub action: KeyAction,
    /// What the help overlay says it does.
    pub help: &'static str,
    /// The word in the footer; `None` keeps it out of the footer (but in the help).
    pub hint: Option<&'static str>,
    /// How the footer names the keys when their first key alone would mislead (`j/k`).
    pub footer: Option<&'static str>,
    pub when: When,
}

const QUESTIONS: &[Ctx] = &[Info, Confirm, Choice, Multi];
const LISTS: &[Ctx] = &[Confirm, Choice, Multi];
const ALL_STEPS: &[Ctx] = &[Info, Confirm, Choice, Multi, Input];
const MOVE: &[Key] = &[Code(KeyCode::Up), Code(KeyCode::Down), Char('k'), Char('j')];
const EVERY_SCREEN: &[Ctx] = &[
    Picker, Info, Confirm, Choice, Multi, Input, Summary, History, Map, MapDetails, Note, Attach,
    Access, Who, Discard, Help, Ask, TooSmall,
];
const PAGE: &[Key] = &[Code(KeyCode::PageUp), Code(KeyCode::PageDown)];

pub const fn bind(
    ctx: &'static [Ctx],
    keys: &'static [Key],
    action: KeyAction,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        ctx,
        keys,
        action,
        help,
        hint,
        footer: None,
        when: When::Always,
    }
}

pub const fn only(when: When, b: Binding) -> Binding {
    Binding { when, ..b }
}

/// A binding whose keys the footer names with `label` instead of by the first key.
pub const fn labelled(label: &'static str, b: Binding) -> Binding {
    Binding {
        footer: Some(label),
        ..b
    }
}

/// Every key of the wizard, in footer priority order within each context.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    // Picker.
    only(When::OnGuide, bind(&[Picker], &[Code(KeyCode::Enter)], KeyAction::Accept, "start a new walk of the selected guide", Some("start"))),
    only(When::OnSession, bind(&[Picker], &[Code(KeyCode::Enter)], KeyAction::Accept, "resume the selected session where it stopped", Some("resume"))),
    labelled("Up/Dn", bind(&[Picker], &[Code(KeyCode::Up), Code(KeyCode::Down), Ctrl('p'), Ctrl('n')], KeyAction::Move, "move the selection (it wraps around)", Some("move"))),
    bind(&[Picker], &[Code(KeyCode::Home)], KeyAction::First, "select the first row", None),
    bind(&[Picker], &[Code(KeyCode::End)], KeyAction::Last, "select the last row", None),
    only(When::OnSession, labelled("Del", bind(&[Picker], &[Code(KeyCode::Delete), Ctrl('d')], KeyAction::DiscardSession, "close or delete the selected session (asks which)", Some("close/delete")))),
    bind(&[Picker], &[Code(KeyCode::Esc)], KeyAction::Close, "clear the filter; quit when it is empty", Some("clear")),
    // Answering.
    bind(&[Confirm], &[Char('y')], KeyAction::Yes, "answer yes", Some("yes")),
    bind(&[Confirm], &[Char('n')], KeyAction::No, "answer no", Some("no")),
    only(When::Unsure, bind(LISTS, &[Char('u')], KeyAction::Unsure, "answer \"can't check / don't know\"", Some("can't check"))),
    bind(&[Multi], &[Char(' ')], KeyAction::Toggle, "tick or untick the selected item", Some("tick")),
    labelled("j/k", bind(&[Choice, Multi], MOVE, KeyAction::Move, "move the selection", Some("move"))),
    // y, n and u answer a yes/no question: its footer keeps the room for the note key instead.
    bind(&[Confirm], MOVE, KeyAction::Move, "move the selection", None),
    bind(LISTS, &[Digit], KeyAction::Pick, "select item 1 to 9", None),
    bind(&[Info], &[Code(KeyCode::Enter)], KeyAction::Accept, "done: continue to the next step", Some("continue")),
    bind(&[Confirm, Choice], &[Code(KeyCode::Enter)], KeyAction::Accept, "answer with the selected item", Some("answer")),
    bind(&[Multi], &[Code(KeyCode::Enter)], KeyAction::Accept, "answer with the ticked items (none is an answer too)", Some("answer")),
    bind(&[Input], &[Code(KeyCode::Enter)], KeyAction::Accept, "answer with the text (only when it is valid)", Some("answer")),
    only(When::Multiline, bind(&[Input], &[Alt(KeyCode::Enter)], KeyAction::NewLine, "start a new line (pasting many lines works too)", None)),
    only(When::Unsure, bind(&[Input], &[Ctrl('d')], KeyAction::Unsure, "answer \"can't check / don't know\"", Some("can't check"))),
    // Moving through the walk.
    bind(QUESTIONS, &[Code(KeyCode::Backspace), Code(KeyCode::Left)], KeyAction::Back, "go back one step", Some("back")),
    bind(&[Input], &[Code(KeyCode::Esc)], KeyAction::Back, "go back one step", Some("back")),
    // Navigation keys come first in the footer, so a narrow one never drops them.
    bind(QUESTIONS, &[Char('h'), Ctrl('r')], KeyAction::History, "the steps answered so far; jump back to one", Some("history")),
    bind(&[Input], &[Ctrl('r')], KeyAction::History, "the steps answered so far; jump back to one", Some("history")),
    // One note key everywhere: `n` answers No on a yes/no question, so it never means "note".
    bind(&[Info, Confirm, Choice, Multi, Input], &[Ctrl('n')], KeyAction::Note, "write a note on this step", Some("note")),
    bind(QUESTIONS, &[Char('w'), Ctrl('w')], KeyAction::Why, "show or hide why this is asked", Some("why")),
    bind(&[Input], &[Ctrl('w')], KeyAction::Why, "show or hide why this is asked", Some("why")),
    bind(QUESTIONS, &[Char('a'), Ctrl('o')], KeyAction::Attach, "attach evidence saved in a file (dsregcmd, klist, a token, a HAR, ...); pasting it works too", Some("attach")),
    bind(QUESTIONS, &[Char('c')], KeyAction::Access, "say what you can check (the PC, the sign-in log, AD FS, ...); checks you cannot do go to their owner", Some("access")),
    bind(&[Input], &[Ctrl('o')], KeyAction::Attach, "attach evidence saved in a file (dsregcmd, klist, a token, a HAR, ...); pasting it works too", Some("attach")),
    bind(ALL_STEPS, PAGE, KeyAction::Scroll, "scroll the step when it does not fit", None),
    // Summary.
    bind(&[Summary], &[Char('e')], KeyAction::Export, "write the reports (Markdown, JSON, HTML, text)", Some("export")),
    bind(&[Summary], &[Char('c')], KeyAction::Copy, "copy the summary as plain text to the clipboard (OSC 52: over SSH and tmux too)", Some("copy")),
    bind(&[Summary], &[Char('C')], KeyAction::CopyMarkdown, "copy the report as Markdown to the clipboard", None),
    bind(&[Summary], &[Code(KeyCode::Backspace), Code(KeyCode::Left), Char('b')], KeyAction::Back, "go back to the last question to change the answer", Some("back")),
    bind(&[Summary], &[Char('r')], KeyAction::Restart, "start this guide again from the first step", Some("restart")),
    bind(&[Summary], &[Char('h'), Ctrl('r')], KeyAction::History, "the steps answered; jump back to one", Some("history")),
    bind(&[Summary], &[Ctrl('n')], KeyAction::Note, "write a note on the resolution", Some("note")),
    labelled("j/k", bind(&[Summary], MOVE, KeyAction::Move, "scroll by a line", Some("scroll"))),
    bind(&[Summary], &[Code(KeyCode::PageUp), Code(KeyCode::PageDown), Char(' ')], KeyAction::Scroll, "scroll by a page", None),
    // History.
    bind(&[History], &[Code(KeyCode::Enter)], KeyAction::Accept, "jump back to this step and answer it again", Some("jump back")),
    labelled("j/k", bind(&[History], MOVE, KeyAction::Move, "move the selection", Some("move"))),
    bind(&[History], &[Ctrl('n')], KeyAction::Note, "write a note on the selected step", Some("note")),
    bind(&[History], &[Code(KeyCode::Esc), Char('h')], KeyAction::Close, "close the history", Some("close")),
    // The map: `m` where letters are keys, F2 in a text field (Ctrl-M is Enter to a terminal).
    bind(&[Info, Confirm, Choice, Multi, Summary], &[Char('m')], KeyAction::Map, "the map of the guide: every section and question, where each answer leads, the path walked", Some("map")),
    bind(&[Input], &[Code(KeyCode::F(2))], KeyAction::Map, "the map of the guide: every section and question, where each answer leads, the path walked", Some("map")),
    bind(&[Map], &[Code(KeyCode::Enter)], KeyAction::Accept, "show the selected question: its prompt, why, how and where its answers lead", Some("details")),
    labelled("j/k", bind(&[Map], MOVE, KeyAction::Move, "move the selection", Some("move"))),
    bind(&[Map], PAGE, KeyAction::Scroll, "move the selection by a page", None),
    bind(&[Map], &[Code(KeyCode::Esc), Char('m')], KeyAction::Close, "close the map; the walk is unchanged", Some("close")),
    labelled("j/k", bind(&[MapDetails], MOVE, KeyAction::Move, "scroll by a line", Some("scroll"))),
    bind(&[MapDetails], PAGE, KeyAction::Scroll, "scroll by a page", None),
    bind(&[MapDetails], &[Code(KeyCode::Esc), Code(KeyCode::Enter)], KeyAction::Close, "back to the map", Some("back to the map")),
    // Note editor.
    bind(&[Note], &[Code(KeyCode::Esc)], KeyAction::Close, "save the note and close (an empty note removes it)", Some("save & close")),
    bind(&[Note], &[Ctrl('x')], KeyAction::Discard, "close without saving: the note stays as it was", Some("discard")),
    // What the technician can check.
    bind(&[Access], &[Code(KeyCode::Enter)], KeyAction::Accept, "start with what is ticked; checks needing the rest are not asked and go to their owner", Some("go on")),
    bind(&[Access], &[Char(' ')], KeyAction::Toggle, "tick or untick the selected access", Some("tick")),
    labelled("j/k", bind(&[Access], MOVE, KeyAction::Move, "move the selection", Some("move"))),
    bind(&[Access], &[Code(KeyCode::Esc)], KeyAction::Close, "close; nothing changes", Some("close")),
    // The ticket and the technician.
    bind(&[Info, Confirm, Choice, Multi, Summary], &[Char('t'), Ctrl('t')], KeyAction::Who, "set or change the ticket and the technician shown in the header", Some("ticket")),
    bind(&[Input], &[Ctrl('t')], KeyAction::Who, "set or change the ticket and the technician shown in the header", Some("ticket")),
    bind(&[Who], &[Code(KeyCode::Enter)], KeyAction::Accept, "keep the ticket and technician as typed (an empty ticket: none)", Some("save")),
    bind(&[Who], &[Code(KeyCode::Tab), Code(KeyCode::BackTab), Code(KeyCode::Up), Code(KeyCode::Down)], KeyAction::NextField, "the other field", Some("other field")),
    bind(&[Who], &[Code(KeyCode::Esc)], KeyAction::Close, "close; nothing changes (as a walk opens: no ticket)", Some("skip")),
    // Closing or deleting a session from the picker.
    bind(&[Discard], &[Char('c')], KeyAction::CloseSession, "close it: kept for its report, no longer offered", Some("close it")),
    bind(&[Discard], &[Char('d')], KeyAction::DeleteSession, "delete it and its reports", Some("delete it")),
    bind(&[Discard], &[Code(KeyCode::Esc), Char('n')], KeyAction::Close, "keep it as it is", Some("cancel")),
    // Attach evidence from a file.
    bind(&[Attach], &[Code(KeyCode::Enter)], KeyAction::Accept, "read the file and attach what it shows", Some("attach")),
    bind(&[Attach], &[Code(KeyCode::Esc)], KeyAction::Close, "close without attaching", Some("cancel")),
    // Help.
    bind(&[Help], &[Code(KeyCode::Esc), Char('?'), Char('q'), Code(KeyCode::F(1))], KeyAction::Close, "close the help", Some("close")),
    labelled("j/k", bind(&[Help], MOVE, KeyAction::Move, "scroll", None)),
    bind(&[Help], PAGE, KeyAction::Scroll, "scroll by a page", None),
    // Questions asked before doing something that cannot be undone.
    bind(&[Ask], &[Char('y'), Code(KeyCode::Enter), Ctrl('c')], KeyAction::ConfirmYes, "yes, do it", Some("yes")),
    bind(&[Ask], &[Char('n'), Code(KeyCode::Esc)], KeyAction::ConfirmNo, "no, stay", Some("no")),
    // Everywhere.
    bind(&[Picker, Info, Confirm, Choice, Multi, Summary, History], &[Char('?'), Code(KeyCode::F(1))], KeyAction::Help, "show every key of this screen", Some("help")),
    bind(&[Input], &[Code(KeyCode::F(1))], KeyAction::Help, "show every key of this screen", Some("help")),
    bind(&[Info, Confirm, Choice, Multi, Summary, History], &[Char('q'), Ctrl('c')], KeyAction::Quit, "quit (asks first while a walk is under way; answers are saved)", Some("quit")),
    bind(&[Picker, Input, Note, Attach, Access, Who], &[Ctrl('c')], KeyAction::Quit, "quit (asks first while a walk is under way; answers are saved)", Some("quit")),
    bind(&[TooSmall], &[Char('q'), Ctrl('c')], KeyAction::QuitNow, "quit; answers are already saved", Some("quit")),
    bind(EVERY_SCREEN, &[Ctrl('z')], KeyAction::Suspend, "suspend tshoot; the shell's fg brings it back", None),
    // Text fields take every other key; last, so no binding above is ever shadowed.
    bind(&[Picker], &[Text], KeyAction::Edit, "type or paste a name or an error code (AADSTS51006, 51006) to filter", None),
    bind(&[Input], &[Text], KeyAction::Edit, "type or paste the answer; Ctrl-U clears the field", None),
    bind(&[Note], &[Text], KeyAction::Edit, "type or paste the note; Enter starts a new line", None),
    bind(&[Attach], &[Text], KeyAction::Edit, "type or paste the path of the file", None),
    bind(&[Who], &[Text], KeyAction::Edit, "type or paste the ticket reference or your name", None),
];
