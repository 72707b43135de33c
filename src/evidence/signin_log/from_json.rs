//! The JSON downloads: a Graph response, an array of sign-ins or one sign-in; only the chosen
//! entry is parsed in full, and a cut-off file gives its complete entries.

use super::*;

/// The sign-in objects of a JSON download: each one's path prefix (`[2]`, `value[2]` or ``),
/// its text, and what it is chosen by; only the chosen one is parsed in full.
pub(super) struct JsonEntries<'t> {
    items: Vec<(String, &'t str, Key)>,
    /// The text ends before the document does: only complete entries are in `items`.
    truncated: bool,
}

pub(super) fn read_json(body: &str, selector: &Selector, reading: &mut Reading) {
    let entries = json_entries(body, reading);
    if entries.items.is_empty() {
        if entries.truncated {
            reading.note("the JSON is cut off before its first complete sign-in: nothing read; download the sign-in again");
        } else {
            reading.note("the JSON holds no sign-in object");
        }
        return;
    }
    if body.contains("\"@odata.nextLink\"") {
        reading
            .note("the Graph response has more pages (@odata.nextLink): only this page was read");
    }
    let (prefixes, keys): (Vec<(String, &str)>, Vec<Key>) = entries
        .items
        .into_iter()
        .map(|(prefix, text, key)| ((prefix, text), key))
        .unzip();
    let Some((index, why)) = choose(&keys, selector, reading) else {
        return;
    };
    let count = keys.len();
    let unit = if entries.truncated {
        "complete entry"
    } else {
        "entry"
    };
    if entries.truncated {
        if !why.is_sure() {
            reading.note(format!(
                "the JSON is cut off after {count} complete sign-in(s) and none of them has error {}{}: nothing read, as the sign-in wanted may be in the lost part; download it again",
                selector.error_code,
                selector
                    .correlation_id
                    .as_deref()
                    .map(|c| format!(" or correlation id {c}"))
                    .unwrap_or_default()
            ));
            return;
        }
        reading.note(format!(
            "the JSON is cut off: only its first {count} complete sign-in(s) were read"
        ));
    }
    if count > 1 || !why.is_sure() {
        reading.note(describe_choice(
            unit,
            (index, count),
            "",
            &why,
            &keys[index],
            selector,
        ));
    }
    let (prefix, text) = &prefixes[index];
    match serde_json::from_str::<Json>(text) {
        Ok(entry) => json_facts(prefix, &entry, reading),
        Err(e) => reading.note(format!("the chosen sign-in is not valid JSON: {e}")),
    }
    let same_correlation = |codes: &str| {
        json_source(
            "",
            "correlationId",
            &format!("same correlation id: {codes}"),
        )
    };
    if let Some((codes, source)) = related_codes(&keys, index, same_correlation) {
        reading.set("signin.related_codes", codes, source);
    }
}

/// The other failure codes logged under the chosen entry's correlation id, in log order without
/// repeats: Seamless SSO logs its 810xx failure next to the 51006 it led to. Empty when the
/// download holds other entries but no such failure; `None` when it holds only this one (nothing
/// can be said) or the entry has no correlation id.
pub(super) fn related_codes(
    keys: &[Key],
    chosen: usize,
    source: impl Fn(&str) -> Source,
) -> Option<(Vec<String>, Source)> {
    let wanted = keys[chosen].correlation_id.as_deref()?;
    if keys.len() < 2 {
        return None;
    }
    let own = keys[chosen].error_code.as_deref();
    let mut codes: Vec<String> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let same = key
            .correlation_id
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(wanted));
        let Some(code) = key.error_code.as_deref() else {
            continue;
        };
        let other_failure = key.failed && code != "0" && Some(code) != own;
        if i != chosen && same && other_failure && !codes.iter().any(|c| c == code) {
            codes.push(code.to_string());
        }
    }
    let said = if codes.is_empty() {
        format!("no other failure among the {} entries", keys.len())
    } else {
        codes.join(", ")
    };
    Some((codes, source(&said)))
}

