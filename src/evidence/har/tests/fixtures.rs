//! The browser fixtures (Edge, Chrome, Firefox, a truncated and a sanitized export) read to
//! their facts.

use super::*;

#[test]
fn edge_seamless_sso_that_was_never_answered_ends_in_51006() {
    let reading = read(EDGE);
    assert_eq!(
            texts(&reading),
            vec![
                ("trace.entries", "7", "log.entries"),
                ("trace.seamless_sso", "yes", "log.entries[2].request.url"),
                ("trace.seamless_sso_status", "401", "log.entries[2].response.status"),
                ("trace.domain_hint", "contoso.com", "log.entries[1].request.url"),
                ("trace.login_hint_present", "no", "log.entries[1].request.url"),
                (
                    "trace.client_id",
                    "24796c44-6a44-4a1d-ab05-6247f4aaf6dc",
                    "log.entries[1].request.url"
                ),
                ("trace.negotiate_offered", "yes", "log.entries[2].response.headers[0]"),
                ("trace.negotiate_answered", "no", "log.entries"),
                ("trace.ntlm_used", "no", "log.entries"),
                ("trace.error_code", "51006", "log.entries[4].response.content.text"),
                (
                    "trace.correlation_id",
                    "676bcd7f-dea2-4ffd-aae0-1039154a7de6",
                    "log.entries[4].response.content.text"
                ),
                (
                    "trace.request_id",
                    "1f939e48-e8f7-455d-89da-a418ffb8ad3e",
                    "log.entries[4].response.headers[1]"
                ),
                ("trace.error_time", "2026-01-09T08:14:03.311Z", "log.entries[4].startedDateTime"),
                (
                    "trace.browser",
                    "Edge 120.0.2210.91 on Windows NT 10.0 (HAR by WebInspector 537.36)",
                    "log.entries[1].request.headers[1]"
                ),
                (
                    "trace.user_agent",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
                    "log.entries[1].request.headers[1]"
                ),
                ("trace.sanitized", "no", "log.entries"),
            ]
        );
    assert_eq!(
        list(&reading, "trace.hosts"),
        vec![
            "myapps.microsoft.com",
            "login.microsoftonline.com",
            AUTOLOGON,
            "browser.events.data.microsoft.com",
            "aadcdn.msftauth.net",
        ]
    );
    assert_eq!(
        list(&reading, "trace.login_hosts"),
        vec!["login.microsoftonline.com", AUTOLOGON]
    );
    assert_eq!(list(&reading, "trace.negotiate_hosts"), vec![AUTOLOGON]);
    assert_eq!(
        source_text(&reading, "trace.negotiate_offered"),
        "401 from autologon.microsoftazuread-sso.com: WWW-Authenticate: Negotiate"
    );
    assert_eq!(
        source_text(&reading, "trace.seamless_sso"),
        "GET https://autologon.microsoftazuread-sso.com/contoso.com/winauth/sso"
    );
    assert_eq!(
        source_text(&reading, "trace.error_code"),
        "AADSTS51006 in the response body"
    );
    assert_eq!(
        reading.notes,
        vec!["1 entries had no response (aborted, blocked or still pending)"]
    );
    // The script after the error names other codes: scripts are not error pages.
    assert_ne!(reading.text("trace.error_code"), Some("50058"));
}

#[test]
fn chrome_federated_sign_in_answers_the_ad_fs_wia_challenge_with_negotiate() {
    let reading = read(CHROME);
    assert_eq!(
            texts(&reading),
            vec![
                ("trace.entries", "8", "log.entries"),
                ("trace.seamless_sso", "no", "log.entries"),
                ("trace.adfs_host", "adfs.contoso.com", "log.entries[2].request.url"),
                ("trace.adfs_wia", "yes", "log.entries[3].request.url"),
                ("trace.adfs_wia_status", "200", "log.entries[4].response.status"),
                ("trace.adfs_forms", "no", "log.entries"),
                (
                    "trace.wauth",
                    "urn:federation:authentication:windows",
                    "log.entries[2].request.url"
                ),
                ("trace.domain_hint", "contoso.com", "log.entries[1].request.url"),
                ("trace.login_hint_present", "yes", "log.entries[1].request.url"),
                (
                    "trace.client_id",
                    "62348408-bd16-4df0-9048-bd9c7bafd7ed",
                    "log.entries[1].request.url"
                ),
                ("trace.negotiate_offered", "yes", "log.entries[3].response.headers[0]"),
                ("trace.negotiate_answered", "yes", "log.entries[4].request.headers[2]"),
                ("trace.ntlm_used", "no", "log.entries"),
                (
                    "trace.browser",
                    "Chrome 121.0.6167.140 on Windows NT 10.0 (HAR by WebInspector 537.36)",
                    "log.entries[1].request.headers[1]"
                ),
                (
                    "trace.user_agent",
                    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0.6167.140 Safari/537.36",
                    "log.entries[1].request.headers[1]"
                ),
                ("trace.sanitized", "no", "log.entries"),
            ]
        );
    assert_eq!(
        list(&reading, "trace.hosts"),
        vec![
            "outlook.office.com",
            "login.microsoftonline.com",
            "adfs.contoso.com"
        ]
    );
    assert_eq!(
        list(&reading, "trace.negotiate_hosts"),
        vec!["adfs.contoso.com"]
    );
    assert_eq!(
        source_text(&reading, "trace.negotiate_answered"),
        "Authorization: Negotiate [token removed] to adfs.contoso.com"
    );
    assert_eq!(
        source_text(&reading, "trace.login_hint_present"),
        "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?…login_hint=[redacted]…"
    );
    assert_eq!(
        source_text(&reading, "trace.wauth"),
        "https://adfs.contoso.com/adfs/ls/?…wauth=urn:federation:authentication:windows…"
    );
    assert!(
        reading.get("trace.error_code").is_none(),
        "a sign-in that worked"
    );
    assert!(reading.notes.is_empty(), "{:?}", reading.notes);
}

