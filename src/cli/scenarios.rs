//! `tshoot test`: run scenario files and check each lands on the resolution it expects.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};

use super::args::Global;
use super::out;
use super::{catalog, find_guide, GuideLookup, EXIT_PROBLEM};
use crate::engine::{StepClock, Walk, WalkCommand};
use crate::headless::{self, read_answers};

fn scenario_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .with_context(|| format!("reading the folder '{}'", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            scenario_files(&entry, out)?;
        } else if entry.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(entry);
        }
    }
    Ok(())
}

fn walk_clock() -> Arc<dyn crate::engine::Clock> {
    Arc::new(StepClock::new(0, 60))
}

pub fn test(global: &Global, paths: &[PathBuf]) -> Result<u8> {
    let catalog = catalog(global);
    let mut files = Vec::new();
    for path in paths {
        scenario_files(path, &mut files)?;
    }
    let (mut passed, mut failed) = (0, 0);
    let mut coverage: std::collections::BTreeMap<String, Coverage> =
        std::collections::BTreeMap::new();
    for file in &files {
        let name = file.display();
        let outcome =
            (|| -> Result<(String, Arc<crate::guide::ValidGuide>, Walk, Profile), String> {
                let (script, scenario) = read_answers(file).map_err(|p| p.to_string())?;
                let scenario =
                    scenario.ok_or("not a scenario: it needs 'guide', 'expect' and 'answers'")?;
                let spec = scenario
                    .guide
                    .clone()
                    .ok_or("the scenario names no 'guide'")?;
                let expect = scenario
                    .expect
                    .clone()
                    .ok_or("the scenario has no 'expect' resolution")?;
                // A guide named by path is found beside the scenario first.
                let beside_spec = file.parent().map(|d| d.join(&spec));
                let spec = match beside_spec {
                    Some(p) if p.is_file() => p.display().to_string(),
                    _ => spec,
                };
                let guide = find_guide(&catalog, &spec).map_err(|e| match e {
                    GuideLookup::Unknown(m) => m,
                    GuideLookup::Invalid(ps) => ps
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                        .join("\n"),
                })?;
                let unknown = headless::unknown_entries(&guide, &script);
                if !unknown.is_empty() {
                    let named: Vec<String> = unknown
                        .iter()
                        .map(|id| format!("'{id}'{}", headless::node_hint(&guide, id)))
                        .collect();
                    return Err(format!(
                        "answers for nodes the guide does not have: {}",
                        named.join(", ")
                    ));
                }
                let mut walk = Walk::start(Arc::clone(&guide), Arc::new(StepClock::new(0, 60)));
                if let Some(access) = &scenario.access {
                    let declared: Vec<&str> =
                        guide.guide().access.iter().map(|a| a.id.as_str()).collect();
                    if let Some(unknown) = access.iter().find(|a| !declared.contains(&a.as_str())) {
                        return Err(format!("access '{unknown}' is not one the guide declares"));
                    }
                    walk.apply(WalkCommand::SetAccess(Some(
                        access.iter().cloned().collect(),
                    )))
                    .map_err(|e| e.to_string())?;
                }
                let beside = file.parent().unwrap_or(Path::new("."));
                for evidence in &scenario.evidence {
                    let attached =
                        super::walks::attach_file(&beside.join(evidence), &*walk_clock())
                            .map_err(|e| format!("evidence '{evidence}': {e}"))?;
                    walk.apply(WalkCommand::Attach(Box::new(attached)))
                        .map_err(|e| e.to_string())?;
                }
                headless::run(&mut walk, &script).map_err(|e| e.to_string())?;
                let landed = walk.current().id.to_string();
                let profile: Profile = scenario
                    .access
                    .as_ref()
                    .map(|ids| ids.iter().cloned().collect());
                if landed == expect {
                    Ok((landed, guide, walk, profile))
                } else {
                    Err(format!(
                        "expected resolution '{expect}' but the walk ended at '{landed}'"
                    ))
                }
            })();
        match outcome {
            Ok((landed, guide, walk, profile)) => {
                passed += 1;
                out::line(format!("ok    {name} -> {landed}"));
                let entry = coverage
                    .entry(guide.id().to_string())
                    .or_insert_with(|| Coverage {
                        guide: Arc::clone(&guide),
                        visited: std::collections::BTreeSet::new(),
                        reached: std::collections::BTreeMap::new(),
                    });
                entry
                    .visited
                    .extend(walk.steps().iter().map(|s| s.node.clone()));
                entry.reached.entry(profile).or_default().insert(landed);
            }
            Err(why) => {
                failed += 1;
                out::line(format!("FAIL  {name}: {why}"));
            }
        }
    }
    for (id, c) in &coverage {
        c.print(id);
    }
    out::status(format!("{passed} passed, {failed} failed"));
    Ok(if failed > 0 || files.is_empty() {
        EXIT_PROBLEM
    } else {
        0
    })
}

