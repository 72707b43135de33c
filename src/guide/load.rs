//! Reads guide bytes into a [`Guide`]: the only module that names `serde_yaml`. Refuses what is
//! not a sane guide file (too large, binary, not UTF-8) before the YAML parser ever sees it.

use sha2::{Digest, Sha256};

use super::model::Guide;
use super::problem::{Location, Problem};
use super::source_map::SourceMap;

/// Guides are hand-written text; anything larger is a mistake or an attack.
pub const MAX_GUIDE_BYTES: usize = 8 * 1024 * 1024;

/// A parsed guide with what is needed to point back into its file.
#[derive(Debug, Clone)]
pub struct LoadedGuide {
    pub guide: Guide,
    /// How problems name the file: a path, or `bundled:<name>` for guides inside the binary.
    pub file: String,
    pub source: SourceMap,
    /// `sha256:<hex>` of the file's bytes, pinned by sessions to notice a changed guide.
    pub hash: String,
}

pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Line and column (1-based, in characters) of a byte offset.
fn location_of_byte(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Location { line, column }
}

pub fn load(file: &str, bytes: &[u8]) -> Result<LoadedGuide, Problem> {
    let text = check_text(file, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Problem::error(
            file,
            Location::START,
            "the file is empty; a guide starts with 'format: 1', 'id:', 'title:' and 'nodes:'",
        ));
    }
    let source =
        SourceMap::build(text).map_err(|(at, message)| Problem::error(file, at, message))?;
    let guide: Guide = serde_yaml::from_str(text).map_err(|e| yaml_problem(file, &e))?;
    Ok(LoadedGuide {
        guide,
        file: file.to_string(),
        source,
        hash: content_hash(bytes),
    })
}

fn check_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    if bytes.len() > MAX_GUIDE_BYTES {
        return Err(Problem::error(
            file,
            Location::START,
            format!(
                "the file is {:.2} MiB, over the {} MiB limit for a guide: split it or check it is the right file",
                bytes.len() as f64 / 1_048_576.0,
                MAX_GUIDE_BYTES / 1_048_576
            ),
        ));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(Problem::error(
            file,
            location_of_byte(bytes, nul),
            "this is a binary file (it holds a NUL byte); a guide is YAML text in UTF-8",
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        Problem::error(
            file,
            location_of_byte(bytes, e.valid_up_to()),
            "this byte is not valid UTF-8; save the guide as UTF-8 text",
        )
    })
}

/// Reads any other YAML file tshoot takes (answers, scenarios) with the same located errors.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<T, Problem> {
    let text = check_text(file, bytes)?;
    serde_yaml::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
        .map_err(|e| yaml_problem(file, &e))
}

fn yaml_problem(file: &str, error: &serde_yaml::Error) -> Problem {
    let location = error.location().map_or(Location::START, |l| Location {
        line: l.line(),
        column: l.column(),
    });
    let mut message = error.to_string();
    // serde_yaml appends the position to its text; ours is already in the prefix.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    Problem::error(file, location, explain(&message))
}

/// Turns serde's wording into what a guide author should do.
fn explain(message: &str) -> String {
    if message.contains("unknown field") {
        let expected = message.split(", expected").nth(1).unwrap_or("").trim();
        let field = message.split('`').nth(1).unwrap_or("?");
        let scope = message
            .split(": unknown")
            .next()
            .filter(|s| !s.starts_with("unknown"));
        let at = scope.map(|s| format!(" in {s}")).unwrap_or_default();
        return format!(
            "unknown key '{field}'{at}; allowed keys: {}",
            expected.replace('`', "'")
        );
    }
    if message.contains("more than one document") {
        return "the file holds more than one YAML document ('---'); put one guide in each file"
            .to_string();
    }
    if message.contains("recursion limit exceeded") {
        return "the YAML nests too deeply; a guide needs only a few levels".to_string();
    }
    if message.contains("repetition limit exceeded") {
        return "aliases expand to too much data (an alias bomb?); write the values out instead"
            .to_string();
    }
    let message = message
        .replace(
            "expected struct Guide",
            "expected a guide: a mapping that starts with 'format: 1'",
        )
        .replace(
            "expected struct Node",
            "expected a node: a mapping with 'id', 'kind' and 'prompt'",
        )
        .replace(
            "expected struct Section",
            "expected a section: {id: ..., title: ...}",
        )
        .replace(
            "expected struct Reference",
            "expected a reference: {title: ..., url: ...}",
        )
        .replace(
            "expected struct Choice",
            "expected an option: {id: ..., label: ..., next: ...}",
        )
        .replace(
            "expected struct Rule",
            "expected a rule: {when: \"...\", goto: ...}",
        )
        .replace("expected struct BranchFields", "expected a map with 'next'")
        .replace("expected u32", "expected a whole number")
        .replace(
            "data did not match any variant of untagged enum ScriptEntry",
            "expected an answer (yes, no, an option id, a list of option ids, text) or {answer: ..., note: ...}",
        );
    if message.contains("tab character") {
        return format!("{message}; indent YAML with spaces, never tabs");
    }
    if message.contains("unexpected end of stream") {
        return "the file ends inside an unclosed quote or bracket; close it".to_string();
    }
    message.replace('`', "'")
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
