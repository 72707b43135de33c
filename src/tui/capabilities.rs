//! What the terminal can show, read from the environment once at start-up (E8): whether it takes
//! colour, and whether it can draw Unicode (box drawing, arrows) or only ASCII. A pure function
//! of the variables it is given, so every rule is tested without touching the real environment.

use std::ffi::OsString;

/// What the wizard may draw on this terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capabilities {
    /// Colour escapes are wanted: off with `NO_COLOR`, and on terminals that have no colour.
    pub color: bool,
    /// Only ASCII can be shown: the terminal or the locale cannot draw Unicode glyphs.
    pub ascii: bool,
}

impl Capabilities {
    /// Reads `NO_COLOR`, `TERM`, `LC_ALL`, `LC_CTYPE` and `LANG` through `var`.
    ///
    /// - `NO_COLOR` set to anything non-empty: no colour (no-color.org).
    /// - `TERM=dumb` (or unset-and-empty `TERM=`): neither colour nor Unicode.
    /// - `TERM=vt100`, `vt102`, `vt220`, ... : monochrome hardware terminals with no Unicode.
    /// - `TERM=linux`: the Linux console has 16 colours but its font lacks most box-drawing
    ///   glyphs (the rounded corners show as diamonds), so ASCII.
    /// - A locale that is set and names no UTF-8 encoding (`LANG=C`, `POSIX`,
    ///   `en_US.ISO-8859-1`): ASCII. The first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set and
    ///   non-empty decides, as in the C library. With none set at all the locale says nothing
    ///   (containers and SSH often pass no locale to a UTF-8 terminal), so Unicode stays on.
    pub fn detect(var: impl Fn(&str) -> Option<OsString>) -> Capabilities {
        let set = |name: &str| var(name).filter(|v| !v.is_empty());
        let term = var("TERM").map(|t| t.to_string_lossy().to_ascii_lowercase());
        let (term_color, term_unicode) = match term.as_deref() {
            Some("" | "dumb") => (false, false),
            Some(t) if t.starts_with("vt") && t[2..].starts_with(|c: char| c.is_ascii_digit()) => {
                (false, false)
            }
            Some(t) if t == "linux" || t.starts_with("linux-") => (true, false),
            _ => (true, true),
        };
        let locale_unicode = ["LC_ALL", "LC_CTYPE", "LANG"]
            .iter()
            .find_map(|name| set(name))
            .is_none_or(|locale| names_utf8(&locale.to_string_lossy()));
        Capabilities {
            color: term_color && set("NO_COLOR").is_none(),
            ascii: !(term_unicode && locale_unicode),
        }
    }

    /// From the process's own environment.
    pub fn from_env() -> Capabilities {
        Capabilities::detect(|name| std::env::var_os(name))
    }
}

/// Whether a locale name (`en_US.UTF-8`, `C.utf8`, `de_DE.UTF-8@euro`) selects UTF-8.
fn names_utf8(locale: &str) -> bool {
    let lower = locale.to_ascii_lowercase();
    lower.contains("utf-8") || lower.contains("utf8")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(vars: &[(&str, &str)]) -> Capabilities {
        Capabilities::detect(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        })
    }

    const FULL: Capabilities = Capabilities {
        color: true,
        ascii: false,
    };

    #[test]
    fn a_modern_terminal_with_a_utf8_locale_gets_colour_and_unicode() {
        assert_eq!(
            detect(&[("TERM", "xterm-256color"), ("LANG", "en_US.UTF-8")]),
            FULL
        );
        assert_eq!(
            detect(&[("TERM", "tmux-256color"), ("LC_ALL", "C.utf8")]),
            FULL
        );
    }

    #[test]
    fn nothing_said_about_the_terminal_or_locale_keeps_everything_on() {
        assert_eq!(detect(&[]), FULL);
    }

    #[test]
    fn a_dumb_terminal_gets_neither_colour_nor_unicode() {
        let dumb = detect(&[("TERM", "dumb"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(
            dumb,
            Capabilities {
                color: false,
                ascii: true
            }
        );
        assert_eq!(detect(&[("TERM", "")]), dumb);
    }

    #[test]
    fn vt_terminals_are_monochrome_and_ascii() {
        for term in ["vt100", "vt102", "vt220", "VT100"] {
            let caps = detect(&[("TERM", term), ("LANG", "en_US.UTF-8")]);
            assert!(!caps.color && caps.ascii, "{term}: {caps:?}");
        }
    }

    #[test]
    fn the_linux_console_keeps_its_colours_but_draws_ascii() {
        let caps = detect(&[("TERM", "linux"), ("LANG", "en_US.UTF-8")]);
        assert_eq!(
            caps,
            Capabilities {
                color: true,
                ascii: true
            }
        );
    }

    #[test]
    fn a_locale_without_utf8_means_ascii() {
        for lang in ["C", "POSIX", "en_US.ISO-8859-1", "de_DE@euro"] {
            let caps = detect(&[("TERM", "xterm"), ("LANG", lang)]);
            assert!(caps.ascii && caps.color, "{lang}: {caps:?}");
        }
    }

    #[test]
    fn lc_all_overrides_lc_ctype_which_overrides_lang() {
        let utf8 = "en_US.UTF-8";
        assert!(detect(&[("LC_ALL", "C"), ("LC_CTYPE", utf8), ("LANG", utf8)]).ascii);
        assert!(!detect(&[("LC_ALL", utf8), ("LC_CTYPE", "C"), ("LANG", "C")]).ascii);
        assert!(detect(&[("LC_CTYPE", "C"), ("LANG", utf8)]).ascii);
        assert!(!detect(&[("LC_CTYPE", utf8), ("LANG", "C")]).ascii);
        // An empty variable is not set: the next one decides.
        assert!(!detect(&[("LC_ALL", ""), ("LANG", utf8)]).ascii);
    }

    #[test]
    fn no_color_turns_colour_off_whatever_the_terminal() {
        let caps = detect(&[("TERM", "xterm-256color"), ("NO_COLOR", "1")]);
        assert!(!caps.color && !caps.ascii, "{caps:?}");
        // Set but empty does not count (no-color.org).
        assert!(detect(&[("TERM", "xterm-256color"), ("NO_COLOR", "")]).color);
    }
}
