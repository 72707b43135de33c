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

mod choose;
mod from_csv;
mod from_json;
mod json_facts;
mod json_scan;
mod values;
use choose::*;
use from_csv::*;
use from_json::*;
use json_facts::*;
use json_scan::*;
use values::*;

#[cfg(test)]
mod tests;
