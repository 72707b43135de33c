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

use crate::guide::Value;
use crate::text::{clean, is_clean};

use super::error_page::error_codes;
use super::{proof, Kind, Lines, Reader, Reading, Source};

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

/// Field names (compared without case or spaces) that only dsregcmd prints.
const SIGNATURE: &[&str] = &[
    "azureadjoined",
    "domainjoined",
    "enterprisejoined",
    "workplacejoined",
    "deviceauthstatus",
    "tenantname",
    "azureadprt",
    "azureadprtupdatetime",
    "azureadprtexpirytime",
    "azureadprtauthority",
    "enterpriseprt",
    "enterpriseprtauthority",
    "acquireprtdiagnostics",
    "refreshprtdiagnostics",
    "previousprtattempt",
    "kerbtoplevelnames",
    "onpremtgt",
    "cloudtgt",
    "wamdefaultset",
    "wamdefaultauthority",
    "wamdefaultguid",
    "ngcset",
    "ngckeyid",
    "devicecertificatevalidity",
    "joinsrvurl",
    "keysrvurl",
    "aadrecoveryenabled",
    "keysigntest",
    "isdevicejoined",
    "isuserazuread",
    "prereqresult",
];

/// Banner titles only dsregcmd prints (compared without case or spaces).
const SIGNATURE_TITLES: &[&str] = &[
    "devicestate",
    "devicedetails",
    "tenantdetails",
    "userstate",
    "ssostate",
    "ngcprerequisitecheck",
];

/// How much of a paste `recognise` looks at.
const RECOGNISE_LINES: usize = 400;
const RECOGNISE_BYTES: usize = 64 * 1024;

/// Sure (95, above the error page's 90 for an AADSTS code, which the SSO State's server error
/// can hold) with a dsregcmd banner or two of the field names only dsregcmd prints.
fn recognise(text: &str) -> u8 {
    let mut end = text.len().min(RECOGNISE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut seen: Vec<&str> = Vec::new();
    for (_, line) in Lines::new(&text[..end]).take(RECOGNISE_LINES) {
        if let Some(title) = banner_title(line) {
            if SIGNATURE_TITLES.contains(&normalise(title).as_str()) {
                return 95;
            }
            continue;
        }
        let Some((name, _)) = split_field(line) else {
            continue;
        };
        let key = normalise(name);
        if let Some(known) = SIGNATURE.iter().find(|s| **s == key) {
            if !seen.contains(known) {
                seen.push(*known);
                if seen.len() >= 2 {
                    return 95;
                }
            }
        }
    }
    0
}

/// A section of the output, from its banner title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// No banner seen (older builds): fields are read by name.
    Unknown,
    DeviceState,
    DeviceDetails,
    TenantDetails,
    UserState,
    SsoState,
    Diagnostic,
    ProxyUser,
    ProxySystem,
    ProxyWinHttp,
    WorkAccount,
    Ngc,
    /// A banner tshoot does not know (URL Specific Proxy Config, or a newer one).
    Other,
}

impl Section {
    fn from_title(title: &str) -> Section {
        match normalise(title).as_str() {
            "devicestate" => Section::DeviceState,
            "devicedetails" => Section::DeviceDetails,
            "tenantdetails" => Section::TenantDetails,
            "userstate" => Section::UserState,
            "ssostate" => Section::SsoState,
            "diagnosticdata" | "diagnosticsdata" => Section::Diagnostic,
            "ieproxyconfig" | "ieproxyconfigforcurrentuser" => Section::ProxyUser,
            "ieproxyconfigforsystemaccount" => Section::ProxySystem,
            "winhttpdefaultproxyconfig" => Section::ProxyWinHttp,
            "ngcprerequisitecheck" => Section::Ngc,
            t if t.starts_with("workaccount") => Section::WorkAccount,
            _ => Section::Other,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Section::Unknown | Section::Other => "an unnamed section",
            Section::DeviceState => "Device State",
            Section::DeviceDetails => "Device Details",
            Section::TenantDetails => "Tenant Details",
            Section::UserState => "User State",
            Section::SsoState => "SSO State",
            Section::Diagnostic => "Diagnostic Data",
            Section::ProxyUser | Section::ProxySystem => "IE Proxy Config",
            Section::ProxyWinHttp => "WinHttp Default Proxy Config",
            Section::WorkAccount => "Work Account",
            Section::Ngc => "Ngc Prerequisite Check",
        }
    }
}

