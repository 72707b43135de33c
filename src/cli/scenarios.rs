//! `tshoot test`: run scenario files and check each lands on the resolution it expects.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result};
use serde::Serialize;

use super::args::Global;
use super::out;
use super::{catalog, find_guide, GuideLookup, EXIT_PROBLEM, EXIT_USAGE};
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

pub fn test(global: &Global, paths: &[PathBuf], json: bool) -> Result<u8> {
    let mut files = Vec::new();
    for path in paths {
        // A path named on the command line that is not there is bad usage (exit 2, E7), not a
        // failed scenario.
        std::fs::metadata(path).with_context(|| format!("cannot read '{}'", path.display()))?;
        let before = files.len();
        scenario_files(path, &mut files)?;
        if files.len() == before {
            anyhow::bail!(
                "no scenario files in '{}' (looked for *.yaml and *.yml); a scenario names a 'guide', its 'answers' and the resolution it must 'expect'",
                path.display()
            );
        }
    }
    let catalog = catalog(global);
    let (mut passed, mut failed) = (0, 0);
    let mut unreadable = false;
    let mut results: Vec<ScenarioResult> = Vec::new();
    let mut coverage: std::collections::BTreeMap<String, Coverage> =
        std::collections::BTreeMap::new();
    for file in &files {
        let name = file.display();
        let outcome = run_one(&catalog, file, &mut unreadable);
        match outcome {
            Ok((landed, guide, walk, profile)) => {
                passed += 1;
                if !json {
                    out::line(format!("ok    {name} -> {landed}"));
                }
                results.push(ScenarioResult {
                    file: name.to_string(),
                    passed: true,
                    resolution: Some(landed.clone()),
                    error: None,
                });
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
                let ends = entry.reached.entry(profile).or_default();
                // A walk that went on in another guide reached the resolution that led there.
                for joined in &walk.guide().guide().joined {
                    if walk.steps().iter().any(|s| s.node == joined.from) {
                        ends.insert(joined.from.clone());
                    }
                }
                ends.insert(landed);
            }
            Err(why) => {
                failed += 1;
                if !json {
                    out::line(format!("FAIL  {name}: {why}"));
                }
                results.push(ScenarioResult {
                    file: name.to_string(),
                    passed: false,
                    resolution: None,
                    error: Some(why),
                });
            }
        }
    }
    let coverage: Vec<GuideCoverage> = coverage.iter().map(|(id, c)| c.measure(id)).collect();
    if json {
        let document = TestReport {
            passed,
            failed,
            scenarios: results,
            coverage,
        };
        out::line(serde_json::to_string_pretty(&document).unwrap_or_default());
    } else {
        coverage.iter().for_each(GuideCoverage::print);
    }
    out::status(format!("{passed} passed, {failed} failed"));
    Ok(if unreadable {
        EXIT_USAGE
    } else if failed > 0 {
        EXIT_PROBLEM
    } else {
        0
    })
}

/// A passing scenario's walk: the resolution it landed on, its guide, the walk and the access
/// it was run with.
type Walked = (String, Arc<crate::guide::ValidGuide>, Walk, Profile);

