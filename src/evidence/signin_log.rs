//! Reads the failed sign-in from a Microsoft Entra sign-in log download: the portal's JSON (an
//! array of sign-in objects), a Microsoft Graph response (`{"@odata.context": …, "value": […]}`)
//! or one sign-in object, and the portal's CSV (human column headers). When the download holds
//! several sign-ins, one is chosen (by correlation id, else the first with error 51006, else the
//! first failure, else the first) and the notes say which and why.
//!
//! Sources (field names and values):
//! - signIn resource: https://learn.microsoft.com/graph/api/resources/signin (with
//!   signInStatus, deviceDetail, authenticationDetail and appliedConditionalAccessPolicy)
//! - https://learn.microsoft.com/graph/api/resources/authenticationdetail ("Previously
//!   satisfied" as a method; "satisfied by claim in the token" as a result detail)
//! - https://learn.microsoft.com/entra/identity/monitoring-health/concept-sign-in-log-activity-details
//!   (Conditional Access results, authentication details, unique identifiers)
//! - https://learn.microsoft.com/entra/identity/monitoring-health/howto-download-logs (CSV and
//!   JSON downloads, timestamps in UTC)

use std::borrow::Cow;

use serde_json::Value as Json;

use crate::guide::Value;
use crate::redact::{redact, Policy};

use super::lines::quote;
use super::{proof, Kind, Reader, Reading, Source};

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    (
        "signin.error_code",
        "Sign-in error code of the chosen entry, digits only (0 is a success)",
    ),
    ("signin.failure_reason", "Failure reason of the sign-in"),
    (
        "signin.additional_details",
        "Additional details of the sign-in status, on one line",
    ),
    ("signin.correlation_id", "Correlation ID, a GUID"),
    ("signin.request_id", "Request ID (the sign-in's id), a GUID"),
    ("signin.time", "Date (UTC) of the sign-in, as the log shows it"),
    ("signin.user", "Username (UPN) that signed in"),
    ("signin.app_name", "Application signed in to"),
    ("signin.app_id", "Application ID, a GUID"),
    ("signin.ip_address", "IP address the sign-in came from"),
    (
        "signin.client_app",
        "Client app (Browser, Mobile Apps and Desktop clients, ...)",
    ),
    ("signin.browser", "Browser of the device"),
    ("signin.os", "Operating System of the device"),
    ("signin.device_id", "Device ID, a GUID"),
    (
        "signin.trust_type",
        "Join type as the log shows it (Microsoft Entra hybrid joined, ... or AzureAD, ServerAD, Workplace)",
    ),
    ("signin.managed", "yes/no: the device is managed"),
    ("signin.compliant", "yes/no: the device is compliant"),
    (
        "signin.auth_requirement",
        "single or multi: single-factor or multifactor authentication was required",
    ),
    (
        "signin.auth_methods",
        "List of the authentication methods of the sign-in's steps",
    ),
    (
        "signin.previously_satisfied",
        "yes/no: a step was previously satisfied (satisfied by a claim in the token)",
    ),
    (
        "signin.ca_status",
        "Conditional Access result: success, failure or notApplied",
    ),
    (
        "signin.ca_policies",
        "List of the Conditional Access policies applied, as 'name: result'",
    ),
    (
        "signin.ca_failed_policies",
        "List of the Conditional Access policies whose result is failure",
    ),
    ("signin.interactive", "yes/no: an interactive sign-in"),
];

/// The sign-in log's reader: the JSON and CSV downloads of the Entra sign-in log.
pub const READER: Reader = Reader {
    kind: Kind::SigninLog,
    sets: SETS,
    recognise,
    read,
};

/// The error code the guides troubleshoot: chosen first when no other is asked for.
pub const DEFAULT_ERROR_CODE: &str = "51006";

/// How much of a text `recognise` looks at.
const RECOGNISE_BYTES: usize = 64 * 1024;
/// How far into a JSON text its sign-in keys must appear to be recognised.
const JSON_KEYS_WITHIN: usize = 16 * 1024;
/// How much of the first line is looked at for CSV headers (the portal's 56 fit in 1 KB).
const CSV_HEADER_BYTES: usize = 8 * 1024;
/// A header longer than this is no column of the download, and is not compared.
const MAX_HEADER: usize = 100;

