//! Reading each fixture whole: every fact with its line, and the notes.

use super::*;
use crate::evidence;

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
fn proofs_are_the_trimmed_lines() {
    let reading = read(ENTRA);
    let message = reading.get("sso.prt_server_message").expect("message");
    assert_eq!(message.source.text, line_of(ENTRA, 75));
    assert!(message
        .source
        .text
        .starts_with("Server Error Description : AADSTS50126"));
}
