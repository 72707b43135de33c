//! Pure parsers from pasted text to typed facts. They never touch the network and never keep
//! raw secrets.

pub mod error_page;
