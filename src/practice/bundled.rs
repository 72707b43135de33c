//! The practice cases shipped in the binary (from `guides/practice/`), with the evidence files
//! they name, so `tshoot practice` works from any folder like the bundled guides.

use super::{parse, Case};
use crate::engine::{Attached, Clock};

/// A bundled case: its file name and text.
pub struct BundledCase {
    pub guide: &'static str,
    pub name: &'static str,
    pub yaml: &'static str,
}

/// Every bundled case, in file order.
pub const CASES: &[BundledCase] = &[
    BundledCase {
        guide: "aadsts51006",
        name: "01-gone-by-itself.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/01-gone-by-itself.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "02-shared-pc.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/02-shared-pc.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "03-new-name.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/03-new-name.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "04-every-morning-at-home.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/04-every-morning-at-home.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "05-the-popup.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/05-the-popup.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "06-too-many-groups.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/06-too-many-groups.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "07-the-drifting-clock.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/07-the-drifting-clock.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "08-the-forms-page.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/08-the-forms-page.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "09-prompt-login.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/09-prompt-login.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "10-read-the-evidence.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/10-read-the-evidence.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "11-blocked-by-policy.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/11-blocked-by-policy.yaml"),
    },
    BundledCase {
        guide: "aadsts51006",
        name: "12-hand-off-to-network.yaml",
        yaml: include_str!("../../guides/practice/aadsts51006/12-hand-off-to-network.yaml"),
    },
    BundledCase {
        guide: "aadsts50180",
        name: "01-the-hot-desk.yaml",
        yaml: include_str!("../../guides/practice/aadsts50180/01-the-hot-desk.yaml"),
    },
    BundledCase {
        guide: "aadsts50180",
        name: "02-read-the-klist.yaml",
        yaml: include_str!("../../guides/practice/aadsts50180/02-read-the-klist.yaml"),
    },
    BundledCase {
        guide: "aadsts50180",
        name: "03-past-the-proxy.yaml",
        yaml: include_str!("../../guides/practice/aadsts50180/03-past-the-proxy.yaml"),
    },
    BundledCase {
        guide: "aadsts53003",
        name: "01-the-private-window.yaml",
        yaml: include_str!("../../guides/practice/aadsts53003/01-the-private-window.yaml"),
    },
    BundledCase {
        guide: "aadsts53003",
        name: "02-the-new-pc.yaml",
        yaml: include_str!("../../guides/practice/aadsts53003/02-the-new-pc.yaml"),
    },
    BundledCase {
        guide: "aadsts53003",
        name: "03-working-from-home.yaml",
        yaml: include_str!("../../guides/practice/aadsts53003/03-working-from-home.yaml"),
    },
    BundledCase {
        guide: "aadsts50173",
        name: "01-back-from-leave.yaml",
        yaml: include_str!("../../guides/practice/aadsts50173/01-back-from-leave.yaml"),
    },
    BundledCase {
        guide: "aadsts50173",
        name: "02-the-new-password.yaml",
        yaml: include_str!("../../guides/practice/aadsts50173/02-the-new-password.yaml"),
    },
    BundledCase {
        guide: "aadsts50173",
        name: "03-nothing-changed.yaml",
        yaml: include_str!("../../guides/practice/aadsts50173/03-nothing-changed.yaml"),
    },
    BundledCase {
        guide: "aadsts50126",
        name: "01-the-phone-mail.yaml",
        yaml: include_str!("../../guides/practice/aadsts50126/01-the-phone-mail.yaml"),
    },
    BundledCase {
        guide: "aadsts50126",
        name: "02-the-hotel-wifi.yaml",
        yaml: include_str!("../../guides/practice/aadsts50126/02-the-hotel-wifi.yaml"),
    },
    BundledCase {
        guide: "aadsts50126",
        name: "03-locked-every-morning.yaml",
        yaml: include_str!("../../guides/practice/aadsts50126/03-locked-every-morning.yaml"),
    },
    BundledCase {
        guide: "aadsts50058",
        name: "01-the-admin-morning.yaml",
        yaml: include_str!("../../guides/practice/aadsts50058/01-the-admin-morning.yaml"),
    },
    BundledCase {
        guide: "aadsts50058",
        name: "02-read-the-trace.yaml",
        yaml: include_str!("../../guides/practice/aadsts50058/02-read-the-trace.yaml"),
    },
    BundledCase {
        guide: "aadsts50058",
        name: "03-again-after-an-hour.yaml",
        yaml: include_str!("../../guides/practice/aadsts50058/03-again-after-an-hour.yaml"),
    },
    BundledCase {
        guide: "aadsts50076",
        name: "01-the-first-day.yaml",
        yaml: include_str!("../../guides/practice/aadsts50076/01-the-first-day.yaml"),
    },
    BundledCase {
        guide: "aadsts50076",
        name: "02-approved-like-always.yaml",
        yaml: include_str!("../../guides/practice/aadsts50076/02-approved-like-always.yaml"),
    },
    BundledCase {
        guide: "aadsts50076",
        name: "03-outlook-works.yaml",
        yaml: include_str!("../../guides/practice/aadsts50076/03-outlook-works.yaml"),
    },
    BundledCase {
        guide: "aadsts-intake",
        name: "01-from-home.yaml",
        yaml: include_str!("../../guides/practice/aadsts-intake/01-from-home.yaml"),
    },
    BundledCase {
        guide: "aadsts-intake",
        name: "02-the-whole-floor.yaml",
        yaml: include_str!("../../guides/practice/aadsts-intake/02-the-whole-floor.yaml"),
    },
    BundledCase {
        guide: "aadsts-intake",
        name: "03-the-closed-page.yaml",
        yaml: include_str!("../../guides/practice/aadsts-intake/03-the-closed-page.yaml"),
    },
];

