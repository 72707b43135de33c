//! Every fact read or targeted is declared in `SETS`, and any text gives only declared facts.

use proptest::prelude::*;

use super::*;
use crate::evidence::dsregcmd::field_targets::{target, Prt, Target};
use crate::evidence::dsregcmd::recognise::SIGNATURE;

#[test]
fn every_fact_read_is_declared_and_every_declared_name_is_unique() {
    for sample in SAMPLES {
        for fact in read(sample).facts {
            assert!(
                SETS.iter().any(|(n, _)| *n == fact.name),
                "{} undeclared",
                fact.name
            );
        }
    }
    let mut names: Vec<&str> = SETS.iter().map(|(n, _)| *n).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), SETS.len());
    for name in names {
        let prefix = name.split('.').next().unwrap_or_default();
        assert!(
            ["device", "sso", "user", "diag", "proxy", "ngc"].contains(&prefix),
            "{name}"
        );
    }
}

#[test]
fn every_fact_target_names_a_declared_fact() {
    let sections = [
        Section::Unknown,
        Section::DeviceState,
        Section::DeviceDetails,
        Section::TenantDetails,
        Section::UserState,
        Section::SsoState,
        Section::Diagnostic,
        Section::ProxyUser,
        Section::ProxySystem,
        Section::ProxyWinHttp,
        Section::WorkAccount,
        Section::Ngc,
        Section::Other,
    ];
    let keys: Vec<String> = SAMPLES
        .iter()
        .flat_map(|s| Lines::new(s).filter_map(|(_, l)| split_field(l).map(|(n, _)| normalise(n))))
        .chain(SIGNATURE.iter().map(|s| s.to_string()))
        .collect();
    for key in &keys {
        for section in sections {
            for prt in [Prt::Entra, Prt::Enterprise] {
                if let Target::Fact(fact) = target(key, section, prt) {
                    assert!(SETS.iter().any(|(n, _)| *n == fact), "{key} -> {fact}");
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn shuffled_and_cut_fixture_lines_give_declared_facts(
        picks in prop::collection::vec((0usize..4, 0usize..160), 0..200),
        cut in 0usize..80,
    ) {
        let lines: Vec<Vec<&str>> = SAMPLES.iter().map(|s| s.lines().collect()).collect();
        let mut text = String::new();
        for (sample, line) in picks {
            let from = &lines[sample];
            if let Some(l) = from.get(line % from.len().max(1)) {
                text.push_str(l);
                text.push('\n');
            }
        }
        let mut end = text.len().saturating_sub(cut);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let _ = recognise(text);
        for fact in read(text).facts {
            prop_assert!(SETS.iter().any(|(n, _)| *n == fact.name));
        }
    }
}
