//! Notes which sections a paste lacks, or that it looks cut short.

use super::sections::Section;
use crate::evidence::Reading;

/// Says which sections a paste with banners lacks: a current build prints Device State, Device
/// Details and Tenant Details (when joined), User State, SSO State, Diagnostic Data, IE Proxy
/// Config and usually Ngc Prerequisite Check, then a closing line.
pub(super) fn note_missing_sections(
    reading: &mut Reading,
    sections: &[Section],
    footer: bool,
    old_layout: bool,
) {
    let Some(&last) = sections.last() else {
        if !reading.facts.is_empty() {
            reading
                .note("no section banners (an older Windows 10 layout): fields were read by name");
        }
        return;
    };
    let mut expected = vec![Section::DeviceState];
    if old_layout {
        expected.push(Section::UserState);
    } else {
        if reading.text("device.azure_ad_joined") == Some("yes") {
            expected.extend([Section::DeviceDetails, Section::TenantDetails]);
        }
        expected.extend([
            Section::UserState,
            Section::SsoState,
            Section::Diagnostic,
            Section::ProxyUser,
        ]);
        if !footer {
            expected.push(Section::Ngc);
        }
    }
    let seen = |s: Section| {
        sections.contains(&s)
            || (s == Section::ProxyUser && sections.contains(&Section::ProxySystem))
    };
    let missing: Vec<&str> = expected
        .into_iter()
        .filter(|s| !seen(*s))
        .map(Section::label)
        .collect();
    if missing.is_empty() {
        return;
    }
    if footer {
        reading.note(format!("sections not in the paste: {}", missing.join(", ")));
    } else {
        reading.note(format!(
            "the paste ends in {} without dsregcmd's closing line, so it may be cut short; not in it: {}",
            last.label(),
            missing.join(", ")
        ));
    }
}
