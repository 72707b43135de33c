//! The picker and the sessions on disk, through key scripts and a real recorder: a paste starts
//! a new session and never resumes another (U1); the ticket is asked as a walk opens, shown and
//! kept (U6); a session is closed or deleted from the picker (U4).

use std::path::Path;

use crate::tui_support::*;
use tshoot::report::SessionStatus;
use tshoot::store::{Recorder, SessionRecorder, SessionStore};
use tshoot::tui::app::{Overlay, Screen};
use tshoot::tui::{update, App, Message};

fn page(correlation: &str) -> String {
    format!(
        "Sign in\nAADSTS51006: Integrated Windows authentication is needed.\n\nTroubleshooting details\nError Code: 51006\nRequest Id: 25ab1408-9854-4204-be22-719af9910400\nCorrelation Id: {correlation}\nTimestamp: 2026-01-09T00:38:22.547Z\nApp name: Contoso Expenses\n"
    )
}

const CORRELATIONS: [&str; 4] = [
    "11111111-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
    "22222222-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
    "33333333-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
    "44444444-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
];

fn recorder(state: &Path) -> SessionRecorder {
    SessionRecorder::new(SessionStore::at(state), Some("sam".into()), None, clock())
}

/// A wizard as the command line opens it: the ticket asked as a walk opens, the picker listing
/// what the recorder finds.
fn wizard<'c>(catalog: &'c tshoot::guide::Catalog, rec: &SessionRecorder) -> App<'c> {
    let mut app = app(catalog, COLOR);
    app.ask_ticket = true;
    app.who.technician = "sam".into();
    app.sessions = rec.unfinished();
    app
}

/// Pastes an error page in the picker, types `ticket`, goes past the access question and the
/// first step, accepts the correlation id the page gave, then pauses the walk.
fn walk_a_pasted_page(app: &mut App, rec: &mut SessionRecorder, correlation: &str, ticket: &str) {
    let effects = update(app, Message::Paste(page(correlation)));
    tshoot::tui::perform(app, rec, effects);
    assert!(
        matches!(app.overlay, Some(Overlay::Who { opening: true, .. })),
        "the ticket is asked as the walk opens"
    );
    press(app, rec, &format!("{ticket} <enter> <enter> <enter>"));
    let walk = app.walk().expect("a walk");
    assert_eq!(walk.current().id, "capture_correlation_id");
    press(app, rec, "<enter> <c-c> y");
    assert!(app.quit);
}

#[test]
fn a_paste_in_the_picker_with_three_unfinished_sessions_starts_a_fourth() {
    let catalog = catalog();
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    for (i, correlation) in CORRELATIONS[..3].iter().enumerate() {
        let mut rec = recorder(&state);
        let mut app = wizard(&catalog, &rec);
        walk_a_pasted_page(&mut app, &mut rec, correlation, &format!("INC-400{i}"));
    }
    let store = SessionStore::at(&state);
    let before: Vec<(String, Vec<u8>)> = store
        .list()
        .expect("lists")
        .sessions
        .iter()
        .map(|s| {
            let bytes = std::fs::read(store.path_of(&s.id)).expect("reads");
            (s.id.clone(), bytes)
        })
        .collect();
    assert_eq!(before.len(), 3);

    let mut rec = recorder(&state);
    let mut app = wizard(&catalog, &rec);
    assert_eq!(
        app.sessions.len(),
        3,
        "three unfinished sessions are offered"
    );
    walk_a_pasted_page(&mut app, &mut rec, CORRELATIONS[3], "INC-4003");

    let listing = store.list().expect("lists");
    assert_eq!(
        listing.sessions.len(),
        4,
        "a fourth session, not a resumed one"
    );
    let newest = listing
        .sessions
        .iter()
        .find(|s| !before.iter().any(|(id, _)| *id == s.id))
        .expect("a new session");
    assert_eq!(newest.correlation.as_deref(), Some(CORRELATIONS[3]));
    assert_eq!(newest.ticket.as_deref(), Some("INC-4003"));
    assert_eq!(newest.status, SessionStatus::Paused, "quit with q: paused");
    for (id, bytes) in &before {
        assert_eq!(
            &std::fs::read(store.path_of(id)).expect("reads"),
            bytes,
            "session {id} is untouched"
        );
    }
    let correlations: Vec<_> = listing
        .sessions
        .iter()
        .filter_map(|s| s.correlation.clone())
        .collect();
    for correlation in CORRELATIONS {
        assert_eq!(
            correlations.iter().filter(|c| *c == correlation).count(),
            1,
            "{correlation} in one session only: {correlations:?}"
        );
    }
}

