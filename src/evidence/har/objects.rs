//! The HAR's objects reduced as they stream by: root, log, creator, entries, request, response,
//! content, post data and cookies; each entry is handed to the state and dropped.

use serde::de::{IgnoredAny, MapAccess, SeqAccess};

use super::*;

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
