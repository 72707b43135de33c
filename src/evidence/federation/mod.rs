//! Reads what PowerShell prints (`Format-List`: `Name : Value` lines, long values continued on
//! the next lines, arrays as `{a, b, c}`) for the AD FS and domain federation settings that
//! decide AADSTS51006: `Get-AdfsProperties`, `Get-AdfsGlobalAuthenticationPolicy`,
//! `Get-AdfsRelyingPartyTrust` (the Microsoft Entra trust, Identifier
//! `urn:federation:MicrosoftOnline`, chosen among several), `Get-MgDomainFederationConfiguration`
//! and the legacy `Get-MsolDomainFederationSettings`. Several outputs may be pasted together,
//! with their `PS C:\>` prompts.
//!
//! Sources (property names and values):
//! - https://learn.microsoft.com/powershell/module/adfs/get-adfsproperties (its example output,
//!   lists cut at four items with `...`, rules continued at column 0)
//! - https://learn.microsoft.com/powershell/module/adfs/get-adfsglobalauthenticationpolicy
//! - https://learn.microsoft.com/windows-server/identity/ad-fs/operations/configure-ad-fs-browser-wia
//!   (WIASupportedUserAgents)
//! - https://learn.microsoft.com/windows-server/identity/ad-fs/operations/configure-intranet-forms-based-authentication-for-devices-that-do-not-support-wia
//!   (WindowsIntegratedFallbackEnabled, PrimaryIntranetAuthenticationProvider)
//! - https://learn.microsoft.com/powershell/module/adfs/get-adfsrelyingpartytrust and
//!   https://learn.microsoft.com/powershell/module/adfs/set-adfsrelyingpartytrust
//!   (AllowedAuthenticationClassReferences); the `wiaormultiauthn` value is the one earlier
//!   versions of the manual hybrid join article set on the Microsoft Office 365 Identity Platform
//!   trust (https://learn.microsoft.com/azure/active-directory/devices/hybrid-azuread-join-manual,
//!   since moved to https://learn.microsoft.com/entra/identity/devices/hybrid-join-manual)
//! - https://learn.microsoft.com/graph/api/resources/internaldomainfederation (promptLoginBehavior,
//!   federatedIdpMfaBehavior and its precedence over SupportsMfa)
//! - https://learn.microsoft.com/windows-server/identity/ad-fs/operations/ad-fs-prompt-login
//!   (an empty PromptLoginBehavior is the default translation)
//! - https://learn.microsoft.com/powershell/module/msonline/set-msoldomainfederationsettings
//!   (TranslateToFreshPasswordAuth, NativeSupport, Disabled; SupportsMfa)

use std::borrow::Cow;

use super::{Kind, Reader, Reading};

mod cmdlets;
mod facts;
mod format_list;
mod recognise;

use cmdlets::Cmdlet;
use facts::{adfs_properties, domain_federation, global_policy, relying_party};
use format_list::{objects, Object};
use recognise::recognise;

