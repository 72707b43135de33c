//! Tests of the har reader: the fixtures and helpers the test modules share; the tests are
//! grouped by feature in the modules below.

use proptest::prelude::*;

use super::*;
use crate::guide::Value;
use base64::Engine as _;

const EDGE: &str =
    include_str!("../../../../tests/fixtures/evidence/har/edge_seamless_sso_51006.har");
const CHROME: &str = include_str!("../../../../tests/fixtures/evidence/har/chrome_adfs_wia.har");
const FIREFOX: &str =
    include_str!("../../../../tests/fixtures/evidence/har/firefox_adfs_forms.har");
const TRUNCATED: &str =
    include_str!("../../../../tests/fixtures/evidence/har/chrome_truncated.har");
const SANITIZED: &str =
    include_str!("../../../../tests/fixtures/evidence/har/chrome_sanitized.har");
const SIGNIN_LOG: &str =
    include_str!("../../../../tests/fixtures/evidence/har/impostor_signin_log.json");
const SIGNIN_LOG_GRAPH: &str =
    include_str!("../../../../tests/fixtures/evidence/har/impostor_signin_log_graph.json");
const ERROR_PAGE: &str =
    include_str!("../../../../tests/fixtures/evidence/har/impostor_error_page.txt");

const HARS: [(&str, &str); 5] = [
    ("edge", EDGE),
    ("chrome", CHROME),
    ("firefox", FIREFOX),
    ("truncated", TRUNCATED),
    ("sanitized", SANITIZED),
];

/// Every text fact as (name, value, path), in the order set.
fn texts(reading: &Reading) -> Vec<(&str, &str, &str)> {
    reading
        .facts
        .iter()
        .filter_map(|f| match &f.value {
            Value::Text(t) => Some((
                f.name.as_str(),
                t.as_str(),
                f.source.path.as_deref().unwrap_or(""),
            )),
            Value::List(_) => None,
        })
        .collect()
}

fn list<'r>(reading: &'r Reading, name: &str) -> Vec<&'r str> {
    match &reading.get(name).expect(name).value {
        Value::List(items) => items.iter().map(String::as_str).collect(),
        Value::Text(t) => panic!("{name} is text {t}"),
    }
}

fn source_text<'r>(reading: &'r Reading, name: &str) -> &'r str {
    &reading.get(name).expect(name).source.text
}

/// Every text a reading shows: values, list items, sources and notes.
fn shown(reading: &Reading) -> Vec<String> {
    let mut out = reading.notes.clone();
    for fact in &reading.facts {
        match &fact.value {
            Value::Text(t) => out.push(t.clone()),
            Value::List(items) => out.extend(items.iter().cloned()),
        }
        out.push(fact.source.describe());
    }
    out
}

fn declared(reading: &Reading) {
    for fact in &reading.facts {
        assert!(
            SETS.iter().any(|(n, _)| *n == fact.name),
            "{} is not declared",
            fact.name
        );
        assert!(fact.source.text.chars().count() <= super::super::lines::MAX_PROOF);
    }
}

mod entry_details;
mod fixtures;
mod negotiate;
mod privacy;
mod robustness;
