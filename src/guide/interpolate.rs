//! Values captured earlier, shown in a node's text: `{{error.user}}` becomes the UPN the walk
//! holds, `{{error.user|the user's UPN}}` says what to show while nothing is captured. Double
//! braces, since how-texts quote PowerShell script blocks in single ones.

use std::borrow::Cow;

use super::vars::{Value, Variables};

/// Shown for a placeholder whose variable is not set and that names no fallback.
pub const NOT_CAPTURED: &str = "(not captured yet)";

/// One `{{name}}` or `{{name|fallback}}` of a text: where it stands and what it says.
#[derive(Debug, PartialEq, Eq)]
pub struct Placeholder<'t> {
    pub start: usize,
    pub end: usize,
    pub name: &'t str,
    pub fallback: Option<&'t str>,
}

/// The placeholders of `text`, in order. An opening `{{` with no closing `}}` is left as text.
pub fn placeholders(text: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| from + i) {
        let Some(close) = text[open + 2..].find("}}").map(|i| open + 2 + i) else {
            break;
        };
        let inner = &text[open + 2..close];
        let (name, fallback) = match inner.split_once('|') {
            Some((n, f)) => (n.trim(), Some(f.trim())),
            None => (inner.trim(), None),
        };
        found.push(Placeholder {
            start: open,
            end: close + 2,
            name,
            fallback,
        });
        from = close + 2;
    }
    found
}

/// `text` with each placeholder replaced by its variable's value (a list joined with ", "), its
/// fallback, or [`NOT_CAPTURED`]. Borrowed when the text has none.
pub fn interpolate<'t>(text: &'t str, vars: &Variables) -> Cow<'t, str> {
    let found = placeholders(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for p in found {
        out.push_str(&text[at..p.start]);
        match vars.get(p.name) {
            Some(Value::Text(t)) if !t.trim().is_empty() && t != "unsure" => out.push_str(t),
            Some(Value::List(items)) if !items.is_empty() => out.push_str(&items.join(", ")),
            _ => out.push_str(p.fallback.unwrap_or(NOT_CAPTURED)),
        }
        at = p.end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> Variables {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::Text(v.to_string())))
            .collect()
    }

    #[test]
    fn captured_values_fill_their_placeholders() {
        let v = vars(&[
            ("error.user", "alex@contoso.com"),
            ("error.timestamp", "unsure"),
        ]);
        assert_eq!(
            interpolate(
                "Open {{error.user}}'s log at {{ error.timestamp | the error time }}.",
                &v
            ),
            "Open alex@contoso.com's log at the error time."
        );
        assert_eq!(
            interpolate("Id: {{error.correlation_id}}", &v),
            format!("Id: {NOT_CAPTURED}")
        );
        let mut lists = Variables::new();
        lists.insert(
            "request_params".into(),
            Value::List(vec!["wauth".into(), "prompt_login".into()]),
        );
        assert_eq!(
            interpolate("{{request_params}}", &lists),
            "wauth, prompt_login"
        );
    }

    #[test]
    fn single_braces_and_unclosed_ones_stay_text() {
        let v = vars(&[("x", "1")]);
        let script = "Get-AdfsRelyingPartyTrust | ? { $_.Identifier } {{x";
        assert!(matches!(interpolate(script, &v), Cow::Borrowed(_)));
        assert_eq!(interpolate(script, &v), script);
        assert_eq!(placeholders("a {{b}} c {{d|e}}").len(), 2);
    }
}
