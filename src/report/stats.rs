//! What many walks add up to, for the people who keep the guides: walks per guide, the
//! resolutions and hand-offs reached, the questions most often answered "can't check", where
//! unfinished walks stopped, and the time walks take. Read from JSON reports (a folder of them
//! collected from many technicians, or the saved sessions turned into reports), so one shape
//! feeds it whatever the source.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

/// What one walk contributes.
#[derive(Debug, Clone, PartialEq)]
pub struct WalkFacts {
    pub guide: String,
    /// The resolution reached: node id, title, and the owner when it is a hand-off.
    pub resolution: Option<(String, String, Option<String>)>,
    /// The questions left open (answered "can't check" or passed over): node id and question.
    pub open: Vec<(String, String)>,
    /// Where an unfinished walk stands.
    pub stopped_at: Option<String>,
    pub seconds: Option<i64>,
    /// The guides the walk went on in, in order (their node ids carry their prefix).
    pub continued_in: Vec<String>,
}

impl WalkFacts {
    /// The facts of a JSON report (`tshoot report --format json`); `None` when it is no report.
    pub fn from_report(report: &Value) -> Option<WalkFacts> {
        let summary = report.get("summary")?;
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
        let guide = text(summary, "guide_id")?;
        let resolution = summary
            .get("resolution")
            .filter(|r| !r.is_null())
            .and_then(|r| Some((text(r, "node")?, text(r, "title")?, text(r, "owner"))));
        let open = summary
            .get("open_checks")
            .and_then(Value::as_array)
            .map(|checks| {
                checks
                    .iter()
                    .filter_map(|c| Some((text(c, "node")?, text(c, "question")?)))
                    .collect()
            })
            .unwrap_or_default();
        let stopped_at = resolution
            .is_none()
            .then(|| text(summary, "current_step"))
            .flatten();
        let continued_in = summary
            .get("continued_in")
            .and_then(Value::as_array)
            .map(|c| c.iter().filter_map(|g| text(g, "id")).collect())
            .unwrap_or_default();
        Some(WalkFacts {
            guide,
            resolution,
            open,
            stopped_at,
            seconds: summary.get("duration_seconds").and_then(Value::as_i64),
            continued_in,
        })
    }

    /// The guide a node of this walk belongs to, and its id there: a node of a guide the walk
    /// went on in carries that guide's prefix.
    fn origin<'a>(&'a self, node: &'a str) -> (&'a str, &'a str) {
        self.continued_in
            .iter()
            .filter_map(|g| {
                let prefix = crate::guide::prefix_of(g);
                node.strip_prefix(prefix.as_str())
                    .map(|rest| (g.as_str(), rest, prefix.len()))
            })
            .max_by_key(|(_, _, len)| *len)
            .map_or((self.guide.as_str(), node), |(g, rest, _)| (g, rest))
    }
}

/// A count with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counted {
    pub id: String,
    pub title: String,
    pub count: usize,
}

/// The figures of one guide.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GuideStats {
    pub guide: String,
    pub walks: usize,
    pub finished: usize,
    pub resolutions: Vec<Counted>,
    /// Hand-offs reached, by owner.
    pub hand_offs: Vec<Counted>,
    pub cant_check: Vec<Counted>,
    /// Unfinished walks, by the step they stopped at.
    pub stopped_at: Vec<Counted>,
    /// Median and longest time of the finished walks, in seconds.
    pub median_seconds: Option<i64>,
    pub longest_seconds: Option<i64>,
    /// Walks started here that went on in another guide, by that guide.
    pub went_on_in: Vec<Counted>,
    /// Walks that came here from another guide, by that guide (they are counted in `walks`
    /// there; their resolutions and open checks here).
    pub came_from: Vec<Counted>,
}

