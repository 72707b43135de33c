//! A guide's `use` list: the parts it is made with (shared nodes, access kinds and references in
//! files of their own) are read, depth first, and put before the guide's own (the error details
//! come first, and the access question lists the common kinds first), each remembered with the
//! range of items it brought so that a problem in them is reported in the part's file.
//!
//! A part named twice (two parts sharing a third) is merged once; a part that leads back to a
//! file already being read is a cycle, reported at the `use` entry that closes it.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::super::model::{Part, FORMAT_VERSION};
use super::super::problem::Problem;
use super::super::source_map::SourceMap;
use super::{bytes, content_hash, parse_text, LoadedGuide, YamlKind};

/// Where a part's items stand in the merged guide, and how to point into its file.
#[derive(Debug, Clone)]
pub struct PartSpan {
    pub file: String,
    pub source: SourceMap,
    pub nodes: Range<usize>,
    pub access: Range<usize>,
    pub references: Range<usize>,
}

/// Where the guide's own items start in the merged lists (after its parts').
#[derive(Debug, Clone, Copy, Default)]
pub struct Offsets {
    pub nodes: usize,
    pub access: usize,
    pub references: usize,
}

/// How a part's bytes are got: from disk, or (in tests) from a map of names.
pub trait PartReader {
    fn read(&self, path: &Path) -> Result<Vec<u8>, Problem>;
}

/// Reads parts from the file system with the limits every YAML file gets.
pub struct Disk;

impl PartReader for Disk {
    fn read(&self, path: &Path) -> Result<Vec<u8>, Problem> {
        bytes::read_file(path, YamlKind::Part)
    }
}

/// Merges the parts `loaded` uses, found relative to `dir` (the guide file's folder). Problems
/// (a missing file, a cycle, a part that does not parse) are kept in `loaded.part_problems`, for
/// the validator to report with the rest.
pub fn merge_parts(loaded: &mut LoadedGuide, guide_path: &Path, reader: &dyn PartReader) {
    if loaded.guide.uses.is_empty() {
        return;
    }
    let uses = std::mem::take(&mut loaded.guide.uses);
    let mut merge = Merge {
        loaded,
        reader,
        stack: vec![normal(guide_path)],
        seen: Vec::new(),
        hashes: String::new(),
    };
    let main = Source {
        file: merge.loaded.file.clone(),
        source: merge.loaded.source.clone(),
        dir: guide_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
    };
    // Collected apart, then put before the guide's own items.
    let own = std::mem::take(&mut merge.loaded.guide.nodes);
    let own_access = std::mem::take(&mut merge.loaded.guide.access);
    let own_references = std::mem::take(&mut merge.loaded.guide.references);
    merge.visit(&main, &uses);
    let guide = &mut merge.loaded.guide;
    merge.loaded.own = Offsets {
        nodes: guide.nodes.len(),
        access: guide.access.len(),
        references: guide.references.len(),
    };
    guide.nodes.extend(own);
    guide.access.extend(own_access);
    guide.references.extend(own_references);
    if !merge.hashes.is_empty() {
        let combined = format!("{}{}", merge.loaded.hash, merge.hashes);
        merge.loaded.hash = content_hash(combined.as_bytes());
    }
}

struct Source {
    file: String,
    source: SourceMap,
    dir: PathBuf,
}

struct Merge<'a> {
    loaded: &'a mut LoadedGuide,
    reader: &'a dyn PartReader,
    /// The files being read, from the guide down to the current part: a `use` of one of them
    /// closes a cycle.
    stack: Vec<PathBuf>,
    /// Parts already merged, so a part shared by two others comes in once.
    seen: Vec<PathBuf>,
    /// Each merged part's own hash, so the guide's hash changes when a part does.
    hashes: String,
}

