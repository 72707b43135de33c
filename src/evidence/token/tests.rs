//! Tests of the token reader: fixtures, impostors, and any text never panicking.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;

use super::*;
use crate::guide::Value;

const V1_ACCESS: &str = include_str!("../../../tests/fixtures/evidence/token/v1_access_wia.txt");
const V2_ID: &str = include_str!("../../../tests/fixtures/evidence/token/v2_id_mfa.txt");
const RESPONSE: &str = include_str!("../../../tests/fixtures/evidence/token/token_response.json");
const BEARER: &str = include_str!("../../../tests/fixtures/evidence/token/bearer_request.txt");
const TRUNCATED: &str = include_str!("../../../tests/fixtures/evidence/token/truncated.txt");
const IMPOSTOR: &str =
    include_str!("../../../tests/fixtures/evidence/token/impostor_base64_blobs.txt");

const ALL: &[&str] = &[V1_ACCESS, V2_ID, RESPONSE, BEARER, TRUNCATED];

/// Every fact as (name, value, path, line).
fn facts(reading: &Reading) -> Vec<(String, String, String, usize)> {
    reading
        .facts
        .iter()
        .map(|f| {
            (
                f.name.clone(),
                f.value.to_string(),
                f.source.path.clone().unwrap_or_default(),
                f.source.line,
            )
        })
        .collect()
}

fn fact<'a>(reading: &'a Reading, name: &str) -> &'a super::super::Fact {
    reading
        .get(name)
        .unwrap_or_else(|| panic!("{name} in {:?}", facts(reading)))
}

fn assert_fact(reading: &Reading, name: &str, value: &str, path: &str) {
    let f = fact(reading, name);
    assert_eq!(
        (f.value.to_string().as_str(), f.source.path.as_deref()),
        (value, Some(path)),
        "{name}"
    );
}

#[test]
fn a_v1_access_token_with_wia_gives_every_claim_it_holds() {
    let reading = read(V1_ACCESS);
    assert_eq!(reading.notes, vec![NOT_VERIFIED.to_string()]);
    assert_fact(&reading, "token.kind", "access", "payload.idtyp");
    assert_fact(&reading, "token.version", "1.0", "payload.ver");
    assert_eq!(
        fact(&reading, "token.amr").value,
        Value::List(vec!["pwd".into(), "wia".into()])
    );
    assert_eq!(
        fact(&reading, "token.amr").source.describe(),
        r#"payload.amr: ["pwd","wia"]"#
    );
    assert_fact(&reading, "token.has_wia", "yes", "payload.amr");
    assert_fact(&reading, "token.has_mfa", "no", "payload.amr");
    assert_fact(&reading, "token.acr", "1", "payload.acr");
    assert_fact(&reading, "token.iat", "2026-11-26T08:00:00Z", "payload.iat");
    assert_fact(&reading, "token.nbf", "2026-11-26T08:00:00Z", "payload.nbf");
    assert_fact(&reading, "token.exp", "2026-11-26T09:19:59Z", "payload.exp");
    assert_eq!(
        fact(&reading, "token.exp").source.describe(),
        "payload.exp: 1795684799"
    );
    assert_fact(&reading, "token.upn", "alice@contoso.com", "payload.upn");
    assert_fact(
        &reading,
        "token.tid",
        "69921112-edf5-4f8f-ae1d-c4b99c9949fd",
        "payload.tid",
    );
    assert_fact(
        &reading,
        "token.oid",
        "375517b5-9fdb-47d1-98b9-88bfd2d7bc67",
        "payload.oid",
    );
    assert_fact(
        &reading,
        "token.app_id",
        "5b2020fa-6365-41e6-9254-4587f38f9570",
        "payload.appid",
    );
    assert_fact(
        &reading,
        "token.aud",
        "https://graph.microsoft.com",
        "payload.aud",
    );
    assert_fact(
        &reading,
        "token.iss",
        "https://sts.windows.net/69921112-edf5-4f8f-ae1d-c4b99c9949fd/",
        "payload.iss",
    );
    assert_fact(
        &reading,
        "token.device_id",
        "199efed4-49ae-4d41-8be5-c7f7ac667068",
        "payload.deviceid",
    );
    assert_fact(
        &reading,
        "token.ip_address",
        "203.0.113.25",
        "payload.ipaddr",
    );
    assert_fact(&reading, "token.in_corp", "yes", "payload.in_corp");
    assert_fact(&reading, "token.alg", "RS256", "header.alg");
    assert_eq!(reading.get("token.auth_time"), None, "not in this token");
    assert!(reading.facts.iter().all(|f| f.source.line == 1));
    assert_eq!(reading.facts.len(), 19, "{:?}", facts(&reading));
}

