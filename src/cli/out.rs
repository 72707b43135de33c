//! The command line's only writers: everything printed goes through [`SafeText`], so text from a
//! guide, a file name, a session or a paste cannot reach the terminal raw; a closed pipe
//! (`tshoot ... | head`) ends the program quietly.

use std::io::{self, Write};

use crate::text::SafeText;

/// A line on stdout.
pub fn line(text: impl Into<SafeText>) {
    write_to(&mut io::stdout().lock(), &text.into(), true);
}

/// Text on stdout, as it is (reports and graphs end their own lines).
pub fn text(text: impl Into<SafeText>) {
    write_to(&mut io::stdout().lock(), &text.into(), false);
}

/// A line on stderr: diagnostics and status.
pub fn status(text: impl Into<SafeText>) {
    write_to(&mut io::stderr().lock(), &text.into(), true);
}

/// The width plain output keeps to: an 80-column console shows every line whole.
pub const WIDTH: usize = 80;

/// `lead` then `text`, its words wrapped at [`WIDTH`] columns with each further line indented by
/// the width of `lead` (leaving at least 24 columns), so a long value or list stays readable on a console. A word
/// longer than a line (a path, a URL) is kept whole rather than cut.
pub fn wrap(lead: &str, text: &str) -> String {
    let indent = lead.chars().count().min(WIDTH - 24);
    wrap_hanging(lead, indent, text)
}

/// `lead` then `text` wrapped at [`WIDTH`] columns, each further line indented by `indent`.
pub fn wrap_hanging(lead: &str, indent: usize, text: &str) -> String {
    let indent = " ".repeat(indent);
    let mut wrapped = lead.to_string();
    let mut column = wrapped.chars().count();
    let mut first = true;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let width = word.chars().count();
        if !first && column + 1 + width > WIDTH {
            wrapped.push('\n');
            wrapped.push_str(&indent);
            column = indent.len();
        } else if !first {
            wrapped.push(' ');
            column += 1;
        }
        wrapped.push_str(word);
        column += width;
        first = false;
    }
    wrapped
}

fn write_to(out: &mut impl Write, text: &SafeText, newline: bool) {
    let written = out
        .write_all(text.as_bytes())
        .and_then(|()| {
            if newline {
                out.write_all(b"\n")
            } else {
                Ok(())
            }
        })
        .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() == io::ErrorKind::BrokenPipe {
            // The reader has all it wanted: end as a Unix filter does, by SIGPIPE (the shell shows
            // 141), with nothing printed.
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGPIPE);
            std::process::exit(128 + signal_hook::consts::SIGPIPE);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_text_keeps_to_80_columns_and_hangs_under_the_lead() {
        let items: Vec<String> = (0..40).map(|i| format!("node_{i}")).collect();
        let text = wrap("  nodes no scenario visits: ", &items.join(", "));
        assert!(text.lines().count() > 1, "{text}");
        for line in text.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
        let second = text.lines().nth(1).unwrap_or_default();
        assert!(second.starts_with(&" ".repeat(28)), "{second:?}");
        assert!(!second.starts_with(&" ".repeat(29)), "{second:?}");
        assert!(text.starts_with("  nodes no scenario visits: node_0, node_1,"));
        assert!(text.ends_with("node_39"), "{text}");
    }

    #[test]
    fn a_word_longer_than_a_line_is_kept_whole() {
        let long = "x".repeat(100);
        let text = wrap("from ", &format!("a {long} b"));
        assert!(text.lines().any(|l| l.trim() == long), "{text}");
    }

    #[test]
    fn what_is_written_is_the_cleaned_text() {
        let mut buf = Vec::new();
        write_to(&mut buf, &SafeText::from("a\x1b[2Jb"), true);
        assert_eq!(buf, b"ab\n");
    }
}
