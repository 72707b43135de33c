//! Tells whether a paste is `dsregcmd /status` output: its banners or the field names only it
//! prints.

use super::line_shapes::{banner_title, normalise, split_field};
use crate::evidence::Lines;

/// Field names (compared without case or spaces) that only dsregcmd prints.
pub(super) const SIGNATURE: &[&str] = &[
    "azureadjoined",
    "domainjoined",
    "enterprisejoined",
    "workplacejoined",
    "deviceauthstatus",
    "tenantname",
    "azureadprt",
    "azureadprtupdatetime",
    "azureadprtexpirytime",
    "azureadprtauthority",
    "enterpriseprt",
    "enterpriseprtauthority",
    "acquireprtdiagnostics",
    "refreshprtdiagnostics",
    "previousprtattempt",
    "kerbtoplevelnames",
    "onpremtgt",
    "cloudtgt",
    "wamdefaultset",
    "wamdefaultauthority",
    "wamdefaultguid",
    "ngcset",
    "ngckeyid",
    "devicecertificatevalidity",
    "joinsrvurl",
    "keysrvurl",
    "aadrecoveryenabled",
    "keysigntest",
    "isdevicejoined",
    "isuserazuread",
    "prereqresult",
];

/// Banner titles only dsregcmd prints (compared without case or spaces).
const SIGNATURE_TITLES: &[&str] = &[
    "devicestate",
    "devicedetails",
    "tenantdetails",
    "userstate",
    "ssostate",
    "ngcprerequisitecheck",
];

/// How much of a paste `recognise` looks at.
const RECOGNISE_LINES: usize = 400;
const RECOGNISE_BYTES: usize = 64 * 1024;

/// Sure (95, above the error page's 90 for an AADSTS code, which the SSO State's server error
/// can hold) with a dsregcmd banner or two of the field names only dsregcmd prints.
pub(super) fn recognise(text: &str) -> u8 {
    let mut end = text.len().min(RECOGNISE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut seen: Vec<&str> = Vec::new();
    for (_, line) in Lines::new(&text[..end]).take(RECOGNISE_LINES) {
        if let Some(title) = banner_title(line) {
            if SIGNATURE_TITLES.contains(&normalise(title).as_str()) {
                return 95;
            }
            continue;
        }
        let Some((name, _)) = split_field(line) else {
            continue;
        };
        let key = normalise(name);
        if let Some(known) = SIGNATURE.iter().find(|s| **s == key) {
            if !seen.contains(known) {
                seen.push(*known);
                if seen.len() >= 2 {
                    return 95;
                }
            }
        }
    }
    0
}
