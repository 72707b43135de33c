//! The guides a run can use: those bundled in the binary, then extra folders in order; a guide
//! from a folder replaces a bundled (or earlier) one with the same id.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use super::load::{
    is_part, load, load_header, load_owned, merge_parts, read_file, Disk, LoadedGuide, YamlKind,
};
use super::model::{Guide, Header};
use super::problem::Problem;
use super::source_map::SourceMap;
use super::valid::ValidGuide;
use super::validate::{prevalidated, validate};

pub use crate::bundled::BUNDLED;

/// A guide compiled into the binary: validated by the build, its header ready to show and its
/// content ready to read as JSON.
#[derive(Debug)]
pub struct Bundled {
    pub name: &'static str,
    pub json: &'static str,
    pub hash: &'static str,
    pub id: &'static str,
    pub title: &'static str,
    pub version: &'static str,
    pub summary: &'static str,
    pub error_codes: &'static [&'static str],
    /// The guide's `area`, empty when it names none.
    pub area: &'static str,
    pub fallback: bool,
    pub nodes: usize,
}

#[derive(Debug)]
enum Origin {
    Bundled(&'static Bundled),
    File(PathBuf),
}

/// One guide of the catalog. The whole guide is read and validated the first time it is needed.
#[derive(Debug)]
pub struct Entry {
    pub header: Header,
    /// `None` for a guide bundled in the binary.
    pub path: Option<PathBuf>,
    origin: Origin,
    loaded: OnceLock<Result<Arc<ValidGuide>, Vec<Problem>>>,
}

impl Entry {
    fn bundled(b: &'static Bundled) -> Entry {
        Entry {
            header: Header {
                id: b.id.to_string(),
                title: b.title.to_string(),
                version: b.version.to_string(),
                summary: b.summary.to_string(),
                error_codes: b.error_codes.iter().map(ToString::to_string).collect(),
                area: (!b.area.is_empty()).then(|| b.area.to_string()),
                fallback: b.fallback,
            },
            path: None,
            origin: Origin::Bundled(b),
            loaded: OnceLock::new(),
        }
    }

    /// The validated guide, loaded on first use; the problems if it does not validate.
    pub fn guide(&self) -> Result<&Arc<ValidGuide>, &[Problem]> {
        let loaded = self.loaded.get_or_init(|| {
            match &self.origin {
                // The build validated it: only its conditions and patterns are compiled now.
                Origin::Bundled(b) => b.load().map_err(|p| vec![p]).and_then(prevalidated),
                Origin::File(path) => read_guide_file(path)
                    .map_err(|p| vec![p])
                    .and_then(validate),
            }
            .map(Arc::new)
        });
        loaded.as_ref().map_err(Vec::as_slice)
    }

    /// The node count: known for bundled guides, read from the guide for the others.
    pub fn node_count(&self) -> Option<usize> {
        match &self.origin {
            Origin::Bundled(b) => Some(b.nodes),
            Origin::File(_) => self.guide().ok().map(|g| g.guide().nodes.len()),
        }
    }
}

impl Bundled {
    /// The guide from its pre-parsed JSON: no YAML is parsed.
    pub fn load(&self) -> Result<LoadedGuide, Problem> {
        let file = format!("bundled:{}", self.name);
        let guide: Guide = serde_json::from_str(self.json).map_err(|e| {
            Problem::error(
                &file,
                super::problem::Location::START,
                format!("the pre-parsed guide does not read back ({e}); rebuild tshoot"),
            )
        })?;
        Ok(LoadedGuide::single(
            guide,
            file,
            // The build validated it: no problem is ever located in it, so its YAML is not
            // carried in the binary.
            SourceMap::default(),
            self.hash.to_string(),
        ))
    }
}

/// Headers remembered between runs, by file, with the file's size and modification time: a
/// folder of large guides is listed without reading them again at every start. (The content hash
/// a session pins is still taken from the file itself when the guide is used.)
pub trait HeaderCache {
    fn get(&self, key: &str, stamp: Stamp) -> Option<Header>;
    fn put(&mut self, key: &str, stamp: Stamp, header: &Header);
}

/// What tells a cached header is still the file's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub modified_ns: i128,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?;
        let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        Some(Stamp {
            len: meta.len(),
            modified_ns: i128::try_from(since.as_nanos()).ok()?,
        })
    }
}