/// Every variable [`read`] can set, with what it holds.
pub const SETS: &[(&str, &str)] = &[
    (
        "adfs.wia_user_agents",
        "List of AD FS WIASupportedUserAgents (browsers offered Windows integrated authentication)",
    ),
    (
        "adfs.extended_protection",
        "AD FS ExtendedProtectionTokenCheck: Allow, Require or None",
    ),
    ("adfs.host_name", "AD FS HostName (the federation service name)"),
    (
        "adfs.wia_fallback",
        "yes/no: AD FS WindowsIntegratedFallbackEnabled (forms when a browser cannot do WIA)",
    ),
    (
        "adfs.intranet_providers",
        "List of AD FS PrimaryIntranetAuthenticationProvider",
    ),
    (
        "adfs.extranet_providers",
        "List of AD FS PrimaryExtranetAuthenticationProvider",
    ),
    (
        "adfs.rp_identifier",
        "Identifier of the Microsoft Entra relying party trust (urn:federation:MicrosoftOnline)",
    ),
    (
        "adfs.rp_allowed_classes",
        "List of that trust's AllowedAuthenticationClassReferences (empty: all accepted)",
    ),
    (
        "adfs.rp_accepts_wiaormultiauthn",
        "yes/no: that trust accepts wiaormultiauthn (its AllowedAuthenticationClassReferences is empty, so all are accepted, or holds wiaormultiauthn)",
    ),
    (
        "federation.prompt_login_behavior",
        "PromptLoginBehavior as shown: translateToFreshPasswordAuthentication, nativeSupport, disabled (MSOnline: TranslateToFreshPasswordAuth, NativeSupport, Disabled)",
    ),
    (
        "federation.prompt_login_native",
        "yes/no: PromptLoginBehavior is nativeSupport (prompt=login is passed to AD FS as is)",
    ),
    (
        "federation.mfa_behavior",
        "FederatedIdpMfaBehavior: acceptIfMfaDoneByFederatedIdp, enforceMfaByFederatedIdp or rejectMfaByFederatedIdp",
    ),
    (
        "federation.supports_mfa",
        "yes/no: legacy SupportsMfa of the federated domain",
    ),
    ("federation.issuer_uri", "IssuerUri of the federated domain"),
    (
        "federation.passive_sign_in_uri",
        "PassiveSignInUri (MSOnline: PassiveLogOnUri) of the federated domain",
    ),
];

/// The federation output's reader.
pub const READER: Reader = Reader {
    kind: Kind::Federation,
    sets: SETS,
    recognise,
    read,
};

/// The facts of every recognised output in the paste.
pub fn read(text: &str) -> Reading {
    let mut reading = Reading::new(Kind::Federation);
    // Cleaned once here rather than value by value; text from `evidence::read` is clean already.
    let text: Cow<'_, str> = if crate::text::is_clean(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(crate::text::clean(text))
    };
    let objects = objects(&text);
    let kinds: Vec<Option<Cmdlet>> = objects.iter().map(Object::cmdlet).collect();
    let trusts: Vec<&Object> = objects
        .iter()
        .zip(&kinds)
        .filter(|(_, k)| **k == Some(Cmdlet::RelyingParty))
        .map(|(o, _)| o)
        .collect();
    let recognised: Vec<String> = Cmdlet::ALL
        .iter()
        .filter_map(|cmdlet| {
            let count = kinds.iter().filter(|k| **k == Some(*cmdlet)).count();
            match (count, cmdlet) {
                (0, _) => None,
                (n, Cmdlet::RelyingParty) if n > 1 => {
                    Some(format!("{} ({n} relying party trusts)", cmdlet.name()))
                }
                _ => Some(cmdlet.name().to_string()),
            }
        })
        .collect();
    if recognised.is_empty() {
        reading.note("no output of the AD FS or domain federation cmdlets was recognised");
        return reading;
    }
    reading.note(format!("read the output of {}", recognised.join(", ")));

    for (object, kind) in objects.iter().zip(&kinds) {
        match kind {
            Some(Cmdlet::Properties) => adfs_properties(object, &mut reading),
            Some(Cmdlet::GlobalPolicy) => global_policy(object, &mut reading),
            Some(Cmdlet::MgFederation | Cmdlet::MsolFederation) => {
                domain_federation(object, &mut reading);
            }
            Some(Cmdlet::RelyingParty) => {}
            None => {
                adfs_properties(object, &mut reading);
                global_policy(object, &mut reading);
                domain_federation(object, &mut reading);
            }
        }
    }
    let domains = kinds
        .iter()
        .filter(|k| matches!(k, Some(Cmdlet::MgFederation | Cmdlet::MsolFederation)))
        .count();
    if domains > 1 {
        reading.note(format!(
            "{domains} domain federation settings are in the paste: the first one's values were read"
        ));
    }
    relying_party(&trusts, &mut reading);
    reading
}

#[cfg(test)]
mod tests;
