//! The plain-text report: a `report::Format` like the others, with the same redaction, and every
//! format spelled once.

use crate::store_support::*;
use tshoot::report::{self, Format, Policy, Summary};

fn text_report(policy: &Policy) -> String {
    let walk = walk_through(guide(), &messages());
    report::render(Format::Text, &Summary::of(&walk), walk.steps(), policy).into_string()
}

#[test]
fn the_text_report_names_the_outcome_and_never_holds_a_raw_token() {
    let out = text_report(&Policy::secrets_only());
    assert!(out.contains("Outcome:"), "{out}");
    assert!(!out.contains(A_JWT), "{out}");
    assert!(!out.contains("eyJ0eXAi"), "{out}");
    assert!(
        out.contains("alex@contoso.com"),
        "people stay without --redact"
    );
}

#[test]
fn the_text_report_masks_people_under_the_redact_policy() {
    let out = text_report(&Policy::people(["alice".to_string()]));
    assert!(!out.contains("alex@contoso.com"), "{out}");
    assert!(!out.contains("alice"), "{out}");
}

#[test]
fn every_format_has_its_own_name_and_the_export_writes_a_subset() {
    let names: Vec<&str> = Format::KNOWN.iter().map(|f| f.name()).collect();
    assert_eq!(names, ["md", "json", "html", "text", "jira"]);
    assert!(Format::ALL.iter().all(|f| Format::KNOWN.contains(f)));
}
