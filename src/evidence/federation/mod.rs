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
use std::collections::HashSet;

use super::{proof, Kind, Lines, Reader, Reading};

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

/// The cmdlet whose output an object is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmdlet {
    Properties,
    GlobalPolicy,
    RelyingParty,
    MgFederation,
    MsolFederation,
}

impl Cmdlet {
    const ALL: [Cmdlet; 5] = [
        Cmdlet::Properties,
        Cmdlet::GlobalPolicy,
        Cmdlet::RelyingParty,
        Cmdlet::MgFederation,
        Cmdlet::MsolFederation,
    ];

    fn name(self) -> &'static str {
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
const MARKERS: &[(&str, Cmdlet)] = &[
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

/// The first property each cmdlet prints: after a blank line it starts a new object even when
/// no prompt separates two outputs.
const FIRST: &[&str] = &[
    "AcceptableIdentifiers",
    "AdditionalAuthenticationProvider",
    "AllowedAuthenticationClassReferences",
    "ActiveSignInUri",
    "ExtensionData",
    "ActiveLogOnUri",
];

/// The identifier of the Microsoft Entra (Office 365) relying party trust.
const ENTRA_IDENTIFIER: &str = "urn:federation:MicrosoftOnline";

/// How much of a text `recognise` looks at.
const RECOGNISE_BYTES: usize = 64 * 1024;
const RECOGNISE_LINES: usize = 400;
/// How much of a line is handed to [`proof`], which keeps at most 160 characters of it.
const MAX_PROOF_INPUT: usize = 1024;

/// Sure (90) when two or more property names only these cmdlets print start lines (an
/// `Identifier` holding `urn:federation:MicrosoftOnline` counts as one); 0 otherwise, whatever
/// the layout: dsregcmd and other `Name : Value` output name none of them.
fn recognise(text: &str) -> u8 {
    let mut found: Vec<&str> = Vec::new();
    for (_, line) in Lines::new(head(text, RECOGNISE_BYTES)).take(RECOGNISE_LINES) {
        let Some((name, value)) = property_line(line) else {
            continue;
        };
        let key = if let Some((marker, _)) = MARKERS.iter().find(|(m, _)| *m == name) {
            *marker
        } else if name == "PromptLoginBehavior" {
            "PromptLoginBehavior"
        } else if name == "Identifier" && holds_entra_identifier(value) {
            "Identifier"
        } else {
            continue;
        };
        if !found.contains(&key) {
            found.push(key);
        }
    }
    if found.len() >= 2 {
        90
    } else {
        0
    }
}

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

// ---------------------------------------------------------------------------------------------
// Facts

fn adfs_properties(object: &Object, reading: &mut Reading) {
    if let Some(prop) = object.get("WIASupportedUserAgents") {
        set_list(reading, "adfs.wia_user_agents", prop);
    }
    for (name, fact) in [
        ("ExtendedProtectionTokenCheck", "adfs.extended_protection"),
        ("HostName", "adfs.host_name"),
    ] {
        if let Some(prop) = object.get(name).filter(|p| !p.value.is_empty()) {
            reading.set(fact, prop.value.clone(), prop.proof());
        }
    }
}

fn global_policy(object: &Object, reading: &mut Reading) {
    if let Some(prop) = object.get("WindowsIntegratedFallbackEnabled") {
        set_yes_no(reading, "adfs.wia_fallback", prop);
    }
    if let Some(prop) = object.get("PrimaryIntranetAuthenticationProvider") {
        set_list(reading, "adfs.intranet_providers", prop);
    }
    if let Some(prop) = object.get("PrimaryExtranetAuthenticationProvider") {
        set_list(reading, "adfs.extranet_providers", prop);
    }
}

fn domain_federation(object: &Object, reading: &mut Reading) {
    if let Some(prop) = object.get("PromptLoginBehavior") {
        if prop.value.is_empty() {
            if reading.get("federation.prompt_login_native").is_none() {
                reading.note("PromptLoginBehavior is empty: Entra ID uses the default, translateToFreshPasswordAuthentication (prompt=login reaches AD FS as a fresh password sign-in)");
            }
            reading.set("federation.prompt_login_native", "no", prop.proof());
        } else {
            let native = normalise(&prop.value) == "nativesupport";
            reading.set(
                "federation.prompt_login_behavior",
                prop.value.clone(),
                prop.proof(),
            );
            reading.set(
                "federation.prompt_login_native",
                if native { "yes" } else { "no" },
                prop.proof(),
            );
        }
    }
    if let Some(prop) = object.get("FederatedIdpMfaBehavior") {
        if prop.value.is_empty() {
            if reading.get("federation.mfa_behavior").is_none() {
                reading.note("FederatedIdpMfaBehavior is empty: Entra ID honours SupportsMfa, or acceptIfMfaDoneByFederatedIdp when neither is set");
            }
        } else {
            reading.set("federation.mfa_behavior", prop.value.clone(), prop.proof());
        }
    }
    if let Some(prop) = object.get("SupportsMfa") {
        set_yes_no(reading, "federation.supports_mfa", prop);
    }
    if let Some(prop) = object.get("IssuerUri").filter(|p| !p.value.is_empty()) {
        reading.set("federation.issuer_uri", prop.value.clone(), prop.proof());
    }
    let passive = object
        .get("PassiveSignInUri")
        .or_else(|| object.get("PassiveLogOnUri"));
    if let Some(prop) = passive.filter(|p| !p.value.is_empty()) {
        reading.set(
            "federation.passive_sign_in_uri",
            prop.value.clone(),
            prop.proof(),
        );
    }
}

/// The Microsoft Entra relying party trust's facts, once it is found among `trusts`.
fn relying_party(trusts: &[&Object], reading: &mut Reading) {
    if trusts.is_empty() {
        return;
    }
    let chosen = trusts.iter().enumerate().find_map(|(i, trust)| {
        let identifier = trust.get("Identifier")?;
        holds_entra_identifier(&identifier.value).then_some((i, *trust, identifier))
    });
    let Some((index, trust, identifier)) = chosen else {
        reading.note(format!(
            "none of the {} relying party trust(s) has the Identifier {ENTRA_IDENTIFIER}: no trust read",
            trusts.len()
        ));
        return;
    };
    if trusts.len() > 1 {
        let name = trust
            .get("Name")
            .map(|p| format!(" ({})", p.value))
            .unwrap_or_default();
        reading.note(format!(
            "relying party trust {} of {}{name} was read: its Identifier holds {ENTRA_IDENTIFIER}",
            index + 1,
            trusts.len()
        ));
    }
    let identifiers = parse_list(&identifier.value);
    reading.set(
        "adfs.rp_identifier",
        identifiers.items.join(", "),
        identifier.proof(),
    );
    let Some(allowed) = trust.get("AllowedAuthenticationClassReferences") else {
        reading.note(
            "the Microsoft Entra relying party trust's AllowedAuthenticationClassReferences is not in the paste",
        );
        return;
    };
    let classes = parse_list(&allowed.value);
    let has_wia = classes
        .items
        .iter()
        .any(|c| c.eq_ignore_ascii_case("wiaormultiauthn"));
    if classes.cut {
        reading.note(cut_note("AllowedAuthenticationClassReferences"));
    } else {
        reading.set(
            "adfs.rp_allowed_classes",
            classes.items.clone(),
            allowed.proof(),
        );
    }
    if has_wia || (classes.items.is_empty() && !classes.cut) {
        reading.set("adfs.rp_accepts_wiaormultiauthn", "yes", allowed.proof());
    } else if !classes.cut {
        reading.set("adfs.rp_accepts_wiaormultiauthn", "no", allowed.proof());
    }
}

fn set_list(reading: &mut Reading, fact: &str, prop: &Prop) {
    let list = parse_list(&prop.value);
    if list.cut {
        reading.note(cut_note(prop.name));
    } else {
        reading.set(fact, list.items, prop.proof());
    }
}

fn set_yes_no(reading: &mut Reading, fact: &str, prop: &Prop) {
    let value = match prop.value.to_ascii_lowercase().as_str() {
        "true" => "yes",
        "false" => "no",
        _ => return,
    };
    reading.set(fact, value, prop.proof());
}

/// What to say of a list PowerShell cut short.
fn cut_note(name: &str) -> String {
    format!(
        "{name} is cut short by PowerShell (it ends with ...): not read; run $FormatEnumerationLimit = -1 first, or print the property alone"
    )
}

fn holds_entra_identifier(value: &str) -> bool {
    parse_list(value)
        .items
        .iter()
        .any(|i| i.eq_ignore_ascii_case(ENTRA_IDENTIFIER))
}

// ---------------------------------------------------------------------------------------------
// Format-List

/// One `Name : Value` property, its value joined from its continuation lines.
struct Prop<'t> {
    line: usize,
    /// The property's first line as pasted: the proof of its facts.
    first: &'t str,
    name: &'t str,
    value: String,
}

impl Prop<'_> {
    fn proof(&self) -> super::Source {
        // The proof keeps far fewer characters: redacting a whole 64 KB line would be wasted.
        proof(self.line, head(self.first, MAX_PROOF_INPUT))
    }
}

