//! Tests of the federation reader: fixtures, impostors, and any text never panicking.

use proptest::prelude::*;

use super::format_list::{parse_list, property_line};
use super::*;
use crate::guide::Value;

const PROPERTIES: &str =
    include_str!("../../../tests/fixtures/evidence/federation/adfs_properties.txt");
const GLOBAL: &str =
    include_str!("../../../tests/fixtures/evidence/federation/adfs_global_policy.txt");
const TRUSTS: &str = include_str!("../../../tests/fixtures/evidence/federation/adfs_rp_trusts.txt");
const MG: &str =
    include_str!("../../../tests/fixtures/evidence/federation/mg_domain_federation.txt");
const MSOL: &str =
    include_str!("../../../tests/fixtures/evidence/federation/msol_domain_federation.txt");
const COMBINED: &str = include_str!("../../../tests/fixtures/evidence/federation/combined.txt");
const ADUSER: &str = include_str!("../../../tests/fixtures/evidence/federation/get_aduser.txt");
const WEBCONFIG: &str =
    include_str!("../../../tests/fixtures/evidence/federation/adfs_webconfig.txt");
const DSREGCMD: &str = include_str!("../../../tests/fixtures/evidence/signin_log/dsregcmd.txt");

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn list(reading: &Reading, name: &str) -> Option<Vec<String>> {
    match &reading.get(name)?.value {
        Value::List(items) => Some(items.clone()),
        Value::Text(_) => None,
    }
}

fn line(reading: &Reading, name: &str) -> (usize, String) {
    let fact = reading.get(name).expect(name);
    (fact.source.line, fact.source.text.clone())
}

#[test]
fn adfs_properties_give_host_and_extended_protection_and_a_cut_list_is_not_read() {
    let r = read(PROPERTIES);
    assert_eq!(r.text("adfs.host_name"), Some("sts.contoso.com"));
    assert_eq!(
        line(&r, "adfs.host_name"),
        (
            22,
            "HostName                                   : sts.contoso.com".to_string()
        )
    );
    assert_eq!(r.text("adfs.extended_protection"), Some("Allow"));
    assert_eq!(line(&r, "adfs.extended_protection").0, 20);
    assert_eq!(r.get("adfs.wia_user_agents"), None);
    // Its service Identifier is no relying party trust's.
    assert_eq!(r.get("adfs.rp_identifier"), None);
    assert_eq!(r.facts.len(), 2, "{:?}", r.facts);
    assert_eq!(
            r.notes,
            strings(&[
                "read the output of Get-AdfsProperties",
                "WIASupportedUserAgents is cut short by PowerShell (it ends with ...): not read; run $FormatEnumerationLimit = -1 first, or print the property alone",
            ])
        );
}

#[test]
fn the_global_policy_gives_providers_and_fallback_from_a_crlf_paste() {
    let r = read(GLOBAL);
    assert_eq!(r.text("adfs.wia_fallback"), Some("yes"));
    assert_eq!(line(&r, "adfs.wia_fallback").0, 10);
    assert_eq!(
        list(&r, "adfs.intranet_providers"),
        Some(strings(&[
            "FormsAuthentication",
            "WindowsAuthentication",
            "MicrosoftPassportAuthentication"
        ]))
    );
    assert_eq!(line(&r, "adfs.intranet_providers").0, 8);
    assert_eq!(
        list(&r, "adfs.extranet_providers"),
        Some(strings(&[
            "FormsAuthentication",
            "MicrosoftPassportAuthentication"
        ]))
    );
    assert_eq!(r.facts.len(), 3);
    assert_eq!(
        r.notes,
        strings(&["read the output of Get-AdfsGlobalAuthenticationPolicy"])
    );
}

