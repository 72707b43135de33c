//! No cookie, token, password or body text reaches a fact or a source.

use super::*;

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
