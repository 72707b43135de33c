//! Tests of the signin_log reader: fixtures, impostors, and any text never panicking.

use proptest::prelude::*;

use super::*;

const PORTAL: &str = include_str!("../../../tests/fixtures/evidence/signin_log/portal_array.json");
const GRAPH: &str = include_str!("../../../tests/fixtures/evidence/signin_log/graph_response.json");
const CSV: &str = include_str!("../../../tests/fixtures/evidence/signin_log/portal.csv");
const BOM_CRLF: &str = include_str!("../../../tests/fixtures/evidence/signin_log/bom_crlf.csv");
const TRUNCATED: &str = include_str!("../../../tests/fixtures/evidence/signin_log/truncated.json");
const HAR: &str = include_str!("../../../tests/fixtures/evidence/signin_log/har.json");
const DSREGCMD: &str = include_str!("../../../tests/fixtures/evidence/signin_log/dsregcmd.txt");

fn text<'r>(reading: &'r Reading, name: &str) -> Option<&'r str> {
    reading.text(name)
}

fn list(reading: &Reading, name: &str) -> Option<Vec<String>> {
    match &reading.get(name)?.value {
        Value::List(items) => Some(items.clone()),
        Value::Text(_) => None,
    }
}

fn path(reading: &Reading, name: &str) -> Option<String> {
    reading.get(name)?.source.path.clone()
}

fn line(reading: &Reading, name: &str) -> (usize, String) {
    let fact = reading.get(name).expect(name);
    (fact.source.line, fact.source.text.clone())
}

#[test]
fn the_portal_array_gives_the_51006_entry_with_its_device_mfa_and_policies() {
    let r = read(PORTAL);
    assert_eq!(r.kind, Kind::SigninLog);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        path(&r, "signin.error_code").as_deref(),
        Some("[2].status.errorCode")
    );
    assert_eq!(
            text(&r, "signin.failure_reason"),
            Some("Integrated Windows authentication is needed. User logged in using a session token that is missing the integrated Windows authentication claim.")
        );
    assert_eq!(
            text(&r, "signin.additional_details"),
            Some("The application requires Integrated Windows authentication, but the session was established another way.")
        );
    assert_eq!(
        text(&r, "signin.correlation_id"),
        Some("c7b8a111-3a29-47cf-9670-54e88165683a")
    );
    assert_eq!(
        text(&r, "signin.request_id"),
        Some("8541e19a-6316-4a03-8523-5548ff870b91")
    );
    assert_eq!(path(&r, "signin.request_id").as_deref(), Some("[2].id"));
    assert_eq!(text(&r, "signin.time"), Some("2025-03-11T08:09:57Z"));
    assert_eq!(text(&r, "signin.user"), Some("alice@contoso.com"));
    assert_eq!(text(&r, "signin.app_name"), Some("Contoso Expenses"));
    assert_eq!(
        text(&r, "signin.app_id"),
        Some("bd4fe612-fb97-4045-aa82-18b1a426c2d7")
    );
    assert_eq!(text(&r, "signin.ip_address"), Some("198.51.100.23"));
    assert_eq!(text(&r, "signin.client_app"), Some("Browser"));
    assert_eq!(text(&r, "signin.browser"), Some("Edge 122.0.2365"));
    assert_eq!(text(&r, "signin.os"), Some("Windows 10"));
    assert_eq!(
        text(&r, "signin.device_id"),
        Some("5e1eeced-2828-467a-8583-1c8398ca5f6d")
    );
    assert_eq!(
        text(&r, "signin.trust_type"),
        Some("Microsoft Entra hybrid joined")
    );
    assert_eq!(text(&r, "signin.managed"), Some("yes"));
    assert_eq!(
        path(&r, "signin.managed").as_deref(),
        Some("[2].deviceDetail.isManaged")
    );
    assert_eq!(text(&r, "signin.compliant"), Some("no"));
    assert_eq!(text(&r, "signin.interactive"), Some("yes"));
    assert_eq!(text(&r, "signin.auth_requirement"), Some("multi"));
    assert_eq!(
        list(&r, "signin.auth_methods"),
        Some(vec!["Previously satisfied".to_string()])
    );
    assert_eq!(text(&r, "signin.previously_satisfied"), Some("yes"));
    assert_eq!(
        path(&r, "signin.previously_satisfied").as_deref(),
        Some("[2].authenticationDetails[0].authenticationMethod")
    );
    assert_eq!(text(&r, "signin.ca_status"), Some("failure"));
    assert_eq!(
        list(&r, "signin.ca_policies"),
        Some(vec![
            "Require hybrid joined device for Expenses: failure".to_string(),
            "MFA for all users: success".to_string(),
            "Block legacy authentication: notApplied".to_string(),
        ])
    );
    assert_eq!(
        list(&r, "signin.ca_failed_policies"),
        Some(vec!["Require hybrid joined device for Expenses".to_string()])
    );
    assert_eq!(
        r.notes,
        vec!["entry 3 of 3: the first with error 51006".to_string()]
    );
    assert_eq!(text(&r, "signin.sif_applied"), Some("no"));
    // No other failure shares its correlation id.
    assert_eq!(list(&r, "signin.related_codes"), Some(vec![]));
    assert_eq!(r.facts.len(), SETS.len(), "every fact is read: {r:?}");
}

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
fn a_graph_response_is_read_from_its_value_array() {
    let r = read(GRAPH);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        path(&r, "signin.error_code").as_deref(),
        Some("value[1].status.errorCode")
    );
    assert_eq!(text(&r, "signin.user"), Some("bob@fabrikam.com"));
    assert_eq!(text(&r, "signin.trust_type"), Some("ServerAD"));
    assert_eq!(text(&r, "signin.compliant"), Some("yes"));
    assert_eq!(text(&r, "signin.ca_status"), Some("success"));
    assert_eq!(
        list(&r, "signin.ca_policies"),
        Some(vec!["Require MFA, Fabrikam Portal: success".to_string()])
    );
    assert_eq!(list(&r, "signin.ca_failed_policies"), Some(vec![]));
    // v1.0 has no authentication steps: neither is guessed.
    assert_eq!(r.get("signin.auth_methods"), None);
    assert_eq!(r.get("signin.previously_satisfied"), None);
    assert_eq!(r.get("signin.auth_requirement"), None);
    assert_eq!(
        r.notes,
        vec![
            "the Graph response has more pages (@odata.nextLink): only this page was read"
                .to_string(),
            "entry 2 of 2: the first with error 51006".to_string(),
        ]
    );
}

