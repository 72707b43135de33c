//! Sign-in logs recognised and picked, other evidence and other text not.

use super::*;

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
        include_str!("../../../../tests/fixtures/evidence/federation/adfs_properties.txt"),
        include_str!("../../../../tests/fixtures/evidence/federation/combined.txt"),
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
