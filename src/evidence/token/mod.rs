//! Reads a Microsoft identity platform JWT (access or ID token, v1.0 or v2.0) found anywhere in a
//! paste: alone, after `Authorization: Bearer`, or as `"access_token"`/`"id_token"` in a token
//! response. Header and payload are base64url-decoded here and parsed as JSON; the signature is
//! never checked, and neither the token nor any part of it is kept: each fact's proof is the
//! claim's JSON path and value (`payload.amr: ["pwd","wia"]`), with the line the token stands on
//! in the paste.
//!
//! Sources (claim names, formats, and which claims appear in which token):
//! - https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference
//! - https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference
//! - https://learn.microsoft.com/entra/identity-platform/optional-claims-reference
//! - RFC 7519 (JWT), RFC 7515 (JWS compact form), RFC 7516 (JWE compact form, five segments)

use std::collections::HashSet;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{Map, Value as Json};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::lines::quote;
use super::{Kind, Reader, Reading, Source};
use crate::redact::{redact, Policy};

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    (
        "token.kind",
        "access or id; the proof names what decided it: the field the token came in, or the idtyp, scp, azp/appid, roles, aud or nonce claim",
    ),
    ("token.version", "token version, 1.0 or 2.0 (ver claim)"),
    ("token.amr", "authentication methods (amr claim), a list such as pwd, wia, mfa"),
    ("token.has_wia", "yes/no: amr holds wia (Windows integrated authentication)"),
    ("token.has_mfa", "yes/no: amr holds mfa"),
    ("token.acr", "authentication context class (acr claim, v1.0: 0 or 1)"),
    ("token.auth_time", "when the user authenticated (auth_time), RFC 3339 UTC"),
    ("token.iat", "when the token was issued (iat), RFC 3339 UTC"),
    ("token.nbf", "not valid before (nbf), RFC 3339 UTC"),
    ("token.exp", "expiry (exp), RFC 3339 UTC"),
    (
        "token.upn",
        "the user's sign-in name: upn, else unique_name, else preferred_username (the proof says which)",
    ),
    ("token.tid", "tenant id (tid), a GUID"),
    ("token.oid", "the user's (or app's) object id (oid), a GUID"),
    ("token.app_id", "the client app's id (appid in v1.0, azp in v2.0)"),
    ("token.aud", "audience (aud): the API the token is for, or the app for an ID token"),
    ("token.iss", "issuer (iss): the STS and tenant that issued the token"),
    ("token.device_id", "device id (deviceid), a GUID"),
    ("token.ip_address", "IP address the user signed in from (ipaddr)"),
    ("token.in_corp", "yes/no: signed in from the corporate network (in_corp optional claim)"),
    ("token.alg", "signing algorithm named in the header (alg)"),
];

/// Always said: nothing here checks who signed the token.
pub const NOT_VERIFIED: &str = "signature not verified (decoded locally)";

/// A token longer than this is not decoded (Entra tokens are a few KB).
const MAX_TOKEN: usize = 64 * 1024;

/// How much of a paste `recognise` looks at.
const RECOGNISE_LIMIT: usize = 64 * 1024;

/// The token's reader. Source: see the module documentation.
pub const READER: Reader = Reader {
    kind: Kind::Token,
    sets: SETS,
    recognise,
    read,
};

/// What a run of base64url segments starting with `eyJ` turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// header.payload.signature (the signature may be empty).
    Signed,
    /// Header and no payload, or no third segment: cut off when copied.
    Truncated,
    /// Five segments and an `enc` header: the payload is encrypted.
    Encrypted,
}

/// A JWT found in the text.
#[derive(Debug)]
struct Found<'t> {
    /// The whole token as it stands in the text (only used to tell tokens apart).
    raw: &'t str,
    line: usize,
    shape: Shape,
    segments: Vec<&'t str>,
    header: Map<String, Json>,
    /// `access_token` or `id_token` when the token is that field's value.
    field: Option<&'static str>,
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

