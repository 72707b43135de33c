//! The typed commands of the plain walk: going back, notes, why and how, the history, a map of
//! the guide, pasted evidence and the help that lists them.

use std::io::{self, BufRead, Write};

use super::{prompt_of, Command, Plain};
use crate::engine::{Attached, Clock, SystemClock, Walk, WalkCommand, WalkError};

const HELP: &[&str] = &[
    "Answer with the number of a choice or its words (yes, no, unsure, an option's id or label).",
    "For a checklist: the numbers of all that apply, separated by commas or spaces, or none.",
    "For a text question: the text itself. Enter accepts an answer offered by evidence or given before.",
    "Commands:",
    "  back          go back one question (its answer is offered again)",
    "  note TEXT     keep a note on this question (note alone shows it; note - removes it)",
    "  why           why the guide asks this question",
    "  how           how to check",
    "  history       the questions answered so far",
    "  map           the sections and questions of the guide",
    "  paste         attach evidence: paste it, then a line holding only a dot",
    "  ticket REF    record the ticket this walk is for (ticket alone shows it)",
    "  answer TEXT   answer with TEXT even when it reads like a command",
    "  help          this list",
    "  quit          stop here; the session is kept to resume",
];

impl<R: BufRead, W: Write> Plain<'_, R, W> {
    /// Runs a command; `Ok(true)` when the walk changed (and was saved) or the question should
    /// be asked again.
    pub(super) fn run_command(&mut self, walk: &mut Walk, command: Command) -> io::Result<bool> {
        match command {
            Command::Back => match walk.apply(WalkCommand::Back) {
                Ok(()) => self.save(walk),
                Err(WalkError::AtStart) => {
                    self.say("This is the first question; there is nothing to go back to.")?;
                    Ok(false)
                }
                Err(e) => {
                    self.say(&format!("Cannot go back: {e}."))?;
                    Ok(false)
                }
            },
            Command::Note(text) => self.note(walk, text),
            Command::Why => {
                let text = match &walk.current().why {
                    Some(why) => format!(
                        "Why we ask: {}",
                        crate::guide::interpolate(why, walk.variables_now())
                    ),
                    None => "The guide does not say why it asks this.".to_string(),
                };
                self.say(&text)?;
                Ok(false)
            }
            Command::How => {
                let text = match &walk.current().how {
                    Some(how) => format!(
                        "How to check: {}",
                        crate::guide::interpolate(how, walk.variables_now())
                    ),
                    None => "The guide does not say how to check this.".to_string(),
                };
                self.say(&text)?;
                Ok(false)
            }
            Command::History => {
                self.history(walk)?;
                Ok(false)
            }
            Command::Help => {
                for line in HELP {
                    self.say(line)?;
                }
                self.say(&format!("The question: {}", prompt_of(walk)))?;
                Ok(false)
            }
            Command::Map => {
                self.map(walk)?;
                Ok(false)
            }
            Command::Paste => self.paste(walk),
            Command::Ticket(reference) => {
                self.ticket(reference)?;
                Ok(false)
            }
            // Handled by the walk loop, which answers or ends.
            Command::Quit | Command::Literal(_) => Ok(false),
        }
    }

    fn note(&mut self, walk: &mut Walk, text: String) -> io::Result<bool> {
        let step = walk.current_index() + 1;
        if text.is_empty() {
            let shown = match &walk.current_step().note {
                Some(note) => format!("Your note on step {step}: {note}"),
                None => "No note here yet; type note followed by the text.".to_string(),
            };
            self.say(&shown)?;
            return Ok(false);
        }
        let text = if text == "-" { String::new() } else { text };
        let removed = text.is_empty();
        if let Err(e) = walk.apply(WalkCommand::Note(None, text)) {
            self.say(&format!("The note was not kept: {e}."))?;
            return Ok(false);
        }
        if self.save(walk)? {
            self.say(&if removed {
                format!("Note removed from step {step}.")
            } else {
                format!("Note saved on step {step}.")
            })?;
        }
        // The question is not asked again for a note: the technician is still answering it.
        Ok(false)
    }

    fn ticket(&mut self, reference: String) -> io::Result<()> {
        if reference.is_empty() {
            let shown = match &self.who.ticket {
                Some(ticket) => format!("Ticket: {ticket}"),
                None => "No ticket yet; type ticket followed by its reference.".to_string(),
            };
            return self.say(&shown);
        }
        self.who.ticket = Some(reference.clone());
        match self.recorder.set_who(&self.who) {
            Ok(()) => self.say(&format!("Ticket {reference} recorded.")),
            Err(e) => self.say(&format!("Could not record the ticket: {e:#}.")),
        }
    }

    fn history(&mut self, walk: &Walk) -> io::Result<()> {
        if walk.answered().is_empty() {
            return self.say("Nothing answered yet.");
        }
        self.say("Answered so far:")?;
        for (i, step) in walk.answered().iter().enumerate() {
            let node = walk.node_of(step);
            let answer = step
                .answer
                .as_ref()
                .map_or_else(|| "(not answered)".to_string(), |a| a.describe(node));
            let mut line = format!("{}. {}: {answer}", i + 1, node.label());
            if step.skipped.is_some() {
                line.push_str(" (not asked: no access)");
            }
            if let Some(note) = &step.note {
                line.push_str(&format!(" (note: {note})"));
            }
            self.say(&line)?;
        }
        self.say(&format!(
            "Now at step {}: {}",
            walk.current_index() + 1,
            walk.current().label()
        ))
    }

    /// The guide as the wizard's map shows it: sections, questions, where each answer leads,
    /// with the walk's place and path marked in plain characters.
    fn map(&mut self, walk: &Walk) -> io::Result<()> {
        self.say(&format!(
            "Map of {} (> you are here, * walked, - not taken):",
            walk.guide().title()
        ))?;
        let path = crate::map::walked_path(walk);
        for line in crate::map::lines(&crate::map::outline(walk.guide(), &path)) {
            self.say(&line.plain())?;
        }
        Ok(())
    }

    /// Reads pasted lines up to a lone `.`, and attaches them as evidence through the same
    /// readers the wizard's paste uses.
    fn paste(&mut self, walk: &mut Walk) -> io::Result<bool> {
        self.say("Paste the evidence, then a line holding only a dot.")?;
        let text = self.read_until_dot()?.join("\n");
        let reading = match crate::evidence::read(&text) {
            Ok(reading) => reading,
            Err(refusal) => {
                self.say(&format!("Nothing attached: {refusal}."))?;
                return Ok(false);
            }
        };
        let what = format!("{} ({} facts)", reading.kind.label(), reading.facts.len());
        let attached = Attached {
            reading,
            origin: "pasted".into(),
            at: SystemClock.now(),
        };
        // Attaching is never refused by the walk.
        let _ = walk.apply(WalkCommand::Attach(Box::new(attached)));
        if !self.save(walk)? {
            return Ok(false);
        }
        self.say(&format!("Attached {what}."))?;
        if let Some(c) = walk.contradictions().first() {
            self.say(&format!(
                "It contradicts the answer at step {}: type history to see it.",
                c.step + 1
            ))?;
        }
        Ok(true)
    }
}
