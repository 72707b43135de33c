//! Tests of the klist reader: fixtures, impostors, and any text never panicking.

use proptest::prelude::*;

use super::*;
use crate::guide::Value;

const CLEAN: &str = include_str!("../../../tests/fixtures/evidence/klist/tickets_clean.txt");
const SSO_CUT: &str =
    include_str!("../../../tests/fixtures/evidence/klist/get_sso_truncated_messy.txt");
const GET_ERROR: &str = include_str!("../../../tests/fixtures/evidence/klist/get_error_messy.txt");
const FAILED: &str = include_str!("../../../tests/fixtures/evidence/klist/failed_only.txt");
const IMPOSTOR: &str =
    include_str!("../../../tests/fixtures/evidence/klist/impostor_http_and_nslookup.txt");

/// (value, line, proving text) of a fact.
fn fact(reading: &Reading, name: &str) -> (String, usize, String) {
    let f = reading
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing from {:?}", reading.facts));
    (f.value.to_string(), f.source.line, f.source.text.clone())
}

fn is(value: &str, line: usize, text: &str) -> (String, usize, String) {
    (value.to_string(), line, text.to_string())
}

#[test]
fn a_full_ticket_list_gives_every_fact() {
    assert_eq!(recognise(CLEAN), 90);
    let r = read(CLEAN);
    assert_eq!(
        fact(&r, "kerberos.ticket_count"),
        is("3", 4, "Cached Tickets: (3)")
    );
    assert_eq!(
        fact(&r, "kerberos.client"),
        is("alice @ CONTOSO.COM", 6, "#0>\tClient: alice @ CONTOSO.COM")
    );
    assert_eq!(
        fact(&r, "kerberos.has_tgt"),
        is("yes", 7, "Server: krbtgt/CONTOSO.COM @ CONTOSO.COM")
    );
    assert_eq!(
        fact(&r, "kerberos.has_seamless_sso_ticket"),
        is(
            "yes",
            18,
            "Server: HTTP/autologon.microsoftazuread-sso.com @ CONTOSO.COM"
        )
    );
    assert_eq!(
        fact(&r, "kerberos.seamless_sso_encryption"),
        is(
            "AES-256-CTS-HMAC-SHA1-96",
            19,
            "KerbTicket Encryption Type: AES-256-CTS-HMAC-SHA1-96"
        )
    );
    assert_eq!(
        r.get("kerberos.servers").map(|f| f.value.clone()),
        Some(Value::List(vec![
            "krbtgt/CONTOSO.COM @ CONTOSO.COM".into(),
            "HTTP/autologon.microsoftazuread-sso.com @ CONTOSO.COM".into(),
            "LDAP/DC02.contoso.com/contoso.com @ CONTOSO.COM".into(),
        ]))
    );
    assert_eq!(fact(&r, "kerberos.servers").1, 7);
    assert_eq!(
        r.get("kerberos.encryption_types").map(|f| f.value.clone()),
        Some(Value::List(vec![
            "AES-256-CTS-HMAC-SHA1-96".into(),
            "RSADSI RC4-HMAC(NT)".into(),
        ]))
    );
    assert_eq!(
        fact(&r, "kerberos.kdc"),
        is("DC01.contoso.com", 15, "Kdc Called: DC01.contoso.com")
    );
    assert_eq!(
        fact(&r, "kerberos.tgt_end_time"),
        is(
            "11/26/2026 19:02:11 (local)",
            11,
            "End Time:   11/26/2026 19:02:11 (local)"
        )
    );
    assert_eq!(r.get("kerberos.error"), None);
    assert_eq!(r.facts.len(), 9, "{:?}", r.facts);
    assert_eq!(
        r.notes,
        vec!["ticket times are as klist printed them: the PC's local time and date format"]
    );
}

#[test]
fn a_klist_get_paste_with_crlf_a_prompt_and_a_cut_tail_keeps_what_it_shows() {
    assert_eq!(recognise(SSO_CUT), 90);
    let r = read(SSO_CUT);
    assert_eq!(
        fact(&r, "kerberos.ticket_count"),
        is("4", 9, "Cached Tickets: (4)")
    );
    assert_eq!(
        fact(&r, "kerberos.has_seamless_sso_ticket"),
        is(
            "yes",
            12,
            "Server: HTTP/autologon.microsoftazuread-sso.com @ CONTOSO.COM"
        )
    );
    assert_eq!(
        fact(&r, "kerberos.seamless_sso_encryption"),
        is(
            "RSADSI RC4-HMAC(NT)",
            13,
            "KerbTicket Encryption Type: RSADSI RC4-HMAC(NT)"
        )
    );
    assert_eq!(
        fact(&r, "kerberos.has_tgt"),
        is("yes", 23, "Server: krbtgt/CONTOSO.COM @ CONTOSO.COM")
    );
    assert_eq!(fact(&r, "kerberos.kdc").0, "DC02.contoso.com");
    assert_eq!(
        fact(&r, "kerberos.tgt_end_time").0,
        "11/26/2026 20:14:58 (local)"
    );
    assert_eq!(
        r.get("kerberos.servers").map(|f| f.value.clone()),
        Some(Value::List(vec![
            "HTTP/autologon.microsoftazuread-sso.com @ CONTOSO.COM".into(),
            "krbtgt/CONTOSO.COM @ CONTOSO.COM".into(),
            "cifs/FS01.contoso.com @ CONTOSO.COM".into(),
        ]))
    );
    assert_eq!(
        r.get("kerberos.encryption_types").map(|f| f.value.clone()),
        Some(Value::List(vec![
            "RSADSI RC4-HMAC(NT)".into(),
            "AES-256-CTS-HMAC-SHA1-96".into(),
        ]))
    );
    assert!(
        r.notes
            .iter()
            .any(|n| n.starts_with("klist lists 4 tickets but only 3")),
        "{:?}",
        r.notes
    );
}

