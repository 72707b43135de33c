//! The ratatui front: The Elm Architecture over the engine (App, keymap, update, views).