/// The section a field belongs to in the current layout, for reading output without banners:
/// the fields that name their section.
fn home(key: &str) -> Option<Section> {
    Some(match key {
        "azureadjoined" | "domainjoined" | "enterprisejoined" => Section::DeviceState,
        "workplacejoined" | "wamdefaultset" => Section::UserState,
        "acquireprtdiagnostics"
        | "refreshprtdiagnostics"
        | "previousprtattempt"
        | "kerbtoplevelnames" => Section::SsoState,
        k if k.starts_with("azureadprt") || k.starts_with("enterpriseprt") => Section::SsoState,
        "diagnosticsreference"
        | "usercontext"
        | "clienttime"
        | "adconnectivitytest"
        | "adconfigurationtest"
        | "drsdiscoverytest"
        | "drsconnectivitytest"
        | "tokenacquisitiontest"
        | "previousregistration"
        | "registrationtype"
        | "errorphase"
        | "clienterrorcode"
        | "servermessage"
        | "httpsstatus"
        | "aadrecoveryenabled"
        | "keysigntest" => Section::Diagnostic,
        "workplacedeviceid"
        | "workplacethumbprint"
        | "workplacetenantid"
        | "workplacetenantname" => Section::WorkAccount,
        "isdevicejoined" | "isuserazuread" | "prereqresult" | "ngcprereq" => Section::Ngc,
        "autodetectsettings" => Section::ProxyUser,
        "accesstype" => Section::ProxyWinHttp,
        _ => return None,
    })
}

/// Which PRT the diagnostics lines under it are about: the SSO State prints an Entra PRT's
/// failed attempt under `AzureAdPrt` and an AD FS PRT's under `EnterprisePrt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prt {
    Entra,
    Enterprise,
}

/// What a field line becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Fact(&'static str),
    /// Executing Account Name: `DOMAIN\user, upn`.
    Account,
    /// WorkplaceTenantName / WorkplaceTenantId: one list entry per Work Account.
    WorkTenantName,
    WorkTenantId,
    /// A documented field tshoot does not use.
    Known,
    /// A name tshoot does not know.
    Unknown,
}