#[test]
fn firefox_forms_sign_in_names_the_posted_fields_and_the_prompt() {
    let reading = read(FIREFOX);
    assert_eq!(
        texts(&reading),
        vec![
            ("trace.entries", "6", "log.entries"),
            ("trace.seamless_sso", "no", "log.entries"),
            (
                "trace.adfs_host",
                "adfs.contoso.com",
                "log.entries[1].request.url"
            ),
            ("trace.adfs_wia", "no", "log.entries"),
            (
                "trace.adfs_forms",
                "yes",
                "log.entries[2].request.postData.params"
            ),
            (
                "trace.wauth",
                "urn:oasis:names:tc:SAML:1.0:am:password",
                "log.entries[1].request.url"
            ),
            ("trace.prompt", "login", "log.entries[0].request.url"),
            (
                "trace.login_hint_present",
                "yes",
                "log.entries[0].request.url"
            ),
            (
                "trace.client_id",
                "f6b77bbf-94c4-4b87-adc3-c3ce4622bdf8",
                "log.entries[0].request.url"
            ),
            ("trace.negotiate_offered", "no", "log.entries"),
            ("trace.ntlm_used", "no", "log.entries"),
            (
                "trace.browser",
                "Firefox 128.0 on Windows NT 10.0 (HAR by Firefox 128.0)",
                "log.entries[0].request.headers[1]"
            ),
            (
                "trace.user_agent",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "log.entries[0].request.headers[1]"
            ),
            ("trace.sanitized", "no", "log.entries"),
        ]
    );
    assert_eq!(
        source_text(&reading, "trace.adfs_forms"),
        "POST https://adfs.contoso.com/adfs/ls/ with fields username, password, authmethod"
    );
    assert_eq!(
            source_text(&reading, "trace.prompt"),
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?…prompt=login…"
        );
    assert!(reading.get("trace.negotiate_answered").is_none());
    assert!(reading.notes.is_empty(), "{:?}", reading.notes);
}

#[test]
fn a_truncated_file_keeps_the_facts_of_the_entries_before_the_cut() {
    let reading = read(TRUNCATED);
    assert_eq!(reading.text("trace.entries"), Some("5"));
    assert_eq!(reading.text("trace.adfs_wia"), Some("yes"));
    assert_eq!(reading.text("trace.negotiate_answered"), Some("yes"));
    assert_eq!(
        list(&reading, "trace.hosts"),
        vec![
            "outlook.office.com",
            "login.microsoftonline.com",
            "adfs.contoso.com"
        ]
    );
    assert_eq!(
        reading.notes,
        vec!["truncated: the JSON ends early after 5 entries"]
    );
    let streamed = read_from(TRUNCATED.as_bytes());
    assert_eq!(streamed, reading, "the stream reads the cut file alike");
}

#[test]
fn a_sanitized_export_says_so_and_claims_nothing_about_answers() {
    let reading = read(SANITIZED);
    assert_eq!(reading.text("trace.sanitized"), Some("yes"));
    assert_eq!(reading.text("trace.seamless_sso_status"), Some("401"));
    assert_eq!(reading.text("trace.negotiate_offered"), Some("yes"));
    assert!(reading.get("trace.negotiate_answered").is_none());
    assert!(reading.get("trace.ntlm_used").is_none());
    assert_eq!(reading.text("trace.prompt"), Some("none"));
    assert_eq!(reading.text("trace.amr_values"), Some("wia"));
    // The error came back to the app in the URL, with its ids in error_description.
    assert_eq!(
        texts(&reading)
            .into_iter()
            .filter(|(n, _, _)| n.starts_with("trace.error") || n.ends_with("_id"))
            .filter(|(n, _, _)| *n != "trace.client_id")
            .collect::<Vec<_>>(),
        vec![
            ("trace.error_code", "51006", "log.entries[2].request.url"),
            (
                "trace.correlation_id",
                "c81fcfe8-3616-473c-b009-d4ff2a30aad5",
                "log.entries[2].request.url"
            ),
            (
                "trace.request_id",
                "6b76ea80-98f6-455d-8dd6-8a73378858cf",
                "log.entries[2].request.url"
            ),
            (
                "trace.error_time",
                "2026-04-20T07:45:11.900Z",
                "log.entries[2].startedDateTime"
            ),
        ]
    );
    assert_eq!(
        source_text(&reading, "trace.error_code"),
        "https://portal.fabrikam.com/signin-oidc?…AADSTS51006…"
    );
    assert_eq!(reading.notes.len(), 1);
    assert!(
        reading.notes[0].starts_with("sensitive data was removed from this export"),
        "{:?}",
        reading.notes
    );
}