/// The evidence files the bundled cases name: the guide, the path a case gives, the text. Keyed
/// by guide too, since cases of different guides may name the same path for different files.
const EVIDENCE: &[(&str, &str, &str)] = &[
    (
        "aadsts51006",
        "evidence/dsregcmd-stale-prt.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/dsregcmd-stale-prt.txt"),
    ),
    (
        "aadsts51006",
        "evidence/error-page.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/error-page.txt"),
    ),
    (
        "aadsts51006",
        "evidence/klist-get-sso.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/klist-get-sso.txt"),
    ),
    (
        "aadsts51006",
        "evidence/nltest.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/nltest.txt"),
    ),
    (
        "aadsts51006",
        "evidence/sign-in-trace.har",
        include_str!("../../guides/practice/aadsts51006/evidence/sign-in-trace.har"),
    ),
    (
        "aadsts51006",
        "evidence/signin-51006.json",
        include_str!("../../guides/practice/aadsts51006/evidence/signin-51006.json"),
    ),
    (
        "aadsts51006",
        "evidence/whoami.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/whoami.txt"),
    ),
    (
        "aadsts50180",
        "evidence/error-page-50180.txt",
        include_str!("../../guides/practice/aadsts50180/evidence/error-page-50180.txt"),
    ),
    (
        "aadsts50180",
        "evidence/klist-get-no-account.txt",
        include_str!("../../guides/practice/aadsts50180/evidence/klist-get-no-account.txt"),
    ),
    (
        "aadsts53003",
        "evidence/dsregcmd-domain-only.txt",
        include_str!("../../guides/practice/aadsts53003/evidence/dsregcmd-domain-only.txt"),
    ),
    (
        "aadsts53003",
        "evidence/error-page-53001.txt",
        include_str!("../../guides/practice/aadsts53003/evidence/error-page-53001.txt"),
    ),
    (
        "aadsts50173",
        "evidence/dsregcmd-stale-prt.txt",
        include_str!("../../guides/practice/aadsts50173/evidence/dsregcmd-stale-prt.txt"),
    ),
    (
        "aadsts50173",
        "evidence/error-page-50132.txt",
        include_str!("../../guides/practice/aadsts50173/evidence/error-page-50132.txt"),
    ),
    (
        "aadsts50126",
        "evidence/signin-50053-malicious-ip.json",
        include_str!("../../guides/practice/aadsts50126/evidence/signin-50053-malicious-ip.json"),
    ),
    (
        "aadsts50058",
        "evidence/signin-50058.json",
        include_str!("../../guides/practice/aadsts50058/evidence/signin-50058.json"),
    ),
    (
        "aadsts50058",
        "evidence/silent-renew-50058.har",
        include_str!("../../guides/practice/aadsts50058/evidence/silent-renew-50058.har"),
    ),
    (
        "aadsts50076",
        "evidence/error-page-50074.txt",
        include_str!("../../guides/practice/aadsts50076/evidence/error-page-50074.txt"),
    ),
    (
        "aadsts50076",
        "evidence/signin-50076-ca.json",
        include_str!("../../guides/practice/aadsts50076/evidence/signin-50076-ca.json"),
    ),
    (
        "aadsts-intake",
        "evidence/error-page-700016.txt",
        include_str!("../../guides/practice/aadsts-intake/evidence/error-page-700016.txt"),
    ),
];

impl BundledCase {
    /// The case and its evidence, read and stamped by `clock`.
    pub fn read(&self, clock: &dyn Clock) -> Result<(Case, Vec<Attached>), String> {
        let case = parse(
            &format!("practice/{}/{}", self.guide, self.name),
            self.yaml.as_bytes(),
        )
        .map_err(|p| p.to_string())?;
        let mut attached = Vec::new();
        for file in &case.evidence {
            let text = EVIDENCE
                .iter()
                .find(|(guide, name, _)| *guide == self.guide && name == file)
                .map(|(_, _, text)| *text)
                .ok_or_else(|| format!("{}: evidence '{file}' is not bundled", self.name))?;
            let reading = crate::evidence::read(text)
                .map_err(|e| format!("{}: evidence '{file}': {e}", self.name))?;
            attached.push(Attached {
                reading,
                origin: file.clone(),
                at: clock.now(),
            });
        }
        Ok((case, attached))
    }
}

/// The bundled cases of one guide.
pub fn cases_of(guide: &str) -> impl Iterator<Item = &'static BundledCase> + '_ {
    CASES.iter().filter(move |c| c.guide == guide)
}
