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
