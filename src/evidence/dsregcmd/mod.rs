//! Reads `dsregcmd /status` output into the `device.*`, `sso.*`, `user.*`, `diag.*`, `proxy.*` and
//! `ngc.*` variables a guide can use.
//!
//! The output is a run of banner sections (a `+----+` rule, a `| Device State |` title, a rule)
//! holding right-aligned `Name : Value` lines: Device State, Device Details, Tenant Details, User
//! State, SSO State, Diagnostic Data, IE Proxy Config (for the current user, and for the system
//! account when run elevated), WinHttp Default Proxy Config, one Work Account section per added
//! work account, and Ngc Prerequisite Check; a current build ends with a line pointing to
//! `https://www.microsoft.com/aadjerrors`. Older Windows 10 builds print fewer fields (no
//! DeviceAuthStatus, no PRT times or PRT diagnostics), put the device and tenant details under
//! Device State and the PRT under User State, or print no banners at all. Fields are read by
//! name wherever they stand, so sections in another order or missing are read alike; the few
//! names printed in two sections (`TpmProtected` and `NgcSet` again under a Work Account,
//! `OnPremTgt` under Ngc Prerequisite Check, `Server ErrorCode` under Diagnostic Data) are told
//! apart by their section, or, without banners, by the fields just before them.
//!
//! Sources (the format, field by field, with sample output):
//! - <https://learn.microsoft.com/entra/identity/devices/troubleshoot-device-dsregcmd>
//! - <https://learn.microsoft.com/entra/identity/devices/troubleshoot-primary-refresh-token>
//!   (the `Attempt Status` and server error lines of the SSO State section)
//! - <https://learn.microsoft.com/entra/identity/devices/troubleshoot-hybrid-join-windows-current>
//!   (Diagnostic Data of a failed hybrid join; the older layout without an SSO State section)

use crate::text::{clean, is_clean};

use super::{proof, Kind, Lines, Reader, Reading};

mod derived;
mod field_targets;
mod line_shapes;
mod missing_sections;
mod recognise;
mod record;
mod sections;

