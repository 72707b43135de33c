//! Tests of the dsregcmd reader: fixtures, impostors, and any text never panicking.

use proptest::prelude::*;

use super::*;
use crate::evidence::{self, error_page, Refusal};

const HYBRID: &str = include_str!("../../../tests/fixtures/evidence/dsregcmd/win11_hybrid_prt.txt");
const ENTRA: &str =
    include_str!("../../../tests/fixtures/evidence/dsregcmd/entra_joined_no_prt.txt");
const OLD: &str =
    include_str!("../../../tests/fixtures/evidence/dsregcmd/win10_1709_no_banners.txt");
const MESSY: &str =
    include_str!("../../../tests/fixtures/evidence/dsregcmd/messy_crlf_truncated.txt");
const ERROR_PAGE: &str =
    include_str!("../../../tests/fixtures/evidence/dsregcmd/impostor_error_page.txt");
const IPCONFIG: &str =
    include_str!("../../../tests/fixtures/evidence/dsregcmd/impostor_ipconfig.txt");

const SAMPLES: &[&str] = &[HYBRID, ENTRA, OLD, MESSY];

/// The facts of a reading as (name, value, line) with lists joined by `|`, sorted by name.
fn facts(reading: &Reading) -> Vec<(String, String, usize)> {
    let mut out: Vec<(String, String, usize)> = reading
        .facts
        .iter()
        .map(|f| {
            let value = match &f.value {
                Value::Text(t) => t.clone(),
                Value::List(items) => items.join("|"),
            };
            (f.name.clone(), value, f.source.line)
        })
        .collect();
    out.sort();
    out
}

fn want(expected: &[(&str, &str, usize)]) -> Vec<(String, String, usize)> {
    let mut out: Vec<(String, String, usize)> = expected
        .iter()
        .map(|(n, v, l)| (n.to_string(), v.to_string(), *l))
        .collect();
    out.sort();
    out
}

/// The fixture's line `number`, trimmed, as a proof quotes it.
fn line_of(text: &str, number: usize) -> String {
    Lines::new(text)
        .find(|(n, _)| *n == number)
        .map(|(_, l)| l.trim().to_string())
        .expect("the fixture has that line")
}

#[test]
fn a_hybrid_joined_windows_11_with_a_prt_gives_every_fact_with_its_line() {
    let reading = read(HYBRID);
    let kerb = ".windows.net|.windows.net:1433|.windows.net:3342|.azure.net|.azure.net:1433|.azure.net:3342";
    let tenant = "ac325d0a-da2e-43d4-9601-59da9338bca9";
    let authority = format!("https://login.microsoftonline.com/{tenant}");
    assert_eq!(
        facts(&reading),
        want(&[
            ("device.azure_ad_joined", "yes", 6),
            ("device.enterprise_joined", "no", 7),
            ("device.domain_joined", "yes", 8),
            ("device.hybrid_joined", "yes", 6),
            ("device.domain_name", "CONTOSO", 9),
            ("device.device_name", "PC-0042.corp.contoso.com", 11),
            (
                "device.device_id",
                "e83a8901-3902-4083-b8ab-950fb6589d47",
                17
            ),
            ("device.tpm_protected", "yes", 22),
            ("device.auth_status", "SUCCESS", 23),
            ("device.tenant_name", "Contoso", 29),
            ("device.tenant_id", tenant, 30),
            ("user.ngc_set", "yes", 55),
            ("device.workplace_joined", "no", 58),
            ("user.wam_default_set", "yes", 59),
            ("sso.azure_ad_prt", "yes", 68),
            (
                "sso.azure_ad_prt_update_time",
                "2024-06-03 07:41:12.000 UTC",
                69
            ),
            (
                "sso.azure_ad_prt_expiry_time",
                "2024-06-17 07:41:11.000 UTC",
                70
            ),
            ("sso.azure_ad_prt_authority", &authority, 71),
            ("sso.enterprise_prt", "yes", 72),
            (
                "sso.enterprise_prt_update_time",
                "2024-06-03 07:41:14.000 UTC",
                73
            ),
            (
                "sso.enterprise_prt_expiry_time",
                "2024-06-17 07:41:14.000 UTC",
                74
            ),
            (
                "sso.enterprise_prt_authority",
                "https://sts.contoso.com:443/adfs",
                75
            ),
            ("sso.onprem_tgt", "yes", 76),
            ("sso.cloud_tgt", "yes", 77),
            ("sso.kerb_top_level_names", kerb, 78),
            ("diag.aad_recovery_enabled", "no", 84),
            ("user.domain_user", "CONTOSO\\alice", 85),
            ("user.upn", "alice@contoso.com", 85),
            ("diag.key_sign_test", "PASSED", 86),
            ("proxy.auto_detect", "no", 98),
            (
                "proxy.auto_config_url",
                "http://proxy.contoso.com/proxy.pac",
                99
            ),
            ("proxy.server", "192.0.2.10:8080", 100),
            ("proxy.bypass", "*.contoso.com;<local>", 101),
            ("proxy.winhttp_access_type", "DIRECT", 107),
            ("ngc.is_device_joined", "yes", 113),
            ("ngc.is_user_azure_ad", "yes", 114),
            ("ngc.policy_enabled", "yes", 115),
            ("ngc.device_eligible", "yes", 117),
            ("ngc.session_is_not_remote", "yes", 118),
            ("ngc.cert_enrollment", "none", 119),
            ("ngc.prereq_check", "WillNotProvision", 120),
        ])
    );
    assert!(reading.notes.is_empty(), "{:?}", reading.notes);
    let prt = reading.get("sso.azure_ad_prt").expect("the PRT line");
    assert_eq!(prt.source.text, "AzureAdPrt : YES");
    assert_eq!(prt.source.text, line_of(HYBRID, 68));
}

