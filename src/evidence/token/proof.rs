//! How a fact read from a token cites its claim: the JSON path and value, never the token.

use serde_json::Value as Json;

use crate::evidence::lines::quote;
use crate::evidence::Source;

/// The proof of a fact read from a claim: its JSON path and value, never the token.
pub(super) fn claim_source(line: usize, path: &str, value: &Json) -> Source {
    Source {
        line,
        path: Some(path.to_string()),
        text: quote(&value.to_string()),
    }
}
