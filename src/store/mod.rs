//! Sessions on disk: every walk is saved (temp file, fsync, rename) before the next question is
//! drawn, listed, resumed and exported.

mod folder;
mod fsio;
mod recorder;
pub mod reopen;
mod session;
mod session_recorder;

pub use folder::{Damaged, Listing, Store};
pub use recorder::{NullRecorder, Recorder, Resumed, SessionListing};
pub use session::{
    is_valid_id, new_id, CurrentStep, GuidePin, Session, Superseded, Who, SESSION_SCHEMA,
};
pub use session_recorder::SessionRecorder;