use derived::{derive_hybrid, derive_prt_age};
use field_targets::{target, Prt, Target};
use line_shapes::{banner_title, is_footer, is_prompt, is_rule, normalise, split_field};
use missing_sections::note_missing_sections;
use recognise::recognise;
use record::{set_fact, ListFact};
use sections::{home, Section};

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    ("device.azure_ad_joined", "AzureAdJoined: yes when the device is Entra joined"),
    ("device.domain_joined", "DomainJoined: yes when the device is joined to an AD domain"),
    ("device.enterprise_joined", "EnterpriseJoined: yes when joined to an on-premises DRS"),
    ("device.workplace_joined", "WorkplaceJoined (User State): yes when Entra registered accounts were added"),
    ("device.hybrid_joined", "derived, not printed: yes when AzureAdJoined and DomainJoined are both YES, no when either is NO"),
    ("device.domain_name", "DomainName: the AD domain's NetBIOS name"),
    ("device.device_name", "Device Name: the computer's name"),
    ("device.device_id", "DeviceId: the device's id in Entra ID, a GUID"),
    ("device.auth_status", "DeviceAuthStatus: SUCCESS, or FAILED and why (21H1 and later)"),
    ("device.tpm_protected", "TpmProtected: yes when the device key is in a TPM"),
    ("device.tenant_name", "TenantName: the Entra tenant the device is joined to"),
    ("device.tenant_id", "TenantId: the tenant's id, a GUID"),
    ("sso.azure_ad_prt", "AzureAdPrt: yes when the user has an Entra primary refresh token"),
    ("sso.azure_ad_prt_update_time", "AzureAdPrtUpdateTime: when the PRT was last renewed, UTC as printed"),
    ("sso.azure_ad_prt_expiry_time", "AzureAdPrtExpiryTime: when the PRT expires unless renewed, UTC as printed"),
    ("sso.azure_ad_prt_authority", "AzureAdPrtAuthority: the Entra authority URL of the PRT"),
    ("sso.enterprise_prt", "EnterprisePrt: yes when the user has a PRT from AD FS"),
    ("sso.enterprise_prt_update_time", "EnterprisePrtUpdateTime: when the AD FS PRT was last renewed"),
    ("sso.enterprise_prt_expiry_time", "EnterprisePrtExpiryTime: when the AD FS PRT expires"),
    ("sso.enterprise_prt_authority", "EnterprisePrtAuthority: the AD FS authority URL"),
    ("sso.onprem_tgt", "OnPremTgt: yes when a Cloud Kerberos ticket for on-premises resources is present"),
    ("sso.cloud_tgt", "CloudTgt: yes when a Cloud Kerberos ticket for cloud resources is present"),
    ("sso.kerb_top_level_names", "KerbTopLevelNames: the Cloud Kerberos realm names, a list"),
    ("sso.acquire_prt_error", "Attempt Status of the last failed Entra PRT acquire or refresh (AcquirePrtDiagnostics / RefreshPrtDiagnostics), such as 0xc000006d"),
    ("sso.prt_attempt_time", "Previous Prt Attempt: when the failed Entra PRT attempt happened"),
    ("sso.prt_attempt_user", "User Identity: the UPN the failed Entra PRT attempt was for"),
    ("sso.prt_credential_type", "Credential Type of the failed Entra PRT attempt (Password, NGC)"),
    ("sso.prt_correlation_id", "Correlation ID of the failed Entra PRT attempt"),
    ("sso.prt_http_status", "HTTP status the token endpoint returned to the failed Entra PRT attempt"),
    ("sso.prt_server_error", "Server Error Code of the failed Entra PRT attempt (invalid_grant)"),
    ("sso.prt_server_message", "Server Error Description of the failed Entra PRT attempt"),
    ("sso.prt_aadsts_code", "the AADSTS code in that Server Error Description, digits only"),
    ("sso.enterprise_prt_error", "Attempt Status of the last failed AD FS PRT attempt"),
    ("sso.enterprise_prt_server_error", "Server Error Code of the last failed AD FS PRT attempt"),
    ("user.ngc_set", "NgcSet (User State): yes when the user has a Windows Hello for Business key"),
    ("user.wam_default_set", "WamDefaultSet: yes when the user has a default WAM web account, else as printed (ERROR ...)"),
    ("user.domain_user", "the DOMAIN\\user part of Executing Account Name (Diagnostic Data): who ran dsregcmd"),
    ("user.upn", "the UPN part of Executing Account Name, when printed"),
    ("user.work_account_tenant_names", "WorkplaceTenantName of each Work Account section, a list"),
    ("user.work_account_tenant_ids", "WorkplaceTenantId of each Work Account section, a list"),
    ("diag.client_time", "Client Time (Diagnostic Data): the device's clock when dsregcmd ran, UTC"),
    ("sso.azure_ad_prt_age_hours", "derived: whole hours from AzureAdPrtUpdateTime to Client Time"),
    ("sso.azure_ad_prt_stale", "derived: yes when the PRT was last renewed more than 4 hours before Client Time"),
    ("diag.user_context", "User Context: SYSTEM, UN-ELEVATED User or ELEVATED User"),
    ("diag.ad_connectivity_test", "AD Connectivity Test: PASS, or FAIL with a code"),
    ("diag.ad_configuration_test", "AD Configuration Test (the SCP): PASS, or FAIL with a code"),
    ("diag.drs_discovery_test", "DRS Discovery Test: PASS, or FAIL with a code"),
    ("diag.drs_connectivity_test", "DRS Connectivity Test: PASS, or FAIL with a code"),
    ("diag.token_acquisition_test", "Token acquisition Test: PASS, or FAIL with a code"),
    ("diag.previous_registration", "Previous Registration: when the last failed join was tried"),
    ("diag.error_phase", "Error Phase of the last failed join: pre-check, discover, auth or join"),
    ("diag.client_error", "Client ErrorCode of the last failed join (HRESULT)"),
    ("diag.server_error", "Server ErrorCode of the last failed join (DirectoryError)"),
    ("diag.server_message", "Server Message of the last failed join"),
    ("diag.request_id", "Request Id the last failed join sent to the server"),
    ("diag.attempt_status", "an Attempt Status line printed under Diagnostic Data, as printed"),
    ("diag.aad_recovery_enabled", "AadRecoveryEnabled: yes when the device keys are unusable and marked for recovery"),
    ("diag.key_sign_test", "KeySignTest: PASSED, or why not (it needs an elevated prompt)"),
    ("proxy.auto_detect", "Auto Detect Settings (IE proxy of the current user): yes or no"),
    ("proxy.auto_config_url", "Auto-Configuration URL (IE proxy of the current user): the PAC URL, empty when none"),
    ("proxy.server", "Proxy Server List (IE proxy of the current user), empty when none"),
    ("proxy.bypass", "Proxy Bypass List (IE proxy of the current user), empty when none"),
    ("proxy.system_auto_detect", "Auto Detect Settings of the system account's IE proxy (elevated runs)"),
    ("proxy.system_auto_config_url", "Auto-Configuration URL of the system account's IE proxy, empty when none"),
    ("proxy.system_server", "Proxy Server List of the system account's IE proxy, empty when none"),
    ("proxy.system_bypass", "Proxy Bypass List of the system account's IE proxy, empty when none"),
    ("proxy.winhttp_access_type", "Access Type of the WinHttp default proxy: DIRECT or NAMED_PROXY"),
    ("proxy.winhttp_server", "Proxy Server List of the WinHttp default proxy, empty when none"),
    ("ngc.policy_enabled", "PolicyEnabled: yes when the Windows Hello for Business policy is on"),
    ("ngc.prereq_check", "PreReqResult: WillProvision or WillNotProvision"),
    ("ngc.is_device_joined", "IsDeviceJoined (Ngc Prerequisite Check)"),
    ("ngc.is_user_azure_ad", "IsUserAzureAD: yes when the signed-in user is in Entra ID"),
    ("ngc.device_eligible", "DeviceEligible: yes when the hardware can enrol Windows Hello"),
    ("ngc.session_is_not_remote", "SessionIsNotRemote: yes when the user is signed in at the device, not remotely"),
    ("ngc.cert_enrollment", "CertEnrollment: enrollment authority, mobile device management or none"),
];

