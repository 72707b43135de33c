//! Tests of the har reader: fixtures, impostors, and any text never panicking.

use proptest::prelude::*;

use super::*;
use crate::guide::Value;
use base64::Engine as _;

const EDGE: &str = include_str!("../../../tests/fixtures/evidence/har/edge_seamless_sso_51006.har");
const CHROME: &str = include_str!("../../../tests/fixtures/evidence/har/chrome_adfs_wia.har");
const FIREFOX: &str = include_str!("../../../tests/fixtures/evidence/har/firefox_adfs_forms.har");
const TRUNCATED: &str = include_str!("../../../tests/fixtures/evidence/har/chrome_truncated.har");
const SANITIZED: &str = include_str!("../../../tests/fixtures/evidence/har/chrome_sanitized.har");
const SIGNIN_LOG: &str =
    include_str!("../../../tests/fixtures/evidence/har/impostor_signin_log.json");
const SIGNIN_LOG_GRAPH: &str =
    include_str!("../../../tests/fixtures/evidence/har/impostor_signin_log_graph.json");
const ERROR_PAGE: &str =
    include_str!("../../../tests/fixtures/evidence/har/impostor_error_page.txt");

const HARS: [(&str, &str); 5] = [
    ("edge", EDGE),
    ("chrome", CHROME),
    ("firefox", FIREFOX),
    ("truncated", TRUNCATED),
    ("sanitized", SANITIZED),
];

/// Every text fact as (name, value, path), in the order set.
fn texts(reading: &Reading) -> Vec<(&str, &str, &str)> {
    reading
        .facts
        .iter()
        .filter_map(|f| match &f.value {
            Value::Text(t) => Some((
                f.name.as_str(),
                t.as_str(),
                f.source.path.as_deref().unwrap_or(""),
            )),
            Value::List(_) => None,
        })
        .collect()
}

fn list<'r>(reading: &'r Reading, name: &str) -> Vec<&'r str> {
    match &reading.get(name).expect(name).value {
        Value::List(items) => items.iter().map(String::as_str).collect(),
        Value::Text(t) => panic!("{name} is text {t}"),
    }
}

fn source_text<'r>(reading: &'r Reading, name: &str) -> &'r str {
    &reading.get(name).expect(name).source.text
}

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

#[test]
fn every_har_fixture_is_recognised_and_every_impostor_is_not() {
    for (name, har) in HARS {
        assert_eq!(recognise(har), 95, "{name}");
        let reading = crate::evidence::read(har).expect(name);
        assert_eq!(
            reading.kind,
            Kind::Har,
            "{name}: the error page reader scores 90"
        );
    }
    let error_page_samples = [
        crate::evidence::error_page::tests::NEW_LAYOUT,
        "AADSTS51006: Integrated Windows authentication is needed.",
        r#"{"error":"invalid_grant","error_description":"AADSTS51006: IWA is needed.\r\nTrace ID: 0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e","error_codes":[51006]}"#,
    ];
    for impostor in [SIGNIN_LOG, SIGNIN_LOG_GRAPH, ERROR_PAGE]
        .into_iter()
        .chain(error_page_samples)
    {
        assert_eq!(recognise(impostor), 0, "{impostor}");
    }
    assert_eq!(
        crate::evidence::read(ERROR_PAGE).expect("error page").kind,
        Kind::ErrorPage
    );
    assert_eq!(recognise(""), 0);
    assert_eq!(recognise("{\"catalog\": {\"version\": 1}}"), 0);
    assert_eq!(recognise("  \u{feff}{\"log\" : {\"creator\": {}}}"), 95);
}

#[test]
fn a_paste_a_stream_crlf_lf_and_a_byte_order_mark_read_alike() {
    for (name, har) in HARS {
        let reading = read(har);
        assert_eq!(read_from(har.as_bytes()), reading, "{name}: stream");
        let lf = har.replace("\r\n", "\n");
        assert_eq!(read(&lf), reading, "{name}: LF");
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(read(&crlf), reading, "{name}: CRLF");
        let bom = format!("\u{feff}{har}");
        assert_eq!(read(&bom), reading, "{name}: BOM");
        assert_eq!(read_from(bom.as_bytes()), reading, "{name}: BOM streamed");
        assert_eq!(
            read_from(Trickle(har.as_bytes())),
            reading,
            "{name}: 7 bytes at a time"
        );
        let cleaned = crate::evidence::read(har).expect(name);
        assert_eq!(cleaned, reading, "{name}: through evidence::read");
    }
}

