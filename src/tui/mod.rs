//! The ratatui front: The Elm Architecture over the engine (App, keymap, update, views).
//!
//! One loop: wait for an event, turn it into a [`Message`] with the pure [`keymap`], apply it with
//! [`update`], run the [`Effect`]s it returns (saving the walk first), then draw.

pub mod app;
pub mod bindings;
pub mod capabilities;
mod effect;
mod event;
pub mod keymap;
mod map;
pub mod osc;
mod paste;
pub mod script;
mod terminal;
pub mod text;
pub mod theme;
pub mod update;
pub mod view;
mod who;

pub use app::App;
pub use event::{handle_event, perform};
pub use keymap::{keymap, Message};
pub use terminal::run;
pub use update::{update, Effect};
