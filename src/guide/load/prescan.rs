//! A byte-level glance that tells whether a file could hold anything the YAML deserializer must
//! not meet unguarded: anchors and aliases (alias bombs), deep nesting, or escapes that make
//! control characters. Most files hold none of these, so they are parsed once; for the rest the
//! guarded event pass runs first. The glance may say yes to a harmless file (a `*` in text), never
//! no to a dangerous one.

/// Flow brackets open at once before the guarded pass must check the nesting.
const FLOW_GLANCE: usize = 32;
/// Columns of indentation and compact `- ` entries before the guarded pass must check the nesting:
/// every block level needs at least one more column, so this bounds the block depth.
const BLOCK_GLANCE: usize = 80;

/// True when the file needs the guarded event pass before serde builds values from it.
pub fn needs_guarded_pass(text: &str) -> bool {
    has_node_property(text) || has_control_escape(text) || nests_deep(text)
}

/// `&anchor` or `*alias` where a node can start. A `*` or `&` inside text (`Format-List *`,
/// `R&D`) cannot be one, so a guide quoting PowerShell is still parsed once.
fn has_node_property(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        (b == b'&' || b == b'*')
            && bytes
                .get(i + 1)
                .is_some_and(|n| !matches!(n, b' ' | b'\t' | b'\n' | b'\r'))
            && may_start_a_node(bytes, i)
    })
}

/// Whether a node can start at `i`: first on its line, after a flow indicator (`[`, `{`, `,`),
/// after `: `, `- ` or `? `, or after a tag or anchor that is itself a node's first token.
fn may_start_a_node(bytes: &[u8], i: usize) -> bool {
    let Some(j) = bytes[..i].iter().rposition(|b| !matches!(b, b' ' | b'\t')) else {
        return true;
    };
    let spaced = j + 1 < i;
    match bytes[j] {
        b'\n' | b'\r' | b'[' | b'{' | b',' => true,
        b':' | b'-' | b'?' => spaced,
        _ if spaced => {
            // The token before: a tag (`!!str`) or an anchor (`&a`) may stand before the node.
            let start = bytes[..=j]
                .iter()
                .rposition(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'[' | b'{' | b','))
                .map_or(0, |k| k + 1);
            matches!(bytes[start], b'!' | b'&')
        }
        _ => false,
    }
}

/// A double-quoted escape that makes a character the raw-text check could not see.
fn has_control_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == b'\\' {
            if matches!(
                bytes[i + 1],
                b'0' | b'a' | b'b' | b'e' | b'f' | b'v' | b'x' | b'u' | b'U' | b'N' | b'L' | b'P'
            ) {
                return true;
            }
            // `\\` is one escaped backslash: the character after it starts nothing.
            i += 2;
        } else {
            i += 1;
        }
    }
    false
}

fn nests_deep(text: &str) -> bool {
    let mut flow = 0usize;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                flow += 1;
                if flow > FLOW_GLANCE {
                    return true;
                }
            }
            b']' | b'}' => flow = flow.saturating_sub(1),
            _ => {}
        }
    }
    text.split(['\n', '\r'])
        .any(|line| block_column(line) > BLOCK_GLANCE)
}

/// Where a line's content starts once indentation and compact `- ` / `? ` entries are skipped.
fn block_column(line: &str) -> usize {
    let mut rest = line.trim_start_matches([' ', '\t']);
    while let Some(after) = rest
        .strip_prefix("- ")
        .or_else(|| rest.strip_prefix("? "))
        .or_else(|| rest.strip_prefix("-\t"))
    {
        rest = after.trim_start_matches([' ', '\t']);
    }
    line.len() - rest.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_guide_needs_no_guarded_pass() {
        let text = "format: 1\nid: g\ntitle: \"R&D * 2\"\nnodes:\n  - {id: a, kind: info, prompt: \"Run `klist`: [x]\", next: b}\n  - id: b\n    steps: [a, b]\n";
        assert!(!needs_guarded_pass(text));
    }

    #[test]
    fn anchors_and_aliases_need_it() {
        assert!(needs_guarded_pass("a: &x [1]\nb: *x\n"));
        assert!(needs_guarded_pass("a: [*x]"));
        assert!(needs_guarded_pass("- &x\n"));
        assert!(needs_guarded_pass("a: !!seq &x [1]\nb: !!seq *x\n"));
        assert!(needs_guarded_pass("a: {b: 1, c: *x}"));
        assert!(needs_guarded_pass("? *x\n: 1\n"));
        assert!(needs_guarded_pass("a:\n  *x\n"));
    }

    #[test]
    fn a_star_or_ampersand_inside_text_is_not_an_alias() {
        assert!(!needs_guarded_pass(
            "how: run `Get-Thing | Format-List *` and read it\n"
        ));
        assert!(!needs_guarded_pass(
            "why: R&D and Q&A with &nbsp; spacing and *emphasis*\n"
        ));
    }

    #[test]
    fn escapes_that_make_control_characters_need_it() {
        assert!(needs_guarded_pass("title: \"\\e[2J\""));
        assert!(needs_guarded_pass("title: \"\\u202e\""));
        assert!(!needs_guarded_pass("title: \"a\\\\b \\t \\n\""));
    }

    #[test]
    fn deep_flow_and_block_nesting_need_it() {
        assert!(needs_guarded_pass(&"[".repeat(40)));
        assert!(needs_guarded_pass(&"- ".repeat(50)));
        let block: String = (0..50)
            .map(|i| format!("{}k{i}:\n", "  ".repeat(i)))
            .collect();
        assert!(needs_guarded_pass(&block));
        assert!(!needs_guarded_pass("a: [[1, 2], [3]]\n- - x\n"));
    }
}
