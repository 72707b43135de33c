//! The session file as a journal: a header line (who, which guide, when), then one line per save
//! holding the steps that changed since the last line and where the walk stands. A last line cut
//! short is a save that never finished: it is ignored, never taken for damage.
//!
//! A record line is `{"from":K,"steps":[..]}` TAB `{"status":..,"updated":..,"current":..}`:
//! compact JSON never holds a raw tab or line break, and the state at the end of the line lets a
//! listing read it from the last few bytes of the file.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::session::{CurrentStep, GuidePin, Session, SessionHead, Superseded, SESSION_SCHEMA};
use crate::engine::SessionStatus;
use crate::engine::{Attached, Replaced, Step};

/// Version of the journal layout; a higher one was written by a newer tshoot.
pub const JOURNAL_VERSION: u32 = 1;

/// Journals start with this; anything else is a single-JSON session of tshoot 0.1.
const MAGIC: &[u8] = b"{\"journal\":";

/// The first line: what does not change from save to save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// First, so that the file's first bytes say what it is.
    pub journal: u32,
    pub id: String,
    pub guide: GuidePin,
    pub technician: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub started: OffsetDateTime,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub superseded: Vec<Superseded>,
}

/// The header without the superseded steps: all a listing needs.
#[derive(Deserialize)]
struct HeaderHead {
    journal: u32,
    id: String,
    guide: GuidePin,
    technician: String,
    #[serde(default)]
    ticket: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    started: OffsetDateTime,
}

/// Where the walk stands after a save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct State {
    pub status: SessionStatus,
    #[serde(with = "time::serde::rfc3339")]
    pub updated: OffsetDateTime,
    pub current: CurrentStep,
    /// Made ready when the wizard opened a walk, before anything was answered: listings pass it
    /// by, quitting removes it, and the first answer is then one appended record.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub empty: bool,
    /// What the technician said they can check (absent: everything).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access: Option<Vec<String>>,
}

#[derive(Serialize)]
struct ChangeOut<'a> {
    from: usize,
    steps: &'a [Step],
    /// Evidence attached since the last record; evidence is only ever added.
    #[serde(skip_serializing_if = "<[Attached]>::is_empty")]
    evidence: &'a [Attached],
    /// Answers replaced since the last record; the trail is only ever added to.
    #[serde(skip_serializing_if = "<[Replaced]>::is_empty")]
    replaced: &'a [Replaced],
}

#[derive(Deserialize)]
struct ChangeIn {
    from: usize,
    steps: Vec<Step>,
    #[serde(default)]
    evidence: Vec<Attached>,
    #[serde(default)]
    replaced: Vec<Replaced>,
}

pub fn is_journal(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

fn line(value: &impl Serialize) -> Vec<u8> {
    // Serialising these types cannot fail: plain structs, string keys.
    serde_json::to_vec(value).unwrap_or_default()
}

/// What a save adds to the session besides its steps: both lists only ever grow.
#[derive(Debug, Clone, Copy, Default)]
pub struct Added<'a> {
    pub evidence: &'a [Attached],
    pub replaced: &'a [Replaced],
}

/// One save: the steps from index `from` on replace those on disk, `added` is added to what is
/// on disk, and the walk stands at `state`.
pub fn record(from: usize, steps: &[Step], added: Added, state: &State) -> Vec<u8> {
    let mut out = line(&ChangeOut {
        from,
        steps,
        evidence: added.evidence,
        replaced: added.replaced,
    });
    out.push(b'\t');
    out.extend(line(state));
    out.push(b'\n');
    out
}

/// A whole session in two lines: the header and one record with every step.
pub fn snapshot(header: &Header, steps: &[Step], added: Added, state: &State) -> Vec<u8> {
    let mut out = line(header);
    out.push(b'\n');
    out.extend(record(0, steps, added, state));
    out
}

