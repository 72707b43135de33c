//! Mappings that refuse a key given twice. serde's derive already refuses a struct field given
//! twice; a map would silently keep the last value, and a scenario could pass because of it.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, MapAccess, Visitor};

/// For `#[serde(deserialize_with = "unique_map")]` on a `BTreeMap<String, V>` field.
pub fn unique_map<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    deserializer.deserialize_map(UniqueVisitor(PhantomData))
}

struct UniqueVisitor<V>(PhantomData<V>);

impl<'de, V: Deserialize<'de>> Visitor<'de> for UniqueVisitor<V> {
    type Value = BTreeMap<String, V>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(A::Error::custom(format_args!(
                    "'{}' appears twice in the same mapping; keep one",
                    crate::text::shorten(&key)
                )));
            }
            let value = map.next_value()?;
            out.insert(key, value);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "unique_map")]
        set: BTreeMap<String, String>,
    }

    #[test]
    fn a_key_given_twice_is_an_error_not_a_silent_overwrite() {
        let ok: Holder = serde_yaml::from_str("set: {a: '1', b: '2'}").expect("distinct keys");
        assert_eq!(ok.set.len(), 2);
        let err = serde_yaml::from_str::<Holder>("set: {a: '1', a: '2'}").expect_err("twice");
        assert!(err.to_string().contains("'a' appears twice"), "{err}");
    }
}
