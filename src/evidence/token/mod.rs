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

use super::{Kind, Reader, Reading};

mod claims;
mod find;
mod kind;
mod proof;

use claims::read_claims;
use find::{decode_object, find_tokens, Shape};

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

/// How much of a paste `recognise` looks at.
const RECOGNISE_LIMIT: usize = 64 * 1024;

/// The token's reader. Source: see the module documentation.
pub const READER: Reader = Reader {
    kind: Kind::Token,
    sets: SETS,
    recognise,
    read,
};

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

#[cfg(test)]
mod tests;
