//! tshoot: walk a technician through a YAML troubleshooting guide, one question at a time.
//!
//! The core (`guide`, `engine`, `evidence`, `report`) knows nothing about terminals; `store` keeps
//! sessions on disk; `tui` and the binary's command line (`src/cli`, a module of `main.rs`) are
//! thin fronts over them.

// Sessions are kept with Unix file modes (0600), `O_NOFOLLOW`, positional reads and a lock file,
// and the technician's login name is read from `/proc` and `/etc/passwd`: say so at once rather
// than fail on `std::os::unix` deep in the build (E2).
#[cfg(not(unix))]
compile_error!(
    "tshoot builds on Unix-like systems only (Linux, macOS, the BSDs); on Windows, build and run it in WSL"
);

mod bundled;
pub mod engine;
pub mod evidence;
pub mod evidence_file;
pub mod graph;
pub mod guide;
pub mod headless;
pub mod map;
pub mod plain;
pub mod practice;
pub mod redact;
pub mod report;
pub mod store;
pub mod text;
pub mod tui;

/// The command line belongs to the binary (`mod cli` in `main.rs`); the library does not expose
/// it, so nothing can come to depend on it.
///
/// ```compile_fail
/// use tshoot::cli;
/// ```
#[cfg(doctest)]
struct CliIsNotPartOfTheLibrary;