#[test]
fn a_v2_id_token_with_mfa_names_preferred_username_as_the_upn_source() {
    let reading = read(V2_ID);
    assert_fact(&reading, "token.kind", "id", "payload.nonce");
    assert_fact(&reading, "token.version", "2.0", "payload.ver");
    assert_fact(&reading, "token.has_wia", "no", "payload.amr");
    assert_fact(&reading, "token.has_mfa", "yes", "payload.amr");
    assert_eq!(
        fact(&reading, "token.amr").value,
        Value::List(vec!["pwd".into(), "mfa".into()])
    );
    assert_fact(
        &reading,
        "token.upn",
        "alice@contoso.com",
        "payload.preferred_username",
    );
    assert_fact(
        &reading,
        "token.auth_time",
        "2026-11-26T07:59:00Z",
        "payload.auth_time",
    );
    assert_fact(&reading, "token.exp", "2026-11-26T09:00:00Z", "payload.exp");
    assert_fact(
        &reading,
        "token.aud",
        "5b2020fa-6365-41e6-9254-4587f38f9570",
        "payload.aud",
    );
    for absent in [
        "token.app_id",
        "token.acr",
        "token.device_id",
        "token.ip_address",
        "token.in_corp",
    ] {
        assert_eq!(reading.get(absent), None, "{absent}");
    }
    assert_eq!(reading.notes, vec![NOT_VERIFIED.to_string()]);
}

#[test]
fn in_a_token_response_the_first_token_is_read_by_its_field_and_the_rest_counted() {
    let reading = read(RESPONSE);
    let kind = fact(&reading, "token.kind");
    assert_eq!(kind.value.to_string(), "access");
    assert_eq!(kind.source.path.as_deref(), Some("access_token"));
    assert_eq!(kind.source.line, 6, "the line of \"access_token\"");
    assert_fact(
        &reading,
        "token.upn",
        "bob@fabrikam.com",
        "payload.preferred_username",
    );
    assert_fact(
        &reading,
        "token.app_id",
        "5b2020fa-6365-41e6-9254-4587f38f9570",
        "payload.azp",
    );
    assert_fact(
        &reading,
        "token.tid",
        "e76bf377-e4d5-4215-a0da-e583f0f970c4",
        "payload.tid",
    );
    assert_fact(&reading, "token.iat", "2026-11-26T10:00:00Z", "payload.iat");
    assert_eq!(
        reading.get("token.has_wia"),
        None,
        "no amr: unknown, not no"
    );
    assert_eq!(reading.get("token.amr"), None);
    assert_eq!(reading.notes.len(), 3, "{:?}", reading.notes);
    assert_eq!(reading.notes[0], NOT_VERIFIED);
    assert!(
        reading.notes[1].starts_with("1 more token(s)"),
        "{:?}",
        reading.notes
    );
    assert!(
        reading.notes[2].contains("no amr claim"),
        "{:?}",
        reading.notes
    );
}

#[test]
fn an_id_token_field_makes_an_id_token_whatever_its_claims() {
    let id = RESPONSE
        .lines()
        .find(|l| l.contains("\"id_token\""))
        .expect("an id_token line");
    let reading = read(id);
    assert_fact(&reading, "token.kind", "id", "id_token");
    assert_fact(
        &reading,
        "token.upn",
        "bob@fabrikam.com",
        "payload.preferred_username",
    );
}

#[test]
fn a_bearer_header_among_other_output_with_crlf_is_read_on_its_line() {
    assert_eq!(recognise(BEARER), 95);
    let reading = read(BEARER);
    assert_fact(&reading, "token.kind", "access", "payload.scp");
    assert_fact(&reading, "token.version", "1.0", "payload.ver");
    assert_fact(
        &reading,
        "token.upn",
        "bob@fabrikam.com",
        "payload.unique_name",
    );
    assert_fact(&reading, "token.has_wia", "no", "payload.amr");
    assert_fact(&reading, "token.has_mfa", "no", "payload.amr");
    assert_fact(
        &reading,
        "token.ip_address",
        "198.51.100.7",
        "payload.ipaddr",
    );
    assert_fact(
        &reading,
        "token.aud",
        "00000003-0000-0000-c000-000000000000",
        "payload.aud",
    );
    assert!(reading.facts.iter().all(|f| f.source.line == 6));
    assert_eq!(reading.get("token.in_corp"), None);
    assert_eq!(reading.get("token.device_id"), None);
    assert_eq!(reading.notes, vec![NOT_VERIFIED.to_string()]);
}