#[test]
fn one_sign_in_object_is_read_with_paths_from_its_root() {
    let one = r#"{"id":"0e93a6f3-1541-4f9e-a823-db949ed97878","createdDateTime":"2025-01-01T00:00:00Z","status":{"errorCode":"51006","failureReason":"IWA is needed.\u001b[31m"},"isInteractive":"false"}"#;
    let r = read(one);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        path(&r, "signin.error_code").as_deref(),
        Some("status.errorCode")
    );
    assert_eq!(text(&r, "signin.failure_reason"), Some("IWA is needed."));
    assert_eq!(text(&r, "signin.interactive"), Some("no"));
    assert!(r.notes.is_empty(), "{:?}", r.notes);
}

#[test]
fn the_csv_download_gives_the_51006_row_past_quoted_commas_and_a_multi_line_cell() {
    let r = read(CSV);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        line(&r, "signin.error_code"),
        (5, "Sign-in error code: 51006".to_string())
    );
    assert_eq!(
        text(&r, "signin.correlation_id"),
        Some("c7b8a111-3a29-47cf-9670-54e88165683a")
    );
    assert_eq!(
        text(&r, "signin.request_id"),
        Some("8541e19a-6316-4a03-8523-5548ff870b91")
    );
    assert_eq!(text(&r, "signin.time"), Some("2025-03-11T08:09:57Z"));
    assert_eq!(text(&r, "signin.user"), Some("alice@contoso.com"));
    assert_eq!(text(&r, "signin.app_name"), Some("Contoso Expenses"));
    assert_eq!(
        text(&r, "signin.app_id"),
        Some("bd4fe612-fb97-4045-aa82-18b1a426c2d7")
    );
    assert_eq!(
        line(&r, "signin.app_id"),
        (
            5,
            "Application ID: bd4fe612-fb97-4045-aa82-18b1a426c2d7".to_string()
        )
    );
    assert_eq!(text(&r, "signin.ip_address"), Some("198.51.100.23"));
    assert_eq!(text(&r, "signin.client_app"), Some("Browser"));
    assert_eq!(text(&r, "signin.browser"), Some("Edge 122.0.2365"));
    assert_eq!(text(&r, "signin.os"), Some("Windows 10"));
    assert_eq!(
        text(&r, "signin.device_id"),
        Some("5e1eeced-2828-467a-8583-1c8398ca5f6d")
    );
    assert_eq!(
        text(&r, "signin.trust_type"),
        Some("Microsoft Entra hybrid joined")
    );
    assert_eq!(text(&r, "signin.managed"), Some("yes"));
    assert_eq!(text(&r, "signin.compliant"), Some("no"));
    assert_eq!(text(&r, "signin.auth_requirement"), Some("multi"));
    assert_eq!(
        list(&r, "signin.auth_methods"),
        Some(vec!["Previously satisfied".to_string()])
    );
    assert_eq!(text(&r, "signin.previously_satisfied"), Some("yes"));
    assert_eq!(
        line(&r, "signin.previously_satisfied"),
        (
            5,
            "Multifactor authentication result: MFA requirement satisfied by claim in the token"
                .to_string()
        )
    );
    assert_eq!(text(&r, "signin.ca_status"), Some("failure"));
    assert_eq!(
            text(&r, "signin.additional_details"),
            Some("The app requires Integrated Windows authentication, but the session was established another way.")
        );
    assert_eq!(r.get("signin.ca_policies"), None);
    assert_eq!(r.get("signin.interactive"), None);
    assert_eq!(
            r.notes,
            vec![
                "row 3 of 3 (line 5): the first with error 51006".to_string(),
                "the CSV download has no Conditional Access policy details nor authentication steps: download the sign-in as JSON to read signin.ca_policies".to_string(),
            ]
        );
}

