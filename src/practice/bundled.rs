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
];

/// The evidence files the bundled cases name, by the path a case gives.
const EVIDENCE: &[(&str, &str)] = &[
    (
        "evidence/dsregcmd-stale-prt.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/dsregcmd-stale-prt.txt"),
    ),
    (
        "evidence/error-page.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/error-page.txt"),
    ),
    (
        "evidence/klist-get-sso.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/klist-get-sso.txt"),
    ),
    (
        "evidence/nltest.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/nltest.txt"),
    ),
    (
        "evidence/sign-in-trace.har",
        include_str!("../../guides/practice/aadsts51006/evidence/sign-in-trace.har"),
    ),
    (
        "evidence/signin-51006.json",
        include_str!("../../guides/practice/aadsts51006/evidence/signin-51006.json"),
    ),
    (
        "evidence/whoami.txt",
        include_str!("../../guides/practice/aadsts51006/evidence/whoami.txt"),
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
                .find(|(name, _)| name == file)
                .map(|(_, text)| *text)
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
