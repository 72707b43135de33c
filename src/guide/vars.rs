//! Variables of a walk: their value type, and the names that something other than a node sets.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A variable's value: answers and inputs are text, checklists and some evidence are lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Text(String),
    List(Vec<String>),
}

impl Value {
    pub fn is_truthy(&self) -> bool {
        match self {
            Value::Text(t) => !matches!(t.trim(), "" | "no" | "false" | "0"),
            Value::List(items) => !items.is_empty(),
        }
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<Vec<String>> for Value {
    fn from(items: Vec<String>) -> Value {
        Value::List(items)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(t) => f.write_str(t),
            Value::List(items) => f.write_str(&items.join(", ")),
        }
    }
}

pub type Variables = BTreeMap<String, Value>;

/// Set by the evidence parsers rather than by a node, so guides may read them in conditions.
/// `guide` cannot name `evidence` (it sits below it), so this list is written out here and a test
/// in `evidence` holds it equal to the union of the parsers' own `SETS`.
pub const EVIDENCE_VARIABLES: &[&str] = &[
    "error.code",
    "error.request_id",
    "error.correlation_id",
    "error.timestamp",
    "error.app_name",
    "error.app_id",
    "error.user",
    "error.ip_address",
    "error.device_id",
    "error.device_platform",
    "error.device_state",
    "error.message",
    // JWT token (evidence::token)
    "token.kind",
    "token.version",
    "token.amr",
    "token.has_wia",
    "token.has_mfa",
    "token.acr",
    "token.auth_time",
    "token.iat",
    "token.nbf",
    "token.exp",
    "token.upn",
    "token.tid",
    "token.oid",
    "token.app_id",
    "token.aud",
    "token.iss",
    "token.device_id",
    "token.ip_address",
    "token.in_corp",
    "token.alg",
    // klist (evidence::klist)
    "kerberos.ticket_count",
    "kerberos.client",
    "kerberos.has_tgt",
    "kerberos.has_seamless_sso_ticket",
    "kerberos.seamless_sso_encryption",
    "kerberos.servers",
    "kerberos.encryption_types",
    "kerberos.kdc",
    "kerberos.tgt_end_time",
    "kerberos.error",
    "kerberos.error_text",
    // whoami (evidence::whoami)
    "account.name",
    "account.domain",
    "account.upn",
    "account.upn_suffix",
    "account.dn",
    "account.is_domain_user",
    // nltest /dsgetdc (evidence::nltest)
    "dc.found",
    "dc.name",
    "dc.address",
    "dc.domain",
    "dc.forest",
    "dc.site",
    "dc.client_site",
    "dc.flags",
    "dc.is_kdc",
    "dc.close_site",
    "dc.error",
];

/// What answering a node stores under the node's id (confirm, choice, info) or its variable.
pub const YES: &str = "yes";
pub const NO: &str = "no";
pub const UNSURE: &str = "unsure";
pub const DONE: &str = "done";

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::EVIDENCE_VARIABLES;

    const GUIDE_FORMAT: &str = include_str!("../../docs/guide-format.md");

    /// The first backquoted name of each row of the evidence variables table.
    fn documented_evidence_variables() -> BTreeSet<&'static str> {
        let start = GUIDE_FORMAT
            .find("**Evidence variables.**")
            .expect("the docs have an evidence variables paragraph");
        GUIDE_FORMAT[start..]
            .lines()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .filter_map(|row| row.strip_prefix("| `"))
            .filter_map(|rest| rest.split('`').next())
            .collect()
    }

    #[test]
    fn the_docs_table_lists_exactly_the_evidence_variables() {
        let listed: BTreeSet<&str> = EVIDENCE_VARIABLES.iter().copied().collect();
        assert_eq!(documented_evidence_variables(), listed);
    }
}
