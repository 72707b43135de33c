//! The linear front for screen readers and dumb terminals: the same walk as the wizard, asked as
//! plain lines on any reader and answered on any writer. Nothing is redrawn and no escape
//! sequence is written; every change is saved through the recorder before the next question.

mod commands;
mod picker;
pub mod reply;
pub use picker::pick_guide;
#[cfg(test)]
mod tests;

use std::io::{self, BufRead, Write};

use crate::engine::{Answer, Walk, WalkCommand, WalkError};
use crate::guide::NodeKind;
use crate::report::{text as report_text, Summary};
use crate::store::{Recorder, Who};

/// How the plain walk ended, for the command's exit code and last words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A resolution was reached and the session closed as finished.
    Finished,
    /// The technician typed `quit`: the session is kept to resume.
    Quit,
    /// The input ended (Ctrl-D, the end of a piped script): the session is kept to resume.
    EndOfInput,
    /// A save failed; the message was printed. The session keeps what was saved before.
    NotSaved,
}

/// What the command line passes on: `--learn` prints why each question is asked, `--ascii` keeps
/// every character ASCII.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub learn: bool,
    pub ascii: bool,
}

/// The conversation: where lines are read from and written to, and where the walk is saved.
pub struct Plain<'a, R: BufRead, W: Write> {
    input: R,
    out: W,
    recorder: &'a mut dyn Recorder,
    options: Options,
    /// The technician and ticket the session records; `ticket REF` changes the ticket.
    who: Who,
}

/// What a typed line asks for, when it is a command rather than an answer.
enum Command {
    Back,
    Note(String),
    Why,
    How,
    History,
    Help,
    Quit,
    Map,
    Paste,
    Ticket(String),
    /// `answer TEXT`: TEXT is the answer even when it reads like a command.
    Literal(String),
}

fn command(line: &str) -> Option<Command> {
    let line = line.trim();
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim().to_string();
    Some(match word.to_lowercase().as_str() {
        "back" if rest.is_empty() => Command::Back,
        "note" => Command::Note(rest),
        "why" if rest.is_empty() => Command::Why,
        "how" if rest.is_empty() => Command::How,
        "history" if rest.is_empty() => Command::History,
        "help" | "?" if rest.is_empty() => Command::Help,
        "quit" | "exit" if rest.is_empty() => Command::Quit,
        "map" if rest.is_empty() => Command::Map,
        "paste" if rest.is_empty() => Command::Paste,
        "ticket" => Command::Ticket(rest),
        "answer" => Command::Literal(rest),
        _ => return None,
    })
}

impl<'a, R: BufRead, W: Write> Plain<'a, R, W> {
    pub fn new(input: R, out: W, recorder: &'a mut dyn Recorder, options: Options) -> Self {
        Plain {
            input,
            out,
            recorder,
            options,
            who: Who::from_env(None, None),
        }
    }

    /// Who the session records, from the command line or the resumed session.
    pub fn with_who(mut self, who: Who) -> Self {
        self.who = who;
        self
    }

    /// The writer back, for a caller (a test) that reads what was written.
    pub fn into_output(self) -> W {
        self.out
    }

    /// Asks question after question until a resolution is accepted, `quit`, or the input ends.
    /// The session is closed on every way out (kept to resume unless the walk finished).
    pub fn walk(&mut self, walk: &mut Walk) -> io::Result<Ending> {
        let mut ask = true;
        loop {
            if ask {
                if walk.is_finished() {
                    self.show_summary(walk)?;
                } else {
                    self.show_question(walk)?;
                }
                ask = false;
            }
            let Some(line) = self.read_line()? else {
                // A script that ends on the resolution has walked the guide to its end.
                let ending = if walk.is_finished() {
                    Ending::Finished
                } else {
                    Ending::EndOfInput
                };
                return self.end(walk, ending);
            };
            match command(&line) {
                Some(Command::Literal(text)) => ask = self.answer(walk, &text)?,
                Some(Command::Quit) => return self.end(walk, Ending::Quit),
                Some(other) => ask = self.run_command(walk, other)?,
                None if walk.is_finished() => {
                    if line.trim().is_empty() {
                        return self.end(walk, Ending::Finished);
                    }
                    self.say("The walk is finished: press Enter to close it, or type back to change the last answer.")?;
                }
                None => ask = self.answer(walk, &line)?,
            }
            if self.recorder.save_failed() {
                return Ok(Ending::NotSaved);
            }
        }
    }