/// The sign-ins of an array, of a Graph response's `value`, or the one object; entries of a
/// cut-off text are read up to the last complete one.
pub(super) fn json_entries<'t>(body: &'t str, reading: &mut Reading) -> JsonEntries<'t> {
    let bytes = body.as_bytes();
    let (prefix, array_at) = match bytes.first() {
        Some(b'[') => ("", 0),
        Some(b'{') => match value_array_of(bytes) {
            Some(at) => ("value", at),
            None => {
                let Some(end) = value_end(bytes, 0) else {
                    return JsonEntries {
                        items: Vec::new(),
                        truncated: true,
                    };
                };
                let object = body.get(..end).unwrap_or("");
                let items = match entry_key(object) {
                    Ok(key) => vec![(String::new(), object, key)],
                    Err(e) => {
                        reading.note(format!("the JSON is not valid: {e}"));
                        Vec::new()
                    }
                };
                return JsonEntries {
                    items,
                    truncated: false,
                };
            }
        },
        _ => {
            return JsonEntries {
                items: Vec::new(),
                truncated: false,
            }
        }
    };
    let (ranges, complete) = array_items(bytes, array_at);
    let mut items = Vec::with_capacity(ranges.len());
    let mut invalid = 0;
    for (i, (start, end)) in ranges.into_iter().enumerate() {
        let object = body.get(start..end).unwrap_or("");
        match entry_key(object) {
            Ok(key) => items.push((format!("{prefix}[{i}]"), object, key)),
            Err(_) => invalid += 1,
        }
    }
    if invalid > 0 {
        reading.note(format!(
            "{invalid} entr{} of the JSON could not be read as a sign-in",
            if invalid == 1 { "y" } else { "ies" }
        ));
    }
    JsonEntries {
        items,
        truncated: !complete,
    }
}

/// Only what a sign-in is chosen by: the rest of the object is skipped, not built.
#[derive(serde::Deserialize)]
pub(super) struct EntryKey {
    #[serde(rename = "correlationId")]
    correlation_id: Option<Json>,
    status: Option<Json>,
}

/// What the sign-in object `text` is chosen by; an error when it is no JSON object.
pub(super) fn entry_key(text: &str) -> Result<Key, serde_json::Error> {
    if !text.starts_with('{') {
        return Err(serde::de::Error::custom("not an object"));
    }
    let (correlation_id, status) = match serde_json::from_str::<EntryKey>(text) {
        Ok(key) => (key.correlation_id, key.status),
        // A key written twice, say: the whole object decides, its last value winning.
        Err(_) => {
            let mut object = serde_json::from_str::<Json>(text)?;
            (
                object.get_mut("correlationId").map(Json::take),
                object.get_mut("status").map(Json::take),
            )
        }
    };
    let error_code = status
        .as_ref()
        .and_then(|s| s.get("errorCode"))
        .and_then(json_text)
        .map(|c| code_digits(&c));
    Ok(Key {
        correlation_id: correlation_id.as_ref().and_then(json_text),
        failed: error_code.as_deref().is_some_and(|c| c != "0"),
        error_code,
    })
}

pub(super) fn json_facts(prefix: &str, entry: &Json, reading: &mut Reading) {
    for (field, name) in JSON_TEXT {
        let Some(text) = entry.pointer(&pointer(field)).and_then(json_text) else {
            continue;
        };
        let value = if *name == "signin.error_code" {
            code_digits(&text)
        } else {
            text
        };
        let source = json_source(prefix, field, &value);
        reading.set(name, value, source);
    }
    for (field, name) in JSON_BOOL {
        let Some(raw) = entry.pointer(&pointer(field)) else {
            continue;
        };
        let yes_no = match raw {
            Json::Bool(b) => Some(yes_no(*b)),
            other => json_text(other).and_then(|t| text_yes_no(&t)),
        };
        if let Some(value) = yes_no {
            reading.set(name, value, json_source(prefix, field, value));
        }
    }
    if let Some(text) = entry.get("authenticationRequirement").and_then(json_text) {
        let source = json_source(prefix, "authenticationRequirement", &text);
        reading.set("signin.auth_requirement", auth_requirement(&text), source);
    }
    authentication_details(prefix, entry, reading);
    conditional_access(prefix, entry, reading);
    session_lifetime(prefix, entry, reading);
}

