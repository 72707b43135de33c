//! A large guide read a batch of nodes at a time. serde_yaml keeps every event of the text it
//! parses in memory until it is done (some 25 bytes of events for each byte of YAML), so a
//! 100,000-node guide parsed whole peaks at many times its size. Its `nodes:` list is instead cut
//! into batches of whole nodes, each parsed on its own; the header is parsed with the list left
//! out. The same parser reads the same text: only how much of it is in memory at once changes.
//!
//! Only the common layout is cut: a block-style file with one top-level `nodes:` key holding a
//! block sequence, no anchors or aliases. Anything else, and any error at all, goes back to the
//! whole-file parse, which reports problems exactly where they stand.

use super::super::model::{Guide, Node};

/// Below this, a whole-file parse costs little memory and cutting saves nothing.
pub const MIN_BYTES: usize = 256 * 1024;
/// Nodes parsed at once: enough to share the parser's start-up, few enough to stay small.
const BATCH: usize = 512;

/// The guide, when its text has the common layout and every part parses; `None` sends the caller
/// to the whole-file parse.
pub fn parse(text: &str) -> Option<Guide> {
    let layout = Layout::of(text)?;
    let mut guide: Guide = serde_yaml::from_str(&layout.header).ok()?;
    let mut nodes: Vec<Node> = Vec::with_capacity(layout.items.len());
    for batch in layout.items.chunks(BATCH) {
        let (start, end) = (batch[0].0, batch[batch.len() - 1].1);
        let parsed: Vec<Node> = serde_yaml::from_str(&text[start..end]).ok()?;
        if parsed.len() != batch.len() {
            return None;
        }
        nodes.extend(parsed);
    }
    guide.nodes = nodes;
    Some(guide)
}

/// Where the parts of a guide file are.
struct Layout {
    /// The file with the lines of its `nodes:` block blanked (so lines keep their numbers), and
    /// an empty `nodes` list to satisfy the model.
    header: String,
    /// Byte ranges of the list's items, each a whole node with the comments after it.
    items: Vec<(usize, usize)>,
}

impl Layout {
    fn of(text: &str) -> Option<Layout> {
        if text.contains('\r') && text.replace("\r\n", "\n").contains('\r') {
            return None; // lone CRs: leave line breaking to the parser
        }
        let mut header = String::with_capacity(4096);
        let mut items: Vec<(usize, usize)> = Vec::new();
        let mut in_nodes = false;
        let mut seen_nodes = false;
        let mut indent: Option<usize> = None;
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let content = line.trim_end_matches(['\n', '\r']);
            if content.starts_with("---") || content.starts_with("...") {
                return None; // several documents, or markers: the whole-file parse decides
            }
            if is_top_level_key(content) {
                if let Some(last) = items.last_mut() {
                    last.1 = start;
                }
                in_nodes = content.starts_with("nodes:");
                if in_nodes {
                    let rest = content["nodes:".len()..].trim();
                    if seen_nodes || !(rest.is_empty() || rest.starts_with('#')) {
                        return None;
                    }
                    seen_nodes = true;
                    header.push('\n');
                    continue;
                }
                if content.starts_with(['"', '\'', '?', '&', '*', '!', '[', '{']) {
                    return None;
                }
            }
            if !in_nodes {
                header.push_str(line);
                continue;
            }
            header.push('\n');
            let trimmed = content.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            if content.starts_with('\t') || trimmed.starts_with('\t') {
                return None;
            }
            let spaces = content.len() - trimmed.len();
            let item = trimmed == "-" || trimmed.starts_with("- ");
            match indent {
                None if item => indent = Some(spaces),
                None => return None,
                Some(n) if spaces < n => return None,
                Some(_) => {}
            }
            if item && Some(spaces) == indent {
                if let Some(last) = items.last_mut() {
                    last.1 = start;
                }
                items.push((start, text.len()));
            }
        }
        if !seen_nodes || items.is_empty() {
            return None;
        }
        if !header.ends_with('\n') {
            header.push('\n');
        }
        header.push_str("nodes: []\n");
        Some(Layout { header, items })
    }
}

/// A key at column 0 (not a list item, a comment or a blank line).
pub fn is_top_level_key(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| !matches!(c, ' ' | '\t' | '#' | '-' | '\n' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guide_text(nodes: usize) -> String {
        let mut text = String::from(
            "format: 1\nid: g\ntitle: t\nversion: '1'\nsections: []\nstart: n0\nnodes:\n",
        );
        for i in 0..nodes {
            text.push_str(&format!(
                "  # node {i}\n  - id: n{i}\n    kind: info\n    prompt: \"P {i}\"\n    next: n{}\n\n",
                i + 1
            ));
        }
        text.push_str("  - {id: r, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}\nsummary: after the nodes\n");
        text.replace(&format!("next: n{nodes}\n"), "next: r\n")
    }

    #[test]
    fn batches_give_exactly_the_guide_a_whole_parse_gives() {
        for n in [1, 511, 512, 513, 2000] {
            let text = guide_text(n);
            let whole: Guide = serde_yaml::from_str(&text).expect("whole parse");
            let cut = parse(&text).expect("the common layout is cut");
            assert_eq!(cut, whole, "{n} nodes");
            assert_eq!(cut.summary, "after the nodes");
        }
    }

    #[test]
    fn a_crlf_file_is_cut_too() {
        let text = guide_text(3).replace('\n', "\r\n");
        let whole: Guide = serde_yaml::from_str(&text).expect("whole parse");
        assert_eq!(parse(&text), Some(whole));
    }

    #[test]
    fn other_layouts_and_any_error_go_back_to_the_whole_parse() {
        let text = guide_text(3);
        for other in [
            text.replace("nodes:\n", "nodes: [\n"),
            text.replace("kind: info", "kind: infoo"),
            format!("{text}nodes: []\n"),
            format!("---\n{text}"),
            text.replace("    prompt: \"P 1\"", "    prompt: \"P 1\n  - id: x\""),
            text.replace("summary:", "\"summary\":"),
        ] {
            assert_eq!(parse(&other), None, "{other}");
        }
    }
}
