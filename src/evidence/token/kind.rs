//! Tells an access token from an ID token, and says what decided it.

use serde_json::{Map, Value as Json};

use super::find::Found;
use super::proof::claim_source;
use crate::evidence::Source;

/// Access or ID token, and what decided it. The field the token came in says it outright;
/// otherwise claims only one kind carries: `idtyp`, `scp`, `azp`, `appid` (access tokens),
/// `nonce`, `at_hash`, `c_hash` (ID tokens), then the weaker `roles` (access, unless ID) and an
/// `aud` that is a URI (v1.0 access tokens name the resource; an ID token's aud is a GUID).
pub(super) fn token_kind(
    token: &Found<'_>,
    payload: &Map<String, Json>,
) -> Option<(&'static str, Source)> {
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
