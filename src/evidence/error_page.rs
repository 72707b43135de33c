//! Reads what a user copies from an Entra sign-in error page ("Copy info to clipboard"), or the
//! raw error text an app shows, into the `error.*` variables a guide can use.

use crate::guide::InputFormat;
use crate::guide::Variables;
use crate::guide::{check_input, parse_timestamp};

use super::{proof, Kind, Lines, Reader, Reading};
use crate::text::clean;

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    ("error.code", "the AADSTS error code, digits only"),
    ("error.request_id", "Request Id (or Trace ID), a GUID"),
    ("error.correlation_id", "Correlation Id, a GUID"),
    ("error.timestamp", "Timestamp of the failed sign-in"),
    ("error.app_name", "App name"),
    ("error.app_id", "App id, a GUID"),
    ("error.user", "Sign-in identifier or user, a UPN"),
    ("error.ip_address", "IP address the sign-in came from"),
    ("error.device_id", "Device identifier, a GUID"),
    ("error.device_platform", "Device platform"),
    ("error.device_state", "Device state"),
    ("error.message", "the Message line"),
];

/// How a report names each fact: the error page's own words, so the reader finds them on it.
const FACT_LABELS: &[(&str, &str)] = &[
    ("error.code", "Error code"),
    ("error.request_id", "Request id"),
    ("error.correlation_id", "Correlation id"),
    ("error.timestamp", "Timestamp"),
    ("error.app_name", "App name"),
    ("error.app_id", "App id"),
    ("error.user", "User"),
    ("error.ip_address", "IP address"),
    ("error.device_id", "Device id"),
    ("error.device_platform", "Device platform"),
    ("error.device_state", "Device state"),
    ("error.message", "Message"),
];

/// The label a report gives an error-page fact (the variable itself for one it does not know).
pub fn fact_label(name: &str) -> &str {
    FACT_LABELS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(name, |&(_, label)| label)
}

/// Labels as the error page and raw errors print them (compared without case, spaces or `_`).
const LABELS: &[(&str, &str)] = &[
    ("errorcode", "error.code"),
    ("requestid", "error.request_id"),
    ("traceid", "error.request_id"),
    ("correlationid", "error.correlation_id"),
    ("timestamp", "error.timestamp"),
    ("appname", "error.app_name"),
    ("appid", "error.app_id"),
    ("ipaddress", "error.ip_address"),
    ("deviceidentifier", "error.device_id"),
    ("deviceplatform", "error.device_platform"),
    ("devicestate", "error.device_state"),
    ("message", "error.message"),
    ("signinidentifier", "error.user"),
    ("loginhint", "error.user"),
    ("user", "error.user"),
    ("upn", "error.user"),
];

/// Every Entra error code in the text: `AADSTS51006`, or a 5-6 digit number standing alone (as in
/// `Error Code: 51006`). Digits inside GUIDs, times and addresses are not taken for codes.
pub fn error_codes(text: &str) -> Vec<String> {
    let mut codes = Vec::new();
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return codes;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let before: String = chars[start.saturating_sub(6)..start].iter().collect();
        let prefixed = before.eq_ignore_ascii_case("AADSTS");
        let bounded = |c: Option<&char>| {
            c.is_none_or(|c| !c.is_ascii_alphanumeric() && !matches!(c, '-' | '.' | ':'))
        };
        let stands_alone =
            bounded(start.checked_sub(1).and_then(|p| chars.get(p))) && bounded(chars.get(i));
        if (5..=6).contains(&run.len()) && (prefixed || stands_alone) && !codes.contains(&run) {
            codes.push(run);
        }
    }
    codes
}

/// The variable a label names, compared without case, spaces or punctuation. A label longer than
/// the longest known one is given up after that many letters, so prose lines cost little.
fn label_variable(label: &str) -> Option<&'static str> {
    const LONGEST: usize = 16;
    let mut key = [0u8; LONGEST];
    let mut len = 0;
    for b in label.bytes().filter(u8::is_ascii_alphanumeric) {
        if len == LONGEST {
            return None;
        }
        key[len] = b.to_ascii_lowercase();
        len += 1;
    }
    let key = &key[..len];
    LABELS
        .iter()
        .find(|(l, _)| l.as_bytes() == key)
        .map(|&(_, var)| var)
}