/// `value` as JSON with every object's keys in reverse order (response before request, a
/// header's value before its name, a body before its content type), indented by tabs.
fn reversed(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            out.push_str("{\n\t");
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            keys.reverse();
            for (n, key) in keys.into_iter().enumerate() {
                if n > 0 {
                    out.push_str(",\n\t");
                }
                out.push_str(&serde_json::Value::String(key.clone()).to_string());
                out.push_str(" : ");
                reversed(&map[key], out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                reversed(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[test]
fn keys_in_another_order_and_other_whitespace_read_alike() {
    for (name, har) in HARS.into_iter().filter(|(n, _)| *n != "truncated") {
        let json: serde_json::Value = serde_json::from_str(har).expect(name);
        let mut text = String::from("  \r\n");
        reversed(&json, &mut text);
        assert!(
            text.find("\"response\"") < text.find("\"request\""),
            "{name}"
        );
        assert_eq!(read(&text), read(har), "{name}");
    }
}

/// A reader that hands out 7 bytes at a time, as a slow pipe would.
struct Trickle<'b>(&'b [u8]);
impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(buf.len()).min(7);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

/// Every secret-bearing value of a HAR, found with a full JSON parse: cookie values,
/// Cookie/Set-Cookie/Authorization header values and their parts, posted values, and the
/// secret query values of every URL.
fn secrets_of(har: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(har).expect("fixture is complete JSON");
    let mut secrets = Vec::new();
    let mut add = |s: &str| {
        let s = s.trim();
        if s.len() >= 6 {
            secrets.push(s.to_string());
            secrets.push(percent_decode(s));
        }
    };
    let entries = json["log"]["entries"].as_array().expect("entries");
    for entry in entries {
        for side in ["request", "response"] {
            let part = &entry[side];
            for cookie in part["cookies"].as_array().into_iter().flatten() {
                add(cookie["value"].as_str().unwrap_or(""));
            }
            for header in part["headers"].as_array().into_iter().flatten() {
                let name = header["name"].as_str().unwrap_or("").to_ascii_lowercase();
                let value = header["value"].as_str().unwrap_or("");
                add_header_secrets(&name, value, &mut add);
            }
        }
        let post = &entry["request"]["postData"];
        add(post["text"].as_str().unwrap_or(""));
        for pair in post["text"].as_str().unwrap_or("").split('&') {
            add(pair.split_once('=').map_or("", |(_, v)| v));
        }
        for param in post["params"].as_array().into_iter().flatten() {
            add(param["value"].as_str().unwrap_or(""));
        }
        let url = entry["request"]["url"].as_str().unwrap_or("");
        for pair in url.split(['?', '&']).skip(1) {
            if let Some((name, value)) = pair.split_once('=') {
                if SECRET_PARAMS.contains(&name.to_ascii_lowercase().as_str()) {
                    add(value);
                }
            }
        }
    }
    secrets
}

/// The secret parts of a header: each cookie's value (a Set-Cookie's attributes are not
/// secret), an Authorization header's credentials.
fn add_header_secrets(name: &str, value: &str, add: &mut impl FnMut(&str)) {
    match name {
        "cookie" => {
            for pair in value.split(';') {
                add(pair.split_once('=').map_or("", |(_, v)| v));
            }
        }
        "set-cookie" => {
            let first = value.split(';').next().unwrap_or("");
            add(first.split_once('=').map_or("", |(_, v)| v));
        }
        "authorization" => add(value.split_once(' ').map_or(value, |(_, token)| token)),
        _ => {}
    }
}

/// The response bodies of a HAR.
fn bodies_of(har: &str) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_str(har).expect("fixture is complete JSON");
    json["log"]["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["response"]["content"]["text"].as_str())
        .map(str::to_string)
        .collect()
}

/// Every text a reading shows: values, list items, sources and notes.
fn shown(reading: &Reading) -> Vec<String> {
    let mut out = reading.notes.clone();
    for fact in &reading.facts {
        match &fact.value {
            Value::Text(t) => out.push(t.clone()),
            Value::List(items) => out.extend(items.iter().cloned()),
        }
        out.push(fact.source.describe());
    }
    out
}

#[test]
fn no_cookie_token_password_or_body_text_reaches_a_fact_or_a_source() {
    let complete = [EDGE, CHROME, FIREFOX, SANITIZED];
    for har in complete {
        let secrets = secrets_of(har);
        let bodies = bodies_of(har);
        assert!(
            har == SANITIZED || !secrets.is_empty(),
            "the fixture has secrets"
        );
        for reading in [read(har), read_from(har.as_bytes())] {
            for text in shown(&reading) {
                for secret in &secrets {
                    assert!(
                        !text.contains(secret.as_str()),
                        "'{secret}' leaked in: {text}"
                    );
                }
                // No 48 characters in a row of what is shown come from a body.
                let chars: Vec<char> = text.chars().collect();
                for window in chars.windows(48) {
                    let window: String = window.iter().collect();
                    for body in &bodies {
                        assert!(!body.contains(&window), "body text leaked in: {text}");
                    }
                }
            }
        }
    }
    // The truncated file, and the values planted in each fixture by name.
    let planted = [
        "Spring2026",
        "Tr0ub4dor",
        "xyzzy",
        "carol@contoso.com",
        "bob@contoso.com",
        "alice@contoso.com",
        "CfDJ8Kx7Qm2vTz9",
        "PAQABBwEAAAD",
        "ChromeSecretCookieVal9x",
        "FirefoxCookieValue77",
        "FirefoxMsisAuthCookie55",
        "YIIHWgYGKwYBBQUCoIIH",
        "oYG2MIGzoAMKAQChCwYJ",
        "kP3xWq9Zt7",
        "FirefoxSamlAssertionBody",
        "FirefoxAuthCode99",
        "CodeSecret",
        "eyJ0eXAi",
        "Zk3xQ9vLm2",
        "AQABAAEAAADnfolh",
        "Sentinel paragraph",
        "quick brown fox",
        "Sign in to your account",
        "session token lacks",
        "Inbox - Bob",
        "Welcome to Fabrikam",
        "Script is disabled",
        "MSISAuthenticated",
        "estsrequest",
        "Qm9uZ0NoYWxsZW5nZ",
        "ZmFicmlrYW0tc3RhdGU",
    ];
    for (name, har) in HARS {
        for text in shown(&read(har)) {
            for secret in planted {
                assert!(
                    !text.contains(secret),
                    "{name}: '{secret}' leaked in: {text}"
                );
            }
        }
    }
}

#[test]
fn ntlm_inside_negotiate_and_a_challenge_folded_into_its_answer_are_seen() {
    let har = r#"{"log": {"version": "1.2", "creator": {"name": "WebInspector", "version": "537.36"},
          "entries": [
            {"startedDateTime": "2026-05-01T10:00:00Z",
             "request": {"method": "GET", "url": "https://adfs.fabrikam.com:443/adfs/ls/wia?wa=wsignin1.0",
               "headers": [{"name": "Authorization", "value": "Negotiate TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw=="}]},
             "response": {"status": 200, "headers": [], "content": {"size": 0, "mimeType": "text/html"}}},
            {"startedDateTime": "2026-05-01T10:00:01Z",
             "request": {"method": "GET", "url": "https://intranet.fabrikam.com/",
               "headers": [{"value": "NTLM TlRMTVNTUAADAAAAGAAYAHAAAAA=", "name": "authorization"}]},
             "response": {"status": 200, "headers": [], "content": {}}}
          ]}}"#;
    let reading = read(har);
    assert_eq!(
        texts(&reading)
            .into_iter()
            .filter(|(n, _, _)| n.starts_with("trace.n") || n.starts_with("trace.adfs"))
            .collect::<Vec<_>>(),
        vec![
            (
                "trace.adfs_host",
                "adfs.fabrikam.com",
                "log.entries[0].request.url"
            ),
            ("trace.adfs_wia", "yes", "log.entries[0].request.url"),
            (
                "trace.adfs_wia_status",
                "200",
                "log.entries[0].response.status"
            ),
            ("trace.adfs_forms", "no", "log.entries"),
            (
                "trace.negotiate_offered",
                "yes",
                "log.entries[0].request.headers[0]"
            ),
            (
                "trace.negotiate_answered",
                "yes",
                "log.entries[0].request.headers[0]"
            ),
            (
                "trace.ntlm_used",
                "yes",
                "log.entries[0].request.headers[0]"
            ),
        ]
    );
    assert_eq!(
        source_text(&reading, "trace.ntlm_used"),
        "Authorization: Negotiate [NTLM message removed] to adfs.fabrikam.com"
    );
    for text in shown(&reading) {
        assert!(!text.contains("TlRMTVNT"), "{text}");
    }
}

#[test]
fn a_401_never_answered_by_that_host_is_not_taken_as_answered_by_another() {
    let har = r#"{"log": {"entries": [
            {"request": {"url": "https://autologon.microsoftazuread-sso.com/x/winauth/sso"},
             "response": {"status": 401, "headers": [{"name": "WWW-Authenticate", "value": "Negotiate, NTLM"}]}},
            {"request": {"url": "https://adfs.contoso.com/adfs/ls/wia", "headers": [{"name": "Authorization", "value": "Negotiate YIIFvgYGKwYBBQUC"}]},
             "response": {"status": 401, "headers": [{"name": "WWW-Authenticate", "value": "Negotiate"}]}}
          ]}}"#;
    let reading = read(har);
    // The request to AD FS answered a challenge of its own, folded into its entry.
    assert_eq!(reading.text("trace.negotiate_answered"), Some("yes"));
    assert_eq!(
        reading
            .get("trace.negotiate_answered")
            .map(|f| f.source.path.as_deref()),
        Some(Some("log.entries[1].request.headers[0]"))
    );
    assert_eq!(
        list(&reading, "trace.negotiate_hosts"),
        vec![AUTOLOGON, "adfs.contoso.com"]
    );
    assert_eq!(reading.text("trace.seamless_sso_status"), Some("401"));
    assert_eq!(reading.text("trace.adfs_wia_status"), Some("401"));
}