#[test]
fn an_entra_joined_device_without_prt_gives_the_failed_attempt_and_its_server_error() {
    let reading = read(ENTRA);
    let tenant = "ac325d0a-da2e-43d4-9601-59da9338bca9";
    let authority = format!("https://login.microsoftonline.com/{tenant}");
    assert_eq!(
        facts(&reading),
        want(&[
            ("device.azure_ad_joined", "yes", 6),
            ("device.enterprise_joined", "no", 7),
            ("device.domain_joined", "no", 8),
            ("device.hybrid_joined", "no", 6),
            ("device.device_name", "LAPTOP-7QK2M", 10),
            (
                "device.device_id",
                "a74baf59-0989-42a3-83f5-94902cff51e0",
                16
            ),
            ("device.tpm_protected", "no", 21),
            ("device.auth_status", "SUCCESS", 22),
            ("device.tenant_name", "Contoso", 28),
            ("device.tenant_id", tenant, 29),
            ("user.ngc_set", "no", 54),
            ("device.workplace_joined", "yes", 55),
            ("user.wam_default_set", "ERROR (0x80070520)", 56),
            ("sso.azure_ad_prt", "no", 62),
            ("sso.azure_ad_prt_authority", &authority, 63),
            ("sso.prt_attempt_time", "2024-06-03 08:12:40.512 UTC", 65),
            ("sso.acquire_prt_error", "0xc000006d", 66),
            ("sso.prt_attempt_user", "bob@contoso.com", 67),
            ("sso.prt_credential_type", "Password", 68),
            (
                "sso.prt_correlation_id",
                "738163f3-3489-436d-8f1c-5c6495b56f6e",
                69
            ),
            ("sso.prt_http_status", "400", 73),
            ("sso.prt_server_error", "invalid_grant", 74),
            (
                "sso.prt_server_message",
                "AADSTS50126: Error validating credentials due to invalid username or password.",
                75
            ),
            ("sso.prt_aadsts_code", "50126", 75),
            ("sso.enterprise_prt", "no", 76),
            ("sso.onprem_tgt", "no", 78),
            ("sso.cloud_tgt", "no", 79),
            (
                "user.work_account_tenant_ids",
                "42f7dd5b-f8c4-442b-9d0b-37f1a4083f3e",
                92
            ),
            ("user.work_account_tenant_names", "Fabrikam", 93),
            ("ngc.is_device_joined", "yes", 102),
            ("ngc.is_user_azure_ad", "yes", 103),
            ("ngc.policy_enabled", "no", 104),
            ("ngc.device_eligible", "yes", 106),
            ("ngc.session_is_not_remote", "no", 107),
            ("ngc.cert_enrollment", "none", 108),
            ("ngc.prereq_check", "WillNotProvision", 110),
            ("proxy.system_auto_detect", "no", 116),
            ("proxy.system_auto_config_url", "", 117),
            ("proxy.system_server", "198.51.100.20:3128", 118),
            ("proxy.system_bypass", "<local>", 119),
            ("proxy.auto_detect", "yes", 125),
            ("proxy.auto_config_url", "", 126),
            ("proxy.server", "", 127),
            ("proxy.bypass", "", 128),
            ("proxy.winhttp_access_type", "DIRECT", 134),
            ("diag.user_context", "ELEVATED User", 141),
            ("diag.client_time", "2024-06-03 08:20:05.000 UTC", 142),
            ("diag.aad_recovery_enabled", "no", 143),
            ("user.domain_user", "AzureAD\\BobJones", 144),
            ("user.upn", "bob@contoso.com", 144),
            ("diag.key_sign_test", "PASSED", 145),
        ])
    );
    assert!(reading.notes.is_empty(), "{:?}", reading.notes);
}