impl Merge<'_> {
    fn visit(&mut self, from: &Source, uses: &[String]) {
        for (j, entry) in uses.iter().enumerate() {
            let at = from.source.value(&format!("use.{j}"));
            let problem = |message: String| Problem::error(&from.file, at, message);
            let written = Path::new(entry.trim());
            if entry.trim().is_empty() || written.is_absolute() {
                self.loaded.part_problems.push(problem(format!(
                    "'use' names '{entry}': give a path relative to this file's folder, e.g. 'common/error-details.yaml'"
                )));
                continue;
            }
            let path = normal(&from.dir.join(written));
            if let Some(first) = self.stack.iter().position(|p| *p == path) {
                let chain: Vec<String> = self.stack[first..]
                    .iter()
                    .chain(std::iter::once(&path))
                    .map(|p| shown(p))
                    .collect();
                self.loaded.part_problems.push(problem(format!(
                    "'use' of '{entry}' makes a cycle ({}); a part cannot use a file that uses it",
                    chain.join(" -> ")
                )));
                continue;
            }
            if self.seen.contains(&path) {
                continue;
            }
            let name = display_name(&from.file, entry, &path);
            let bytes = match self.reader.read(&path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    self.loaded.part_problems.push(problem(format!(
                        "cannot read the part '{entry}' ({}): {}; parts are found relative to the file that uses them",
                        path.display(),
                        e.message
                    )));
                    continue;
                }
            };
            let part = match read_part(&name, &bytes) {
                Ok(part) => part,
                Err(problem) => {
                    self.loaded.part_problems.push(problem);
                    continue;
                }
            };
            self.seen.push(path.clone());
            self.hashes.push_str(&content_hash(&bytes));
            let source = match String::from_utf8(bytes) {
                Ok(text) if !text.starts_with('\u{feff}') => SourceMap::of_string(text),
                Ok(text) => SourceMap::of(Arc::from(&text['\u{feff}'.len_utf8()..])),
                Err(_) => SourceMap::default(),
            };
            let here = Source {
                file: name,
                source,
                dir: path.parent().map(Path::to_path_buf).unwrap_or_default(),
            };
            // Its own parts first, so what it builds on stands before it.
            self.stack.push(path);
            self.visit(&here, &part.uses);
            self.stack.pop();
            self.append(here, part);
        }
    }

    fn append(&mut self, from: Source, part: Part) {
        let guide = &mut self.loaded.guide;
        let span = |len: usize, add: usize| len..len + add;
        let nodes = span(guide.nodes.len(), part.nodes.len());
        let access = span(guide.access.len(), part.access.len());
        let references = span(guide.references.len(), part.references.len());
        guide.nodes.extend(part.nodes);
        guide.access.extend(part.access);
        guide.references.extend(part.references);
        self.loaded.parts.push(PartSpan {
            file: from.file,
            source: from.source,
            nodes,
            access,
            references,
        });
    }
}

/// A part named on its own (`tshoot validate common/x.yaml`): read and parsed, with located
/// problems. Its routes are checked in the guides that use it, where their targets are known.
pub fn read_part_file(path: &Path) -> Result<Part, Problem> {
    let bytes = Disk.read(path)?;
    read_part(&path.display().to_string(), &bytes)
}

/// [`read_part_file`] for bytes already read.
pub fn read_part(file: &str, bytes: &[u8]) -> Result<Part, Problem> {
    let text = bytes::checked_text(file, bytes, YamlKind::Part)?;
    let part: Part = parse_text(file, text, YamlKind::Part)?;
    if part.format != FORMAT_VERSION {
        let at = SourceMap::of(Arc::from(text)).value("format");
        return Err(Problem::error(
            file,
            at,
            format!(
                "format {} is not one this build reads; write 'format: {FORMAT_VERSION}'",
                part.format
            ),
        ));
    }
    Ok(part)
}

/// The path with `.` and `..` worked out by its words (no file system needed), so the same file
/// named two ways is one file.
fn normal(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A file as a cycle message names it: its last two path parts are enough to tell them apart.
fn shown(path: &Path) -> String {
    let parts: Vec<_> = path.iter().collect();
    let tail = &parts[parts.len().saturating_sub(2)..];
    tail.iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// How problems name a part: as its user names it, joined to the user's own name (so a bundled
/// guide's part reads `guides/common/x.yaml`), unless that would not be the same file.
fn display_name(from_file: &str, entry: &str, path: &Path) -> String {
    let base = Path::new(from_file).parent().unwrap_or(Path::new(""));
    let joined = base.join(entry);
    let tidy: PathBuf = joined
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    if tidy.components().any(|c| matches!(c, Component::ParentDir)) {
        return path.display().to_string();
    }
    tidy.display().to_string()
}
