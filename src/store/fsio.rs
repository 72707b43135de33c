//! Writing files so that a crash at any moment leaves either the old or the new content: temp
//! file in the same folder, write, fsync, rename (or link, to never replace), fsync the folder.
//! Everything is private to the user: folders 0700, files 0600.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Creates `dir` (and missing parents) and makes `dir` itself private (0700).
pub fn private_dir(dir: &Path) -> io::Result<()> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)?;
    }
    match DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {
            let mode = fs::metadata(dir)?.permissions().mode() & 0o777;
            if mode & 0o077 != 0 {
                fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}

fn temp_path(dir: &Path, name: &str) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// How [`write_atomic`] treats a file already at the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Replace,
    /// Fail with `AlreadyExists` rather than replace it.
    Keep,
}

/// Writes `bytes` to `dir/name` atomically, as a 0600 file.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8], existing: Existing) -> io::Result<()> {
    let tmp = temp_path(dir, name);
    let result = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        let target = dir.join(name);
        match existing {
            Existing::Replace => fs::rename(&tmp, &target)?,
            // A hard link never replaces: it fails if the name is taken, atomically.
            Existing::Keep => {
                fs::hard_link(&tmp, &target)?;
                fs::remove_file(&tmp)?;
            }
        }
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Reads at most `limit` bytes; a longer file is an error, not a memory hazard.
pub fn read_limited(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} MiB", limit / 1_048_576),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_never_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_atomic(dir.path(), "a.json", b"one", Existing::Keep).expect("first");
        let err = write_atomic(dir.path(), "a.json", b"two", Existing::Keep).expect_err("taken");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(dir.path().join("a.json")).expect("read"), b"one");
        write_atomic(dir.path(), "a.json", b"three", Existing::Replace).expect("replace");
        assert_eq!(fs::read(dir.path().join("a.json")).expect("read"), b"three");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(names, vec!["a.json"]);
    }
}