#[test]
fn an_error_in_a_base64_body_a_location_or_a_redirect_is_found() {
    let body = base64::engine::general_purpose::STANDARD
            .encode("<html>AADSTS50126: Error validating credentials. Trace ID: 0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e</html>");
    let har = format!(
        r#"{{"log": {{"entries": [
            {{"startedDateTime": "t0", "request": {{"url": "https://login.microsoftonline.com/common/login"}},
             "response": {{"status": 200, "content": {{"mimeType": "text/html", "text": "{body}", "encoding": "base64"}}}}}},
            {{"startedDateTime": "t1", "request": {{"url": "https://login.microsoftonline.com/common/reprocess"}},
             "response": {{"status": 302, "headers": [{{"name": "Location", "value": "https://app.fabrikam.com/?error=access_denied&error_description=AADSTS53003%3a+Blocked.%0d%0aCorrelation+ID%3a+148787df-c02d-4cbe-947e-481164f67f03"}}]}}}}
          ]}}}}"#
    );
    let reading = read(&har);
    assert_eq!(reading.text("trace.error_code"), Some("53003"));
    assert_eq!(
        reading.text("trace.correlation_id"),
        Some("148787df-c02d-4cbe-947e-481164f67f03")
    );
    assert_eq!(reading.text("trace.error_time"), Some("t1"));
    assert_eq!(
        reading.get("trace.error_code").map(|f| f.source.describe()),
        Some("log.entries[1].response.headers[0]: Location: …AADSTS53003…".to_string())
    );
    // Only the first entry: its base64 body is decoded and searched.
    let first = har.replace("AADSTS53003", "nothing");
    let reading = read(&first);
    assert_eq!(reading.text("trace.error_code"), Some("50126"));
    assert_eq!(
        reading.text("trace.request_id"),
        Some("0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e")
    );
    let redirect = r#"{"log": {"entries": [{"request": {"url": "https://a.b/"},
            "response": {"status": 302, "redirectURL": "https://app/?error_description=AADSTS700016"}}]}}"#;
    assert_eq!(read(redirect).text("trace.error_code"), Some("700016"));
}

