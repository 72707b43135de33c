//! Sessions on disk: every answer is appended to the session's journal (and synced) before the
//! next question is drawn; sessions are listed from their headers, resumed and exported.

mod error;
mod fsio;
mod header_cache;
mod journal;
mod lock;
mod recorder;
pub mod reopen;
mod session;
mod session_recorder;
mod session_store;
mod tidy;
mod writer;

pub use crate::engine::SessionStatus;
pub use error::StoreError;
pub use fsio::write_export;
pub use header_cache::HeaderFile;
pub use recorder::{Discard, NullRecorder, Recorder, Resumed, SessionListing};
pub use session::{
    is_valid_id, new_id, CurrentStep, GuidePin, Session, SessionHead, Superseded, Who,
    SESSION_SCHEMA,
};
pub use session_recorder::SessionRecorder;
pub use session_store::{Damaged, Listing, SessionStore};
pub use tidy::Pruned;