    /// Answers the current question with `typed`; `Ok(true)` when the walk moved on (and was
    /// saved), `Ok(false)` when the reply did not fit and the question is asked again.
    fn answer(&mut self, walk: &mut Walk, typed: &str) -> io::Result<bool> {
        let node = walk.current().clone();
        let mut typed = typed.trim().to_string();
        if node.kind == NodeKind::Input && node.multiline() && !typed.is_empty() {
            // The first line begins the text; the rest follows up to a line holding only '.'.
            for more in self.read_until_dot()? {
                typed.push('\n');
                typed.push_str(&more);
            }
        }
        let answer = if typed.is_empty() {
            match self.default_answer(walk) {
                Some(answer) => answer,
                None => {
                    self.say(&reply::expected(&node, ""))?;
                    self.repeat_prompt(walk)?;
                    return Ok(false);
                }
            }
        } else {
            match reply::parse(&node, &typed) {
                Ok(answer) => answer,
                Err(message) => {
                    self.say(&message)?;
                    self.repeat_prompt(walk)?;
                    return Ok(false);
                }
            }
        };
        match walk.apply(WalkCommand::Answer(answer)) {
            Ok(()) => self.save(walk),
            Err(WalkError::NotAllowed { reason, .. }) => {
                self.say(&format!("Not accepted: {reason}."))?;
                self.repeat_prompt(walk)?;
                Ok(false)
            }
            Err(other) => {
                self.say(&format!("Not accepted: {other}."))?;
                Ok(false)
            }
        }
    }

    /// What Enter on an empty line answers: the evidence's answer, the answer given before going
    /// back, an optional field left empty, or an info step's "continue".
    fn default_answer(&self, walk: &Walk) -> Option<Answer> {
        let node = walk.current();
        if let Some(said) = walk.settled_here() {
            return Some(said.answer);
        }
        if let Some(earlier) = walk.earlier_answer() {
            return Some(earlier.clone());
        }
        match node.kind {
            NodeKind::Info => Some(Answer::Continue),
            NodeKind::Input if node.optional() => Some(Answer::Text(String::new())),
            _ => None,
        }
    }

    /// Saves the walk; `Ok(true)` when saved, so the next question is asked. A failed save is
    /// said, and [`Plain::walk`] stops on it.
    fn save(&mut self, walk: &Walk) -> io::Result<bool> {
        match self.recorder.save(walk) {
            Ok(()) => Ok(true),
            Err(e) => {
                self.say(&format!(
                    "Could not save the last change, so the walk stopped: {e:#}. The session keeps every answer saved before it."
                ))?;
                Ok(false)
            }
        }
    }

    /// Closes the session (kept to resume unless finished) and says where it is.
    fn end(&mut self, walk: &Walk, ending: Ending) -> io::Result<Ending> {
        if let Err(e) = self.recorder.close(walk) {
            self.say(&format!("Could not close the session: {e:#}."))?;
            return Ok(Ending::NotSaved);
        }
        if self.recorder.save_failed() {
            return Ok(Ending::NotSaved);
        }
        let id = self.recorder.session_id();
        match (ending, id) {
            (Ending::Finished, Some(id)) => self.say(&format!("Session {id} closed."))?,
            (Ending::Quit, Some(id)) => self.say(&format!(
                "Stopped. Session {id} is kept; 'tshoot --plain resume {id}' goes on with it."
            ))?,
            (Ending::Quit, None) => self.say("Stopped before any answer; nothing was saved.")?,
            _ => {}
        }
        self.out.flush()?;
        Ok(ending)
    }