/// The properties of one object (one trust, one domain, one cmdlet's output).
#[derive(Default)]
struct Object<'t> {
    props: Vec<Prop<'t>>,
}

impl<'t> Object<'t> {
    fn get(&self, name: &str) -> Option<&Prop<'t>> {
        self.props
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The cmdlet most of its marker properties belong to.
    fn cmdlet(&self) -> Option<Cmdlet> {
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

/// The objects of a paste: a prompt line, a property name seen twice, or the first property of
/// a cmdlet after a blank line starts a new one. A value goes on over the lines that follow it
/// until a blank line (rule text after a blank line inside a value is not needed and dropped).
fn objects(text: &str) -> Vec<Object<'_>> {
    let mut objects = Vec::new();
    let mut current = Object::default();
    // The names in `current`, so a repeated one is found without scanning it (an object of
    // thousands of properties stays linear).
    let mut names: HashSet<&str> = HashSet::new();
    let mut open = false;
    let mut after_blank = false;
    for (number, line) in Lines::new(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            after_blank = true;
            continue;
        }
        if is_prompt(trimmed) {
            objects.push(std::mem::take(&mut current));
            names.clear();
            open = false;
        } else if let Some((name, value)) = property_line(line) {
            let repeated = !names.insert(name);
            let starts = after_blank && FIRST.contains(&name);
            if repeated || starts {
                objects.push(std::mem::take(&mut current));
                names.clear();
                names.insert(name);
            }
            current.props.push(Prop {
                line: number,
                first: line,
                name,
                value: value.to_string(),
            });
            open = true;
        } else if open {
            if let Some(last) = current.props.last_mut() {
                if !last.value.is_empty() {
                    last.value.push(' ');
                }
                last.value.push_str(trimmed);
            }
        }
        after_blank = false;
    }
    objects.push(current);
    objects.retain(|o| !o.props.is_empty());
    objects
}

