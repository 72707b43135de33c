//! Makes pasted or guide text safe to show anywhere (a terminal, a report): ANSI escape sequences,
//! control characters and bidirectional overrides are removed; line breaks are kept.

/// Removes ANSI escape sequences, control characters (C0 and C1) and bidirectional overrides, so
/// no text from a guide or a paste can move the cursor or restyle the terminal. Newlines are kept;
/// tabs become spaces; a carriage return is a line break (terminals paste lines with CR).
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
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push_str("    "),
            c if c.is_control() || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
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
            "abc\nd\ne    fgh"
        );
    }

    #[test]
    fn pasted_lines_ending_in_cr_or_crlf_stay_separate_lines() {
        assert_eq!(clean("one\rtwo\r\nthree\r"), "one\ntwo\nthree\n");
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
}
