//! The pure state machine that walks a validated guide: no I/O, no terminal, time from a clock.

mod answer;
mod clock;
mod evidence;
mod status;
mod walk;

pub use answer::Answer;
pub use clock::{Clock, StepClock, SystemClock};
pub use evidence::{Attached, Contradiction, FromEvidence};
pub use status::SessionStatus;
pub use walk::{
    Finding, Library, Replaced, Replay, ReplayStop, Revision, Step, Walk, WalkCommand, WalkError,
};
#[cfg(test)]
mod revisit_tests;
#[cfg(test)]
mod tests;
