//! Kept for callers of the old path: the one place text is made safe is [`crate::text`].

pub use crate::text::clean;
