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
    (
        "signin.session_policies",
        "List of the session lifetime policies that required this sign-in (signInFrequencyEveryTime, ...)",
    ),
    (
        "signin.sif_applied",
        "yes/no: a sign-in frequency policy required this sign-in (JSON downloads only)",
    ),
    (
        "signin.related_codes",
        "List of the other failure codes under the same correlation id (810xx next to a 51006, ...); empty when the download has other entries but none of them",
    ),
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
fn related_codes(
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
    session_lifetime(prefix, entry, reading);
}

/// `signin.session_policies` and `signin.sif_applied` from `sessionLifetimePolicies`: which
/// session policy made this a fresh sign-in (the portal shows it as "Session Lifetime Policies
/// Applied" in Authentication Details).
fn session_lifetime(prefix: &str, entry: &Json, reading: &mut Reading) {
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
    let same_correlation = |codes: &str| proof(line, &format!("same correlation id: {codes}"));
    if let Some((codes, source)) = related_codes(&keys, index, same_correlation) {
        reading.set("signin.related_codes", codes, source);
    }
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
mod tests;
