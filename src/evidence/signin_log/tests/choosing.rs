//! Which sign-in is read among several, in a whole or a cut-off download.

use super::*;

#[test]
fn a_correlation_id_or_another_error_code_chooses_another_entry() {
    let r = read_selecting(PORTAL, Some(" 86891756-ED46-4fea-bdbb-61e53633f42b "), None);
    assert_eq!(text(&r, "signin.error_code"), Some("0"));
    assert_eq!(
        path(&r, "signin.error_code").as_deref(),
        Some("[0].status.errorCode")
    );
    assert_eq!(text(&r, "signin.app_name"), Some("Microsoft Outlook"));
    assert_eq!(text(&r, "signin.previously_satisfied"), Some("no"));
    assert_eq!(list(&r, "signin.ca_policies"), Some(vec![]));
    assert_eq!(list(&r, "signin.ca_failed_policies"), Some(vec![]));
    assert_eq!(
        r.notes,
        vec![
            "entry 1 of 3: its correlation id is 86891756-ED46-4fea-bdbb-61e53633f42b".to_string()
        ]
    );

    let r = read_selecting(PORTAL, None, Some("AADSTS50074"));
    assert_eq!(text(&r, "signin.error_code"), Some("50074"));
    assert_eq!(text(&r, "signin.app_name"), Some("My Apps"));
    // An empty device id or trust type is no value.
    assert_eq!(r.get("signin.device_id"), None);
    assert_eq!(r.get("signin.trust_type"), None);
    // Without steps, mfaDetail gives the method.
    assert_eq!(
        list(&r, "signin.auth_methods"),
        Some(vec!["Mobile app notification".to_string()])
    );
    assert_eq!(
        path(&r, "signin.auth_methods").as_deref(),
        Some("[1].mfaDetail.authMethod")
    );
    assert_eq!(r.get("signin.previously_satisfied"), None);

    let r = read_selecting(PORTAL, Some("00000000-0000-0000-0000-000000000000"), None);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        r.notes,
        vec![
            "no sign-in has correlation id 00000000-0000-0000-0000-000000000000".to_string(),
            "entry 3 of 3: the first with error 51006".to_string(),
        ]
    );
}

#[test]
fn without_the_code_the_first_failure_then_the_first_entry_is_read() {
    let r = read_selecting(PORTAL, None, Some("53003"));
    assert_eq!(text(&r, "signin.error_code"), Some("50074"));
    assert_eq!(
        r.notes,
        vec![
            "entry 2 of 3: none has error 53003; the first failed sign-in (error 50074)"
                .to_string()
        ]
    );
    let one_success = r#"[{"createdDateTime":"2025-01-01T00:00:00Z","correlationId":"86891756-ed46-4fea-bdbb-61e53633f42b","status":{"errorCode":0}},
            {"createdDateTime":"2025-01-01T00:01:00Z","correlationId":"70f5b23b-8f64-457c-8cba-7e6daae7eaf0","status":{"errorCode":0}}]"#;
    let r = read(one_success);
    assert_eq!(
        text(&r, "signin.correlation_id"),
        Some("86891756-ed46-4fea-bdbb-61e53633f42b")
    );
    assert_eq!(
        r.notes,
        vec!["entry 1 of 2: none has error 51006 and none failed; the first sign-in".to_string()]
    );
}

#[test]
fn a_cut_off_json_reads_nothing_rather_than_a_wrong_entry() {
    let r = read(TRUNCATED);
    assert!(r.facts.is_empty(), "{:?}", r.facts);
    assert_eq!(
            r.notes,
            vec!["the JSON is cut off after 2 complete sign-in(s) and none of them has error 51006: nothing read, as the sign-in wanted may be in the lost part; download it again".to_string()]
        );
    // Asked for a complete entry by its correlation id, it is read.
    let r = read_selecting(
        TRUNCATED,
        Some("e1712376-d5b6-4403-9e7f-c5cb20a4a811"),
        None,
    );
    assert_eq!(text(&r, "signin.error_code"), Some("50126"));
    assert_eq!(
        path(&r, "signin.error_code").as_deref(),
        Some("[1].status.errorCode")
    );
    assert_eq!(
        r.notes,
        vec![
            "the JSON is cut off: only its first 2 complete sign-in(s) were read".to_string(),
            "complete entry 2 of 2: its correlation id is e1712376-d5b6-4403-9e7f-c5cb20a4a811"
                .to_string(),
        ]
    );
}

#[test]
fn a_cut_off_json_whose_51006_entry_is_complete_reads_it() {
    let cut = PORTAL.find("\"Block legacy").expect("the third policy");
    let r = read(&PORTAL[..cut]);
    assert!(r.facts.is_empty(), "the 51006 entry is the one cut");
    let two = format!(
        "[{}",
        &PORTAL[PORTAL.find("  {\n    \"id\": \"8541e19a").expect("third")..cut]
    );
    assert!(read(&two).facts.is_empty());
    let graph_cut = &GRAPH[..GRAPH.find("\"@odata.nextLink\"").expect("next link") - 2];
    let r = read(graph_cut);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        r.notes,
        vec![
            "the JSON is cut off: only its first 2 complete sign-in(s) were read".to_string(),
            "complete entry 2 of 2: the first with error 51006".to_string(),
        ]
    );
    let r = read("{\"value\": [");
    assert_eq!(
            r.notes,
            vec!["the JSON is cut off before its first complete sign-in: nothing read; download the sign-in again".to_string()]
        );
    let r = read("{\"createdDateTime\": \"2025-");
    assert!(r.facts.is_empty());
}
