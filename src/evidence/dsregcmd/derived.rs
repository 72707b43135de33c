//! Facts dsregcmd does not print, derived from those it does: hybrid join and the PRT's age.

use crate::evidence::Reading;
use crate::guide::Value;

/// The PRT renews about every 4 hours while the user is signed in; one last renewed longer ago
/// before the device's own clock (Client Time, printed by the same run) is not renewing. Both
/// times come from the paste, so the answer does not depend on when it is read.
pub(super) fn derive_prt_age(reading: &mut Reading) {
    let (Some(updated), Some(now)) = (
        reading.get("sso.azure_ad_prt_update_time"),
        reading.get("diag.client_time"),
    ) else {
        return;
    };
    let (Value::Text(updated_text), Value::Text(now_text)) = (&updated.value, &now.value) else {
        return;
    };
    let (Some(u), Some(n)) = (
        crate::guide::parse_timestamp(updated_text),
        crate::guide::parse_timestamp(now_text),
    ) else {
        return;
    };
    let hours = (n - u).whole_hours();
    let source = updated.source.clone();
    reading.set(
        "sso.azure_ad_prt_age_hours",
        hours.to_string(),
        source.clone(),
    );
    reading.set(
        "sso.azure_ad_prt_stale",
        if hours > 4 { "yes" } else { "no" },
        source,
    );
}

/// `device.hybrid_joined`: Entra hybrid joined is AzureAdJoined YES with DomainJoined YES. It is
/// proved by the AzureAdJoined line, and known only when both lines were read.
pub(super) fn derive_hybrid(reading: &mut Reading) {
    let (Some(aad), Some(domain)) = (
        reading.get("device.azure_ad_joined"),
        reading.get("device.domain_joined"),
    ) else {
        return;
    };
    let hybrid = matches!(
        (&aad.value, &domain.value),
        (Value::Text(a), Value::Text(d)) if a == "yes" && d == "yes"
    );
    let source = aad.source.clone();
    reading.set(
        "device.hybrid_joined",
        if hybrid { "yes" } else { "no" },
        source,
    );
}
