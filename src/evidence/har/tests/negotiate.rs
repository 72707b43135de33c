//! Negotiate offered and answered, and NTLM seen, across entries and hosts.

use super::*;

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
