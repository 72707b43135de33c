//! The guide headers of the `--guides` folders, remembered in the state folder between runs
//! (`<state>/cache/guide-headers.json`), so that a folder of large guides costs a `stat` per file
//! at start instead of a read. It is a cache: written without forcing it to disk, never created
//! where there is no state folder yet, and a missing or spoilt one is simply rebuilt.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::fsio::{private_dir, read_limited, replace_cache};
use crate::guide::{Header, HeaderCache, Stamp};

/// A cache larger than this is not one tshoot wrote; it is rebuilt.
const MAX_CACHE_BYTES: u64 = 16 * 1024 * 1024;
const FILE_NAME: &str = "guide-headers.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Entries {
    headers: BTreeMap<String, Remembered>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Remembered {
    stamp: Stamp,
    header: Header,
}

#[derive(Debug)]
pub struct HeaderFile {
    root: PathBuf,
    entries: Entries,
    changed: bool,
}

impl HeaderFile {
    /// The cache of the state folder `root` (empty when there is none yet).
    pub fn open(root: &Path) -> HeaderFile {
        let path = root.join("cache").join(FILE_NAME);
        let entries = read_limited(&path, MAX_CACHE_BYTES)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        HeaderFile {
            root: root.to_path_buf(),
            entries,
            changed: false,
        }
    }

    /// Writes what changed. Only into a state folder that exists: a read-only command run
    /// before any session must not create one for a cache.
    pub fn save(&self) {
        if !self.changed || !self.root.is_dir() {
            return;
        }
        let dir = self.root.join("cache");
        if private_dir(&dir).is_err() {
            return;
        }
        if let Ok(bytes) = serde_json::to_vec(&self.entries) {
            let _ = replace_cache(&dir, FILE_NAME, &bytes);
        }
    }
}

impl HeaderCache for HeaderFile {
    fn get(&self, key: &str, stamp: Stamp) -> Option<Header> {
        let remembered = self.entries.headers.get(key)?;
        (remembered.stamp == stamp).then(|| remembered.header.clone())
    }

    fn put(&mut self, key: &str, stamp: Stamp, header: &Header) {
        self.entries.headers.insert(
            key.to_string(),
            Remembered {
                stamp,
                header: header.clone(),
            },
        );
        self.changed = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(title: &str) -> Header {
        Header {
            id: "g".into(),
            title: title.into(),
            ..Header::default()
        }
    }

    #[test]
    fn a_header_put_is_found_again_by_a_later_run_while_its_file_is_unchanged() {
        let root = tempfile::tempdir().expect("tempdir");
        let stamp = Stamp {
            len: 10,
            modified_ns: 5,
        };
        let mut cache = HeaderFile::open(root.path());
        cache.put("/g/a.yaml", stamp, &header("A"));
        cache.save();
        let again = HeaderFile::open(root.path());
        assert_eq!(again.get("/g/a.yaml", stamp), Some(header("A")));
        let touched = Stamp {
            modified_ns: 6,
            ..stamp
        };
        assert_eq!(again.get("/g/a.yaml", touched), None);
    }

    #[test]
    fn no_state_folder_is_created_for_a_cache_and_a_spoilt_one_is_rebuilt() {
        let root = tempfile::tempdir().expect("tempdir");
        let missing = root.path().join("state");
        let mut cache = HeaderFile::open(&missing);
        cache.put(
            "/g/a.yaml",
            Stamp {
                len: 1,
                modified_ns: 1,
            },
            &header("A"),
        );
        cache.save();
        assert!(!missing.exists());
        std::fs::create_dir_all(missing.join("cache")).expect("dirs");
        std::fs::write(missing.join("cache").join(FILE_NAME), "{not json").expect("write");
        assert_eq!(
            HeaderFile::open(&missing).get(
                "/g/a.yaml",
                Stamp {
                    len: 1,
                    modified_ns: 1
                }
            ),
            None
        );
    }
}