#[test]
fn a_truncated_token_is_recognised_but_gives_a_note_and_no_fact() {
    assert_eq!(recognise(TRUNCATED), 95);
    let reading = read(TRUNCATED);
    assert!(reading.facts.is_empty(), "{:?}", facts(&reading));
    assert_eq!(reading.notes.len(), 2, "{:?}", reading.notes);
    assert!(reading.notes[1].contains("cut off"), "{:?}", reading.notes);
    let refusal = super::super::read(TRUNCATED).expect_err("no fact");
    assert!(refusal.to_string().contains("JWT token"), "{refusal}");
}

#[test]
fn a_shortened_display_ending_in_dots_is_a_cut_token() {
    let text = "access_token : eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9...";
    assert_eq!(recognise(text), 95);
    let reading = read(text);
    assert!(reading.facts.is_empty());
    assert!(reading.notes.iter().any(|n| n.contains("cut off")));
}

fn jwt(header: &str, payload: &[u8], signature: &str) -> String {
    format!(
        "{}.{}.{signature}",
        URL_SAFE_NO_PAD.encode(header),
        URL_SAFE_NO_PAD.encode(payload)
    )
}

#[test]
fn a_payload_that_is_not_json_gives_a_note_and_no_fact() {
    let token = jwt(
        r#"{"alg":"RS256","typ":"JWT"}"#,
        b"not json at all",
        "c2lnbmF0dXJl",
    );
    let reading = read(&token);
    assert!(reading.facts.is_empty(), "{:?}", facts(&reading));
    assert_eq!(
        reading.notes,
        vec![
            NOT_VERIFIED.to_string(),
            "the token's payload is not JSON (cut off or not a JWT): no claim read".to_string()
        ]
    );
}

#[test]
fn an_encrypted_token_is_named_and_not_read() {
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#);
    let jwe = format!("{header}.a2V5.aXY.Y2lwaGVydGV4dA.dGFn");
    let reading = read(&jwe);
    assert!(reading.facts.is_empty());
    assert!(reading.notes.iter().any(|n| n.contains("encrypted (JWE)")));
}