/// The fact a field sets, from its normalised name, the section it stands in and the PRT whose
/// diagnostics are being printed.
fn target(key: &str, section: Section, prt: Prt) -> Target {
    use Section::{Diagnostic, Ngc, Other, ProxySystem, ProxyUser, ProxyWinHttp, WorkAccount};
    let enterprise = prt == Prt::Enterprise;
    let fact = match key {
        "azureadjoined" => "device.azure_ad_joined",
        "domainjoined" => "device.domain_joined",
        "enterprisejoined" => "device.enterprise_joined",
        "workplacejoined" => "device.workplace_joined",
        "domainname" => "device.domain_name",
        "devicename" => "device.device_name",
        "deviceid" => "device.device_id",
        "deviceauthstatus" => "device.auth_status",
        "tpmprotected" if section != WorkAccount => "device.tpm_protected",
        "tenantname" => "device.tenant_name",
        "tenantid" => "device.tenant_id",
        "azureadprt" => "sso.azure_ad_prt",
        "azureadprtupdatetime" => "sso.azure_ad_prt_update_time",
        "azureadprtexpirytime" => "sso.azure_ad_prt_expiry_time",
        "azureadprtauthority" => "sso.azure_ad_prt_authority",
        "enterpriseprt" => "sso.enterprise_prt",
        "enterpriseprtupdatetime" => "sso.enterprise_prt_update_time",
        "enterpriseprtexpirytime" => "sso.enterprise_prt_expiry_time",
        "enterpriseprtauthority" => "sso.enterprise_prt_authority",
        "onpremtgt" if section != Ngc => "sso.onprem_tgt",
        "cloudtgt" if section != Ngc => "sso.cloud_tgt",
        "kerbtoplevelnames" => "sso.kerb_top_level_names",
        "attemptstatus" if section == Diagnostic => "diag.attempt_status",
        "attemptstatus" if enterprise => "sso.enterprise_prt_error",
        "attemptstatus" => "sso.acquire_prt_error",
        "servererrorcode" if section == Diagnostic => "diag.server_error",
        "servererrorcode" if enterprise => "sso.enterprise_prt_server_error",
        "servererrorcode" => "sso.prt_server_error",
        "previousprtattempt" if !enterprise => "sso.prt_attempt_time",
        "useridentity" if !enterprise => "sso.prt_attempt_user",
        "credentialtype" if !enterprise => "sso.prt_credential_type",
        "correlationid" if !enterprise => "sso.prt_correlation_id",
        "httpstatus" if !enterprise => "sso.prt_http_status",
        "servererrordescription" if !enterprise => "sso.prt_server_message",
        "ngcset" if section != WorkAccount => "user.ngc_set",
        "wamdefaultset" => "user.wam_default_set",
        "executingaccountname"
            if !matches!(section, Other | ProxyUser | ProxySystem | ProxyWinHttp) =>
        {
            return Target::Account
        }
        "workplacetenantname" => return Target::WorkTenantName,
        "workplacetenantid" => return Target::WorkTenantId,
        "clienttime" => "diag.client_time",
        "usercontext" => "diag.user_context",
        "adconnectivitytest" => "diag.ad_connectivity_test",
        "adconfigurationtest" => "diag.ad_configuration_test",
        "drsdiscoverytest" => "diag.drs_discovery_test",
        "drsconnectivitytest" => "diag.drs_connectivity_test",
        "tokenacquisitiontest" => "diag.token_acquisition_test",
        "previousregistration" => "diag.previous_registration",
        "errorphase" => "diag.error_phase",
        "clienterrorcode" => "diag.client_error",
        "servermessage" => "diag.server_message",
        "requestid" => "diag.request_id",
        "aadrecoveryenabled" => "diag.aad_recovery_enabled",
        "keysigntest" => "diag.key_sign_test",
        "autodetectsettings" if section == ProxySystem => "proxy.system_auto_detect",
        "autoconfigurationurl" if section == ProxySystem => "proxy.system_auto_config_url",
        "proxyserverlist" if section == ProxySystem => "proxy.system_server",
        "proxybypasslist" if section == ProxySystem => "proxy.system_bypass",
        "proxyserverlist" if section == ProxyWinHttp => "proxy.winhttp_server",
        "autodetectsettings" | "autoconfigurationurl" | "proxybypasslist"
            if section == ProxyWinHttp =>
        {
            return Target::Known
        }
        "autodetectsettings" => "proxy.auto_detect",
        "autoconfigurationurl" => "proxy.auto_config_url",
        "proxyserverlist" => "proxy.server",
        "proxybypasslist" => "proxy.bypass",
        "accesstype" => "proxy.winhttp_access_type",
        "policyenabled" => "ngc.policy_enabled",
        "prereqresult" => "ngc.prereq_check",
        "isdevicejoined" => "ngc.is_device_joined",
        "isuserazuread" => "ngc.is_user_azure_ad",
        "deviceeligible" => "ngc.device_eligible",
        "sessionisnotremote" => "ngc.session_is_not_remote",
        "certenrollment" => "ngc.cert_enrollment",
        _ if KNOWN_UNREAD.contains(&key) => return Target::Known,
        // The names above that their section rules out here (NgcSet under a Work Account).
        "tpmprotected"
        | "onpremtgt"
        | "cloudtgt"
        | "previousprtattempt"
        | "useridentity"
        | "credentialtype"
        | "correlationid"
        | "httpstatus"
        | "servererrordescription"
        | "ngcset"
        | "executingaccountname" => return Target::Known,
        _ => return Target::Unknown,
    };
    Target::Fact(fact)
}

