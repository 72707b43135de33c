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

use std::fmt;
use std::io::{BufRead, BufReader, Read};

use base64::Engine as _;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::lines::quote;
use super::{Kind, Reader, Reading, Source};

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

// ------------------------------------------------------------------------------------------------
// What one entry is reduced to.

/// One HAR entry, reduced while it is parsed.
#[derive(Default)]
struct Entry {
    started: Option<String>,
    request: Request,
    response: Option<Response>,
}

#[derive(Default)]
struct Request {
    method: Option<String>,
    url: Option<UrlInfo>,
    headers: Headers,
    cookie_values: bool,
    post: Option<Post>,
}

#[derive(Default)]
struct Response {
    status: Option<i64>,
    headers: Headers,
    cookie_values: bool,
    content: Content,
    redirect_code: Option<String>,
}

#[derive(Default)]
struct Content {
    mime: Option<String>,
    body: BodyFacts,
}

/// The names of posted form fields, lower case; never their values.
#[derive(Default)]
struct Post {
    names: Vec<String>,
    /// Where the names were read: `params` or `text`.
    from: &'static str,
}

/// What the headers of a request or a response hold that matters here.
#[derive(Default)]
struct Headers {
    /// The first Authorization header: its index, its scheme, and whether it carries NTLM.
    authorization: Option<(usize, String, bool)>,
    user_agent: Option<(usize, String)>,
    /// Schemes offered by WWW-Authenticate headers, with their index.
    www_authenticate: Vec<(usize, String)>,
    /// An error (AADSTS code and ids) in a Location header.
    location_error: Option<(usize, BodyFacts)>,
    request_id: Option<(usize, String)>,
    client_request_id: Option<(usize, String)>,
    /// A Cookie, Set-Cookie or Authorization header with a value.
    secrets: bool,
}

/// What a response body says about an error, found while the body streams by.
#[derive(Default, Debug, PartialEq)]
struct BodyFacts {
    code: Option<String>,
    correlation: Option<String>,
    trace: Option<String>,
}

/// A URL reduced to its host, path, the parameters that become facts, and a redacted display.
#[derive(Default, Debug)]
struct UrlInfo {
    host: String,
    /// The path in lower case, for matching.
    path_lower: String,
    /// `scheme://host/path`, shortened.
    base: String,
    /// [`KEPT_PARAMS`] present, name and decoded value.
    params: Vec<(&'static str, String)>,
    login_hint: bool,
    /// The last AADSTS code anywhere in the URL, with the ids of its `error_description`.
    code: Option<String>,
    ids: BodyFacts,
}

impl UrlInfo {
    fn parse(url: &str) -> UrlInfo {
        let url = url.trim();
        let (scheme, rest) = match url.find("://") {
            Some(at) => (&url[..at], &url[at + 3..]),
            None => ("", url),
        };
        let rest = rest.split('#').next().unwrap_or("");
        let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        let host_port = authority.rsplit('@').next().unwrap_or(authority);
        let host = strip_port(host_port).to_ascii_lowercase();
        let after = &rest[authority_end..];
        let (path, query) = match after.find('?') {
            Some(at) => (&after[..at], &after[at + 1..]),
            None => (after, ""),
        };
        let path = cut(path, 200);
        let base = if scheme.is_empty() {
            format!("{}{}", cut(&host, 120), path)
        } else {
            format!("{}://{}{}", cut(scheme, 10), cut(&host, 120), path)
        };
        let mut info = UrlInfo {
            path_lower: path.to_ascii_lowercase(),
            host,
            base,
            code: last_code(url),
            ..UrlInfo::default()
        };
        if info.code.is_some() {
            info.ids = BodyFacts::scan(&percent_decode(query));
        }
        for pair in query.split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if name.len() > 64 {
                continue;
            }
            let name = percent_decode(name).to_ascii_lowercase();
            if name == "login_hint" && !value.is_empty() {
                info.login_hint = true;
            }
            if let Some(kept) = KEPT_PARAMS.iter().find(|k| **k == name) {
                if !info.params.iter().any(|(n, _)| n == kept) {
                    let value = percent_decode(cut(value, 600));
                    info.params.push((kept, cut(value.trim(), 200).to_string()));
                }
            }
        }
        info
    }

    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `scheme://host/path?…name=value…`, the proof of a parameter (a secret one shows no value).
    fn show_param(&self, name: &str, value: &str) -> String {
        if SECRET_PARAMS.contains(&name) {
            format!("{}?…{name}=[redacted]…", self.base)
        } else {
            format!("{}?…{name}={}…", self.base, cut(value, 80))
        }
    }
}

fn strip_port(host: &str) -> &str {
    if host.starts_with('[') {
        return host
            .split(']')
            .next()
            .map_or(host, |h| &host[..h.len() + 1]);
    }
    match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    }
}

