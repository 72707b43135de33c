//! One writer per session: an advisory lock (`flock`) on `.<id>.lock` beside the session file,
//! holding the pid of its owner so a second tshoot can say who has the session open.
//!
//! The lock file, not the session file, is locked: compaction replaces the session file by
//! rename, and a lock on the old file would no longer guard the new one. The owner removes the
//! lock file on release; a taker checks that the file it locked is still the one named, so a
//! release racing a take never leaves two owners.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Held while a session is being written; dropping it releases the session.
#[derive(Debug)]
pub struct SessionLock {
    path: PathBuf,
    file: File,
}

/// Why a lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process holds it; its pid when it wrote one.
    Held(Option<u32>),
    Io(io::Error),
}

pub fn lock_path(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!(".{id}.lock"))
}

fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.dev() == b.dev() && a.ino() == b.ino()
}

impl SessionLock {
    /// Takes the lock of session `id` in `dir` without waiting.
    pub fn try_take(dir: &Path, id: &str) -> Result<SessionLock, LockError> {
        let path = lock_path(dir, id);
        // Never create or write through a symbolic link planted at the lock's name.
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(LockError::Io(io::Error::other(format!(
                "'{}' is a symbolic link",
                path.display()
            ))));
        }
        for _ in 0..8 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .mode(0o600)
                .open(&path)
                .map_err(LockError::Io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = file.read_to_string(&mut text);
                    return Err(LockError::Held(text.trim().parse().ok()));
                }
                Err(TryLockError::Error(e)) => return Err(LockError::Io(e)),
            }
            // Locked; but if the owner released (and removed) it meanwhile, ours is a stray
            // file, and the name may already be someone else's: take it again.
            let named = fs::symlink_metadata(&path);
            let ours = file.metadata().map_err(LockError::Io)?;
            if named.is_ok_and(|named| same_file(&named, &ours)) {
                file.set_len(0).map_err(LockError::Io)?;
                file.rewind().map_err(LockError::Io)?;
                file.write_all(std::process::id().to_string().as_bytes())
                    .map_err(LockError::Io)?;
                return Ok(SessionLock { path, file });
            }
        }
        Err(LockError::Io(io::Error::other(format!(
            "'{}' keeps changing",
            path.display()
        ))))
    }
}

/// Removes the lock files nobody holds any more (their tshoot was killed): taking one and letting
/// it go removes it; one still held is left alone.
pub fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let id = name
            .to_str()
            .and_then(|n| n.strip_prefix('.'))
            .and_then(|n| n.strip_suffix(".lock"));
        if let Some(id) = id.filter(|id| super::session::is_valid_id(id)) {
            drop(SessionLock::try_take(dir, id));
        }
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Removed while still held, so nobody can take the old file for a live lock.
        let _ = fs::remove_file(&self.path);
        // Closing `file` releases the lock.
        let _ = &self.file;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_is_refused_with_the_owners_pid_until_release() {
        let dir = tempfile::tempdir().expect("tempdir");
        let held = SessionLock::try_take(dir.path(), "s1").expect("first");
        match SessionLock::try_take(dir.path(), "s1") {
            Err(LockError::Held(pid)) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected held, got {other:?}"),
        }
        assert!(
            SessionLock::try_take(dir.path(), "s2").is_ok(),
            "other ids are free"
        );
        drop(held);
        assert!(!lock_path(dir.path(), "s1").exists(), "released: removed");
        let _again = SessionLock::try_take(dir.path(), "s1").expect("free again");
    }

    #[test]
    fn a_symbolic_link_at_the_lock_name_is_refused_and_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("elsewhere");
        std::os::unix::fs::symlink(&target, lock_path(dir.path(), "s1")).expect("link");
        assert!(matches!(
            SessionLock::try_take(dir.path(), "s1"),
            Err(LockError::Io(_))
        ));
        assert!(!target.exists(), "nothing created through the link");
    }

    #[test]
    fn sweeping_removes_lock_files_nobody_holds_and_keeps_held_ones() {
        let dir = tempfile::tempdir().expect("tempdir");
        let held = SessionLock::try_take(dir.path(), "held").expect("take");
        // What a killed tshoot leaves: the file, with no lock on it.
        fs::write(lock_path(dir.path(), "left"), b"99999999").expect("write");
        sweep(dir.path());
        assert!(!lock_path(dir.path(), "left").exists());
        assert!(lock_path(dir.path(), "held").exists());
        drop(held);
    }
}