/// Documented fields tshoot does not read: not counted as lines it could not read.
const KNOWN_UNREAD: &[&str] = &[
    "virtualdesktop",
    "thumbprint",
    "devicecertificatevalidity",
    "keycontainerid",
    "keyprovider",
    "idp",
    "authcodeurl",
    "accesstokenurl",
    "mdmurl",
    "mdmtouurl",
    "mdmcomplianceurl",
    "dmcomplianceurl",
    "settingsurl",
    "joinsrvversion",
    "joinsrvurl",
    "joinsrvid",
    "keysrvversion",
    "keysrvurl",
    "keysrvid",
    "webauthnsrvversion",
    "webauthnsrvurl",
    "webauthnsrvid",
    "devicemanagementsrvver",
    "devicemanagementsrvurl",
    "devicemanagementsrvid",
    "ngckeyid",
    "canreset",
    "wamdefaultauthority",
    "wamdefaultid",
    "wamdefaultguid",
    "acquireprtdiagnostics",
    "refreshprtdiagnostics",
    "endpointuri",
    "httpmethod",
    "httperror",
    "diagnosticsreference",
    "kerberostickettest",
    "fallbacktosyncjoin",
    "fallbacktofedjoin",
    "registrationtype",
    "httpsstatus",
    "displaynameupdated",
    "osversionupdated",
    "hostnameupdated",
    "lasthostnameupdate",
    "workplacedeviceid",
    "workplacethumbprint",
    "workplacemdmurl",
    "workplacesettingsurl",
    "postlogonenabled",
    "adfsrefreshtoken",
    "adfsraisready",
    "logoncerttemplateready",
    "ngcprereq",
    "autodetectpacstatus",
];

/// Where a list fact (one entry per Work Account) was first seen, and its entries.
#[derive(Default)]
struct ListFact {
    values: Vec<String>,
    source: Option<Source>,
}

impl ListFact {
    fn push(&mut self, value: &str, number: usize, line: &str) {
        if self.source.is_none() {
            self.source = Some(proof(number, line));
        }
        // A handful of work accounts at most: a long paste cannot grow this past that.
        if self.values.len() < 32 && !self.values.iter().any(|v| v == value) {
            self.values.push(value.to_string());
        }
    }

    fn set(self, reading: &mut Reading, name: &str) {
        if let Some(source) = self.source {
            reading.set(name, Value::List(self.values), source);
        }
    }
}

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

/// Records one field's fact: YES/NO as `yes`/`no`, other values as printed; an empty value sets
/// nothing, except a proxy setting, where empty means none is set.
fn set_fact(reading: &mut Reading, fact: &'static str, value: &str, number: usize, line: &str) {
    // First occurrence wins: a repeated line is not quoted (redaction is the costly part).
    if (value.is_empty() && !fact.starts_with("proxy.")) || reading.get(fact).is_some() {
        return;
    }
    let source = proof(number, line);
    match fact {
        "sso.kerb_top_level_names" => {
            let names: Vec<String> = value
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect();
            reading.set(fact, names, source);
        }
        "sso.prt_server_message" => {
            if let Some(code) = error_codes(value).into_iter().next() {
                reading.set("sso.prt_aadsts_code", code, source.clone());
            }
            reading.set(fact, value, source);
        }
        _ => reading.set(fact, yes_no(value), source),
    }
}

/// The PRT renews about every 4 hours while the user is signed in; one last renewed longer ago
/// before the device's own clock (Client Time, printed by the same run) is not renewing. Both
/// times come from the paste, so the answer does not depend on when it is read.
fn derive_prt_age(reading: &mut Reading) {
    let (Some(updated), Some(now)) = (
        reading.get("sso.azure_ad_prt_update_time"),
        reading.get("diag.client_time"),
    ) else {
        return;
    };
    let (Value::Text(updated_text), Value::Text(now_text)) = (&updated.value, &now.value) else {
        return;
    };
    let (Some(u), Some(n)) = (
        crate::guide::parse_timestamp(updated_text),
        crate::guide::parse_timestamp(now_text),
    ) else {
        return;
    };
    let hours = (n - u).whole_hours();
    let source = updated.source.clone();
    reading.set(
        "sso.azure_ad_prt_age_hours",
        hours.to_string(),
        source.clone(),
    );
    reading.set(
        "sso.azure_ad_prt_stale",
        if hours > 4 { "yes" } else { "no" },
        source,
    );
}