/// `text` cut to at most `limit` bytes, at a character boundary.
fn cut(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `%XX` and `+` decoded (form encoding); bad escapes stay as they are.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The last `AADSTS<digits>` in `text`, digits only (codes have 5 to 7 digits today).
fn last_code(text: &str) -> Option<String> {
    let mut found = None;
    for (at, prefix) in text.match_indices("AADSTS") {
        let digits: &str = {
            let rest = &text[at + prefix.len()..];
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            &rest[..n]
        };
        if (4..=8).contains(&digits.len()) {
            found = Some(digits);
        }
    }
    found.map(str::to_string)
}

impl BodyFacts {
    /// Searches a body as it streams by: the last AADSTS code and the last GUIDs labelled as a
    /// correlation or a trace (request) id. Nothing of the body is kept besides those.
    fn scan(body: &str) -> BodyFacts {
        let mut facts = BodyFacts {
            code: last_code(body),
            ..BodyFacts::default()
        };
        let bytes = body.as_bytes();
        let mut from = 0;
        while let Some(off) = body.get(from..).and_then(|rest| rest.find('-')) {
            let dash = from + off;
            let Some(start) = dash.checked_sub(8) else {
                from = dash + 1;
                continue;
            };
            if !is_guid_at(bytes, start) {
                from = dash + 1;
                continue;
            }
            let guid = &body[start..start + 36];
            match label_before(bytes, start) {
                Label::Correlation => facts.correlation = Some(guid.to_ascii_lowercase()),
                Label::Trace => facts.trace = Some(guid.to_ascii_lowercase()),
                Label::None => {}
            }
            from = start + 36;
        }
        facts
    }

    /// A body as text: its own text, or base64 decoded when the content type says text. A body
    /// whose content type came first and is not text (an image, a script) is not searched.
    fn scan_content(body: &str, textual: Option<bool>) -> BodyFacts {
        if textual == Some(false) {
            return BodyFacts::default();
        }
        if textual == Some(true) && looks_base64(body) {
            if let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(body.trim()) {
                return BodyFacts::scan(&String::from_utf8_lossy(&decoded));
            }
        }
        BodyFacts::scan(body)
    }
}

fn looks_base64(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 16
        && text.len().is_multiple_of(4)
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// A GUID (8-4-4-4-12 hex digits) starting at `start`, not inside a longer word.
fn is_guid_at(bytes: &[u8], start: usize) -> bool {
    let Some(candidate) = bytes.get(start..start + 36) else {
        return false;
    };
    let shape = candidate.iter().enumerate().all(|(i, b)| match i {
        8 | 13 | 18 | 23 => *b == b'-',
        _ => b.is_ascii_hexdigit(),
    });
    let before = start
        .checked_sub(1)
        .and_then(|p| bytes.get(p))
        .is_some_and(u8::is_ascii_alphanumeric);
    let after = bytes
        .get(start + 36)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-');
    shape && !before && !after
}

#[derive(Debug, PartialEq)]
enum Label {
    Correlation,
    Trace,
    None,
}

/// The label just before a GUID: `Correlation ID: `, `"correlationId":"`, `Trace ID: `,
/// `Request Id: ` (HTML tags between label and value are skipped).
fn label_before(bytes: &[u8], start: usize) -> Label {
    let low = start.saturating_sub(64);
    let mut word: Vec<u8> = Vec::with_capacity(24);
    let mut i = start;
    while i > low && word.len() < 24 {
        i -= 1;
        let b = bytes[i];
        if b == b'>' {
            while i > low && bytes[i] != b'<' {
                i -= 1;
            }
            continue;
        }
        if b.is_ascii_alphanumeric() {
            word.push(b.to_ascii_lowercase());
        } else if !word.is_empty() && !matches!(b, b' ' | b'_' | b'-') {
            break;
        }
    }
    word.reverse();
    let ends = |label: &[u8]| word.ends_with(label);
    if ends(b"correlationid") || ends(b"clientrequestid") {
        Label::Correlation
    } else if ends(b"traceid") || ends(b"requestid") {
        Label::Trace
    } else {
        Label::None
    }
}

/// Content types whose body may hold an error page; scripts, styles and images do not.
fn is_textual(mime: &str) -> bool {
    let mime = mime.to_ascii_lowercase();
    if mime.contains("javascript") || mime.contains("css") || mime.contains("ecmascript") {
        return false;
    }
    mime.contains("html")
        || mime.contains("json")
        || mime.contains("xml")
        || mime.starts_with("text/")
}

// ------------------------------------------------------------------------------------------------
// The streaming parser: serde visitors that reduce as they go.

/// Object keys of every level that matter; all others are skipped.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Log,
    Version,
    Creator,
    Browser,
    Entries,
    Name,
    Value,
    Request,
    Response,
    StartedDateTime,
    Method,
    Url,
    Headers,
    Cookies,
    PostData,
    MimeType,
    Text,
    Params,
    Status,
    Content,
    RedirectUrl,
    Other,
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Field, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Field, E> {
                Ok(match key {
                    "log" => Field::Log,
                    "version" => Field::Version,
                    "creator" => Field::Creator,
                    "browser" => Field::Browser,
                    "entries" => Field::Entries,
                    "name" => Field::Name,
                    "value" => Field::Value,
                    "request" => Field::Request,
                    "response" => Field::Response,
                    "startedDateTime" => Field::StartedDateTime,
                    "method" => Field::Method,
                    "url" => Field::Url,
                    "headers" => Field::Headers,
                    "cookies" => Field::Cookies,
                    "postData" => Field::PostData,
                    "mimeType" => Field::MimeType,
                    "text" => Field::Text,
                    "params" => Field::Params,
                    "status" => Field::Status,
                    "content" => Field::Content,
                    "redirectURL" => Field::RedirectUrl,
                    _ => Field::Other,
                })
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_key::<IgnoredAny>()?.is_some() {
        map.next_value::<IgnoredAny>()?;
    }
    Ok(())
}

/// Reduces a JSON string as it is visited; any other JSON value gives [`OnStr::none`]. A value
/// of the wrong type is skipped, not an error: exports differ.
trait OnStr: Sized {
    type Out;
    fn on_str(self, text: &str) -> Self::Out;
    fn none(self) -> Self::Out;
}

/// Reduces a JSON object, key by key; any other JSON value gives [`OnMap::none`].
trait OnMap<'de>: Sized {
    type Out;
    fn on_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Out, A::Error>;
    fn none(self) -> Self::Out;
}

/// Reduces a JSON array, element by element; any other JSON value gives [`OnSeq::none`].
trait OnSeq<'de>: Sized {
    type Out;
    fn on_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Out, A::Error>;
    fn none(self) -> Self::Out;
}

struct Str<S>(S);
struct Obj<S>(S);
struct Arr<S>(S);

