//! Reads `whoami` (`DOMAIN\user`), `whoami /upn` (`user@domain`) and `whoami /fqdn` (the
//! account's distinguished name) from Windows, alone or several pasted together with their prompt
//! lines, and the errors `/upn` and `/fqdn` print for an account that is not a domain account.
//!
//! Source (the switches and what each prints):
//! - https://learn.microsoft.com/windows-server/administration/windows-commands/whoami
//!
//! Not read: `whoami /user`, `/groups`, `/priv`, `/claims`, `/logonid` and `/all` tables.

use super::{proof, Kind, Lines, Reader, Reading, Source};
use crate::guide::{check_input, InputFormat};

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    ("account.name", "the signed-in account as whoami shows it (DOMAIN\\user)"),
    ("account.domain", "the part of account.name before the backslash (domain or PC name)"),
    ("account.upn", "the account's user principal name (whoami /upn)"),
    ("account.upn_suffix", "the domain after @ in the UPN"),
    ("account.dn", "the account's distinguished name in Active Directory (whoami /fqdn)"),
    (
        "account.is_domain_user",
        "yes/no: an Active Directory domain account (yes when /upn or /fqdn worked, no when they say it is not a domain user or the account is AzureAD\\...)",
    ),
];

/// The reader of `whoami` output. Source: see the module documentation.
pub const READER: Reader = Reader {
    kind: Kind::Whoami,
    sets: SETS,
    recognise,
    read,
};

/// A paste longer than this (non-empty lines) is never whoami output.
const MAX_LINES: usize = 12;
/// Without the command line, only a few lines of names alone are taken for whoami output.
const MAX_BARE_LINES: usize = 4;
/// `read` looks no further: whoami output is a few lines, and a paste it was asked to read
/// anyway stays cheap.
const MAX_READ_LINES: usize = 400;

/// What one line of a whoami paste is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'t> {
    /// `C:\Users\alice>whoami /upn`, `PS C:\> whoami`, or `whoami` alone.
    Command,
    /// A prompt with nothing or another command after it.
    Prompt,
    /// `CONTOSO\alice`: (domain, user).
    Account(&'t str, &'t str),
    /// `alice@contoso.com`: the suffix.
    Upn(&'t str),
    /// `CN=Alice Smith,OU=Staff,DC=contoso,DC=com`: whether it has DC= parts.
    Dn(bool),
    /// `ERROR: Unable to get ... as the current logged-on user is not a domain user.`
    NotDomainUser,
    Other,
}

/// The text after a `cmd` or PowerShell prompt (`C:\Users\alice>`, `PS C:\Users\alice>`), or
/// `None` when the line has no prompt.
fn after_prompt(line: &str) -> Option<&str> {
    let body = line.strip_prefix("PS ").unwrap_or(line);
    let bytes = body.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'\\';
    if !drive {
        return None;
    }
    body.split_once('>').map(|(_, rest)| rest.trim())
}

fn is_whoami_command(command: &str) -> bool {
    let name = command.split_whitespace().next().unwrap_or("");
    name.eq_ignore_ascii_case("whoami") || name.eq_ignore_ascii_case("whoami.exe")
}

/// `DOMAIN\user` as whoami prints it: one backslash, a short domain or PC name (NT AUTHORITY has a
/// space), a user name without the characters Windows refuses in one.
fn account(line: &str) -> Option<(&str, &str)> {
    let (domain, user) = line.split_once('\\')?;
    let domain_ok = (1..=30).contains(&domain.len())
        && domain.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !domain.ends_with(' ')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '_' | '.'));
    let user_ok = (1..=64).contains(&user.chars().count())
        && !user.starts_with(' ')
        && !user.ends_with(' ')
        && user.chars().any(char::is_alphanumeric)
        && !user.chars().any(|c| {
            c.is_control()
                || matches!(
                    c,
                    '\\' | '/'
                        | '['
                        | ']'
                        | ':'
                        | ';'
                        | '|'
                        | '='
                        | ','
                        | '+'
                        | '*'
                        | '?'
                        | '<'
                        | '>'
                        | '"'
                        | '@'
                )
        });
    (domain_ok && user_ok).then_some((domain, user))
}