#[test]
fn the_filter_finds_a_session_by_ticket_user_or_correlation_and_del_closes_or_deletes_it() {
    let catalog = catalog();
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    for (i, correlation) in CORRELATIONS[..2].iter().enumerate() {
        let mut rec = recorder(&state);
        let mut app = wizard(&catalog, &rec);
        walk_a_pasted_page(&mut app, &mut rec, correlation, &format!("INC-500{i}"));
    }
    let mut rec = recorder(&state);
    let mut app = wizard(&catalog, &rec);
    press(&mut app, &mut rec, "INC-5001");
    assert_eq!(
        app.picker_items().len(),
        1,
        "the ticket finds its session alone"
    );
    assert!(app.mode().on_session);
    let footer = screen_text(&render(&app, 80, 24));
    assert!(footer.contains("Enter resume"), "{footer}");
    press(&mut app, &mut rec, "<del> c");
    let store = SessionStore::at(&state);
    let closed = store
        .list()
        .expect("lists")
        .sessions
        .into_iter()
        .find(|s| s.ticket.as_deref() == Some("INC-5001"))
        .expect("kept");
    assert_eq!(closed.status, SessionStatus::Closed);
    assert!(
        app.sessions.iter().all(|s| s.id != closed.id),
        "no longer offered"
    );

    press(&mut app, &mut rec, "<c-u> 22222222");
    assert!(
        app.picker_items().is_empty(),
        "a closed session is not offered"
    );
    press(&mut app, &mut rec, "<c-u> 11111111");
    assert!(app.mode().on_session, "the correlation id finds the other");
    press(&mut app, &mut rec, "<del> <esc>");
    assert_eq!(
        store.list().expect("lists").sessions.len(),
        2,
        "Esc keeps it"
    );
    press(&mut app, &mut rec, "<del> d");
    let left: Vec<_> = store.list().expect("lists").sessions;
    assert_eq!(left.len(), 1, "deleted");
    assert_eq!(left[0].status, SessionStatus::Closed);
    assert!(matches!(app.screen, Screen::Picker(_)));
}

#[test]
fn the_ticket_and_technician_change_during_a_walk_and_the_session_records_them() {
    let catalog = catalog();
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let mut rec = recorder(&state);
    let mut app = wizard(&catalog, &rec);
    let effects = update(&mut app, Message::Paste(page(CORRELATIONS[0])));
    tshoot::tui::perform(&mut app, &mut rec, effects);
    // Esc: no ticket, and on to the access question.
    press(&mut app, &mut rec, "<esc>");
    assert!(matches!(app.overlay, Some(Overlay::Access { .. })));
    press(&mut app, &mut rec, "<enter> <enter> <enter>");
    let header = screen_text(&render(&app, 80, 24));
    assert!(
        header.lines().next().expect("header").contains("no ticket"),
        "{header}"
    );
    press(&mut app, &mut rec, "<c-t>");
    // A ticket reference pasted from the ticket system lands in the field, on one line.
    update(&mut app, Message::Paste("INC-7\n".into()));
    press(&mut app, &mut rec, "<tab> <c-u> alex <enter>");
    assert_eq!(app.who.ticket.as_deref(), Some("INC-7"));
    assert_eq!(app.who.technician, "alex");
    let first = screen_text(&render(&app, 80, 24));
    let first = first.lines().next().expect("header").to_string();
    assert!(first.contains("INC-7") && first.contains("alex"), "{first}");
    let id = rec.session_id().expect("the session exists");
    let session = SessionStore::at(&state).load(&id).expect("loads");
    assert_eq!(session.ticket.as_deref(), Some("INC-7"));
    assert_eq!(session.technician, "alex");
    assert_eq!(
        session.answered(),
        2,
        "the answers before the change are kept"
    );
}

#[test]
fn quitting_at_the_first_step_with_nothing_answered_keeps_no_session() {
    let catalog = catalog();
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let mut rec = recorder(&state);
    let mut app = wizard(&catalog, &rec);
    press(&mut app, &mut rec, "DEMO1234 <enter>");
    press(&mut app, &mut rec, "<esc>");
    if let Some(walk) = app.walk() {
        rec.prepare(walk);
    }
    press(&mut app, &mut rec, "q");
    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("no session is kept"), "{text}");
    press(&mut app, &mut rec, "y");
    assert!(app.quit);
    assert!(SessionStore::at(&state)
        .list()
        .expect("lists")
        .sessions
        .is_empty());
    let left: Vec<_> = std::fs::read_dir(state.join("sessions"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn the_picker_wraps_around_and_home_and_end_go_to_either_end() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let mut rec = FakeRecorder::default();
    app.sessions = vec![
        listing("tui-demo", "DEMO1234"),
        listing("tui-demo", "DEMO1234"),
    ];
    let selected = |app: &App| match &app.screen {
        Screen::Picker(p) => p.selected,
        Screen::Walk(_) => usize::MAX,
    };
    let rows = app.picker_items().len();
    assert_eq!(rows, catalog.entries().len() + 2);
    press(&mut app, &mut rec, "<up>");
    assert_eq!(
        selected(&app),
        rows - 1,
        "up from the first row wraps to the last"
    );
    assert!(app.mode().on_session);
    press(&mut app, &mut rec, "<down>");
    assert_eq!(
        selected(&app),
        0,
        "down from the last row wraps to the first"
    );
    assert!(!app.mode().on_session, "guides come first");
    press(&mut app, &mut rec, "<end> <home>");
    assert_eq!(selected(&app), 0);
}

#[test]
fn quitting_at_the_first_step_of_a_pasted_page_pauses_the_session_the_page_is_kept_in() {
    let catalog = catalog();
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state");
    let mut rec = recorder(&state);
    let mut app = wizard(&catalog, &rec);
    let effects = update(&mut app, Message::Paste(page(CORRELATIONS[0])));
    tshoot::tui::perform(&mut app, &mut rec, effects);
    press(&mut app, &mut rec, "<esc> <enter> q");
    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("Pause this walk and quit?"), "{text}");
    press(&mut app, &mut rec, "y");
    let sessions = SessionStore::at(&state).list().expect("lists").sessions;
    assert_eq!(sessions.len(), 1, "the pasted page is worth a session");
    assert_eq!(sessions[0].status, SessionStatus::Paused);
    assert_eq!(sessions[0].correlation.as_deref(), Some(CORRELATIONS[0]));
}
