//! Request and response headers reduced to what matters: the Authorization scheme, User-Agent,
//! offered schemes, an error in a Location, request ids, and whether any secret had a value.

use serde::de::{IgnoredAny, MapAccess, SeqAccess};

use super::*;

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
