//! Sessions on disk: every walk is saved (temp file, fsync, rename) before the next question is
//! drawn, listed, resumed and exported.

mod recorder;

pub use recorder::{NullRecorder, Recorder, Resumed, SessionListing};
