//! Parses PowerShell `Format-List` output: `Name : Value` properties with their continuation
//! lines, grouped into objects, and `{a, b, c}` arrays.

use std::collections::HashSet;

use crate::evidence::{proof, Lines, Source};

/// The first property each cmdlet prints: after a blank line it starts a new object even when
/// no prompt separates two outputs.
const FIRST: &[&str] = &[
    "AcceptableIdentifiers",
    "AdditionalAuthenticationProvider",
    "AllowedAuthenticationClassReferences",
    "ActiveSignInUri",
    "ExtensionData",
    "ActiveLogOnUri",
];

/// How much of a line is handed to [`proof`], which keeps at most 160 characters of it.
const MAX_PROOF_INPUT: usize = 1024;

/// One `Name : Value` property, its value joined from its continuation lines.
pub(super) struct Prop<'t> {
    line: usize,
    /// The property's first line as pasted: the proof of its facts.
    first: &'t str,
    pub(super) name: &'t str,
    pub(super) value: String,
}

impl Prop<'_> {
    pub(super) fn proof(&self) -> Source {
        // The proof keeps far fewer characters: redacting a whole 64 KB line would be wasted.
        proof(self.line, head(self.first, MAX_PROOF_INPUT))
    }
}

/// The properties of one object (one trust, one domain, one cmdlet's output).
#[derive(Default)]
pub(super) struct Object<'t> {
    pub(super) props: Vec<Prop<'t>>,
}

impl<'t> Object<'t> {
    pub(super) fn get(&self, name: &str) -> Option<&Prop<'t>> {
        self.props
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }
}

/// The objects of a paste: a prompt line, a property name seen twice, or the first property of
/// a cmdlet after a blank line starts a new one. A value goes on over the lines that follow it
/// until a blank line (rule text after a blank line inside a value is not needed and dropped).
pub(super) fn objects(text: &str) -> Vec<Object<'_>> {
    let mut objects = Vec::new();
    let mut current = Object::default();
    // The names in `current`, so a repeated one is found without scanning it (an object of
    // thousands of properties stays linear).
    let mut names: HashSet<&str> = HashSet::new();
    let mut open = false;
    let mut after_blank = false;
    for (number, line) in Lines::new(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            after_blank = true;
            continue;
        }
        if is_prompt(trimmed) {
            objects.push(std::mem::take(&mut current));
            names.clear();
            open = false;
        } else if let Some((name, value)) = property_line(line) {
            let repeated = !names.insert(name);
            let starts = after_blank && FIRST.contains(&name);
            if repeated || starts {
                objects.push(std::mem::take(&mut current));
                names.clear();
                names.insert(name);
            }
            current.props.push(Prop {
                line: number,
                first: line,
                name,
                value: value.to_string(),
            });
            open = true;
        } else if open {
            if let Some(last) = current.props.last_mut() {
                if !last.value.is_empty() {
                    last.value.push(' ');
                }
                last.value.push_str(trimmed);
            }
        }
        after_blank = false;
    }
    objects.push(current);
    objects.retain(|o| !o.props.is_empty());
    objects
}

/// `Name : value` as Format-List prints it: a name of letters, digits and `_` (leading spaces
/// allowed), at least one space, a colon, then nothing or a space and the value. A colon right
/// after a word (`urn:oasis`, `c:[Type`) is value text, not a property.
pub(super) fn property_line(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    if !trimmed.as_bytes().first()?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(trimmed.len());
    if name_end > 64 {
        return None;
    }
    let (name, rest) = trimmed.split_at(name_end);
    let after_spaces = rest.trim_start_matches(' ');
    if after_spaces.len() == rest.len() {
        return None;
    }
    let value = after_spaces.strip_prefix(':')?;
    if !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    Some((name, value.trim()))
}

/// `PS C:\Users\admin> Get-AdfsProperties`.
fn is_prompt(trimmed: &str) -> bool {
    trimmed.starts_with("PS ") && trimmed.contains('>')
}

/// A PowerShell array as printed: `{a, b, c}`; `{}` is empty; `{a, b, c, d...}` is cut short.
/// Commas inside parentheses (a user agent's `(KHTML, like Gecko)`) do not split.
pub(super) struct Listed {
    pub(super) items: Vec<String>,
    pub(super) cut: bool,
}

pub(super) fn parse_list(value: &str) -> Listed {
    let value = value.trim();
    let inner = match value.strip_prefix('{') {
        Some(rest) => rest.strip_suffix('}').unwrap_or(rest),
        None => value,
    };
    let (inner, cut) = match inner
        .strip_suffix("...")
        .or_else(|| inner.strip_suffix('…'))
    {
        Some(rest) => (rest, true),
        None => (inner, false),
    };
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(inner[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(inner[start..].trim().to_string());
    items.retain(|i| !i.is_empty());
    Listed { items, cut }
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
