//! Where each key and value of a YAML file stands, found by a guarded pass over its events: the
//! pass refuses nesting deeper than [`MAX_DEPTH`], aliases that expand too far, keys given twice
//! and (in guides) text holding control characters. serde gives no spans, so positions are only
//! worked out when a problem must be located: a valid file is never read twice for them.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

use super::problem::Location;
use crate::text;

/// Positions of every key and value, looked up by a dotted path such as `nodes.3.options.1.next`.
/// The text is read only as far as a lookup needs: a problem near the top of a large file (a
/// guide without a summary) costs a few events, not a second parse of the whole file.
#[derive(Default)]
pub struct SourceMap {
    text: Option<Text>,
    scan: Mutex<Option<Scan>>,
}

impl Clone for SourceMap {
    fn clone(&self) -> SourceMap {
        SourceMap {
            text: self.text.clone(),
            scan: Mutex::new(None),
        }
    }
}

impl fmt::Debug for SourceMap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SourceMap")
            .field("bytes", &self.text.as_ref().map_or(0, |t| t.as_str().len()))
            .finish()
    }
}

/// The events read so far, and the parser to read more.
struct Scan {
    parser: Parser<OwnedChars>,
    builder: Builder<'static>,
    done: bool,
}

/// How many events a lookup reads before it looks again for what it wants.
const SCAN_CHUNK: usize = 2048;

impl Scan {
    fn new(text: Text) -> Scan {
        let guard = Guard {
            noun: "a file",
            refuse_unsafe_text: false,
        };
        Scan {
            parser: Parser::new(OwnedChars { text, at: 0 }),
            builder: Builder::new(guard, true),
            done: false,
        }
    }

    fn advance(&mut self) {
        for _ in 0..SCAN_CHUNK {
            if !self.builder.step(&mut self.parser) {
                self.done = true;
                return;
            }
        }
    }
}

/// The file's characters, owned, so the parser can be kept between lookups.
struct OwnedChars {
    text: Text,
    at: usize,
}

impl Iterator for OwnedChars {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.text.as_str()[self.at..].chars().next()?;
        self.at += c.len_utf8();
        Some(c)
    }
}

#[derive(Debug, Clone)]
enum Text {
    Shared(Arc<str>),
    Owned(Arc<String>),
    Static(&'static str),
}

impl Text {
    fn as_str(&self) -> &str {
        match self {
            Text::Shared(text) => text,
            Text::Owned(text) => text,
            Text::Static(text) => text,
        }
    }
}

#[derive(Debug, Clone)]
struct Positions {
    children: HashMap<(usize, Segment), usize>,
    entries: Vec<Entry>,
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
enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    key: Option<Location>,
    value: Option<Location>,
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

impl SourceMap {
    /// A map whose positions are worked out from `text` when first asked for.
    pub fn of(text: Arc<str>) -> SourceMap {
        SourceMap {
            text: Some(Text::Shared(text)),
            scan: Mutex::new(None),
        }
    }

    /// The same, keeping the file's text as it was read (no copy of a large guide).
    pub fn of_string(text: String) -> SourceMap {
        SourceMap {
            text: Some(Text::Owned(Arc::new(text))),
            scan: Mutex::new(None),
        }
    }

    /// The same, for text that lives as long as the program (a guide inside the binary): it is
    /// neither copied nor read unless a problem must be located.
    pub fn of_static(text: &'static str) -> SourceMap {
        SourceMap {
            text: Some(Text::Static(text)),
            scan: Mutex::new(None),
        }
    }

    /// Where the value at `path` starts; falls back to its key, then to the closest parent.
    pub fn value(&self, path: &str) -> Location {
        self.lookup(path, true)
    }

    /// Where the key of `path` stands; falls back to its value, then to the closest parent.
    pub fn key(&self, path: &str) -> Location {
        self.lookup(path, false)
    }

    fn lookup(&self, path: &str, prefer_value: bool) -> Location {
        let Some(text) = &self.text else {
            return Location::START;
        };
        // A poisoned lock only means a lookup panicked midway; the events read stay valid.
        let mut scan = self.scan.lock().unwrap_or_else(PoisonError::into_inner);
        let scan = scan.get_or_insert_with(|| Scan::new(text.clone()));
        loop {
            let (found, whole) = resolve(&scan.builder.map, path);
            if whole || scan.done {
                let entry = scan.builder.map.entries[found];
                let (first, second) = if prefer_value {
                    (entry.value, entry.key)
                } else {
                    (entry.key, entry.value)
                };
                return first.or(second).unwrap_or(Location::START);
            }
            scan.advance();
        }
    }
}

/// The entry `path` names, or its closest parent read so far; and whether it was the whole path.
fn resolve(map: &Positions, path: &str) -> (usize, bool) {
    let mut found = 0;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let by_index = part.parse().ok().map(Segment::Index);
        let next = by_index
            .and_then(|seg| map.children.get(&(found, seg)))
            .or_else(|| map.children.get(&(found, Segment::Key(part.to_string()))));
        match next {
            Some(&child) => found = child,
            None => return (found, false),
        }
    }
    (found, true)
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

struct Builder<'a> {
    guard: Guard<'a>,
    /// A lookup reads on past a refusal, to locate what it can; the guard stops at the first.
    record: bool,
    map: Positions,
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
    fn new(guard: Guard<'a>, record: bool) -> Self {
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
    fn step<T: Iterator<Item = char>>(&mut self, parser: &mut Parser<T>) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "id: demo\nnodes:\n  - id: first\n    yes: second\n  - id: second\n    options:\n      - {id: a, label: A}\n";

    const GUIDE: Guard<'static> = Guard {
        noun: "a guide",
        refuse_unsafe_text: true,
    };