#[test]
fn of_several_trusts_the_microsoft_online_one_is_read() {
    let r = read(TRUSTS);
    assert_eq!(
        r.text("adfs.rp_identifier"),
        Some("https://login.microsoftonline.com/extSTS.srf, urn:federation:MicrosoftOnline")
    );
    assert_eq!(line(&r, "adfs.rp_identifier").0, 65);
    assert_eq!(list(&r, "adfs.rp_allowed_classes"), Some(vec![]));
    assert_eq!(r.text("adfs.rp_accepts_wiaormultiauthn"), Some("yes"));
    assert_eq!(
        line(&r, "adfs.rp_accepts_wiaormultiauthn"),
        (54, "AllowedAuthenticationClassReferences : {}".to_string())
    );
    assert_eq!(r.facts.len(), 3, "{:?}", r.facts);
    assert_eq!(
            r.notes,
            strings(&[
                "read the output of Get-AdfsRelyingPartyTrust (3 relying party trusts)",
                "relying party trust 2 of 3 (Microsoft Office 365 Identity Platform) was read: its Identifier holds urn:federation:MicrosoftOnline",
            ])
        );
}

#[test]
fn a_trust_that_names_classes_without_wiaormultiauthn_does_not_accept_it() {
    let only = TRUSTS.replace(
        "{https://login.microsoftonline.com/extSTS.srf, urn:federation:MicrosoftOnline}",
        "{https://expenses.contoso.com/}",
    );
    let expenses = only.replace(
        "{https://expenses.contoso.com/}",
        "{urn:federation:MicrosoftOnline}",
    );
    // Now the third trust (Contoso Expenses, Password Protected Transport only) is the one.
    let third = expenses.replacen("{urn:federation:MicrosoftOnline}", "{https://other/}", 1);
    let r = read(&third);
    assert_eq!(
        list(&r, "adfs.rp_allowed_classes"),
        Some(strings(&[
            "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
        ]))
    );
    assert_eq!(r.text("adfs.rp_accepts_wiaormultiauthn"), Some("no"));
    let r = read(&only);
    assert_eq!(r.get("adfs.rp_identifier"), None);
    assert_eq!(
            r.notes.last().map(String::as_str),
            Some("none of the 3 relying party trust(s) has the Identifier urn:federation:MicrosoftOnline: no trust read")
        );
}

#[test]
fn graph_domain_federation_gives_prompt_login_and_mfa_behaviour() {
    let r = read(MG);
    assert_eq!(
        r.text("federation.prompt_login_behavior"),
        Some("nativeSupport")
    );
    assert_eq!(r.text("federation.prompt_login_native"), Some("yes"));
    assert_eq!(
        line(&r, "federation.prompt_login_native"),
        (
            14,
            "PromptLoginBehavior                   : nativeSupport".to_string()
        )
    );
    assert_eq!(
        r.text("federation.mfa_behavior"),
        Some("acceptIfMfaDoneByFederatedIdp")
    );
    assert_eq!(
        r.text("federation.issuer_uri"),
        Some("http://sts.contoso.com/adfs/services/trust")
    );
    assert_eq!(
        r.text("federation.passive_sign_in_uri"),
        Some("https://sts.contoso.com/adfs/ls/")
    );
    assert_eq!(r.get("federation.supports_mfa"), None);
    assert_eq!(r.facts.len(), 5);
    assert_eq!(
        r.notes,
        strings(&["read the output of Get-MgDomainFederationConfiguration"])
    );
}

#[test]
fn msonline_settings_are_kept_as_shown_with_supports_mfa() {
    let r = read(MSOL);
    assert_eq!(
        r.text("federation.prompt_login_behavior"),
        Some("TranslateToFreshPasswordAuth")
    );
    assert_eq!(r.text("federation.prompt_login_native"), Some("no"));
    assert_eq!(r.text("federation.supports_mfa"), Some("no"));
    assert_eq!(line(&r, "federation.supports_mfa").0, 20);
    assert_eq!(
        r.text("federation.passive_sign_in_uri"),
        Some("https://sts.contoso.com/adfs/ls/")
    );
    assert_eq!(
        r.text("federation.issuer_uri"),
        Some("http://contoso.com/adfs/services/trust/")
    );
    assert_eq!(r.get("federation.mfa_behavior"), None);
    assert_eq!(
        r.notes,
        strings(&["read the output of Get-MsolDomainFederationSettings"])
    );
}

