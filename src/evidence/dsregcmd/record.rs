//! Records a field's value as a fact: YES/NO lowered, lists split, one entry per Work Account.

use crate::evidence::error_page::error_codes;
use crate::evidence::{proof, Reading, Source};
use crate::guide::Value;

/// Where a list fact (one entry per Work Account) was first seen, and its entries.
#[derive(Default)]
pub(super) struct ListFact {
    values: Vec<String>,
    source: Option<Source>,
}

impl ListFact {
    pub(super) fn push(&mut self, value: &str, number: usize, line: &str) {
        if self.source.is_none() {
            self.source = Some(proof(number, line));
        }
        // A handful of work accounts at most: a long paste cannot grow this past that.
        if self.values.len() < 32 && !self.values.iter().any(|v| v == value) {
            self.values.push(value.to_string());
        }
    }

    pub(super) fn set(self, reading: &mut Reading, name: &str) {
        if let Some(source) = self.source {
            reading.set(name, Value::List(self.values), source);
        }
    }
}

/// Records one field's fact: YES/NO as `yes`/`no`, other values as printed; an empty value sets
/// nothing, except a proxy setting, where empty means none is set.
pub(super) fn set_fact(
    reading: &mut Reading,
    fact: &'static str,
    value: &str,
    number: usize,
    line: &str,
) {
    // First occurrence wins: a repeated line is not quoted (redaction is the costly part).
    if (value.is_empty() && !fact.starts_with("proxy.")) || reading.get(fact).is_some() {
        return;
    }
    let source = proof(number, line);
    match fact {
        "sso.kerb_top_level_names" => {
            let names: Vec<String> = value
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from)
                .collect();
            reading.set(fact, names, source);
        }
        "sso.prt_server_message" => {
            if let Some(code) = error_codes(value).into_iter().next() {
                reading.set("sso.prt_aadsts_code", code, source.clone());
            }
            reading.set(fact, value, source);
        }
        _ => reading.set(fact, yes_no(value), source),
    }
}

/// YES and NO as the guides' `yes` and `no`; any other value as printed.
fn yes_no(value: &str) -> &str {
    if value.eq_ignore_ascii_case("yes") {
        "yes"
    } else if value.eq_ignore_ascii_case("no") {
        "no"
    } else {
        value
    }
}