/// Remembers nothing: every header is read from its file.
pub struct NoCache;

impl HeaderCache for NoCache {
    fn get(&self, _key: &str, _stamp: Stamp) -> Option<Header> {
        None
    }
    fn put(&mut self, _key: &str, _stamp: Stamp, _header: &Header) {}
}

#[derive(Debug, Default)]
pub struct Catalog {
    /// Shared, so a walk can find the guide a resolution continues in (see
    /// [`Catalog::library`]) however long it outlives the borrow it started from.
    entries: Arc<Vec<Entry>>,
    /// Guides in the extra folders whose header could not be read; the rest still work.
    pub problems: Vec<Problem>,
}

/// Reads a guide file, refusing anything over the size limit before reading it all.
/// The parts it names in `use` are read from its folder and merged in.
pub fn read_guide_file(path: &Path) -> Result<LoadedGuide, Problem> {
    read_guide_bytes(path, read_file(path, YamlKind::Guide)?)
}

/// [`read_guide_file`] for the bytes of `path`, already read.
pub fn read_guide_bytes(path: &Path, bytes: Vec<u8>) -> Result<LoadedGuide, Problem> {
    let mut loaded = load_owned(&path.display().to_string(), bytes)?;
    merge_parts(&mut loaded, path, &Disk);
    Ok(loaded)
}

/// The `*.yaml` / `*.yml` files of a folder, sorted, so runs are repeatable.
pub fn guide_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| {
            // The folder entry knows its type: a `stat` only for a symbolic link.
            e.file_type()
                .is_ok_and(|t| t.is_file() || (t.is_symlink() && e.path().is_file()))
        })
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    Ok(files)
}

impl Catalog {
    /// The bundled guides and the guides of the extra folders, by header only: what is needed
    /// to list and pick them. A folder guide is read whole when it is first used.
    pub fn load(extra_dirs: &[PathBuf]) -> Catalog {
        Catalog::load_cached(extra_dirs, &mut NoCache)
    }

    /// [`Catalog::load`], taking folder guides' headers from `cache` while their files are
    /// unchanged, and putting there the ones it had to read.
    pub fn load_cached(extra_dirs: &[PathBuf], cache: &mut dyn HeaderCache) -> Catalog {
        let mut catalog = Catalog::default();
        for bundled in BUNDLED {
            catalog.add(Entry::bundled(bundled));
        }
        for dir in extra_dirs {
            // One name for a file whatever folder tshoot is started from.
            let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
            match guide_files(dir) {
                Ok(files) => {
                    for path in files {
                        let key = path
                            .file_name()
                            .map(|name| canonical.join(name).display().to_string());
                        match read_header(&path, key.as_deref(), cache) {
                            // A part of guides is used by them, not listed.
                            Ok(None) => {}
                            Ok(Some(header)) => catalog.add(Entry {
                                header,
                                path: Some(path.clone()),
                                origin: Origin::File(path),
                                loaded: OnceLock::new(),
                            }),
                            Err(problem) => catalog.problems.push(problem),
                        }
                    }
                }
                Err(e) => catalog.problems.push(Problem::unreadable(
                    &dir.display().to_string(),
                    "the guide folder",
                    &e,
                )),
            }
        }
        // A fallback guide is for what the others do not cover: it is listed after them.
        if let Some(entries) = Arc::get_mut(&mut catalog.entries) {
            entries.sort_by_key(|e| e.header.fallback);
        }
        catalog
    }

    fn add(&mut self, entry: Entry) {
        // Only while the catalog is being loaded, before anything shares its entries.
        let Some(entries) = Arc::get_mut(&mut self.entries) else {
            return;
        };
        match entries.iter_mut().find(|e| e.header.id == entry.header.id) {
            Some(existing) => *existing = entry,
            None => entries.push(entry),
        }
    }

