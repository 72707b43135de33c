//! Which cmdlet printed an object: the properties only one cmdlet prints, the first property
//! each prints, and the identifier of the Microsoft Entra relying party trust.

use super::format_list::{parse_list, Object};

/// The cmdlet whose output an object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cmdlet {
    Properties,
    GlobalPolicy,
    RelyingParty,
    MgFederation,
    MsolFederation,
}

impl Cmdlet {
    pub(super) const ALL: [Cmdlet; 5] = [
        Cmdlet::Properties,
        Cmdlet::GlobalPolicy,
        Cmdlet::RelyingParty,
        Cmdlet::MgFederation,
        Cmdlet::MsolFederation,
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Cmdlet::Properties => "Get-AdfsProperties",
            Cmdlet::GlobalPolicy => "Get-AdfsGlobalAuthenticationPolicy",
            Cmdlet::RelyingParty => "Get-AdfsRelyingPartyTrust",
            Cmdlet::MgFederation => "Get-MgDomainFederationConfiguration",
            Cmdlet::MsolFederation => "Get-MsolDomainFederationSettings",
        }
    }

    fn index(self) -> usize {
        Cmdlet::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// Property names only one cmdlet prints: they tell whose output an object is, and are what
/// `recognise` counts.
pub(super) const MARKERS: &[(&str, Cmdlet)] = &[
    ("WIASupportedUserAgents", Cmdlet::Properties),
    ("ExtendedProtectionTokenCheck", Cmdlet::Properties),
    ("FederationPassiveAddress", Cmdlet::Properties),
    ("AutoCertificateRollover", Cmdlet::Properties),
    ("WiaEvaluationMethod", Cmdlet::Properties),
    (
        "PrimaryIntranetAuthenticationProvider",
        Cmdlet::GlobalPolicy,
    ),
    (
        "PrimaryExtranetAuthenticationProvider",
        Cmdlet::GlobalPolicy,
    ),
    ("WindowsIntegratedFallbackEnabled", Cmdlet::GlobalPolicy),
    ("AdditionalAuthenticationProvider", Cmdlet::GlobalPolicy),
    ("AllowedAuthenticationClassReferences", Cmdlet::RelyingParty),
    ("ClaimsProviderName", Cmdlet::RelyingParty),
    ("WSFedEndpoint", Cmdlet::RelyingParty),
    ("IssuanceTransformRules", Cmdlet::RelyingParty),
    ("MetadataUrl", Cmdlet::RelyingParty),
    ("FederatedIdpMfaBehavior", Cmdlet::MgFederation),
    ("PassiveSignInUri", Cmdlet::MgFederation),
    ("ActiveSignInUri", Cmdlet::MgFederation),
    (
        "IsSignedAuthenticationRequestRequired",
        Cmdlet::MgFederation,
    ),
    ("SignOutUri", Cmdlet::MgFederation),
    ("PassiveLogOnUri", Cmdlet::MsolFederation),
    ("ActiveLogOnUri", Cmdlet::MsolFederation),
    ("LogOffUri", Cmdlet::MsolFederation),
    ("SupportsMfa", Cmdlet::MsolFederation),
    ("FederationBrandName", Cmdlet::MsolFederation),
    (
        "DefaultInteractiveAuthenticationMethod",
        Cmdlet::MsolFederation,
    ),
];

/// The identifier of the Microsoft Entra (Office 365) relying party trust.
pub(super) const ENTRA_IDENTIFIER: &str = "urn:federation:MicrosoftOnline";

impl Object<'_> {
    /// The cmdlet most of its marker properties belong to.
    pub(super) fn cmdlet(&self) -> Option<Cmdlet> {
        let mut counts = [0usize; Cmdlet::ALL.len()];
        for prop in &self.props {
            if let Some((_, cmdlet)) = MARKERS
                .iter()
                .find(|(m, _)| m.eq_ignore_ascii_case(prop.name))
            {
                counts[cmdlet.index()] += 1;
            } else if prop.name.eq_ignore_ascii_case("Identifier")
                && holds_entra_identifier(&prop.value)
            {
                counts[Cmdlet::RelyingParty.index()] += 1;
            }
        }
        let best = counts.iter().copied().max().unwrap_or(0);
        if best == 0 {
            return None;
        }
        Cmdlet::ALL
            .iter()
            .copied()
            .find(|c| counts[c.index()] == best)
    }
}

pub(super) fn holds_entra_identifier(value: &str) -> bool {
    parse_list(value)
        .items
        .iter()
        .any(|i| i.eq_ignore_ascii_case(ENTRA_IDENTIFIER))
}