/// The columns of the portal's CSV download: header compared without case, spaces or
/// punctuation; the header as the portal prints it; the fact it fills ("" for a known column
/// that fills none); whether its absence is worth a note.
const COLUMNS: &[(&str, &str, &str, bool)] = &[
    ("dateutc", "Date (UTC)", "signin.time", true),
    ("requestid", "Request ID", "signin.request_id", true),
    ("useragent", "User agent", "", false),
    (
        "correlationid",
        "Correlation ID",
        "signin.correlation_id",
        true,
    ),
    ("userid", "User ID", "", false),
    ("user", "User", "", false),
    ("username", "Username", "signin.user", true),
    ("usertype", "User type", "", false),
    (
        "crosstenantaccesstype",
        "Cross tenant access type",
        "",
        false,
    ),
    ("incomingtokentype", "Incoming token type", "", false),
    (
        "authenticationprotocol",
        "Authentication Protocol",
        "",
        false,
    ),
    (
        "uniquetokenidentifier",
        "Unique token identifier",
        "",
        false,
    ),
    ("clientcredentialtype", "Client credential type", "", false),
    ("application", "Application", "signin.app_name", true),
    ("applicationid", "Application ID", "signin.app_id", true),
    ("resource", "Resource", "", false),
    ("resourceid", "Resource ID", "", false),
    ("resourcetenantid", "Resource tenant ID", "", false),
    ("hometenantid", "Home tenant ID", "", false),
    ("ipaddress", "IP address", "signin.ip_address", true),
    ("location", "Location", "", false),
    ("status", "Status", "", true),
    (
        "signinerrorcode",
        "Sign-in error code",
        "signin.error_code",
        true,
    ),
    (
        "failurereason",
        "Failure reason",
        "signin.failure_reason",
        true,
    ),
    (
        "additionaldetails",
        "Additional Details",
        "signin.additional_details",
        false,
    ),
    ("clientapp", "Client app", "signin.client_app", true),
    ("deviceid", "Device ID", "signin.device_id", true),
    ("browser", "Browser", "signin.browser", true),
    ("operatingsystem", "Operating System", "signin.os", true),
    ("compliant", "Compliant", "signin.compliant", true),
    ("managed", "Managed", "signin.managed", true),
    ("jointype", "Join Type", "signin.trust_type", true),
    (
        "multifactorauthenticationresult",
        "Multifactor authentication result",
        "",
        true,
    ),
    (
        "multifactorauthenticationauthmethod",
        "Multifactor authentication auth method",
        "signin.auth_methods",
        false,
    ),
    (
        "multifactorauthenticationauthdetail",
        "Multifactor authentication auth detail",
        "",
        false,
    ),
    (
        "authenticationrequirement",
        "Authentication requirement",
        "signin.auth_requirement",
        true,
    ),
    ("signinidentifier", "Sign-in identifier", "", false),
    ("sessionid", "Session ID", "", false),
    (
        "conditionalaccess",
        "Conditional Access",
        "signin.ca_status",
        true,
    ),
    ("flaggedforreview", "Flagged for review", "", false),
    ("tokenissuertype", "Token issuer type", "", false),
    ("latency", "Latency", "", false),
];

/// The CSV columns that may say a step was satisfied earlier.
const MFA_COLUMNS: &[&str] = &[
    "multifactorauthenticationresult",
    "multifactorauthenticationauthmethod",
    "multifactorauthenticationauthdetail",
];

/// The JSON fields read as text, with the fact each fills.
const JSON_TEXT: &[(&str, &str)] = &[
    ("status.errorCode", "signin.error_code"),
    ("status.failureReason", "signin.failure_reason"),
    ("status.additionalDetails", "signin.additional_details"),
    ("correlationId", "signin.correlation_id"),
    ("id", "signin.request_id"),
    ("createdDateTime", "signin.time"),
    ("userPrincipalName", "signin.user"),
    ("appDisplayName", "signin.app_name"),
    ("appId", "signin.app_id"),
    ("ipAddress", "signin.ip_address"),
    ("clientAppUsed", "signin.client_app"),
    ("deviceDetail.browser", "signin.browser"),
    ("deviceDetail.operatingSystem", "signin.os"),
    ("deviceDetail.deviceId", "signin.device_id"),
    ("deviceDetail.trustType", "signin.trust_type"),
    ("conditionalAccessStatus", "signin.ca_status"),
];

/// The JSON fields read as yes/no.
const JSON_BOOL: &[(&str, &str)] = &[
    ("deviceDetail.isManaged", "signin.managed"),
    ("deviceDetail.isCompliant", "signin.compliant"),
    ("isInteractive", "signin.interactive"),
];

/// Sure (95, above the error page's 90 for an AADSTS code the log may quote) for a JSON text
/// whose first keys include `createdDateTime` and `status` or `correlationId`, or a CSV whose
/// first line names at least four sign-in log columns, `Correlation ID` or `Sign-in error code`
/// among them. A HAR (`{"log": {"entries": …}}`) is not a sign-in log, whatever it carries.
fn recognise(text: &str) -> u8 {
    let body = strip_bom(head(text, RECOGNISE_BYTES)).trim_start();
    let sure = match body.as_bytes().first() {
        Some(b'{' | b'[') => looks_like_signin_json(body),
        Some(_) => looks_like_signin_csv(body),
        None => false,
    };
    if sure {
        95
    } else {
        0
    }
}

fn looks_like_signin_json(body: &str) -> bool {
    let near = head(body, JSON_KEYS_WITHIN);
    if first_key(body) == Some("log") || (has_key(near, "log") && has_key(near, "entries")) {
        return false;
    }
    has_key(near, "createdDateTime") && (has_key(near, "status") || has_key(near, "correlationId"))
}

fn looks_like_signin_csv(body: &str) -> bool {
    let first = head(body, CSV_HEADER_BYTES)
        .split(['\n', '\r'])
        .next()
        .unwrap_or("");
    let names: Vec<String> = first.split(',').map(normalise_header).collect();
    let known = COLUMNS
        .iter()
        .filter(|(column, ..)| names.iter().any(|n| n == column))
        .count();
    known >= 4
        && names
            .iter()
            .any(|n| n == "correlationid" || n == "signinerrorcode")
}

/// Reads the download, choosing among several sign-ins the first with error 51006, else the first
/// failure, else the first.
pub fn read(text: &str) -> Reading {
    read_selecting(text, None, None)
}

/// Reads the download, choosing among several sign-ins the one with `correlation_id`, else the
/// first with `error_code` (51006 when `None`; `AADSTS51006` is taken as `51006`), else the first
/// failure (error code not 0), else the first. The notes say which entry was read and why.
pub fn read_selecting(
    text: &str,
    correlation_id: Option<&str>,
    error_code: Option<&str>,
) -> Reading {
    let mut reading = Reading::new(Kind::SigninLog);
    let text = normalise_line_ends(strip_bom(text));
    let selector = Selector {
        correlation_id: correlation_id
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        error_code: error_code
            .map(code_digits)
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| DEFAULT_ERROR_CODE.to_string()),
    };
    let body = text.trim_start();
    match body.as_bytes().first() {
        Some(b'{' | b'[') => read_json(body, &selector, &mut reading),
        Some(_) => read_csv(&text, &selector, &mut reading),
        None => reading.note("the text is empty"),
    }
    reading
}