#[test]
fn padded_segments_and_a_full_stop_after_the_token_are_tolerated() {
    let header = base64::engine::general_purpose::URL_SAFE.encode(r#"{"alg":"none"}"#);
    let payload =
        base64::engine::general_purpose::URL_SAFE.encode(r#"{"ver":"2.0","amr":["wia"]}"#);
    assert!(header.ends_with('=') || payload.ends_with('='));
    let text = format!("The token was {header}.{payload}.sig.");
    let reading = read(&text);
    assert_fact(&reading, "token.has_wia", "yes", "payload.amr");
    assert_fact(&reading, "token.alg", "none", "header.alg");
}

#[test]
fn a_token_over_64_kb_is_ignored_with_a_note() {
    let big = format!(r#"{{"upn":"{}"}}"#, "a".repeat(70_000));
    let token = jwt(r#"{"alg":"RS256"}"#, big.as_bytes(), "c2ln");
    let reading = read(&token);
    assert!(reading.facts.is_empty());
    assert!(
        reading.notes[0].contains("over 64 KB"),
        "{:?}",
        reading.notes
    );
}

#[test]
fn times_are_rfc3339_utc_and_bad_times_are_noted() {
    let token = jwt(
        r#"{"alg":"RS256"}"#,
        br#"{"iat":"1795680000","exp":1795680000.9,"nbf":"soon"}"#,
        "c2ln",
    );
    let reading = read(&token);
    assert_fact(&reading, "token.iat", "2026-11-26T08:00:00Z", "payload.iat");
    assert_fact(&reading, "token.exp", "2026-11-26T08:00:00Z", "payload.exp");
    assert_eq!(reading.get("token.nbf"), None);
    assert!(reading.notes.iter().any(|n| n.contains("nbf")));
}

#[test]
fn kind_falls_back_to_the_audience_and_otherwise_is_left_unset() {
    let resource = jwt(
        r#"{"alg":"RS256"}"#,
        br#"{"aud":"https://graph.microsoft.com"}"#,
        "c2ln",
    );
    assert_fact(&read(&resource), "token.kind", "access", "payload.aud");
    let bare = jwt(
        r#"{"alg":"RS256"}"#,
        br#"{"aud":"5b2020fa-6365-41e6-9254-4587f38f9570"}"#,
        "c2ln",
    );
    let reading = read(&bare);
    assert_eq!(reading.get("token.kind"), None);
    assert!(reading.notes.iter().any(|n| n.contains("cannot tell")));
}

#[test]
fn version_falls_back_to_the_issuer() {
    let token = jwt(
        r#"{"alg":"RS256"}"#,
        br#"{"iss":"https://login.microsoftonline.com/69921112-edf5-4f8f-ae1d-c4b99c9949fd/v2.0"}"#,
        "c2ln",
    );
    assert_fact(&read(&token), "token.version", "2.0", "payload.iss");
}

/// Every base64url segment of every token in `text`, found without the reader's own scanner.
fn segments(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.=".contains(c)))
        .filter(|word| word.contains("eyJ") && word.contains('.'))
        .flat_map(|word| word.split('.').map(str::to_string).collect::<Vec<_>>())
        .filter(|segment| segment.len() >= 16)
        .collect()
}

#[test]
fn no_part_of_a_token_appears_in_any_source_value_or_note() {
    for fixture in ALL {
        let reading = read(fixture);
        let parts = segments(fixture);
        assert!(parts.len() >= 2, "the fixture holds a token");
        let mut said: Vec<String> = reading.notes.clone();
        for f in &reading.facts {
            said.push(f.value.to_string());
            said.push(f.source.text.clone());
            said.push(f.source.path.clone().unwrap_or_default());
        }
        for part in &parts {
            for text in &said {
                assert!(!text.contains(part.as_str()), "{part} in {text}");
            }
        }
    }
}

#[test]
fn impostors_and_other_kinds_score_zero() {
    let others = [
        IMPOSTOR,
        super::super::error_page::tests::NEW_LAYOUT,
        include_str!("../../../tests/fixtures/evidence/klist/tickets_clean.txt"),
        include_str!("../../../tests/fixtures/evidence/klist/get_error_messy.txt"),
        include_str!("../../../tests/fixtures/evidence/whoami/all_three_messy.txt"),
        include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_clean.txt"),
        include_str!("../../../tests/fixtures/evidence/nltest/dsgetdc_failed_messy.txt"),
        "AADSTS51006: Integrated Windows authentication is needed.",
        "",
    ];
    for text in others {
        assert_eq!(recognise(text), 0, "{text}");
    }
    let reading = read(IMPOSTOR);
    assert!(reading.facts.is_empty());
}

#[test]
fn a_browser_trace_holding_a_token_is_left_to_the_har_reader() {
    let har = format!(
        r#"{{"log": {{"entries": [{{"request": {{"headers": [{{"name": "Authorization", "value": "Bearer {}"}}]}}}}]}}}}"#,
        V1_ACCESS.trim()
    );
    assert_eq!(recognise(&har), 50);
}

#[test]
fn an_error_page_quoting_a_token_is_left_to_the_error_page_reader() {
    let page = "Error Code: 51006\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\nTimestamp: 2026-11-26T10:38:22Z\nApp name: Contoso Expenses\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46\nMessage: AADSTS51006: Integrated Windows authentication is needed. Sent: Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhQGIuYyJ9.c2ln\n";
    assert_eq!(recognise(page), 70);
    let reading = super::super::read(page).expect("a reading");
    assert_eq!(reading.kind, Kind::ErrorPage);
}

#[test]
fn every_fixture_is_recognised_and_goes_to_this_reader() {
    for fixture in ALL {
        assert!(recognise(fixture) >= 70, "{fixture}");
    }
    for fixture in [V1_ACCESS, V2_ID, RESPONSE, BEARER] {
        let reading = super::super::read(fixture).expect("a reading");
        assert_eq!(reading.kind, Kind::Token);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn token_shaped_text_is_read_without_panic(
        text in "(eyJ[A-Za-z0-9_=-]{0,24}[.]?){0,6}[ .\n]?(eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9[.][A-Za-z0-9_-]{0,40}[.]?[A-Za-z0-9_=.-]{0,12})?"
    ) {
        let _ = recognise(&text);
        let reading = read(&text);
        for f in &reading.facts {
            prop_assert!(SETS.iter().any(|(n, _)| *n == f.name), "{}", f.name);
        }
    }

    #[test]
    fn any_payload_bytes_in_a_real_header_are_read_without_panic(
        payload in proptest::collection::vec(any::<u8>(), 0..512),
        claims in proptest::collection::btree_map("[a-z_]{1,10}", any::<String>(), 0..8),
    ) {
        let _ = read(&jwt(r#"{"alg":"RS256"}"#, &payload, "c2ln"));
        let json = serde_json::to_vec(&claims).expect("a map of strings is JSON");
        let reading = read(&jwt(r#"{"alg":"RS256"}"#, &json, "c2ln"));
        for f in &reading.facts {
            prop_assert!(SETS.iter().any(|(n, _)| *n == f.name), "{}", f.name);
        }
    }
}
