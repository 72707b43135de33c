//! Facts derived rather than printed: hybrid join and the PRT's age against the client clock.

use super::*;

#[test]
fn hybrid_is_unknown_unless_both_join_lines_were_read() {
    let reading = read("AzureAdJoined : YES\n");
    assert_eq!(reading.get("device.hybrid_joined"), None);
}

#[test]
fn a_prt_renewed_long_before_the_client_time_is_stale() {
    let text = "| SSO State |\n AzureAdPrt : YES\n AzureAdPrtUpdateTime : 2024-06-03 01:41:12.000 UTC\n| Diagnostic Data |\n Client Time : 2024-06-03 08:20:05.000 UTC\n";
    let reading = read(text);
    assert_eq!(reading.text("sso.azure_ad_prt_age_hours"), Some("6"));
    assert_eq!(reading.text("sso.azure_ad_prt_stale"), Some("yes"));
    assert_eq!(
        reading.get("sso.azure_ad_prt_stale").map(|f| f.source.line),
        Some(3)
    );
    let fresh = text.replace("01:41:12", "07:41:12");
    assert_eq!(read(&fresh).text("sso.azure_ad_prt_stale"), Some("no"));
    let no_clock =
        "| SSO State |\n AzureAdPrt : YES\n AzureAdPrtUpdateTime : 2024-06-03 01:41:12.000 UTC\n";
    assert_eq!(
        read(no_clock).text("sso.azure_ad_prt_stale"),
        None,
        "no clock, no verdict"
    );
}
