//! Reads a browser trace (HAR) of a sign-in: which hosts the browser went to, whether Seamless SSO
//! or AD FS Windows integrated authentication was tried and answered, what the sign-in request
//! asked for (`prompt`, `wauth`, `amr_values`), and the AADSTS error the trace ends with.
//!
//! A HAR is one JSON document, tens of MB, full of cookies, tokens and page bodies. It is read as
//! a stream ([`read_from`]): each entry is reduced to the few fields below while it is parsed (the
//! response body is searched for an error code and ids as it goes by, then dropped), everything
//! else is skipped, and no entry is kept, so memory does not grow with the file. A pasted HAR
//! ([`read`]) goes through the same code. A file cut short still gives the facts of the entries
//! before the cut.
//!
//! Never kept: cookie values, Authorization tokens (only the scheme, and whether an NTLM message
//! hides inside Negotiate), form values (only the names of posted fields), `login_hint` and other
//! secret query values (only the parameter names), and body text (only an AADSTS code and the
//! GUIDs labelled as correlation or trace id).
//!
//! Sources:
//! - HAR 1.2: <http://www.softwareishard.com/blog/har-12-spec/> (log, creator, browser, entries,
//!   request, response, headers, cookies, postData with params, content with text and encoding).
//! - Seamless SSO, the browser flow (a 401 challenge from `autologon.microsoftazuread-sso.com`
//!   answered with a Kerberos ticket):
//!   <https://learn.microsoft.com/entra/identity/hybrid/connect/how-to-connect-sso-how-it-works>
//! - AD FS WIA in browsers (`/adfs/ls/wia`, user agents, forms fallback):
//!   <https://learn.microsoft.com/windows-server/identity/ad-fs/operations/configure-ad-fs-browser-wia>
//! - AADSTS codes and the error response (`Trace ID`, `Correlation ID`, `Timestamp`):
//!   <https://learn.microsoft.com/entra/identity-platform/reference-error-codes>

use std::io::{BufRead, BufReader, Read};

use serde::de::DeserializeSeed;

use super::{Kind, Reader, Reading};

mod entry;
mod facts;
mod headers;
mod objects;
mod scalars;
mod state;
mod stream;

use entry::*;
use headers::*;
use objects::*;
use scalars::*;
use state::*;
use stream::*;

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    ("trace.entries", "how many requests the trace holds"),
    ("trace.hosts", "hosts requested, in order of first request"),
    (
        "trace.login_hosts",
        "Entra sign-in hosts requested (login.microsoftonline.com, autologon..., ...)",
    ),
    (
        "trace.seamless_sso",
        "yes when the browser called autologon.microsoftazuread-sso.com (Seamless SSO)",
    ),
    (
        "trace.seamless_sso_status",
        "HTTP status of the first Seamless SSO request (401: no Kerberos ticket sent)",
    ),
    (
        "trace.adfs_host",
        "the AD FS host (a request under /adfs/ls/)",
    ),
    (
        "trace.adfs_wia",
        "yes when the browser went to /adfs/ls/wia (Windows integrated authentication)",
    ),
    (
        "trace.adfs_wia_status",
        "HTTP status of the last /adfs/ls/wia request",
    ),
    (
        "trace.adfs_forms",
        "yes when a user name and password were posted to /adfs/ls/ (forms sign-in)",
    ),
    (
        "trace.wauth",
        "wauth asked of AD FS (urn:federation:authentication:windows is WIA)",
    ),
    (
        "trace.prompt",
        "prompt sent to the Entra authorize endpoint (login, none, ...)",
    ),
    (
        "trace.amr_values",
        "amr_values sent to the Entra authorize endpoint",
    ),
    (
        "trace.domain_hint",
        "domain_hint sent to the Entra authorize endpoint",
    ),
    (
        "trace.login_hint_present",
        "yes when the authorize request carried a login_hint (its value is not kept)",
    ),
    (
        "trace.client_id",
        "client_id (application id) of the first authorize request",
    ),
    (
        "trace.negotiate_offered",
        "yes when a server answered 401 with WWW-Authenticate: Negotiate",
    ),
    ("trace.negotiate_hosts", "hosts that asked for Negotiate"),
    (
        "trace.negotiate_answered",
        "yes when the browser then sent Authorization: Negotiate to that host",
    ),
    (
        "trace.ntlm_used",
        "yes when the browser sent NTLM (Authorization: NTLM, or NTLM inside Negotiate)",
    ),
    (
        "trace.error_code",
        "the last AADSTS code in a response or a URL, digits only",
    ),
    ("trace.correlation_id", "Correlation ID of that error"),
    ("trace.request_id", "Request (trace) ID of that error"),
    (
        "trace.error_time",
        "startedDateTime of the request that got the error",
    ),
    (
        "trace.browser",
        "browser and version (from the User-Agent) and the HAR's creator",
    ),
    (
        "trace.user_agent",
        "User-Agent of the first sign-in request, shortened",
    ),
    (
        "trace.sanitized",
        "yes when the export holds no cookie or Authorization value (saved without sensitive data)",
    ),
];

