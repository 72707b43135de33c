//! Writing files so that a crash at any moment leaves either the old or the new content: temp
//! file in the same folder, write, fsync, rename (or link, to never replace), fsync the folder.
//! Everything is private to the user: folders tshoot creates 0700, files 0600.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Creates `dir` and its missing parents, each private (0700). A folder that already exists is
/// left exactly as it is: it may be a shared folder someone chose on purpose.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new().recursive(true).mode(0o700).create(dir)
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

/// A new 0600 file; `create_new` fails on any existing name, a symbolic link included.
fn create_private(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

/// Writes `bytes` to `dir/name` atomically, as a 0600 file.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8], existing: Existing) -> io::Result<()> {
    write_atomic_open(dir, name, bytes, existing).map(drop)
}

/// [`write_atomic`], returning the file open for writing at its end, so later appends go to
/// exactly this file and never through a name that may have become a symbolic link.
pub fn write_atomic_open(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    existing: Existing,
) -> io::Result<File> {
    let tmp = temp_path(dir, name);
    let result = (|| {
        let mut file = create_private(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        let target = dir.join(name);
        match existing {
            // A rename replaces the name (a link too); it never writes through it.
            Existing::Replace => fs::rename(&tmp, &target)?,
            // A hard link never replaces: it fails if the name is taken, atomically.
            Existing::Keep => {
                fs::hard_link(&tmp, &target)?;
                fs::remove_file(&tmp)?;
            }
        }
        sync_dir(dir)?;
        Ok(file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes an exported file at a path the user named: private (0600) and atomic (temp file in the
/// same folder, then a rename), so a reader never sees half a report and a crash leaves no partial
/// file. A symbolic link at the path is refused: following it could write a private report where
/// someone else chose, and replacing it would silently drop what the user pointed at.
pub fn write_export(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a symbolic link; tshoot does not write through links, name a regular file",
        ));
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "it names no file"))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    write_atomic(dir, name, bytes, Existing::Replace)
}

/// Writes a file that can be made again: complete under its name or not there at all (temp file,
/// then a hard link that never replaces), but not forced to the disk. A crash may lose it, or
/// leave it empty; its reader must then take it for missing. Sparing the two fsyncs keeps the
/// first answer of a walk as quick as the others.
pub fn write_cache(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(dir, name);
    let result = (|| {
        create_private(&tmp)?.write_all(bytes)?;
        fs::hard_link(&tmp, dir.join(name))
    })();
    let _ = fs::remove_file(&tmp);
    result
}

/// [`write_cache`] for a cache that is replaced as it changes: complete under its name (temp
/// file, rename) but not forced to the disk.
pub fn replace_cache(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let tmp = temp_path(dir, name);
    let result = (|| {
        create_private(&tmp)?.write_all(bytes)?;
        fs::rename(&tmp, dir.join(name))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Removes temp files (`.<name>.<pid>-<n>.tmp`) left by a process that no longer runs, as
/// `kill -9` in the middle of a write leaves them. Returns how many went.
pub fn remove_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_pid) else {
            continue;
        };
        if pid != std::process::id() && !process_alive(pid) && fs::remove_file(entry.path()).is_ok()
        {
            removed += 1;
        }
    }
    removed
}

/// The pid in a temp file name of ours, `.<name>.<pid>-<n>.tmp`.
fn temp_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, stamp) = rest.rsplit_once('.')?;
    let (pid, n) = stamp.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// Whether a process with this pid exists. Without `/proc` nobody can tell, so it is taken as
/// alive and its files are left alone.
pub fn process_alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.join("self").exists() || proc.join(pid.to_string()).exists()
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
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn an_existing_folder_keeps_its_mode_and_a_new_one_is_private() {
        let dir = tempfile::tempdir().expect("tempdir");
        let shared = dir.path().join("shared");
        fs::create_dir(&shared).expect("mkdir");
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o2775)).expect("chmod");
        private_dir(&shared).expect("exists");
        let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o7777;
        assert_eq!(mode(&shared), 0o2775, "an existing folder is not chmodded");
        let new = shared.join("a/b");
        private_dir(&new).expect("creates");
        assert_eq!(mode(&new) & 0o777, 0o700);
        assert_eq!(mode(&shared.join("a")) & 0o777, 0o700);
    }

    #[test]
    fn temp_files_of_dead_processes_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        // No pid is this large on Linux (pid_max is at most 2^22).
        let dead = ".20261126-x.json.99999999-0.tmp";
        let mine = format!(".s.json.{}-3.tmp", std::process::id());
        for name in [dead, mine.as_str(), ".s.lock", "s.json", ".s.json.1-x.tmp"] {
            fs::write(dir.path().join(name), b"x").expect("write");
        }
        assert_eq!(remove_stale_temps(dir.path()), 1);
        assert!(!dir.path().join(dead).exists());
        for kept in [mine.as_str(), ".s.lock", "s.json", ".s.json.1-x.tmp"] {
            assert!(dir.path().join(kept).exists(), "{kept}");
        }
    }

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

    #[test]
    fn a_cache_file_is_whole_under_its_name_never_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_cache(dir.path(), "g.json", b"first").expect("written");
        let again = write_cache(dir.path(), "g.json", b"second").expect_err("kept");
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(dir.path().join("g.json")).expect("read"), b"first");
        let names: Vec<_> = fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(names.len(), 1, "no temp file is left");
    }
}
