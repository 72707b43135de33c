//! tshoot: walk a technician through a YAML troubleshooting guide, one question at a time.
//!
//! The core (`guide`, `engine`, `evidence`, `report`) knows nothing about terminals; `store` keeps
//! sessions on disk; `tui` and the binary's command line (`src/cli`, a module of `main.rs`) are
//! thin fronts over them.

mod bundled;
pub mod engine;
pub mod evidence;
pub mod evidence_file;
pub mod graph;
pub mod guide;
pub mod headless;
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
