//! Reports: one summary model built from a walk, rendered to each output format.

pub mod summary;
pub mod text;

pub use summary::Summary;
