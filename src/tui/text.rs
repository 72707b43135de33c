//! Makes guide and pasted text safe and fitting for the screen: strips control sequences, maps to
//! ASCII when asked, and word-wraps to a width so views know exactly how tall text is.

use ratatui::text::Span;

/// Removes ANSI escape sequences, control characters (C0 and C1) and bidirectional overrides, so
/// no text from a guide or a paste can move the cursor or restyle the terminal. Newlines are kept;
/// tabs become spaces; carriage returns are dropped.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // A lone CSI or OSC introducer in its 8-bit form.
            '\u{9b}' => skip_until_final(&mut chars),
            '\u{9d}' => skip_string(&mut chars),
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

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

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => skip_until_final(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-character sequences such as ESC c or ESC 7; intermediates first.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next();
        }
        _ => {}
    }
}

/// A CSI sequence: parameters and intermediates, then one final byte in `@`..`~`.
fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

/// An OSC, DCS and similar string: up to BEL or ST (`ESC \`).
fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                chars.next_if_eq(&'\\');
                break;
            }
            _ => {}
        }
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
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
    fn colour_and_cursor_sequences_are_removed() {
        assert_eq!(
            clean("\x1b[31mred\x1b[0m and \x1b[2J\x1b[Hhome"),
            "red and home"
        );
        assert_eq!(clean("a\x1b[?1049lb"), "ab");
    }

    #[test]
    fn osc_titles_and_hyperlinks_are_removed_with_either_terminator() {
        assert_eq!(clean("x\x1b]0;pwned\x07y"), "xy");
        assert_eq!(clean("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\"), "link");
    }

    #[test]
    fn control_characters_go_but_newlines_stay_and_tabs_become_spaces() {
        assert_eq!(
            clean("a\x00b\x07c\rd\ne\tf\u{85}g\u{9b}31mh"),
            "abcd\ne    fgh"
        );
    }

    #[test]
    fn bidi_overrides_cannot_reorder_text() {
        assert_eq!(clean("abc\u{202e}fed\u{202c}"), "abcfed");
    }

    #[test]
    fn a_trailing_lone_escape_is_dropped() {
        assert_eq!(clean("text\x1b"), "text");
        assert_eq!(clean("\x1b(Bx"), "x");
    }

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
