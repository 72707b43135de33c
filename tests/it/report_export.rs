//! Reports the next person can act on and paste anywhere: Markdown lists that a CommonMark
//! renderer keeps whole, the text and Jira formats with the same redaction as the others, and
//! exported files that are private, atomic and never written through a symbolic link.

use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;

use crate::store_support::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use tshoot::engine::{Answer, StepClock, Walk, WalkCommand};
use tshoot::guide::{load, validate};
use tshoot::report::{self, Format, Policy, Summary};

/// Twelve info steps in a row, then a resolution: a path long enough for two-digit numbers.
fn long_guide() -> String {
    let mut yaml = String::from(
        "format: 1\nid: twelve\ntitle: Twelve steps\nversion: \"1.0.0\"\nsections: []\nstart: n0\nnodes:\n",
    );
    for i in 0..12 {
        let next = if i < 11 {
            format!("n{}", i + 1)
        } else {
            "r".into()
        };
        yaml.push_str(&format!(
            "  - {{id: n{i}, kind: info, title: Step {i}, prompt: Read part {i} of the long prompt, next: {next}}}\n"
        ));
    }
    yaml.push_str(
        "  - {id: r, kind: resolution, outcome: resolved, title: Done, cause: c, steps: [s]}\n",
    );
    yaml
}

fn long_walk() -> Walk {
    let text = long_guide();
    let guide = validate(load("twelve.yaml", text.as_bytes()).expect("loads")).expect("valid");
    let mut walk = Walk::start(Arc::new(guide), Arc::new(StepClock::new(START, 30)));
    for i in 0..12 {
        if i >= 9 {
            let note = format!("line one of {i}\nline two of {i}\n- not a list");
            walk.apply(WalkCommand::Note(None, note)).expect("note");
        }
        walk.apply(WalkCommand::Answer(Answer::Continue))
            .expect("answer");
    }
    walk
}

/// Each ordered list in the document: the number it starts at and how many items it holds.
fn ordered_lists(markdown: &str) -> Vec<(u64, usize)> {
    let mut lists = Vec::new();
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut depth_items: Vec<usize> = Vec::new();
    let mut starts: Vec<u64> = Vec::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::List(start)) => {
                open.push(start.map(|_| lists.len()));
                starts.push(start.unwrap_or(0));
                depth_items.push(0);
            }
            Event::Start(Tag::Item) => {
                if let Some(n) = depth_items.last_mut() {
                    *n += 1;
                }
            }
            Event::End(TagEnd::List(_)) => {
                let items = depth_items.pop().unwrap_or(0);
                let start = starts.pop().unwrap_or(0);
                if let Some(Some(_)) = open.pop() {
                    lists.push((start, items));
                }
            }
            _ => {}
        }
    }
    lists
}

#[test]
fn a_commonmark_renderer_keeps_a_path_of_twelve_steps_with_notes_as_one_list() {
    let walk = long_walk();
    let markdown = report::render(
        Format::Markdown,
        &Summary::of(&walk),
        walk.steps(),
        &Policy::secrets_only(),
    )
    .into_string();
    let path = &markdown[markdown.find("## Path").expect("a path section")..];
    assert_eq!(ordered_lists(path), [(1, 12)], "{path}");

    // The note's lines stay lines: hard breaks inside the quote, nothing read as a list.
    let events: Vec<Event> = Parser::new(path).collect();
    let hard_breaks = events.iter().filter(|e| **e == Event::HardBreak).count();
    assert_eq!(
        hard_breaks,
        3 * 2,
        "two breaks in each of three notes:\n{path}"
    );
    let quotes = events
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::BlockQuote(_))))
        .count();
    assert_eq!(quotes, 3, "{path}");
    assert!(
        path.contains("12. Step 11 → **Done**"),
        "short titles: {path}"
    );
    assert!(!path.contains("long prompt"), "{path}");
}

fn fixture_summary(walk: &Walk) -> Summary {
    Summary::of(walk).with_session(tshoot::report::SessionInfo {
        id: "20261126-193502-store_vpn-0a1b".into(),
        technician: "alice".into(),
        ticket: Some("INC-42".into()),
        status: tshoot::report::SessionStatus::of(walk),
        updated: time::OffsetDateTime::from_unix_timestamp(START + 600).expect("time"),
    })
}

fn rendered(format: Format, policy: &Policy) -> String {
    let walk = walk_through(guide(), &messages());
    report::render(format, &fixture_summary(&walk), walk.steps(), policy).into_string()
}

