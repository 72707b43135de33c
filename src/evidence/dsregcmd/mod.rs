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
mod tests;

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