fn parse_header(bytes: &[u8]) -> Result<(Header, usize), String> {
    let end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("it is cut short in its first line")?;
    let header: Header = serde_json::from_slice(&bytes[..end])
        .map_err(|e| format!("its first line is not a readable session header ({e})"))?;
    if header.journal > JOURNAL_VERSION {
        return Err(format!(
            "written by a newer tshoot (journal {}; this one reads {JOURNAL_VERSION})",
            header.journal
        ));
    }
    Ok((header, end + 1))
}

fn parse_record(line: &[u8], n: usize) -> Result<(ChangeIn, State), String> {
    let bad = |what: String| format!("its record {n} is not readable ({what})");
    let tab = line
        .iter()
        .position(|&b| b == b'\t')
        .ok_or_else(|| bad("no state".into()))?;
    let change: ChangeIn = serde_json::from_slice(&line[..tab]).map_err(|e| bad(e.to_string()))?;
    let state: State = serde_json::from_slice(&line[tab + 1..]).map_err(|e| bad(e.to_string()))?;
    Ok((change, state))
}

/// Reads every record; the session must be named `stem`. A last line without its line break is
/// a save cut short and is left out.
pub fn read(bytes: &[u8], stem: &str) -> Result<Session, String> {
    let (header, mut at) = parse_header(bytes)?;
    let mut steps: Vec<Step> = Vec::new();
    let mut evidence: Vec<Attached> = Vec::new();
    let mut replaced: Vec<Replaced> = Vec::new();
    let mut state = None;
    let mut n = 0;
    while let Some(len) = bytes[at..].iter().position(|&b| b == b'\n') {
        n += 1;
        let (change, now) = parse_record(&bytes[at..at + len], n)?;
        if change.from > steps.len() {
            return Err(format!(
                "its record {n} continues from step {} but only {} are recorded before it",
                change.from,
                steps.len()
            ));
        }
        steps.truncate(change.from);
        steps.extend(change.steps);
        evidence.extend(change.evidence);
        replaced.extend(change.replaced);
        state = Some(now);
        at += len + 1;
    }
    let state = state.ok_or("it holds no saved step")?;
    let session = Session {
        schema_version: SESSION_SCHEMA,
        id: header.id,
        guide: header.guide,
        technician: header.technician,
        ticket: header.ticket,
        started: header.started,
        updated: state.updated,
        status: state.status,
        current: state.current,
        steps,
        superseded: header.superseded,
        replaced,
        evidence,
        access: state.access,
    };
    session.check(stem)?;
    Ok(session)
}

