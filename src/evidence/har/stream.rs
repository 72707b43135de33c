//! The streaming parser: serde visitors that reduce as they go.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::*;

/// Object keys of every level that matter; all others are skipped.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
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

pub(super) fn drain_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

pub(super) fn drain_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_key::<IgnoredAny>()?.is_some() {
        map.next_value::<IgnoredAny>()?;
    }
    Ok(())
}

/// Reduces a JSON string as it is visited; any other JSON value gives [`OnStr::none`]. A value
/// of the wrong type is skipped, not an error: exports differ.
pub(super) trait OnStr: Sized {
    type Out;
    fn on_str(self, text: &str) -> Self::Out;
    fn none(self) -> Self::Out;
}

/// Reduces a JSON object, key by key; any other JSON value gives [`OnMap::none`].
pub(super) trait OnMap<'de>: Sized {
    type Out;
    fn on_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Out, A::Error>;
    fn none(self) -> Self::Out;
}

/// Reduces a JSON array, element by element; any other JSON value gives [`OnSeq::none`].
pub(super) trait OnSeq<'de>: Sized {
    type Out;
    fn on_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Out, A::Error>;
    fn none(self) -> Self::Out;
}

pub(super) struct Str<S>(pub(super) S);
pub(super) struct Obj<S>(pub(super) S);
pub(super) struct Arr<S>(pub(super) S);

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
pub(super) struct Cap(pub(super) usize);
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
pub(super) struct Number;
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
pub(super) struct NonEmpty;
impl OnStr for NonEmpty {
    type Out = bool;
    fn on_str(self, text: &str) -> bool {
        !text.trim().is_empty()
    }
    fn none(self) -> bool {
        false
    }
}

pub(super) struct UrlSink;
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
pub(super) struct CodeSink;
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
pub(super) struct BodySink(pub(super) Option<bool>);
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
pub(super) struct FormNames;
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
pub(super) struct HeaderValue;
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
pub(super) struct Root<'s>(pub(super) &'s mut State);
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

pub(super) struct Log<'s>(pub(super) &'s mut State);
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
pub(super) struct NameVersion;
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
pub(super) struct Entries<'s>(pub(super) &'s mut State);
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

pub(super) struct EntrySink;
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

pub(super) struct RequestSink;
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

pub(super) struct ResponseSink;
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

pub(super) struct ContentSink;
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

pub(super) struct PostSink;
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
pub(super) struct ParamNames;
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

pub(super) struct ParamName;
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
pub(super) struct CookiesSink;
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

pub(super) struct CookieSink;
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
pub(super) struct HeadersSink;
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

pub(super) struct HeaderSink;
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
    pub(super) fn add(&mut self, index: usize, name: &str, value: &str, error: Option<BodyFacts>) {
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

    pub(super) fn offers(&self, scheme: &str) -> Option<usize> {
        self.www_authenticate
            .iter()
            .find(|(_, s)| s.eq_ignore_ascii_case(scheme))
            .map(|(i, _)| *i)
    }
}

/// The GUID a header value is, if it is one.
pub(super) fn guid_in(value: &str) -> Option<String> {
    let value = value.trim();
    (value.len() == 36 && is_guid_at(value.as_bytes(), 0)).then(|| value.to_ascii_lowercase())
}