/// `device.hybrid_joined`: Entra hybrid joined is AzureAdJoined YES with DomainJoined YES. It is
/// proved by the AzureAdJoined line, and known only when both lines were read.
fn derive_hybrid(reading: &mut Reading) {
    let (Some(aad), Some(domain)) = (
        reading.get("device.azure_ad_joined"),
        reading.get("device.domain_joined"),
    ) else {
        return;
    };
    let hybrid = matches!(
        (&aad.value, &domain.value),
        (Value::Text(a), Value::Text(d)) if a == "yes" && d == "yes"
    );
    let source = aad.source.clone();
    reading.set(
        "device.hybrid_joined",
        if hybrid { "yes" } else { "no" },
        source,
    );
}

/// Says which sections a paste with banners lacks: a current build prints Device State, Device
/// Details and Tenant Details (when joined), User State, SSO State, Diagnostic Data, IE Proxy
/// Config and usually Ngc Prerequisite Check, then a closing line.
fn note_missing_sections(
    reading: &mut Reading,
    sections: &[Section],
    footer: bool,
    old_layout: bool,
) {
    let Some(&last) = sections.last() else {
        if !reading.facts.is_empty() {
            reading
                .note("no section banners (an older Windows 10 layout): fields were read by name");
        }
        return;
    };
    let mut expected = vec![Section::DeviceState];
    if old_layout {
        expected.push(Section::UserState);
    } else {
        if reading.text("device.azure_ad_joined") == Some("yes") {
            expected.extend([Section::DeviceDetails, Section::TenantDetails]);
        }
        expected.extend([
            Section::UserState,
            Section::SsoState,
            Section::Diagnostic,
            Section::ProxyUser,
        ]);
        if !footer {
            expected.push(Section::Ngc);
        }
    }
    let seen = |s: Section| {
        sections.contains(&s)
            || (s == Section::ProxyUser && sections.contains(&Section::ProxySystem))
    };
    let missing: Vec<&str> = expected
        .into_iter()
        .filter(|s| !seen(*s))
        .map(Section::label)
        .collect();
    if missing.is_empty() {
        return;
    }
    if footer {
        reading.note(format!("sections not in the paste: {}", missing.join(", ")));
    } else {
        reading.note(format!(
            "the paste ends in {} without dsregcmd's closing line, so it may be cut short; not in it: {}",
            last.label(),
            missing.join(", ")
        ));
    }
}

/// YES and NO as the guides' `yes` and `no`; any other value as printed.
fn yes_no(value: &str) -> &str {
    if value.eq_ignore_ascii_case("yes") {
        "yes"
    } else if value.eq_ignore_ascii_case("no") {
        "no"
    } else {
        value
    }
}

/// A name compared without case, spaces or punctuation: `Auto-Configuration URL` is
/// `autoconfigurationurl`.
fn normalise(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key
}

/// The title of a `| Device State |` banner line.
fn banner_title(line: &str) -> Option<&str> {
    let inner = line.trim().strip_prefix('|')?;
    let title = inner.split('|').next().unwrap_or_default().trim();
    (!title.is_empty()).then_some(title)
}

/// A `+-----+` rule.
fn is_rule(line: &str) -> bool {
    let line = line.trim();
    line.len() >= 3 && line.starts_with('+') && line.chars().all(|c| c == '+' || c == '-')
}

/// A console prompt: `C:\Users\alice>dsregcmd /status` or `PS C:\Users\alice> ...`.
fn is_prompt(line: &str) -> bool {
    let line = line.trim_start();
    let line = line.strip_prefix("PS ").unwrap_or(line);
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next(), chars.next()),
        (Some(d), Some(':'), Some('\\')) if d.is_ascii_alphabetic()
    ) && line.contains('>')
}

