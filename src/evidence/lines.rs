//! What every reader needs from pasted text: numbered lines, whatever the line ends, and the
//! quoting of a proving line without its secrets.

use crate::redact::{redact, Policy};

use super::Source;

/// The longest proving text kept for a fact.
pub const MAX_PROOF: usize = 160;

/// The lines of a paste with their 1-based numbers. CRLF and lone CR end a line as LF does, so
/// numbers match what an editor shows for the same paste.
pub struct Lines<'t> {
    rest: &'t str,
    number: usize,
}

impl<'t> Lines<'t> {
    pub fn new(text: &'t str) -> Lines<'t> {
        Lines {
            rest: text,
            number: 0,
        }
    }
}

impl<'t> Iterator for Lines<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        if self.rest.is_empty() {
            return None;
        }
        self.number += 1;
        // A byte scan: both ends of line are ASCII, so this is a char boundary.
        let end = self
            .rest
            .bytes()
            .position(|b| b == b'\n' || b == b'\r')
            .unwrap_or(self.rest.len());
        let line = &self.rest[..end];
        let mut after = &self.rest[end..];
        if after.starts_with("\r\n") {
            after = &after[2..];
        } else if !after.is_empty() {
            after = &after[1..];
        }
        self.rest = after;
        Some((self.number, line))
    }
}

/// The source of a fact read on `line` (1-based): the line trimmed, redacted and shortened.
pub fn proof(line: usize, text: &str) -> Source {
    Source {
        line,
        path: None,
        text: quote(text),
    }
}

/// `text` as a fact's proof: trimmed, secrets replaced by markers, at most [`MAX_PROOF`]
/// characters.
pub fn quote(text: &str) -> String {
    let redacted = redact(text.trim(), &Policy::secrets_only());
    crate::text::shorten_to(&redacted, MAX_PROOF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_numbered_alike_for_lf_crlf_and_lone_cr() {
        let lf: Vec<_> = Lines::new("a\nb\n\nc").collect();
        let crlf: Vec<_> = Lines::new("a\r\nb\r\n\r\nc\r\n").collect();
        let cr: Vec<_> = Lines::new("a\rb\r\rc").collect();
        let want = vec![(1, "a"), (2, "b"), (3, ""), (4, "c")];
        assert_eq!(lf, want);
        assert_eq!(crlf, want);
        assert_eq!(cr, want);
    }

    #[test]
    fn a_proof_never_keeps_a_token() {
        let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhQGIuYyJ9.c2lnbmF0dXJl";
        let source = proof(3, &format!("   Authorization: Bearer {jwt}  "));
        assert_eq!(source.line, 3);
        assert!(!source.text.contains("eyJ"), "{}", source.text);
        assert!(source.text.starts_with("Authorization: Bearer"));
    }

    #[test]
    fn a_long_line_is_shortened() {
        let source = proof(1, &"x ".repeat(500));
        assert!(source.text.chars().count() <= MAX_PROOF);
    }
}