/// What a listing shows, from the header and the state at the end of the last whole record.
/// `tail` is the end of the file, starting at byte `tail_at`; `None` when the last whole record
/// does not end inside it (the caller then reads the whole file).
pub fn head(
    first_line: &[u8],
    tail: &[u8],
    tail_at: usize,
    stem: &str,
) -> Option<Result<SessionHead, String>> {
    let header: HeaderHead = match serde_json::from_slice(first_line) {
        Ok(h) => h,
        Err(e) => {
            return Some(Err(format!(
                "its first line is not a readable session header ({e})"
            )))
        }
    };
    if header.journal > JOURNAL_VERSION || header.id != stem {
        return None; // the full read words the reason
    }
    let body_at = first_line.len() + 1;
    // The last line break ends the last whole record.
    let end = tail.iter().rposition(|&b| b == b'\n')?;
    if tail_at + end < body_at {
        return Some(Err("it holds no saved step".into()));
    }
    let before = &tail[..end];
    let tab = before.iter().rposition(|&b| b == b'\t' || b == b'\n')?;
    if before[tab] != b'\t' {
        return None;
    }
    let state: State = serde_json::from_slice(&before[tab + 1..]).ok()?;
    Some(Ok(SessionHead {
        id: header.id,
        guide: header.guide,
        technician: header.technician,
        ticket: header.ticket,
        started: header.started,
        updated: state.updated,
        status: state.status,
        current: state.current,
        empty: state.empty,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(1_795_721_702 + s).expect("time")
    }

    fn step(node: &str, note: Option<&str>) -> Step {
        Step {
            node: node.into(),
            answer: None,
            note: note.map(str::to_string),
            entered_at: at(0),
            answered_at: None,
            evidence: None,
            skipped: None,
            kept: Vec::new(),
        }
    }

    fn state(node: &str) -> State {
        State {
            status: SessionStatus::InProgress,
            updated: at(9),
            current: CurrentStep {
                node: node.into(),
                label: format!("Label\tof {node}"),
            },
            empty: false,
            access: None,
        }
    }

    fn header() -> Header {
        Header {
            journal: JOURNAL_VERSION,
            id: "s1".into(),
            guide: GuidePin {
                id: "g".into(),
                title: "G".into(),
                version: "1".into(),
                hash: "sha256:00".into(),
            },
            technician: "alice".into(),
            ticket: None,
            started: at(0),
            superseded: Vec::new(),
        }
    }

    /// A snapshot of a, b, then: back to a (from 1, nothing), then c with a multi-line note.
    fn journal() -> Vec<u8> {
        let mut bytes = snapshot(
            &header(),
            &[step("a", None), step("b", None)],
            Added::default(),
            &state("b"),
        );
        bytes.extend(record(1, &[], Added::default(), &state("a")));
        bytes.extend(record(
            1,
            &[step("c", Some("two\nlines\tand a tab"))],
            Added::default(),
            &state("c"),
        ));
        bytes
    }

    #[test]
    fn records_replay_to_the_last_state() {
        let session = read(&journal(), "s1").expect("reads");
        let nodes: Vec<&str> = session.steps.iter().map(|s| s.node.as_str()).collect();
        assert_eq!(nodes, ["a", "c"]);
        assert_eq!(session.current.node, "c");
    }

    #[test]
    fn a_cut_at_any_byte_reads_a_prefix_or_is_refused_never_more() {
        let bytes = journal();
        let header_end = bytes.iter().position(|&b| b == b'\n').expect("line") + 1;
        let first_record_end = header_end
            + bytes[header_end..]
                .iter()
                .position(|&b| b == b'\n')
                .expect("line")
            + 1;
        for len in 0..bytes.len() {
            let result = read(&bytes[..len], "s1");
            if len < first_record_end {
                assert!(result.is_err(), "cut at {len}");
            } else {
                let session = result.expect("a cut record is left out");
                assert!(["b", "a"].contains(&session.current.node.as_str()), "{len}");
            }
        }
    }

    #[test]
    fn a_damaged_record_before_the_last_is_damage() {
        let mut bytes = journal();
        let second = bytes.iter().rposition(|&b| b == b'\n').expect("end");
        let before = bytes[..second]
            .iter()
            .rposition(|&b| b == b'\n')
            .expect("line");
        bytes[before - 3] = b'#';
        let err = read(&bytes, "s1").expect_err("damaged");
        assert!(err.contains("record 2"), "{err}");
    }

    #[test]
    fn head_reads_only_the_header_and_the_tail() {
        let bytes = journal();
        let first = bytes.iter().position(|&b| b == b'\n').expect("line");
        let tail_at = bytes.len() - 160;
        let head = head(&bytes[..first], &bytes[tail_at..], tail_at, "s1")
            .expect("the tail holds the state")
            .expect("a head");
        assert_eq!(head.current.node, "c");
        assert_eq!(head.technician, "alice");
        // A cut last record: the state of the one before.
        let cut = &bytes[..bytes.len() - 5];
        let head = super::head(&bytes[..first], cut, 0, "s1")
            .expect("found")
            .expect("a head");
        assert_eq!(head.current.node, "a");
        // The tail too short to hold the state: the caller reads it all.
        let short = bytes.len() - 4;
        assert!(super::head(&bytes[..first], &bytes[short..], short, "s1").is_none());
    }
}
