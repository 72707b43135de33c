//! One guide going on in another: a resolution marked `continue_in` ("this is really 81010")
//! becomes a step that leads into the other guide, whose nodes and sections follow under a
//! prefix. The result is one guide, validated like any other, so one walk, one session and one
//! report hold both; its hash names both guides and the joint, so a resumed session notices when
//! either changed.

use super::load::{content_hash, LoadedGuide};
use super::model::{Joined, NodeKind, Route};
use super::problem::Problem;
use super::source_map::SourceMap;
use super::valid::ValidGuide;
use super::validate::validate;

/// `guide` with `other` joined at its resolution `from`. `None` when `from` is not a
/// resolution that continues in `other`; the problems when the joined guide does not validate
/// (an id too long once prefixed, say).
pub fn join(
    guide: &ValidGuide,
    from: &str,
    other: &ValidGuide,
) -> Option<Result<ValidGuide, Vec<Problem>>> {
    let node = guide.node(from)?;
    let target = node.continue_in()?;
    if node.kind != NodeKind::Resolution || target.guide != other.id() {
        return None;
    }
    let at = target
        .at
        .clone()
        .unwrap_or_else(|| other.guide().start.clone());
    let mut joined = guide.guide().clone();
    let prefix = unique_prefix(&joined, other.id());
    let rename = |id: &str| format!("{prefix}{id}");

    let mut lead = node.clone();
    let cause = lead.cause().unwrap_or_default().to_string();
    lead.clear_resolution();
    lead.kind = NodeKind::Info;
    lead.prompt = Some(
        format!(
            "{cause}\n\nThe walk goes on in the guide '{}' ({}), with everything answered so far.",
            other.title(),
            other.id()
        )
        .trim_start()
        .into(),
    );
    lead.next = Some(Route::Goto(rename(&at).into()));
    lead.finding = Some(format!("Continued in the guide '{}'", other.title()));
    if let Some(slot) = joined.nodes.iter_mut().find(|n| n.id == from) {
        *slot = lead;
    }

    let theirs = other.guide();
    for section in &theirs.sections {
        let mut section = section.clone();
        section.id = rename(&section.id);
        joined.sections.push(section);
    }
    for access in &theirs.access {
        if !joined.access.iter().any(|a| a.id == access.id) {
            joined.access.push(access.clone());
        }
    }
    for reference in &theirs.references {
        if !joined.references.iter().any(|r| r.url == reference.url) {
            joined.references.push(reference.clone());
        }
    }
    for node in &theirs.nodes {
        let mut node = node.clone();
        node.id = rename(&node.id).into();
        node.section = node.section.as_deref().map(rename);
        for branch in [&mut node.yes, &mut node.no, &mut node.unsure]
            .into_iter()
            .flatten()
        {
            branch.next.rename_targets(&rename);
        }
        if let Some(next) = &mut node.next {
            next.rename_targets(&rename);
        }
        for option in &mut node.options {
            if let Some(next) = &mut option.next {
                next.rename_targets(&rename);
            }
        }
        joined.nodes.push(node);
    }
    // A guide joined to `other` before keeps its own joints, under the new prefix.
    for earlier in &theirs.joined {
        joined.joined.push(Joined {
            from: rename(&earlier.from),
            prefix: format!("{prefix}{}", earlier.prefix),
            ..earlier.clone()
        });
    }
    joined.joined.push(Joined {
        id: other.id().to_string(),
        title: other.title().to_string(),
        version: other.version().to_string(),
        hash: other.hash().to_string(),
        from: from.to_string(),
        prefix: prefix.clone(),
    });
    let hash = joined_hash(guide.hash(), from, other.hash());
    let loaded = LoadedGuide::single(
        joined,
        format!("{} + {}", guide.id(), other.id()),
        SourceMap::default(),
        hash,
    );
    Some(validate(loaded))
}

/// `<guide id>__`, with what an id may not hold made `_`, and a number added if a guide joined
/// earlier already used it (a walk may come back to a guide it left).
fn unique_prefix(guide: &super::model::Guide, other_id: &str) -> String {
    let first = prefix_of(other_id);
    let base = &first[..first.len() - 2];
    let taken = |p: &str| guide.joined.iter().any(|j| j.prefix == p);
    let mut prefix = first.clone();
    let mut n = 2;
    while taken(&prefix) {
        prefix = format!("{base}{n}__");
        n += 1;
    }
    prefix
}

/// What the nodes of guide `id` are prefixed with when it is first joined to a walk's guide:
/// an answers file names them so (`aadsts50180__error_code`).
pub fn prefix_of(id: &str) -> String {
    let base: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let base = if base.starts_with(|c: char| c.is_ascii_alphabetic()) {
        base
    } else {
        format!("g{base}")
    };
    format!("{base}__")
}

/// The hash of a guide with `other` joined at `from`: it names both and the joint, so a session
/// pinned to it notices when either guide changes (and can tell which, by working it out again).
pub fn joined_hash(base: &str, from: &str, other: &str) -> String {
    content_hash(format!("{base}+{from}+{other}").as_bytes())
}

/// The guide a node id of a joined guide belongs to, and the id as that guide writes it.
pub fn origin_of<'a>(guide: &'a super::model::Guide, node: &'a str) -> (&'a str, &'a str) {
    guide
        .joined_of(node)
        .map_or((guide.id.as_str(), node), |(j, own)| (j.id.as_str(), own))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::Catalog;

    #[test]
    fn the_intake_guide_joins_every_guide_it_continues_in() {
        let catalog = Catalog::load(&[]);
        let intake = catalog.find("aadsts-intake").expect("bundled");
        let mut joined = 0;
        for node in &intake.guide().nodes {
            let Some(target) = node.continue_in() else {
                continue;
            };
            let other = catalog.find(&target.guide).expect("the target is bundled");
            let result = join(intake, &node.id, other).expect("a continuation resolution");
            let guide = result.unwrap_or_else(|p| panic!("{} does not join: {p:?}", target.guide));
            let lead = guide.node(&node.id).expect("kept");
            assert_eq!(lead.kind, NodeKind::Info);
            let at = target
                .at
                .clone()
                .unwrap_or_else(|| other.guide().start.clone());
            assert_eq!(
                lead.next,
                Some(Route::Goto(format!("{}{at}", prefix_of(other.id())).into()))
            );
            assert_eq!(guide.guide().joined.len(), 1);
            joined += 1;
        }
        assert_eq!(joined, 7, "one continuation per other bundled guide");
    }
}