    fn show_question(&mut self, walk: &Walk) -> io::Result<()> {
        let node = walk.current();
        let guide = walk.guide();
        self.say("")?;
        self.say(&format!(
            "Step {}. {}",
            walk.current_index() + 1,
            guide.section_title(node.section.as_deref())
        ))?;
        self.say(&prompt_of(walk))?;
        match node.kind {
            NodeKind::Info => self.say("Press Enter when it is done.")?,
            NodeKind::Confirm | NodeKind::Choice => {
                for (i, (label, _)) in reply::numbered_choices(node).iter().enumerate() {
                    self.say(&format!("{}. {label}", i + 1))?;
                }
            }
            NodeKind::Multi => {
                for (i, option) in node.options.iter().enumerate() {
                    self.say(&format!("{}. {}", i + 1, option.label))?;
                }
                let unsure = if node.unsure.is_some() {
                    ", or unsure"
                } else {
                    ""
                };
                self.say(&format!(
                    "Type the numbers of all that apply, separated by commas or spaces, or none{unsure}."
                ))?;
            }
            NodeKind::Input => {
                let wanted =
                    crate::guide::expected_input(node.input_format(), guide.pattern(&node.id));
                let mut hint = format!("Type the answer: {wanted}.");
                if node.multiline() {
                    hint.push_str(
                        " Several lines are allowed: end with a line holding only a dot.",
                    );
                }
                if node.optional() {
                    hint.push_str(" Optional: Enter leaves it empty.");
                }
                if node.unsure.is_some() {
                    hint.push_str(" Or type unsure.");
                }
                self.say(&hint)?;
            }
            NodeKind::Resolution => {}
        }
        if let Some(said) = walk.settled_here() {
            self.say(&format!(
                "Evidence says: {} ({}). Press Enter to accept it; any other answer overrides it.",
                said.answer.describe(node),
                said.proof
            ))?;
        } else if let Some(earlier) = walk.earlier_answer() {
            let later = match walk.kept_later_answers() {
                0 => String::new(),
                1 => " and the answer after it".to_string(),
                n => format!(" and the {n} answers after it"),
            };
            self.say(&format!(
                "Answered before: {}. Press Enter to keep it{later}.",
                earlier.describe(node)
            ))?;
        }
        if let Some(note) = &walk.current_step().note {
            self.say(&format!("Your note: {note}"))?;
        }
        if self.options.learn {
            if let Some(why) = &node.why {
                let why = crate::guide::interpolate(why, walk.variables_now()).into_owned();
                self.say(&format!("Why we ask: {why}"))?;
            }
        }
        let mut extras = Vec::new();
        if node.how.is_some() {
            extras.push("how for how to check");
        }
        if node.why.is_some() && !self.options.learn {
            extras.push("why for why we ask");
        }
        extras.push("help for the commands");
        self.say(&format!("Type {}.", extras.join(", ")))?;
        Ok(())
    }

    /// After a reply that did not fit: the question's own line again, then the prompt.
    fn repeat_prompt(&mut self, walk: &Walk) -> io::Result<()> {
        self.say(&prompt_of(walk))
    }

    fn show_summary(&mut self, walk: &Walk) -> io::Result<()> {
        self.say("")?;
        self.say("Resolution reached.")?;
        let summary = report_text::render(&Summary::of(walk));
        self.say(summary.trim_end())?;
        if let Some(id) = self.recorder.session_id() {
            self.say(&format!("Session: {id}"))?;
        }
        self.say("Press Enter to close the session, or type back to change the last answer.")
    }

    /// One line from the input without its line ending, cleaned of control characters; `None` at
    /// the end of the input. Bytes that are not UTF-8 are replaced, never a reason to stop.
    fn read_line(&mut self) -> io::Result<Option<String>> {
        self.out.write_all(b"> ")?;
        self.out.flush()?;
        self.read_raw_line()
    }

    fn read_raw_line(&mut self) -> io::Result<Option<String>> {
        let mut bytes = Vec::new();
        if self.input.read_until(b'\n', &mut bytes)? == 0 {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&bytes);
        let text = text.trim_end_matches(['\n', '\r']);
        Ok(Some(crate::text::clean(text)))
    }

    /// Lines up to one holding only `.` (or the end of the input), for pasted evidence and
    /// answers of several lines.
    fn read_until_dot(&mut self) -> io::Result<Vec<String>> {
        let mut lines = Vec::new();
        while let Some(line) = self.read_raw_line()? {
            if line.trim() == "." {
                break;
            }
            lines.push(line);
        }
        Ok(lines)
    }

    /// Writes one line, made safe: no escape sequence from a guide or a paste reaches the output.
    fn say(&mut self, text: &str) -> io::Result<()> {
        let shown = crate::tui::text::display(text, self.options.ascii);
        self.out.write_all(shown.as_bytes())?;
        self.out.write_all(b"\n")
    }
}

/// The current question's prompt, with the values captured so far in its placeholders.
fn prompt_of(walk: &Walk) -> String {
    let node = walk.current();
    let prompt = node.prompt.as_deref().unwrap_or(node.label());
    crate::guide::interpolate(prompt, walk.variables_now()).into_owned()
}
