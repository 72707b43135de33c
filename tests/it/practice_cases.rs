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

#[test]
fn the_binary_bundles_every_case_of_the_folder_with_its_evidence() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("guides/practice/aadsts51006");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("the cases folder")
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    on_disk.sort();
    let bundled: Vec<String> = tshoot::practice::cases_of("aadsts51006")
        .map(|c| c.name.to_string())
        .collect();
    assert_eq!(bundled, on_disk);
    let catalog = tshoot::guide::Catalog::load(&[]);
    let guide = catalog.find("aadsts51006").expect("the bundled guide");
    for case in tshoot::practice::cases_of("aadsts51006") {
        let (case, evidence) = case.read(&SystemClock).expect("reads");
        assert_eq!(case.problems(guide, &evidence), Vec::<String>::new());
    }
}
