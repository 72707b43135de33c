//! What the update asks of the outside world: the one type both `update` and `paste` return, so
//! neither has to import the other for it.

/// Work for the outside world, run by [`super::perform`] with the recorder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the walk (after every change to it).
    Save,
    /// Mark the session finished or paused (on the way out).
    Close,
    /// Write the reports and say where.
    Export,
    /// Put the report in this format on the terminal's clipboard (OSC 52), or say where an
    /// exported copy is when the terminal cannot take it.
    Copy(crate::report::Format),
    /// Load an unfinished session by id.
    Resume(String),
    /// Record the App's technician and ticket in the session.
    Who,
    /// Close or delete a session listed in the picker.
    Discard(String, crate::store::Discard),
}