#[test]
fn text_report_of_a_finished_walk() {
    let out = rendered(Format::Text, &Policy::secrets_only());
    assert!(!out.contains("eyJ0eXAi"), "{out}");
    assert!(
        !out.contains("\\|") && !out.contains("\\["),
        "no Markdown escapes: {out}"
    );
    insta::assert_snapshot!(out);
}

#[test]
fn jira_report_of_a_finished_walk() {
    let out = rendered(Format::Jira, &Policy::secrets_only());
    assert!(!out.contains("eyJ0eXAi"), "{out}");
    assert!(out.contains("h2. Resolution"), "{out}");
    assert!(out.contains("||Evidence||Variable||Value||"), "{out}");
    assert!(out.contains("{noformat}"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn text_and_jira_mask_people_under_the_redact_policy() {
    for format in [Format::Text, Format::Jira] {
        let out = rendered(format, &Policy::people(["alice".to_string()]));
        assert!(!out.contains("alex@contoso.com"), "{out}");
        assert!(!out.contains("alice"), "{out}");
        assert!(!out.contains("eyJ0eXAi"), "{out}");
        assert!(out.contains("[redacted: "), "{out}");
    }
}

#[test]
fn every_html_header_cell_names_its_scope() {
    let walk = walk_through(guide(), &messages()[..6]);
    let mut summary = fixture_summary(&walk);
    summary
        .open_checks
        .push(tshoot::report::summary::OpenCheck {
            number: 1,
            node: "on_vpn".into(),
            question: "On VPN".into(),
            reason: "answered \"can't check\"".into(),
            owners: vec![],
            how: None,
        });
    let html = report::render(
        Format::Html,
        &summary,
        walk.steps(),
        &Policy::secrets_only(),
    )
    .into_string();
    let cells = html.matches("<th").count();
    assert!(cells >= 11, "{html}");
    assert_eq!(html.matches("<th scope=\"").count(), cells, "{html}");
}

const FINISHED: &str = "\
capture_correlation: 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b
capture_user: alex@contoso.com
capture_details: ''
intro_network: done
on_vpn: yes
which_browser: chrome
tried_fixes: [cache_cleared]
";

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

#[test]
fn report_output_is_private_atomic_and_never_written_through_a_symbolic_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (state, id) = saved_session(dir.path(), FINISHED);
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).expect("out dir");

    let report = out_dir.join("r.md");
    std::fs::write(&report, "an older report, world-readable").expect("old file");
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let (code, _, err) = run(tshoot(&state).args(["report", &id, "-o"]).arg(&report));
    assert_eq!(code, 0, "{err}");
    let mode = std::fs::metadata(&report)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "replaced by a private file");
    assert!(std::fs::read_to_string(&report)
        .expect("read")
        .starts_with("# Troubleshooting report"));

    let target = out_dir.join("someone-elses.txt");
    std::fs::write(&target, "keep me").expect("target");
    let link = out_dir.join("link.md");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let (code, stdout, err) = run(tshoot(&state).args(["report", &id, "-o"]).arg(&link));
    assert_ne!(code, 0, "a symbolic link is refused: {err}");
    assert!(err.contains("symbolic link"), "{err}");
    assert!(err.contains("link.md"), "names the path: {err}");
    assert!(stdout.is_empty(), "{stdout}");
    assert_eq!(std::fs::read_to_string(&target).expect("target"), "keep me");
    assert!(std::fs::symlink_metadata(&link)
        .expect("link")
        .file_type()
        .is_symlink());
    assert!(
        leftovers(&out_dir).is_empty(),
        "no partial file: {:?}",
        leftovers(&out_dir)
    );
}

#[test]
fn the_jira_report_carries_the_changed_answers_with_their_notes() {
    let mut msgs = messages();
    msgs.extend([WalkCommand::JumpTo(4), WalkCommand::Answer(Answer::No)]);
    let walk = walk_through(guide(), &msgs);
    let out = report::render(
        Format::Jira,
        &fixture_summary(&walk),
        walk.steps(),
        &Policy::secrets_only(),
    )
    .into_string();
    assert!(out.contains("\nh2. Changed answers\n"), "{out}");
    assert!(
        out.contains("* Step 5, On VPN: *Yes* → *No* (changed 2026-11-26 "),
        "{out}"
    );
    assert!(
        out.contains(
            "{noformat}\nnltest /dsgetdc:contoso found DC01\nklist shows a TGT\n{noformat}"
        ),
        "{out}"
    );
}
