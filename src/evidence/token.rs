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
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::guide::Value;

    const V1_ACCESS: &str = include_str!("../../tests/fixtures/evidence/token/v1_access_wia.txt");
    const V2_ID: &str = include_str!("../../tests/fixtures/evidence/token/v2_id_mfa.txt");
    const RESPONSE: &str = include_str!("../../tests/fixtures/evidence/token/token_response.json");
    const BEARER: &str = include_str!("../../tests/fixtures/evidence/token/bearer_request.txt");
    const TRUNCATED: &str = include_str!("../../tests/fixtures/evidence/token/truncated.txt");
    const IMPOSTOR: &str =
        include_str!("../../tests/fixtures/evidence/token/impostor_base64_blobs.txt");

    const ALL: &[&str] = &[V1_ACCESS, V2_ID, RESPONSE, BEARER, TRUNCATED];

    /// Every fact as (name, value, path, line).
    fn facts(reading: &Reading) -> Vec<(String, String, String, usize)> {
        reading
            .facts
            .iter()
            .map(|f| {
                (
                    f.name.clone(),
                    f.value.to_string(),
                    f.source.path.clone().unwrap_or_default(),
                    f.source.line,
                )
            })
            .collect()
    }

    fn fact<'a>(reading: &'a Reading, name: &str) -> &'a super::super::Fact {
        reading
            .get(name)
            .unwrap_or_else(|| panic!("{name} in {:?}", facts(reading)))
    }

    fn assert_fact(reading: &Reading, name: &str, value: &str, path: &str) {
        let f = fact(reading, name);
        assert_eq!(
            (f.value.to_string().as_str(), f.source.path.as_deref()),
            (value, Some(path)),
            "{name}"
        );
    }

    #[test]
    fn a_v1_access_token_with_wia_gives_every_claim_it_holds() {
        let reading = read(V1_ACCESS);
        assert_eq!(reading.notes, vec![NOT_VERIFIED.to_string()]);
        assert_fact(&reading, "token.kind", "access", "payload.idtyp");
        assert_fact(&reading, "token.version", "1.0", "payload.ver");
        assert_eq!(
            fact(&reading, "token.amr").value,
            Value::List(vec!["pwd".into(), "wia".into()])
        );
        assert_eq!(
            fact(&reading, "token.amr").source.describe(),
            r#"payload.amr: ["pwd","wia"]"#
        );
        assert_fact(&reading, "token.has_wia", "yes", "payload.amr");
        assert_fact(&reading, "token.has_mfa", "no", "payload.amr");
        assert_fact(&reading, "token.acr", "1", "payload.acr");
        assert_fact(&reading, "token.iat", "2026-11-26T08:00:00Z", "payload.iat");
        assert_fact(&reading, "token.nbf", "2026-11-26T08:00:00Z", "payload.nbf");
        assert_fact(&reading, "token.exp", "2026-11-26T09:19:59Z", "payload.exp");
        assert_eq!(
            fact(&reading, "token.exp").source.describe(),
            "payload.exp: 1795684799"
        );
        assert_fact(&reading, "token.upn", "alice@contoso.com", "payload.upn");
        assert_fact(
            &reading,
            "token.tid",
            "69921112-edf5-4f8f-ae1d-c4b99c9949fd",
            "payload.tid",
        );
        assert_fact(
            &reading,
            "token.oid",
            "375517b5-9fdb-47d1-98b9-88bfd2d7bc67",
            "payload.oid",
        );
        assert_fact(
            &reading,
            "token.app_id",
            "5b2020fa-6365-41e6-9254-4587f38f9570",
            "payload.appid",
        );
        assert_fact(
            &reading,
            "token.aud",
            "https://graph.microsoft.com",
            "payload.aud",
        );
        assert_fact(
            &reading,
            "token.iss",
            "https://sts.windows.net/69921112-edf5-4f8f-ae1d-c4b99c9949fd/",
            "payload.iss",
        );
        assert_fact(
            &reading,
            "token.device_id",
            "199efed4-49ae-4d41-8be5-c7f7ac667068",
            "payload.deviceid",
        );
        assert_fact(
            &reading,
            "token.ip_address",
            "203.0.113.25",
            "payload.ipaddr",
        );
        assert_fact(&reading, "token.in_corp", "yes", "payload.in_corp");
        assert_fact(&reading, "token.alg", "RS256", "header.alg");
        assert_eq!(reading.get("token.auth_time"), None, "not in this token");
        assert!(reading.facts.iter().all(|f| f.source.line == 1));
        assert_eq!(reading.facts.len(), 19, "{:?}", facts(&reading));
    }

    #[test]
    fn a_v2_id_token_with_mfa_names_preferred_username_as_the_upn_source() {
        let reading = read(V2_ID);
        assert_fact(&reading, "token.kind", "id", "payload.nonce");
        assert_fact(&reading, "token.version", "2.0", "payload.ver");
        assert_fact(&reading, "token.has_wia", "no", "payload.amr");
        assert_fact(&reading, "token.has_mfa", "yes", "payload.amr");
        assert_eq!(
            fact(&reading, "token.amr").value,
            Value::List(vec!["pwd".into(), "mfa".into()])
        );
        assert_fact(
            &reading,
            "token.upn",
            "alice@contoso.com",
            "payload.preferred_username",
        );
        assert_fact(
            &reading,
            "token.auth_time",
            "2026-11-26T07:59:00Z",
            "payload.auth_time",
        );
        assert_fact(&reading, "token.exp", "2026-11-26T09:00:00Z", "payload.exp");
        assert_fact(
            &reading,
            "token.aud",
            "5b2020fa-6365-41e6-9254-4587f38f9570",
            "payload.aud",
        );
        for absent in [
            "token.app_id",
            "token.acr",
            "token.device_id",
            "token.ip_address",
            "token.in_corp",
        ] {
            assert_eq!(reading.get(absent), None, "{absent}");
        }
        assert_eq!(reading.notes, vec![NOT_VERIFIED.to_string()]);
    }

    #[test]
    fn in_a_token_response_the_first_token_is_read_by_its_field_and_the_rest_counted() {
        let reading = read(RESPONSE);
        let kind = fact(&reading, "token.kind");
        assert_eq!(kind.value.to_string(), "access");
        assert_eq!(kind.source.path.as_deref(), Some("access_token"));
        assert_eq!(kind.source.line, 6, "the line of \"access_token\"");
        assert_fact(
            &reading,
            "token.upn",
            "bob@fabrikam.com",
            "payload.preferred_username",
        );
        assert_fact(
            &reading,
            "token.app_id",
            "5b2020fa-6365-41e6-9254-4587f38f9570",
            "payload.azp",
        );
        assert_fact(
            &reading,
            "token.tid",
            "e76bf377-e4d5-4215-a0da-e583f0f970c4",
            "payload.tid",
        );
        assert_fact(&reading, "token.iat", "2026-11-26T10:00:00Z", "payload.iat");
        assert_eq!(
            reading.get("token.has_wia"),
            None,
            "no amr: unknown, not no"
        );
        assert_eq!(reading.get("token.amr"), None);
        assert_eq!(reading.notes.len(), 3, "{:?}", reading.notes);
        assert_eq!(reading.notes[0], NOT_VERIFIED);
        assert!(
            reading.notes[1].starts_with("1 more token(s)"),
            "{:?}",
            reading.notes
        );
        assert!(
            reading.notes[2].contains("no amr claim"),
            "{:?}",
            reading.notes
        );
    }

    #[test]
    fn an_id_token_field_makes_an_id_token_whatever_its_claims() {
        let id = RESPONSE
            .lines()
            .find(|l| l.contains("\"id_token\""))
            .expect("an id_token line");
        let reading = read(id);
        assert_fact(&reading, "token.kind", "id", "id_token");
        assert_fact(
            &reading,
            "token.upn",
            "bob@fabrikam.com",
            "payload.preferred_username",
        );
    }

    #[test]
    fn a_bearer_header_among_other_output_with_crlf_is_read_on_its_line() {
        assert_eq!(recognise(BEARER), 95);
        let reading = read(BEARER);
        assert_fact(&reading, "token.kind", "access", "payload.scp");
        assert_fact(&reading, "token.version", "1.0", "payload.ver");
        assert_fact(
            &reading,
            "token.upn",
            "bob@fabrikam.com",
            "payload.unique_name",
        );
        assert_fact(&reading, "token.has_wia", "no", "payload.amr");
        assert_fact(&reading, "token.has_mfa", "no", "payload.amr");
        assert_fact(
            &reading,
            "token.ip_address",
            "198.51.100.7",
            "payload.ipaddr",
        );
        assert_fact(
            &reading,
            "token.aud",
            "00000003-0000-0000-c000-000000000000",
            "payload.aud",
        );
        assert!(reading.facts.iter().all(|f| f.source.line == 6));
        assert_eq!(reading.get("token.in_corp"), None);
        assert_eq!(reading.get("token.device_id"), None);
        assert_eq!(reading.notes, vec![NOT_VERIFIED.to_string()]);
    }

    #[test]
    fn a_truncated_token_is_recognised_but_gives_a_note_and_no_fact() {
        assert_eq!(recognise(TRUNCATED), 95);
        let reading = read(TRUNCATED);
        assert!(reading.facts.is_empty(), "{:?}", facts(&reading));
        assert_eq!(reading.notes.len(), 2, "{:?}", reading.notes);
        assert!(reading.notes[1].contains("cut off"), "{:?}", reading.notes);
        let refusal = super::super::read(TRUNCATED).expect_err("no fact");
        assert!(refusal.to_string().contains("JWT token"), "{refusal}");
    }

    #[test]
    fn a_shortened_display_ending_in_dots_is_a_cut_token() {
        let text = "access_token : eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9...";
        assert_eq!(recognise(text), 95);
        let reading = read(text);
        assert!(reading.facts.is_empty());
        assert!(reading.notes.iter().any(|n| n.contains("cut off")));
    }

    fn jwt(header: &str, payload: &[u8], signature: &str) -> String {
        format!(
            "{}.{}.{signature}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn a_payload_that_is_not_json_gives_a_note_and_no_fact() {
        let token = jwt(
            r#"{"alg":"RS256","typ":"JWT"}"#,
            b"not json at all",
            "c2lnbmF0dXJl",
        );
        let reading = read(&token);
        assert!(reading.facts.is_empty(), "{:?}", facts(&reading));
        assert_eq!(
            reading.notes,
            vec![
                NOT_VERIFIED.to_string(),
                "the token's payload is not JSON (cut off or not a JWT): no claim read".to_string()
            ]
        );
    }

    #[test]
    fn an_encrypted_token_is_named_and_not_read() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#);
        let jwe = format!("{header}.a2V5.aXY.Y2lwaGVydGV4dA.dGFn");
        let reading = read(&jwe);
        assert!(reading.facts.is_empty());
        assert!(reading.notes.iter().any(|n| n.contains("encrypted (JWE)")));
    }

    #[test]
    fn padded_segments_and_a_full_stop_after_the_token_are_tolerated() {
        let header = base64::engine::general_purpose::URL_SAFE.encode(r#"{"alg":"none"}"#);
        let payload =
            base64::engine::general_purpose::URL_SAFE.encode(r#"{"ver":"2.0","amr":["wia"]}"#);
        assert!(header.ends_with('=') || payload.ends_with('='));
        let text = format!("The token was {header}.{payload}.sig.");
        let reading = read(&text);
        assert_fact(&reading, "token.has_wia", "yes", "payload.amr");
        assert_fact(&reading, "token.alg", "none", "header.alg");
    }

    #[test]
    fn a_token_over_64_kb_is_ignored_with_a_note() {
        let big = format!(r#"{{"upn":"{}"}}"#, "a".repeat(70_000));
        let token = jwt(r#"{"alg":"RS256"}"#, big.as_bytes(), "c2ln");
        let reading = read(&token);
        assert!(reading.facts.is_empty());
        assert!(
            reading.notes[0].contains("over 64 KB"),
            "{:?}",
            reading.notes
        );
    }

    #[test]
    fn times_are_rfc3339_utc_and_bad_times_are_noted() {
        let token = jwt(
            r#"{"alg":"RS256"}"#,
            br#"{"iat":"1795680000","exp":1795680000.9,"nbf":"soon"}"#,
            "c2ln",
        );
        let reading = read(&token);
        assert_fact(&reading, "token.iat", "2026-11-26T08:00:00Z", "payload.iat");
        assert_fact(&reading, "token.exp", "2026-11-26T08:00:00Z", "payload.exp");
        assert_eq!(reading.get("token.nbf"), None);
        assert!(reading.notes.iter().any(|n| n.contains("nbf")));
    }

    #[test]
    fn kind_falls_back_to_the_audience_and_otherwise_is_left_unset() {
        let resource = jwt(
            r#"{"alg":"RS256"}"#,
            br#"{"aud":"https://graph.microsoft.com"}"#,
            "c2ln",
        );
        assert_fact(&read(&resource), "token.kind", "access", "payload.aud");
        let bare = jwt(
            r#"{"alg":"RS256"}"#,
            br#"{"aud":"5b2020fa-6365-41e6-9254-4587f38f9570"}"#,
            "c2ln",
        );
        let reading = read(&bare);
        assert_eq!(reading.get("token.kind"), None);
        assert!(reading.notes.iter().any(|n| n.contains("cannot tell")));
    }

    #[test]
    fn version_falls_back_to_the_issuer() {
        let token = jwt(
            r#"{"alg":"RS256"}"#,
            br#"{"iss":"https://login.microsoftonline.com/69921112-edf5-4f8f-ae1d-c4b99c9949fd/v2.0"}"#,
            "c2ln",
        );
        assert_fact(&read(&token), "token.version", "2.0", "payload.iss");
    }

    /// Every base64url segment of every token in `text`, found without the reader's own scanner.
    fn segments(text: &str) -> Vec<String> {
        text.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.=".contains(c)))
            .filter(|word| word.contains("eyJ") && word.contains('.'))
            .flat_map(|word| word.split('.').map(str::to_string).collect::<Vec<_>>())
            .filter(|segment| segment.len() >= 16)
            .collect()
    }

    #[test]
    fn no_part_of_a_token_appears_in_any_source_value_or_note() {
        for fixture in ALL {
            let reading = read(fixture);
            let parts = segments(fixture);
            assert!(parts.len() >= 2, "the fixture holds a token");
            let mut said: Vec<String> = reading.notes.clone();
            for f in &reading.facts {
                said.push(f.value.to_string());
                said.push(f.source.text.clone());
                said.push(f.source.path.clone().unwrap_or_default());
            }
            for part in &parts {
                for text in &said {
                    assert!(!text.contains(part.as_str()), "{part} in {text}");
                }
            }
        }
    }

    #[test]
    fn impostors_and_other_kinds_score_zero() {
        let others = [
            IMPOSTOR,
            super::super::error_page::tests::NEW_LAYOUT,
            include_str!("../../tests/fixtures/evidence/klist/tickets_clean.txt"),
            include_str!("../../tests/fixtures/evidence/klist/get_error_messy.txt"),
            include_str!("../../tests/fixtures/evidence/whoami/all_three_messy.txt"),
            include_str!("../../tests/fixtures/evidence/nltest/dsgetdc_clean.txt"),
            include_str!("../../tests/fixtures/evidence/nltest/dsgetdc_failed_messy.txt"),
            "AADSTS51006: Integrated Windows authentication is needed.",
            "",
        ];
        for text in others {
            assert_eq!(recognise(text), 0, "{text}");
        }
        let reading = read(IMPOSTOR);
        assert!(reading.facts.is_empty());
    }

    #[test]
    fn a_browser_trace_holding_a_token_is_left_to_the_har_reader() {
        let har = format!(
            r#"{{"log": {{"entries": [{{"request": {{"headers": [{{"name": "Authorization", "value": "Bearer {}"}}]}}}}]}}}}"#,
            V1_ACCESS.trim()
        );
        assert_eq!(recognise(&har), 50);
    }

    #[test]
    fn an_error_page_quoting_a_token_is_left_to_the_error_page_reader() {
        let page = "Error Code: 51006\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\nTimestamp: 2026-11-26T10:38:22Z\nApp name: Contoso Expenses\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46\nMessage: AADSTS51006: Integrated Windows authentication is needed. Sent: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhQGIuYyJ9.c2ln\n";
        assert_eq!(recognise(page), 70);
        let reading = super::super::read(page).expect("a reading");
        assert_eq!(reading.kind, Kind::ErrorPage);
    }

    #[test]
    fn every_fixture_is_recognised_and_goes_to_this_reader() {
        for fixture in ALL {
            assert!(recognise(fixture) >= 70, "{fixture}");
        }
        for fixture in [V1_ACCESS, V2_ID, RESPONSE, BEARER] {
            let reading = super::super::read(fixture).expect("a reading");
            assert_eq!(reading.kind, Kind::Token);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_is_read_without_panic_and_only_declared_facts(text in any::<String>()) {
            let _ = recognise(&text);
            let reading = read(&text);
            for f in &reading.facts {
                prop_assert!(SETS.iter().any(|(n, _)| *n == f.name), "{}", f.name);
            }
        }

        #[test]
        fn any_bytes_are_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = recognise(&text);
            let _ = read(&text);
        }

        #[test]
        fn token_shaped_text_is_read_without_panic(
            text in "(eyJ[A-Za-z0-9_=-]{0,24}[.]?){0,6}[ .\n]?(eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9[.][A-Za-z0-9_-]{0,40}[.]?[A-Za-z0-9_=.-]{0,12})?"
        ) {
            let _ = recognise(&text);
            let reading = read(&text);
            for f in &reading.facts {
                prop_assert!(SETS.iter().any(|(n, _)| *n == f.name), "{}", f.name);
            }
        }

        #[test]
        fn any_payload_bytes_in_a_real_header_are_read_without_panic(
            payload in proptest::collection::vec(any::<u8>(), 0..512),
            claims in proptest::collection::btree_map("[a-z_]{1,10}", any::<String>(), 0..8),
        ) {
            let _ = read(&jwt(r#"{"alg":"RS256"}"#, &payload, "c2ln"));
            let json = serde_json::to_vec(&claims).expect("a map of strings is JSON");
            let reading = read(&jwt(r#"{"alg":"RS256"}"#, &json, "c2ln"));
            for f in &reading.facts {
                prop_assert!(SETS.iter().any(|(n, _)| *n == f.name), "{}", f.name);
            }
        }
    }
}
