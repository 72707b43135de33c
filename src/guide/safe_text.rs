//! Guide text is safe by construction: the loader refuses YAML that holds control or hidden
//! characters, and a guide that arrives another way (a session's kept JSON copy, written by an
//! older tshoot) has them removed here, before the engine or any view sees it.

use super::model::{Branch, Guide, Node, Reference};
use crate::text;

/// Cleans every text a person reads in the guide. Text that is already safe is not copied.
pub fn make_safe(guide: &mut Guide) {
    for s in [&mut guide.title, &mut guide.version, &mut guide.summary] {
        clean(s);
    }
    guide.error_codes.iter_mut().for_each(clean);
    guide.area.iter_mut().for_each(clean);
    guide.references.iter_mut().for_each(clean_reference);
    guide.sections.iter_mut().for_each(|s| clean(&mut s.title));
    guide.nodes.iter_mut().for_each(clean_node);
}

fn clean_node(node: &mut Node) {
    for s in [&mut node.prompt, &mut node.why, &mut node.how]
        .into_iter()
        .flatten()
    {
        clean_compact(s);
    }
    for s in [&mut node.title, &mut node.finding].into_iter().flatten() {
        clean(s);
    }
    node.set.values_mut().for_each(clean);
    if let Some(resolution) = &mut node.resolution {
        for s in [&mut resolution.cause, &mut resolution.verify]
            .into_iter()
            .flatten()
        {
            clean(s);
        }
        resolution.steps.iter_mut().for_each(clean);
        resolution.references.iter_mut().for_each(clean_reference);
    }
    for branch in [&mut node.yes, &mut node.no, &mut node.unsure]
        .into_iter()
        .flatten()
    {
        clean_branch(branch);
    }
    for option in &mut node.options {
        clean(&mut option.label);
        if let Some(finding) = &mut option.finding {
            clean(finding);
        }
        option.set.values_mut().for_each(clean);
    }
}

fn clean_branch(branch: &mut Branch) {
    branch.texts_mut().for_each(clean);
}

fn clean_reference(reference: &mut Reference) {
    clean(&mut reference.title);
    clean(&mut reference.url);
}

fn clean_compact(s: &mut compact_str::CompactString) {
    if !text::is_clean(s) {
        *s = text::clean(s).into();
    }
}

fn clean(s: &mut String) {
    text::clean_in_place(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guide_from_an_old_kept_copy_loses_its_escape_sequences() {
        let json = r#"{"format":1,"id":"g","title":"Demo \u001b]0;PWNED\u0007 guide","version":"1\u202e","error_codes":[],"summary":"","references":[{"title":"x","url":"https://a\u200b.b"}],"sections":[],"start":"a","nodes":[{"id":"a","kind":"resolution","title":"Fixed \u001b[2J","steps":["s\u009b31m"]}]}"#;
        let mut guide: Guide = serde_json::from_str(json).expect("a guide");
        make_safe(&mut guide);
        assert_eq!(guide.title, "Demo  guide");
        assert_eq!(guide.version, "1");
        assert_eq!(guide.references[0].url, "https://a.b");
        assert_eq!(guide.nodes[0].title.as_deref(), Some("Fixed "));
        assert_eq!(guide.nodes[0].steps()[0], "s");
    }
}
