//! Reads `klist` (`klist tickets`, the default) and `klist get <SPN>` output from Windows: the
//! cached Kerberos tickets and, when the command failed, its status code and message.
//!
//! Source (what each ticket field means, the commands and their parameters):
//! - https://learn.microsoft.com/windows-server/administration/windows-commands/klist
//!
//! Ticket times are kept as printed: they are the PC's local time, in its own date format.

use super::{proof, Kind, Lines, Reader, Reading, Source};

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    (
        "kerberos.ticket_count",
        "how many tickets are cached (Cached Tickets: (N))",
    ),
    (
        "kerberos.client",
        "the first ticket's client, as printed (alice @ CONTOSO.COM)",
    ),
    (
        "kerberos.has_tgt",
        "yes/no: a ticket-granting ticket (server krbtgt/...) is cached",
    ),
    (
        "kerberos.has_seamless_sso_ticket",
        "yes/no: a ticket for HTTP/autologon.microsoftazuread-sso.com (Seamless SSO) is cached",
    ),
    (
        "kerberos.seamless_sso_encryption",
        "the Seamless SSO ticket's encryption type (KerbTicket Encryption Type)",
    ),
    (
        "kerberos.servers",
        "the server (SPN @ realm) of each cached ticket, a list",
    ),
    (
        "kerberos.encryption_types",
        "the distinct ticket encryption types, a list",
    ),
    (
        "kerberos.kdc",
        "the first ticket's Kdc Called (the domain controller asked)",
    ),
    (
        "kerberos.tgt_end_time",
        "the ticket-granting ticket's End Time as printed (PC local time)",
    ),
    (
        "kerberos.error",
        "status code of a failed klist (0x6fb, 0xc000018b)",
    ),
    (
        "kerberos.error_text",
        "the message klist printed with its failure",
    ),
];

/// The Seamless SSO computer account's SPN.
const SEAMLESS_SSO_SPN: &str = "http/autologon.microsoftazuread-sso.com";

/// The reader of `klist` output. Source: see the module documentation.
pub const READER: Reader = Reader {
    kind: Kind::Klist,
    sets: SETS,
    recognise,
    read,
};

/// Lines only klist prints, and the score each gives.
const MARKERS: &[(&str, u8)] = &[
    ("current logonid is", 90),
    ("cached tickets:", 90),
    ("klist failed with", 90),
    ("error calling api lsacallauthenticationpackage", 90),
    ("kerbticket encryption type:", 85),
    ("kdc called:", 85),
];

/// `text` starts with `prefix`, ASCII case ignored, without allocating.
fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

fn recognise(text: &str) -> u8 {
    Lines::new(text)
        .take(400)
        .filter_map(|(_, line)| {
            let line = strip_ticket_number(line.trim()).0;
            MARKERS
                .iter()
                .find(|(m, _)| starts_with_ci(line, m))
                .map(|&(_, score)| score)
        })
        .max()
        .unwrap_or(0)
}

/// `#0>\tClient: ...` as (`Client: ...`, true); any other line as it is.
fn strip_ticket_number(line: &str) -> (&str, bool) {
    if let Some(rest) = line.strip_prefix('#') {
        if let Some((number, after)) = rest.split_once('>') {
            if !number.is_empty() && number.len() <= 4 && number.bytes().all(|b| b.is_ascii_digit())
            {
                return (after.trim(), true);
            }
        }
    }
    (line, false)
}

/// A value with the line that printed it.
#[derive(Debug, Clone)]
struct At {
    value: String,
    line: usize,
    text: String,
}

impl At {
    fn new(value: &str, line: usize, text: &str) -> At {
        At {
            value: value.trim().to_string(),
            line,
            text: text.to_string(),
        }
    }

    fn source(&self) -> Source {
        proof(self.line, &self.text)
    }
}

#[derive(Debug, Default)]
struct Ticket {
    client: Option<At>,
    server: Option<At>,
    encryption: Option<At>,
    end_time: Option<At>,
    kdc: Option<At>,
}

impl Ticket {
    fn spn(&self) -> Option<String> {
        let server = &self.server.as_ref()?.value;
        let spn = server.split(" @ ").next().unwrap_or(server);
        Some(spn.trim().to_ascii_lowercase())
    }
}

