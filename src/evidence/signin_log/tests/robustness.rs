//! Odd and hostile input: keys written twice, entries that are no object, secrets, and any
//! text never panicking.

use super::*;

#[test]
fn a_key_written_twice_or_an_entry_that_is_no_object_is_handled() {
    let twice = r#"[{"correlationId":"a","correlationId":"b","createdDateTime":"x","status":{"errorCode":51006}}]"#;
    let r = read_selecting(twice, Some("b"), None);
    assert_eq!(text(&r, "signin.correlation_id"), Some("b"));
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    let r = read(r#"[["86891756-ed46-4fea-bdbb-61e53633f42b", {"errorCode": 51006}]]"#);
    assert!(r.facts.is_empty());
    assert_eq!(
        r.notes.first().map(String::as_str),
        Some("1 entry of the JSON could not be read as a sign-in")
    );
}

#[test]
fn secrets_in_the_log_do_not_survive_into_values_or_proofs() {
    let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhQGIuYyJ9.c2lnbmF0dXJl";
    let json = format!(
        r#"{{"createdDateTime":"2025-01-01T00:00:00Z","status":{{"errorCode":51006,"additionalDetails":"token {jwt} was sent"}}}}"#
    );
    let r = read(&json);
    let fact = r.get("signin.additional_details").expect("details");
    assert!(!fact.value.to_string().contains("eyJ"), "{fact:?}");
    assert!(!fact.source.text.contains("eyJ"), "{fact:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn pieces_of_sign_in_logs_read_without_panic(
        pieces in proptest::collection::vec(
            prop::sample::select(vec![
                "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "\r",
                "\"createdDateTime\"", "\"status\"", "\"errorCode\"", "51006", "0",
                "\"correlationId\"", "\"value\"", "\"authenticationDetails\"",
                "\"appliedConditionalAccessPolicies\"", "\"deviceDetail\"", "true",
                "\"Previously satisfied\"", "Correlation ID", "Sign-in error code",
                "Status", "Username", "Date (UTC)", "\"a,b\"", "\u{feff}", "é",
            ]),
            0..80,
        )
    ) {
        check_never_panics(&pieces.concat());
    }
}

fn check_never_panics(text: &str) {
    let _ = recognise(text);
    for reading in [read(text), read_selecting(text, Some("x"), Some("AADSTS"))] {
        for fact in &reading.facts {
            assert!(
                SETS.iter().any(|(n, _)| *n == fact.name),
                "{} is not declared",
                fact.name
            );
        }
    }
}
