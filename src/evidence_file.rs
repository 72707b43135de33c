//! Evidence from a file named by the technician (`--evidence FILE`, the wizard's attach key,
//! `tshoot evidence FILE`): the only place evidence is read from disk. Regular files only (a pipe
//! or a device would block or never end), size-capped, decoded leniently (a saved paste may be
//! UTF-16 from PowerShell's `>`, or have stray bytes), then read by [`crate::evidence::read`].

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::evidence::{self, Reading, Refusal};

/// What is read first to tell a browser trace (streamed) from the rest (read whole).
const HEAD_BYTES: usize = 4096;

/// The largest file read whole. HAR files, which are larger, are streamed by their reader.
pub const MAX_EVIDENCE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug)]
pub enum FileError {
    /// Missing, unreadable, not a regular file, or too large: what and why.
    Unreadable(String),
    /// Read, but no evidence in it.
    Refused(Refusal),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileError::Unreadable(why) => f.write_str(why),
            FileError::Refused(refusal) => refusal.fmt(f),
        }
    }
}

/// Reads the evidence in `path`.
pub fn read(path: &Path) -> Result<Reading, FileError> {
    let unreadable = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "there is no such file".to_string(),
            std::io::ErrorKind::PermissionDenied => {
                "permission denied: this account cannot read it".to_string()
            }
            _ => e.to_string(),
        };
        FileError::Unreadable(format!("cannot read it: {why}"))
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if !meta.is_file() {
        return Err(FileError::Unreadable(
            "cannot read it: it is not a regular file (a folder, device or pipe); save the output to a file and give its path".to_string(),
        ));
    }
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    // A browser trace is streamed whatever its size: its reader keeps only facts.
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut file)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(unreadable)?;
    if (evidence::har::READER.recognise)(&decode(&head)) > 0 && !head.starts_with(&[0xFF, 0xFE]) {
        let reading = evidence::har::read_from(std::io::Cursor::new(head).chain(file));
        return if reading.facts.is_empty() {
            Err(FileError::Refused(Refusal::Empty {
                kind: reading.kind,
                notes: reading.notes,
            }))
        } else {
            Ok(reading)
        };
    }
    if meta.len() > MAX_EVIDENCE_BYTES {
        return Err(FileError::Unreadable(format!(
            "cannot read it: it is {:.0} MiB, over the {} MiB limit for evidence; is it the right file?",
            meta.len() as f64 / 1_048_576.0,
            MAX_EVIDENCE_BYTES / 1_048_576
        )));
    }
    let mut bytes = head;
    file.take(MAX_EVIDENCE_BYTES)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    evidence::read(&decode(&bytes)).map_err(FileError::Refused)
}

/// Text of a saved file: UTF-8 (with or without BOM), or UTF-16 with a BOM as PowerShell 5's
/// `>` writes it; other bytes are replaced, never refused.
pub fn decode(bytes: &[u8]) -> String {
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// The name a session records for a file: its last component only, as a full path can name the
/// technician's home folder.
pub fn origin(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_from_powershell_and_a_utf8_bom_are_read_as_text() {
        let text = "Error Code: 51006";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le), text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend(text.bytes());
        assert_eq!(decode(&bom), text);
        assert_eq!(decode(b"a\xffb"), "a\u{fffd}b");
    }

    #[test]
    fn missing_files_folders_and_unrecognised_text_say_what_is_wrong() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = read(&dir.path().join("nope.txt")).expect_err("missing");
        assert!(
            missing.to_string().contains("there is no such file"),
            "{missing}"
        );
        let folder = read(dir.path()).expect_err("a folder");
        assert!(
            folder.to_string().contains("not a regular file"),
            "{folder}"
        );
        let note = dir.path().join("note.txt");
        std::fs::write(&note, "the printer is jammed").expect("write");
        let refused = read(&note).expect_err("not evidence");
        assert!(refused.to_string().contains("tshoot reads:"), "{refused}");
        assert_eq!(origin(&note), "note.txt");
    }
}
