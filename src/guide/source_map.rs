//! Where each key and value of a guide file stands, so problems found after parsing can name a
//! line and column. serde gives no spans, so the file is read a second time as marked YAML events.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::problem::Location;

/// Positions of every key and value, as a tree of entries looked up by a dotted path such as
/// `nodes.3.options.1.next`. Keys are moved out of the parser's events, so building it costs
/// no string copies; lookups happen only when there is a problem to report.
#[derive(Debug, Clone)]
pub struct SourceMap {
    children: HashMap<(usize, Segment), usize>,
    entries: Vec<Entry>,
}

impl Default for SourceMap {
    fn default() -> Self {
        SourceMap {
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

/// Deeper than this is no guide a person wrote; refusing early keeps the parsers fast and safe.
pub const MAX_DEPTH: usize = 48;
/// What all aliases together may expand to: generous for real guides, fatal for alias bombs.
pub const MAX_EXPANDED_BYTES: usize = 32 * 1024 * 1024;

impl SourceMap {
    /// Reads the marked events once. Refuses nesting deeper than [`MAX_DEPTH`] and aliases that
    /// expand past [`MAX_EXPANDED_BYTES`], before serde ever builds values from them. A syntax
    /// error is left for serde to report, in its words.
    pub fn build(text: &str) -> Result<SourceMap, (Location, String)> {
        let mut builder = Builder::default();
        if let Err(e) = Parser::new_from_str(text).load(&mut builder, false) {
            // This parser stops at its own nesting limit, before any event deep enough for ours.
            if e.info().contains("recursion limit") && builder.refused.is_none() {
                builder.refused = Some((location(*e.marker()), too_deep()));
            }
        }
        match builder.refused {
            Some(refusal) => Err(refusal),
            None => Ok(builder.map),
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
        let mut found = 0;
        for part in path.split('.').filter(|p| !p.is_empty()) {
            let by_index = part.parse().ok().map(Segment::Index);
            let next = by_index
                .and_then(|seg| self.children.get(&(found, seg)))
                .or_else(|| self.children.get(&(found, Segment::Key(part.to_string()))));
            match next {
                Some(&child) => found = child,
                None => break,
            }
        }
        let entry = self.entries[found];
        let (first, second) = if prefer_value {
            (entry.value, entry.key)
        } else {
            (entry.key, entry.value)
        };
        first.or(second).unwrap_or(Location::START)
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

#[derive(Default)]
struct Builder {
    map: SourceMap,
    stack: Vec<Frame>,
    /// Expanded size of each open container, and its anchor id (0 = none).
    sizes: Vec<(usize, usize)>,
    anchored: HashMap<usize, usize>,
    expanded: usize,
    refused: Option<(Location, String)>,
}

fn too_deep() -> String {
    format!("the YAML nests deeper than {MAX_DEPTH} levels; a guide needs only a few")
}

fn location(mark: Marker) -> Location {
    Location {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl Builder {
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
        let duplicate = match &segment {
            Segment::Key(name) if name != "?" => Some(name.clone()),
            _ => None,
        };
        let map = &mut self.map;
        let next_id = map.entries.len();
        let id = *map.children.entry((parent, segment)).or_insert(next_id);
        if id == next_id {
            map.entries.push(Entry {
                key: key_location,
                value: Some(location(mark)),
            });
        } else if let (Some(name), Some(at), None) = (duplicate, key_location, &self.refused) {
            let first = map.entries[id].key.unwrap_or(Location::START);
            self.refused = Some((
                at,
                format!(
                    "'{name}' appears twice in the same mapping (first at line {}); keep one",
                    first.line
                ),
            ));
        }
        Some(id)
    }

    fn is_expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }
}

impl Builder {
    fn add_size(&mut self, size: usize, mark: Marker) {
        self.expanded = self.expanded.saturating_add(size);
        if let Some(top) = self.sizes.last_mut() {
            top.0 = top.0.saturating_add(size);
        }
        if self.expanded > MAX_EXPANDED_BYTES && self.refused.is_none() {
            self.refused = Some((
                location(mark),
                format!(
                    "aliases expand to more than {} MiB (an alias bomb?); write the values out instead",
                    MAX_EXPANDED_BYTES / 1_048_576
                ),
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
                let size = text.len() + 1;
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
                self.sizes.push((1, *anchor));
                if self.sizes.len() > MAX_DEPTH {
                    self.refused = Some((location(mark), too_deep()));
                }
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

impl MarkedEventReceiver for Builder {
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

    #[test]
    fn finds_keys_and_values_by_path() {
        let map = SourceMap::build(TEXT).expect("plain YAML");
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
    fn unknown_paths_fall_back_to_the_nearest_parent() {
        let map = SourceMap::build(TEXT).expect("plain YAML");
        assert_eq!(map.value("nodes.0.no"), map.value("nodes.0"));
        assert_eq!(map.value("nowhere"), Location::START);
    }

    #[test]
    fn a_key_given_twice_in_one_mapping_is_refused_at_the_second() {
        let (loc, message) = SourceMap::build("id: a\ntitle: t\nid: b\n").expect_err("duplicate");
        assert_eq!(loc, Location { line: 3, column: 1 });
        assert!(message.contains("'id' appears twice"), "{message}");
        assert!(message.contains("first at line 1"), "{message}");
        assert!(
            SourceMap::build("a: {id: 1}\nb: {id: 2}\n").is_ok(),
            "same key in two maps is fine"
        );
    }

    #[test]
    fn deep_nesting_is_refused_at_the_level_that_is_too_deep() {
        let text = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        let (loc, message) = SourceMap::build(&text).expect_err("too deep");
        assert_eq!(loc.line, 1);
        assert!(loc.column < 300, "{loc:?}");
        assert!(message.contains("nests deeper"));
    }

    #[test]
    fn aliases_that_expand_too_far_are_refused_without_expanding_them() {
        let big = "x".repeat(1024 * 1024);
        let refs = vec!["*s"; 64].join(", ");
        let text = format!("summary: &s {big}\nsteps: [{refs}]\n");
        let (loc, message) = SourceMap::build(&text).expect_err("bomb");
        assert_eq!(loc.line, 2);
        assert!(message.contains("alias bomb"));
    }
}
