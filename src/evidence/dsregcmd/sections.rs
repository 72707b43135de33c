//! The banner sections of the output, and the section a field names when no banner is printed.

use super::line_shapes::normalise;

/// A section of the output, from its banner title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
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
    pub(super) fn from_title(title: &str) -> Section {
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

    pub(super) fn label(self) -> &'static str {
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
pub(super) fn home(key: &str) -> Option<Section> {
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
