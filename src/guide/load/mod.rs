//! Reads YAML bytes (a guide, an answers file, a scenario) into typed values: the only module
//! that names `serde_yaml`. Refuses what is not a sane file before any parser sees it, parses a
//! plain file once, and runs the guarded event pass (depth, aliases, duplicate keys, control
//! characters) first only when a glance at the bytes says the file could need it.

mod batches;
mod bytes;
mod explain;
mod parts;
mod prescan;

use std::sync::Arc;

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use super::model::{Guide, Header};
use super::problem::{Location, Problem};
use super::source_map::{guarded_pass, Guard, SourceMap};

pub use bytes::{read_file, MAX_YAML_BYTES};
pub use parts::{merge_parts, read_part, read_part_file, Disk, Offsets, PartReader, PartSpan};

/// Kept for callers that name the guide limit: one limit covers every YAML file tshoot reads.
pub const MAX_GUIDE_BYTES: usize = MAX_YAML_BYTES;

/// What a YAML file is for: it words the messages and decides how strict the text check is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlKind {
    Guide,
    Part,
    Answers,
    Scenario,
}

impl YamlKind {
    /// "a guide", "an answers file", "a scenario".
    pub fn a(self) -> &'static str {
        match self {
            YamlKind::Guide => "a guide",
            YamlKind::Part => "a part of guides",
            YamlKind::Answers => "an answers file",
            YamlKind::Scenario => "a scenario",
        }
    }

    /// "one guide", "one answers file", "one scenario".
    fn one(self) -> &'static str {
        match self {
            YamlKind::Guide => "one guide",
            YamlKind::Part => "one part",
            YamlKind::Answers => "one set of answers",
            YamlKind::Scenario => "one scenario",
        }
    }

    fn guard(self) -> Guard<'static> {
        Guard {
            noun: self.a(),
            refuse_unsafe_text: matches!(self, YamlKind::Guide | YamlKind::Part),
        }
    }
}

/// A parsed guide with what is needed to point back into its file.
#[derive(Debug, Clone)]
pub struct LoadedGuide {
    pub guide: Guide,
    /// How problems name the file: a path, or `bundled:<name>` for guides inside the binary.
    pub file: String,
    /// Positions, worked out from the text only if a problem must be located.
    pub source: SourceMap,
    /// `sha256:<hex>` of the file's bytes (and of the parts it uses), pinned by sessions to
    /// notice a changed guide.
    pub hash: String,
    /// The parts merged into the guide, in the order their nodes follow the guide's own.
    pub parts: Vec<PartSpan>,
    /// What went wrong reading the parts (a missing file, a cycle): reported by the validator.
    pub part_problems: Vec<Problem>,
    /// Where the guide's own nodes, access kinds and references start, after its parts'.
    pub own: Offsets,
}

impl LoadedGuide {
    /// A guide read from one text, with no parts merged (yet).
    pub fn single(guide: Guide, file: String, source: SourceMap, hash: String) -> LoadedGuide {
        LoadedGuide {
            guide,
            file,
            source,
            hash,
            parts: Vec::new(),
            part_problems: Vec::new(),
            own: Offsets::default(),
        }
    }

    /// Which file a dotted path of the merged guide points into (0 the guide, `i + 1` its
    /// part `i`), and the path within that file.
    pub fn locate_path(&self, path: &str) -> (usize, String) {
        let mut segments = path.splitn(3, '.');
        let (Some(list), Some(index)) = (segments.next(), segments.next()) else {
            return (0, path.to_string());
        };
        let Ok(index) = index.parse::<usize>() else {
            return (0, path.to_string());
        };
        if !matches!(list, "nodes" | "access" | "references") {
            return (0, path.to_string());
        }
        let rest = segments.next();
        let here = |i: usize, local: usize| match rest {
            Some(rest) => (i, format!("{list}.{local}.{rest}")),
            None => (i, format!("{list}.{local}")),
        };
        for (i, part) in self.parts.iter().enumerate() {
            let range = match list {
                "nodes" => &part.nodes,
                "access" => &part.access,
                _ => &part.references,
            };
            if range.contains(&index) {
                return here(i + 1, index - range.start);
            }
        }
        let offset = match list {
            "nodes" => self.own.nodes,
            "access" => self.own.access,
            _ => self.own.references,
        };
        here(0, index.saturating_sub(offset))
    }

