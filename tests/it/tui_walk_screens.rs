//! Rendered-screen snapshots of walks on the bundled library: a step the evidence answers, the
//! access question, a hand-off summary, many sessions with tickets, a long status line, a walk
//! gone on in another guide, and the guide offered for an unknown code.

use crate::tui_screens::{at, snap};
use crate::tui_support::*;
use tshoot::guide::Catalog;
use tshoot::tui::theme::Theme;
use tshoot::tui::{update, App, Message};

/// A step the attached evidence answers: the answer it gives is selected and the proving line is
/// shown above the answers.
fn evidence_answered<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence/walks/settled.yaml");
    let loaded = tshoot::guide::read_guide_file(&path).expect("loads");
    let guide = std::sync::Arc::new(tshoot::guide::validate(loaded).expect("valid"));
    let mut app = tshoot::tui::App::new(catalog, clock(), theme, false, Vec::new());
    app.size = (80, 24);
    app.open_walk(tshoot::engine::Walk::start(guide, clock()));
    let page = std::fs::read_to_string(path.with_file_name("page.txt")).expect("page");
    update(&mut app, Message::Paste(page));
    app
}

#[test]
fn step_answered_by_evidence() {
    snap("step_answered_by_evidence", evidence_answered);
}

/// The bundled guide's walk opens on the access question.
fn access_question<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = tshoot::tui::App::new(catalog, clock(), theme, false, Vec::new());
    app.size = (80, 24);
    let guide = catalog.find("aadsts51006").expect("bundled").clone();
    app.open_walk(tshoot::engine::Walk::start(guide, clock()));
    // Untick the AD FS servers and move on to the next row, as a desk technician would.
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "j j j j j <space> j");
    app
}

#[test]
fn the_access_question() {
    snap("access_question", access_question);
}

/// A walk with the PC only, to a hand-off: the summary lists what is left and for whom.
fn hand_off_summary<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = tshoot::tui::App::new(catalog, clock(), theme, false, Vec::new());
    app.size = (80, 24);
    let guide = catalog.find("aadsts51006").expect("bundled").clone();
    let mut walk = tshoot::engine::Walk::start(guide, clock());
    walk.apply(tshoot::engine::WalkCommand::SetAccess(Some(
        ["pc".to_string()].into_iter().collect(),
    )))
    .expect("access");
    let script: tshoot::headless::AnswerScript = serde_yaml::from_str(
        "capture_correlation_id: 148787df-c02d-4cbe-947e-481164f67f03\ncapture_request_id: \"\"\ncapture_timestamp: 2026-01-09T00:38:22Z\ncapture_user: alex@contoso.com\ncapture_app: Contoso Expenses\nwindows_logon_type: own_domain_account\nupn_matches: yes\nuser_saw: no_prompt\nsession_method: windows_auth\ndomain_type: federated\ndownlevel_windows: no\napp_kind: browser\nbrowser_used: edge_chrome\nbrowser_policy: yes\ncorp_network: yes\nadfs_intranet_dns: yes\nproxy_inspection: no\nkerberos_limits: neither\nretry_after_clearing: no\nprt_state: prt_ok\n",
    )
    .expect("script");
    tshoot::headless::run(&mut walk, &script).expect("walks to the end");
    app.open_walk(walk);
    app
}

#[test]
fn hand_off_summary_screen() {
    snap("hand_off_summary", hand_off_summary);
}

/// Fifty unfinished sessions, each with its ticket, user and correlation id, the last selected:
/// the guides stay in view above them (U4).
fn picker_fifty_sessions<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = app(catalog, theme);
    app.sessions = (0..50)
        .map(|i| {
            let mut s = listing("tui-demo", "DEMO1234: Sign-in fails on a demo device");
            s.id = format!("20260109-0000{i:02}-tui-demo-{i:04x}");
            s.ticket = Some(format!("INC-40{i:02}"));
            s.user = Some(format!("user{i}@contoso.com"));
            s.correlation = Some(format!("{i:08x}-8b7d-4e6f-9a0b-1c2d3e4f5a6b"));
            s.step_number = i % 9 + 1;
            s.updated -= time::Duration::minutes(i as i64 * 97);
            s
        })
        .collect();
    press(&mut app, &mut FakeRecorder::default(), "<end>");
    app
}

/// The ticket question as a new walk opens.
fn ticket_question<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = app(catalog, theme);
    app.ask_ticket = true;
    app.who.technician = "sam".into();
    press(
        &mut app,
        &mut FakeRecorder::default(),
        "DEMO1234 <enter> INC-4003",
    );
    app
}