/// Adds up the walks, guide by guide; every list is most frequent first. A walk counts as a
/// walk of the guide it started in; its resolution and open checks count for the guide each
/// belongs to, so a guide reached through another one has its figures too.
pub fn compute(walks: &[WalkFacts]) -> Vec<GuideStats> {
    #[derive(Default)]
    struct Acc {
        walks: usize,
        finished: usize,
        resolutions: Tally,
        hand_offs: Tally,
        cant_check: Tally,
        stopped: Tally,
        times: Vec<i64>,
        went_on_in: Tally,
        came_from: Tally,
    }
    let mut by_guide: BTreeMap<String, Acc> = BTreeMap::new();
    for w in walks {
        let start = by_guide.entry(w.guide.clone()).or_default();
        start.walks += 1;
        if w.resolution.is_some() {
            start.finished += 1;
            start.times.extend(w.seconds);
        }
        if let Some(at) = &w.stopped_at {
            start.stopped.add(at, at);
        }
        for other in &w.continued_in {
            start.went_on_in.add(other, other);
        }
        for (other, from) in w
            .continued_in
            .iter()
            .zip(std::iter::once(&w.guide).chain(w.continued_in.iter()))
        {
            by_guide
                .entry(other.clone())
                .or_default()
                .came_from
                .add(from, from);
        }
        if let Some((id, title, owner)) = &w.resolution {
            let (guide, id) = w.origin(id);
            let acc = by_guide.entry(guide.to_string()).or_default();
            acc.resolutions.add(id, title);
            if let Some(owner) = owner {
                acc.hand_offs.add(owner, owner);
            }
        }
        for (id, question) in &w.open {
            let (guide, id) = w.origin(id);
            by_guide
                .entry(guide.to_string())
                .or_default()
                .cant_check
                .add(id, question);
        }
    }
    by_guide
        .into_iter()
        .map(|(guide, mut acc)| {
            acc.times.sort_unstable();
            GuideStats {
                guide,
                walks: acc.walks,
                finished: acc.finished,
                resolutions: acc.resolutions.sorted(),
                hand_offs: acc.hand_offs.sorted(),
                cant_check: acc.cant_check.sorted(),
                stopped_at: acc.stopped.sorted(),
                median_seconds: acc.times.get(acc.times.len() / 2).copied(),
                longest_seconds: acc.times.last().copied(),
                went_on_in: acc.went_on_in.sorted(),
                came_from: acc.came_from.sorted(),
            }
        })
        .collect()
}

#[derive(Default)]
struct Tally(BTreeMap<String, (String, usize)>);

impl Tally {
    fn add(&mut self, id: &str, title: &str) {
        self.0
            .entry(id.to_string())
            .or_insert_with(|| (title.to_string(), 0))
            .1 += 1;
    }

    fn sorted(self) -> Vec<Counted> {
        let mut all: Vec<Counted> = self
            .0
            .into_iter()
            .map(|(id, (title, count))| Counted { id, title, count })
            .collect();
        all.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
        all
    }
}

