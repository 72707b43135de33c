//! Where each key and value of a YAML file stands, found by a guarded pass over its events: the
//! pass refuses nesting deeper than [`MAX_DEPTH`], aliases that expand too far, keys given twice
//! and (in guides) text holding control characters. serde gives no spans, so positions are only
//! worked out when a problem must be located: a valid file is never read twice for them.

mod events;
#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use yaml_rust2::parser::Parser;

use super::problem::Location;
use events::{Builder, Positions, Segment};

pub use events::{guarded_pass, Guard, MAX_DEPTH, MAX_EXPANDED_WEIGHT};

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