fn decode_object(segment: &str) -> Option<Map<String, Json>> {
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
fn find_tokens(text: &str, limit: usize, first_only: bool) -> (Vec<Found<'_>>, usize) {
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

/// Sure (95) when the paste holds a JWT; less (50) when it is a browser trace, which the HAR
/// reader reads whole.
fn recognise(text: &str) -> u8 {
    let (found, _) = find_tokens(text, RECOGNISE_LIMIT, true);
    if found.is_empty() {
        return 0;
    }
    let head = text.get(..RECOGNISE_LIMIT.min(text.len())).unwrap_or(text);
    if head.contains("\"entries\"") && head.contains("\"log\"") {
        return 50;
    }
    // A paste that is mostly the token (a raw token, a token response, a request with its
    // Authorization header) is a token; a token inside other output (an error page quoting one)
    // is that output's, when its reader knows it.
    let token_chars: usize = found.iter().map(|t| t.raw.len()).sum();
    let text_chars = head.bytes().filter(|b| !b.is_ascii_whitespace()).count();
    if token_chars * 2 >= text_chars {
        95
    } else {
        70
    }
}

/// The facts of the first token in the paste.
fn read(text: &str) -> Reading {
    let mut reading = Reading::new(Kind::Token);
    let (found, oversized) = find_tokens(text, usize::MAX, false);
    if oversized > 0 {
        reading.note(format!(
            "{oversized} token-like text(s) over 64 KB ignored: no Entra token is that long"
        ));
    }
    let Some(token) = found.first() else {
        reading.note(
            "no JWT found: a token is three base64url parts joined by dots, starting with eyJ",
        );
        return reading;
    };
    reading.note(NOT_VERIFIED);
    let mut seen: HashSet<&str> = HashSet::new();
    seen.insert(token.raw);
    let others = found.iter().filter(|t| seen.insert(t.raw)).count();
    if others > 0 {
        reading.note(format!(
            "{others} more token(s) in the paste not read: only the first is (paste another alone to read it)"
        ));
    }
    match token.shape {
        Shape::Truncated => {
            reading.note(
                "the token is cut off (no payload or no signature part): copy the whole token",
            );
            return reading;
        }
        Shape::Encrypted => {
            reading.note("the token is encrypted (JWE): its claims cannot be read here");
            return reading;
        }
        Shape::Signed => {}
    }
    let Some(payload) = decode_object(token.segments[1]) else {
        reading.note("the token's payload is not JSON (cut off or not a JWT): no claim read");
        return reading;
    };
    read_claims(&mut reading, token, &payload);
    reading
}

/// A claim value as text: strings as they are, numbers and booleans printed, a list of those
/// joined with ", ". Redacted, in case a claim holds something secret.
fn text_of(value: &Json) -> Option<String> {
    let text = match value {
        Json::String(s) => s.trim().to_string(),
        Json::Number(n) => n.to_string(),
        Json::Bool(b) => b.to_string(),
        Json::Array(items) => items
            .iter()
            .filter_map(|v| match v {
                Json::Array(_) | Json::Object(_) => None,
                v => text_of(v),
            })
            .collect::<Vec<_>>()
            .join(", "),
        Json::Null | Json::Object(_) => return None,
    };
    (!text.is_empty()).then(|| redact(&text, &Policy::secrets_only()).into_owned())
}

/// A claim's values as a list (a string claim is a list of one).
fn list_of(value: &Json) -> Vec<String> {
    match value {
        Json::Array(items) => items.iter().filter_map(text_of).collect(),
        other => text_of(other).into_iter().collect(),
    }
}

/// Epoch seconds (a number, or digits in a string) as RFC 3339 UTC.
fn rfc3339(value: &Json) -> Option<String> {
    let seconds = match value {
        Json::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.is_finite()).map(|f| f as i64))?,
        Json::String(s) => s.trim().parse().ok()?,
        _ => return None,
    };
    OffsetDateTime::from_unix_timestamp(seconds)
        .ok()?
        .format(&Rfc3339)
        .ok()
}