    fn map(text: &str) -> SourceMap {
        SourceMap::of(Arc::from(text))
    }

    #[test]
    fn finds_keys_and_values_by_path() {
        let map = map(TEXT);
        assert_eq!(map.key("id"), Location { line: 1, column: 1 });
        assert_eq!(map.value("id"), Location { line: 1, column: 5 });
        assert_eq!(
            map.value("nodes.0.yes"),
            Location {
                line: 4,
                column: 10
            }
        );
        assert_eq!(map.key("nodes.1.id"), Location { line: 5, column: 5 });
        assert_eq!(
            map.key("nodes.1.options.0.label"),
            Location {
                line: 7,
                column: 17
            }
        );
    }

    #[test]
    fn a_lookup_near_the_top_reads_only_as_far_as_it_needs() {
        let nodes: String = (0..20_000)
            .map(|i| {
                format!(
                    "  - {{id: n{i}, kind: info, prompt: p, next: n{}}}\n",
                    i + 1
                )
            })
            .collect();
        let map = map(&format!("id: big\ntitle: t\nnodes:\n{nodes}"));
        assert_eq!(map.key("title"), Location { line: 2, column: 1 });
        let done = |m: &SourceMap| {
            m.scan
                .lock()
                .expect("lock")
                .as_ref()
                .is_some_and(|s| s.done)
        };
        assert!(!done(&map), "the rest of the file was not read");
        assert_eq!(
            map.value("nodes.19999.next"),
            Location {
                line: 20_003,
                column: 47
            }
        );
        assert_eq!(
            map.value("nodes.20000"),
            map.value("nodes"),
            "a missing path reads it all"
        );
        assert!(done(&map));
    }

    #[test]
    fn unknown_paths_fall_back_to_the_nearest_parent() {
        let map = map(TEXT);
        assert_eq!(map.value("nodes.0.no"), map.value("nodes.0"));
        assert_eq!(map.value("nowhere"), Location::START);
        assert_eq!(SourceMap::default().value("id"), Location::START);
    }

    #[test]
    fn a_key_given_twice_in_one_mapping_is_refused_at_the_second() {
        let (loc, message) =
            guarded_pass("id: a\ntitle: t\nid: b\n", GUIDE).expect_err("duplicate");
        assert_eq!(loc, Location { line: 3, column: 1 });
        assert!(message.contains("'id' appears twice"), "{message}");
        assert!(message.contains("first at line 1"), "{message}");
        assert!(
            guarded_pass("a: {id: 1}\nb: {id: 2}\n", GUIDE).is_ok(),
            "same key in two maps is fine"
        );
    }

    #[test]
    fn deep_nesting_is_refused_at_the_level_that_is_too_deep() {
        let text = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let (loc, message) = guarded_pass(&text, GUIDE).expect_err("too deep");
        assert_eq!(loc.line, 1);
        assert!(loc.column < 300, "{loc:?}");
        assert!(message.contains("nests deeper"));
    }

    #[test]
    fn deep_block_sequences_are_refused_without_recursion() {
        let text = format!("{}x", "- ".repeat(200_000));
        let (loc, message) = guarded_pass(&text, GUIDE).expect_err("too deep");
        assert_eq!(loc.line, 1);
        assert_eq!(loc.column, 2 * MAX_DEPTH + 1);
        assert!(message.contains("a guide needs only a few"), "{message}");
        assert_eq!(map(&text).value("0.0.0"), Location { line: 1, column: 7 });
    }

    #[test]
    fn aliases_that_expand_too_far_are_refused_without_expanding_them() {
        let big = "x".repeat(1024 * 1024);
        let refs = vec!["*s"; 64].join(", ");
        let text = format!("summary: &s {big}\nsteps: [{refs}]\n");
        let (loc, message) = guarded_pass(&text, GUIDE).expect_err("bomb");
        assert_eq!(loc.line, 2);
        assert!(message.contains("alias bomb"));
    }

    #[test]
    fn many_small_aliased_values_count_as_well_as_long_strings() {
        let options: Vec<String> = (0..10_000)
            .map(|i| format!("{{id: a{i}, label: L}}"))
            .collect();
        let uses = vec!["*o"; 200].join(", ");
        let text = format!("o: &o [{}]\nuses: [{uses}]\n", options.join(", "));
        assert!(text.len() < 300_000);
        let (_, message) = guarded_pass(&text, GUIDE).expect_err("bomb of small values");
        assert!(message.contains("alias bomb"), "{message}");
        let few = format!("o: &o [{}]\nuses: [*o, *o]\n", options[..10].join(", "));
        assert!(guarded_pass(&few, GUIDE).is_ok());
    }

    #[test]
    fn escapes_that_make_control_characters_are_refused_in_guides_only() {
        let text = "a: 1\ntitle: \"Demo \\e]0;PWNED\\a guide\"\n";
        let (loc, message) = guarded_pass(text, GUIDE).expect_err("escape");
        assert_eq!(loc, Location { line: 2, column: 8 });
        assert!(message.contains("U+001B"), "{message}");
        let answers = Guard {
            noun: "an answers file",
            refuse_unsafe_text: false,
        };
        assert!(guarded_pass(text, answers).is_ok());
    }
}
