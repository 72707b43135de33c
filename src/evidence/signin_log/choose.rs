//! Choosing the sign-in to read among several (by correlation id, error code, failure, or
//! first) and saying why in the notes.

use super::*;

/// What to choose among several sign-ins.
pub(super) struct Selector {
    pub(super) correlation_id: Option<String>,
    pub(super) error_code: String,
}

/// What a sign-in is chosen by.
pub(super) struct Key {
    pub(super) correlation_id: Option<String>,
    pub(super) error_code: Option<String>,
    pub(super) failed: bool,
}

/// Why a sign-in was chosen; `Correlation` and `Code` say it is the one asked for, the rest are
/// guesses.
pub(super) enum Why {
    Correlation,
    Code,
    Failure,
    First,
}

impl Why {
    pub(super) fn is_sure(&self) -> bool {
        matches!(self, Why::Correlation | Why::Code)
    }
}

/// The sign-in to read among `keys`, and why; notes a correlation id asked for but not found.
pub(super) fn choose(
    keys: &[Key],
    selector: &Selector,
    reading: &mut Reading,
) -> Option<(usize, Why)> {
    if keys.is_empty() {
        return None;
    }
    if let Some(wanted) = &selector.correlation_id {
        let found = keys.iter().position(|k| {
            k.correlation_id
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case(wanted))
        });
        if let Some(i) = found {
            return Some((i, Why::Correlation));
        }
        reading.note(format!("no sign-in has correlation id {wanted}"));
    }
    let code = &selector.error_code;
    if let Some(i) = keys
        .iter()
        .position(|k| k.error_code.as_deref() == Some(code.as_str()))
    {
        return Some((i, Why::Code));
    }
    if let Some(i) = keys.iter().position(|k| k.failed) {
        return Some((i, Why::Failure));
    }
    Some((0, Why::First))
}

/// "entry 3 of 12: the first with error 51006", for the notes; `at` follows the count, as in
/// "row 3 of 12 (line 9)".
pub(super) fn describe_choice(
    unit: &str,
    (index, count): (usize, usize),
    at: &str,
    why: &Why,
    key: &Key,
    selector: &Selector,
) -> String {
    let code = &selector.error_code;
    let reason = match why {
        Why::Correlation => format!(
            "its correlation id is {}",
            selector.correlation_id.as_deref().unwrap_or("")
        ),
        Why::Code => format!("the first with error {code}"),
        Why::Failure => format!(
            "none has error {code}; the first failed sign-in (error {})",
            key.error_code.as_deref().unwrap_or("?")
        ),
        Why::First => format!("none has error {code} and none failed; the first sign-in"),
    };
    format!("{unit} {} of {count}{at}: {reason}", index + 1)
}
