//! The JSON downloads (portal array, Graph response, one object) read to their facts: device,
//! MFA, policies, session lifetime and related failures.

use super::*;

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
