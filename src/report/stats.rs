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
        Some(WalkFacts {
            guide,
            resolution,
            open,
            stopped_at,
            seconds: summary.get("duration_seconds").and_then(Value::as_i64),
        })
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
}

/// Adds up the walks, guide by guide; every list is most frequent first.
pub fn compute(walks: &[WalkFacts]) -> Vec<GuideStats> {
    let mut by_guide: BTreeMap<&str, Vec<&WalkFacts>> = BTreeMap::new();
    for w in walks {
        by_guide.entry(w.guide.as_str()).or_default().push(w);
    }
    by_guide
        .into_iter()
        .map(|(guide, walks)| {
            let mut resolutions = Tally::default();
            let mut hand_offs = Tally::default();
            let mut cant_check = Tally::default();
            let mut stopped = Tally::default();
            let mut times = Vec::new();
            for w in &walks {
                if let Some((id, title, owner)) = &w.resolution {
                    resolutions.add(id, title);
                    if let Some(owner) = owner {
                        hand_offs.add(owner, owner);
                    }
                    times.extend(w.seconds);
                }
                for (id, question) in &w.open {
                    cant_check.add(id, question);
                }
                if let Some(at) = &w.stopped_at {
                    stopped.add(at, at);
                }
            }
            times.sort_unstable();
            GuideStats {
                guide: guide.to_string(),
                walks: walks.len(),
                finished: walks.iter().filter(|w| w.resolution.is_some()).count(),
                resolutions: resolutions.sorted(),
                hand_offs: hand_offs.sorted(),
                cant_check: cant_check.sorted(),
                stopped_at: stopped.sorted(),
                median_seconds: times.get(times.len() / 2).copied(),
                longest_seconds: times.last().copied(),
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
}