/// The browser trace reader.
pub const READER: Reader = Reader {
    kind: Kind::Har,
    sets: SETS,
    recognise,
    read,
};

/// Entra hosts a sign-in goes through.
const LOGIN_HOSTS: &[&str] = &[
    "login.microsoftonline.com",
    "login.microsoft.com",
    "login.windows.net",
    "autologon.microsoftazuread-sso.com",
    "device.login.microsoftonline.com",
];
const AUTOLOGON: &str = "autologon.microsoftazuread-sso.com";

/// Query parameters whose values are secrets or people: only their names are shown.
const SECRET_PARAMS: &[&str] = &[
    "code",
    "id_token",
    "access_token",
    "refresh_token",
    "client_secret",
    "client_assertion",
    "assertion",
    "samlrequest",
    "samlresponse",
    "samlart",
    "relaystate",
    "wresult",
    "wctx",
    "password",
    "passwd",
    "pwd",
    "login",
    "loginfmt",
    "login_hint",
    "username",
    "flowtoken",
    "canary",
    "ctx",
    "sso_nonce",
    "state",
    "nonce",
    "session_state",
    "code_verifier",
    "code_challenge",
];

/// Query parameters whose values become facts.
const KEPT_PARAMS: &[&str] = &["prompt", "wauth", "amr_values", "domain_hint", "client_id"];

/// At most this many distinct hosts are listed.
const MAX_HOSTS: usize = 100;
/// The longest header value kept while its entry is read (a Cookie header is only tested for
/// being non-empty; an Authorization header only for its scheme).
const HEADER_PREFIX: usize = 512;
/// The BufReader around a file.
const BUFFER: usize = 64 * 1024;

/// Sure for a JSON object whose first 4 KB name `"log":` and one of its members.
fn recognise(text: &str) -> u8 {
    let text = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    if !text.starts_with('{') {
        return 0;
    }
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let has_log = head
        .match_indices("\"log\"")
        .any(|(at, key)| head[at + key.len()..].trim_start().starts_with(':'));
    let member = ["\"entries\"", "\"creator\"", "\"version\""]
        .iter()
        .any(|m| head.contains(m));
    if has_log && member {
        95
    } else {
        0
    }
}

/// Reads a pasted HAR (the same reading as [`read_from`] on its bytes).
pub fn read(text: &str) -> Reading {
    let text = text.trim_start_matches('\u{feff}');
    let mut de = serde_json::Deserializer::from_str(text);
    run(&mut de)
}

/// Reads a HAR from a file or any stream, in bounded memory: entries are reduced one at a time
/// and only the facts are kept. A stream that ends early gives the facts of the entries read and
/// a note saying where it ended.
pub fn read_from(reader: impl Read) -> Reading {
    let mut reader = BufReader::with_capacity(BUFFER, reader);
    // A UTF-8 byte order mark, which HAR writers may emit (HAR 1.2, "Data Structure").
    if let Ok(head) = reader.fill_buf() {
        if head.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    run(&mut de)
}

fn run<'de, R: serde_json::de::Read<'de>>(de: &mut serde_json::Deserializer<R>) -> Reading {
    let mut state = State::default();
    let outcome = Obj(Root(&mut state)).deserialize(&mut *de);
    state.finish(outcome.err())
}

#[cfg(test)]
mod tests;
