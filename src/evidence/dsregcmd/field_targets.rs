//! Maps a field line (its name, its section, the PRT it is under) to the fact it sets, or to a
//! field known but not read.

use super::sections::Section;

/// Which PRT the diagnostics lines under it are about: the SSO State prints an Entra PRT's
/// failed attempt under `AzureAdPrt` and an AD FS PRT's under `EnterprisePrt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Prt {
    Entra,
    Enterprise,
}

/// What a field line becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
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
pub(super) fn target(key: &str, section: Section, prt: Prt) -> Target {
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
