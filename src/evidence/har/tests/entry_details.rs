//! The pieces of an entry: errors in bodies, Locations and redirects, labelled ids, URLs,
//! browsers from User-Agents, and the cap on hosts.

use super::super::facts::browser_of;

use super::*;

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