    /// Finds a validated guide by id, for as long as it is kept: what a walk that goes on in
    /// another guide looks it up with.
    pub fn library(&self) -> impl Fn(&str) -> Option<Arc<ValidGuide>> + Send + Sync + 'static {
        let entries = Arc::clone(&self.entries);
        move |id: &str| {
            entries
                .iter()
                .find(|e| e.header.id == id)
                .and_then(|e| e.guide().ok().cloned())
        }
    }

    /// The guides for these error codes: those that list one of them, else (when some code was
    /// given) the guide for any other code. What the picker and a paste look codes up with.
    pub fn guides_for_codes(&self, wanted: &[String]) -> Vec<&Entry> {
        let found = self.matching_codes(wanted);
        if found.is_empty() && !wanted.is_empty() {
            return self.fallback().into_iter().collect();
        }
        found
    }

    /// The guide for codes no other guide has (the last one marked `fallback`), if any.
    pub fn fallback(&self) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.header.fallback)
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.header.id == id)
    }

    /// The validated guide with this id; `None` when there is none or it does not validate
    /// (its problems are in [`Entry::guide`]).
    pub fn find(&self, id: &str) -> Option<&Arc<ValidGuide>> {
        self.entry(id).and_then(|e| e.guide().ok())
    }

    /// Guides that cover any of these error codes (digits, as `error_codes` in the evidence
    /// layer reads them from what was typed or pasted).
    pub fn matching_codes(&self, wanted: &[String]) -> Vec<&Entry> {
        self.entries
            .iter()
            .filter(|e| {
                e.header.error_codes.iter().any(|code| {
                    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
                    wanted.contains(&digits)
                })
            })
            .collect()
    }
}