/// The proof of a fact read from a claim: its JSON path and value, never the token.
fn claim_source(line: usize, path: &str, value: &Json) -> Source {
    Source {
        line,
        path: Some(path.to_string()),
        text: quote(&value.to_string()),
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

fn read_claims(reading: &mut Reading, token: &Found<'_>, payload: &Map<String, Json>) {
    let line = token.line;
    let source = |path: &str, value: &Json| claim_source(line, path, value);
    let claim = |name: &str| payload.get(name).filter(|v| !v.is_null());

    if let Some((kind, source)) = token_kind(token, payload) {
        reading.set("token.kind", kind, source);
    } else {
        reading.note("cannot tell an access token from an ID token: no idtyp, scp, azp/appid, roles or nonce claim");
    }

    let ver = claim("ver").and_then(|v| Some((text_of(v)?, v)));
    let iss = claim("iss").and_then(|v| Some((v.as_str()?, v)));
    if let Some((ver, value)) = ver {
        reading.set("token.version", ver, source("payload.ver", value));
    } else if let Some((iss, value)) = iss {
        let version = if iss.trim_end_matches('/').ends_with("/v2.0") {
            Some("2.0")
        } else if iss.starts_with("https://sts.windows.net/") {
            Some("1.0")
        } else {
            None
        };
        if let Some(version) = version {
            reading.set("token.version", version, source("payload.iss", value));
        }
    }

    match claim("amr") {
        Some(amr) => {
            let methods = list_of(amr);
            let has = |m: &str| methods.iter().any(|x| x.eq_ignore_ascii_case(m));
            let (wia, mfa) = (has("wia"), has("mfa"));
            reading.set("token.amr", methods, source("payload.amr", amr));
            reading.set("token.has_wia", yes_no(wia), source("payload.amr", amr));
            reading.set("token.has_mfa", yes_no(mfa), source("payload.amr", amr));
        }
        None => reading.note(
            "the token has no amr claim (v2.0 access tokens and app-only tokens often have none): how the user signed in cannot be read from it",
        ),
    }

    let texts: &[(&str, &str)] = &[
        ("acr", "token.acr"),
        ("tid", "token.tid"),
        ("oid", "token.oid"),
        ("aud", "token.aud"),
        ("iss", "token.iss"),
        ("deviceid", "token.device_id"),
        ("ipaddr", "token.ip_address"),
    ];
    for (name, var) in texts {
        if let Some(value) = claim(name) {
            if let Some(text) = text_of(value) {
                reading.set(var, text, source(&format!("payload.{name}"), value));
            }
        }
    }

    for (name, var) in [
        ("auth_time", "token.auth_time"),
        ("iat", "token.iat"),
        ("nbf", "token.nbf"),
        ("exp", "token.exp"),
    ] {
        if let Some(value) = claim(name) {
            match rfc3339(value) {
                Some(time) => reading.set(var, time, source(&format!("payload.{name}"), value)),
                None => reading.note(format!("the {name} claim is not a time in seconds")),
            }
        }
    }

    for name in ["upn", "unique_name", "preferred_username"] {
        if let Some(value) = claim(name) {
            if let Some(text) = text_of(value) {
                reading.set("token.upn", text, source(&format!("payload.{name}"), value));
            }
        }
    }

    for name in ["appid", "azp"] {
        if let Some(value) = claim(name) {
            if let Some(text) = text_of(value) {
                reading.set(
                    "token.app_id",
                    text,
                    source(&format!("payload.{name}"), value),
                );
            }
        }
    }

    if let Some(value) = claim("in_corp") {
        let flag = match value {
            Json::Bool(b) => Some(*b),
            Json::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Json::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        };
        if let Some(flag) = flag {
            reading.set(
                "token.in_corp",
                yes_no(flag),
                source("payload.in_corp", value),
            );
        }
    }

    if let Some(value) = token.header.get("alg") {
        if let Some(alg) = text_of(value) {
            reading.set("token.alg", alg, claim_source(line, "header.alg", value));
        }
    }
}

/// Access or ID token, and what decided it. The field the token came in says it outright;
/// otherwise claims only one kind carries: `idtyp`, `scp`, `azp`, `appid` (access tokens),
/// `nonce`, `at_hash`, `c_hash` (ID tokens), then the weaker `roles` (access, unless ID) and an
/// `aud` that is a URI (v1.0 access tokens name the resource; an ID token's aud is a GUID).
fn token_kind(token: &Found<'_>, payload: &Map<String, Json>) -> Option<(&'static str, Source)> {
    let line = token.line;
    if let Some(field) = token.field {
        let kind = if field == "id_token" { "id" } else { "access" };
        return Some((
            kind,
            Source {
                line,
                path: Some(field.to_string()),
                text: format!("the token is the value of {field}"),
            },
        ));
    }
    let rules: &[(&str, &str)] = &[
        ("idtyp", "access"),
        ("scp", "access"),
        ("nonce", "id"),
        ("at_hash", "id"),
        ("c_hash", "id"),
        ("azp", "access"),
        ("appid", "access"),
        ("roles", "access"),
    ];
    for (name, kind) in rules {
        if let Some(value) = payload.get(*name).filter(|v| !v.is_null()) {
            return Some((kind, claim_source(line, &format!("payload.{name}"), value)));
        }
    }
    let aud = payload.get("aud")?;
    let uri = aud
        .as_str()
        .is_some_and(|a| a.contains("://") || a.starts_with("urn:"));
    uri.then(|| ("access", claim_source(line, "payload.aud", aud)))
}

#[cfg(test)]
mod tests;
