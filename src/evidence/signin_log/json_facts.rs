//! The chosen JSON sign-in's facts: its text and yes/no fields, session lifetime policies,
//! authentication details and Conditional Access policies, each with its JSON path.

use super::*;

pub(super) fn json_facts(prefix: &str, entry: &Json, reading: &mut Reading) {
    for (field, name) in JSON_TEXT {
        let Some(text) = entry.pointer(&pointer(field)).and_then(json_text) else {
            continue;
        };
        let value = if *name == "signin.error_code" {
            code_digits(&text)
        } else {
            text
        };
        let source = json_source(prefix, field, &value);
        reading.set(name, value, source);
    }
    for (field, name) in JSON_BOOL {
        let Some(raw) = entry.pointer(&pointer(field)) else {
            continue;
        };
        let yes_no = match raw {
            Json::Bool(b) => Some(yes_no(*b)),
            other => json_text(other).and_then(|t| text_yes_no(&t)),
        };
        if let Some(value) = yes_no {
            reading.set(name, value, json_source(prefix, field, value));
        }
    }
    if let Some(text) = entry.get("authenticationRequirement").and_then(json_text) {
        let source = json_source(prefix, "authenticationRequirement", &text);
        reading.set("signin.auth_requirement", auth_requirement(&text), source);
    }
    authentication_details(prefix, entry, reading);
    conditional_access(prefix, entry, reading);
    session_lifetime(prefix, entry, reading);
}

/// `signin.session_policies` and `signin.sif_applied` from `sessionLifetimePolicies`: which
/// session policy made this a fresh sign-in (the portal shows it as "Session Lifetime Policies
/// Applied" in Authentication Details).
pub(super) fn session_lifetime(prefix: &str, entry: &Json, reading: &mut Reading) {
    let Some(Json::Array(policies)) = entry.get("sessionLifetimePolicies") else {
        return;
    };
    let mut kinds: Vec<String> = Vec::new();
    for policy in policies {
        if let Some(kind) = policy.get("expirationRequirement").and_then(json_text) {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    let field = "sessionLifetimePolicies";
    let joined = kinds.join(", ");
    let sif = kinds.iter().any(|k| k.starts_with("signInFrequency"));
    reading.set(
        "signin.sif_applied",
        yes_no(sif),
        json_source(
            prefix,
            field,
            if joined.is_empty() { "[]" } else { &joined },
        ),
    );
    if !kinds.is_empty() {
        reading.set(
            "signin.session_policies",
            kinds,
            json_source(prefix, field, &joined),
        );
    }
}

/// `signin.auth_methods` and `signin.previously_satisfied` from `authenticationDetails`, or the
/// method of `mfaDetail` when the steps are not in the download.
pub(super) fn authentication_details(prefix: &str, entry: &Json, reading: &mut Reading) {
    let steps = match entry.get("authenticationDetails") {
        Some(Json::Array(steps)) if !steps.is_empty() => steps,
        _ => {
            if let Some(method) = entry.pointer("/mfaDetail/authMethod").and_then(json_text) {
                let source = json_source(prefix, "mfaDetail.authMethod", &method);
                if says_previously_satisfied(&method) {
                    reading.set("signin.previously_satisfied", "yes", source.clone());
                }
                reading.set("signin.auth_methods", vec![method], source);
            }
            return;
        }
    };
    let mut methods: Vec<String> = Vec::new();
    let mut satisfied: Option<(String, String)> = None;
    for (i, step) in steps.iter().enumerate() {
        if let Some(method) = step.get("authenticationMethod").and_then(json_text) {
            if !methods.contains(&method) {
                methods.push(method);
            }
        }
        for field in ["authenticationMethod", "authenticationStepResultDetail"] {
            if satisfied.is_some() {
                break;
            }
            if let Some(text) = step.get(field).and_then(json_text) {
                if says_previously_satisfied(&text) {
                    satisfied = Some((format!("authenticationDetails[{i}].{field}"), text));
                }
            }
        }
    }
    let joined = methods.join(", ");
    if !methods.is_empty() {
        let source = json_source(prefix, "authenticationDetails", &joined);
        reading.set("signin.auth_methods", methods, source);
    }
    match satisfied {
        Some((field, text)) => {
            let source = json_source(prefix, &field, &text);
            reading.set("signin.previously_satisfied", "yes", source);
        }
        None => {
            let source = json_source(prefix, "authenticationDetails", &joined);
            reading.set("signin.previously_satisfied", "no", source);
        }
    }
}

/// `signin.ca_policies` and `signin.ca_failed_policies` from `appliedConditionalAccessPolicies`.
pub(super) fn conditional_access(prefix: &str, entry: &Json, reading: &mut Reading) {
    let Some(Json::Array(policies)) = entry.get("appliedConditionalAccessPolicies") else {
        return;
    };
    let mut all = Vec::new();
    let mut failed = Vec::new();
    for policy in policies {
        let name = policy
            .get("displayName")
            .and_then(json_text)
            .unwrap_or_else(|| "(unnamed policy)".to_string());
        let result = policy.get("result").and_then(json_text).unwrap_or_default();
        if result.eq_ignore_ascii_case("failure") {
            failed.push(name.clone());
        }
        all.push(format!("{name}: {result}"));
    }
    let field = "appliedConditionalAccessPolicies";
    let source = json_source(prefix, field, &all.join("; "));
    reading.set("signin.ca_policies", all, source.clone());
    let failed_source = if failed.is_empty() {
        source
    } else {
        json_source(prefix, field, &failed.join("; "))
    };
    reading.set("signin.ca_failed_policies", failed, failed_source);
}

/// A JSON scalar as a fact's text: cleaned of escapes, on one line, secrets redacted; `None`
/// when empty or not a scalar.
pub(super) fn json_text(value: &Json) -> Option<String> {
    match value {
        Json::String(s) => one_line(s),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

pub(super) fn pointer(field: &str) -> String {
    format!("/{}", field.replace('.', "/"))
}

pub(super) fn json_source(prefix: &str, field: &str, value: &str) -> Source {
    let path = if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    };
    Source {
        line: 0,
        path: Some(path),
        text: quote(value),
    }
}
