//! Tells the kinds of line apart (banner, rule, prompt, closing line, `Name : Value` field) and
//! normalises field names.

/// A name compared without case, spaces or punctuation: `Auto-Configuration URL` is
/// `autoconfigurationurl`.
pub(super) fn normalise(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// The title of a `| Device State |` banner line.
pub(super) fn banner_title(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix('|')?;
    let title = inner.split('|').next().unwrap_or_default().trim();
    (!title.is_empty()).then_some(title)
}

/// A `+-----+` rule.
pub(super) fn is_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 3 && line.starts_with('+') && line.chars().all(|c| c == '+' || c == '-')
}

/// A console prompt: `C:\Users\alice>dsregcmd /status` or `PS C:\Users\alice> ...`.
pub(super) fn is_prompt(line: &str) -> bool {
    let line = line.trim_start();
    let line = line.strip_prefix("PS ").unwrap_or(line);
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(d), Some(':'), Some('\\')) if d.is_ascii_alphabetic()
    ) && line.contains('>')
}

/// The line a current build ends its output with.
pub(super) fn is_footer(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("For more information") && line.contains("microsoft.com/aadjerrors")
}

/// A `Name : Value` line: the name is ASCII letters, digits, spaces and `-_()/`, at most 40
/// characters, starting with a letter (dsregcmd prints its names in English);
/// the value is trimmed (older builds print `KeySignTest: : MUST Run elevated to test.`, whose
/// value loses its leading colon).
pub(super) fn split_field(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    let bytes = name.as_bytes();
    let valid = bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.len() <= 40
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b" -_()/".contains(b));
    if !valid {
        return None;
    }
    let value = value.trim();
    let value = value.strip_prefix(':').map_or(value, str::trim);
    Some((name, value))
}
