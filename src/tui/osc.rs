//! Escape sequences the wizard writes besides its frames, built by pure functions: OSC 52 puts
//! text on the clipboard of the terminal the technician sits at (through SSH, and through tmux
//! when wrapped for it); OSC 8 makes a link clickable.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// The most text one copy sends: terminals drop (or hang on) longer OSC 52 sequences, so the
/// wizard points at an exported file instead.
pub const MAX_COPY_BYTES: usize = 100 * 1024;

/// Why the text cannot be put on the clipboard from here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CannotCopy {
    /// Not a terminal, or one that says it understands no escape sequences.
    NoTerminal,
    /// More than [`MAX_COPY_BYTES`].
    TooBig(usize),
}

impl std::fmt::Display for CannotCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CannotCopy::NoTerminal => f.write_str("this terminal cannot take a copy"),
            CannotCopy::TooBig(n) => write!(
                f,
                "{} KB is more than a terminal takes in one copy ({} KB)",
                n.div_ceil(1024),
                MAX_COPY_BYTES / 1024
            ),
        }
    }
}

/// The terminal as its environment describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermInfo {
    /// `TERM`, when standard output is a terminal at all.
    pub term: Option<String>,
    /// Inside tmux (`TMUX` is set): escape sequences must be passed through to the outer terminal.
    pub tmux: bool,
}

impl TermInfo {
    /// Terminals that show escape sequences as text, or are known to mangle OSC ones.
    fn is_dumb(&self) -> bool {
        matches!(
            self.term.as_deref(),
            None | Some("" | "dumb" | "linux" | "vt100" | "vt220")
        )
    }

    /// Whether links may be sent as OSC 8: terminals that do not know it ignore the sequence, so
    /// only those that would print it are left out.
    pub fn links(&self) -> bool {
        !self.is_dumb()
    }
}

/// `ESC ] 52 ; c ; <base64> BEL`: the text on the clipboard, wrapped for tmux when inside it.
pub fn osc52(text: &str, term: &TermInfo) -> Result<String, CannotCopy> {
    if matches!(term.term.as_deref(), None | Some("" | "dumb")) {
        return Err(CannotCopy::NoTerminal);
    }
    if text.len() > MAX_COPY_BYTES {
        return Err(CannotCopy::TooBig(text.len()));
    }
    let sequence = format!("\x1b]52;c;{}\x07", STANDARD.encode(text));
    // tmux takes the plain sequence itself when its `set-clipboard` is `on`, and hands the
    // wrapped one to the outer terminal when `allow-passthrough` is: either may be the one set.
    Ok(if term.tmux {
        let wrapped = tmux_passthrough(&sequence);
        sequence + &wrapped
    } else {
        sequence
    })
}

/// tmux hands a sequence to the outer terminal only inside `ESC P tmux; ... ESC \`, with every
/// ESC in it doubled.
pub fn tmux_passthrough(sequence: &str) -> String {
    format!("\x1bPtmux;{}\x1b\\", sequence.replace('\x1b', "\x1b\x1b"))
}

/// `text` as a link to `url` (OSC 8). The url must be clean: the caller passes only web links.
pub fn osc8(url: &str, text: &str) -> String {
    format!("\x1b]8;;{url}\x1b\\{text}\x1b]8;;\x1b\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xterm(tmux: bool) -> TermInfo {
        TermInfo {
            term: Some("xterm-256color".into()),
            tmux,
        }
    }

    #[test]
    fn a_copy_is_the_base64_of_the_text_between_osc_52_and_bel() {
        assert_eq!(
            osc52("héllo", &xterm(false)),
            Ok("\x1b]52;c;aMOpbGxv\x07".to_string())
        );
    }

    #[test]
    fn inside_tmux_the_copy_is_sent_plain_and_wrapped_with_every_escape_doubled() {
        assert_eq!(
            osc52("hi", &xterm(true)),
            Ok("\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\".to_string())
        );
        assert_eq!(
            tmux_passthrough("\x1b]8;;u\x1b\\"),
            "\x1bPtmux;\x1b\x1b]8;;u\x1b\x1b\\\x1b\\"
        );
    }

    #[test]
    fn no_copy_without_a_capable_terminal_or_for_too_much_text() {
        let dumb = TermInfo {
            term: Some("dumb".into()),
            tmux: false,
        };
        assert_eq!(osc52("x", &dumb), Err(CannotCopy::NoTerminal));
        assert_eq!(
            osc52("x", &TermInfo::default()),
            Err(CannotCopy::NoTerminal)
        );
        let big = "x".repeat(MAX_COPY_BYTES + 1);
        assert_eq!(
            osc52(&big, &xterm(false)),
            Err(CannotCopy::TooBig(MAX_COPY_BYTES + 1))
        );
        assert!(osc52(&"x".repeat(MAX_COPY_BYTES), &xterm(false)).is_ok());
    }

    #[test]
    fn links_are_left_out_only_where_they_would_show_as_text() {
        assert!(xterm(false).links());
        for term in ["dumb", "linux", "vt100"] {
            let info = TermInfo {
                term: Some(term.into()),
                tmux: false,
            };
            assert!(!info.links(), "{term}");
        }
        assert_eq!(
            osc8("https://e.x/a", "a"),
            "\x1b]8;;https://e.x/a\x1b\\a\x1b]8;;\x1b\\"
        );
    }
}