#[test]
fn a_combined_paste_with_prompts_and_a_wrapped_list_gives_every_section() {
    let r = read(COMBINED);
    assert_eq!(r.text("adfs.host_name"), Some("sts.fabrikam.com"));
    assert_eq!(r.text("adfs.extended_protection"), Some("None"));
    assert_eq!(
            list(&r, "adfs.wia_user_agents"),
            Some(strings(&[
                "MSIE 6.0",
                "MSIE 7.0; Windows NT",
                "MSIE 8.0",
                "MSIE 9.0",
                "MSIE 10.0; Windows NT 6",
                "Windows NT 6.3; Trident/7.0",
                "Windows NT 6.3; Win64; x64; Trident/7.0",
                "Windows NT 6.3; WOW64; Trident/7.0",
                "Windows NT 6.2; Trident/7.0",
                "Windows NT 6.1; Trident/7.0",
                "MSIPC",
                "Windows Rights Management Client",
                "Edg/",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/",
            ]))
        );
    assert_eq!(line(&r, "adfs.wia_user_agents").0, 10);
    assert_eq!(r.text("adfs.wia_fallback"), Some("no"));
    assert_eq!(
        list(&r, "adfs.intranet_providers"),
        Some(strings(&["WindowsAuthentication", "FormsAuthentication"]))
    );
    assert_eq!(
        list(&r, "adfs.extranet_providers"),
        Some(strings(&["FormsAuthentication"]))
    );
    assert_eq!(
        r.text("adfs.rp_identifier"),
        Some("urn:federation:MicrosoftOnline")
    );
    assert_eq!(line(&r, "adfs.rp_identifier").0, 28);
    assert_eq!(r.text("adfs.rp_accepts_wiaormultiauthn"), Some("yes"));
    assert_eq!(
        list(&r, "adfs.rp_allowed_classes"),
        Some(strings(&[
            "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
            "wiaormultiauthn"
        ]))
    );
    assert_eq!(r.text("federation.prompt_login_native"), Some("no"));
    assert_eq!(r.get("federation.prompt_login_behavior"), None);
    assert_eq!(r.get("federation.mfa_behavior"), None);
    assert_eq!(
        r.text("federation.issuer_uri"),
        Some("http://sts.fabrikam.com/adfs/services/trust")
    );
    assert_eq!(
        r.text("federation.passive_sign_in_uri"),
        Some("https://sts.fabrikam.com/adfs/ls/")
    );
    assert_eq!(
            r.notes,
            strings(&[
                "read the output of Get-AdfsProperties, Get-AdfsGlobalAuthenticationPolicy, Get-AdfsRelyingPartyTrust, Get-MgDomainFederationConfiguration",
                "PromptLoginBehavior is empty: Entra ID uses the default, translateToFreshPasswordAuthentication (prompt=login reaches AD FS as a fresh password sign-in)",
                "FederatedIdpMfaBehavior is empty: Entra ID honours SupportsMfa, or acceptIfMfaDoneByFederatedIdp when neither is set",
            ])
        );
}