/// `signin.session_policies` and `signin.sif_applied` from `sessionLifetimePolicies`: which
/// session policy made this a fresh sign-in (the portal shows it as "Session Lifetime Policies
/// Applied" in Authentication Details).
pub(super) fn session_lifetime(prefix: &str, entry: &Json, reading: &mut Reading) {
    let Some(Json::Array(policies)) = entry.get("sessionLifetimePolicies") else {
        return;
    };
    let mut kinds: Vec<String> = Vec::new();
    for policy in policies {
        if let Some(kind) = policy.get("expirationRequirement").and_then(json_text) {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    let field = "sessionLifetimePolicies";
    let joined = kinds.join(", ");
    let sif = kinds.iter().any(|k| k.starts_with("signInFrequency"));
    reading.set(
        "signin.sif_applied",
        yes_no(sif),
        json_source(
            prefix,
            field,
            if joined.is_empty() { "[]" } else { &joined },
        ),
    );
    if !kinds.is_empty() {
        reading.set(
            "signin.session_policies",
            kinds,
            json_source(prefix, field, &joined),
        );
    }
}

/// `signin.auth_methods` and `signin.previously_satisfied` from `authenticationDetails`, or the
/// method of `mfaDetail` when the steps are not in the download.
pub(super) fn authentication_details(prefix: &str, entry: &Json, reading: &mut Reading) {
    let steps = match entry.get("authenticationDetails") {
        Some(Json::Array(steps)) if !steps.is_empty() => steps,
        _ => {
            if let Some(method) = entry.pointer("/mfaDetail/authMethod").and_then(json_text) {
                let source = json_source(prefix, "mfaDetail.authMethod", &method);
                if says_previously_satisfied(&method) {
                    reading.set("signin.previously_satisfied", "yes", source.clone());
                }
                reading.set("signin.auth_methods", vec![method], source);
            }
            return;
        }
    };
    let mut methods: Vec<String> = Vec::new();
    let mut satisfied: Option<(String, String)> = None;
    for (i, step) in steps.iter().enumerate() {
        if let Some(method) = step.get("authenticationMethod").and_then(json_text) {
            if !methods.contains(&method) {
                methods.push(method);
            }
        }
        for field in ["authenticationMethod", "authenticationStepResultDetail"] {
            if satisfied.is_some() {
                break;
            }
            if let Some(text) = step.get(field).and_then(json_text) {
                if says_previously_satisfied(&text) {
                    satisfied = Some((format!("authenticationDetails[{i}].{field}"), text));
                }
            }
        }
    }
    let joined = methods.join(", ");
    if !methods.is_empty() {
        let source = json_source(prefix, "authenticationDetails", &joined);
        reading.set("signin.auth_methods", methods, source);
    }
    match satisfied {
        Some((field, text)) => {
            let source = json_source(prefix, &field, &text);
            reading.set("signin.previously_satisfied", "yes", source);
        }
        None => {
            let source = json_source(prefix, "authenticationDetails", &joined);
            reading.set("signin.previously_satisfied", "no", source);
        }
    }
}

/// `signin.ca_policies` and `signin.ca_failed_policies` from `appliedConditionalAccessPolicies`.
pub(super) fn conditional_access(prefix: &str, entry: &Json, reading: &mut Reading) {
    let Some(Json::Array(policies)) = entry.get("appliedConditionalAccessPolicies") else {
        return;
    };
    let mut all = Vec::new();
    let mut failed = Vec::new();
    for policy in policies {
        let name = policy
            .get("displayName")
            .and_then(json_text)
            .unwrap_or_else(|| "(unnamed policy)".to_string());
        let result = policy.get("result").and_then(json_text).unwrap_or_default();
        if result.eq_ignore_ascii_case("failure") {
            failed.push(name.clone());
        }
        all.push(format!("{name}: {result}"));
    }
    let field = "appliedConditionalAccessPolicies";
    let source = json_source(prefix, field, &all.join("; "));
    reading.set("signin.ca_policies", all, source.clone());
    let failed_source = if failed.is_empty() {
        source
    } else {
        json_source(prefix, field, &failed.join("; "))
    };
    reading.set("signin.ca_failed_policies", failed, failed_source);
}

/// A JSON scalar as a fact's text: cleaned of escapes, on one line, secrets redacted; `None`
/// when empty or not a scalar.
pub(super) fn json_text(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => one_line(s),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(super) fn pointer(field: &str) -> String {
    format!("/{}", field.replace('.', "/"))
}

pub(super) fn json_source(prefix: &str, field: &str, value: &str) -> Source {
    let path = if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    };
    Source {
        line: 0,
        path: Some(path),
        text: quote(value),
    }
}

// A scanner of JSON structure: where a value ends, without building it, so a cut-off download
// can still give its complete entries. Every loop advances; nothing recurses.

pub(super) fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The index after the closing quote of the string opening at `start`.
pub(super) fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The index after the value starting at `start`, or `None` when the text ends first.
pub(super) fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    match *bytes.get(start)? {
        b'"' => string_end(bytes, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = start;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = string_end(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            None
        }
        _ => {
            let end = bytes[start..]
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b':') || b.is_ascii_whitespace())
                .map_or(bytes.len(), |p| start + p);
            (end > start).then_some(end)
        }
    }
}