/// The error page's reader: the clipboard copy, text selected on the page, or the raw error an
/// app shows (`AADSTS51006: ...` with `Trace ID` and `Correlation ID`), also inside JSON.
/// Source: https://learn.microsoft.com/entra/identity-platform/reference-error-codes
pub const READER: Reader = Reader {
    kind: Kind::ErrorPage,
    sets: SETS,
    recognise,
    // `evidence::read` hands over text it has cleaned.
    read: read_clean,
};

/// Sure when the text names an AADSTS code or two labels of the page; never for `dsregcmd`.
fn recognise(text: &str) -> u8 {
    if looks_like_dsregcmd(text) {
        return 0;
    }
    let mut labels = 0;
    for (_, line) in Lines::new(text).take(400) {
        let Some((label, _)) = line.split_once(':') else {
            continue;
        };
        if label_variable(label).is_some() {
            labels += 1;
        }
    }
    let code = AADSTS.is_match(text);
    match (code, labels) {
        (true, _) => 90,
        (false, n) if n >= 2 => 60,
        _ => 0,
    }
}

/// The facts found in pasted error text; only values that have the right shape (a GUID for ids,
/// a timestamp for the time) are kept.
pub fn read(text: &str) -> Reading {
    if crate::text::is_clean(text) {
        read_clean(text)
    } else {
        read_clean(&clean(text))
    }
}

/// [`read`] of text already cleaned.
fn read_clean(text: &str) -> Reading {
    let mut reading = Reading::new(Kind::ErrorPage);
    if looks_like_dsregcmd(text) {
        // Its `Request Id` and `Device State` are the device registration's, not the sign-in's.
        reading.note("this is dsregcmd /status output, not an error page");
        return reading;
    }
    let lines: Vec<(usize, &str)> = Lines::new(text)
        .flat_map(|(n, l)| {
            // Escaped line breaks only occur in JSON error bodies: most lines have no backslash.
            let parts: Vec<&str> = if l.as_bytes().contains(&b'\\') {
                l.split("\\r\\n").collect()
            } else {
                vec![l]
            };
            parts.into_iter().map(move |part| (n, part))
        })
        .map(|(n, l)| (n, l.trim().trim_matches(|c| c == '"' || c == ',')))
        .filter(|(_, l)| !l.is_empty() && !is_frame(l))
        .collect();
    for (i, &(number, line)) in lines.iter().enumerate() {
        // "Label: value" on one line (the clipboard copy), or a label alone with its value on
        // the next line (text selected on the page itself).
        let (label, value, at) = match line.split_once(':') {
            Some((label, value)) if !value.trim().is_empty() => (label, value, (number, line)),
            _ => {
                let next = lines.get(i + 1).copied().unwrap_or((number, ""));
                (line.trim_end_matches(':'), next.1, next)
            }
        };
        let Some(var) = label_variable(label) else {
            continue;
        };
        let value = value.trim().trim_matches(|c| c == '"' || c == ',').trim();
        if let Some(value) = accept(var, value) {
            reading.set(var, value, proof(at.0, at.1));
        }
    }
    if reading.get("error.code").is_none() {
        let found = Lines::new(text).find_map(|(n, line)| {
            error_codes(line)
                .into_iter()
                .next()
                .map(|code| (n, line, code))
        });
        if let Some((number, line, code)) = found {
            reading.set("error.code", code, proof(number, line));
        }
    }
    reading
}

/// The facts of an error page as variables, for callers that need only the values.
pub fn parse(text: &str) -> Variables {
    read(text)
        .facts
        .into_iter()
        .map(|f| (f.name, f.value))
        .collect()
}

/// `dsregcmd /status` output: its `+----+` banners and `| Device State |` titles, or the
/// `Name : value` lines only it prints.
fn looks_like_dsregcmd(text: &str) -> bool {
    const MARKERS: &[&str] = &[
        "azureadjoined",
        "azureadprt",
        "domainjoined",
        "enterprisejoined",
        "devicestate|",
        "ssostate|",
    ];
    // ASCII markers: whitespace is dropped and case folded byte by byte, into one buffer that
    // the standard substring search then scans.
    let mut squeezed = String::with_capacity(text.len());
    squeezed.extend(
        text.bytes()
            .filter(|b| b.is_ascii() && !b.is_ascii_whitespace())
            .map(|b| char::from(b.to_ascii_lowercase())),
    );
    MARKERS.iter().filter(|m| squeezed.contains(*m)).count() >= 2
}

static AADSTS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    // A constant pattern: the tests run it.
    regex::Regex::new("(?i)aadsts").unwrap_or_else(|e| panic!("{e}"))
});