/// What to choose among several sign-ins.
struct Selector {
    correlation_id: Option<String>,
    error_code: String,
}

/// What a sign-in is chosen by.
struct Key {
    correlation_id: Option<String>,
    error_code: Option<String>,
    failed: bool,
}

/// Why a sign-in was chosen; `Correlation` and `Code` say it is the one asked for, the rest are
/// guesses.
enum Why {
    Correlation,
    Code,
    Failure,
    First,
}

impl Why {
    fn is_sure(&self) -> bool {
        matches!(self, Why::Correlation | Why::Code)
    }
}

/// The sign-in to read among `keys`, and why; notes a correlation id asked for but not found.
fn choose(keys: &[Key], selector: &Selector, reading: &mut Reading) -> Option<(usize, Why)> {
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
fn describe_choice(
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

// ---------------------------------------------------------------------------------------------
// JSON

/// The sign-in objects of a JSON download: each one's path prefix (`[2]`, `value[2]` or ``),
/// its text, and what it is chosen by; only the chosen one is parsed in full.
struct JsonEntries<'t> {
    items: Vec<(String, &'t str, Key)>,
    /// The text ends before the document does: only complete entries are in `items`.
    truncated: bool,
}

fn read_json(body: &str, selector: &Selector, reading: &mut Reading) {
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
}

/// The sign-ins of an array, of a Graph response's `value`, or the one object; entries of a
/// cut-off text are read up to the last complete one.
fn json_entries<'t>(body: &'t str, reading: &mut Reading) -> JsonEntries<'t> {
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
struct EntryKey {
    #[serde(rename = "correlationId")]
    correlation_id: Option<Json>,
    status: Option<Json>,
}

/// What the sign-in object `text` is chosen by; an error when it is no JSON object.
fn entry_key(text: &str) -> Result<Key, serde_json::Error> {
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

fn json_facts(prefix: &str, entry: &Json, reading: &mut Reading) {
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
}

/// `signin.auth_methods` and `signin.previously_satisfied` from `authenticationDetails`, or the
/// method of `mfaDetail` when the steps are not in the download.
fn authentication_details(prefix: &str, entry: &Json, reading: &mut Reading) {
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
fn conditional_access(prefix: &str, entry: &Json, reading: &mut Reading) {
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
fn json_text(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => one_line(s),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn pointer(field: &str) -> String {
    format!("/{}", field.replace('.', "/"))
}

fn json_source(prefix: &str, field: &str, value: &str) -> Source {
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

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The index after the closing quote of the string opening at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
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
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
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
fn array_items(bytes: &[u8], open: usize) -> (Vec<(usize, usize)>, bool) {
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
fn value_array_of(bytes: &[u8]) -> Option<usize> {
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
fn first_key(body: &str) -> Option<&str> {
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
fn has_key(text: &str, key: &str) -> bool {
    let quoted = format!("\"{key}\"");
    text.match_indices(&quoted).any(|(at, _)| {
        let before_ok = at == 0 || text.as_bytes()[at - 1] != b'\\';
        let after = text[at + quoted.len()..].trim_start();
        before_ok && after.starts_with(':')
    })
}

// ---------------------------------------------------------------------------------------------
// CSV

fn read_csv(text: &str, selector: &Selector, reading: &mut Reading) {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = csv.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        _ => {
            reading.note("no CSV header line");
            return;
        }
    };
    // For each known column, the index of the first header naming it, and that header as shown.
    let mut columns: Vec<Option<(usize, String)>> = vec![None; COLUMNS.len()];
    for (index, cell) in header.iter().enumerate() {
        let name = normalise_header(cell);
        if let Some(c) = COLUMNS.iter().position(|(column, ..)| *column == name) {
            if columns[c].is_none() {
                columns[c] = Some((index, cell.trim().to_string()));
            }
        }
    }
    if columns.iter().all(Option::is_none) {
        reading.note("the first line names no column of the sign-in log download");
        return;
    }
    let mut rows = Vec::new();
    for record in records {
        match record {
            Ok(row) => {
                if row.iter().any(|cell| !cell.trim().is_empty()) {
                    rows.push(row);
                }
            }
            Err(e) => {
                reading.note(format!("the CSV could not be read past a bad row: {e}"));
                break;
            }
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&columns)
        .filter(|((_, _, _, expected), found)| *expected && found.is_none())
        .map(|((_, shown, ..), _)| *shown)
        .collect();
    if !missing.is_empty() {
        reading.note(format!(
            "the CSV has no {} column{}: not read",
            missing.join(", "),
            if missing.len() == 1 { "" } else { "s" }
        ));
    }
    if rows.is_empty() {
        reading.note("the CSV has a header but no sign-in row");
        return;
    }
    let table = Table { columns: &columns };
    let keys: Vec<Key> = rows.iter().map(|row| table.key(row)).collect();
    let Some((index, why)) = choose(&keys, selector, reading) else {
        return;
    };
    let row = &rows[index];
    let line = row
        .position()
        .and_then(|p| usize::try_from(p.line()).ok())
        .unwrap_or(0);
    if rows.len() > 1 || !why.is_sure() {
        let at = format!(" (line {line})");
        let described = describe_choice(
            "row",
            (index, rows.len()),
            &at,
            &why,
            &keys[index],
            selector,
        );
        reading.note(described);
    }
    table.facts(row, line, reading);
    reading.note("the CSV download has no Conditional Access policy details nor authentication steps: download the sign-in as JSON to read signin.ca_policies");
}

/// The known columns of one CSV download.
struct Table<'c> {
    columns: &'c [Option<(usize, String)>],
}

impl Table<'_> {
    /// The cell of `column` (normalised name) in `row`, trimmed, with its header as shown.
    fn cell<'r>(&self, row: &'r csv::StringRecord, column: &str) -> Option<(&'r str, &str)> {
        let c = COLUMNS.iter().position(|(name, ..)| *name == column)?;
        let (index, header) = self.columns[c].as_ref()?;
        let value = row.get(*index)?.trim();
        (!value.is_empty()).then_some((value, header.as_str()))
    }

    fn key(&self, row: &csv::StringRecord) -> Key {
        let error_code = self
            .cell(row, "signinerrorcode")
            .map(|(v, _)| code_digits(v));
        let status_failed = self
            .cell(row, "status")
            .is_some_and(|(v, _)| v.eq_ignore_ascii_case("failure"));
        Key {
            correlation_id: self.cell(row, "correlationid").map(|(v, _)| v.to_string()),
            failed: status_failed || error_code.as_deref().is_some_and(|c| c != "0"),
            error_code,
        }
    }

    fn facts(&self, row: &csv::StringRecord, line: usize, reading: &mut Reading) {
        for (column, _, name, _) in COLUMNS {
            if name.is_empty() {
                continue;
            }
            let Some((raw, header)) = self.cell(row, column) else {
                continue;
            };
            let Some(text) = one_line(raw) else {
                continue;
            };
            let source = proof(line, &format!("{header}: {text}"));
            let value: Value = match *name {
                "signin.error_code" => code_digits(&text).into(),
                "signin.managed" | "signin.compliant" => match text_yes_no(&text) {
                    Some(v) => v.into(),
                    None => continue,
                },
                "signin.auth_requirement" => auth_requirement(&text).into(),
                "signin.ca_status" => ca_status(&text).into(),
                "signin.auth_methods" => vec![text].into(),
                _ => text.into(),
            };
            reading.set(name, value, source);
        }
        let mut present = false;
        for column in MFA_COLUMNS {
            let c = COLUMNS.iter().position(|(name, ..)| name == column);
            present |= c.is_some_and(|c| self.columns[c].is_some());
            if let Some((raw, header)) = self.cell(row, column) {
                if says_previously_satisfied(raw) {
                    let source = proof(line, &format!("{header}: {raw}"));
                    reading.set("signin.previously_satisfied", "yes", source);
                }
            }
        }
        if present && reading.get("signin.previously_satisfied").is_none() {
            let (column, shown) = MFA_COLUMNS
                .iter()
                .find_map(|column| {
                    let c = COLUMNS.iter().position(|(name, ..)| name == column)?;
                    let (_, header) = self.columns[c].as_ref()?;
                    Some((*column, header.clone()))
                })
                .unwrap_or(("", String::new()));
            let value = self.cell(row, column).map_or("", |(v, _)| v);
            let source = proof(line, &format!("{shown}: {value}"));
            reading.set("signin.previously_satisfied", "no", source);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Values

/// A header compared without case, spaces or punctuation: `Application ID ` is `applicationid`.
fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`normalise`] for a header; a cell too long to be a header is none.
fn normalise_header(cell: &str) -> String {
    if cell.len() > MAX_HEADER {
        String::new()
    } else {
        normalise(cell)
    }
}

/// An error code as digits: `AADSTS51006` and ` 51006 ` are `51006`.
fn code_digits(code: &str) -> String {
    let code = code.trim();
    let code = match code.get(..6) {
        Some(p) if p.eq_ignore_ascii_case("aadsts") => &code[6..],
        _ => code,
    };
    code.trim().to_string()
}

/// Text from the log as one line: escapes and control characters removed, runs of white space
/// (line breaks in a cell included) made one space, secrets redacted. `None` when nothing is left.
fn one_line(text: &str) -> Option<String> {
    let cleaned = crate::text::clean(text);
    let joined = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.is_empty() || joined.eq_ignore_ascii_case("null") {
        return None;
    }
    Some(redact(&joined, &Policy::secrets_only()).into_owned())
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// `True`/`False`/`Yes`/`No` as yes/no.
fn text_yes_no(text: &str) -> Option<&'static str> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" => Some("yes"),
        "false" | "no" => Some("no"),
        _ => None,
    }
}

/// `multiFactorAuthentication` or `Multifactor authentication` is `multi`; single likewise;
/// anything else as shown.
fn auth_requirement(text: &str) -> String {
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
fn ca_status(text: &str) -> String {
    match normalise(text).as_str() {
        "success" => "success".to_string(),
        "failure" => "failure".to_string(),
        "notapplied" => "notApplied".to_string(),
        _ => text.to_string(),
    }
}

/// "Previously satisfied", or a requirement "satisfied by claim in the token".
fn says_previously_satisfied(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("previously satisfied") || lower.contains("satisfied by claim in the token")
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// CRLF and lone CR as LF, so CSV row lines count as [`super::Lines`] does.
fn normalise_line_ends(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The first `max` bytes of `text`, cut at a character boundary.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const PORTAL: &str = include_str!("../../tests/fixtures/evidence/signin_log/portal_array.json");
    const GRAPH: &str =
        include_str!("../../tests/fixtures/evidence/signin_log/graph_response.json");
    const CSV: &str = include_str!("../../tests/fixtures/evidence/signin_log/portal.csv");
    const BOM_CRLF: &str = include_str!("../../tests/fixtures/evidence/signin_log/bom_crlf.csv");
    const TRUNCATED: &str = include_str!("../../tests/fixtures/evidence/signin_log/truncated.json");
    const HAR: &str = include_str!("../../tests/fixtures/evidence/signin_log/har.json");
    const DSREGCMD: &str = include_str!("../../tests/fixtures/evidence/signin_log/dsregcmd.txt");

    fn text<'r>(reading: &'r Reading, name: &str) -> Option<&'r str> {
        reading.text(name)
    }

    fn list(reading: &Reading, name: &str) -> Option<Vec<String>> {
        match &reading.get(name)?.value {
            Value::List(items) => Some(items.clone()),
            Value::Text(_) => None,
        }
    }

    fn path(reading: &Reading, name: &str) -> Option<String> {
        reading.get(name)?.source.path.clone()
    }

    fn line(reading: &Reading, name: &str) -> (usize, String) {
        let fact = reading.get(name).expect(name);
        (fact.source.line, fact.source.text.clone())
    }

    #[test]
    fn the_portal_array_gives_the_51006_entry_with_its_device_mfa_and_policies() {
        let r = read(PORTAL);
        assert_eq!(r.kind, Kind::SigninLog);
        assert_eq!(text(&r, "signin.error_code"), Some("51006"));
        assert_eq!(
            path(&r, "signin.error_code").as_deref(),
            Some("[2].status.errorCode")
        );
        assert_eq!(
            text(&r, "signin.failure_reason"),
            Some("Integrated Windows authentication is needed. User logged in using a session token that is missing the integrated Windows authentication claim.")
        );
        assert_eq!(
            text(&r, "signin.additional_details"),
            Some("The application requires Integrated Windows authentication, but the session was established another way.")
        );
        assert_eq!(
            text(&r, "signin.correlation_id"),
            Some("c7b8a111-3a29-47cf-9670-54e88165683a")
        );
        assert_eq!(
            text(&r, "signin.request_id"),
            Some("8541e19a-6316-4a03-8523-5548ff870b91")
        );
        assert_eq!(path(&r, "signin.request_id").as_deref(), Some("[2].id"));
        assert_eq!(text(&r, "signin.time"), Some("2025-03-11T08:09:57Z"));
        assert_eq!(text(&r, "signin.user"), Some("alice@contoso.com"));
        assert_eq!(text(&r, "signin.app_name"), Some("Contoso Expenses"));
        assert_eq!(
            text(&r, "signin.app_id"),
            Some("bd4fe612-fb97-4045-aa82-18b1a426c2d7")
        );
        assert_eq!(text(&r, "signin.ip_address"), Some("198.51.100.23"));
        assert_eq!(text(&r, "signin.client_app"), Some("Browser"));
        assert_eq!(text(&r, "signin.browser"), Some("Edge 122.0.2365"));
        assert_eq!(text(&r, "signin.os"), Some("Windows 10"));
        assert_eq!(
            text(&r, "signin.device_id"),
            Some("5e1eeced-2828-467a-8583-1c8398ca5f6d")
        );
        assert_eq!(
            text(&r, "signin.trust_type"),
            Some("Microsoft Entra hybrid joined")
        );
        assert_eq!(text(&r, "signin.managed"), Some("yes"));
        assert_eq!(
            path(&r, "signin.managed").as_deref(),
            Some("[2].deviceDetail.isManaged")
        );
        assert_eq!(text(&r, "signin.compliant"), Some("no"));
        assert_eq!(text(&r, "signin.interactive"), Some("yes"));
        assert_eq!(text(&r, "signin.auth_requirement"), Some("multi"));
        assert_eq!(
            list(&r, "signin.auth_methods"),
            Some(vec!["Previously satisfied".to_string()])
        );
        assert_eq!(text(&r, "signin.previously_satisfied"), Some("yes"));
        assert_eq!(
            path(&r, "signin.previously_satisfied").as_deref(),
            Some("[2].authenticationDetails[0].authenticationMethod")
        );
        assert_eq!(text(&r, "signin.ca_status"), Some("failure"));
        assert_eq!(
            list(&r, "signin.ca_policies"),
            Some(vec![
                "Require hybrid joined device for Expenses: failure".to_string(),
                "MFA for all users: success".to_string(),
                "Block legacy authentication: notApplied".to_string(),
            ])
        );
        assert_eq!(
            list(&r, "signin.ca_failed_policies"),
            Some(vec!["Require hybrid joined device for Expenses".to_string()])
        );
        assert_eq!(
            r.notes,
            vec!["entry 3 of 3: the first with error 51006".to_string()]
        );
        assert_eq!(r.facts.len(), SETS.len(), "every fact is read: {r:?}");
    }

    #[test]
    fn a_correlation_id_or_another_error_code_chooses_another_entry() {
        let r = read_selecting(PORTAL, Some(" 86891756-ED46-4fea-bdbb-61e53633f42b "), None);
        assert_eq!(text(&r, "signin.error_code"), Some("0"));
        assert_eq!(
            path(&r, "signin.error_code").as_deref(),
            Some("[0].status.errorCode")
        );
        assert_eq!(text(&r, "signin.app_name"), Some("Microsoft Outlook"));
        assert_eq!(text(&r, "signin.previously_satisfied"), Some("no"));
        assert_eq!(list(&r, "signin.ca_policies"), Some(vec![]));
        assert_eq!(list(&r, "signin.ca_failed_policies"), Some(vec![]));
        assert_eq!(
            r.notes,
            vec![
                "entry 1 of 3: its correlation id is 86891756-ED46-4fea-bdbb-61e53633f42b"
                    .to_string()
            ]
        );

        let r = read_selecting(PORTAL, None, Some("AADSTS50074"));
        assert_eq!(text(&r, "signin.error_code"), Some("50074"));
        assert_eq!(text(&r, "signin.app_name"), Some("My Apps"));
        // An empty device id or trust type is no value.
        assert_eq!(r.get("signin.device_id"), None);
        assert_eq!(r.get("signin.trust_type"), None);
        // Without steps, mfaDetail gives the method.
        assert_eq!(
            list(&r, "signin.auth_methods"),
            Some(vec!["Mobile app notification".to_string()])
        );
        assert_eq!(
            path(&r, "signin.auth_methods").as_deref(),
            Some("[1].mfaDetail.authMethod")
        );
        assert_eq!(r.get("signin.previously_satisfied"), None);

        let r = read_selecting(PORTAL, Some("00000000-0000-0000-0000-000000000000"), None);
        assert_eq!(text(&r, "signin.error_code"), Some("51006"));
        assert_eq!(
            r.notes,
            vec![
                "no sign-in has correlation id 00000000-0000-0000-0000-000000000000".to_string(),
                "entry 3 of 3: the first with error 51006".to_string(),
            ]
        );
    }

    #[test]
    fn without_the_code_the_first_failure_then_the_first_entry_is_read() {
        let r = read_selecting(PORTAL, None, Some("53003"));
        assert_eq!(text(&r, "signin.error_code"), Some("50074"));
        assert_eq!(
            r.notes,
            vec![
                "entry 2 of 3: none has error 53003; the first failed sign-in (error 50074)"
                    .to_string()
            ]
        );
        let one_success = r#"[{"createdDateTime":"2025-01-01T00:00:00Z","correlationId":"86891756-ed46-4fea-bdbb-61e53633f42b","status":{"errorCode":0}},
            {"createdDateTime":"2025-01-01T00:01:00Z","correlationId":"70f5b23b-8f64-457c-8cba-7e6daae7eaf0","status":{"errorCode":0}}]"#;
        let r = read(one_success);
        assert_eq!(
            text(&r, "signin.correlation_id"),
            Some("86891756-ed46-4fea-bdbb-61e53633f42b")
        );
        assert_eq!(
            r.notes,
            vec![
                "entry 1 of 2: none has error 51006 and none failed; the first sign-in".to_string()
            ]
        );
    }

    #[test]
    fn a_graph_response_is_read_from_its_value_array() {
        let r = read(GRAPH);
        assert_eq!(text(&r, "signin.error_code"), Some("51006"));
        assert_eq!(
            path(&r, "signin.error_code").as_deref(),
            Some("value[1].status.errorCode")
        );
        assert_eq!(text(&r, "signin.user"), Some("bob@fabrikam.com"));
        assert_eq!(text(&r, "signin.trust_type"), Some("ServerAD"));
        assert_eq!(text(&r, "signin.compliant"), Some("yes"));
        assert_eq!(text(&r, "signin.ca_status"), Some("success"));
        assert_eq!(
            list(&r, "signin.ca_policies"),
            Some(vec!["Require MFA, Fabrikam Portal: success".to_string()])
        );
        assert_eq!(list(&r, "signin.ca_failed_policies"), Some(vec![]));
        // v1.0 has no authentication steps: neither is guessed.
        assert_eq!(r.get("signin.auth_methods"), None);
        assert_eq!(r.get("signin.previously_satisfied"), None);
        assert_eq!(r.get("signin.auth_requirement"), None);
        assert_eq!(
            r.notes,
            vec![
                "the Graph response has more pages (@odata.nextLink): only this page was read"
                    .to_string(),
                "entry 2 of 2: the first with error 51006".to_string(),
            ]
        );
    }

    #[test]
    fn one_sign_in_object_is_read_with_paths_from_its_root() {
        let one = r#"{"id":"0e93a6f3-1541-4f9e-a823-db949ed97878","createdDateTime":"2025-01-01T00:00:00Z","status":{"errorCode":"51006","failureReason":"IWA is needed.\u001b[31m"},"isInteractive":"false"}"#;
        let r = read(one);
        assert_eq!(text(&r, "signin.error_code"), Some("51006"));
        assert_eq!(
            path(&r, "signin.error_code").as_deref(),
            Some("status.errorCode")
        );
        assert_eq!(text(&r, "signin.failure_reason"), Some("IWA is needed."));
        assert_eq!(text(&r, "signin.interactive"), Some("no"));
        assert!(r.notes.is_empty(), "{:?}", r.notes);
    }

    #[test]
    fn the_csv_download_gives_the_51006_row_past_quoted_commas_and_a_multi_line_cell() {
        let r = read(CSV);
        assert_eq!(text(&r, "signin.error_code"), Some("51006"));
        assert_eq!(
            line(&r, "signin.error_code"),
            (5, "Sign-in error code: 51006".to_string())
        );
        assert_eq!(
            text(&r, "signin.correlation_id"),
            Some("c7b8a111-3a29-47cf-9670-54e88165683a")
        );
        assert_eq!(
            text(&r, "signin.request_id"),
            Some("8541e19a-6316-4a03-8523-5548ff870b91")
        );
        assert_eq!(text(&r, "signin.time"), Some("2025-03-11T08:09:57Z"));
        assert_eq!(text(&r, "signin.user"), Some("alice@contoso.com"));
        assert_eq!(text(&r, "signin.app_name"), Some("Contoso Expenses"));
        assert_eq!(
            text(&r, "signin.app_id"),
            Some("bd4fe612-fb97-4045-aa82-18b1a426c2d7")
        );
        assert_eq!(
            line(&r, "signin.app_id"),
            (
                5,
                "Application ID: bd4fe612-fb97-4045-aa82-18b1a426c2d7".to_string()
            )
        );
        assert_eq!(text(&r, "signin.ip_address"), Some("198.51.100.23"));
        assert_eq!(text(&r, "signin.client_app"), Some("Browser"));
        assert_eq!(text(&r, "signin.browser"), Some("Edge 122.0.2365"));
        assert_eq!(text(&r, "signin.os"), Some("Windows 10"));
        assert_eq!(
            text(&r, "signin.device_id"),
            Some("5e1eeced-2828-467a-8583-1c8398ca5f6d")
        );
        assert_eq!(
            text(&r, "signin.trust_type"),
            Some("Microsoft Entra hybrid joined")
        );
        assert_eq!(text(&r, "signin.managed"), Some("yes"));
        assert_eq!(text(&r, "signin.compliant"), Some("no"));
        assert_eq!(text(&r, "signin.auth_requirement"), Some("multi"));
        assert_eq!(
            list(&r, "signin.auth_methods"),
            Some(vec!["Previously satisfied".to_string()])
        );
        assert_eq!(text(&r, "signin.previously_satisfied"), Some("yes"));
        assert_eq!(
            line(&r, "signin.previously_satisfied"),
            (
                5,
                "Multifactor authentication result: MFA requirement satisfied by claim in the token"
                    .to_string()
            )
        );
        assert_eq!(text(&r, "signin.ca_status"), Some("failure"));
        assert_eq!(
            text(&r, "signin.additional_details"),
            Some("The app requires Integrated Windows authentication, but the session was established another way.")
        );
        assert_eq!(r.get("signin.ca_policies"), None);
        assert_eq!(r.get("signin.interactive"), None);
        assert_eq!(
            r.notes,
            vec![
                "row 3 of 3 (line 5): the first with error 51006".to_string(),
                "the CSV download has no Conditional Access policy details nor authentication steps: download the sign-in as JSON to read signin.ca_policies".to_string(),
            ]
        );
    }

    #[test]
    fn a_multi_line_cell_is_read_on_one_line_and_rows_keep_their_first_line() {
        let r = read_selecting(CSV, None, Some("50126"));
        assert_eq!(
            text(&r, "signin.additional_details"),
            Some("The user typed a wrong password, twice. The account is not locked.")
        );
        assert_eq!(line(&r, "signin.error_code").0, 3);
        assert_eq!(text(&r, "signin.ca_status"), Some("notApplied"));
        assert_eq!(text(&r, "signin.auth_requirement"), Some("single"));
        assert_eq!(text(&r, "signin.previously_satisfied"), Some("no"));
        assert_eq!(
            line(&r, "signin.previously_satisfied"),
            (3, "Multifactor authentication result:".to_string())
        );
        // The row after the multi-line cell starts on line 5.
        let r = read_selecting(CSV, Some("c7b8a111-3a29-47cf-9670-54e88165683a"), None);
        assert_eq!(line(&r, "signin.time").0, 5);
    }

    #[test]
    fn a_csv_with_bom_crlf_quoted_headers_and_missing_columns_is_read() {
        assert_eq!(recognise(BOM_CRLF), 95);
        let r = read(BOM_CRLF);
        assert_eq!(text(&r, "signin.error_code"), Some("51006"));
        assert_eq!(
            line(&r, "signin.error_code"),
            (3, "Sign-in error code: 51006".to_string())
        );
        assert_eq!(text(&r, "signin.user"), Some("carol@fabrikam.com"));
        assert_eq!(text(&r, "signin.time"), Some("2025-05-20T16:41:30Z"));
        assert_eq!(text(&r, "signin.managed"), Some("yes"));
        assert_eq!(text(&r, "signin.ca_status"), Some("success"));
        assert_eq!(text(&r, "signin.previously_satisfied"), Some("yes"));
        assert_eq!(r.get("signin.device_id"), None);
        assert_eq!(r.get("signin.trust_type"), None);
        assert_eq!(
            r.notes,
            vec![
                "the CSV has no Device ID, Join Type columns: not read".to_string(),
                "row 2 of 2 (line 3): the first with error 51006".to_string(),
                "the CSV download has no Conditional Access policy details nor authentication steps: download the sign-in as JSON to read signin.ca_policies".to_string(),
            ]
        );
        // The same rows with lone CRs number their lines alike.
        let cr = BOM_CRLF.replace("\r\n", "\r");
        assert_eq!(line(&read(&cr), "signin.error_code").0, 3);
    }

    #[test]
    fn a_cut_off_json_reads_nothing_rather_than_a_wrong_entry() {
        let r = read(TRUNCATED);
        assert!(r.facts.is_empty(), "{:?}", r.facts);
        assert_eq!(
            r.notes,
            vec!["the JSON is cut off after 2 complete sign-in(s) and none of them has error 51006: nothing read, as the sign-in wanted may be in the lost part; download it again".to_string()]
        );
        // Asked for a complete entry by its correlation id, it is read.
        let r = read_selecting(
            TRUNCATED,
            Some("e1712376-d5b6-4403-9e7f-c5cb20a4a811"),
            None,
        );
        assert_eq!(text(&r, "signin.error_code"), Some("50126"));
        assert_eq!(
            path(&r, "signin.error_code").as_deref(),
            Some("[1].status.errorCode")
        );
        assert_eq!(
            r.notes,
            vec![
                "the JSON is cut off: only its first 2 complete sign-in(s) were read".to_string(),
                "complete entry 2 of 2: its correlation id is e1712376-d5b6-4403-9e7f-c5cb20a4a811"
                    .to_string(),
            ]
        );
    }

    #[test]
    fn a_cut_off_json_whose_51006_entry_is_complete_reads_it() {
        let cut = PORTAL.find("\"Block legacy").expect("the third policy");
        let r = read(&PORTAL[..cut]);
        assert!(r.facts.is_empty(), "the 51006 entry is the one cut");
        let two = format!(
            "[{}",
            &PORTAL[PORTAL.find("  {\n    \"id\": \"8541e19a").expect("third")..cut]
        );
        assert!(read(&two).facts.is_empty());
        let graph_cut = &GRAPH[..GRAPH.find("\"@odata.nextLink\"").expect("next link") - 2];
        let r = read(graph_cut);
        assert_eq!(text(&r, "signin.error_code"), Some("51006"));
        assert_eq!(
            r.notes,
            vec![
                "the JSON is cut off: only its first 2 complete sign-in(s) were read".to_string(),
                "complete entry 2 of 2: the first with error 51006".to_string(),
            ]
        );
        let r = read("{\"value\": [");
        assert_eq!(
            r.notes,
            vec!["the JSON is cut off before its first complete sign-in: nothing read; download the sign-in again".to_string()]
        );
        let r = read("{\"createdDateTime\": \"2025-");
        assert!(r.facts.is_empty());
    }

    #[test]
    fn sign_in_logs_are_recognised_and_other_evidence_is_not() {
        for sample in [PORTAL, GRAPH, CSV, BOM_CRLF, TRUNCATED] {
            assert_eq!(recognise(sample), 95, "{}", &sample[..60]);
        }
        for impostor in [
            HAR,
            DSREGCMD,
            crate::evidence::error_page::tests::NEW_LAYOUT,
            "AADSTS51006: Integrated Windows authentication is needed.",
            r#"{"error":"invalid_grant","error_description":"AADSTS51006: IWA is needed.","error_codes":[51006],"timestamp":"2016-01-09 02:02:12Z","correlation_id":"148787df-c02d-4cbe-947e-481164f67f03"}"#,
            include_str!("../../tests/fixtures/evidence/federation/adfs_properties.txt"),
            include_str!("../../tests/fixtures/evidence/federation/combined.txt"),
            "Date,User,Status\n2025-01-01,alice,ok\n",
            "",
        ] {
            assert_eq!(recognise(impostor), 0, "{impostor}");
        }
    }

    #[test]
    fn the_evidence_picker_gives_sign_in_logs_to_this_reader() {
        for sample in [PORTAL, GRAPH, CSV, BOM_CRLF] {
            let reading = crate::evidence::read(sample).expect("read");
            assert_eq!(reading.kind, Kind::SigninLog);
            assert_eq!(reading.text("signin.error_code"), Some("51006"));
        }
        let refusal = crate::evidence::read(TRUNCATED).expect_err("nothing read");
        assert!(
            matches!(
                refusal,
                crate::evidence::Refusal::Empty {
                    kind: Kind::SigninLog,
                    ..
                }
            ),
            "{refusal:?}"
        );
    }

    #[test]
    fn text_that_is_neither_json_nor_csv_reads_nothing_and_says_so() {
        let r = read("just a note");
        assert!(r.facts.is_empty());
        assert_eq!(
            r.notes,
            vec!["the first line names no column of the sign-in log download".to_string()]
        );
        let r = read("[1, 2, \"x\"]");
        assert!(r.facts.is_empty());
        assert_eq!(
            r.notes,
            vec![
                "3 entries of the JSON could not be read as a sign-in".to_string(),
                "the JSON holds no sign-in object".to_string()
            ]
        );
        let r = read("Date (UTC),Correlation ID,Status,Sign-in error code,Username\n");
        assert_eq!(
            r.notes.last().map(String::as_str),
            Some("the CSV has a header but no sign-in row")
        );
    }

    #[test]
    fn a_key_written_twice_or_an_entry_that_is_no_object_is_handled() {
        let twice = r#"[{"correlationId":"a","correlationId":"b","createdDateTime":"x","status":{"errorCode":51006}}]"#;
        let r = read_selecting(twice, Some("b"), None);
        assert_eq!(text(&r, "signin.correlation_id"), Some("b"));
        assert_eq!(text(&r, "signin.error_code"), Some("51006"));
        assert!(r.notes.is_empty(), "{:?}", r.notes);
        let r = read(r#"[["86891756-ed46-4fea-bdbb-61e53633f42b", {"errorCode": 51006}]]"#);
        assert!(r.facts.is_empty());
        assert_eq!(
            r.notes.first().map(String::as_str),
            Some("1 entry of the JSON could not be read as a sign-in")
        );
    }

    #[test]
    fn secrets_in_the_log_do_not_survive_into_values_or_proofs() {
        let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhQGIuYyJ9.c2lnbmF0dXJl";
        let json = format!(
            r#"{{"createdDateTime":"2025-01-01T00:00:00Z","status":{{"errorCode":51006,"additionalDetails":"token {jwt} was sent"}}}}"#
        );
        let r = read(&json);
        let fact = r.get("signin.additional_details").expect("details");
        assert!(!fact.value.to_string().contains("eyJ"), "{fact:?}");
        assert!(!fact.source.text.contains("eyJ"), "{fact:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_text_reads_without_panic_into_declared_facts(text in ".{0,400}") {
            check_never_panics(&text);
        }

        #[test]
        fn any_bytes_read_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            check_never_panics(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn pieces_of_sign_in_logs_read_without_panic(
            pieces in proptest::collection::vec(
                prop::sample::select(vec![
                    "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "\r",
                    "\"createdDateTime\"", "\"status\"", "\"errorCode\"", "51006", "0",
                    "\"correlationId\"", "\"value\"", "\"authenticationDetails\"",
                    "\"appliedConditionalAccessPolicies\"", "\"deviceDetail\"", "true",
                    "\"Previously satisfied\"", "Correlation ID", "Sign-in error code",
                    "Status", "Username", "Date (UTC)", "\"a,b\"", "\u{feff}", "é",
                ]),
                0..80,
            )
        ) {
            check_never_panics(&pieces.concat());
        }
    }

    fn check_never_panics(text: &str) {
        let _ = recognise(text);
        for reading in [read(text), read_selecting(text, Some("x"), Some("AADSTS"))] {
            for fact in &reading.facts {
                assert!(
                    SETS.iter().any(|(n, _)| *n == fact.name),
                    "{} is not declared",
                    fact.name
                );
            }
        }
    }
}