#[test]
fn ids_are_taken_only_under_their_labels() {
    let body = "Request Id: 25ab1408-9854-4204-be22-719af9910400\n<td>Correlation ID</td>\n<td>148787df-c02d-4cbe-947e-481164f67f03</td> session 0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e";
    let facts = BodyFacts::scan(body);
    assert_eq!(
        facts,
        BodyFacts {
            code: None,
            correlation: Some("148787df-c02d-4cbe-947e-481164f67f03".to_string()),
            trace: Some("25ab1408-9854-4204-be22-719af9910400".to_string()),
        }
    );
    let json = r#"{"error_description":"AADSTS51006: IWA is needed.\r\nTrace ID: 0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e\r\nCorrelation ID: 148787df-c02d-4cbe-947e-481164f67f03\r\n"}"#;
    let facts = BodyFacts::scan(json);
    assert_eq!(facts.code.as_deref(), Some("51006"));
    assert_eq!(
        facts.trace.as_deref(),
        Some("0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e")
    );
    assert_eq!(
        facts.correlation.as_deref(),
        Some("148787df-c02d-4cbe-947e-481164f67f03")
    );
    let unlabelled = BodyFacts::scan("x 148787df-c02d-4cbe-947e-481164f67f03 y AADSTS12 z");
    assert_eq!(
        unlabelled,
        BodyFacts::default(),
        "no label, and 2 digits is no code"
    );
}

