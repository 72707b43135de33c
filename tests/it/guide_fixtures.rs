//! Fixture guides: each invalid one names, in `# expect: LINE: TEXT` comments, the problems the
//! validator must report (`# expect N times: LINE: TEXT` for N alike ones); each valid one must
//! load with no problem at all.

use std::path::{Path, PathBuf};

use tshoot::guide::read_guide_file;
use tshoot::guide::{validate, Problem};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

fn problems_of(path: &Path) -> Vec<Problem> {
    match read_guide_file(path) {
        Err(p) => vec![p],
        Ok(loaded) => match validate(loaded) {
            Ok(valid) => valid.warnings().to_vec(),
            Err(problems) => problems,
        },
    }
}

/// `(line, text, times)` for each `# expect: LINE: TEXT` or `# expect N times: LINE: TEXT`.
fn expectations(path: &Path) -> Vec<(usize, String, usize)> {
    let text = std::fs::read_to_string(path).expect("fixture is UTF-8");
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect"))
        .map(|rest| {
            let (times, rest) = rest.split_once(": ").expect("'# expect: LINE: TEXT'");
            let times = match times.trim().strip_suffix(" times") {
                Some(n) => n.parse().expect("'# expect N times: LINE: TEXT'"),
                None => 1,
            };
            let (line, message) = rest.split_once(": ").expect("'# expect: LINE: TEXT'");
            (
                line.parse().expect("line number"),
                message.to_string(),
                times,
            )
        })
        .collect()
}

#[test]
fn every_invalid_fixture_reports_its_problems_at_the_named_lines() {
    let files = fixtures("invalid");
    assert!(files.len() >= 20, "expected a fixture per kind of problem");
    for path in files {
        let expected = expectations(&path);
        assert!(
            !expected.is_empty(),
            "{} has no '# expect:' line",
            path.display()
        );
        let problems = problems_of(&path);
        let errors: Vec<&Problem> = problems.iter().filter(|p| p.is_error()).collect();
        assert!(!errors.is_empty(), "{} should be invalid", path.display());
        for (line, message, times) in &expected {
            let matching = errors
                .iter()
                .filter(|p| p.location.line == *line && p.message.contains(message.as_str()))
                .count();
            assert!(
                matching >= *times,
                "{}: expected line {line}: '{message}' {times} time(s), got:\n{}",
                path.display(),
                problems
                    .iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        assert_eq!(
            errors.len(),
            expected.iter().map(|(_, _, times)| times).sum::<usize>(),
            "{}: one problem per fixture (all of them listed), got:\n{}",
            path.display(),
            errors
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        for p in &errors {
            assert!(p
                .to_string()
                .starts_with(&format!("{}:{}:", path.display(), p.location.line)));
        }
    }
}

#[test]
fn every_valid_fixture_loads_without_a_problem() {
    for path in fixtures("valid") {
        let problems = problems_of(&path);
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
    }
}

#[test]
fn a_guide_missing_why_and_how_validates_with_warnings_only() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo.yaml"),
    )
    .expect("demo fixture");
    let stripped: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("why:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let loaded = tshoot::guide::load("demo.yaml", stripped.as_bytes()).expect("loads");
    let valid = validate(loaded).expect("missing 'why' is not an error");
    assert_eq!(valid.warnings().len(), 4, "{:?}", valid.warnings());
    assert!(valid
        .warnings()
        .iter()
        .all(|w| w.message.contains("has no 'why'")));
}
