//! Guides: the file format, loading with located errors, validation, and the bundled catalog.

pub mod catalog;
pub mod expr;
pub mod input_format;
pub mod load;
pub mod model;
pub mod problem;
mod safe_text;
pub mod source_map;
pub mod valid;
pub mod validate;
pub mod vars;

pub use load::{load, LoadedGuide};
pub use model::{Guide, Node, NodeKind};
pub use problem::{Location, Problem, Severity};
pub use valid::ValidGuide;
pub use validate::validate;
