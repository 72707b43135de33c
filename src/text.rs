//! The one place outside text is made safe to show (a terminal, a report, a log): escape
//! sequences, control characters, bidirectional overrides and invisible characters are removed;
//! line breaks are kept. It imports nothing, so every layer, the guide loader included, can use it.

use std::fmt;

/// Text made safe for any output: the one type tshoot's writers (terminal, reports, files)
/// take. It can only be made by cleaning, so raw outside text cannot reach a writer by accident.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SafeText(String);

impl SafeText {
    pub fn new(raw: &str) -> SafeText {
        SafeText(clean(raw))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for SafeText {
    fn from(mut raw: String) -> SafeText {
        clean_in_place(&mut raw);
        SafeText(raw)
    }
}

impl From<&str> for SafeText {
    fn from(raw: &str) -> SafeText {
        SafeText::new(raw)
    }
}

/// Reading safe text as a `str` is always fine; only making it goes through cleaning.
impl std::ops::Deref for SafeText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SafeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

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
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_hidden(c) => {}
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

/// Whether [`clean`] would leave `text` as it is; checked without copying it.
pub fn is_clean(text: &str) -> bool {
    first_unsafe(text, false).is_none()
}

/// [`clean`] in place: text that is already clean is neither copied nor reallocated.
pub fn clean_in_place(text: &mut String) {
    if !is_clean(text) {
        *text = clean(text);
    }
}

/// Whether any character of `text` is [`is_unsafe`]. Most text is plain ASCII, which is checked
/// a byte at a time; only other characters take the full test.
pub fn has_unsafe(text: &str) -> bool {
    first_unsafe(text, true).is_some()
}

/// Where the first character [`is_unsafe`] is (with `tab_and_cr`, tabs and CRs are allowed;
/// without, they count too, as [`clean`] changes them). One pass, ASCII a byte at a time.
fn first_unsafe(text: &str, tab_and_cr: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let allowed = b == b'\n' || (tab_and_cr && matches!(b, b'\t' | b'\r'));
            if (b < 0x20 && !allowed) || b == 0x7f {
                return Some(i);
            }
            i += 1;
        } else {
            // A char boundary: only ASCII bytes were skipped.
            let c = text[i..].chars().next().unwrap_or(' ');
            if is_unsafe(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// Characters that change how text is drawn or hide text: C0 and C1 controls (other than line
/// breaks and tabs), DEL, bidirectional controls that reorder what follows, zero-width characters
/// and non-characters. A guide that holds one is refused; pasted or typed text loses them.
pub fn is_unsafe(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && is_hidden(c)
}

fn is_hidden(c: char) -> bool {
    c.is_control() || is_bidi_control(c) || is_invisible(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
    )
}

/// Zero-width and similar characters: they make two equal-looking strings differ, or hide text.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' | '\u{2028}' | '\u{2029}'
    )
}

/// Text quoted in a message, cut to a length a reader takes in (a 7 MB key is a mistake, not
/// something to echo back in full).
pub fn shorten(text: &str) -> String {
    const LIMIT: usize = 80;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// `text` cut to at most `limit` characters, the last one an ellipsis when it was cut.
pub fn shorten_to(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some(_) => {
            let cut = text
                .char_indices()
                .nth(limit.saturating_sub(1))
                .map_or(0, |(i, _)| i);
            format!("{}…", &text[..cut])
        }
        None => text.to_string(),
    }
}

/// The target of a link, when it may be one: web pages and mail only. `javascript:`, `data:`,
/// `file:` and the rest are shown as text, whatever their case or leading space.
pub fn link_target(url: &str) -> Option<&str> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let allowed = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme));
    (allowed && !url.chars().any(char::is_whitespace)).then_some(url)
}

/// What an unsafe character is, in words for an error message.
pub fn describe_unsafe(c: char) -> String {
    let what = if c == '\u{1b}' {
        "an escape character (ESC), which starts terminal control sequences"
    } else if c.is_control() {
        "a control character"
    } else if is_bidi_control(c) {
        "a bidirectional control, which reorders the text after it"
    } else {
        "an invisible character"
    };
    format!("U+{:04X} ({what})", c as u32)
}