#[test]
fn an_old_windows_10_output_without_banners_is_read_by_field_names() {
    let reading = read(OLD);
    let tenant = "ac325d0a-da2e-43d4-9601-59da9338bca9";
    let authority = format!("https://login.microsoftonline.com/{tenant}");
    assert_eq!(
        facts(&reading),
        want(&[
            ("device.azure_ad_joined", "yes", 2),
            ("device.enterprise_joined", "no", 3),
            (
                "device.device_id",
                "3822f2a0-5f5b-4477-93c4-9c0bd60eb526",
                4
            ),
            ("device.tpm_protected", "no", 8),
            ("diag.key_sign_test", "MUST Run elevated to test.", 9),
            ("device.tenant_id", tenant, 11),
            ("device.tenant_name", "Contoso", 12),
            ("device.domain_joined", "yes", 25),
            ("device.hybrid_joined", "yes", 2),
            ("device.domain_name", "CONTOSO", 26),
            ("user.ngc_set", "no", 28),
            ("device.workplace_joined", "no", 29),
            ("user.wam_default_set", "yes", 30),
            ("sso.azure_ad_prt", "yes", 34),
            ("sso.azure_ad_prt_authority", &authority, 35),
            ("sso.enterprise_prt", "no", 36),
        ])
    );
    assert_eq!(
        reading.notes,
        vec!["no section banners (an older Windows 10 layout): fields were read by name"]
    );
    assert_eq!(
        reading.get("device.auth_status"),
        None,
        "1709 has no DeviceAuthStatus"
    );
    assert_eq!(reading.get("sso.azure_ad_prt_update_time"), None);
}

#[test]
fn a_messy_truncated_crlf_paste_is_read_up_to_its_cut_with_notes() {
    assert!(
        MESSY.contains("\r\n"),
        "the fixture keeps its CRLF line ends"
    );
    assert!(MESSY.contains("\n\t    "), "and its leading tabs");
    let reading = read(MESSY);
    assert_eq!(
        facts(&reading),
        want(&[
            ("device.azure_ad_joined", "yes", 10),
            ("device.enterprise_joined", "no", 11),
            ("device.domain_joined", "yes", 12),
            ("device.hybrid_joined", "yes", 10),
            ("device.domain_name", "CONTOSO", 13),
            ("device.device_name", "PC-0077.corp.contoso.com", 14),
            (
                "device.device_id",
                "e94194fe-3da5-40d6-8d12-819e5ff0433b",
                20
            ),
            ("device.tpm_protected", "yes", 23),
            (
                "device.auth_status",
                "FAILED. Device is either disabled or deleted",
                24
            ),
            ("device.tenant_name", "Contoso", 31),
            (
                "device.tenant_id",
                "ac325d0a-da2e-43d4-9601-59da9338bca9",
                32
            ),
            ("user.ngc_set", "no", 39),
            ("device.workplace_joined", "no", 40),
            ("user.wam_default_set", "yes", 41),
            ("sso.azure_ad_prt", "yes", 49),
            (
                "sso.azure_ad_prt_update_time",
                "2024-06-01 06:58:02.000 UTC",
                50
            ),
        ])
    );
    assert_eq!(
            reading.notes,
            vec![
                "2 lines not read: CloudAttestation, RoamingProfileState".to_string(),
                "the paste ends in SSO State without dsregcmd's closing line, so it may be cut short; not in it: Diagnostic Data, IE Proxy Config, Ngc Prerequisite Check".to_string(),
            ]
        );
    let through_evidence = evidence::read(MESSY).expect("a reading");
    assert_eq!(
        through_evidence, reading,
        "cleaned first or not, the same reading"
    );
    let id = reading.get("device.device_id").expect("device id");
    assert_eq!(
        id.source.text,
        "DeviceId : e94194fe-3da5-40d6-8d12-819e5ff0433b"
    );
}

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