/// A folder guide's header. If it cannot be read on its own, the whole file is loaded so the
/// problem is reported where it stands.
fn read_header(
    path: &Path,
    key: Option<&str>,
    cache: &mut dyn HeaderCache,
) -> Result<Option<Header>, Problem> {
    let stamp = std::fs::metadata(path).ok().and_then(|m| Stamp::of(&m));
    let cached = key.zip(stamp);
    if let Some(header) = cached.and_then(|(key, stamp)| cache.get(key, stamp)) {
        return Ok(Some(header));
    }
    let name = path.display().to_string();
    let bytes = read_file(path, YamlKind::Guide)?;
    if is_part(&String::from_utf8_lossy(&bytes)) {
        return Ok(None);
    }
    match load_header(&name, &bytes) {
        Ok(header) => {
            if let Some((key, stamp)) = cached {
                cache.put(key, stamp, &header);
            }
            Ok(Some(header))
        }
        Err(problem) => Err(load(&name, &bytes).err().unwrap_or(problem)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_guide_is_found_by_each_of_its_codes_and_by_no_other_guide() {
        let catalog = Catalog::load(&[]);
        let mut checked = 0;
        for bundled in BUNDLED {
            for code in bundled.error_codes {
                let wanted = crate::evidence::error_page::error_codes(code);
                let found: Vec<&str> = catalog
                    .matching_codes(&wanted)
                    .iter()
                    .map(|e| e.header.id.as_str())
                    .collect();
                assert_eq!(found, [bundled.id], "code {code}");
                checked += 1;
            }
        }
        assert!(checked >= 50, "{checked} codes checked");
    }

    #[test]
    fn a_code_or_a_pasted_error_page_finds_the_bundled_guide() {
        let catalog = Catalog::load(&[]);
        let codes = |text: &str| crate::evidence::error_page::error_codes(text);
        for text in [
            "AADSTS51006",
            "51006",
            "aadsts51006",
            "Error Code: 51006\nRequest Id: 25ab1408-9854-4204-be22-719af9910400",
        ] {
            let found = catalog.matching_codes(&codes(text));
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].header.id, "aadsts51006");
        }
        assert!(catalog.matching_codes(&codes("700016")).is_empty());
        assert!(catalog
            .matching_codes(&codes(
                "Correlation Id: 51006abc-c02d-4cbe-947e-481164f67f03"
            ))
            .is_empty());
    }

    #[test]
    fn every_bundled_guide_reads_back_from_the_build_exactly_as_its_yaml_loads() {
        assert!(!BUNDLED.is_empty());
        for bundled in BUNDLED {
            // Read as a folder guide is, with the parts it uses merged in.
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("guides")
                .join(bundled.name);
            let from_yaml = read_guide_file(&path).expect("valid yaml");
            let from_build = bundled.load().expect("json reads back");
            assert_eq!(from_build.guide, from_yaml.guide, "{}", bundled.name);
            assert_eq!(from_build.hash, from_yaml.hash);
            assert_eq!(bundled.nodes, from_yaml.guide.nodes.len());
            assert_eq!(bundled.title, from_yaml.guide.title);
        }
    }

    #[test]
    fn a_folder_guide_is_listed_by_header_and_its_problems_wait_until_it_is_used() {
        let dir = std::env::temp_dir().join(format!("tshoot-catalog-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(
            dir.join("broken.yaml"),
            "format: 1\nid: broken\ntitle: Broken body\nversion: '1'\nsections: []\nstart: a\nnodes:\n  - {id: a, kind: info, prompt: p, next: nowhere}\n",
        )
        .expect("write");
        std::fs::write(dir.join("junk.yaml"), "id: [unclosed\n").expect("write");
        let catalog = Catalog::load(std::slice::from_ref(&dir));
        let entry = catalog.entry("broken").expect("listed by header");
        assert_eq!(entry.header.title, "Broken body");
        let problems = entry.guide().expect_err("body is checked on use");
        assert!(problems.iter().any(|p| p.message.contains("nowhere")));
        assert!(
            catalog.find("aadsts51006").is_some(),
            "the others still work"
        );
        assert_eq!(
            catalog.problems.len(),
            1,
            "the unreadable header is reported"
        );
        assert!(catalog.problems[0].file.ends_with("junk.yaml"));
        std::fs::remove_dir_all(&dir).ok();
    }

    /// A cache that answers for one file whatever it holds, and counts what was put.
    #[derive(Default)]
    struct Remembers {
        header: Option<(String, Stamp, Header)>,
        puts: usize,
    }

    impl HeaderCache for Remembers {
        fn get(&self, key: &str, stamp: Stamp) -> Option<Header> {
            let (k, s, h) = self.header.as_ref()?;
            (k == key && *s == stamp).then(|| h.clone())
        }
        fn put(&mut self, key: &str, stamp: Stamp, header: &Header) {
            self.puts += 1;
            self.header = Some((key.to_string(), stamp, header.clone()));
        }
    }

    #[test]
    fn an_unchanged_folder_guide_is_listed_from_the_cache_without_reading_it() {
        let dir = std::env::temp_dir().join(format!("tshoot-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("g.yaml");
        let text = "format: 1\nid: cached\ntitle: First title\nversion: '1'\nsections: []\nstart: a\nnodes:\n  - {id: a, kind: resolution, outcome: escalate, title: r, cause: c, steps: [s]}\n";
        std::fs::write(&file, text).expect("write");
        let mut cache = Remembers::default();
        let first = Catalog::load_cached(std::slice::from_ref(&dir), &mut cache);
        assert_eq!(
            first.entry("cached").expect("read").header.title,
            "First title"
        );
        assert_eq!(cache.puts, 1);
        // Same size and time: the cache answers (it says what the file said when it was read).
        let second = Catalog::load_cached(std::slice::from_ref(&dir), &mut cache);
        assert_eq!(
            second.entry("cached").expect("cached").header.title,
            "First title"
        );
        assert_eq!(cache.puts, 1, "nothing read, nothing put");
        // Changed (another size): read again.
        std::fs::write(&file, text.replace("First title", "Second, longer title")).expect("write");
        let third = Catalog::load_cached(std::slice::from_ref(&dir), &mut cache);
        assert_eq!(
            third.entry("cached").expect("read").header.title,
            "Second, longer title"
        );
        assert_eq!(cache.puts, 2);
        std::fs::remove_dir_all(&dir).ok();
    }
}
