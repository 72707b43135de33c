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
    fn what_is_written_is_the_cleaned_text() {
        let mut buf = Vec::new();
        write_to(&mut buf, &SafeText::from("a\x1b[2Jb"), true);
        assert_eq!(buf, b"ab\n");
    }
}
