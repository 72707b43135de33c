//! Tests of the dsregcmd reader, one file per feature tested; here, the fixtures and helpers
//! they share.

use super::*;
use crate::guide::Value;

mod declarations;
mod derived_facts;
mod field_names;
mod fixture_readings;
mod recognition;
mod sections;

const HYBRID: &str =
    include_str!("../../../../tests/fixtures/evidence/dsregcmd/win11_hybrid_prt.txt");
const ENTRA: &str =
    include_str!("../../../../tests/fixtures/evidence/dsregcmd/entra_joined_no_prt.txt");
const OLD: &str =
    include_str!("../../../../tests/fixtures/evidence/dsregcmd/win10_1709_no_banners.txt");
const MESSY: &str =
    include_str!("../../../../tests/fixtures/evidence/dsregcmd/messy_crlf_truncated.txt");
const ERROR_PAGE: &str =
    include_str!("../../../../tests/fixtures/evidence/dsregcmd/impostor_error_page.txt");
const IPCONFIG: &str =
    include_str!("../../../../tests/fixtures/evidence/dsregcmd/impostor_ipconfig.txt");

const SAMPLES: &[&str] = &[HYBRID, ENTRA, OLD, MESSY];

/// The facts of a reading as (name, value, line) with lists joined by `|`, sorted by name.
fn facts(reading: &Reading) -> Vec<(String, String, usize)> {
    let mut out: Vec<(String, String, usize)> = reading
        .facts
        .iter()
        .map(|f| {
            let value = match &f.value {
                Value::Text(t) => t.clone(),
                Value::List(items) => items.join("|"),
            };
            (f.name.clone(), value, f.source.line)
        })
        .collect();
    out.sort();
    out
}

fn want(expected: &[(&str, &str, usize)]) -> Vec<(String, String, usize)> {
    let mut out: Vec<(String, String, usize)> = expected
        .iter()
        .map(|(n, v, l)| (n.to_string(), v.to_string(), *l))
        .collect();
    out.sort();
    out
}

/// The fixture's line `number`, trimmed, as a proof quotes it.
fn line_of(text: &str, number: usize) -> String {
    Lines::new(text)
        .find(|(n, _)| *n == number)
        .map(|(_, l)| l.trim().to_string())
        .expect("the fixture has that line")
}
