//! What an `input` answer must look like (GUID, UPN, e-mail, timestamp, regex), with messages that
//! say what is expected. Pure, so the wizard can check live and headless runs check the same way.

use regex::Regex;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use super::model::InputFormat;

/// Checks `text` (already trimmed by the caller) against a format; `Err` says what is expected.
pub fn check(format: InputFormat, pattern: Option<&Regex>, text: &str) -> Result<(), String> {
    let ok = match format {
        InputFormat::Text => true,
        InputFormat::Guid => is_guid(text),
        InputFormat::Upn | InputFormat::Email => is_upn(text),
        InputFormat::Timestamp => parse_timestamp(text).is_some(),
        InputFormat::Regex => pattern.is_none_or(|re| re.is_match(text)),
    };
    if ok {
        Ok(())
    } else if matches!(format, InputFormat::Upn | InputFormat::Email) && is_down_level(text) {
        Err(format!(
            "'{text}' is a DOMAIN\\name logon name (what `whoami` prints); expected {}: `whoami /upn` prints it",
            expected(format, pattern)
        ))
    } else {
        Err(expected(format, pattern))
    }
}

/// The answer as it is kept: a timestamp typed with an offset (`+01:00`) is turned into UTC,
/// since reports say their times are UTC; anything else as given.
pub fn normalise(format: InputFormat, text: &str) -> String {
    if format == InputFormat::Timestamp {
        if let Some(t) = parse_timestamp(text) {
            if !t.offset().is_utc() {
                let utc = t.to_offset(time::UtcOffset::UTC);
                if let Ok(formatted) = utc.format(&Rfc3339) {
                    return formatted;
                }
            }
        }
    }
    text.to_string()
}

/// `CONTOSO\alex`: a down-level logon name, often typed where a UPN is asked.
fn is_down_level(text: &str) -> bool {
    match text.split_once('\\') {
        Some((domain, user)) => {
            !domain.is_empty() && !user.is_empty() && !user.contains('\\') && !text.contains('@')
        }
        None => false,
    }
}

pub fn expected(format: InputFormat, pattern: Option<&Regex>) -> String {
    match format {
        InputFormat::Text => "any text".to_string(),
        InputFormat::Guid => {
            "a GUID such as 148787df-c02d-4cbe-947e-481164f67f03 (32 hex digits in 8-4-4-4-12 groups)"
                .to_string()
        }
        InputFormat::Upn => "a user principal name such as alex@contoso.com".to_string(),
        InputFormat::Email => "an e-mail address such as alex@contoso.com".to_string(),
        InputFormat::Timestamp => {
            "a timestamp such as 2026-01-09T00:38:22Z or 2026-01-09 00:38:22Z (UTC, from the error page)"
                .to_string()
        }
        InputFormat::Regex => match pattern {
            Some(re) => format!("text matching the pattern '{}'", re.as_str()),
            None => "text".to_string(),
        },
    }
}

fn is_guid(text: &str) -> bool {
    let inner = text
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(text);
    let groups: Vec<&str> = inner.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_upn(text: &str) -> bool {
    let Some((user, domain)) = text.split_once('@') else {
        return false;
    };
    !user.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
        && !user.starts_with('.')
        && !user.ends_with('.')
        && !user.contains("..")
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Accepts RFC 3339 and the `2016-01-09 02:02:12Z` form Entra error text uses.
pub fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    if let Ok(t) = OffsetDateTime::parse(text, &Rfc3339) {
        return Some(t);
    }
    let plain = text
        .strip_suffix('Z')
        .or_else(|| text.strip_suffix(" UTC"))?;
    let plain = plain.replacen(' ', "T", 1);
    let with_fraction =
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond]");
    let without = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    PrimitiveDateTime::parse(&plain, &with_fraction)
        .or_else(|_| PrimitiveDateTime::parse(&plain, &without))
        .ok()
        .map(|t| t.assume_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_accepted_with_or_without_braces_and_any_case() {
        assert!(check(
            InputFormat::Guid,
            None,
            "148787df-c02d-4cbe-947e-481164f67f03"
        )
        .is_ok());
        assert!(check(
            InputFormat::Guid,
            None,
            "{148787DF-C02D-4CBE-947E-481164F67F03}"
        )
        .is_ok());
        let err = check(InputFormat::Guid, None, "148787df-c02d").expect_err("short");
        assert!(err.contains("8-4-4-4-12"));
    }

    #[test]
    fn upns_need_one_at_and_a_dotted_domain() {
        assert!(check(InputFormat::Upn, None, "john@contoso.com").is_ok());
        for bad in [
            "john",
            "john@contoso",
            "a@b@c.com",
            "john doe@contoso.com",
            "@contoso.com",
            "alex@contoso..com",
            "alex@.contoso.com",
            "alex@contoso.com.",
            "alex..b@contoso.com",
            ".alex@contoso.com",
        ] {
            assert!(check(InputFormat::Upn, None, bad).is_err(), "{bad}");
        }
        assert!(check(InputFormat::Upn, None, "alex.b@mail.contoso.com").is_ok());
    }

    #[test]
    fn a_down_level_logon_name_gets_its_own_hint() {
        let err = check(InputFormat::Upn, None, "CONTOSO\\alex").expect_err("not a UPN");
        assert!(err.contains("DOMAIN\\name"), "{err}");
        assert!(err.contains("whoami /upn"), "{err}");
        let err = check(InputFormat::Upn, None, "alex").expect_err("not a UPN");
        assert!(!err.contains("DOMAIN"), "{err}");
    }

    #[test]
    fn timestamps_with_an_offset_are_kept_in_utc() {
        assert_eq!(
            normalise(InputFormat::Timestamp, "2026-01-09T01:38:22+01:00"),
            "2026-01-09T00:38:22Z"
        );
        assert_eq!(
            normalise(InputFormat::Timestamp, "2026-01-09T00:38:22.547Z"),
            "2026-01-09T00:38:22.547Z",
            "already UTC: kept as typed"
        );
        assert_eq!(
            normalise(InputFormat::Timestamp, "2016-01-09 02:02:12Z"),
            "2016-01-09 02:02:12Z"
        );
        assert_eq!(normalise(InputFormat::Text, "+01:00"), "+01:00");
    }

    #[test]
    fn timestamps_accept_the_forms_entra_prints() {
        for ok in [
            "2026-01-09T00:38:22.547Z",
            "2016-01-09 02:02:12Z",
            "2026-01-09T00:38:22+01:00",
            "2020-07-18 20:10:33.789 UTC",
        ] {
            assert!(parse_timestamp(ok).is_some(), "{ok}");
        }
        assert!(check(InputFormat::Timestamp, None, "yesterday").is_err());
    }

    #[test]
    fn regex_inputs_match_the_pattern_and_name_it_when_they_do_not() {
        let re = Regex::new("^[0-9]{5,6}$").expect("valid");
        assert!(check(InputFormat::Regex, Some(&re), "51006").is_ok());
        let err = check(InputFormat::Regex, Some(&re), "AADSTS").expect_err("no match");
        assert!(err.contains("^[0-9]{5,6}$"));
    }
}