/// How long ago, in the largest unit that keeps it short: `45m`, `5h`, `3d`.
pub fn age(since: time::OffsetDateTime, now: time::OffsetDateTime) -> String {
    let minutes = (now - since).whole_minutes().max(0);
    match minutes {
        m if m < 60 => format!("{m}m"),
        m if m < 48 * 60 => format!("{}h", m / 60),
        m => format!("{}d", m / (24 * 60)),
    }
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
        assert_eq!(clean("a\u{2066}b\u{2069}c\u{200f}d"), "abcd");
    }

    #[test]
    fn safe_text_can_only_hold_cleaned_text() {
        let made = SafeText::from("title \x1b]52;c;ZWNobw==\x07 \u{202e}x".to_string());
        assert_eq!(made.as_str(), "title  x");
        let plain = SafeText::from("plain text\n".to_string());
        assert_eq!(plain.to_string(), "plain text\n");
    }

    #[test]
    fn only_web_and_mail_links_are_link_targets() {
        assert_eq!(
            link_target(" https://learn.microsoft.com/x "),
            Some("https://learn.microsoft.com/x")
        );
        assert_eq!(link_target("HTTP://a.b"), Some("HTTP://a.b"));
        assert_eq!(
            link_target("mailto:help@contoso.com"),
            Some("mailto:help@contoso.com")
        );
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:text/html,<script>",
            "file:///etc/passwd",
            "vbscript:x",
            "https://a b",
        ] {
            assert_eq!(link_target(bad), None, "{bad}");
        }
    }

    #[test]
    fn is_clean_says_exactly_whether_clean_would_change_the_text() {
        for text in [
            "plain",
            "line\nline",
            "tab\there",
            "cr\rlf",
            "é → ✓",
            "a\u{1b}[2Jb",
            "zw\u{200b}",
            "",
        ] {
            assert_eq!(is_clean(text), clean(text) == text, "{text:?}");
            let mut owned = text.to_string();
            clean_in_place(&mut owned);
            assert_eq!(owned, clean(text));
        }
    }

    #[test]
    fn the_quick_check_agrees_with_the_character_test() {
        for text in [
            "plain",
            "tab\tnew\nline\r",
            "é → ✓",
            "a\u{1b}b",
            "x\u{7f}",
            "é\u{202e}",
            "\u{85}",
            "zw\u{200b}",
        ] {
            assert_eq!(has_unsafe(text), text.chars().any(is_unsafe), "{text:?}");
        }
    }

    #[test]
    fn long_quotes_are_shortened_on_a_character_boundary() {
        assert_eq!(shorten("short"), "short");
        let long = "é".repeat(100);
        assert_eq!(shorten(&long).chars().count(), 81);
        assert!(shorten(&long).ends_with('…'));
    }

    #[test]
    fn zero_width_characters_and_byte_order_marks_are_removed() {
        assert_eq!(clean("pay\u{200b}pal\u{200d}\u{feff}.com"), "paypal.com");
    }

    #[test]
    fn unicode_line_separators_become_line_breaks() {
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a\nb\nc");
    }

    #[test]
    fn unsafe_characters_are_everything_clean_removes_but_line_breaks_and_tabs() {
        for c in [
            '\u{1b}', '\u{7}', '\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{200b}', '\u{feff}',
            '\u{2028}',
        ] {
            assert!(is_unsafe(c), "{c:?}");
        }
        for c in ['\t', '\n', '\r', 'a', 'é', '→', '✓', ' '] {
            assert!(!is_unsafe(c), "{c:?}");
        }
        assert!(describe_unsafe('\u{1b}').contains("U+001B"));
    }

    #[test]
    fn a_trailing_lone_escape_is_dropped() {
        assert_eq!(clean("text\x1b"), "text");
        assert_eq!(clean("\x1b(Bx"), "x");
    }
}