#[test]
fn field_names_compare_without_case_or_spaces_and_yes_no_are_lowered() {
    let reading = read("azure ad joined: Yes\nDOMAINJOINED :no\nTpm Protected : YES ( TPM 2.0 )\n");
    assert_eq!(reading.text("device.azure_ad_joined"), Some("yes"));
    assert_eq!(reading.text("device.domain_joined"), Some("no"));
    assert_eq!(reading.text("device.hybrid_joined"), Some("no"));
    assert_eq!(
        reading.text("device.tpm_protected"),
        Some("YES ( TPM 2.0 )")
    );
}

#[test]
fn of_two_outputs_in_one_paste_the_first_wins_and_unknown_names_are_listed_once() {
    let text = "AzureAdJoined : NO\nDomainJoined : YES\nFutureA : 1\nFutureA : 2\nC:\\>dsregcmd /status\nAzureAdJoined : YES\nDomainJoined : NO\nFutureB : x\nFutureC : x\nFutureD : x\nFutureE : x\nFutureF : x\n";
    let reading = read(text);
    assert_eq!(reading.text("device.azure_ad_joined"), Some("no"));
    assert_eq!(
        reading.get("device.azure_ad_joined").map(|f| f.source.line),
        Some(1)
    );
    assert_eq!(reading.text("device.hybrid_joined"), Some("no"));
    assert_eq!(
        reading.notes,
        vec![
            "7 lines not read: FutureA, FutureB, FutureC, FutureD, FutureE, ...",
            "no section banners (an older Windows 10 layout): fields were read by name",
        ]
    );
    let two = read("AzureAdJoined : YES\nDomainJoined : YES\nFutureA : 1\nFutureA : 2\n");
    assert_eq!(two.notes[0], "2 lines not read: FutureA");
}

#[test]
fn hybrid_is_unknown_unless_both_join_lines_were_read() {
    let reading = read("AzureAdJoined : YES\n");
    assert_eq!(reading.get("device.hybrid_joined"), None);
}

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

#[test]
fn every_fact_read_is_declared_and_every_declared_name_is_unique() {
    for sample in SAMPLES {
        for fact in read(sample).facts {
            assert!(
                SETS.iter().any(|(n, _)| *n == fact.name),
                "{} undeclared",
                fact.name
            );
        }
    }
    let mut names: Vec<&str> = SETS.iter().map(|(n, _)| *n).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), SETS.len());
    for name in names {
        let prefix = name.split('.').next().unwrap_or_default();
        assert!(
            ["device", "sso", "user", "diag", "proxy", "ngc"].contains(&prefix),
            "{name}"
        );
    }
}

#[test]
fn every_fact_target_names_a_declared_fact() {
    let sections = [
        Section::Unknown,
        Section::DeviceState,
        Section::DeviceDetails,
        Section::TenantDetails,
        Section::UserState,
        Section::SsoState,
        Section::Diagnostic,
        Section::ProxyUser,
        Section::ProxySystem,
        Section::ProxyWinHttp,
        Section::WorkAccount,
        Section::Ngc,
        Section::Other,
    ];
    let keys: Vec<String> = SAMPLES
        .iter()
        .flat_map(|s| Lines::new(s).filter_map(|(_, l)| split_field(l).map(|(n, _)| normalise(n))))
        .chain(SIGNATURE.iter().map(|s| s.to_string()))
        .collect();
    for key in &keys {
        for section in sections {
            for prt in [Prt::Entra, Prt::Enterprise] {
                if let Target::Fact(fact) = target(key, section, prt) {
                    assert!(SETS.iter().any(|(n, _)| *n == fact), "{key} -> {fact}");
                }
            }
        }
    }
}

#[test]
fn proofs_are_the_trimmed_lines() {
    let reading = read(ENTRA);
    let message = reading.get("sso.prt_server_message").expect("message");
    assert_eq!(message.source.text, line_of(ENTRA, 75));
    assert!(message
        .source
        .text
        .starts_with("Server Error Description : AADSTS50126"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn shuffled_and_cut_fixture_lines_give_declared_facts(
        picks in prop::collection::vec((0usize..4, 0usize..160), 0..200),
        cut in 0usize..80,
    ) {
        let lines: Vec<Vec<&str>> = SAMPLES.iter().map(|s| s.lines().collect()).collect();
        let mut text = String::new();
        for (sample, line) in picks {
            let from = &lines[sample];
            if let Some(l) = from.get(line % from.len().max(1)) {
                text.push_str(l);
                text.push('\n');
            }
        }
        let mut end = text.len().saturating_sub(cut);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let _ = recognise(text);
        for fact in read(text).facts {
            prop_assert!(SETS.iter().any(|(n, _)| *n == fact.name));
        }
    }
}