#[test]
fn outputs_pasted_one_after_another_without_prompts_stay_apart() {
    let strip = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("PS "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let all = format!(
        "{}\n{}\n{}\n{}",
        strip(PROPERTIES),
        strip(TRUSTS),
        strip(GLOBAL).replace('\r', ""),
        strip(MSOL)
    );
    let r = read(&all);
    assert_eq!(r.text("adfs.host_name"), Some("sts.contoso.com"));
    assert_eq!(
        r.text("adfs.rp_identifier"),
        Some("https://login.microsoftonline.com/extSTS.srf, urn:federation:MicrosoftOnline")
    );
    assert_eq!(r.text("adfs.rp_accepts_wiaormultiauthn"), Some("yes"));
    assert_eq!(r.text("adfs.wia_fallback"), Some("yes"));
    assert_eq!(r.text("federation.supports_mfa"), Some("no"));
    assert_eq!(
            r.notes.first().map(String::as_str),
            Some("read the output of Get-AdfsProperties, Get-AdfsGlobalAuthenticationPolicy, Get-AdfsRelyingPartyTrust (3 relying party trusts), Get-MsolDomainFederationSettings")
        );
}

#[test]
fn federation_output_is_recognised_and_other_name_value_output_is_not() {
    for sample in [PROPERTIES, GLOBAL, TRUSTS, MG, MSOL, COMBINED] {
        assert_eq!(recognise(sample), 90, "{}", &sample[..40]);
        let reading = crate::evidence::read(sample).expect("read");
        assert_eq!(reading.kind, Kind::Federation);
    }
    let minimal = "Identifier : {urn:federation:MicrosoftOnline}\nAllowedAuthenticationClassReferences : {}\n";
    assert_eq!(recognise(minimal), 90);
    for impostor in [
        DSREGCMD,
        ADUSER,
        WEBCONFIG,
        crate::evidence::error_page::tests::NEW_LAYOUT,
        include_str!("../../../tests/fixtures/evidence/signin_log/portal_array.json"),
        include_str!("../../../tests/fixtures/evidence/signin_log/portal.csv"),
        include_str!("../../../tests/fixtures/evidence/signin_log/har.json"),
        "WIASupportedUserAgents : {MSIE 6.0}\n",
        "WIASupportedUserAgents:{x}\nPromptLoginBehavior:x\n",
        "",
    ] {
        assert_eq!(recognise(impostor), 0, "{impostor}");
    }
    assert!(read(ADUSER).facts.is_empty());
}

#[test]
fn escapes_in_a_paste_do_not_survive_into_values_or_proofs() {
    let paste = "HostName                     : \u{1b}[31msts\u{1b}[0m.contoso.com\tx\nExtendedProtectionTokenCheck : Require\nWIASupportedUserAgents       : {MSIE 6.0}\n";
    let r = read(paste);
    assert_eq!(r.text("adfs.host_name"), Some("sts.contoso.com    x"));
    assert!(!line(&r, "adfs.host_name").1.contains('\u{1b}'));
    assert_eq!(r.text("adfs.extended_protection"), Some("Require"));
    assert_eq!(
        list(&r, "adfs.wia_user_agents"),
        Some(strings(&["MSIE 6.0"]))
    );
}

#[test]
fn lists_split_on_commas_outside_parentheses_and_know_when_they_are_cut() {
    let l = parse_list("{a (x, y), b...}");
    assert_eq!((l.items, l.cut), (strings(&["a (x, y)", "b"]), true));
    let l = parse_list("{}");
    assert_eq!((l.items, l.cut), (vec![], false));
    let l = parse_list("single");
    assert_eq!((l.items, l.cut), (strings(&["single"]), false));
    let l = parse_list("{a, b…}");
    assert!(l.cut);
    assert_eq!(property_line("urn:oasis:names : x"), None);
    assert_eq!(property_line("c:[Type == \"x\"]"), None);
    assert_eq!(property_line("  HostName : sts"), Some(("HostName", "sts")));
    assert_eq!(property_line("Notes :"), Some(("Notes", "")));
    assert_eq!(property_line("Name :value"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn pieces_of_federation_output_read_without_panic(
        pieces in proptest::collection::vec(
            prop::sample::select(vec![
                "WIASupportedUserAgents", "PromptLoginBehavior", "Identifier",
                "AllowedAuthenticationClassReferences", "SupportsMfa", "HostName",
                "WindowsIntegratedFallbackEnabled", "FederatedIdpMfaBehavior", " : ", " :",
                "{", "}", ",", "(", ")", "...", "…", "\n", "\r\n", "   ", "PS C:\\> ",
                "urn:federation:MicrosoftOnline", "wiaormultiauthn", "True", "False", "é",
            ]),
            0..80,
        )
    ) {
        check_never_panics(&pieces.concat());
    }
}

fn check_never_panics(text: &str) {
    let _ = recognise(text);
    for fact in read(text).facts {
        assert!(
            SETS.iter().any(|(n, _)| *n == fact.name),
            "{} is not declared",
            fact.name
        );
    }
}
