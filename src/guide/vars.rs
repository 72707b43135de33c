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
    // dsregcmd /status
    "device.azure_ad_joined",
    "device.domain_joined",
    "device.enterprise_joined",
    "device.workplace_joined",
    "device.hybrid_joined",
    "device.domain_name",
    "device.device_name",
    "device.device_id",
    "device.auth_status",
    "device.tpm_protected",
    "device.tenant_name",
    "device.tenant_id",
    "sso.azure_ad_prt",
    "sso.azure_ad_prt_update_time",
    "sso.azure_ad_prt_expiry_time",
    "sso.azure_ad_prt_authority",
    "sso.enterprise_prt",
    "sso.enterprise_prt_update_time",
    "sso.enterprise_prt_expiry_time",
    "sso.enterprise_prt_authority",
    "sso.onprem_tgt",
    "sso.cloud_tgt",
    "sso.kerb_top_level_names",
    "sso.acquire_prt_error",
    "sso.prt_attempt_time",
    "sso.prt_attempt_user",
    "sso.prt_credential_type",
    "sso.prt_correlation_id",
    "sso.prt_http_status",
    "sso.prt_server_error",
    "sso.prt_server_message",
    "sso.prt_aadsts_code",
    "sso.enterprise_prt_error",
    "sso.enterprise_prt_server_error",
    "user.ngc_set",
    "user.wam_default_set",
    "user.domain_user",
    "user.upn",
    "user.work_account_tenant_names",
    "user.work_account_tenant_ids",
    "diag.client_time",
    "sso.azure_ad_prt_age_hours",
    "sso.azure_ad_prt_stale",
    "diag.user_context",
    "diag.ad_connectivity_test",
    "diag.ad_configuration_test",
    "diag.drs_discovery_test",
    "diag.drs_connectivity_test",
    "diag.token_acquisition_test",
    "diag.previous_registration",
    "diag.error_phase",
    "diag.client_error",
    "diag.server_error",
    "diag.server_message",
    "diag.request_id",
    "diag.attempt_status",
    "diag.aad_recovery_enabled",
    "diag.key_sign_test",
    "proxy.auto_detect",
    "proxy.auto_config_url",
    "proxy.server",
    "proxy.bypass",
    "proxy.system_auto_detect",
    "proxy.system_auto_config_url",
    "proxy.system_server",
    "proxy.system_bypass",
    "proxy.winhttp_access_type",
    "proxy.winhttp_server",
    "ngc.policy_enabled",
    "ngc.prereq_check",
    "ngc.is_device_joined",
    "ngc.is_user_azure_ad",
    "ngc.device_eligible",
    "ngc.session_is_not_remote",
    "ngc.cert_enrollment",
    // Browser trace (HAR), evidence::har.
    "trace.entries",
    "trace.hosts",
    "trace.login_hosts",
    "trace.seamless_sso",
    "trace.seamless_sso_status",
    "trace.adfs_host",
    "trace.adfs_wia",
    "trace.adfs_wia_status",
    "trace.adfs_forms",
    "trace.wauth",
    "trace.prompt",
    "trace.amr_values",
    "trace.domain_hint",
    "trace.login_hint_present",
    "trace.client_id",
    "trace.negotiate_offered",
    "trace.negotiate_hosts",
    "trace.negotiate_answered",
    "trace.ntlm_used",
    "trace.error_code",
    "trace.correlation_id",
    "trace.request_id",
    "trace.error_time",
    "trace.browser",
    "trace.user_agent",
    "trace.sanitized",
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
    "signin.session_policies",
    "signin.sif_applied",
    "signin.related_codes",
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
