//! Values from the log made comparable and shown alike: headers, error codes, yes/no, Conditional
//! Access results, one-line text, line ends and a text's head.

use super::*;

/// A header compared without case, spaces or punctuation: `Application ID ` is `applicationid`.
pub(super) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`normalise`] for a header; a cell too long to be a header is none.
pub(super) fn normalise_header(cell: &str) -> String {
    if cell.len() > MAX_HEADER {
        String::new()
    } else {
        normalise(cell)
    }
}

/// An error code as digits: `AADSTS51006` and ` 51006 ` are `51006`.
pub(super) fn code_digits(code: &str) -> String {
    let code = code.trim();
    let code = match code.get(..6) {
        Some(p) if p.eq_ignore_ascii_case("aadsts") => &code[6..],
        _ => code,
    };
    code.trim().to_string()
}

/// Text from the log as one line: escapes and control characters removed, runs of white space
/// (line breaks in a cell included) made one space, secrets redacted. `None` when nothing is left.
pub(super) fn one_line(text: &str) -> Option<String> {
    let cleaned = crate::text::clean(text);
    let joined = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() || joined.eq_ignore_ascii_case("null") {
        return None;
    }
    Some(redact(&joined, &Policy::secrets_only()).into_owned())
}

pub(super) fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// `True`/`False`/`Yes`/`No` as yes/no.
pub(super) fn text_yes_no(text: &str) -> Option<&'static str> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" => Some("yes"),
        "false" | "no" => Some("no"),
        _ => None,
    }
}

/// `multiFactorAuthentication` or `Multifactor authentication` is `multi`; single likewise;
/// anything else as shown.
pub(super) fn auth_requirement(text: &str) -> String {
    let n = normalise(text);
    if n.starts_with("multifactor") {
        "multi".to_string()
    } else if n.starts_with("singlefactor") {
        "single".to_string()
    } else {
        text.to_string()
    }
}

/// The CSV's `Success`, `Failure`, `Not Applied` as Graph's success, failure, notApplied.
pub(super) fn ca_status(text: &str) -> String {
    match normalise(text).as_str() {
        "success" => "success".to_string(),
        "failure" => "failure".to_string(),
        "notapplied" => "notApplied".to_string(),
        _ => text.to_string(),
    }
}

/// "Previously satisfied", or a requirement "satisfied by claim in the token".
pub(super) fn says_previously_satisfied(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("previously satisfied") || lower.contains("satisfied by claim in the token")
}

pub(super) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// CRLF and lone CR as LF, so CSV row lines count as [`super::Lines`] does.
pub(super) fn normalise_line_ends(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The first `max` bytes of `text`, cut at a character boundary.
pub(super) fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
