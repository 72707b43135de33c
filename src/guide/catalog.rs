//! The guides a run can use: those bundled in the binary, then extra folders in order; a guide
//! from a folder replaces a bundled (or earlier) one with the same id.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::load::{load, read_file, LoadedGuide, YamlKind};
use super::problem::Problem;
use super::valid::ValidGuide;
use super::validate::validate;

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled_guides.rs"));
}

pub use bundled::BUNDLED;

#[derive(Debug, Clone)]
pub struct Entry {
    pub guide: Arc<ValidGuide>,
    /// `None` for a guide bundled in the binary.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// Guides in the extra folders that did not load or validate; the rest still work.
    pub problems: Vec<Problem>,
}

/// Reads a guide file, refusing anything over the size limit before reading it all.
pub fn read_guide_file(path: &Path) -> Result<LoadedGuide, Problem> {
    let bytes = read_file(path, YamlKind::Guide)?;
    load(&path.display().to_string(), &bytes)
}

/// The `*.yaml` / `*.yml` files of a folder, sorted, so runs are repeatable.
pub fn guide_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

impl Catalog {
    pub fn load(extra_dirs: &[PathBuf]) -> Catalog {
        let mut catalog = Catalog::default();
        for (name, text) in BUNDLED {
            let loaded = load(&format!("bundled:{name}"), text.as_bytes());
            catalog.add(loaded, None);
        }
        for dir in extra_dirs {
            match guide_files(dir) {
                Ok(files) => {
                    for path in files {
                        let loaded = read_guide_file(&path);
                        catalog.add(loaded, Some(path));
                    }
                }
                Err(e) => catalog.problems.push(Problem::unreadable(
                    &dir.display().to_string(),
                    "the guide folder",
                    &e,
                )),
            }
        }
        catalog
    }

    fn add(&mut self, loaded: Result<LoadedGuide, Problem>, path: Option<PathBuf>) {
        let valid = loaded.map_err(|p| vec![p]).and_then(validate);
        match valid {
            Ok(guide) => {
                let entry = Entry {
                    guide: Arc::new(guide),
                    path,
                };
                match self
                    .entries
                    .iter_mut()
                    .find(|e| e.guide.id() == entry.guide.id())
                {
                    Some(existing) => *existing = entry,
                    None => self.entries.push(entry),
                }
            }
            Err(problems) => self
                .problems
                .extend(problems.into_iter().filter(Problem::is_error)),
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn find(&self, id: &str) -> Option<&Arc<ValidGuide>> {
        self.entries.iter().map(|e| &e.guide).find(|g| g.id() == id)
    }

    /// Guides whose error codes match what was typed or pasted: `AADSTS51006`, `51006`, or a
    /// whole error page holding one. Digits inside GUIDs and times are not codes.
    pub fn matching_code(&self, text: &str) -> Vec<&Arc<ValidGuide>> {
        let wanted = crate::evidence::error_page::error_codes(text);
        self.entries
            .iter()
            .map(|e| &e.guide)
            .filter(|g| {
                g.guide().error_codes.iter().any(|code| {
                    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
                    wanted.contains(&digits)
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_or_a_pasted_error_page_finds_the_bundled_guide() {
        let catalog = Catalog::load(&[]);
        for text in [
            "AADSTS51006",
            "51006",
            "aadsts51006",
            "Error Code: 51006\nRequest Id: 25ab1408-9854-4204-be22-719af9910400",
        ] {
            let found = catalog.matching_code(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].id(), "aadsts51006");
        }
        assert!(catalog.matching_code("53003").is_empty());
        assert!(catalog
            .matching_code("Correlation Id: 51006abc-c02d-4cbe-947e-481164f67f03")
            .is_empty());
    }
}
