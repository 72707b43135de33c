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
    // The width the author wrapped to. A line far wider was written unwrapped (a sentence added
    // on one line): it must not hide the wrapping of the rest.
    let author_width = text
        .split('\n')
        .map(|l| width(l.trim_end()))
        .filter(|&w| w <= UNWRAPPED)
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
        // "... `Get-AdfsProperties`" then "The browser's ...": a command ends the sentence.
        let code_then_sentence = end == Some('`') && first.is_some_and(char::is_uppercase);
        let mid_sentence = !end.is_some_and(|c| matches!(c, '.' | ':' | ';' | '!' | '?'))
            && !code_then_sentence
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

/// Lines wider than this were written without wrapping; see [`reflow`].
const UNWRAPPED: usize = 100;

/// The indent a paragraph's own lines keep, and the one its wrapped lines hang at: under the
/// text after a list marker (`1. `, `- `, `* `), so a list item reads as one block.
fn indents(paragraph: &str) -> (usize, usize) {
    let lead = paragraph.len() - paragraph.trim_start_matches(' ').len();
    let rest = &paragraph[lead..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if digits > 0
        && digits < 4
        && rest[digits..].starts_with([')', '.'])
        && rest[digits + 1..].starts_with(' ')
    {
        digits + 2
    } else if rest.starts_with("- ") || rest.starts_with("* ") {
        2
    } else {
        0
    };
    (lead, lead + marker)
}

/// Word-wraps already cleaned text to `width` cells. Paragraph breaks (`\n`) are kept, and so
/// is a paragraph's indent; a wrapped list item hangs under its text. Words longer than a line
/// are broken, and no line is ever wider than `width`.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let (lead, hang) = indents(paragraph);
        let (lead, hang) = (lead.min(width / 2), hang.min(width / 2));
        let mut line = " ".repeat(lead);
        let mut used = lead;
        let mut fresh = true;
        for word in paragraph.split_whitespace() {
            let w = self::width(word);
            if !fresh && used + 1 + w <= width {
                line.push(' ');
                line.push_str(word);
                used += 1 + w;
                continue;
            }
            if !fresh {
                lines.push(std::mem::take(&mut line));
                line = " ".repeat(hang);
                used = hang;
            }
            fresh = false;
            if used + w <= width {
                line.push_str(word);
                used += w;
                continue;
            }
            for c in word.chars() {
                let mut buf = [0; 4];
                let cw = self::width(c.encode_utf8(&mut buf));
                if used + cw > width && line.trim_start().chars().next().is_some() {
                    lines.push(std::mem::take(&mut line));
                    line = " ".repeat(hang);
                    used = hang;
                }
                line.push(c);
                used += cw;
            }
        }
        if line.trim().is_empty() {
            line.clear();
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
    fn list_items_hang_under_their_text_and_indented_lines_keep_their_indent() {
        assert_eq!(
            wrap("2. Edge: Settings > Privacy > Clear browsing data", 20),
            [
                "2. Edge: Settings >",
                "   Privacy > Clear",
                "   browsing data"
            ]
        );
        assert_eq!(
            wrap("- one two three four", 10),
            ["- one two", "  three", "  four"]
        );
        assert_eq!(
            wrap("  whoami & whoami /upn", 12),
            ["  whoami &", "  whoami", "  /upn"]
        );
        for line in wrap("1. averyveryverylongwordthatbreaks", 10) {
            assert!(width(&line) <= 10, "{line:?}");
        }
    }

    #[test]
    fn one_unwrapped_line_does_not_stop_the_rest_from_reflowing() {
        let text = "Device State: AzureAdJoined, DomainJoined. SSO State: AzureAdPrt and\nAzureAdPrtUpdateTime (UTC). An update time over 4 hours old means the\nPRT is not renewing.\nPaste the output (or press a to attach it): tshoot reads these lines and the PRT's age against the Client Time it prints.";
        assert!(
            reflow(text).starts_with("Device State: AzureAdJoined, DomainJoined. SSO State: AzureAdPrt and AzureAdPrtUpdateTime (UTC). An update time over 4 hours old means the PRT is not renewing.\n"),
            "{}",
            reflow(text)
        );
        assert_eq!(
            reflow("`Get-AdfsProperties | Select -ExpandProperty WiaSupportedUserAgents`\nThe browser's user agent: F12 > Console."),
            "`Get-AdfsProperties | Select -ExpandProperty WiaSupportedUserAgents`\nThe browser's user agent: F12 > Console.",
            "a command line ends its sentence"
        );
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