impl<'de, S: OnStr> DeserializeSeed<'de> for Str<S> {
    type Value = S::Out;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Out, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: OnStr> Visitor<'de> for Str<S> {
    type Value = S::Out;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<S::Out, E> {
        Ok(self.0.on_str(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<S::Out, E> {
        Ok(self.0.on_str(if v { "true" } else { "false" }))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<S::Out, E> {
        Ok(self.0.on_str(&v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<S::Out, E> {
        Ok(self.0.on_str(&v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<S::Out, E> {
        Ok(self.0.on_str(&v.to_string()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<S::Out, E> {
        Ok(self.0.none())
    }
    fn visit_none<E: de::Error>(self) -> Result<S::Out, E> {
        Ok(self.0.none())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Out, A::Error> {
        drain_seq(seq)?;
        Ok(self.0.none())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S::Out, A::Error> {
        drain_map(map)?;
        Ok(self.0.none())
    }
}

/// The scalar visits of [`Obj`] and [`Arr`]: a value of another shape is no value.
macro_rules! scalars_are_none {
    ($out:ty) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$out, E> {
            Ok(self.0.none())
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<$out, E> {
            Ok(self.0.none())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<$out, E> {
            Ok(self.0.none())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<$out, E> {
            Ok(self.0.none())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<$out, E> {
            Ok(self.0.none())
        }
        fn visit_unit<E: de::Error>(self) -> Result<$out, E> {
            Ok(self.0.none())
        }
        fn visit_none<E: de::Error>(self) -> Result<$out, E> {
            Ok(self.0.none())
        }
    };
}

impl<'de, S: OnMap<'de>> DeserializeSeed<'de> for Obj<S> {
    type Value = S::Out;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Out, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: OnMap<'de>> Visitor<'de> for Obj<S> {
    type Value = S::Out;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    scalars_are_none!(S::Out);
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S::Out, A::Error> {
        self.0.on_map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Out, A::Error> {
        drain_seq(seq)?;
        Ok(self.0.none())
    }
}

impl<'de, S: OnSeq<'de>> DeserializeSeed<'de> for Arr<S> {
    type Value = S::Out;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Out, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: OnSeq<'de>> Visitor<'de> for Arr<S> {
    type Value = S::Out;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    scalars_are_none!(S::Out);
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<S::Out, A::Error> {
        self.0.on_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<S::Out, A::Error> {
        drain_map(map)?;
        Ok(self.0.none())
    }
}

/// A string cut to a length.
struct Cap(usize);
impl OnStr for Cap {
    type Out = Option<String>;
    fn on_str(self, text: &str) -> Option<String> {
        Some(cut(text, self.0).to_string())
    }
    fn none(self) -> Option<String> {
        None
    }
}

/// A number, or a string holding one.
struct Number;
impl OnStr for Number {
    type Out = Option<i64>;
    fn on_str(self, text: &str) -> Option<i64> {
        let text = text.trim();
        text.parse::<i64>()
            .ok()
            .or_else(|| text.parse::<f64>().ok().map(|f| f as i64))
    }
    fn none(self) -> Option<i64> {
        None
    }
}

/// Whether a string has any content (a cookie's value), keeping none of it.
struct NonEmpty;
impl OnStr for NonEmpty {
    type Out = bool;
    fn on_str(self, text: &str) -> bool {
        !text.trim().is_empty()
    }
    fn none(self) -> bool {
        false
    }
}

struct UrlSink;
impl OnStr for UrlSink {
    type Out = Option<UrlInfo>;
    fn on_str(self, text: &str) -> Option<UrlInfo> {
        Some(UrlInfo::parse(text))
    }
    fn none(self) -> Option<UrlInfo> {
        None
    }
}

/// The AADSTS code in a string (a redirect URL), nothing else.
struct CodeSink;
impl OnStr for CodeSink {
    type Out = Option<String>;
    fn on_str(self, text: &str) -> Option<String> {
        last_code(text)
    }
    fn none(self) -> Option<String> {
        None
    }
}

/// A response body, searched and dropped.
struct BodySink(Option<bool>);
impl OnStr for BodySink {
    type Out = BodyFacts;
    fn on_str(self, text: &str) -> BodyFacts {
        BodyFacts::scan_content(text, self.0)
    }
    fn none(self) -> BodyFacts {
        BodyFacts::default()
    }
}

/// The field names of a URL-encoded form body; the values are never kept.
struct FormNames;
impl OnStr for FormNames {
    type Out = Vec<String>;
    fn on_str(self, text: &str) -> Vec<String> {
        let text = text.trim();
        if text.starts_with(['{', '[', '<']) || !text.contains('=') {
            return Vec::new();
        }
        text.split('&')
            .filter_map(|pair| pair.split_once('=').map(|(name, _)| name))
            .filter(|name| !name.is_empty() && name.len() <= 64)
            .map(|name| percent_decode(name).to_ascii_lowercase())
            .take(64)
            .collect()
    }
    fn none(self) -> Vec<String> {
        Vec::new()
    }
}

/// A header value: its first bytes, and the error it carries (a Location to an app with an
/// AADSTS code and its ids in `error_description`).
struct HeaderValue;
impl OnStr for HeaderValue {
    type Out = Option<(String, Option<BodyFacts>)>;
    fn on_str(self, text: &str) -> Self::Out {
        let error = last_code(text).map(|_| BodyFacts::scan(&percent_decode(text)));
        Some((cut(text, HEADER_PREFIX).to_string(), error))
    }
    fn none(self) -> Self::Out {
        None
    }
}

/// The root object: only `log` is read.
struct Root<'s>(&'s mut State);
impl<'de> OnMap<'de> for Root<'_> {
    type Out = ();
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Field>()? {
            if key == Field::Log {
                self.0.saw_log = true;
                map.next_value_seed(Obj(Log(&mut *self.0)))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
    fn none(self) {}
}

struct Log<'s>(&'s mut State);
impl<'de> OnMap<'de> for Log<'_> {
    type Out = ();
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Creator => self.0.creator = map.next_value_seed(Obj(NameVersion))?,
                Field::Browser => self.0.browser = map.next_value_seed(Obj(NameVersion))?,
                Field::Entries => {
                    self.0.saw_entries = true;
                    map.next_value_seed(Arr(Entries(&mut *self.0)))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
    fn none(self) {}
}

/// `creator` and `browser`: "name version".
struct NameVersion;
impl<'de> OnMap<'de> for NameVersion {
    type Out = Option<String>;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        let (mut name, mut version) = (None, None);
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Name => name = map.next_value_seed(Str(Cap(60)))?,
                Field::Version => version = map.next_value_seed(Str(Cap(40)))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let text = [name, version]
            .into_iter()
            .flatten()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        Ok((!text.is_empty()).then_some(text))
    }
    fn none(self) -> Option<String> {
        None
    }
}

/// The entries: each is reduced, handed to the state, and dropped.
struct Entries<'s>(&'s mut State);
impl<'de> OnSeq<'de> for Entries<'_> {
    type Out = ();
    fn on_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(entry) = seq.next_element_seed(Obj(EntrySink))? {
            self.0.absorb(entry);
        }
        Ok(())
    }
    fn none(self) {}
}

struct EntrySink;
impl<'de> OnMap<'de> for EntrySink {
    type Out = Option<Entry>;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Entry>, A::Error> {
        let mut entry = Entry::default();
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::StartedDateTime => entry.started = map.next_value_seed(Str(Cap(40)))?,
                Field::Request => {
                    entry.request = map.next_value_seed(Obj(RequestSink))?.unwrap_or_default();
                }
                Field::Response => entry.response = map.next_value_seed(Obj(ResponseSink))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(entry))
    }
    fn none(self) -> Option<Entry> {
        None
    }
}

struct RequestSink;
impl<'de> OnMap<'de> for RequestSink {
    type Out = Option<Request>;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Request>, A::Error> {
        let mut request = Request::default();
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Method => request.method = map.next_value_seed(Str(Cap(16)))?,
                Field::Url => request.url = map.next_value_seed(Str(UrlSink))?,
                Field::Headers => request.headers = map.next_value_seed(Arr(HeadersSink))?,
                Field::Cookies => request.cookie_values = map.next_value_seed(Arr(CookiesSink))?,
                Field::PostData => request.post = map.next_value_seed(Obj(PostSink))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(request))
    }
    fn none(self) -> Option<Request> {
        None
    }
}

struct ResponseSink;
impl<'de> OnMap<'de> for ResponseSink {
    type Out = Option<Response>;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Response>, A::Error> {
        let mut response = Response::default();
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Status => response.status = map.next_value_seed(Str(Number))?,
                Field::Headers => response.headers = map.next_value_seed(Arr(HeadersSink))?,
                Field::Cookies => {
                    response.cookie_values = map.next_value_seed(Arr(CookiesSink))?;
                }
                Field::Content => {
                    response.content = map.next_value_seed(Obj(ContentSink))?;
                }
                Field::RedirectUrl => {
                    response.redirect_code = map.next_value_seed(Str(CodeSink))?
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(response))
    }
    fn none(self) -> Option<Response> {
        None
    }
}

struct ContentSink;
impl<'de> OnMap<'de> for ContentSink {
    type Out = Content;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Content, A::Error> {
        let mut content = Content::default();
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::MimeType => content.mime = map.next_value_seed(Str(Cap(100)))?,
                Field::Text => {
                    let textual = content.mime.as_deref().map(is_textual);
                    content.body = map.next_value_seed(Str(BodySink(textual)))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(content)
    }
    fn none(self) -> Content {
        Content::default()
    }
}

struct PostSink;
impl<'de> OnMap<'de> for PostSink {
    type Out = Option<Post>;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Post>, A::Error> {
        let mut post = Post::default();
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Text => {
                    let names = map.next_value_seed(Str(FormNames))?;
                    if post.names.is_empty() && !names.is_empty() {
                        post.names = names;
                        post.from = "text";
                    }
                }
                Field::Params => {
                    let names = map.next_value_seed(Arr(ParamNames))?;
                    if !names.is_empty() {
                        post.names = names;
                        post.from = "params";
                    }
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Some(post))
    }
    fn none(self) -> Option<Post> {
        None
    }
}

/// `postData.params`: the names only; each value is skipped unread.
struct ParamNames;
impl<'de> OnSeq<'de> for ParamNames {
    type Out = Vec<String>;
    fn on_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
        let mut names = Vec::new();
        while let Some(name) = seq.next_element_seed(Obj(ParamName))? {
            if let Some(name) = name {
                if names.len() < 64 {
                    names.push(name.to_ascii_lowercase());
                }
            }
        }
        Ok(names)
    }
    fn none(self) -> Vec<String> {
        Vec::new()
    }
}

struct ParamName;
impl<'de> OnMap<'de> for ParamName {
    type Out = Option<String>;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        let mut name = None;
        while let Some(key) = map.next_key::<Field>()? {
            if key == Field::Name {
                name = map.next_value_seed(Str(Cap(64)))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(name)
    }
    fn none(self) -> Option<String> {
        None
    }
}

/// `cookies`: whether any cookie has a value (never the value).
struct CookiesSink;
impl<'de> OnSeq<'de> for CookiesSink {
    type Out = bool;
    fn on_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut any = false;
        while let Some(valued) = seq.next_element_seed(Obj(CookieSink))? {
            any |= valued;
        }
        Ok(any)
    }
    fn none(self) -> bool {
        false
    }
}

struct CookieSink;
impl<'de> OnMap<'de> for CookieSink {
    type Out = bool;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let mut valued = false;
        while let Some(key) = map.next_key::<Field>()? {
            if key == Field::Value {
                valued |= map.next_value_seed(Str(NonEmpty))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(valued)
    }
    fn none(self) -> bool {
        false
    }
}

/// `headers`: each header reduced into [`Headers`] with its index.
struct HeadersSink;
impl<'de> OnSeq<'de> for HeadersSink {
    type Out = Headers;
    fn on_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Headers, A::Error> {
        let mut headers = Headers::default();
        let mut index = 0;
        while let Some(header) = seq.next_element_seed(Obj(HeaderSink))? {
            if let Some((name, value, error)) = header {
                headers.add(index, &name, &value, error);
            }
            index += 1;
        }
        Ok(headers)
    }
    fn none(self) -> Headers {
        Headers::default()
    }
}

struct HeaderSink;
impl<'de> OnMap<'de> for HeaderSink {
    type Out = Option<(String, String, Option<BodyFacts>)>;
    fn on_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Out, A::Error> {
        let (mut name, mut value) = (None, None);
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Name => name = map.next_value_seed(Str(Cap(64)))?,
                Field::Value => value = map.next_value_seed(Str(HeaderValue))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let (value, code) = value.unwrap_or_default();
        Ok(name.map(|n| (n.to_ascii_lowercase(), value, code)))
    }
    fn none(self) -> Self::Out {
        None
    }
}

impl Headers {
    fn add(&mut self, index: usize, name: &str, value: &str, error: Option<BodyFacts>) {
        let value = value.trim();
        match name {
            "authorization" | "proxy-authorization" => {
                if !value.is_empty() {
                    self.secrets = true;
                }
                if name == "authorization" && self.authorization.is_none() && !value.is_empty() {
                    let (scheme, token) = value.split_once(' ').unwrap_or((value, ""));
                    let scheme = cut(scheme, 20).to_string();
                    let ntlm = scheme.eq_ignore_ascii_case("ntlm")
                        || (scheme.eq_ignore_ascii_case("negotiate")
                            && token.trim_start().starts_with("TlRMTVNT"));
                    self.authorization = Some((index, scheme, ntlm));
                }
            }
            "cookie" | "set-cookie" if !value.is_empty() => self.secrets = true,
            "user-agent" if self.user_agent.is_none() && !value.is_empty() => {
                self.user_agent = Some((index, cut(value, 300).to_string()));
            }
            "www-authenticate" => {
                // One header may offer several schemes ("Negotiate, NTLM").
                for offer in value.split(',') {
                    let scheme = offer.split_whitespace().next().unwrap_or("");
                    let plain = scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-');
                    if !scheme.is_empty() && plain && self.www_authenticate.len() < 8 {
                        self.www_authenticate
                            .push((index, cut(scheme, 20).to_string()));
                    }
                }
            }
            "location" => {
                if let Some(error) = error {
                    self.location_error = Some((index, error));
                }
            }
            "x-ms-request-id" => {
                if let Some(id) = guid_in(value) {
                    self.request_id.get_or_insert((index, id));
                }
            }
            "client-request-id" => {
                if let Some(id) = guid_in(value) {
                    self.client_request_id.get_or_insert((index, id));
                }
            }
            _ => {}
        }
    }

    fn offers(&self, scheme: &str) -> Option<usize> {
        self.www_authenticate
            .iter()
            .find(|(_, s)| s.eq_ignore_ascii_case(scheme))
            .map(|(i, _)| *i)
    }
}

/// The GUID a header value is, if it is one.
fn guid_in(value: &str) -> Option<String> {
    let value = value.trim();
    (value.len() == 36 && is_guid_at(value.as_bytes(), 0)).then(|| value.to_ascii_lowercase())
}

// ------------------------------------------------------------------------------------------------
// What the entries add up to.

/// A fact found, with its value and where.
#[derive(Clone)]
struct Found {
    value: String,
    path: String,
    text: String,
}

impl Found {
    fn new(value: impl Into<String>, path: String, text: &str) -> Found {
        Found {
            value: value.into(),
            path,
            text: text.to_string(),
        }
    }

    fn source(&self) -> Source {
        Source {
            line: 0,
            path: Some(self.path.clone()),
            text: quote(&self.text),
        }
    }
}

struct ErrorHit {
    code: Found,
    started: Option<Found>,
    request_id: Option<Found>,
    correlation_id: Option<Found>,
}

/// Everything the reading keeps while the entries stream by: small, whatever the file's size.
#[derive(Default)]
struct State {
    entries: usize,
    saw_log: bool,
    saw_entries: bool,
    creator: Option<String>,
    browser: Option<String>,
    hosts: Vec<String>,
    more_hosts: bool,
    login_hosts: Vec<String>,
    seamless: Option<Found>,
    seamless_status: Option<Found>,
    adfs_host: Option<Found>,
    adfs_wia: Option<Found>,
    adfs_wia_status: Option<Found>,
    adfs_forms: Option<Found>,
    wauth: Option<Found>,
    authorize: Option<Found>,
    prompt: Option<Found>,
    amr_values: Option<Found>,
    domain_hint: Option<Found>,
    login_hint: Option<Found>,
    client_id: Option<Found>,
    /// Hosts that answered 401 with Negotiate, with the entry that did.
    offers: Vec<(String, usize)>,
    offered: Option<Found>,
    negotiate_hosts: Vec<String>,
    answered: Option<Found>,
    ntlm: Option<Found>,
    error: Option<ErrorHit>,
    login_agent: Option<Found>,
    any_agent: Option<Found>,
    secrets: bool,
    no_response: usize,
}

impl State {
    fn absorb(&mut self, entry: Option<Entry>) {
        let i = self.entries;
        self.entries += 1;
        let Some(entry) = entry else {
            return;
        };
        let request = &entry.request;
        let response = entry.response.as_ref();
        let status = response.and_then(|r| r.status).filter(|s| *s > 0);
        if status.is_none() {
            self.no_response += 1;
        }
        self.secrets |= request.headers.secrets
            || request.cookie_values
            || response.is_some_and(|r| r.headers.secrets || r.cookie_values);
        let url_path = format!("log.entries[{i}].request.url");
        let req_header = |j: usize| format!("log.entries[{i}].request.headers[{j}]");
        let resp_header = |j: usize| format!("log.entries[{i}].response.headers[{j}]");

        if let Some(url) = &request.url {
            let host = url.host.as_str();
            self.add_host(host);
            let login = LOGIN_HOSTS.contains(&host);
            let adfs = url.path_lower.starts_with("/adfs/ls");
            let shown = format!(
                "{} {}",
                request.method.as_deref().unwrap_or("GET"),
                url.base
            );

            if host == AUTOLOGON && self.seamless.is_none() {
                self.seamless = Some(Found::new("yes", url_path.clone(), &shown));
                let value = status.map_or("no response".to_string(), |s| s.to_string());
                self.seamless_status = Some(Found::new(
                    value.clone(),
                    format!("log.entries[{i}].response.status"),
                    &value,
                ));
            }
            if adfs {
                if self.adfs_host.is_none() {
                    self.adfs_host = Some(Found::new(host, url_path.clone(), &shown));
                }
                if url.path_lower.starts_with("/adfs/ls/wia") {
                    if self.adfs_wia.is_none() {
                        self.adfs_wia = Some(Found::new("yes", url_path.clone(), &shown));
                    }
                    let value = status.map_or("no response".to_string(), |s| s.to_string());
                    self.adfs_wia_status = Some(Found::new(
                        value.clone(),
                        format!("log.entries[{i}].response.status"),
                        &value,
                    ));
                }
                if let Some(wauth) = url.param("wauth") {
                    if self.wauth.is_none() && !wauth.is_empty() {
                        let text = url.show_param("wauth", wauth);
                        self.wauth = Some(Found::new(wauth, url_path.clone(), &text));
                    }
                }
                let posted = request
                    .method
                    .as_deref()
                    .is_some_and(|m| m.eq_ignore_ascii_case("POST"));
                if let (true, Some(post)) = (posted, &request.post) {
                    let has = |n: &str| post.names.iter().any(|p| p == n);
                    if self.adfs_forms.is_none() && has("username") && has("password") {
                        let text =
                            format!("POST {} with fields {}", url.base, post.names.join(", "));
                        self.adfs_forms = Some(Found::new(
                            "yes",
                            format!("log.entries[{i}].request.postData.{}", post.from),
                            &text,
                        ));
                    }
                }
            }
            if login && url.path_lower.contains("/authorize") {
                self.authorize_request(url, &url_path);
            }
            if let Some((j, agent)) = &request.headers.user_agent {
                let found = || {
                    Found::new(
                        agent.as_str(),
                        req_header(*j),
                        &format!("User-Agent: {agent}"),
                    )
                };
                if (login || adfs) && self.login_agent.is_none() {
                    self.login_agent = Some(found());
                }
                if self.any_agent.is_none() {
                    self.any_agent = Some(found());
                }
            }

            if let Some((j, scheme, ntlm)) = &request.headers.authorization {
                if *ntlm && self.ntlm.is_none() {
                    let text = format!("Authorization: {scheme} [NTLM message removed] to {host}");
                    self.ntlm = Some(Found::new("yes", req_header(*j), &text));
                }
                if scheme.eq_ignore_ascii_case("negotiate") && self.answered.is_none() {
                    let earlier = self.offers.iter().any(|(h, at)| h == host && *at < i);
                    let text = format!("Authorization: Negotiate [token removed] to {host}");
                    if earlier {
                        self.answered = Some(Found::new("yes", req_header(*j), &text));
                    } else if !self.offers.iter().any(|(h, _)| h == host) {
                        // The browser answered a challenge the export folded into this entry.
                        self.answered = Some(Found::new("yes", req_header(*j), &text));
                        if self.offered.is_none() {
                            self.offered = Some(Found::new("yes", req_header(*j), &text));
                        }
                        if !self.negotiate_hosts.iter().any(|h| h == host)
                            && self.negotiate_hosts.len() < 32
                        {
                            self.negotiate_hosts.push(host.to_string());
                        }
                    }
                }
            }
            // Negotiate: offered in a 401, answered by a later request to the same host (the
            // answer is looked for before this entry's own 401 is counted).
            if let Some(r) = response {
                if status == Some(401) {
                    if let Some(j) = r.headers.offers("negotiate") {
                        if !self.offers.iter().any(|(h, _)| h == host) && self.offers.len() < 32 {
                            self.offers.push((host.to_string(), i));
                        }
                        if !self.negotiate_hosts.iter().any(|h| h == host)
                            && self.negotiate_hosts.len() < 32
                        {
                            self.negotiate_hosts.push(host.to_string());
                        }
                        if self.offered.is_none() {
                            self.offered = Some(Found::new(
                                "yes",
                                resp_header(j),
                                &format!("401 from {host}: WWW-Authenticate: Negotiate"),
                            ));
                        }
                    }
                }
            }
        }

        self.error_in(i, &entry);
    }

    fn add_host(&mut self, host: &str) {
        if host.is_empty() || self.hosts.iter().any(|h| h == host) {
            return;
        }
        if LOGIN_HOSTS.contains(&host) && !self.login_hosts.iter().any(|h| h == host) {
            self.login_hosts.push(host.to_string());
        }
        if self.hosts.len() < MAX_HOSTS {
            self.hosts.push(host.to_string());
        } else {
            self.more_hosts = true;
        }
    }

    fn authorize_request(&mut self, url: &UrlInfo, path: &str) {
        if self.authorize.is_none() {
            self.authorize = Some(Found::new("", path.to_string(), &url.base));
        }
        let slots: [(&str, &mut Option<Found>); 4] = [
            ("prompt", &mut self.prompt),
            ("amr_values", &mut self.amr_values),
            ("domain_hint", &mut self.domain_hint),
            ("client_id", &mut self.client_id),
        ];
        for (name, slot) in slots {
            if let Some(value) = url.param(name).filter(|v| !v.is_empty()) {
                if slot.is_none() {
                    *slot = Some(Found::new(
                        value,
                        path.to_string(),
                        &url.show_param(name, value),
                    ));
                }
            }
        }
        if url.login_hint && self.login_hint.is_none() {
            let text = url.show_param("login_hint", "");
            self.login_hint = Some(Found::new("yes", path.to_string(), &text));
        }
    }

    /// The AADSTS code of an entry (its body, its Location, its redirect URL or its own URL);
    /// the last entry with one is the error the trace ends with.
    fn error_in(&mut self, i: usize, entry: &Entry) {
        let response = entry.response.as_ref();
        let body_counts =
            response.is_some_and(|r| r.content.mime.as_deref().is_none_or(is_textual));
        let body = response
            .map(|r| &r.content.body)
            .filter(|b| body_counts && b.code.is_some());
        let location = response.and_then(|r| r.headers.location_error.as_ref());
        let redirect = response.and_then(|r| r.redirect_code.as_ref());
        let url = entry.request.url.as_ref().filter(|u| u.code.is_some());
        // Where the code is, the text that proves it, and the ids found next to it.
        let (code, path, text, ids) = if let Some(body) = body {
            let code = body.code.clone().unwrap_or_default();
            let text = format!("AADSTS{code} in the response body");
            (
                code,
                format!("log.entries[{i}].response.content.text"),
                text,
                Some(body),
            )
        } else if let Some((j, error)) = location {
            let code = error.code.clone().unwrap_or_default();
            let text = format!("Location: …AADSTS{code}…");
            (
                code,
                format!("log.entries[{i}].response.headers[{j}]"),
                text,
                Some(error),
            )
        } else if let Some(code) = redirect {
            let text = format!("redirectURL: …AADSTS{code}…");
            (
                code.clone(),
                format!("log.entries[{i}].response.redirectURL"),
                text,
                None,
            )
        } else if let Some(url) = url {
            let code = url.code.clone().unwrap_or_default();
            let text = format!("{}?…AADSTS{code}…", url.base);
            (
                code,
                format!("log.entries[{i}].request.url"),
                text,
                Some(&url.ids),
            )
        } else {
            return;
        };
        let header = |pick: fn(&Headers) -> &Option<(usize, String)>, label: &str| {
            response
                .and_then(|r| pick(&r.headers).as_ref())
                .map(|(j, id)| {
                    let path = format!("log.entries[{i}].response.headers[{j}]");
                    Found::new(id.as_str(), path, &format!("{label}: {id}"))
                })
        };
        let beside = |id: Option<&String>, label: &str| {
            id.map(|id| Found::new(id.as_str(), path.clone(), &format!("{label}: {id}")))
        };
        let request_id = header(|h| &h.request_id, "x-ms-request-id")
            .or_else(|| beside(ids.and_then(|b| b.trace.as_ref()), "Trace ID"));
        let correlation_id = beside(ids.and_then(|b| b.correlation.as_ref()), "Correlation ID")
            .or_else(|| header(|h| &h.client_request_id, "client-request-id"));
        let started = entry
            .started
            .as_ref()
            .map(|t| Found::new(t.as_str(), format!("log.entries[{i}].startedDateTime"), t));
        self.error = Some(ErrorHit {
            code: Found::new(code, path, &text),
            started,
            request_id,
            correlation_id,
        });
    }

    fn finish(mut self, error: Option<serde_json::Error>) -> Reading {
        let mut reading = Reading::new(Kind::Har);
        if !self.saw_log && error.is_none() {
            reading.note("this JSON has no \"log\" object: it is not a HAR");
            return reading;
        }
        let all = |text: String| Source {
            line: 0,
            path: Some("log.entries".to_string()),
            text,
        };
        let n = self.entries;
        if self.saw_entries || n > 0 {
            reading.set("trace.entries", n.to_string(), all(format!("{n} entries")));
        }
        if !self.hosts.is_empty() {
            let text = format!("{} hosts, first {}", self.hosts.len(), self.hosts[0]);
            reading.set("trace.hosts", std::mem::take(&mut self.hosts), all(text));
        }
        if !self.login_hosts.is_empty() {
            let text = format!("sign-in hosts: {}", self.login_hosts.join(", "));
            reading.set(
                "trace.login_hosts",
                std::mem::take(&mut self.login_hosts),
                all(text),
            );
        }
        let yes_no = |reading: &mut Reading, name: &str, found: &Option<Found>, absent: String| {
            match found {
                Some(f) => reading.set(name, f.value.as_str(), f.source()),
                None => reading.set(name, "no", all(absent)),
            }
        };
        let set = |reading: &mut Reading, name: &str, found: &Option<Found>| {
            if let Some(f) = found {
                reading.set(name, f.value.as_str(), f.source());
            }
        };
        if n > 0 {
            yes_no(
                &mut reading,
                "trace.seamless_sso",
                &self.seamless,
                format!("no request to {AUTOLOGON} in {n} entries"),
            );
        }
        set(
            &mut reading,
            "trace.seamless_sso_status",
            &self.seamless_status,
        );
        set(&mut reading, "trace.adfs_host", &self.adfs_host);
        if let Some(adfs) = &self.adfs_host {
            yes_no(
                &mut reading,
                "trace.adfs_wia",
                &self.adfs_wia,
                format!("no request to {}/adfs/ls/wia", adfs.value),
            );
            set(&mut reading, "trace.adfs_wia_status", &self.adfs_wia_status);
            yes_no(
                &mut reading,
                "trace.adfs_forms",
                &self.adfs_forms,
                format!(
                    "no user name and password posted to {}/adfs/ls/",
                    adfs.value
                ),
            );
        }
        set(&mut reading, "trace.wauth", &self.wauth);
        set(&mut reading, "trace.prompt", &self.prompt);
        set(&mut reading, "trace.amr_values", &self.amr_values);
        set(&mut reading, "trace.domain_hint", &self.domain_hint);
        if let Some(authorize) = &self.authorize {
            match &self.login_hint {
                Some(f) => reading.set("trace.login_hint_present", "yes", f.source()),
                None => reading.set(
                    "trace.login_hint_present",
                    "no",
                    Source {
                        line: 0,
                        path: Some(authorize.path.clone()),
                        text: quote(&format!("{} without login_hint", authorize.text)),
                    },
                ),
            }
        }
        set(&mut reading, "trace.client_id", &self.client_id);
        if n > 0 {
            yes_no(
                &mut reading,
                "trace.negotiate_offered",
                &self.offered,
                format!("no 401 with WWW-Authenticate: Negotiate in {n} entries"),
            );
        }
        if !self.negotiate_hosts.is_empty() {
            let text = format!("Negotiate asked by {}", self.negotiate_hosts.join(", "));
            reading.set(
                "trace.negotiate_hosts",
                std::mem::take(&mut self.negotiate_hosts),
                all(text),
            );
        }
        let sanitized = n > 0 && !self.secrets;
        if sanitized {
            // Without Authorization headers no answer can be seen, so none is claimed either way.
            reading.note(
                "sensitive data was removed from this export (no cookie or Authorization header \
                 has a value): whether Negotiate was answered, and with NTLM, cannot be told",
            );
        } else if n > 0 {
            if self.offered.is_some() || self.answered.is_some() {
                let asked = self
                    .offers
                    .iter()
                    .map(|(h, _)| h.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                yes_no(
                    &mut reading,
                    "trace.negotiate_answered",
                    &self.answered,
                    format!("no Authorization: Negotiate sent after the 401 from {asked}"),
                );
            }
            yes_no(
                &mut reading,
                "trace.ntlm_used",
                &self.ntlm,
                format!("no NTLM Authorization header in {n} entries"),
            );
        }
        if let Some(hit) = &self.error {
            set(&mut reading, "trace.error_code", &Some(hit.code.clone()));
            set(&mut reading, "trace.correlation_id", &hit.correlation_id);
            set(&mut reading, "trace.request_id", &hit.request_id);
            set(&mut reading, "trace.error_time", &hit.started);
        }
        let agent = self.login_agent.as_ref().or(self.any_agent.as_ref());
        let creator = self.creator.as_deref();
        match (agent, creator) {
            (Some(agent), _) => {
                let browser = browser_of(&agent.value);
                let value = match (browser, creator) {
                    (Some(b), Some(c)) => format!("{b} (HAR by {c})"),
                    (Some(b), None) => b,
                    (None, Some(c)) => format!("{} (HAR by {c})", cut(&agent.value, 80)),
                    (None, None) => cut(&agent.value, 80).to_string(),
                };
                reading.set("trace.browser", value, agent.source());
                reading.set(
                    "trace.user_agent",
                    crate::text::shorten_to(&agent.value, 160),
                    agent.source(),
                );
            }
            (None, Some(c)) if n > 0 => {
                let value = match &self.browser {
                    Some(b) => format!("{b} (HAR by {c})"),
                    None => format!("HAR by {c}"),
                };
                let source = Source {
                    line: 0,
                    path: Some("log.creator".to_string()),
                    text: quote(c),
                };
                reading.set("trace.browser", value, source);
            }
            _ => {}
        }
        if n > 0 {
            let text = if sanitized {
                "no cookie or Authorization value in any entry"
            } else {
                "cookies or Authorization headers have values"
            };
            reading.set(
                "trace.sanitized",
                if sanitized { "yes" } else { "no" },
                all(text.to_string()),
            );
        }
        if self.more_hosts {
            reading.note(format!(
                "more than {MAX_HOSTS} hosts: only the first {MAX_HOSTS} are listed"
            ));
        }
        if self.no_response > 0 {
            reading.note(format!(
                "{} entries had no response (aborted, blocked or still pending)",
                self.no_response
            ));
        }
        if self.saw_log && !self.saw_entries && error.is_none() {
            reading.note("the HAR has no log.entries: nothing was recorded");
        } else if n == 0 && error.is_none() {
            reading.note("the HAR has no entries: nothing was recorded");
        }
        if let Some(error) = error {
            if error.is_eof() {
                reading.note(format!("truncated: the JSON ends early after {n} entries"));
            } else if !self.saw_log {
                reading.note(format!(
                    "not a HAR: the JSON could not be read (line {}, column {})",
                    error.line(),
                    error.column()
                ));
            } else {
                reading.note(format!(
                    "the JSON is not valid after {n} entries (line {}, column {}); the rest was not read",
                    error.line(),
                    error.column()
                ));
            }
        }
        reading
    }
}

/// "Edge 120.0.2210.91 on Windows NT 10.0" from a User-Agent.
fn browser_of(agent: &str) -> Option<String> {
    let version_after = |marker: &str| {
        agent.find(marker).map(|at| {
            agent[at + marker.len()..]
                .split(|c: char| c.is_whitespace() || c == ';' || c == ')')
                .next()
                .unwrap_or("")
                .to_string()
        })
    };
    let product = [
        ("Edg/", "Edge"),
        ("EdgA/", "Edge"),
        ("Edge/", "Edge (legacy)"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Trident/", "Internet Explorer (Trident)"),
        ("MSIE ", "Internet Explorer"),
    ]
    .iter()
    .find_map(|(marker, name)| version_after(marker).map(|v| format!("{name} {v}")))
    .or_else(|| {
        (agent.contains("Safari/"))
            .then(|| version_after("Version/").map(|v| format!("Safari {v}")))
            .flatten()
    })?;
    let platform = agent
        .split_once('(')
        .and_then(|(_, rest)| rest.split([';', ')']).next())
        .map(str::trim)
        .filter(|p| !p.is_empty());
    Some(match platform {
        Some(p) => format!("{} on {}", product.trim(), cut(p, 40)),
        None => product.trim().to_string(),
    })
}

#[cfg(test)]
mod tests;