#[test]
fn a_cut_list_without_a_tgt_does_not_claim_there_is_none() {
    let text = "Cached Tickets: (2)\n\n#0>\tClient: alice @ CONTOSO.COM\n\tServer: cifs/FS01.contoso.com @ CONTOSO.COM\n";
    let r = read(text);
    assert_eq!(r.get("kerberos.has_tgt"), None);
    assert_eq!(r.get("kerberos.has_seamless_sso_ticket"), None);
}

#[test]
fn an_empty_cache_says_no_tgt_and_no_seamless_sso_ticket() {
    let text = "\r\nCurrent LogonId is 0:0x3e7\r\n\r\nCached Tickets: (0)\r\n";
    let r = read(text);
    assert_eq!(
        fact(&r, "kerberos.ticket_count"),
        is("0", 4, "Cached Tickets: (0)")
    );
    assert_eq!(
        fact(&r, "kerberos.has_tgt"),
        is("no", 4, "Cached Tickets: (0)")
    );
    assert_eq!(
        fact(&r, "kerberos.has_seamless_sso_ticket"),
        is("no", 4, "Cached Tickets: (0)")
    );
    assert_eq!(r.facts.len(), 3);
}

#[test]
fn a_failed_klist_get_gives_the_substatus_and_the_message() {
    assert_eq!(recognise(GET_ERROR), 90);
    let r = read(GET_ERROR);
    assert_eq!(
        fact(&r, "kerberos.error"),
        is(
            "0x6fb",
            4,
            "Error calling API LsaCallAuthenticationPackage (GetTicket substatus): 0x6fb"
        )
    );
    let (text, line, _) = fact(&r, "kerberos.error_text");
    assert_eq!(line, 6);
    assert_eq!(
            text,
            "The SAM database on the Windows Server does not have a computer account for this workstation trust relationship."
        );
    assert_eq!(r.facts.len(), 2, "{:?}", r.facts);
}

#[test]
fn a_klist_failure_alone_gives_its_status() {
    let r = read(FAILED);
    assert_eq!(fact(&r, "kerberos.error").0, "0xc000005e");
    assert_eq!(fact(&r, "kerberos.error").1, 2);
    assert_eq!(
        fact(&r, "kerberos.error_text").0,
        "There are currently no logon servers available to service the logon request."
    );
    assert_eq!(r.get("kerberos.has_tgt"), None, "no list, no answer");
}

#[test]
fn blocks_without_the_count_line_are_counted_with_a_note() {
    let text = "\tClient: alice @ CONTOSO.COM\n\tServer: krbtgt/CONTOSO.COM @ CONTOSO.COM\n\tKerbTicket Encryption Type: AES-256-CTS-HMAC-SHA1-96\n\tClient: alice @ CONTOSO.COM\n\tServer: HTTP/web.contoso.com @ CONTOSO.COM\n";
    assert_eq!(recognise(text), 85);
    let r = read(text);
    assert_eq!(
        fact(&r, "kerberos.ticket_count"),
        is("2", 1, "Client: alice @ CONTOSO.COM")
    );
    assert_eq!(fact(&r, "kerberos.has_tgt").0, "yes");
    assert_eq!(r.get("kerberos.has_seamless_sso_ticket"), None);
    assert!(r.notes.iter().any(|n| n.contains("Cached Tickets line")));
}

#[test]
fn klist_tgt_is_recognised_and_said_to_be_unread() {
    let text = "Current LogonId is 0:0x5d1a2\n\nCached TGT:\n\nServiceName        : krbtgt\nDomainName         : CONTOSO.COM\n";
    assert_eq!(recognise(text), 90);
    let r = read(text);
    assert!(r.facts.is_empty());
    assert!(r.notes.iter().any(|n| n.contains("klist tgt")));
}

#[test]
fn impostors_and_other_kinds_score_zero() {
    for text in [
        IMPOSTOR,
        super::super::error_page::tests::NEW_LAYOUT,
        include_str!("../../../tests/fixtures/evidence/whoami/all_three_messy.txt"),
        include_str!("../../../tests/fixtures/evidence/whoami/local_user_errors.txt"),
        include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_clean.txt"),
        include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_failed_messy.txt"),
        include_str!("../../../tests/fixtures/evidence/token/bearer_request.txt"),
        include_str!("../../../tests/fixtures/evidence/token/token_response.json"),
        "AADSTS51006: Integrated Windows authentication is needed.",
    ] {
        assert_eq!(recognise(text), 0, "{text}");
    }
}

#[test]
fn every_klist_paste_goes_to_this_reader() {
    for text in [CLEAN, SSO_CUT, GET_ERROR, FAILED] {
        let reading = super::super::read(text).expect("a reading");
        assert_eq!(reading.kind, Kind::Klist);
    }
}

#[test]
fn the_error_page_reader_does_not_claim_klist_output() {
    for text in [CLEAN, SSO_CUT, GET_ERROR, FAILED] {
        assert_eq!((super::super::error_page::READER.recognise)(text), 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn klist_shaped_lines_are_read_without_panic(
        lines in proptest::collection::vec(
            "(#[0-9]{0,5}>)?[ \t]*(Client|Server|KerbTicket Encryption Type|End Time|Kdc Called|Cached Tickets|klist failed with|Error calling API x)?:? ?[ -~]{0,30}",
            0..20,
        )
    ) {
        let text = lines.join("\n");
        let _ = recognise(&text);
        for f in &read(&text).facts {
            prop_assert!(SETS.iter().any(|(n, _)| *n == f.name), "{}", f.name);
        }
    }
}
