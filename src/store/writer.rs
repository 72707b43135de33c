//! The journal of the session being written: one appended record per save (only the steps that
//! changed, then `fdatasync`), rewritten whole as a snapshot (temp file, fsync, rename) when it
//! has grown to several times its last snapshot, after a failed append, and on close.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::path::Path;

use super::fsio::{write_atomic_open, Existing};
use super::journal::{self, Added, Header, State};
use crate::engine::Step;

/// A journal this many times its last snapshot is rewritten...
const COMPACT_FACTOR: u64 = 4;
/// ...once it is at least this long; smaller ones are not worth a rewrite.
const COMPACT_MIN: u64 = 64 * 1024;

#[derive(Debug)]
pub struct JournalWriter {
    /// The session file itself, as created or renamed into place: never reopened by name.
    file: File,
    len: u64,
    snapshot_len: u64,
    /// The steps as the file holds them, to find what a save changed.
    on_disk: Vec<Step>,
    /// An append failed partway and could not be undone: only a whole rewrite is safe now.
    broken: bool,
    /// Sync every append (the wizard: an answer is on disk before the next question is drawn),
    /// or leave it to [`JournalWriter::sync`] (a headless run, whose answers are already a file).
    sync_each: bool,
}

impl JournalWriter {
    /// Writes the file `dir/name` whole: a new session (`Existing::Keep` fails if the name is
    /// taken) or a compaction (`Existing::Replace`).
    pub fn snapshot(
        dir: &Path,
        name: &str,
        header: &Header,
        steps: &[Step],
        added: Added,
        state: &State,
        existing: Existing,
    ) -> io::Result<JournalWriter> {
        let bytes = journal::snapshot(header, steps, added, state);
        let file = write_atomic_open(dir, name, &bytes, existing)?;
        let len = bytes.len() as u64;
        Ok(JournalWriter {
            file,
            len,
            snapshot_len: len,
            on_disk: steps.to_vec(),
            broken: false,
            sync_each: true,
        })
    }

    /// Whether each append is synced before it returns.
    pub fn set_sync_each(&mut self, yes: bool) {
        self.sync_each = yes;
    }

    /// Forces what was appended to the disk.
    pub fn sync(&mut self) -> io::Result<()> {
        self.file.sync_data()
    }

    /// Whether the next save should rewrite the file whole rather than append.
    pub fn wants_snapshot(&self) -> bool {
        self.broken || self.len >= COMPACT_MIN.max(COMPACT_FACTOR * self.snapshot_len)
    }

    /// Bytes of the file as written so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Appends one record holding the steps that differ from those on disk, and syncs it.
    /// `changed_from`, when the walk can tell it, is the first step changed since the last save:
    /// the steps before it are not compared again, so a save costs the same at step 5 and at
    /// step 5,000. Returns the bytes appended.
    pub fn append(
        &mut self,
        steps: &[Step],
        changed_from: Option<usize>,
        added: Added,
        state: &State,
    ) -> io::Result<u64> {
        let known_equal = changed_from
            .unwrap_or(0)
            .min(self.on_disk.len())
            .min(steps.len());
        let from = known_equal
            + self.on_disk[known_equal..]
                .iter()
                .zip(&steps[known_equal..])
                .position(|(a, b)| a != b)
                .unwrap_or(self.on_disk.len().min(steps.len()) - known_equal);
        let bytes = journal::record(from, &steps[from..], added, state);
        let written = self.file.write_all(&bytes).and_then(|()| {
            if self.sync_each {
                self.file.sync_data()
            } else {
                Ok(())
            }
        });
        if let Err(e) = written {
            // Cut the partial record off, so the next record does not follow half a line.
            let undone = self
                .file
                .set_len(self.len)
                .and_then(|()| self.file.seek(SeekFrom::Start(self.len)).map(drop));
            self.broken = true;
            if undone.is_ok() {
                self.broken = self.file.sync_data().is_err();
            }
            return Err(e);
        }
        self.len += bytes.len() as u64;
        self.on_disk.truncate(from);
        self.on_disk.extend_from_slice(&steps[from..]);
        Ok(bytes.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::SessionStatus;
    use crate::store::journal::{read, JOURNAL_VERSION};
    use crate::store::session::{CurrentStep, GuidePin};
    use time::OffsetDateTime;

    fn step(i: usize) -> Step {
        Step {
            node: format!("n{i}"),
            answer: None,
            note: Some(format!("note {i}")),
            entered_at: OffsetDateTime::UNIX_EPOCH,
            answered_at: None,
            evidence: None,
            skipped: None,
            kept: Vec::new(),
        }
    }

    fn state(i: usize) -> State {
        State {
            status: SessionStatus::InProgress,
            updated: OffsetDateTime::UNIX_EPOCH,
            current: CurrentStep {
                node: format!("n{i}"),
                label: "L".into(),
            },
            empty: false,
            access: None,
        }
    }

    #[test]
    fn an_append_writes_only_what_changed_and_reads_back_exactly() {
        let dir = tempfile::tempdir().expect("tempdir");
        let header = Header {
            journal: JOURNAL_VERSION,
            id: "s".into(),
            guide: GuidePin {
                id: "g".into(),
                title: "g".into(),
                version: "1".into(),
                hash: "h".into(),
            },
            technician: "t".into(),
            ticket: None,
            started: OffsetDateTime::UNIX_EPOCH,
            superseded: Vec::new(),
        };
        let mut steps: Vec<Step> = (0..3).map(step).collect();
        let mut w = JournalWriter::snapshot(
            dir.path(),
            "s.json",
            &header,
            &steps,
            Added::default(),
            &state(2),
            Existing::Keep,
        )
        .expect("creates");
        let mut sizes = Vec::new();
        for i in 3..400 {
            steps.push(step(i));
            sizes.push(
                w.append(&steps, None, Added::default(), &state(i))
                    .expect("appends"),
            );
        }
        // Only the digits of the step number differ between the 4th and the 400th save.
        assert!(
            sizes[396] <= sizes[0] + 8,
            "{} then {}",
            sizes[0],
            sizes[396]
        );
        steps[1].note = Some("changed".into());
        steps.truncate(5);
        w.append(&steps, None, Added::default(), &state(4))
            .expect("appends");
        let bytes = std::fs::read(dir.path().join("s.json")).expect("read");
        assert_eq!(bytes.len() as u64, w.len());
        assert_eq!(read(&bytes, "s").expect("reads").steps, steps);
    }
}
