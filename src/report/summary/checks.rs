//! What a walk left open and what it ruled out: the checks not made (with who can make them)
//! and the checks made that found nothing, grouped by section for the report.

use super::{OpenCheck, SectionFindings};
use crate::engine::{Answer, Finding, Walk};
use crate::guide::{NodeKind, ValidGuide};

/// The steps answered "can't check", by the technician or for want of access, in walk order.
pub(super) fn open_checks(walk: &Walk) -> Vec<OpenCheck> {
    let guide = walk.guide().guide();
    let owner_of = |id: &str| {
        guide
            .access
            .iter()
            .find(|a| a.id == id)
            .map(|a| (a.label.clone(), a.owner.clone()))
    };
    walk.answered()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.answer == Some(Answer::Unsure) || s.skipped.is_some())
        .map(|(i, s)| {
            let node = walk.node_of(s);
            let reason = match &s.skipped {
                Some(missing) => {
                    let labels: Vec<String> = missing
                        .iter()
                        .map(|id| owner_of(id).map_or_else(|| id.clone(), |(label, _)| label))
                        .collect();
                    format!("not checked: needs {}", labels.join(" and "))
                }
                None => "answered \"can't check\"".to_string(),
            };
            let mut owners: Vec<String> = Vec::new();
            for id in node.access.iter() {
                if let Some((_, owner)) = owner_of(id) {
                    if !owners.contains(&owner) {
                        owners.push(owner);
                    }
                }
            }
            OpenCheck {
                number: i + 1,
                node: node.id.to_string(),
                question: crate::guide::interpolate(
                    node.prompt.as_deref().unwrap_or_else(|| node.label()),
                    walk.variables_now(),
                )
                .into_owned(),
                reason,
                owners,
                how: node
                    .how
                    .as_deref()
                    .map(|how| crate::guide::interpolate(how, walk.variables_now()).into_owned()),
            }
        })
        // A walk that went on in another guide can meet the same check twice (both guides look
        // for the failed sign-in): the owner needs it once.
        .fold(Vec::new(), |mut kept: Vec<OpenCheck>, check| {
            if !kept.iter().any(|k| k.question == check.question) {
                kept.push(check);
            }
            kept
        })
}

/// Texts grouped by the section they belong to, in the guide's section order.
pub(super) fn by_section(
    guide: &ValidGuide,
    items: impl IntoIterator<Item = (Option<String>, String)>,
) -> Vec<SectionFindings> {
    let mut groups: Vec<SectionFindings> = Vec::new();
    for (section, text) in items {
        match groups.iter_mut().find(|g| g.section == section) {
            Some(group) => group.findings.push(text),
            None => groups.push(SectionFindings {
                title: guide.section_heading(section.as_deref()),
                section,
                findings: vec![text],
            }),
        }
    }
    let order = |g: &SectionFindings| {
        guide
            .guide()
            .sections
            .iter()
            .position(|x| Some(&x.id) == g.section.as_ref())
            .unwrap_or(usize::MAX)
    };
    groups.sort_by_key(order);
    groups
}

/// Checks answered for sure (yes, no, a choice) whose answer recorded no finding: what was looked
/// at and found fine, as `<short title>: <answer>`. "Can't check" and checks skipped for want of
/// access are open checks, never ruled out.
pub(super) fn ruled_out(walk: &Walk, findings: &[Finding]) -> Vec<(Option<String>, String)> {
    walk.answered()
        .iter()
        .enumerate()
        .filter(|(i, s)| s.skipped.is_none() && !findings.iter().any(|f| f.step == *i))
        .filter_map(|(_, s)| {
            let node = walk.node_of(s);
            let answer = s.answer.as_ref()?;
            let is_check = matches!(
                node.kind,
                NodeKind::Confirm | NodeKind::Choice | NodeKind::Multi
            );
            (is_check && *answer != Answer::Unsure).then(|| {
                (
                    node.section.clone(),
                    format!("{}: {}", node.label(), answer.describe(node)),
                )
            })
        })
        .collect()
}