/// The access a scenario walks with (`None`: every access).
type Profile = Option<std::collections::BTreeSet<String>>;

fn profile_name(profile: &Profile) -> String {
    match profile {
        None => "every access".to_string(),
        Some(ids) if ids.is_empty() => "no access".to_string(),
        Some(ids) => ids.iter().cloned().collect::<Vec<_>>().join("+"),
    }
}

/// What the passing scenarios of one guide walked: the nodes visited, and the resolutions reached
/// under each access profile.
struct Coverage {
    guide: Arc<crate::guide::ValidGuide>,
    visited: std::collections::BTreeSet<String>,
    reached: std::collections::BTreeMap<Profile, std::collections::BTreeSet<String>>,
}

impl Coverage {
    fn print(&self, id: &str) {
        let nodes = &self.guide.guide().nodes;
        let resolutions: Vec<&str> = nodes
            .iter()
            .filter(|n| n.kind == crate::guide::NodeKind::Resolution)
            .map(|n| n.id.as_str())
            .collect();
        let reached: std::collections::BTreeSet<&str> = self
            .reached
            .values()
            .flatten()
            .map(String::as_str)
            .collect();
        let hand_offs = nodes.iter().filter(|n| n.owner().is_some()).count();
        let hand_offs_reached = nodes
            .iter()
            .filter(|n| n.owner().is_some() && reached.contains(n.id.as_str()))
            .count();
        out::line(format!(
            "coverage of {id}: {}/{} resolutions reached ({hand_offs_reached}/{hand_offs} hand-offs)",
            reached.len(),
            resolutions.len(),
        ));
        let mut hint_rules = false;
        // Per profile: what a technician with that access can reach (evidence answering the
        // checks they cannot do), against what its scenarios reached.
        for (profile, ends) in &self.reached {
            let guide = self.guide.guide();
            let have: Option<std::collections::BTreeSet<&str>> = profile
                .as_ref()
                .map(|ids| ids.iter().map(String::as_str).collect());
            let reach = crate::guide::Reach::of(
                guide,
                have.as_ref(),
                crate::guide::ReachEvidence::Attached,
            );
            let can = reach.resolutions(guide);
            let missing: Vec<&str> = can.iter().copied().filter(|r| !ends.contains(*r)).collect();
            out::line(format!(
                "  {}: {}/{} of the resolutions it can reach",
                profile_name(profile),
                can.len() - missing.len(),
                can.len()
            ));
            if !missing.is_empty() {
                out::line(format!(
                    "    not reached by its scenarios: {}",
                    missing.join(", ")
                ));
                hint_rules = true;
            }
        }
        if hint_rules {
            out::line("    (what a profile can reach follows every rule of a route, whatever its condition: one listed may not be reachable in fact)");
        }
        let missing: Vec<&str> = resolutions
            .iter()
            .copied()
            .filter(|r| !reached.contains(r))
            .collect();
        if !missing.is_empty() {
            out::line(format!(
                "  resolutions no scenario reaches: {}",
                missing.join(", ")
            ));
        }
        let unvisited: Vec<&str> = nodes
            .iter()
            .map(|n| n.id.as_str())
            .filter(|n| !self.visited.contains(*n))
            .collect();
        if !unvisited.is_empty() {
            out::line(format!(
                "  nodes no scenario visits: {}",
                unvisited.join(", ")
            ));
        }
    }
}