/// Table frames and banner rules (`+-----+`, `| Title |`): never a label or a value.
fn is_frame(line: &str) -> bool {
    line.starts_with('|') || line.starts_with('+') || !line.chars().any(char::is_alphanumeric)
}

fn accept(var: &str, value: &str) -> Option<String> {
    if value.is_empty()
        || value.eq_ignore_ascii_case("not available")
        || !value.chars().any(char::is_alphanumeric)
    {
        return None;
    }
    let ok = match var {
        "error.request_id" | "error.correlation_id" | "error.app_id" | "error.device_id" => {
            check_input(InputFormat::Guid, None, value).is_ok()
        }
        "error.timestamp" => parse_timestamp(value).is_some(),
        "error.user" => check_input(InputFormat::Upn, None, value).is_ok(),
        "error.code" => return error_codes(value).into_iter().next(),
        _ => true,
    };
    ok.then(|| value.to_string())
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::guide::Value;

    #[test]
    fn every_fact_the_page_sets_has_a_report_label() {
        for (name, _) in SETS {
            assert_ne!(fact_label(name), *name, "{name} has no label");
        }
    }

    pub(in crate::evidence) const NEW_LAYOUT: &str = "Error Code: 53003\nRequest Id: 25ab1408-9854-4204-be22-719af9910400\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\nTimestamp: 2026-01-09T00:38:22.547Z\nApp name: Microsoft Azure CLI\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46\nIP address: 20.236.10.66\nDevice identifier: Not available\nDevice platform: Windows 10\nDevice state: Compliant\nFlag sign-in errors for review: Enable flagging\n";

    fn get<'a>(vars: &'a Variables, name: &str) -> Option<&'a str> {
        match vars.get(name) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        }
    }

    #[test]
    fn dsregcmd_output_is_not_read_as_an_error_page() {
        let rule = format!("+{}+", "-".repeat(70));
        let dsreg = format!(
            "{rule}\n| Device State{:58}|\n{rule}\n\n             AzureAdJoined : NO\n              DomainJoined : YES\n\n{rule}\n| Diagnostic Data{:55}|\n{rule}\n\n                Request Id : 5a1c2e3f-0000-4000-8000-000000000001\n",
            "", ""
        );
        assert!(parse(&dsreg).is_empty(), "{:?}", parse(&dsreg));
    }

    #[test]
    fn a_login_hint_is_read_as_the_user() {
        let vars = parse("Error Code: 51006\nLogin Hint: alex@contoso.com\n");
        assert_eq!(get(&vars, "error.user"), Some("alex@contoso.com"));
    }

    #[test]
    fn banner_rules_are_neither_labels_nor_values() {
        let text = "| Device State |\n+------------+\nError Code: 50058\n";
        let vars = parse(text);
        assert_eq!(get(&vars, "error.device_state"), None);
        assert_eq!(get(&vars, "error.code"), Some("50058"));
    }

    #[test]
    fn the_new_error_page_layout_fills_every_field_it_shows() {
        let vars = parse(NEW_LAYOUT);
        assert_eq!(get(&vars, "error.code"), Some("53003"));
        assert_eq!(
            get(&vars, "error.request_id"),
            Some("25ab1408-9854-4204-be22-719af9910400")
        );
        assert_eq!(
            get(&vars, "error.correlation_id"),
            Some("148787df-c02d-4cbe-947e-481164f67f03")
        );
        assert_eq!(
            get(&vars, "error.timestamp"),
            Some("2026-01-09T00:38:22.547Z")
        );
        assert_eq!(get(&vars, "error.app_name"), Some("Microsoft Azure CLI"));
        assert_eq!(get(&vars, "error.ip_address"), Some("20.236.10.66"));
        assert_eq!(get(&vars, "error.device_state"), Some("Compliant"));
        assert_eq!(
            get(&vars, "error.device_id"),
            None,
            "'Not available' is no value"
        );
    }

    #[test]
    fn raw_error_text_from_an_app_gives_code_trace_and_correlation_ids() {
        let raw = "AADSTS51006: Integrated Windows authentication is needed.\r\nTrace ID: 0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e\r\nCorrelation ID: 148787df-c02d-4cbe-947e-481164f67f03\r\nTimestamp: 2016-01-09 02:02:12Z";
        let vars = parse(raw);
        assert_eq!(get(&vars, "error.code"), Some("51006"));
        assert_eq!(
            get(&vars, "error.request_id"),
            Some("0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e")
        );
        assert_eq!(get(&vars, "error.timestamp"), Some("2016-01-09 02:02:12Z"));
    }

    #[test]
    fn json_error_responses_with_escaped_line_breaks_are_read() {
        let json = r#"{"error":"invalid_grant","error_description":"AADSTS51006: IWA is needed.\r\nTrace ID: 0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e\r\nCorrelation ID: 148787df-c02d-4cbe-947e-481164f67f03\r\nTimestamp: 2016-01-09 02:02:12Z","error_codes":[51006]}"#;
        let vars = parse(json);
        assert_eq!(get(&vars, "error.code"), Some("51006"));
        assert_eq!(
            get(&vars, "error.correlation_id"),
            Some("148787df-c02d-4cbe-947e-481164f67f03")
        );
    }

    #[test]
    fn details_selected_on_the_page_with_labels_above_values_are_read() {
        let page = "Troubleshooting details\nRequest Id\n25ab1408-9854-4204-be22-719af9910400\nCorrelation Id\n148787df-c02d-4cbe-947e-481164f67f03\nTimestamp\n2026-01-09T00:38:22.547Z\nMessage\nAADSTS51006: Integrated Windows authentication is needed.\n";
        let vars = parse(page);
        assert_eq!(
            get(&vars, "error.request_id"),
            Some("25ab1408-9854-4204-be22-719af9910400")
        );
        assert_eq!(
            get(&vars, "error.correlation_id"),
            Some("148787df-c02d-4cbe-947e-481164f67f03")
        );
        assert_eq!(
            get(&vars, "error.timestamp"),
            Some("2026-01-09T00:38:22.547Z")
        );
        assert_eq!(get(&vars, "error.code"), Some("51006"));
    }

    #[test]
    fn values_of_the_wrong_shape_are_not_taken() {
        let vars = parse("Correlation Id: see ticket\nTimestamp: yesterday\n");
        assert!(vars.is_empty(), "{vars:?}");
    }

    #[test]
    fn error_codes_are_found_without_mistaking_ids_times_or_addresses_for_them() {
        assert_eq!(error_codes("AADSTS51006"), vec!["51006"]);
        assert_eq!(error_codes("error 51006 again"), vec!["51006"]);
        assert_eq!(error_codes(NEW_LAYOUT), vec!["53003"]);
        assert!(error_codes(
            "148787df-c02d-4cbe-947e-481164f67f03 12345678 2026-01-09 10.0.12345.1"
        )
        .is_empty());
    }

    #[test]
    fn every_label_can_be_matched_and_prose_is_not_a_label() {
        for (label, var) in LABELS {
            assert_eq!(label_variable(label), Some(*var), "{label}");
        }
        assert_eq!(
            label_variable("Correlation ID"),
            Some("error.correlation_id")
        );
        assert_eq!(
            label_variable("Sorry, but we're having trouble signing you in"),
            None
        );
    }

    #[test]
    fn every_label_fills_a_declared_variable() {
        for (label, var) in LABELS {
            assert!(
                SETS.iter().any(|(name, _)| name == var),
                "label '{label}' fills '{var}', which SETS does not declare"
            );
        }
    }

    #[test]
    fn each_fact_quotes_the_line_it_came_from() {
        let page = "Troubleshooting details\r\nRequest Id\r\n25ab1408-9854-4204-be22-719af9910400\r\nError Code: 51006\r\n";
        let reading = read(page);
        let request = reading.get("error.request_id").expect("request id");
        assert_eq!(request.source.line, 3, "the value's line, under its label");
        let code = reading.get("error.code").expect("code");
        assert_eq!(
            (code.source.line, code.source.text.as_str()),
            (4, "Error Code: 51006")
        );
    }

    #[test]
    fn an_error_page_is_recognised_and_a_dsregcmd_paste_is_not() {
        assert!(recognise(NEW_LAYOUT) > 0);
        assert!(recognise("AADSTS51006: Integrated Windows authentication is needed.") > 0);
        let dsreg = "| Device State |\n AzureAdJoined : NO\n DomainJoined : YES\n";
        assert_eq!(recognise(dsreg), 0);
        assert_eq!(recognise("just some words: here"), 0);
    }

    #[test]
    fn escapes_in_a_paste_do_not_survive_into_values() {
        let vars = parse("App name: \u{1b}[31mEvil\u{1b}[0m App\u{7}\n");
        assert_eq!(get(&vars, "error.app_name"), Some("Evil App"));
    }
}