    /// The file name and source map of file `i` as [`LoadedGuide::locate_path`] numbers them.
    pub fn file_of(&self, i: usize) -> (&str, &SourceMap) {
        match i.checked_sub(1).and_then(|p| self.parts.get(p)) {
            Some(part) => (&part.file, &part.source),
            None => (&self.file, &self.source),
        }
    }
}

pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

pub fn load(file: &str, bytes: &[u8]) -> Result<LoadedGuide, Problem> {
    let text = bytes::checked_text(file, bytes, YamlKind::Guide)?;
    let guide = parse_guide(file, text)?;
    Ok(LoadedGuide::single(
        guide,
        file.to_string(),
        SourceMap::of(Arc::from(text)),
        content_hash(bytes),
    ))
}

/// [`load`] for bytes read from a file: the text is kept as read, not copied.
pub fn load_owned(file: &str, bytes: Vec<u8>) -> Result<LoadedGuide, Problem> {
    let guide = parse_guide(file, bytes::checked_text(file, &bytes, YamlKind::Guide)?)?;
    let hash = content_hash(&bytes);
    let source = match String::from_utf8(bytes) {
        // A leading byte-order mark shifts nothing that matters: positions count characters.
        Ok(text) if !text.starts_with('\u{feff}') => SourceMap::of_string(text),
        Ok(text) => SourceMap::of(Arc::from(&text['\u{feff}'.len_utf8()..])),
        Err(_) => SourceMap::default(),
    };
    Ok(LoadedGuide::single(guide, file.to_string(), source, hash))
}

fn parse_guide(file: &str, text: &str) -> Result<Guide, Problem> {
    if is_blank(text) {
        return Err(Problem::error(
            file,
            Location::START,
            "the file holds no YAML (it is empty or only comments); a guide starts with 'format: 1', 'id:', 'title:' and 'nodes:'",
        ));
    }
    if is_part(text) {
        return Err(Problem::error(
            file,
            Location::START,
            "this file is a part of guides (it has 'part:'), not a guide: a guide names it in its 'use' list, and `tshoot validate` checks it there",
        ));
    }
    // A large guide in the common layout is parsed a batch of nodes at a time, so memory stays
    // near the size of the guide; anything else (or any problem) takes the whole-file parse.
    let batched = (text.len() >= batches::MIN_BYTES && !prescan::needs_guarded_pass(text))
        .then(|| batches::parse(text))
        .flatten();
    match batched {
        Some(guide) => Ok(guide),
        None => parse_text(file, text, YamlKind::Guide),
    }
}

/// The header of a guide (id, title, version, summary, codes) without reading its nodes: the
/// top-level `nodes:` block is cut out before parsing, so the cost does not grow with the guide.
pub fn load_header(file: &str, bytes: &[u8]) -> Result<Header, Problem> {
    let text = bytes::checked_text(file, bytes, YamlKind::Guide)?;
    parse_text(file, &without_nodes(text), YamlKind::Guide)
}

/// The text without its top-level `nodes:` block (from that key to the next top-level key).
fn without_nodes(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    let mut in_nodes = false;
    for line in text.split_inclusive('\n') {
        if batches::is_top_level_key(line) {
            in_nodes = line.starts_with("nodes:") || line.starts_with("\"nodes\":");
        }
        if !in_nodes {
            out.push_str(line);
        }
    }
    out
}

/// Reads any other YAML file tshoot takes (answers, scenarios) with the same limits and located
/// errors as guides.
pub fn parse_yaml<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    kind: YamlKind,
) -> Result<T, Problem> {
    let text = bytes::checked_text(file, bytes, kind)?;
    parse_text(file, text, kind)
}