/// The line a current build ends its output with.
fn is_footer(line: &str) -> bool {
    let line = line.trim();
    line.starts_with("For more information") && line.contains("microsoft.com/aadjerrors")
}

/// A `Name : Value` line: the name is ASCII letters, digits, spaces and `-_()/`, at most 40
/// characters, starting with a letter (dsregcmd prints its names in English);
/// the value is trimmed (older builds print `KeySignTest: : MUST Run elevated to test.`, whose
/// value loses its leading colon).
fn split_field(line: &str) -> Option<(&str, &str)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    let bytes = name.as_bytes();
    let valid = bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.len() <= 40
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b" -_()/".contains(b));
    if !valid {
        return None;
    }
    let value = value.trim();
    let value = value.strip_prefix(':').map_or(value, str::trim);
    Some((name, value))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::evidence::{self, error_page, Refusal};

    const HYBRID: &str =
        include_str!("../../tests/fixtures/evidence/dsregcmd/win11_hybrid_prt.txt");
    const ENTRA: &str =
        include_str!("../../tests/fixtures/evidence/dsregcmd/entra_joined_no_prt.txt");
    const OLD: &str =
        include_str!("../../tests/fixtures/evidence/dsregcmd/win10_1709_no_banners.txt");
    const MESSY: &str =
        include_str!("../../tests/fixtures/evidence/dsregcmd/messy_crlf_truncated.txt");
    const ERROR_PAGE: &str =
        include_str!("../../tests/fixtures/evidence/dsregcmd/impostor_error_page.txt");
    const IPCONFIG: &str =
        include_str!("../../tests/fixtures/evidence/dsregcmd/impostor_ipconfig.txt");

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
                ("device.device_id", "a74baf59-0989-42a3-83f5-94902cff51e0", 16),
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
                ("sso.prt_correlation_id", "738163f3-3489-436d-8f1c-5c6495b56f6e", 69),
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
                ("user.work_account_tenant_ids", "42f7dd5b-f8c4-442b-9d0b-37f1a4083f3e", 92),
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
        let reading =
            read("azure ad joined: Yes\nDOMAINJOINED :no\nTpm Protected : YES ( TPM 2.0 )\n");
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
            .split("+----------------------------------------------------------------------+\n| SSO State")
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
            .flat_map(|s| {
                Lines::new(s).filter_map(|(_, l)| split_field(l).map(|(n, _)| normalise(n)))
            })
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
        fn any_text_is_read_without_panic_into_declared_facts(text in any::<String>()) {
            let _ = recognise(&text);
            for fact in read(&text).facts {
                prop_assert!(SETS.iter().any(|(n, _)| *n == fact.name));
            }
        }

        #[test]
        fn any_bytes_are_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = recognise(&text);
            for fact in read(&text).facts {
                prop_assert!(SETS.iter().any(|(n, _)| *n == fact.name));
            }
        }

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
}

#[cfg(test)]
mod prt_age_tests {
    use super::*;

    #[test]
    fn a_prt_renewed_long_before_the_client_time_is_stale() {
        let text = "| SSO State |\n AzureAdPrt : YES\n AzureAdPrtUpdateTime : 2024-06-03 01:41:12.000 UTC\n| Diagnostic Data |\n Client Time : 2024-06-03 08:20:05.000 UTC\n";
        let reading = read(text);
        assert_eq!(reading.text("sso.azure_ad_prt_age_hours"), Some("6"));
        assert_eq!(reading.text("sso.azure_ad_prt_stale"), Some("yes"));
        assert_eq!(
            reading.get("sso.azure_ad_prt_stale").map(|f| f.source.line),
            Some(3)
        );
        let fresh = text.replace("01:41:12", "07:41:12");
        assert_eq!(read(&fresh).text("sso.azure_ad_prt_stale"), Some("no"));
        let no_clock = "| SSO State |\n AzureAdPrt : YES\n AzureAdPrtUpdateTime : 2024-06-03 01:41:12.000 UTC\n";
        assert_eq!(
            read(no_clock).text("sso.azure_ad_prt_stale"),
            None,
            "no clock, no verdict"
        );
    }
}