/// The items of the array opening at `open`, as byte ranges, and whether the array closes.
pub(super) fn array_items(bytes: &[u8], open: usize) -> (Vec<(usize, usize)>, bool) {
    let mut items = Vec::new();
    let mut i = open + 1;
    loop {
        i = skip_ws(bytes, i);
        match bytes.get(i) {
            None => return (items, false),
            Some(b']') => return (items, true),
            Some(b',') => i += 1,
            Some(_) => match value_end(bytes, i) {
                Some(end) => {
                    items.push((i, end));
                    i = end;
                }
                None => return (items, false),
            },
        }
    }
}

/// Where the array of a top-level `"value"` key opens (a Graph response), if the object at 0 has
/// one.
pub(super) fn value_array_of(bytes: &[u8]) -> Option<usize> {
    let mut i = 1;
    loop {
        i = skip_ws(bytes, i);
        match bytes.get(i)? {
            b',' => {
                i += 1;
                continue;
            }
            b'"' => {}
            _ => return None,
        }
        let key_end = string_end(bytes, i)?;
        let key = bytes.get(i + 1..key_end - 1)?;
        i = skip_ws(bytes, key_end);
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(bytes, i + 1);
        if key == b"value" && bytes.get(i) == Some(&b'[') {
            return Some(i);
        }
        i = value_end(bytes, i)?;
    }
}

/// The first key of the object `body` opens with.
pub(super) fn first_key(body: &str) -> Option<&str> {
    let bytes = body.as_bytes();
    if bytes.first() != Some(&b'{') {
        return None;
    }
    let start = skip_ws(bytes, 1);
    if bytes.get(start) != Some(&b'"') {
        return None;
    }
    let end = string_end(bytes, start)?;
    body.get(start + 1..end - 1)
}

/// Whether `"key"` appears as a key (followed by `:`) in `text`, not inside an escaped string.
pub(super) fn has_key(text: &str, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    text.match_indices(&quoted).any(|(at, _)| {
        let before_ok = at == 0 || text.as_bytes()[at - 1] != b'\\';
        let after = text[at + quoted.len()..].trim_start();
        before_ok && after.starts_with(':')
    })
}