/// A distinguished name: `CN=` then comma-separated `key=value` parts (a comma in a name is
/// escaped as `\,`).
fn distinguished_name(line: &str) -> Option<bool> {
    if !starts_with_ci(line, "CN=") {
        return None;
    }
    let (mut parts, mut has_dc) = (0, false);
    let mut check = |part: &str| {
        parts += 1;
        has_dc |= starts_with_ci(part.trim_start(), "DC=");
        part.split_once('=')
            .is_some_and(|(k, v)| !k.trim().is_empty() && !v.trim().is_empty())
    };
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            ',' if !escaped => {
                if !check(&line[start..i]) {
                    return None;
                }
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    if !check(&line[start..]) {
        return None;
    }
    (parts >= 2).then_some(has_dc)
}

/// `text` starts with `prefix`, ASCII case ignored, without allocating.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

fn classify(line: &str) -> Line<'_> {
    if let Some(command) = after_prompt(line) {
        return if is_whoami_command(command) {
            Line::Command
        } else {
            Line::Prompt
        };
    }
    if is_whoami_command(line) && line.len() <= 40 {
        return Line::Command;
    }
    if starts_with_ci(line, "error: unable to get") && line.contains("not a domain user") {
        return Line::NotDomainUser;
    }
    if let Some((domain, user)) = account(line) {
        return Line::Account(domain, user);
    }
    if line.len() <= 256 && line.contains('@') && check_input(InputFormat::Upn, None, line).is_ok()
    {
        if let Some((_, suffix)) = line.rsplit_once('@') {
            return Line::Upn(suffix);
        }
    }
    if let Some(has_dc) = distinguished_name(line) {
        return Line::Dn(has_dc);
    }
    Line::Other
}

/// Sure (90) with the `whoami` command line or its error in a short paste; modest (40) for a few
/// lines that are only names (`CONTOSO\alice`, a UPN, a DN); nothing for anything longer or
/// anything with other text and no whoami command.
fn recognise(text: &str) -> u8 {
    let mut lines = 0;
    let (mut command, mut error, mut names, mut other) = (false, false, 0, 0);
    for (_, line) in Lines::new(text) {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        lines += 1;
        if lines > MAX_LINES {
            return 0;
        }
        match classify(line) {
            Line::Command => command = true,
            Line::NotDomainUser => error = true,
            Line::Account(..) | Line::Upn(_) | Line::Dn(_) => names += 1,
            Line::Prompt => {}
            Line::Other => other += 1,
        }
    }
    if command || error {
        90
    } else if names > 0 && other == 0 && lines <= MAX_BARE_LINES {
        40
    } else {
        0
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
    let mut reading = Reading::new(Kind::Whoami);
    let mut account_domain: Option<(String, Source)> = None;
    let mut domain_proof: Option<Source> = None;
    let mut not_domain: Option<Source> = None;
    for (number, raw) in Lines::new(text) {
        if number > MAX_READ_LINES {
            reading.note(format!(
                "only the first {MAX_READ_LINES} lines were read: whoami prints a line or two"
            ));
            break;
        }
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        match classify(line) {
            Line::Account(domain, _) => {
                put(&mut reading, "account.name", line, number, line);
                put(&mut reading, "account.domain", domain, number, line);
                if account_domain.is_none() {
                    account_domain = Some((domain.to_string(), proof(number, line)));
                }
            }
            Line::Upn(suffix) => {
                put(&mut reading, "account.upn", line, number, line);
                put(&mut reading, "account.upn_suffix", suffix, number, line);
                domain_proof.get_or_insert_with(|| proof(number, line));
            }
            Line::Dn(has_dc) => {
                put(&mut reading, "account.dn", line, number, line);
                if has_dc {
                    domain_proof.get_or_insert_with(|| proof(number, line));
                }
            }
            Line::NotDomainUser => {
                not_domain.get_or_insert_with(|| proof(number, line));
            }
            Line::Command | Line::Prompt | Line::Other => {}
        }
    }
    let azure_ad = account_domain
        .as_ref()
        .filter(|(domain, _)| domain.eq_ignore_ascii_case("azuread"));
    if let Some((_, source)) = azure_ad {
        reading.set("account.is_domain_user", "no", source.clone());
        reading.note(
            "AzureAD\\... is a Microsoft Entra ID account on an Entra-joined PC, not an Active Directory domain account",
        );
    } else if let Some(source) = domain_proof {
        reading.set("account.is_domain_user", "yes", source);
    } else if let Some(source) = not_domain {
        reading.set("account.is_domain_user", "no", source);
    } else if account_domain.is_some() {
        reading.note(
            "whoami alone cannot tell a local account (PC01\\alice) from a domain account (CONTOSO\\alice): paste whoami /upn too",
        );
    }
    reading
}

#[cfg(test)]
mod tests;
