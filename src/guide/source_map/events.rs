//! The guarded pass over a YAML file's events: depth, aliases, duplicate keys and (in guides)
//! unsafe text are refused as the events come, and the position of every key and value is
//! recorded for the lookups of [`super::SourceMap`]. Events are read in a loop, never recursing.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use crate::guide::problem::Location;
use crate::text;

#[derive(Debug, Clone)]
pub(super) struct Positions {
    pub(super) children: HashMap<(usize, Segment), usize>,
    pub(super) entries: Vec<Entry>,
}

impl Default for Positions {
    fn default() -> Self {
        Positions {
            children: HashMap::new(),
            entries: vec![Entry::default()],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Entry {
    pub(super) key: Option<Location>,
    pub(super) value: Option<Location>,
}

/// Deeper than this is no file a person wrote; refusing early keeps the parsers fast and safe.
pub const MAX_DEPTH: usize = 48;
/// What all aliases together may expand to, in bytes of text plus [`NODE_WEIGHT`] for every value:
/// generous for real files, fatal for alias bombs, whether of long strings or of many small values.
pub const MAX_EXPANDED_WEIGHT: usize = 32 * 1024 * 1024;
/// A value costs memory beyond its text (a parsed option is a few hundred bytes).
const NODE_WEIGHT: usize = 64;

/// What the guarded pass refuses beyond YAML syntax.
#[derive(Debug, Clone, Copy)]
pub struct Guard<'a> {
    /// How messages name the file: "a guide", "an answers file".
    pub noun: &'a str,
    /// Refuse text values holding control or hidden characters (made by escapes such as `\e`).
    pub refuse_unsafe_text: bool,
}

/// Reads the events once, in a loop (never recursion, however deep the file), and returns the
/// first thing the guard refuses. A syntax error is left for serde to report, in its words.
pub fn guarded_pass(text: &str, guard: Guard<'_>) -> Result<(), (Location, String)> {
    let mut builder = Builder::new(guard, false);
    builder.run(text);
    match builder.refused {
        Some(refusal) => Err(refusal),
        None => Ok(()),
    }
}

enum Frame {
    Map {
        id: usize,
        key: Option<(String, Location)>,
    },
    Seq {
        id: usize,
        index: usize,
    },
}

pub(super) struct Builder<'a> {
    guard: Guard<'a>,
    /// A lookup reads on past a refusal, to locate what it can; the guard stops at the first.
    record: bool,
    pub(super) map: Positions,
    stack: Vec<Frame>,
    /// Expanded size of each open container, and its anchor id (0 = none).
    sizes: Vec<(usize, usize)>,
    anchored: HashMap<usize, usize>,
    expanded: usize,
    refused: Option<(Location, String)>,
}

fn too_deep(noun: &str) -> String {
    format!("the YAML nests deeper than {MAX_DEPTH} levels; {noun} needs only a few")
}

fn location(mark: Marker) -> Location {
    Location {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl<'a> Builder<'a> {
    pub(super) fn new(guard: Guard<'a>, record: bool) -> Self {
        Builder {
            guard,
            record,
            map: Positions::default(),
            stack: Vec::new(),
            sizes: Vec::new(),
            anchored: HashMap::new(),
            expanded: 0,
            refused: None,
        }
    }

    fn run(&mut self, text: &str) {
        let mut parser = Parser::new_from_str(text);
        while self.step(&mut parser) {}
    }

    /// Reads one event; false at the end (or at a syntax error, or once the guard refused).
    pub(super) fn step<T: Iterator<Item = char>>(&mut self, parser: &mut Parser<T>) -> bool {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => false,
            Ok((event, mark)) => {
                self.on_event(event, mark);
                self.refused.is_none() || self.record
            }
            Err(e) => {
                // This parser stops at its own flow nesting limit, before any event deep
                // enough for ours.
                if e.info().contains("recursion limit") && self.refused.is_none() {
                    self.refused = Some((location(*e.marker()), too_deep(self.guard.noun)));
                }
                false
            }
        }
    }

    /// Called for every value start: records it and returns the entry the value lives at.
    fn enter_value(&mut self, mark: Marker) -> Option<usize> {
        let (parent, segment, key_location) = match self.stack.last_mut() {
            None => return Some(0),
            Some(Frame::Seq { id, index }) => {
                *index += 1;
                (*id, Segment::Index(*index - 1), None)
            }
            Some(Frame::Map { id, key }) => {
                let (name, at) = key.take()?;
                (*id, Segment::Key(name), Some(at))
            }
        };
        let is_key = matches!(&segment, Segment::Key(name) if name != "?");
        let map = &mut self.map;
        let next_id = map.entries.len();
        match map.children.entry((parent, segment)) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(next_id);
                map.entries.push(Entry {
                    key: key_location,
                    value: Some(location(mark)),
                });
                Some(next_id)
            }
            std::collections::hash_map::Entry::Occupied(found) => {
                let id = *found.get();
                if let (true, Some(at), None, Segment::Key(name)) =
                    (is_key, key_location, &self.refused, &found.key().1)
                {
                    let first = map.entries[id].key.unwrap_or(Location::START);
                    self.refused = Some((
                        at,
                        format!(
                            "'{}' appears twice in the same mapping (first at line {}); keep one",
                            text::shorten(name),
                            first.line
                        ),
                    ));
                }
                Some(id)
            }
        }
    }