/// The header once the ticket and the technician are set.
fn header_with_ticket<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = ticket_question(catalog, theme);
    press(
        &mut app,
        &mut FakeRecorder::default(),
        "<tab> <c-u> alex <enter>",
    );
    app
}

#[test]
fn sessions_ticket_and_technician_screens() {
    snap("picker_fifty_sessions", picker_fifty_sessions);
    snap("ticket_question", ticket_question);
    snap("header_with_ticket", header_with_ticket);
}

#[test]
fn fifty_sessions_at_80x24_leave_the_guide_rows_in_view_and_the_selection_too() {
    let catalog = catalog();
    let app = picker_fifty_sessions(&catalog, theme(false, true));
    let text = screen_text(&render(&app, 80, 24));
    // In the guides box itself: the details pane may name a guide too.
    let guides_box: String = text
        .lines()
        .skip_while(|l| !l.contains("Guides ("))
        .take_while(|l| !l.contains("Unfinished sessions"))
        .collect::<Vec<_>>()
        .join("\n");
    let titles: Vec<&str> = catalog
        .entries()
        .iter()
        .map(|e| e.header.title.as_str())
        .collect();
    let shown = titles
        .iter()
        .filter(|title| guides_box.contains(&title.chars().take(30).collect::<String>()))
        .count();
    // The library outgrows the box at 80x24: the first rows stay in view, the box counts them
    // all and says more are below.
    assert!(shown >= 6, "only {shown} guide rows in view:\n{text}");
    assert!(
        guides_box.contains(&format!("Guides ({})", titles.len())),
        "{text}"
    );
    if shown < titles.len() {
        assert!(guides_box.contains("more below"), "{text}");
    }
    assert!(
        text.contains("INC-4049"),
        "the selected last session shows:\n{text}"
    );
    assert!(text.contains("Enter resume"), "{text}");
}

#[test]
fn a_long_status_message_is_shown_whole_at_80x24() {
    let catalog = catalog();
    let mut app = at(&catalog, theme(false, true), "<enter>");
    app.size = (80, 24);
    let paths = "/home/tech/.local/state/tshoot/sessions/20261127-101500-aadsts51006-3f2a";
    app.status = tshoot::tui::app::Status::info(format!(
        "Reports written: {paths}.report.md, {paths}.report.json, {paths}.report.html"
    ));
    let text = screen_text(&render(&app, 80, 24));
    let joined: String = text.split_whitespace().collect();
    for end in [".report.md", ".report.json", ".report.html"] {
        assert!(
            joined.contains(&format!("3f2a{end}")),
            "{end} is cut off:\n{text}"
        );
    }
}

/// The intake guide went on in the Seamless SSO guide: the header names the guide the walk
/// stands in now, and the sections of both are listed.
fn continued_walk<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = tshoot::tui::App::new(catalog, clock(), theme, false, Vec::new());
    app.size = (80, 24);
    let guide = catalog.find("aadsts-intake").expect("bundled").clone();
    let mut walk = tshoot::engine::Walk::start(guide, clock());
    walk.set_library(std::sync::Arc::new(catalog.library()));
    let script: tshoot::headless::AnswerScript = serde_yaml::from_str(
        "capture_correlation_id: 148787df-c02d-4cbe-947e-481164f67f03\ncapture_request_id: \"\"\ncapture_timestamp: 2026-01-09T00:38:22Z\ncapture_user: alex@contoso.com\ncapture_app: Contoso Expenses\nerror_code: '81010'\nuser_activity: browser\naffected_scope: one_user\nsignin_found: 'no'\naadsts50180__error_code: c81010\naadsts50180__signin_found: 'no'\n",
    )
    .expect("script");
    // The script stops at the first question it has no answer for: inside the second guide.
    let _ = tshoot::headless::run(&mut walk, &script);
    assert!(
        walk.current().id.starts_with("aadsts50180__"),
        "{}",
        walk.current().id
    );
    app.open_walk(walk);
    app
}

#[test]
fn a_walk_continued_in_another_guide() {
    snap("continued_walk", continued_walk);
}

/// A code no guide lists, typed in the picker: the guide for any other code is offered, and
/// its details say what it is for.
fn picker_unknown_code<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = app(catalog, theme);
    press(&mut app, &mut FakeRecorder::default(), "AADSTS700016");
    app
}

#[test]
fn the_picker_offers_the_intake_guide_for_an_unknown_code() {
    snap("picker_unknown_code", picker_unknown_code);
    let catalog = catalog();
    let app = picker_unknown_code(&catalog, theme(false, true));
    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("Any other AADSTS error"), "{text}");
    assert!(
        text.contains("for any code no other guide covers"),
        "{text}"
    );
}