/// The dsregcmd reader.
pub const READER: Reader = Reader {
    kind: Kind::Dsregcmd,
    sets: SETS,
    recognise,
    read,
};

/// The facts of a `dsregcmd /status` paste; what it could not read is in the notes.
pub fn read(text: &str) -> Reading {
    // `evidence::read` hands over cleaned text: it is not copied again.
    let cleaned;
    let text = if is_clean(text) {
        text
    } else {
        cleaned = clean(text);
        cleaned.as_str()
    };
    let mut reading = Reading::new(Kind::Dsregcmd);
    let mut banner = Section::Unknown;
    let mut inferred = Section::Unknown;
    let mut prt = Prt::Entra;
    // Between the first dsregcmd line and a prompt (or the closing line): other command output
    // around the paste is not counted as lines not read.
    let mut in_output = false;
    let mut sections: Vec<Section> = Vec::new();
    let mut footer = false;
    let mut old_layout = false;
    let mut not_read: Vec<String> = Vec::new();
    let mut not_read_count = 0usize;
    let mut not_read_unlisted = false;
    let mut tenant_names = ListFact::default();
    let mut tenant_ids = ListFact::default();

    for (number, line) in Lines::new(text) {
        if let Some(title) = banner_title(line) {
            banner = Section::from_title(title);
            inferred = banner;
            prt = Prt::Entra;
            in_output = true;
            if !sections.contains(&banner) {
                sections.push(banner);
            }
            continue;
        }
        if is_rule(line) {
            continue;
        }
        if is_prompt(line) {
            in_output = false;
            continue;
        }
        if is_footer(line) {
            footer = true;
            in_output = false;
            continue;
        }
        let Some((name, value)) = split_field(line) else {
            continue;
        };
        let key = normalise(name);
        // Without a banner, or under one tshoot does not know, the fields just read tell the
        // section; under a known banner, the banner does.
        let section = if matches!(banner, Section::Unknown | Section::Other) {
            if let Some(home) = home(&key) {
                inferred = home;
            }
            inferred
        } else {
            banner
        };
        if key.starts_with("azureadprt") {
            prt = Prt::Entra;
        } else if key.starts_with("enterpriseprt") {
            prt = Prt::Enterprise;
        }
        if (banner == Section::DeviceState && matches!(key.as_str(), "deviceid" | "tenantid"))
            || (banner == Section::UserState && key == "azureadprt")
        {
            old_layout = true;
        }
        let target = target(&key, section, prt);
        if target != Target::Unknown {
            in_output = true;
        }
        match target {
            Target::Fact(fact) => set_fact(&mut reading, fact, value, number, line),
            Target::Account if reading.get("user.domain_user").is_none() => {
                let mut parts = value.splitn(2, ',').map(str::trim);
                let user = parts.next().unwrap_or_default();
                if !user.is_empty() {
                    reading.set("user.domain_user", user, proof(number, line));
                }
                if let Some(upn) = parts.next().filter(|upn| upn.contains('@')) {
                    reading.set("user.upn", upn, proof(number, line));
                }
            }
            Target::WorkTenantName if !value.is_empty() => {
                tenant_names.push(value, number, line);
            }
            Target::WorkTenantId if !value.is_empty() => tenant_ids.push(value, number, line),
            Target::Unknown if in_output && (!value.is_empty() || banner != Section::Unknown) => {
                not_read_count += 1;
                if !not_read.iter().any(|n| n == name) {
                    if not_read.len() < 5 {
                        not_read.push(name.to_string());
                    } else {
                        not_read_unlisted = true;
                    }
                }
            }
            _ => {}
        }
    }
    tenant_names.set(&mut reading, "user.work_account_tenant_names");
    tenant_ids.set(&mut reading, "user.work_account_tenant_ids");
    derive_hybrid(&mut reading);
    derive_prt_age(&mut reading);

    if not_read_count > 0 {
        let more = if not_read_unlisted { ", ..." } else { "" };
        reading.note(format!(
            "{not_read_count} {} not read: {}{more}",
            if not_read_count == 1 { "line" } else { "lines" },
            not_read.join(", ")
        ));
    }
    note_missing_sections(&mut reading, &sections, footer, old_layout);
    reading
}

#[cfg(test)]
mod tests;
