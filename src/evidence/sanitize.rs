//! Makes pasted or guide text safe to show: ANSI escape sequences and control characters are
//! removed, tabs become spaces, line breaks are kept.

/// Strips CSI/OSC escape sequences and every control character except `\n` (and `\t`, which
/// becomes a space). `\r\n` and lone `\r` become `\n`.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_until_final(&mut chars),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            // Bidirectional overrides can make text read differently from what it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_until_final(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            // OSC and friends end at BEL or ST (ESC \).
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

fn skip_until_final(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ansi_colour_and_cursor_sequences_are_removed() {
        assert_eq!(
            clean("\u{1b}[31mred\u{1b}[0m and \u{1b}[2J\u{1b}[Hclear"),
            "red and clear"
        );
    }

    #[test]
    fn osc_sequences_such_as_window_titles_and_links_are_removed() {
        assert_eq!(clean("a\u{1b}]0;evil title\u{7}b"), "ab");
        assert_eq!(
            clean("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
    }

    #[test]
    fn control_characters_go_and_line_breaks_stay() {
        assert_eq!(
            clean("one\r\ntwo\rthree\u{7}\u{0}\tfour"),
            "one\ntwo\nthree four"
        );
        assert_eq!(clean("x\u{202e}y"), "xy");
    }

    #[test]
    fn plain_unicode_text_is_unchanged() {
        assert_eq!(clean("Résumé – naïve ✓"), "Résumé – naïve ✓");
    }
}