    fn is_expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }
}

impl Builder<'_> {
    fn add_size(&mut self, size: usize, mark: Marker) {
        self.expanded = self.expanded.saturating_add(size);
        if let Some(top) = self.sizes.last_mut() {
            top.0 = top.0.saturating_add(size);
        }
        if self.expanded > MAX_EXPANDED_WEIGHT && self.refused.is_none() {
            self.refused = Some((
                location(mark),
                "aliases expand to too much data (an alias bomb?); write the values out instead"
                    .to_string(),
            ));
        }
    }

    /// Tracks sizes and depth; returns false once the file is refused, to ignore the rest.
    fn account(&mut self, ev: &Event, mark: Marker) -> bool {
        if self.refused.is_some() {
            return false;
        }
        match ev {
            Event::Scalar(text, _, anchor, _) => {
                if self.guard.refuse_unsafe_text && text::has_unsafe(text) {
                    if let Some(c) = text.chars().find(|&c| text::is_unsafe(c)) {
                        self.refused = Some((
                            location(mark),
                            format!(
                                "this text holds {}; remove it (text tshoot shows must not hide text or control the terminal)",
                                text::describe_unsafe(c)
                            ),
                        ));
                        return false;
                    }
                }
                let size = text.len() + NODE_WEIGHT;
                if *anchor > 0 {
                    self.anchored.insert(*anchor, size);
                }
                self.add_size(size, mark);
            }
            Event::Alias(anchor) => {
                let size = self.anchored.get(anchor).copied().unwrap_or(1);
                self.add_size(size, mark);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if self.sizes.len() >= MAX_DEPTH {
                    self.refused = Some((location(mark), too_deep(self.guard.noun)));
                    return false;
                }
                self.sizes.push((NODE_WEIGHT, *anchor));
                self.add_size(0, mark);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((size, anchor)) = self.sizes.pop() {
                    if anchor > 0 {
                        self.anchored.insert(anchor, size);
                    }
                    if let Some(top) = self.sizes.last_mut() {
                        top.0 = top.0.saturating_add(size);
                    }
                }
            }
            _ => {}
        }
        self.refused.is_none()
    }
}

impl Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if !self.account(&ev, mark) {
            return;
        }
        match ev {
            Event::Scalar(text, ..) if self.is_expecting_key() => {
                if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                    *key = Some((text, location(mark)));
                }
            }
            Event::MappingStart(..) if self.is_expecting_key() => {
                // A complex key: give it a placeholder name so its contents stay out of the way.
                if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                    *key = Some(("?".into(), location(mark)));
                }
                let id = self.enter_value(mark).unwrap_or(0);
                self.stack.push(Frame::Map { id, key: None });
            }
            Event::Scalar(..) | Event::Alias(_) => {
                self.enter_value(mark);
            }
            Event::MappingStart(..) => {
                let id = self.enter_value(mark).unwrap_or(0);
                self.stack.push(Frame::Map { id, key: None });
            }
            Event::SequenceStart(..) => {
                let id = self.enter_value(mark).unwrap_or(0);
                self.stack.push(Frame::Seq { id, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}