#[test]
fn urls_give_their_host_path_and_kept_parameters_only() {
    let url = UrlInfo::parse(
            "https://user@LOGIN.microsoftonline.com:443/Common/oauth2/authorize?prompt=select_account&wauth=urn%3afederation%3aauthentication%3awindows&code=abc&login_hint=a%40b.c#frag",
        );
    assert_eq!(url.host, "login.microsoftonline.com");
    assert_eq!(url.path_lower, "/common/oauth2/authorize");
    assert_eq!(
        url.base,
        "https://login.microsoftonline.com/Common/oauth2/authorize"
    );
    assert_eq!(url.param("prompt"), Some("select_account"));
    assert_eq!(
        url.param("wauth"),
        Some("urn:federation:authentication:windows")
    );
    assert_eq!(url.param("code"), None, "not kept");
    assert!(url.login_hint);
    assert_eq!(
        url.show_param("login_hint", "a@b.c"),
        "https://login.microsoftonline.com/Common/oauth2/authorize?…login_hint=[redacted]…"
    );
    assert_eq!(UrlInfo::parse("not a url").host, "not a url");
    assert_eq!(
        UrlInfo::parse("https://[2001:db8::1]:8443/x").host,
        "[2001:db8::1]"
    );
    assert_eq!(percent_decode("a%2"), "a%2");
    assert_eq!(percent_decode("%zz+%41"), "%zz A");
}

#[test]
fn json_that_is_not_a_har_gives_no_fact_and_says_why() {
    let reading = read(SIGNIN_LOG_GRAPH);
    assert!(reading.facts.is_empty());
    assert_eq!(
        reading.notes,
        vec!["this JSON has no \"log\" object: it is not a HAR"]
    );
    let reading = read(SIGNIN_LOG);
    assert!(reading.facts.is_empty());
    assert_eq!(
        reading.notes,
        vec!["this JSON has no \"log\" object: it is not a HAR"]
    );
    let reading = read("{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"x\"}}}");
    assert!(reading.facts.is_empty(), "{:?}", reading.facts);
    assert_eq!(
        reading.notes,
        vec!["the HAR has no log.entries: nothing was recorded"]
    );
    let reading = read("{\"log\": {\"entries\": []}}");
    assert_eq!(texts(&reading), vec![("trace.entries", "0", "log.entries")]);
    assert_eq!(
        reading.notes,
        vec!["the HAR has no entries: nothing was recorded"]
    );
    let reading = read("{\"log\": {\"entries\": [{\"request\": {\"url\": \"https://a.b/\"}}, ]}}");
    assert_eq!(reading.text("trace.entries"), Some("1"));
    assert!(
        reading
            .notes
            .iter()
            .any(|n| n.starts_with("the JSON is not valid after 1 entries")),
        "{:?}",
        reading.notes
    );
}

