//! Recognising dsregcmd output: fixtures and snippets picked over the error page, impostors not.

use super::*;
use crate::evidence::{self, error_page, Refusal};

#[test]
fn each_fixture_is_recognised_and_picked_over_the_error_page() {
    for sample in SAMPLES {
        assert!(recognise(sample) >= 90, "{sample}");
        assert_eq!((error_page::READER.recognise)(sample), 0, "{sample}");
        let reading = evidence::read(sample).expect("a reading");
        assert_eq!(reading.kind, Kind::Dsregcmd);
    }
}

#[test]
fn impostors_score_zero() {
    assert_eq!(recognise(ERROR_PAGE), 0);
    assert_eq!(recognise(IPCONFIG), 0);
    assert_eq!(recognise(error_page::tests::NEW_LAYOUT), 0);
    assert_eq!(
        recognise("AADSTS51006: Integrated Windows authentication is needed."),
        0
    );
    assert_eq!(
        recognise("Device state: Compliant\nDomainName: contoso\n"),
        0
    );
    let page = evidence::read(ERROR_PAGE).expect("the error page reads it");
    assert_eq!(page.kind, Kind::ErrorPage);
    assert_eq!(evidence::read(IPCONFIG), Err(Refusal::Unrecognised));
}

#[test]
fn only_the_sso_state_lines_with_an_aadsts_code_are_still_dsregcmd() {
    // The lines the PRT troubleshooting article asks for: the error page would take them
    // for its own (an AADSTS code, one dsregcmd marker), so this reader must score higher.
    let snippet = "                AzureAdPrt : NO\n     AcquirePrtDiagnostics : PRESENT\n            Attempt Status : 0xc000006d\n         Server Error Code : invalid_grant\n  Server Error Description : AADSTS50126: Error validating credentials due to invalid username or password.\n";
    assert!(recognise(snippet) > (error_page::READER.recognise)(snippet));
    let reading = evidence::read(snippet).expect("a reading");
    assert_eq!(reading.kind, Kind::Dsregcmd);
    assert_eq!(reading.text("sso.acquire_prt_error"), Some("0xc000006d"));
    assert_eq!(reading.text("sso.prt_server_error"), Some("invalid_grant"));
    assert_eq!(reading.text("sso.prt_aadsts_code"), Some("50126"));
}

#[test]
fn a_banner_alone_is_enough_to_recognise_and_one_field_name_is_not() {
    assert_eq!(recognise("| Device State |\n"), 95);
    assert_eq!(recognise("AzureAdJoined : YES\n"), 0);
    assert_eq!(recognise("AzureAdJoined : YES\nAzureAdJoined : YES\n"), 0);
    assert_eq!(recognise("AzureAdJoined : YES\n    DomainJoined: NO\n"), 95);
}
