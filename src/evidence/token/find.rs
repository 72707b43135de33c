//! Finds the JWTs in a paste, tells their shape (signed, cut off, encrypted) and decodes their
//! base64url parts.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value as Json};

/// A token longer than this is not decoded (Entra tokens are a few KB).
const MAX_TOKEN: usize = 64 * 1024;

/// What a run of base64url segments starting with `eyJ` turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// header.payload.signature (the signature may be empty).
    Signed,
    /// Header and no payload, or no third segment: cut off when copied.
    Truncated,
    /// Five segments and an `enc` header: the payload is encrypted.
    Encrypted,
}

/// A JWT found in the text.
#[derive(Debug)]
pub(super) struct Found<'t> {
    /// The whole token as it stands in the text (only used to tell tokens apart).
    pub(super) raw: &'t str,
    pub(super) line: usize,
    pub(super) shape: Shape,
    pub(super) segments: Vec<&'t str>,
    pub(super) header: Map<String, Json>,
    /// `access_token` or `id_token` when the token is that field's value.
    pub(super) field: Option<&'static str>,
}

/// Characters of a base64url segment.
fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// base64url without padding; padding and standard-alphabet characters are tolerated.
fn decode(segment: &str) -> Option<Vec<u8>> {
    let trimmed = segment.trim_end_matches('=');
    if trimmed.contains(['+', '/']) {
        let normal: String = trimmed
            .chars()
            .map(|c| match c {
                '+' => '-',
                '/' => '_',
                c => c,
            })
            .collect();
        return URL_SAFE_NO_PAD.decode(normal).ok();
    }
    URL_SAFE_NO_PAD.decode(trimmed).ok()
}

pub(super) fn decode_object(segment: &str) -> Option<Map<String, Json>> {
    match serde_json::from_slice::<Json>(&decode(segment)?).ok()? {
        Json::Object(map) => Some(map),
        _ => None,
    }
}

/// The field a token is the value of: the text just before it ends with `id_token": "` or
/// `access_token=` or the like.
fn field_before(before: &str) -> Option<&'static str> {
    // Only the last few characters: the scan stays linear however many tokens there are.
    let mut cut = before.len().saturating_sub(40);
    while !before.is_char_boundary(cut) {
        cut += 1;
    }
    let key = before[cut..].trim_end_matches(['"', '\'', ':', '=', ' ', '\t']);
    let key = key.to_ascii_lowercase();
    if key.ends_with("access_token") || key.ends_with("accesstoken") {
        Some("access_token")
    } else if key.ends_with("id_token") || key.ends_with("idtoken") {
        Some("id_token")
    } else {
        None
    }
}

/// Every JWT in `text` (looking no further than `limit` bytes), in order, and how many were too
/// long to decode. A JWT starts with `eyJ` (base64url of `{"`) where no other base64url text
/// stands before it, and its header must decode to a JSON object with `alg`, `typ` or `enc`.
pub(super) fn find_tokens(text: &str, limit: usize, first_only: bool) -> (Vec<Found<'_>>, usize) {
    let bytes = text.as_bytes();
    let end = bytes.len().min(limit);
    let mut found = Vec::new();
    let mut oversized = 0;
    let mut i = 0;
    // Line counting is incremental, so the whole scan stays linear.
    let mut line = 1;
    let mut counted = 0;
    while i + 3 <= end {
        let boundary = i == 0 || !(is_b64url(bytes[i - 1]) || bytes[i - 1] == b'.');
        if !(bytes[i..].starts_with(b"eyJ") && boundary) {
            i += 1;
            continue;
        }
        // Segments of base64url, each optionally padded, joined by dots.
        let start = i;
        let mut j = i;
        while j < bytes.len() && (is_b64url(bytes[j]) || bytes[j] == b'.' || bytes[j] == b'=') {
            j += 1;
        }
        i = j;
        let raw = &text[start..j];
        if raw.len() > MAX_TOKEN {
            oversized += 1;
            continue;
        }
        // The shortest header worth decoding, `{"typ":"JWT"}`, is 18 characters, and a token has
        // a dot: anything less is skipped before any decoding.
        if raw.find('.').is_none_or(|dot| dot < 16) {
            continue;
        }
        let mut segments: Vec<&str> = raw.split('.').collect();
        // A sentence's full stop after a token, or "..." of a shortened display.
        while segments.len() > 3 && segments.last().is_some_and(|s| s.is_empty()) {
            segments.pop();
        }
        let Some(header) = segments.first().and_then(|h| decode_object(h)) else {
            continue;
        };
        if !["alg", "typ", "enc"]
            .iter()
            .any(|k| header.contains_key(*k))
        {
            continue;
        }
        let shape = match segments.len() {
            5 if header.contains_key("enc") => Shape::Encrypted,
            3 if !segments[1].is_empty() => Shape::Signed,
            2 | 3 => Shape::Truncated,
            _ => continue,
        };
        for (k, &b) in bytes[counted..start].iter().enumerate() {
            let at = counted + k;
            if b == b'\n' || (b == b'\r' && bytes.get(at + 1) != Some(&b'\n')) {
                line += 1;
            }
        }
        counted = start;
        found.push(Found {
            raw,
            line,
            shape,
            segments,
            header,
            field: field_before(&text[..start]),
        });
        if first_only {
            break;
        }
    }
    (found, oversized)
}