#[test]
fn values_of_unexpected_types_are_skipped_not_fatal() {
    let har = r#"{"log": {"creator": "odd", "entries": [
            null, 5, "x", [1, 2],
            {"request": null, "response": []},
            {"request": {"url": 7, "headers": {"a": 1}, "postData": "x", "cookies": [null, {"value": 3}]},
             "response": {"status": "401", "headers": [null, {"name": "WWW-Authenticate", "value": ["Negotiate"]}], "content": {"text": {"a": "AADSTS50000"}}}},
            {"request": {"method": "GET", "url": "https://login.microsoftonline.com/x/oauth2/authorize?prompt="}, "response": {"status": 200.0}}
          ]}}"#;
    let reading = read(har);
    assert_eq!(reading.text("trace.entries"), Some("7"));
    assert_eq!(reading.text("trace.error_code"), None);
    assert_eq!(reading.text("trace.login_hint_present"), Some("no"));
    assert_eq!(
        reading.text("trace.prompt"),
        None,
        "an empty prompt is no prompt"
    );
    assert!(
        reading
            .notes
            .iter()
            .any(|n| n.starts_with("1 entries had no response")),
        "{:?}",
        reading.notes
    );
}

#[test]
fn browsers_are_named_from_their_user_agents() {
    let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
                Some("Edge 120.0.2210.91 on Windows NT 10.0"),
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
                Some("Internet Explorer (Trident) 7.0 on Windows NT 10.0"),
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_2) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
                Some("Safari 17.2 on Macintosh"),
            ),
            ("curl/8.4.0", None),
        ];
    for (agent, want) in cases {
        assert_eq!(browser_of(agent).as_deref(), want, "{agent}");
    }
}

#[test]
fn many_hosts_are_capped_with_a_note() {
    let entries: Vec<String> = (0..MAX_HOSTS + 5)
            .map(|i| format!(r#"{{"request": {{"url": "https://h{i}.example/"}}, "response": {{"status": 200}}}}"#))
            .collect();
    let har = format!(r#"{{"log": {{"entries": [{}]}}}}"#, entries.join(","));
    let reading = read(&har);
    assert_eq!(list(&reading, "trace.hosts").len(), MAX_HOSTS);
    let note = format!("more than {MAX_HOSTS} hosts: only the first {MAX_HOSTS} are listed");
    assert!(reading.notes.contains(&note), "{:?}", reading.notes);
}

fn declared(reading: &Reading) {
    for fact in &reading.facts {
        assert!(
            SETS.iter().any(|(n, _)| *n == fact.name),
            "{} is not declared",
            fact.name
        );
        assert!(fact.source.text.chars().count() <= super::super::lines::MAX_PROOF);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_cut_of_a_fixture_keeps_declared_facts(cut_at in 0usize..24_000, which in 0usize..5) {
        let har = HARS[which].1;
        let mut end = cut_at.min(har.len());
        while !har.is_char_boundary(end) {
            end -= 1;
        }
        let reading = read(&har[..end]);
        declared(&reading);
        prop_assert_eq!(read_from(&har.as_bytes()[..end]), reading);
    }

    #[test]
    fn har_shaped_noise_never_panics(
        url in "[a-zA-Z:/.%?&=_-]{0,80}",
        header in "[a-zA-Z-]{0,20}",
        value in "\\PC{0,60}",
        status in any::<i64>(),
        body in "\\PC{0,200}",
    ) {
        let entry = serde_json::json!({
            "request": {"method": "POST", "url": url, "headers": [{"name": header, "value": value}],
                        "postData": {"text": value, "params": [{"name": header, "value": value}]}},
            "response": {"status": status, "headers": [{"name": header, "value": value}],
                         "content": {"mimeType": "text/html", "text": body}}
        });
        let har = serde_json::json!({"log": {"entries": [entry]}}).to_string();
        let reading = read(&har);
        declared(&reading);
        prop_assert_eq!(reading.text("trace.entries"), Some("1"));
    }
}
