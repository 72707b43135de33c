//! Validator cases too large or too generated for fixture files.