#[test]
fn a_multi_line_cell_is_read_on_one_line_and_rows_keep_their_first_line() {
    let r = read_selecting(CSV, None, Some("50126"));
    assert_eq!(
        text(&r, "signin.additional_details"),
        Some("The user typed a wrong password, twice. The account is not locked.")
    );
    assert_eq!(line(&r, "signin.error_code").0, 3);
    assert_eq!(text(&r, "signin.ca_status"), Some("notApplied"));
    assert_eq!(text(&r, "signin.auth_requirement"), Some("single"));
    assert_eq!(text(&r, "signin.previously_satisfied"), Some("no"));
    assert_eq!(
        line(&r, "signin.previously_satisfied"),
        (3, "Multifactor authentication result:".to_string())
    );
    // The row after the multi-line cell starts on line 5.
    let r = read_selecting(CSV, Some("c7b8a111-3a29-47cf-9670-54e88165683a"), None);
    assert_eq!(line(&r, "signin.time").0, 5);
}

#[test]
fn a_csv_with_bom_crlf_quoted_headers_and_missing_columns_is_read() {
    assert_eq!(recognise(BOM_CRLF), 95);
    let r = read(BOM_CRLF);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        line(&r, "signin.error_code"),
        (3, "Sign-in error code: 51006".to_string())
    );
    assert_eq!(text(&r, "signin.user"), Some("carol@fabrikam.com"));
    assert_eq!(text(&r, "signin.time"), Some("2025-05-20T16:41:30Z"));
    assert_eq!(text(&r, "signin.managed"), Some("yes"));
    assert_eq!(text(&r, "signin.ca_status"), Some("success"));
    assert_eq!(text(&r, "signin.previously_satisfied"), Some("yes"));
    assert_eq!(r.get("signin.device_id"), None);
    assert_eq!(r.get("signin.trust_type"), None);
    assert_eq!(
            r.notes,
            vec![
                "the CSV has no Device ID, Join Type columns: not read".to_string(),
                "row 2 of 2 (line 3): the first with error 51006".to_string(),
                "the CSV download has no Conditional Access policy details nor authentication steps: download the sign-in as JSON to read signin.ca_policies".to_string(),
            ]
        );
    // The same rows with lone CRs number their lines alike.
    let cr = BOM_CRLF.replace("\r\n", "\r");
    assert_eq!(line(&read(&cr), "signin.error_code").0, 3);
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

#[test]
fn session_lifetime_policies_say_whether_sign_in_frequency_forced_the_sign_in() {
    let entry = |policies: &str| {
        format!(
            r#"{{"createdDateTime": "2025-03-11T08:09:57Z", "correlationId": "c1", "status": {{"errorCode": 51006}}, "sessionLifetimePolicies": {policies}}}"#
        )
    };
    let every_time = read(&entry(
        r#"[{"expirationRequirement": "signInFrequencyEveryTime", "detail": "Sign-in frequency: every time"}, {"expirationRequirement": "rememberMultifactorAuthenticationOnTrustedDevices"}]"#,
    ));
    assert_eq!(text(&every_time, "signin.sif_applied"), Some("yes"));
    assert_eq!(
        list(&every_time, "signin.session_policies"),
        Some(vec![
            "signInFrequencyEveryTime".to_string(),
            "rememberMultifactorAuthenticationOnTrustedDevices".to_string()
        ])
    );
    assert_eq!(
        path(&every_time, "signin.sif_applied").as_deref(),
        Some("sessionLifetimePolicies")
    );
    let periodic = read(&entry(
        r#"[{"expirationRequirement": "signInFrequencyPeriodicReauthentication"}]"#,
    ));
    assert_eq!(text(&periodic, "signin.sif_applied"), Some("yes"));
    let other = read(&entry(
        r#"[{"expirationRequirement": "tenantTokenLifetimePolicy"}]"#,
    ));
    assert_eq!(text(&other, "signin.sif_applied"), Some("no"));
    let empty = read(&entry("[]"));
    assert_eq!(text(&empty, "signin.sif_applied"), Some("no"));
    assert_eq!(list(&empty, "signin.session_policies"), None);
    // A download without the field says nothing either way.
    assert_eq!(text(&read(GRAPH), "signin.sif_applied"), None);
}

