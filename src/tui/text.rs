//! Makes guide and pasted text safe and fitting for the screen: strips control sequences, maps to
//! ASCII when asked, and word-wraps to a width so views know exactly how tall text is.

use ratatui::text::Span;

pub use crate::text::clean;

/// [`clean`], then maps to plain ASCII when `ascii` is set (for old consoles and serial lines):
/// common typographic marks get their ASCII twins, anything else becomes `?`.
pub fn display(text: &str, ascii: bool) -> String {
    let cleaned = clean(text);
    if !ascii || cleaned.is_ascii() {
        return cleaned;
    }
    let mut out = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        match c {
            c if c.is_ascii() => out.push(c),
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\u{2022}' | '\u{00b7}' => out.push('*'),
            '\u{2192}' => out.push_str("->"),
            '\u{2190}' => out.push_str("<-"),
            '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' => out.push(' '),
            '\u{200b}' | '\u{feff}' => {}
            '\u{00e9}' | '\u{00e8}' | '\u{00ea}' => out.push('e'),
            _ => out.push('?'),
        }
    }
    out
}

/// One line: [`display`] with every line break turned into a space.
pub fn one_line(text: &str, ascii: bool) -> String {
    display(text, ascii)
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Joins lines that a guide author broke only to keep the YAML narrow, so text wraps to the
/// screen instead of ragged. A break is soft when the line does not end a sentence and either
/// ends with a comma or was cut because the next word would not fit the author's width (the
/// longest line of the text). Blank lines, indented lines, list items and lines starting with a
/// backtick (commands, one per line) keep their breaks.
pub fn reflow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let author_width = text
        .split('\n')
        .map(|l| width(l.trim_end()))
        .max()
        .unwrap_or(0);
    let mut lines = text.split('\n').peekable();
    while let Some(line) = lines.next() {
        out.push_str(line);
        let Some(next) = lines.peek() else { break };
        let end = line.trim_end().chars().last();
        let first = next.chars().next();
        let keeps_break = line.trim().is_empty()
            || next.trim().is_empty()
            || first.is_some_and(|c| c.is_whitespace() || matches!(c, '-' | '*' | '`' | '>' | '|'))
            || next.split_whitespace().next().is_some_and(|w| {
                w.len() > 1
                    && w.ends_with(['.', ')'])
                    && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())
            });
        let next_word = next.split_whitespace().next().map_or(0, width);
        // Only text written to a width like a YAML file's (60 and more) counts as soft-wrapped.
        let cut_to_fit =
            author_width >= 60 && width(line.trim_end()) + 1 + next_word > author_width;
        let mid_sentence = !end.is_some_and(|c| matches!(c, '.' | ':' | ';' | '!' | '?'))
            && (end == Some(',') || cut_to_fit);
        out.push(if !keeps_break && mid_sentence {
            ' '
        } else {
            '\n'
        });
    }
    out
}

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// Word-wraps already cleaned text to `width` cells. Paragraph breaks (`\n`) are kept, words
/// longer than a line are broken, and no line is ever wider than `width`.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let w = self::width(word);
            if used > 0 && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            if w <= width {
                line.push_str(word);
                used = w;
                continue;
            }
            for c in word.chars() {
                let mut buf = [0; 4];
                let cw = self::width(c.encode_utf8(&mut buf));
                if used + cw > width && used > 0 {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// Cuts `text` to `width` cells, ending with an ellipsis when something was cut.
pub fn truncate(text: &str, width: usize, ascii: bool) -> String {
    if self::width(text) <= width {
        return text.to_string();
    }
    let ellipsis = if ascii { "..." } else { "\u{2026}" };
    let room = width.saturating_sub(self::width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let mut buf = [0; 4];
        let cw = self::width(c.encode_utf8(&mut buf));
        if used + cw > room {
            break;
        }
        out.push(c);
        used += cw;
    }
    if width >= self::width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_mode_maps_typography_and_replaces_the_rest() {
        assert_eq!(
            display(
                "\u{201c}Sign\u{2011}in\u{201d} \u{2014} caf\u{e9}\u{2026} \u{4e2d}",
                true
            ),
            "\"Sign-in\" - cafe... ?"
        );
        assert_eq!(display("caf\u{e9}", false), "caf\u{e9}");
    }

    #[test]
    fn one_line_joins_lines_with_spaces() {
        assert_eq!(one_line("  a\n\n b \n", false), "a b");
    }

    #[test]
    fn wrapping_fills_lines_and_keeps_paragraphs() {
        assert_eq!(
            wrap("one two three four\nfive", 9),
            vec!["one two", "three", "four", "five"]
        );
        assert_eq!(wrap("", 5), vec![""]);
    }

    #[test]
    fn words_longer_than_the_width_are_broken() {
        assert_eq!(wrap("abcdefghij xy", 4), vec!["abcd", "efgh", "ij", "xy"]);
        for line in wrap("\u{4e2d}\u{6587}\u{4e2d}\u{6587}\u{4e2d}", 3) {
            assert!(width(&line) <= 3, "{line}");
        }
    }

    #[test]
    fn reflow_joins_lines_broken_mid_sentence_only() {
        assert_eq!(
            reflow("Roles: Reports Reader,\nGlobal Reader.\nOpen the portal in a private\nwindow."),
            "Roles: Reports Reader, Global Reader.\nOpen the portal in a private\nwindow."
        );
        assert_eq!(
            reflow("Yes when an entry for this user and app at the error time has status\nFailure. Logs are kept for seven days on free tenants and thirty days\nwith P1."),
            "Yes when an entry for this user and app at the error time has status Failure. Logs are kept for seven days on free tenants and thirty days with P1."
        );
        assert_eq!(
            reflow("Look for these lines in the output\nAzureAdJoined : YES\nDomainJoined : YES"),
            "Look for these lines in the output\nAzureAdJoined : YES\nDomainJoined : YES"
        );
        assert_eq!(
            reflow("Run:\n`klist purge`\n`gpupdate`"),
            "Run:\n`klist purge`\n`gpupdate`"
        );
        assert_eq!(
            reflow("Steps\n1. one\n2. two\n- three"),
            "Steps\n1. one\n2. two\n- three"
        );
        assert_eq!(reflow("a\n\nb"), "a\n\nb");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdefgh", 5, true), "ab...");
        assert_eq!(truncate("abcdefgh", 5, false), "abcd\u{2026}");
        assert_eq!(truncate("abc", 5, true), "abc");
    }
}
