//! Turns the properties of each cmdlet's object into facts: AD FS properties, the global
//! authentication policy, the domain federation settings and the Microsoft Entra relying party
//! trust.

use super::cmdlets::{holds_entra_identifier, ENTRA_IDENTIFIER};
use super::format_list::{parse_list, Object, Prop};
use crate::evidence::Reading;

pub(super) fn adfs_properties(object: &Object, reading: &mut Reading) {
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

pub(super) fn global_policy(object: &Object, reading: &mut Reading) {
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

pub(super) fn domain_federation(object: &Object, reading: &mut Reading) {
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
pub(super) fn relying_party(trusts: &[&Object], reading: &mut Reading) {
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

fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
