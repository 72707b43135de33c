//! The CSV download: quoted commas, multi-line cells, BOM, CRLF and missing columns.

use super::*;

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
