//! Reads `nltest /dsgetdc:<domain>` output from Windows: the domain controller the PC's Netlogon
//! service found (name, address, sites, flags), or why it found none.
//!
//! Sources (the command, its output fields and the DC flags):
//! - https://learn.microsoft.com/windows-server/administration/windows-commands/nltest
//! - https://learn.microsoft.com/previous-versions/windows/it-pro/windows-server-2012-r2-and-2012/cc731935(v=ws.11)
//!
//! Not read: the other nltest commands (`/sc_query`, `/dclist`, `/domain_trusts`, ...).

use super::{proof, Kind, Lines, Reader, Reading, Source};

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    (
        "dc.found",
        "yes/no: nltest /dsgetdc found a domain controller",
    ),
    (
        "dc.name",
        "the domain controller found, without the leading backslashes",
    ),
    ("dc.address", "its address, without the leading backslashes"),
    ("dc.domain", "the domain's name (Dom Name)"),
    ("dc.forest", "the forest's name (Forest Name)"),
    ("dc.site", "the domain controller's site (Dc Site Name)"),
    ("dc.client_site", "the PC's own site (Our Site Name)"),
    (
        "dc.flags",
        "the DC's flags (PDC GC DS LDAP KDC ...), a list",
    ),
    ("dc.is_kdc", "yes/no: the DC is a Kerberos KDC (KDC flag)"),
    (
        "dc.close_site",
        "yes/no: the DC is in the PC's site or a close one (CLOSE_SITE flag)",
    ),
    (
        "dc.error",
        "why no DC was found: status number, hex and name (1355 0x54b ERROR_NO_SUCH_DOMAIN)",
    ),
];

/// The reader of `nltest /dsgetdc` output. Source: see the module documentation.
pub const READER: Reader = Reader {
    kind: Kind::Nltest,
    sets: SETS,
    recognise,
    read,
};

const FAILED: &str = "getting dc name failed";

/// The labels of `nltest /dsgetdc`, normalised (lower case, no spaces), and the fact each sets.
const LABELS: &[(&str, Option<&str>)] = &[
    ("dc", Some("dc.name")),
    ("address", Some("dc.address")),
    ("domguid", None),
    ("domname", Some("dc.domain")),
    ("forestname", Some("dc.forest")),
    ("dcsitename", Some("dc.site")),
    ("oursitename", Some("dc.client_site")),
    ("flags", None),
];

fn label_of(line: &str) -> Option<(&'static (&'static str, Option<&'static str>), &str)> {
    let (label, value) = line.split_once(':')?;
    if label.len() > 20 {
        return None;
    }
    let key = || {
        label
            .bytes()
            .filter(|b| !b.is_ascii_whitespace())
            .map(|b| b.to_ascii_lowercase())
    };
    let entry = LABELS.iter().find(|(l, _)| key().eq(l.bytes()))?;
    Some((entry, value.trim()))
}

/// Sure (90) with the failure line or three of the labels (`DC: \\...` counts only with its
/// `\\`); nothing otherwise.
/// `text` starts with `prefix`, ASCII case ignored, without allocating.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

fn recognise(text: &str) -> u8 {
    let mut labels = 0;
    for (_, line) in Lines::new(text).take(400) {
        let line = line.trim();
        if starts_with_ci(line, FAILED) {
            return 90;
        }
        if let Some(((label, _), value)) = label_of(line) {
            let unc = matches!(*label, "dc" | "address");
            if !unc || value.starts_with("\\\\") {
                labels += 1;
            }
        }
    }
    if labels >= 3 {
        90
    } else {
        0
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// Records a fact read on line `number` unless one of that name is there: the proof (which
/// redacts, so costs) is made only for a fact that is kept.
fn put(
    reading: &mut Reading,
    name: &str,
    value: impl Into<crate::guide::Value>,
    number: usize,
    line: &str,
) {
    if reading.get(name).is_none() {
        reading.set(name, value, proof(number, line));
    }
}

fn read(text: &str) -> Reading {
    let mut reading = Reading::new(Kind::Nltest);
    let mut flags: Option<(Vec<String>, Source)> = None;
    for (number, raw) in Lines::new(text) {
        let line = raw.trim();
        if starts_with_ci(line, FAILED) {
            // Getting DC name failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN
            put(&mut reading, "dc.found", "no", number, line);
            let status = line
                .split_once('=')
                .map(|(_, s)| s.trim())
                .or_else(|| line.split_once(':').map(|(_, s)| s.trim()))
                .unwrap_or("");
            if !status.is_empty() {
                put(&mut reading, "dc.error", status, number, line);
            }
            continue;
        }
        let Some(((label, var), value)) = label_of(line) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        match *label {
            "dc" | "address" => {
                let Some(bare) = value.strip_prefix("\\\\") else {
                    continue;
                };
                if *label == "dc" {
                    put(&mut reading, "dc.found", "yes", number, line);
                }
                if let Some(var) = var {
                    put(&mut reading, var, bare, number, line);
                }
            }
            "flags" => {
                if flags.is_none() {
                    let list = value.split_whitespace().map(str::to_string).collect();
                    flags = Some((list, proof(number, line)));
                }
            }
            _ => {
                if let Some(var) = var {
                    put(&mut reading, var, value, number, line);
                }
            }
        }
    }
    if let Some((list, source)) = flags {
        let has = |f: &str| list.iter().any(|x| x.eq_ignore_ascii_case(f));
        reading.set("dc.is_kdc", yes_no(has("KDC")), source.clone());
        reading.set("dc.close_site", yes_no(has("CLOSE_SITE")), source.clone());
        reading.set("dc.flags", list, source);
    }
    reading
}

#[cfg(test)]
mod tests;
