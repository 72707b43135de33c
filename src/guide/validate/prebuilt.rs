//! A guide the build already validated (a bundled one) needs only what the engine runs on: its
//! conditions parsed and its patterns compiled. The checks are not run again at start.

use std::collections::HashMap;

use compact_str::CompactString;
use regex::{Regex, RegexBuilder};

use super::super::expr::Expr;
use super::super::load::LoadedGuide;
use super::super::model::Route;
use super::super::problem::Problem;
use super::super::valid::ValidGuide;
use super::validate;

/// The guide made ready to walk without checking it again (its text included: the build's loader
/// refused control characters); should anything not compile after all (a guide changed since the
/// build), the full validation runs and says why. Only for the guides built into the binary.
pub fn prevalidated(loaded: LoadedGuide) -> Result<ValidGuide, Vec<Problem>> {
    match compiled(&loaded) {
        Some((conditions, patterns)) => Ok(ValidGuide::of_clean(
            loaded,
            conditions,
            patterns,
            Vec::new(),
        )),
        None => validate(loaded),
    }
}

type Compiled = (HashMap<String, Expr>, HashMap<CompactString, Regex>);

fn compiled(loaded: &LoadedGuide) -> Option<Compiled> {
    let mut conditions = HashMap::new();
    let mut patterns = HashMap::new();
    for node in &loaded.guide.nodes {
        for exit in node.exits() {
            let Some(Route::Rules(rules)) = exit.route else {
                continue;
            };
            for when in rules.iter().filter_map(|r| r.when.as_deref()) {
                if !conditions.contains_key(when) {
                    conditions.insert(when.to_string(), Expr::parse(when).ok()?);
                }
            }
        }
        // Evidence conditions are compiled by the guide when evidence first arrives: most walks
        // start without any, and `run` draws sooner for not parsing them.
        if let Some(pattern) = node.pattern() {
            let re = RegexBuilder::new(pattern)
                .size_limit(1 << 20)
                .build()
                .ok()?;
            patterns.insert(node.id.clone(), re);
        }
    }
    Some((conditions, patterns))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::BUNDLED;

    #[test]
    fn a_bundled_guide_made_ready_without_checks_walks_like_a_validated_one() {
        for bundled in BUNDLED {
            let quick = prevalidated(bundled.load().expect("reads back")).expect("ready");
            let full = validate(bundled.load().expect("reads back")).expect("valid");
            assert_eq!(quick.guide(), full.guide());
            for node in &full.guide().nodes {
                for exit in node.exits() {
                    if let Some(Route::Rules(rules)) = exit.route {
                        for when in rules.iter().filter_map(|r| r.when.as_deref()) {
                            assert!(quick.condition(when).is_some(), "{when}");
                        }
                    }
                }
                if let Some(crate::guide::Settle::When(map)) = node.evidence() {
                    for when in map.values() {
                        assert!(quick.evidence_condition(when).is_some(), "{when}");
                    }
                }
                assert_eq!(
                    quick.pattern(&node.id).is_some(),
                    full.pattern(&node.id).is_some()
                );
            }
        }
    }
}
