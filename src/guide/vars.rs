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
    // signin_log: the Entra sign-in log download (JSON or CSV)
    "signin.error_code",
    "signin.failure_reason",
    "signin.additional_details",
    "signin.correlation_id",
    "signin.request_id",
    "signin.time",
    "signin.user",
    "signin.app_name",
    "signin.app_id",
    "signin.ip_address",
    "signin.client_app",
    "signin.browser",
    "signin.os",
    "signin.device_id",
    "signin.trust_type",
    "signin.managed",
    "signin.compliant",
    "signin.auth_requirement",
    "signin.auth_methods",
    "signin.previously_satisfied",
    "signin.ca_status",
    "signin.ca_policies",
    "signin.ca_failed_policies",
    "signin.interactive",
    // federation: AD FS and domain federation PowerShell output
    "adfs.wia_user_agents",
    "adfs.extended_protection",
    "adfs.host_name",
    "adfs.wia_fallback",
    "adfs.intranet_providers",
    "adfs.extranet_providers",
    "adfs.rp_identifier",
    "adfs.rp_allowed_classes",
    "adfs.rp_accepts_wiaormultiauthn",
    "federation.prompt_login_behavior",
    "federation.prompt_login_native",
    "federation.mfa_behavior",
    "federation.supports_mfa",
    "federation.issuer_uri",
    "federation.passive_sign_in_uri",
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