/// The figures as text, each list cut to its first `top` rows, lines within 80 columns.
pub fn render(stats: &[GuideStats], top: usize) -> String {
    let minutes = |s: i64| format!("{} min {} s", s / 60, s % 60);
    let mut out = String::new();
    for g in stats {
        out.push_str(&format!(
            "{}: {} walk(s), {} finished\n",
            g.guide, g.walks, g.finished
        ));
        if let (Some(median), Some(longest)) = (g.median_seconds, g.longest_seconds) {
            out.push_str(&format!(
                "  time to a resolution: median {}, longest {}\n",
                minutes(median),
                minutes(longest)
            ));
        }
        let list = |out: &mut String, heading: &str, items: &[Counted]| {
            if items.is_empty() {
                return;
            }
            out.push_str(&format!("  {heading}\n"));
            for c in items.iter().take(top) {
                let title: String = c.title.split_whitespace().collect::<Vec<_>>().join(" ");
                let title: String = title.chars().take(68).collect();
                out.push_str(&format!("    {:>4}  {title}\n", c.count));
            }
        };
        list(&mut out, "resolutions reached", &g.resolutions);
        list(&mut out, "hand-offs, by owner", &g.hand_offs);
        list(&mut out, "most often \"can't check\"", &g.cant_check);
        list(&mut out, "unfinished walks stopped at", &g.stopped_at);
        list(
            &mut out,
            "walks that went on in another guide",
            &g.went_on_in,
        );
        list(&mut out, "walks that came from another guide", &g.came_from);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(
        guide: &str,
        resolution: Option<(&str, &str, Option<&str>)>,
        open: &[&str],
        at: &str,
        secs: i64,
    ) -> Value {
        let resolution = match resolution {
            Some((node, title, owner)) => {
                serde_json::json!({"node": node, "title": title, "owner": owner})
            }
            None => Value::Null,
        };
        let open: Vec<Value> = open
            .iter()
            .map(|n| serde_json::json!({"node": n, "question": format!("{n}?")}))
            .collect();
        serde_json::json!({"summary": {
            "guide_id": guide, "resolution": resolution, "open_checks": open,
            "current_step": at, "duration_seconds": secs}})
    }

    #[test]
    fn walks_add_up_per_guide_most_frequent_first() {
        let reports = [
            report("g", Some(("res_a", "Fix A", None)), &["q1"], "", 60),
            report(
                "g",
                Some(("res_hand", "Hand over", Some("AD FS team"))),
                &["q1", "q2"],
                "",
                600,
            ),
            report("g", Some(("res_a", "Fix A", None)), &[], "", 120),
            report("g", None, &["q2"], "Domain type", 30),
            report("h", None, &[], "First question", 5),
        ];
        let walks: Vec<WalkFacts> = reports.iter().filter_map(WalkFacts::from_report).collect();
        assert_eq!(walks.len(), 5);
        let stats = compute(&walks);
        assert_eq!(stats.len(), 2);
        let g = &stats[0];
        assert_eq!((g.walks, g.finished), (4, 3));
        assert_eq!(
            (g.resolutions[0].id.as_str(), g.resolutions[0].count),
            ("res_a", 2)
        );
        assert_eq!(
            (g.hand_offs[0].id.as_str(), g.hand_offs[0].count),
            ("AD FS team", 1)
        );
        assert_eq!(
            g.cant_check
                .iter()
                .map(|c| (c.id.as_str(), c.count))
                .collect::<Vec<_>>(),
            [("q1", 2), ("q2", 2)]
        );
        assert_eq!(g.stopped_at[0].id, "Domain type");
        assert_eq!(
            (g.median_seconds, g.longest_seconds),
            (Some(120), Some(600))
        );
        let text = render(&stats, 5);
        assert!(text.contains("g: 4 walk(s), 3 finished"), "{text}");
        assert!(
            text.contains("time to a resolution: median 2 min 0 s, longest 10 min 0 s"),
            "{text}"
        );
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(WalkFacts::from_report(&serde_json::json!({"not": "a report"})).is_none());
    }

    #[test]
    fn a_walk_that_went_on_in_another_guide_counts_its_resolution_for_that_guide() {
        let mut went_on = report(
            "aadsts-intake",
            Some((
                "aadsts50180__res_connect_corp_network",
                "Connect to the corporate network",
                None,
            )),
            &["open_signin", "aadsts50180__signin_found"],
            "",
            300,
        );
        went_on["summary"]["continued_in"] = serde_json::json!([{"id": "aadsts50180"}]);
        let direct = report(
            "aadsts50180",
            Some((
                "res_connect_corp_network",
                "Connect to the corporate network",
                None,
            )),
            &[],
            "",
            120,
        );
        let walks: Vec<WalkFacts> = [went_on, direct]
            .iter()
            .filter_map(WalkFacts::from_report)
            .collect();
        let stats = compute(&walks);
        let intake = stats
            .iter()
            .find(|g| g.guide == "aadsts-intake")
            .expect("intake");
        let sso = stats
            .iter()
            .find(|g| g.guide == "aadsts50180")
            .expect("sso");
        assert_eq!((intake.walks, intake.finished), (1, 1), "it started there");
        assert!(
            intake.resolutions.is_empty(),
            "its resolution is the other guide's"
        );
        assert_eq!(intake.went_on_in[0].id, "aadsts50180");
        assert_eq!(
            intake
                .cant_check
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>(),
            ["open_signin"]
        );
        assert_eq!(sso.walks, 1);
        assert_eq!(
            (sso.resolutions[0].id.as_str(), sso.resolutions[0].count),
            ("res_connect_corp_network", 2),
            "one walk of its own, one that came from the intake guide"
        );
        assert_eq!(sso.came_from[0].id, "aadsts-intake");
        assert_eq!(sso.cant_check[0].id, "signin_found");
        let text = render(&stats, 5);
        assert!(
            text.contains("walks that came from another guide"),
            "{text}"
        );
    }
}
