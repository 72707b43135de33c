//! Refuses what is not sane YAML text before any parser sees it: too large, not a regular file,
//! binary, UTF-16/32, invalid UTF-8, or characters that would reach a terminal as control.

use std::io::Read;
use std::path::Path;

use super::YamlKind;
use crate::guide::problem::{Location, Problem};
use crate::text;

/// Guides, answers and scenarios are hand-written text; anything larger is a mistake or an attack.
pub const MAX_YAML_BYTES: usize = 8 * 1024 * 1024;

/// Reads a YAML file without ever reading more than the limit, and only from a regular file: a
/// FIFO would block forever and `/dev/zero` would never end.
pub fn read_file(path: &Path, kind: YamlKind) -> Result<Vec<u8>, Problem> {
    let name = path.display().to_string();
    let unreadable = |e: std::io::Error| Problem::unreadable(&name, "the file", &e);
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(Problem::unreadable(
            &name,
            "the file",
            &std::io::Error::other(format!(
                "it is not a regular file (a folder, device or pipe); give the path of {}",
                kind.a()
            )),
        ));
    }
    if meta.len() > MAX_YAML_BYTES as u64 {
        return Err(too_large(&name, meta.len(), kind));
    }
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_YAML_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() > MAX_YAML_BYTES {
        return Err(too_large(&name, bytes.len() as u64, kind));
    }
    Ok(bytes)
}

fn too_large(file: &str, len: u64, kind: YamlKind) -> Problem {
    Problem::error(
        file,
        Location::START,
        format!(
            "the file is {:.1} MiB, over the {} MiB limit for {}: split it or check it is the right file",
            len as f64 / 1_048_576.0,
            MAX_YAML_BYTES / 1_048_576,
            kind.a()
        ),
    )
}

/// The text of the file, without a leading byte-order mark, once it is known to be safe to parse.
pub fn checked_text<'a>(file: &str, bytes: &'a [u8], kind: YamlKind) -> Result<&'a str, Problem> {
    if bytes.len() > MAX_YAML_BYTES {
        return Err(too_large(file, bytes.len() as u64, kind));
    }
    if let Some(encoding) = wide_encoding(bytes) {
        return Err(Problem::error(
            file,
            Location::START,
            format!("the file is {encoding}; save it as UTF-8"),
        ));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(Problem::error(
            file,
            location_of_byte(bytes, nul),
            format!(
                "this is a binary file (it holds a NUL byte); {} is YAML text in UTF-8",
                kind.a()
            ),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Problem::error(
            file,
            location_of_byte(bytes, e.valid_up_to()),
            "this byte is not valid UTF-8; save the file as UTF-8 text",
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let refused = |c: char| match kind {
        // YAML itself forbids raw controls; a guide's text is also shown, so nothing hidden.
        YamlKind::Guide | YamlKind::Part => text::is_unsafe(c),
        YamlKind::Answers | YamlKind::Scenario => text::is_unsafe(c) && c.is_control(),
    };
    let suspect = text::has_unsafe(text);
    if let Some((at, c)) = suspect
        .then(|| text.char_indices().find(|&(_, c)| refused(c)))
        .flatten()
    {
        let offset = at + (bytes.len() - text.len());
        return Err(Problem::error(
            file,
            location_of_byte(bytes, offset),
            format!(
                "the file holds {}; delete it (text tshoot shows must not hide text or control the terminal)",
                text::describe_unsafe(c)
            ),
        ));
    }
    Ok(text)
}

/// UTF-16 and UTF-32 files, by their byte-order mark or by the NUL bytes of ASCII text.
fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0, 0, 0xfe, 0xff, ..] | [0xff, 0xfe, 0, 0, ..] => Some("UTF-32"),
        [0xfe, 0xff, ..] | [0xff, 0xfe, ..] => Some("UTF-16"),
        [0, 0, 0, a, ..] | [a, 0, 0, 0, ..] if *a != 0 => Some("UTF-32"),
        [0, a, 0, b, ..] | [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some("UTF-16"),
        _ => None,
    }
}

/// Line and column (1-based, in characters) of a byte offset. A lone CR ends a line, as it does
/// for YAML.
pub fn location_of_byte(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset.min(bytes.len())];
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in before.iter().enumerate() {
        let breaks = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        if breaks {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Location { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(bytes: &[u8]) -> Problem {
        checked_text("g.yaml", bytes, YamlKind::Guide).expect_err("refused")
    }

    #[test]
    fn utf16_and_utf32_are_named_not_called_binary() {
        let utf16: Vec<u8> = "format: 1\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(refused(&utf16).message.contains("UTF-16"));
        let mut bom = vec![0xfe, 0xff];
        bom.extend("id: x".encode_utf16().flat_map(u16::to_be_bytes));
        assert!(refused(&bom).message.contains("UTF-16"));
        assert!(refused(b"\xff\xfe\0\0f\0\0\0").message.contains("UTF-32"));
    }

    #[test]
    fn a_raw_escape_is_refused_at_its_line_and_column() {
        let p = refused(b"format: 1\nid: g\ntitle: \"x\x1by\"\n");
        assert_eq!(
            p.location,
            Location {
                line: 3,
                column: 10
            }
        );
        assert!(p.message.contains("U+001B"), "{}", p.message);
    }

    #[test]
    fn hidden_characters_are_refused_in_guides_but_left_to_cleaning_in_answers() {
        let text = "note: a\u{202e}b\u{200b}c\n".as_bytes();
        assert!(refused(text).message.contains("U+202E"));
        assert!(checked_text("a.yaml", text, YamlKind::Answers).is_ok());
        let p = checked_text("a.yaml", b"note: a\x1bb\n", YamlKind::Answers).expect_err("raw ESC");
        assert_eq!(p.location, Location { line: 1, column: 8 });
    }

    #[test]
    fn a_byte_order_mark_in_the_middle_is_refused() {
        let p = refused("\u{feff}id: a\n\u{feff}title: b\n".as_bytes());
        assert_eq!(p.location, Location { line: 2, column: 1 });
    }

    #[test]
    fn invalid_utf8_after_lone_carriage_returns_is_on_its_real_line() {
        let p = refused(b"a: 1\rb: 2\rc: caf\xe9\r");
        assert_eq!(p.location, Location { line: 3, column: 7 });
    }

    #[test]
    fn the_size_in_the_message_is_the_real_size() {
        let p = too_large("g.yaml", 100_000_000, YamlKind::Guide);
        assert!(p.message.contains("95.4 MiB"), "{}", p.message);
        assert!(
            p.message.contains("8 MiB limit for a guide"),
            "{}",
            p.message
        );
    }

    #[test]
    fn a_fifo_or_a_device_is_refused_without_reading_it() {
        let p = read_file(Path::new("/dev/zero"), YamlKind::Answers).expect_err("device");
        assert!(p.message.contains("not a regular file"), "{}", p.message);
    }
}
