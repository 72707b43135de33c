//! Recognising a HAR, reading it alike whatever its form (paste, stream, line ends, key order),
//! JSON that is no HAR, values of unexpected types, and any input never panicking.

use super::*;

#[test]
fn every_har_fixture_is_recognised_and_every_impostor_is_not() {
    for (name, har) in HARS {
        assert_eq!(recognise(har), 95, "{name}");
        let reading = crate::evidence::read(har).expect(name);
        assert_eq!(
            reading.kind,
            Kind::Har,
            "{name}: the error page reader scores 90"
        );
    }
    let error_page_samples = [
        crate::evidence::error_page::tests::NEW_LAYOUT,
        "AADSTS51006: Integrated Windows authentication is needed.",
        r#"{"error":"invalid_grant","error_description":"AADSTS51006: IWA is needed.\r\nTrace ID: 0b8f3c1e-6a7d-4c1b-9d2e-5f4a3b2c1d0e","error_codes":[51006]}"#,
    ];
    for impostor in [SIGNIN_LOG, SIGNIN_LOG_GRAPH, ERROR_PAGE]
        .into_iter()
        .chain(error_page_samples)
    {
        assert_eq!(recognise(impostor), 0, "{impostor}");
    }
    assert_eq!(
        crate::evidence::read(ERROR_PAGE).expect("error page").kind,
        Kind::ErrorPage
    );
    assert_eq!(recognise(""), 0);
    assert_eq!(recognise("{\"catalog\": {\"version\": 1}}"), 0);
    assert_eq!(recognise("  \u{feff}{\"log\" : {\"creator\": {}}}"), 95);
}

#[test]
fn a_paste_a_stream_crlf_lf_and_a_byte_order_mark_read_alike() {
    for (name, har) in HARS {
        let reading = read(har);
        assert_eq!(read_from(har.as_bytes()), reading, "{name}: stream");
        let lf = har.replace("\r\n", "\n");
        assert_eq!(read(&lf), reading, "{name}: LF");
        let crlf = lf.replace('\n', "\r\n");
        assert_eq!(read(&crlf), reading, "{name}: CRLF");
        let bom = format!("\u{feff}{har}");
        assert_eq!(read(&bom), reading, "{name}: BOM");
        assert_eq!(read_from(bom.as_bytes()), reading, "{name}: BOM streamed");
        assert_eq!(
            read_from(Trickle(har.as_bytes())),
            reading,
            "{name}: 7 bytes at a time"
        );
        let cleaned = crate::evidence::read(har).expect(name);
        assert_eq!(cleaned, reading, "{name}: through evidence::read");
    }
}

/// `value` as JSON with every object's keys in reverse order (response before request, a
/// header's value before its name, a body before its content type), indented by tabs.
fn reversed(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            out.push_str("{\n\t");
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            keys.reverse();
            for (n, key) in keys.into_iter().enumerate() {
                if n > 0 {
                    out.push_str(",\n\t");
                }
                out.push_str(&serde_json::Value::String(key.clone()).to_string());
                out.push_str(" : ");
                reversed(&map[key], out);
            }
            out.push('}');
        }
        serde_json::Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                reversed(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[test]
fn keys_in_another_order_and_other_whitespace_read_alike() {
    for (name, har) in HARS.into_iter().filter(|(n, _)| *n != "truncated") {
        let json: serde_json::Value = serde_json::from_str(har).expect(name);
        let mut text = String::from("  \r\n");
        reversed(&json, &mut text);
        assert!(
            text.find("\"response\"") < text.find("\"request\""),
            "{name}"
        );
        assert_eq!(read(&text), read(har), "{name}");
    }
}

/// A reader that hands out 7 bytes at a time, as a slow pipe would.
struct Trickle<'b>(&'b [u8]);
impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.len().min(buf.len()).min(7);
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn json_that_is_not_a_har_gives_no_fact_and_says_why() {
    let reading = read(SIGNIN_LOG_GRAPH);
    assert!(reading.facts.is_empty());
    assert_eq!(
        reading.notes,
        vec!["this JSON has no \"log\" object: it is not a HAR"]
    );
    let reading = read(SIGNIN_LOG);
    assert!(reading.facts.is_empty());
    assert_eq!(
        reading.notes,
        vec!["this JSON has no \"log\" object: it is not a HAR"]
    );
    let reading = read("{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"x\"}}}");
    assert!(reading.facts.is_empty(), "{:?}", reading.facts);
    assert_eq!(
        reading.notes,
        vec!["the HAR has no log.entries: nothing was recorded"]
    );
    let reading = read("{\"log\": {\"entries\": []}}");
    assert_eq!(texts(&reading), vec![("trace.entries", "0", "log.entries")]);
    assert_eq!(
        reading.notes,
        vec!["the HAR has no entries: nothing was recorded"]
    );
    let reading = read("{\"log\": {\"entries\": [{\"request\": {\"url\": \"https://a.b/\"}}, ]}}");
    assert_eq!(reading.text("trace.entries"), Some("1"));
    assert!(
        reading
            .notes
            .iter()
            .any(|n| n.starts_with("the JSON is not valid after 1 entries")),
        "{:?}",
        reading.notes
    );
}

#[test]
fn values_of_unexpected_types_are_skipped_not_fatal() {
    let har = r#"{"log": {"creator": "odd", "entries": [
            null, 5, "x", [1, 2],
            {"request": null, "response": []},
            {"request": {"url": 7, "headers": {"a": 1}, "postData": "x", "cookies": [null, {"value": 3}]},
             "response": {"status": "401", "headers": [null, {"name": "WWW-Authenticate", "value": ["Negotiate"]}], "content": {"text": {"a": "AADSTS50000"}}}},
            {"request": {"method": "GET", "url": "https://login.microsoftonline.com/x/oauth2/authorize?prompt="}, "response": {"status": 200.0}}
          ]}}"#;
    let reading = read(har);
    assert_eq!(reading.text("trace.entries"), Some("7"));
    assert_eq!(reading.text("trace.error_code"), None);
    assert_eq!(reading.text("trace.login_hint_present"), Some("no"));
    assert_eq!(
        reading.text("trace.prompt"),
        None,
        "an empty prompt is no prompt"
    );
    assert!(
        reading
            .notes
            .iter()
            .any(|n| n.starts_with("1 entries had no response")),
        "{:?}",
        reading.notes
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_cut_of_a_fixture_keeps_declared_facts(cut_at in 0usize..24_000, which in 0usize..5) {
        let har = HARS[which].1;
        let mut end = cut_at.min(har.len());
        while !har.is_char_boundary(end) {
            end -= 1;
        }
        let reading = read(&har[..end]);
        declared(&reading);
        prop_assert_eq!(read_from(&har.as_bytes()[..end]), reading);
    }

    #[test]
    fn har_shaped_noise_never_panics(
        url in "[a-zA-Z:/.%?&=_-]{0,80}",
        header in "[a-zA-Z-]{0,20}",
        value in "\\PC{0,60}",
        status in any::<i64>(),
        body in "\\PC{0,200}",
    ) {
        let entry = serde_json::json!({
            "request": {"method": "POST", "url": url, "headers": [{"name": header, "value": value}],
                        "postData": {"text": value, "params": [{"name": header, "value": value}]}},
            "response": {"status": status, "headers": [{"name": header, "value": value}],
                         "content": {"mimeType": "text/html", "text": body}}
        });
        let har = serde_json::json!({"log": {"entries": [entry]}}).to_string();
        let reading = read(&har);
        declared(&reading);
        prop_assert_eq!(reading.text("trace.entries"), Some("1"));
    }
}
