//! The string values of a HAR reduced as they are visited: cut texts, numbers, URLs, AADSTS
//! codes, response bodies and form field names.

use super::*;

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
