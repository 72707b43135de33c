//! Tests of the nltest reader: fixtures, impostors, and any text never panicking.

use proptest::prelude::*;

use super::*;
use crate::guide::Value;

const CLEAN: &str = include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_clean.txt");
const MESSY: &str = include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_messy.txt");
const FAILED_MESSY: &str =
    include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_failed_messy.txt");
const IMPOSTOR: &str =
    include_str!("../../../tests/fixtures/evidence/nltest/impostor_sc_query_and_nslookup.txt");

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
fn a_dc_found_gives_every_fact() {
    assert_eq!(recognise(CLEAN), 90);
    let r = read(CLEAN);
    assert_eq!(
        fact(&r, "dc.found"),
        is("yes", 1, "DC: \\\\DC01.contoso.com")
    );
    assert_eq!(
        fact(&r, "dc.name"),
        is("DC01.contoso.com", 1, "DC: \\\\DC01.contoso.com")
    );
    assert_eq!(
        fact(&r, "dc.address"),
        is("192.0.2.10", 2, "Address: \\\\192.0.2.10")
    );
    assert_eq!(
        fact(&r, "dc.domain"),
        is("contoso.com", 4, "Dom Name: contoso.com")
    );
    assert_eq!(
        fact(&r, "dc.forest"),
        is("contoso.com", 5, "Forest Name: contoso.com")
    );
    assert_eq!(
        fact(&r, "dc.site"),
        is(
            "Default-First-Site-Name",
            6,
            "Dc Site Name: Default-First-Site-Name"
        )
    );
    assert_eq!(
        fact(&r, "dc.client_site"),
        is(
            "Default-First-Site-Name",
            7,
            "Our Site Name: Default-First-Site-Name"
        )
    );
    let flags = "PDC GC DS LDAP KDC TIMESERV GTIMESERV WRITABLE DNS_DC DNS_DOMAIN DNS_FOREST CLOSE_SITE FULL_SECRET WS DS_8 DS_9 DS_10";
    assert_eq!(
        r.get("dc.flags").map(|f| f.value.clone()),
        Some(Value::List(flags.split(' ').map(str::to_string).collect()))
    );
    assert_eq!(fact(&r, "dc.flags").1, 8);
    assert_eq!(
        fact(&r, "dc.is_kdc"),
        is("yes", 8, &format!("Flags: {flags}"))
    );
    assert_eq!(fact(&r, "dc.close_site").0, "yes");
    assert_eq!(r.get("dc.error"), None);
    assert_eq!(r.facts.len(), 10);
    assert!(r.notes.is_empty());
}

#[test]
fn a_messy_paste_in_another_order_without_close_site_is_read() {
    assert_eq!(recognise(MESSY), 90);
    let r = read(MESSY);
    assert_eq!(
        fact(&r, "dc.found"),
        is("yes", 6, "DC: \\\\DC07.contoso.com")
    );
    assert_eq!(fact(&r, "dc.name").0, "DC07.contoso.com");
    assert_eq!(fact(&r, "dc.address").0, "192.0.2.17");
    assert_eq!(
        fact(&r, "dc.client_site"),
        is("Branch-Lyon", 5, "Our Site Name: Branch-Lyon")
    );
    assert_eq!(fact(&r, "dc.site").0, "Hub-Paris");
    assert_eq!(fact(&r, "dc.forest").0, "corp.contoso.com");
    assert_eq!(fact(&r, "dc.is_kdc"), is("yes", 13, "Flags: GC DS LDAP KDC TIMESERV WRITABLE DNS_DC DNS_DOMAIN DNS_FOREST FULL_SECRET WS DS_8 DS_9 DS_10 KEYLIST"));
    assert_eq!(fact(&r, "dc.close_site").0, "no");
    assert_eq!(r.facts.len(), 10);
}

#[test]
fn a_failure_gives_found_no_and_the_status() {
    assert_eq!(recognise(FAILED_MESSY), 90);
    let r = read(FAILED_MESSY);
    let line = "Getting DC name failed: Status = 1355 0x54b ERROR_NO_SUCH_DOMAIN";
    assert_eq!(fact(&r, "dc.found"), is("no", 2, line));
    assert_eq!(
        fact(&r, "dc.error"),
        is("1355 0x54b ERROR_NO_SUCH_DOMAIN", 2, line)
    );
    assert_eq!(r.facts.len(), 2);
}

#[test]
fn flags_without_kdc_say_no() {
    let text = "DC: \\\\RODC1.contoso.com\nDom Name: contoso.com\nFlags: GC DS LDAP TIMESERV\n";
    let r = read(text);
    assert_eq!(fact(&r, "dc.is_kdc").0, "no");
    assert_eq!(fact(&r, "dc.close_site").0, "no");
}

#[test]
fn impostors_and_other_kinds_score_zero() {
    for text in [
        IMPOSTOR,
        super::super::error_page::tests::NEW_LAYOUT,
        include_str!("../../../tests/fixtures/evidence/klist/tickets_clean.txt"),
        include_str!("../../../tests/fixtures/evidence/klist/impostor_http_and_nslookup.txt"),
        include_str!("../../../tests/fixtures/evidence/whoami/all_three_messy.txt"),
        include_str!("../../../tests/fixtures/evidence/token/token_response.json"),
        "AADSTS51006: Integrated Windows authentication is needed.",
        "The command completed successfully",
    ] {
        assert_eq!(recognise(text), 0, "{text}");
    }
}

#[test]
fn every_nltest_paste_goes_to_this_reader() {
    for text in [CLEAN, MESSY, FAILED_MESSY] {
        let reading = super::super::read(text).expect("a reading");
        assert_eq!(reading.kind, Kind::Nltest);
    }
}

#[test]
fn the_error_page_reader_does_not_claim_nltest_output() {
    for text in [CLEAN, MESSY, FAILED_MESSY] {
        assert_eq!((super::super::error_page::READER.recognise)(text), 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn nltest_shaped_lines_are_read_without_panic(
        lines in proptest::collection::vec(
            " *(DC|Address|Dom Guid|Dom Name|Forest Name|Dc Site Name|Our Site Name|Flags|Getting DC name failed)?:? ?(\\\\\\\\)?[ -~]{0,30}",
            0..12,
        )
    ) {
        let text = lines.join("\n");
        let _ = recognise(&text);
        for f in &read(&text).facts {
            prop_assert!(SETS.iter().any(|(n, _)| *n == f.name), "{}", f.name);
        }
    }
}
