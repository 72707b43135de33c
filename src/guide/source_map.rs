//! Where each key and value of a guide file stands, so problems found after parsing can name a
//! line and column. serde gives no spans, so the file is read a second time as marked YAML events.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use super::problem::Location;

/// Positions keyed by a dotted path such as `nodes.3.options.1.next`.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    keys: HashMap<String, Location>,
    values: HashMap<String, Location>,
}

impl SourceMap {
    pub fn build(text: &str) -> SourceMap {
        let mut builder = Builder::default();
        // A file serde accepted is well-formed YAML; should this second reader still disagree,
        // locations degrade to the nearest known parent instead of failing the load.
        let _ = Parser::new_from_str(text).load(&mut builder, false);
        builder.map
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
        let mut current = path;
        loop {
            let (first, second) = if prefer_value {
                (&self.values, &self.keys)
            } else {
                (&self.keys, &self.values)
            };
            if let Some(loc) = first.get(current).or_else(|| second.get(current)) {
                return *loc;
            }
            match current.rfind('.') {
                Some(dot) => current = &current[..dot],
                None => return Location::START,
            }
        }
    }
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

#[derive(Default)]
struct Builder {
    map: SourceMap,
    stack: Vec<Frame>,
}

fn join(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}.{child}")
    }
}

fn location(mark: Marker) -> Location {
    Location {
        line: mark.line(),
        column: mark.col() + 1,
    }
}

impl Builder {
    /// Called for every value start: records it and returns the path the value lives at.
    fn enter_value(&mut self, mark: Marker) -> Option<String> {
        let path = match self.stack.last_mut() {
            None => String::new(),
            Some(Frame::Seq { path, index }) => {
                let p = join(path, &index.to_string());
                *index += 1;
                p
            }
            Some(Frame::Map { path, key }) => {
                let k = key.take()?;
                join(path, &k)
            }
        };
        self.map
            .values
            .entry(path.clone())
            .or_insert(location(mark));
        Some(path)
    }

    fn is_expecting_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { key: None, .. }))
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(text, ..) if self.is_expecting_key() => {
                if let Some(Frame::Map { path, key }) = self.stack.last_mut() {
                    self.map
                        .keys
                        .entry(join(path, &text))
                        .or_insert(location(mark));
                    *key = Some(text);
                }
            }
            Event::MappingStart(..) if self.is_expecting_key() => {
                // A complex key: give it a placeholder name so its contents stay out of the way.
                if let Some(Frame::Map { key, .. }) = self.stack.last_mut() {
                    *key = Some("?".into());
                }
                self.stack.push(Frame::Map {
                    path: "?".into(),
                    key: None,
                });
            }
            Event::Scalar(..) | Event::Alias(_) => {
                self.enter_value(mark);
            }
            Event::MappingStart(..) => {
                let path = self.enter_value(mark).unwrap_or_default();
                self.stack.push(Frame::Map { path, key: None });
            }
            Event::SequenceStart(..) => {
                let path = self.enter_value(mark).unwrap_or_default();
                self.stack.push(Frame::Seq { path, index: 0 });
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
        let map = SourceMap::build(TEXT);
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
        let map = SourceMap::build(TEXT);
        assert_eq!(map.value("nodes.0.no"), map.value("nodes.0"));
        assert_eq!(map.value("nowhere"), Location::START);
    }
}