/// `Name : value` as Format-List prints it: a name of letters, digits and `_` (leading spaces
/// allowed), at least one space, a colon, then nothing or a space and the value. A colon right
/// after a word (`urn:oasis`, `c:[Type`) is value text, not a property.
fn property_line(line: &str) -> Option<(&str, &str)> {
    let trimmed = line.trim_start();
    if !trimmed.as_bytes().first()?.is_ascii_alphabetic() {
        return None;
    }
    let name_end = trimmed
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(trimmed.len());
    if name_end > 64 {
        return None;
    }
    let (name, rest) = trimmed.split_at(name_end);
    let after_spaces = rest.trim_start_matches(' ');
    if after_spaces.len() == rest.len() {
        return None;
    }
    let value = after_spaces.strip_prefix(':')?;
    if !(value.is_empty() || value.starts_with(' ')) {
        return None;
    }
    Some((name, value.trim()))
}

/// `PS C:\Users\admin> Get-AdfsProperties`.
fn is_prompt(trimmed: &str) -> bool {
    trimmed.starts_with("PS ") && trimmed.contains('>')
}

/// A PowerShell array as printed: `{a, b, c}`; `{}` is empty; `{a, b, c, d...}` is cut short.
/// Commas inside parentheses (a user agent's `(KHTML, like Gecko)`) do not split.
struct Listed {
    items: Vec<String>,
    cut: bool,
}

fn parse_list(value: &str) -> Listed {
    let value = value.trim();
    let inner = match value.strip_prefix('{') {
        Some(rest) => rest.strip_suffix('}').unwrap_or(rest),
        None => value,
    };
    let (inner, cut) = match inner
        .strip_suffix("...")
        .or_else(|| inner.strip_suffix('…'))
    {
        Some(rest) => (rest, true),
        None => (inner, false),
    };
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                items.push(inner[start..i].trim().to_string());
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(inner[start..].trim().to_string());
    items.retain(|i| !i.is_empty());
    Listed { items, cut }
}

fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first `max` bytes of `text`, cut at a character boundary.
fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests;
