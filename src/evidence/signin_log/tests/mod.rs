//! Tests of the signin_log reader: the fixtures and helpers the test modules share; the tests
//! are grouped by feature in the modules below.

use proptest::prelude::*;

use super::*;

const PORTAL: &str =
    include_str!("../../../../tests/fixtures/evidence/signin_log/portal_array.json");
const GRAPH: &str =
    include_str!("../../../../tests/fixtures/evidence/signin_log/graph_response.json");
const CSV: &str = include_str!("../../../../tests/fixtures/evidence/signin_log/portal.csv");
const BOM_CRLF: &str = include_str!("../../../../tests/fixtures/evidence/signin_log/bom_crlf.csv");
const TRUNCATED: &str =
    include_str!("../../../../tests/fixtures/evidence/signin_log/truncated.json");
const HAR: &str = include_str!("../../../../tests/fixtures/evidence/signin_log/har.json");
const DSREGCMD: &str = include_str!("../../../../tests/fixtures/evidence/signin_log/dsregcmd.txt");

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

mod choosing;
mod csv;
mod json;
mod recognition;
mod robustness;