#[test]
fn other_failures_under_the_same_correlation_id_are_listed() {
    let json = r#"[
      {"createdDateTime": "2025-03-11T08:09:50Z", "correlationId": "C1", "status": {"errorCode": 81010}},
      {"createdDateTime": "2025-03-11T08:09:55Z", "correlationId": "c2", "status": {"errorCode": 81012}},
      {"createdDateTime": "2025-03-11T08:09:57Z", "correlationId": "c1", "status": {"errorCode": 51006}},
      {"createdDateTime": "2025-03-11T08:09:58Z", "correlationId": "c1", "status": {"errorCode": 81010}},
      {"createdDateTime": "2025-03-11T08:10:30Z", "correlationId": "c1", "status": {"errorCode": 0}}
    ]"#;
    let r = read(json);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        list(&r, "signin.related_codes"),
        Some(vec!["81010".to_string()])
    );
    assert!(line(&r, "signin.related_codes").1.contains("81010"));
    let alone = read(
        r#"{"createdDateTime": "2025-03-11T08:09:57Z", "correlationId": "c1", "status": {"errorCode": 51006}}"#,
    );
    assert_eq!(
        list(&alone, "signin.related_codes"),
        None,
        "one entry says nothing"
    );
    let csv = "Date (UTC),Correlation ID,Status,Sign-in error code\n\
               2025-03-11T08:09:50Z,c1,Failure,81001\n\
               2025-03-11T08:09:57Z,c1,Failure,51006\n";
    let r = read(csv);
    assert_eq!(text(&r, "signin.error_code"), Some("51006"));
    assert_eq!(
        list(&r, "signin.related_codes"),
        Some(vec!["81001".to_string()])
    );
    assert_eq!(line(&r, "signin.related_codes").0, 3);
}

#[test]
fn sign_in_logs_are_recognised_and_other_evidence_is_not() {
    for sample in [PORTAL, GRAPH, CSV, BOM_CRLF, TRUNCATED] {
        assert_eq!(recognise(sample), 95, "{}", &sample[..60]);
    }
    for impostor in [
        HAR,
        DSREGCMD,
        crate::evidence::error_page::tests::NEW_LAYOUT,
        "AADSTS51006: Integrated Windows authentication is needed.",
        r#"{"error":"invalid_grant","error_description":"AADSTS51006: IWA is needed.","error_codes":[51006],"timestamp":"2016-01-09 02:02:12Z","correlation_id":"148787df-c02d-4cbe-947e-481164f67f03"}"#,
        include_str!("../../../tests/fixtures/evidence/federation/adfs_properties.txt"),
        include_str!("../../../tests/fixtures/evidence/federation/combined.txt"),
        "Date,User,Status\n2025-01-01,alice,ok\n",
        "",
    ] {
        assert_eq!(recognise(impostor), 0, "{impostor}");
    }
}

#[test]
fn the_evidence_picker_gives_sign_in_logs_to_this_reader() {
    for sample in [PORTAL, GRAPH, CSV, BOM_CRLF] {
        let reading = crate::evidence::read(sample).expect("read");
        assert_eq!(reading.kind, Kind::SigninLog);
        assert_eq!(reading.text("signin.error_code"), Some("51006"));
    }
    let refusal = crate::evidence::read(TRUNCATED).expect_err("nothing read");
    assert!(
        matches!(
            refusal,
            crate::evidence::Refusal::Empty {
                kind: Kind::SigninLog,
                ..
            }
        ),
        "{refusal:?}"
    );
}

#[test]
fn text_that_is_neither_json_nor_csv_reads_nothing_and_says_so() {
    let r = read("just a note");
    assert!(r.facts.is_empty());
    assert_eq!(
        r.notes,
        vec!["the first line names no column of the sign-in log download".to_string()]
    );
    let r = read("[1, 2, \"x\"]");
    assert!(r.facts.is_empty());
    assert_eq!(
        r.notes,
        vec![
            "3 entries of the JSON could not be read as a sign-in".to_string(),
            "the JSON holds no sign-in object".to_string()
        ]
    );
    let r = read("Date (UTC),Correlation ID,Status,Sign-in error code,Username\n");
    assert_eq!(
        r.notes.last().map(String::as_str),
        Some("the CSV has a header but no sign-in row")
    );
}

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
