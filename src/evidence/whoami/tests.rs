//! Tests of the whoami reader: fixtures, impostors, and any text never panicking.

use proptest::prelude::*;

use super::*;

const NAME_ONLY: &str = include_str!("../../../tests/fixtures/evidence/whoami/name_only.txt");
const UPN_ONLY: &str = include_str!("../../../tests/fixtures/evidence/whoami/upn_only.txt");
const ALL_THREE: &str = include_str!("../../../tests/fixtures/evidence/whoami/all_three_messy.txt");
const LOCAL: &str = include_str!("../../../tests/fixtures/evidence/whoami/local_user_errors.txt");
const POWERSHELL: &str =
    include_str!("../../../tests/fixtures/evidence/whoami/powershell_fqdn.txt");
const AZURE_AD: &str = include_str!("../../../tests/fixtures/evidence/whoami/azuread_account.txt");
const IMPOSTOR: &str =
    include_str!("../../../tests/fixtures/evidence/whoami/impostor_short_lines.txt");

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
fn whoami_alone_gives_the_name_and_says_it_cannot_tell_local_from_domain() {
    assert_eq!(recognise(NAME_ONLY), 40);
    let r = read(NAME_ONLY);
    assert_eq!(
        fact(&r, "account.name"),
        is("contoso\\alice", 1, "contoso\\alice")
    );
    assert_eq!(
        fact(&r, "account.domain"),
        is("contoso", 1, "contoso\\alice")
    );
    assert_eq!(r.get("account.is_domain_user"), None);
    assert_eq!(r.facts.len(), 2);
    assert_eq!(r.notes.len(), 1);
    assert!(
        r.notes[0].contains("cannot tell a local account"),
        "{:?}",
        r.notes
    );
}

#[test]
fn a_upn_alone_is_a_domain_user() {
    assert_eq!(recognise(UPN_ONLY), 40);
    let r = read(UPN_ONLY);
    assert_eq!(
        fact(&r, "account.upn"),
        is("alice@contoso.com", 1, "alice@contoso.com")
    );
    assert_eq!(
        fact(&r, "account.upn_suffix"),
        is("contoso.com", 1, "alice@contoso.com")
    );
    assert_eq!(
        fact(&r, "account.is_domain_user"),
        is("yes", 1, "alice@contoso.com")
    );
    assert!(r.notes.is_empty());
}

#[test]
fn three_commands_with_prompts_and_crlf_give_every_fact() {
    assert_eq!(recognise(ALL_THREE), 90);
    let r = read(ALL_THREE);
    assert_eq!(
        fact(&r, "account.name"),
        is("contoso\\alice", 5, "contoso\\alice")
    );
    assert_eq!(fact(&r, "account.domain").0, "contoso");
    assert_eq!(
        fact(&r, "account.upn"),
        is("alice@contoso.com", 8, "alice@contoso.com")
    );
    assert_eq!(fact(&r, "account.upn_suffix").0, "contoso.com");
    let dn = "CN=Alice Smith,OU=Staff,OU=Users,DC=contoso,DC=com";
    assert_eq!(fact(&r, "account.dn"), is(dn, 11, dn));
    assert_eq!(
        fact(&r, "account.is_domain_user"),
        is("yes", 8, "alice@contoso.com")
    );
    assert_eq!(r.facts.len(), 6);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
}

#[test]
fn the_not_a_domain_user_errors_say_no() {
    assert_eq!(recognise(LOCAL), 90);
    let r = read(LOCAL);
    assert_eq!(fact(&r, "account.name").0, "pc01\\localadmin");
    assert_eq!(fact(&r, "account.domain").0, "pc01");
    let (value, line, text) = fact(&r, "account.is_domain_user");
    assert_eq!((value.as_str(), line), ("no", 5));
    assert!(text.starts_with("ERROR: Unable to get User Principal Name (UPN)"));
    assert_eq!(r.get("account.upn"), None);
    assert_eq!(r.get("account.dn"), None);
    assert!(r.notes.is_empty());
}

#[test]
fn an_error_alone_is_recognised_and_read() {
    let text = "ERROR: Unable to get Fully Qualified Distinguished Name (FQDN) as the current logged-on user is not a domain user.";
    assert_eq!(recognise(text), 90);
    assert_eq!(fact(&read(text), "account.is_domain_user").0, "no");
}

