//! Sections: names shared by two sections told apart, with or without banners, and the notes on
//! sections a paste lacks.

use super::*;
use crate::evidence::{self, Refusal};

#[test]
fn names_printed_in_two_sections_are_told_apart_by_their_section() {
    let rule = format!("+{}+", "-".repeat(70));
    let text = format!(
            "{rule}\n| Work Account 1 |\n{rule}\n  TpmProtected : YES\n  NgcSet : YES\n{rule}\n| Ngc Prerequisite Check |\n{rule}\n  OnPremTGT : YES\n{rule}\n| Diagnostic Data |\n{rule}\n  Attempt Status : 0x801c03f2\n  Server ErrorCode : DirectoryError\n{rule}\n| User State |\n{rule}\n  NgcSet : NO\n{rule}\n| Device Details |\n{rule}\n  TpmProtected : NO\n"
        );
    let reading = read(&text);
    assert_eq!(reading.text("device.tpm_protected"), Some("no"));
    assert_eq!(reading.text("user.ngc_set"), Some("no"));
    assert_eq!(reading.get("sso.onprem_tgt"), None);
    assert_eq!(reading.text("diag.attempt_status"), Some("0x801c03f2"));
    assert_eq!(reading.text("diag.server_error"), Some("DirectoryError"));
    assert_eq!(reading.get("sso.prt_server_error"), None);
}

#[test]
fn without_banners_the_fields_before_a_shared_name_tell_its_section() {
    let text = "AzureAdPrt : NO\nAttempt Status : 0xc000006d\nServer Error Code : invalid_grant\nEnterprisePrt : NO\nAttempt Status : 0xc00484b2\nServer Error Code : invalid_request\nPrevious Registration : 2019-01-31 09:16:43.000 UTC\nError Phase : join\nClient ErrorCode : 0x801c03f2\nServer ErrorCode : DirectoryError\nServer Message : The device object is not found.\nRequest Id : 6bff0bd9-820b-484b-ab20-2a4f7b76c58e\n";
    let reading = read(text);
    assert_eq!(reading.text("sso.acquire_prt_error"), Some("0xc000006d"));
    assert_eq!(reading.text("sso.prt_server_error"), Some("invalid_grant"));
    assert_eq!(reading.text("sso.enterprise_prt_error"), Some("0xc00484b2"));
    assert_eq!(
        reading.text("sso.enterprise_prt_server_error"),
        Some("invalid_request")
    );
    assert_eq!(reading.text("diag.error_phase"), Some("join"));
    assert_eq!(reading.text("diag.client_error"), Some("0x801c03f2"));
    assert_eq!(reading.text("diag.server_error"), Some("DirectoryError"));
    assert_eq!(
        reading.text("diag.server_message"),
        Some("The device object is not found.")
    );
    assert_eq!(
        reading.text("diag.request_id"),
        Some("6bff0bd9-820b-484b-ab20-2a4f7b76c58e")
    );
    assert_eq!(
        reading.text("diag.previous_registration"),
        Some("2019-01-31 09:16:43.000 UTC")
    );
}

#[test]
fn a_failed_hybrid_join_gives_its_diagnostic_tests() {
    let rule = format!("+{}+", "-".repeat(70));
    let text = format!(
            "{rule}\n| Diagnostic Data |\n{rule}\n\n     Diagnostics Reference : www.microsoft.com/aadjerrors\n              User Context : SYSTEM\n               Client Time : 2019-01-31 09:25:31.000 UTC\n      AD Connectivity Test : PASS\n     AD Configuration Test : PASS\n        DRS Discovery Test : FAIL [0x801c0021/0x801c000c]\n     DRS Connectivity Test : SKIPPED\n    Token acquisition Test : SKIPPED\n     Fallback to Sync-Join : ENABLED\n"
        );
    let reading = read(&text);
    assert_eq!(reading.text("diag.user_context"), Some("SYSTEM"));
    assert_eq!(reading.text("diag.ad_connectivity_test"), Some("PASS"));
    assert_eq!(reading.text("diag.ad_configuration_test"), Some("PASS"));
    assert_eq!(
        reading.text("diag.drs_discovery_test"),
        Some("FAIL [0x801c0021/0x801c000c]")
    );
    assert_eq!(reading.text("diag.drs_connectivity_test"), Some("SKIPPED"));
    assert_eq!(reading.text("diag.token_acquisition_test"), Some("SKIPPED"));
    assert!(
        reading.notes.iter().all(|n| !n.contains("not read")),
        "{:?}",
        reading.notes
    );
}

#[test]
fn a_named_winhttp_proxy_and_the_system_account_stay_apart_from_the_users_proxy() {
    let rule = format!("+{}+", "-".repeat(70));
    let text = format!(
            "{rule}\n| WinHttp Default Proxy Config |\n{rule}\n  Access Type : NAMED_PROXY\n  Proxy Server List : 198.51.100.7:8080\n  Proxy Bypass List : <local>\n{rule}\n| URL Specific Proxy Config |\n{rule}\n  Executing Account Name : CONTOSO\\PC-0042$, PC-0042$@contoso.com\n"
        );
    let reading = read(&text);
    assert_eq!(
        reading.text("proxy.winhttp_access_type"),
        Some("NAMED_PROXY")
    );
    assert_eq!(
        reading.text("proxy.winhttp_server"),
        Some("198.51.100.7:8080")
    );
    assert_eq!(reading.get("proxy.server"), None);
    assert_eq!(reading.get("proxy.bypass"), None);
    assert_eq!(
        reading.get("user.domain_user"),
        None,
        "the machine account is not the user"
    );
}

#[test]
fn a_complete_paste_missing_a_section_says_so() {
    let trimmed: String = HYBRID
        .split(
            "+----------------------------------------------------------------------+\n| SSO State",
        )
        .next()
        .expect("the part before SSO State")
        .to_string()
        + "For more information, please visit https://www.microsoft.com/aadjerrors\n";
    let reading = read(&trimmed);
    assert_eq!(
        reading.notes,
        vec!["sections not in the paste: SSO State, Diagnostic Data, IE Proxy Config"]
    );
}

#[test]
fn text_without_any_dsregcmd_field_gives_no_fact() {
    assert_eq!(
            evidence::read("| Device State |\n"),
            Err(Refusal::Empty {
                kind: Kind::Dsregcmd,
                notes: vec!["the paste ends in Device State without dsregcmd's closing line, so it may be cut short; not in it: User State, SSO State, Diagnostic Data, IE Proxy Config, Ngc Prerequisite Check".to_string()],
            })
        );
    assert!(read(IPCONFIG).facts.is_empty());
}
