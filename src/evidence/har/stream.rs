//! The streaming parser: serde visitors that reduce a JSON value as they go, and the object
//! keys that matter.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

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