#[test]
fn a_powershell_paste_with_an_escaped_comma_in_the_dn_is_read() {
    assert_eq!(recognise(POWERSHELL), 90);
    let r = read(POWERSHELL);
    let dn = "CN=Jones\\, Bob,OU=Sales,DC=fabrikam,DC=com";
    assert_eq!(fact(&r, "account.dn"), is(dn, 2, dn));
    assert_eq!(fact(&r, "account.is_domain_user"), is("yes", 2, dn));
    assert_eq!(
        fact(&r, "account.name"),
        is("fabrikam\\bob", 4, "fabrikam\\bob")
    );
}

#[test]
fn an_azure_ad_account_is_not_a_domain_user_even_with_a_upn() {
    let r = read(AZURE_AD);
    assert_eq!(
        fact(&r, "account.is_domain_user"),
        is("no", 2, "azuread\\alicesmith")
    );
    assert_eq!(fact(&r, "account.upn").0, "alice@contoso.com");
    assert!(r.notes[0].contains("Microsoft Entra ID account"));
}

#[test]
fn a_long_paste_is_read_only_in_its_first_lines() {
    let text = format!("{}contoso\\alice\n", "\n".repeat(MAX_READ_LINES));
    let r = read(&text);
    assert_eq!(r.get("account.name"), None);
    assert!(
        r.notes[0].starts_with("only the first 400 lines"),
        "{:?}",
        r.notes
    );
    let r = read(&format!(
        "{}contoso\\alice\n",
        "\n".repeat(MAX_READ_LINES - 1)
    ));
    assert_eq!(fact(&r, "account.name").1, MAX_READ_LINES);
}

#[test]
fn nt_authority_system_is_an_account_line() {
    let r = read("C:\\Windows\\system32>whoami\nnt authority\\system\n");
    assert_eq!(fact(&r, "account.domain").0, "nt authority");
}

#[test]
fn impostors_and_other_kinds_score_zero() {
    let long = format!(
        "C:\\>whoami\ncontoso\\alice\n{}",
        "more output\n".repeat(20)
    );
    for text in [
        IMPOSTOR,
        long.as_str(),
        super::super::error_page::tests::NEW_LAYOUT,
        "Error Code: 51006\nUser: alice@contoso.com\n",
        "Sign-in identifier\nalice@contoso.com\n",
        "C:\\Windows\\System32",
        include_str!("../../../tests/fixtures/evidence/klist/tickets_clean.txt"),
        include_str!("../../../tests/fixtures/evidence/klist/get_error_messy.txt"),
        include_str!("../../../tests/fixtures/evidence/klist/failed_only.txt"),
        include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_clean.txt"),
        include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_failed_messy.txt"),
        include_str!("../../../tests/fixtures/evidence/token/v1_access_wia.txt"),
        include_str!("../../../tests/fixtures/evidence/token/bearer_request.txt"),
        "",
    ] {
        assert_eq!(recognise(text), 0, "{text}");
    }
}

#[test]
fn every_whoami_paste_goes_to_this_reader() {
    for text in [NAME_ONLY, UPN_ONLY, ALL_THREE, LOCAL, POWERSHELL, AZURE_AD] {
        let reading = super::super::read(text).expect("a reading");
        assert_eq!(reading.kind, Kind::Whoami);
    }
}

#[test]
fn the_error_page_reader_does_not_outscore_whoami() {
    for text in [ALL_THREE, LOCAL, POWERSHELL, NAME_ONLY, UPN_ONLY] {
        assert_eq!((super::super::error_page::READER.recognise)(text), 0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn whoami_shaped_lines_are_read_without_panic(
        lines in proptest::collection::vec(
            "(PS )?([A-Z]:\\\\[a-z]{0,5}>)? ?(whoami( /upn| /fqdn)?|[a-z ]{0,8}\\\\[a-z$ ]{0,8}|[a-z]{0,5}@[a-z.]{0,8}|CN=[A-Za-z ,\\\\=]{0,20}|ERROR: Unable to get x as y is not a domain user.)",
            0..8,
        )
    ) {
        let text = lines.join("\r\n");
        let _ = recognise(&text);
        for f in &read(&text).facts {
            prop_assert!(SETS.iter().any(|(n, _)| *n == f.name), "{}", f.name);
        }
    }
}
