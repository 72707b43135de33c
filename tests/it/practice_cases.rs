//! The bundled practice cases: each one, played as written, reaches its stated cause.

use std::path::Path;

use tshoot::engine::SystemClock;

#[test]
fn every_bundled_case_reaches_its_stated_cause_when_played_as_written() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guides/practice/aadsts51006");
    let catalog = tshoot::guide::Catalog::load(&[]);
    let guide = catalog.find("aadsts51006").expect("the bundled guide");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("the cases folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 12, "{} cases", cases.len());
    let mut difficulties = std::collections::BTreeSet::new();
    let mut sections = std::collections::BTreeSet::new();
    for path in &cases {
        let (case, evidence) = tshoot::practice::read(path, &SystemClock).expect("reads");
        let problems = case.problems(guide, &evidence);
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        assert!(
            !case.observations.is_empty(),
            "{}: no observation",
            path.display()
        );
        difficulties.insert(format!("{:?}", case.difficulty));
        let expert = case
            .expert_walk(std::sync::Arc::clone(guide), &evidence)
            .expect("walks");
        if let Some(section) = &expert.current().section {
            sections.insert(section.to_string());
        }
    }
    assert_eq!(difficulties.len(), 3, "{difficulties:?}");
    for section in [
        "intake",
        "credentials",
        "auth_flow",
        "network",
        "tokens",
        "conditional_access",
    ] {
        assert!(
            sections.contains(section),
            "no case ends in {section}: {sections:?}"
        );
    }
}

/// The guides with bundled practice cases, each a folder of `guides/practice/`.
const GUIDES: &[&str] = &[
    "aadsts51006",
    "aadsts50180",
    "aadsts53003",
    "aadsts50173",
    "aadsts50126",
    "aadsts50058",
    "aadsts50076",
    "aadsts-intake",
];

fn case_files(guide: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("guides/practice")
        .join(guide);
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("the cases folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_guide_s_cases_reach_their_causes_at_every_difficulty_with_evidence_in_one() {
    let catalog = tshoot::guide::Catalog::load(&[]);
    for guide_id in &GUIDES[1..] {
        let guide = catalog.find(guide_id).expect("the bundled guide");
        let cases = case_files(guide_id);
        assert_eq!(cases.len(), 3, "{guide_id}: {} cases", cases.len());
        let mut difficulties = std::collections::BTreeSet::new();
        let mut with_evidence = 0;
        for path in &cases {
            let (case, evidence) = tshoot::practice::read(path, &SystemClock).expect("reads");
            let problems = case.problems(guide, &evidence);
            assert!(problems.is_empty(), "{}: {problems:?}", path.display());
            assert!(
                !case.observations.is_empty(),
                "{}: no observation",
                path.display()
            );
            difficulties.insert(format!("{:?}", case.difficulty));
            if !evidence.is_empty() {
                with_evidence += 1;
            }
        }
        assert_eq!(difficulties.len(), 3, "{guide_id}: {difficulties:?}");
        assert!(with_evidence >= 1, "{guide_id}: no case reads evidence");
    }
}

#[test]
fn the_binary_bundles_every_case_of_the_folder_with_its_evidence() {
    let catalog = tshoot::guide::Catalog::load(&[]);
    for guide_id in GUIDES {
        let on_disk: Vec<String> = case_files(guide_id)
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .collect();
        let bundled: Vec<String> = tshoot::practice::cases_of(guide_id)
            .map(|c| c.name.to_string())
            .collect();
        assert_eq!(bundled, on_disk, "{guide_id}");
        let guide = catalog.find(guide_id).expect("the bundled guide");
        for (bundled, path) in tshoot::practice::cases_of(guide_id).zip(case_files(guide_id)) {
            let (case, evidence) = bundled.read(&SystemClock).expect("reads");
            assert_eq!(case.problems(guide, &evidence), Vec::<String>::new());
            // The bundled evidence is the case folder's own, not a file of the same name elsewhere.
            let (_, from_disk) = tshoot::practice::read(&path, &SystemClock).expect("reads");
            let readings = |e: &[tshoot::engine::Attached]| {
                e.iter().map(|a| a.reading.clone()).collect::<Vec<_>>()
            };
            assert_eq!(
                readings(&evidence),
                readings(&from_disk),
                "{}",
                path.display()
            );
        }
    }
    assert_eq!(tshoot::practice::CASES.len(), 33);
}
