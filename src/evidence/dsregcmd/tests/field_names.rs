//! Field names compared loosely, YES/NO lowered, and repeated or unknown names.

use super::*;

#[test]
fn field_names_compare_without_case_or_spaces_and_yes_no_are_lowered() {
    let reading = read("azure ad joined: Yes\nDOMAINJOINED :no\nTpm Protected : YES ( TPM 2.0 )\n");
    assert_eq!(reading.text("device.azure_ad_joined"), Some("yes"));
    assert_eq!(reading.text("device.domain_joined"), Some("no"));
    assert_eq!(reading.text("device.hybrid_joined"), Some("no"));
    assert_eq!(
        reading.text("device.tpm_protected"),
        Some("YES ( TPM 2.0 )")
    );
}

#[test]
fn of_two_outputs_in_one_paste_the_first_wins_and_unknown_names_are_listed_once() {
    let text = "AzureAdJoined : NO\nDomainJoined : YES\nFutureA : 1\nFutureA : 2\nC:\\>dsregcmd /status\nAzureAdJoined : YES\nDomainJoined : NO\nFutureB : x\nFutureC : x\nFutureD : x\nFutureE : x\nFutureF : x\n";
    let reading = read(text);
    assert_eq!(reading.text("device.azure_ad_joined"), Some("no"));
    assert_eq!(
        reading.get("device.azure_ad_joined").map(|f| f.source.line),
        Some(1)
    );
    assert_eq!(reading.text("device.hybrid_joined"), Some("no"));
    assert_eq!(
        reading.notes,
        vec![
            "7 lines not read: FutureA, FutureB, FutureC, FutureD, FutureE, ...",
            "no section banners (an older Windows 10 layout): fields were read by name",
        ]
    );
    let two = read("AzureAdJoined : YES\nDomainJoined : YES\nFutureA : 1\nFutureA : 2\n");
    assert_eq!(two.notes[0], "2 lines not read: FutureA");
}