fn read(text: &str) -> Reading {
    let mut reading = Reading::new(Kind::Klist);
    let mut tickets: Vec<Ticket> = Vec::new();
    let mut count: Option<(usize, At)> = None;
    let mut errors: Vec<At> = Vec::new();
    let mut error_text: Option<At> = None;
    let mut saw_tgt_command = false;

    for (number, raw) in Lines::new(text) {
        let trimmed = raw.trim();
        let (line, numbered) = strip_ticket_number(trimmed);
        if numbered {
            tickets.push(Ticket::default());
        }
        if starts_with_ci(line, "cached tgt:") {
            saw_tgt_command = true;
            continue;
        }
        const FAILED: &str = "klist failed with ";
        if starts_with_ci(line, FAILED) {
            let rest = &line[FAILED.len()..];
            // klist failed with 0xc000018b/-1073741429: The SAM database ...
            let code = rest.split(['/', ':', ' ']).next().unwrap_or("");
            if !code.is_empty() {
                errors.push(At::new(code, number, trimmed));
            }
            if let Some((_, message)) = line.split_once(": ") {
                if error_text.is_none() && !message.trim().is_empty() {
                    error_text = Some(At::new(message, number, trimmed));
                }
            }
            continue;
        }
        if starts_with_ci(line, "error calling api") {
            // Error calling API LsaCallAuthenticationPackage (GetTicket substatus): 0x6fb
            if let Some((_, code)) = line.rsplit_once(':') {
                let code = code.trim();
                if code.starts_with("0x") || code.bytes().all(|b| b.is_ascii_digit()) {
                    errors.push(At::new(code, number, trimmed));
                }
            }
            continue;
        }
        let Some((label, value)) = line.split_once(':') else {
            continue;
        };
        let label = label.trim();
        let value = value.trim();
        if label.eq_ignore_ascii_case("cached tickets") {
            let n = value.trim_matches(|c| c == '(' || c == ')').trim();
            if let Ok(n) = n.parse::<usize>() {
                if count.is_none() {
                    count = Some((n, At::new(&n.to_string(), number, trimmed)));
                }
            }
            continue;
        }
        const FIELDS: [&str; 5] = [
            "client",
            "server",
            "kerbticket encryption type",
            "end time",
            "kdc called",
        ];
        let Some(slot) = FIELDS.iter().position(|f| label.eq_ignore_ascii_case(f)) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        // A block whose `#N>` was lost when copying: a second client starts a new ticket.
        if tickets.is_empty() || (slot == 0 && tickets.last().is_some_and(|t| t.client.is_some())) {
            tickets.push(Ticket::default());
        }
        let Some(ticket) = tickets.last_mut() else {
            continue;
        };
        let field = match slot {
            0 => &mut ticket.client,
            1 => &mut ticket.server,
            2 => &mut ticket.encryption,
            3 => &mut ticket.end_time,
            _ => &mut ticket.kdc,
        };
        if field.is_none() {
            *field = Some(At::new(value, number, trimmed));
        }
    }

    // How many tickets: as printed; otherwise the blocks pasted.
    let listed = count.is_some() || !tickets.is_empty();
    let mut complete = true;
    match &count {
        Some((n, at)) => {
            reading.set("kerberos.ticket_count", n.to_string(), at.source());
            if tickets.len() < *n {
                complete = false;
                reading.note(format!(
                    "klist lists {n} tickets but only {} are in the paste: the list is cut, so what is missing from it is unknown",
                    tickets.len()
                ));
            }
        }
        None if !tickets.is_empty() => {
            let first = tickets
                .iter()
                .find_map(|t| t.client.as_ref().or(t.server.as_ref()));
            if let Some(at) = first {
                reading.set(
                    "kerberos.ticket_count",
                    tickets.len().to_string(),
                    at.source(),
                );
            }
            complete = false;
            reading.note(
                "the Cached Tickets line is not in the paste: counted the ticket blocks pasted",
            );
        }
        None => {}
    }

    if let Some(client) = tickets.iter().find_map(|t| t.client.as_ref()) {
        reading.set("kerberos.client", client.value.clone(), client.source());
    }

    let tgt = tickets
        .iter()
        .find(|t| t.spn().is_some_and(|s| s.starts_with("krbtgt/")));
    let sso = tickets
        .iter()
        .find(|t| t.spn().is_some_and(|s| s == SEAMLESS_SSO_SPN));
    // "no" needs the whole list: proven by the count line (or the first ticket when it is gone).
    let whole_list = count
        .as_ref()
        .map(|(_, at)| at.source())
        .filter(|_| complete);
    for (name, found) in [
        ("kerberos.has_tgt", tgt),
        ("kerberos.has_seamless_sso_ticket", sso),
    ] {
        match (found.and_then(|t| t.server.as_ref()), &whole_list) {
            (Some(server), _) => reading.set(name, "yes", server.source()),
            (None, Some(source)) if listed => reading.set(name, "no", source.clone()),
            _ => {}
        }
    }
    if let Some(enc) = sso.and_then(|t| t.encryption.as_ref()) {
        reading.set(
            "kerberos.seamless_sso_encryption",
            enc.value.clone(),
            enc.source(),
        );
    }
    if let Some(end) = tgt.and_then(|t| t.end_time.as_ref()) {
        reading.set("kerberos.tgt_end_time", end.value.clone(), end.source());
        reading.note("ticket times are as klist printed them: the PC's local time and date format");
    }

    let servers: Vec<&At> = tickets.iter().filter_map(|t| t.server.as_ref()).collect();
    if let Some(first) = servers.first() {
        let list: Vec<String> = servers.iter().map(|s| s.value.clone()).collect();
        reading.set("kerberos.servers", list, first.source());
    }
    let mut types: Vec<String> = Vec::new();
    let mut first_type: Option<&At> = None;
    for enc in tickets.iter().filter_map(|t| t.encryption.as_ref()) {
        first_type.get_or_insert(enc);
        if !types.iter().any(|t| t.eq_ignore_ascii_case(&enc.value)) {
            types.push(enc.value.clone());
        }
    }
    if let Some(first) = first_type {
        reading.set("kerberos.encryption_types", types, first.source());
    }
    if let Some(kdc) = tickets.iter().find_map(|t| t.kdc.as_ref()) {
        reading.set("kerberos.kdc", kdc.value.clone(), kdc.source());
    }

    if let Some(error) = errors.first() {
        reading.set("kerberos.error", error.value.clone(), error.source());
    }
    if let Some(message) = &error_text {
        reading.set(
            "kerberos.error_text",
            message.value.clone(),
            message.source(),
        );
    }
    if saw_tgt_command && reading.facts.is_empty() {
        reading.note("klist tgt output is not read: paste the output of klist (klist tickets)");
    }
    reading
}

#[cfg(test)]
mod tests;