fn parse_text<T: DeserializeOwned>(file: &str, text: &str, kind: YamlKind) -> Result<T, Problem> {
    let refuse = |(at, message)| Problem::error(file, at, message);
    if prescan::needs_guarded_pass(text) {
        guarded_pass(text, kind.guard()).map_err(refuse)?;
    }
    serde_yaml::from_str(text).map_err(|error| {
        // The guard's reason (a duplicate key, say) is more precise than serde's symptom of it.
        match guarded_pass(text, kind.guard()) {
            Err(refusal) => refuse(refusal),
            Ok(()) => explain::yaml_problem(file, &error, kind),
        }
    })
}

#[cfg(test)]
mod header_tests {
    use super::*;

    #[test]
    fn the_header_is_read_without_the_nodes_wherever_they_stand() {
        let text = "format: 1\nid: g\nnodes:\n- id: a\n  kind: info\n  prompt: \"x\"\n  next: b\ntitle: T\nerror_codes: [AADSTS1]\n";
        assert_eq!(
            without_nodes(text),
            "format: 1\nid: g\ntitle: T\nerror_codes: [AADSTS1]\n"
        );
        let header = load_header("g.yaml", text.as_bytes()).expect("header");
        assert_eq!(header.id, "g");
        assert_eq!(header.title, "T");
        assert_eq!(header.error_codes, vec!["AADSTS1"]);
    }

    #[test]
    fn a_header_that_is_not_there_is_a_located_error() {
        assert!(load_header("g.yaml", b"nodes: []\n").is_err());
    }
}

/// Whether the text is a part (a top-level `part:` key), not a guide. A substring search: it
/// runs over every guide a folder holds, some of them megabytes.
pub fn is_part(text: &str) -> bool {
    text.starts_with("part:") || text.contains("\npart:")
}

/// Empty, blank or only comments: nothing a parser could make a value of.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "format: 1\nid: demo\ntitle: Demo\nversion: 1.0.0\nsections: []\nstart: end\nnodes:\n  - id: end\n    kind: resolution\n";

    #[test]
    fn a_minimal_guide_loads_and_is_hashed() {
        let loaded = load("demo.yaml", MINIMAL.as_bytes()).expect("loads");
        assert_eq!(loaded.guide.id, "demo");
        assert!(loaded.hash.starts_with("sha256:"));
        assert_eq!(loaded.hash.len(), "sha256:".len() + 64);
    }

    #[test]
    fn an_unknown_key_names_the_key_line_and_allowed_keys() {
        let text = MINIMAL.replace(
            "    kind: resolution\n",
            "    kind: resolution\n    promt: hi\n",
        );
        let p = load("g.yaml", text.as_bytes()).expect_err("typo refused");
        assert_eq!(p.location.line, 10);
        assert!(p.message.contains("unknown key 'promt'"), "{}", p.message);
        assert!(p.message.contains("'prompt'"), "{}", p.message);
    }

    #[test]
    fn binary_and_non_utf8_files_are_refused_with_a_location() {
        let p = load("g.yaml", b"format: 1\nid: x\x00").expect_err("binary");
        assert!(p.message.contains("binary"));
        assert_eq!(p.location, Location { line: 2, column: 6 });
        let p = load("g.yaml", b"id: caf\xe9\n").expect_err("latin-1");
        assert!(p.message.contains("UTF-8"));
        assert_eq!(p.location, Location { line: 1, column: 8 });
    }

    #[test]
    fn empty_and_oversized_files_are_refused() {
        assert!(load("g.yaml", b"  \n")
            .expect_err("empty")
            .message
            .contains("empty"));
        let big = vec![b'#'; MAX_GUIDE_BYTES + 1];
        assert!(load("g.yaml", &big)
            .expect_err("big")
            .message
            .contains("8 MiB limit"));
    }
}