/// Runs one scenario file; the reason it fails, if it does (`unreadable` is set when the file
/// could not be read at all).
fn run_one(
    catalog: &crate::guide::Catalog,
    file: &Path,
    unreadable: &mut bool,
) -> Result<Walked, String> {
    let (script, scenario) = read_answers(file).map_err(|p| {
        *unreadable |= p.is_unreadable();
        p.to_string()
    })?;
    let scenario = scenario.ok_or("not a scenario: it needs 'guide', 'expect' and 'answers'")?;
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
    let guide = find_guide(catalog, &spec).map_err(|e| match e {
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
    walk.set_library(Arc::new(catalog.library()));
    if let Some(access) = &scenario.access {
        let declared: Vec<&str> = guide.guide().access.iter().map(|a| a.id.as_str()).collect();
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
        let attached = super::walks::attach_file(&beside.join(evidence), &*walk_clock())
            .map_err(|e| format!("evidence '{evidence}': {e}"))?;
        walk.apply(WalkCommand::Attach(Box::new(attached)))
            .map_err(|e| e.to_string())?;
    }
    let walked = headless::run(&mut walk, &script).map_err(|e| e.to_string());
    // Answers for a guide the walk went on in can only be checked once it has.
    let unknown = headless::unknown_joined_entries(walk.guide(), &script);
    if !unknown.is_empty() {
        let named: Vec<String> = unknown
            .iter()
            .map(|id| format!("'{id}'{}", headless::node_hint(walk.guide(), id)))
            .collect();
        return Err(format!(
            "answers for nodes the guides this walk went through do not have: {}",
            named.join(", ")
        ));
    }
    walked?;
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
}

/// Nodes visited by guide id, and each failing scenario with why.
pub type Visited = (
    std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    Vec<(PathBuf, String)>,
);

/// Every node the passing scenarios under `paths` visit, by guide id, for the validator's
/// warning on questions no scenario asks; and the scenarios that fail (they count for nothing).
pub fn visited_nodes(catalog: &crate::guide::Catalog, paths: &[PathBuf]) -> Result<Visited> {
    let mut files = Vec::new();
    for path in paths {
        std::fs::metadata(path).with_context(|| format!("cannot read '{}'", path.display()))?;
        scenario_files(path, &mut files)?;
    }
    let mut visited: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        std::collections::BTreeMap::new();
    let mut unreadable = false;
    let mut failed = Vec::new();
    for file in &files {
        let walked = run_one(catalog, file, &mut unreadable);
        if let Err(why) = &walked {
            failed.push((file.clone(), why.clone()));
        }
        if let Ok((_, _, walk, _)) = walked {
            // A node of a guide the walk went on in counts for that guide.
            let joined = walk.guide().guide();
            for step in walk.steps() {
                let (guide, node) = crate::guide::origin_of(joined, &step.node);
                visited
                    .entry(guide.to_string())
                    .or_default()
                    .insert(node.to_string());
            }
        }
    }
    Ok((visited, failed))
}

/// `tshoot test --json`: documented in docs/commands-json.md.
#[derive(Serialize)]
struct TestReport {
    passed: usize,
    failed: usize,
    scenarios: Vec<ScenarioResult>,
    coverage: Vec<GuideCoverage>,
}

#[derive(Serialize)]
struct ScenarioResult {
    file: String,
    passed: bool,
    /// The resolution the walk reached, when it passed.
    resolution: Option<String>,
    /// Why it failed.
    error: Option<String>,
}

/// What the passing scenarios of one guide reached and visited.
#[derive(Serialize)]
struct GuideCoverage {
    guide: String,
    resolutions: Count,
    hand_offs: Count,
    profiles: Vec<ProfileCoverage>,
    /// Resolutions no scenario reaches.
    unreached_resolutions: Vec<String>,
    /// Nodes no scenario visits.
    unvisited_nodes: Vec<String>,
}

#[derive(Serialize)]
struct Count {
    reached: usize,
    total: usize,
}

/// One access profile: what a technician with it can reach, against what its scenarios reached.
#[derive(Serialize)]
struct ProfileCoverage {
    /// The access ids, or `null` for every access.
    access: Option<Vec<String>>,
    name: String,
    reachable: usize,
    reached: usize,
    not_reached: Vec<String>,
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
    fn measure(&self, id: &str) -> GuideCoverage {
        let guide = self.guide.guide();
        let nodes = &guide.nodes;
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
        // Per profile: what a technician with that access can reach (evidence answering the
        // checks they cannot do), against what its scenarios reached.
        let profiles = self
            .reached
            .iter()
            .map(|(profile, ends)| {
                let have: Option<std::collections::BTreeSet<&str>> = profile
                    .as_ref()
                    .map(|ids| ids.iter().map(String::as_str).collect());
                let reach = crate::guide::Reach::of(
                    guide,
                    have.as_ref(),
                    crate::guide::ReachEvidence::Attached,
                );
                let can = reach.resolutions(guide);
                let not_reached: Vec<String> = can
                    .iter()
                    .filter(|r| !ends.contains(**r))
                    .map(|r| r.to_string())
                    .collect();
                ProfileCoverage {
                    access: profile.as_ref().map(|ids| ids.iter().cloned().collect()),
                    name: profile_name(profile),
                    reachable: can.len(),
                    reached: can.len() - not_reached.len(),
                    not_reached,
                }
            })
            .collect();
        GuideCoverage {
            guide: id.to_string(),
            resolutions: Count {
                reached: resolutions.iter().filter(|r| reached.contains(*r)).count(),
                total: resolutions.len(),
            },
            hand_offs: Count {
                reached: hand_offs_reached,
                total: hand_offs,
            },
            profiles,
            unreached_resolutions: resolutions
                .iter()
                .filter(|r| !reached.contains(*r))
                .map(|r| r.to_string())
                .collect(),
            unvisited_nodes: nodes
                .iter()
                .map(|n| n.id.as_str())
                .filter(|n| !self.visited.contains(*n))
                .map(str::to_string)
                .collect(),
        }
    }
}

impl GuideCoverage {
    fn print(&self) {
        out::line(format!(
            "coverage of {}: {}/{} resolutions reached ({}/{} hand-offs)",
            self.guide,
            self.resolutions.reached,
            self.resolutions.total,
            self.hand_offs.reached,
            self.hand_offs.total,
        ));
        for profile in &self.profiles {
            out::line(format!(
                "  {}: {}/{} of the resolutions it can reach",
                profile.name, profile.reached, profile.reachable
            ));
            if !profile.not_reached.is_empty() {
                out::line(wrapped(
                    "    not reached by its scenarios: ",
                    &profile.not_reached,
                ));
            }
        }
        if self.profiles.iter().any(|p| !p.not_reached.is_empty()) {
            out::line(wrapped(
                "    ",
                &["(what a profile can reach follows every rule of a route, whatever its condition: one listed may not be reachable in fact)".to_string()],
            ));
        }
        if !self.unreached_resolutions.is_empty() {
            out::line(wrapped(
                "  resolutions no scenario reaches: ",
                &self.unreached_resolutions,
            ));
        }
        if !self.unvisited_nodes.is_empty() {
            out::line(wrapped(
                "  nodes no scenario visits: ",
                &self.unvisited_nodes,
            ));
        }
    }
}

/// `lead` and the items joined by ", ", wrapped to 80 columns under the first item.
fn wrapped(lead: &str, items: &[String]) -> String {
    out::wrap(lead, &items.join(", "))
}
