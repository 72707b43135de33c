//! Turns a decoded token's claims into facts, each proved by its claim's JSON path and value.

use serde_json::{Map, Value as Json};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::find::Found;
use super::kind::token_kind;
use super::proof::claim_source;
use crate::evidence::Reading;
use crate::redact::{redact, Policy};

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

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

pub(super) fn read_claims(reading: &mut Reading, token: &Found<'_>, payload: &Map<String, Json>) {
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
