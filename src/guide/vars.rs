//! Names of the variables that evidence parsers fill in, so guides may read them in conditions.

/// Set by the error-page, token and `dsregcmd /status` parsers rather than by a node.
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
    "token.ver",
    "token.amr",
    "token.in_corp",
    "token.upn",
    "device.azure_ad_joined",
    "device.domain_joined",
    "device.azure_ad_prt",
    "device.azure_ad_prt_update_time",
    "device.enterprise_prt",
    "device.workplace_joined",
    "device.tenant_name",
    "device.device_auth_status",
];

/// What answering a node stores under the node's id (confirm, choice, info) or its variable.
pub const YES: &str = "yes";
pub const NO: &str = "no";
pub const UNSURE: &str = "unsure";
pub const DONE: &str = "done";
