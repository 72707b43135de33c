//! What one entry is reduced to.

use base64::Engine as _;

use super::*;

/// One HAR entry, reduced while it is parsed.
#[derive(Default)]
pub(super) struct Entry {
    pub(super) started: Option<String>,
    pub(super) request: Request,
    pub(super) response: Option<Response>,
}

#[derive(Default)]
pub(super) struct Request {
    pub(super) method: Option<String>,
    pub(super) url: Option<UrlInfo>,
    pub(super) headers: Headers,
    pub(super) cookie_values: bool,
    pub(super) post: Option<Post>,
}

#[derive(Default)]
pub(super) struct Response {
    pub(super) status: Option<i64>,
    pub(super) headers: Headers,
    pub(super) cookie_values: bool,
    pub(super) content: Content,
    pub(super) redirect_code: Option<String>,
}

#[derive(Default)]
pub(super) struct Content {
    pub(super) mime: Option<String>,
    pub(super) body: BodyFacts,
}

/// The names of posted form fields, lower case; never their values.
#[derive(Default)]
pub(super) struct Post {
    pub(super) names: Vec<String>,
    /// Where the names were read: `params` or `text`.
    pub(super) from: &'static str,
}

/// What the headers of a request or a response hold that matters here.
#[derive(Default)]
pub(super) struct Headers {
    /// The first Authorization header: its index, its scheme, and whether it carries NTLM.
    pub(super) authorization: Option<(usize, String, bool)>,
    pub(super) user_agent: Option<(usize, String)>,
    /// Schemes offered by WWW-Authenticate headers, with their index.
    pub(super) www_authenticate: Vec<(usize, String)>,
    /// An error (AADSTS code and ids) in a Location header.
    pub(super) location_error: Option<(usize, BodyFacts)>,
    pub(super) request_id: Option<(usize, String)>,
    pub(super) client_request_id: Option<(usize, String)>,
    /// A Cookie, Set-Cookie or Authorization header with a value.
    pub(super) secrets: bool,
}

/// What a response body says about an error, found while the body streams by.
#[derive(Default, Debug, PartialEq)]
pub(super) struct BodyFacts {
    pub(super) code: Option<String>,
    pub(super) correlation: Option<String>,
    pub(super) trace: Option<String>,
}

/// A URL reduced to its host, path, the parameters that become facts, and a redacted display.
#[derive(Default, Debug)]
pub(super) struct UrlInfo {
    pub(super) host: String,
    /// The path in lower case, for matching.
    pub(super) path_lower: String,
    /// `scheme://host/path`, shortened.
    pub(super) base: String,
    /// [`KEPT_PARAMS`] present, name and decoded value.
    pub(super) params: Vec<(&'static str, String)>,
    pub(super) login_hint: bool,
    /// The last AADSTS code anywhere in the URL, with the ids of its `error_description`.
    pub(super) code: Option<String>,
    pub(super) ids: BodyFacts,
}

impl UrlInfo {
    pub(super) fn parse(url: &str) -> UrlInfo {
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

    pub(super) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `scheme://host/path?…name=value…`, the proof of a parameter (a secret one shows no value).
    pub(super) fn show_param(&self, name: &str, value: &str) -> String {
        if SECRET_PARAMS.contains(&name) {
            format!("{}?…{name}=[redacted]…", self.base)
        } else {
            format!("{}?…{name}={}…", self.base, cut(value, 80))
        }
    }
}

pub(super) fn strip_port(host: &str) -> &str {
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
pub(super) fn cut(text: &str, limit: usize) -> &str {
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
pub(super) fn percent_decode(text: &str) -> String {
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
pub(super) fn last_code(text: &str) -> Option<String> {
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
    pub(super) fn scan(body: &str) -> BodyFacts {
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
    pub(super) fn scan_content(body: &str, textual: Option<bool>) -> BodyFacts {
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

pub(super) fn looks_base64(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 16
        && text.len().is_multiple_of(4)
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// A GUID (8-4-4-4-12 hex digits) starting at `start`, not inside a longer word.
pub(super) fn is_guid_at(bytes: &[u8], start: usize) -> bool {
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
pub(super) enum Label {
    Correlation,
    Trace,
    None,
}

/// The label just before a GUID: `Correlation ID: `, `"correlationId":"`, `Trace ID: `,
/// `Request Id: ` (HTML tags between label and value are skipped).
pub(super) fn label_before(bytes: &[u8], start: usize) -> Label {
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
pub(super) fn is_textual(mime: &str) -> bool {
    let mime = mime.to_ascii_lowercase();
    if mime.contains("javascript") || mime.contains("css") || mime.contains("ecmascript") {
        return false;
    }
    mime.contains("html")
        || mime.contains("json")
        || mime.contains("xml")
        || mime.starts_with("text/")
}
