//! A scanner of JSON structure: where a value ends, without building it, so a cut-off download
//! can still give its complete entries. Every loop advances; nothing recurses.

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
