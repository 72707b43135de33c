//! Key-script tests: strings of keys driven through the keymap, `update` and a recorder, with no
//! terminal. The full walk uses the bundled AADSTS51006 guide.

use crate::tui_support::*;
use tshoot::engine::Answer;
use tshoot::report::Summary;
use tshoot::tui::app::{Overlay, Screen};
use tshoot::tui::keymap::Ctx;

const GUID: &str = "148787df-c02d-4cbe-947e-481164f67f03";

#[test]

fn a_full_walk_of_aadsts51006_from_the_picker_to_the_summary() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let mut rec = FakeRecorder::default();

    // Typing the bare number of the error code narrows the picker to the guide.
    press(&mut app, &mut rec, "51006");
    let items = app.picker_items();
    assert_eq!(items.len(), 1);
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(current(&app), "prerequisites");
    assert_eq!(
        rec.saves,
        vec![1],
        "a new walk is saved before its first frame"
    );
    // The walk first asks what the technician can check; everything is ticked at first.
    assert!(
        matches!(&app.overlay, Some(tshoot::tui::app::Overlay::Access { checked, .. }) if checked.iter().all(|c| *c)),
        "the access question opens the walk"
    );
    press(&mut app, &mut rec, "<enter>");
    assert!(app.overlay.is_none());
    assert_eq!(app.walk().expect("walk").access().map(|a| a.len()), Some(7));

    press(
        &mut app,
        &mut rec,
        &format!("<enter> {GUID} <enter> <enter>"),
    );
    press(
        &mut app,
        &mut rec,
        "2026-01-09T00:38:22Z <enter> alex@contoso.com <enter>",
    );
    press(&mut app, &mut rec, "Expenses <enter>");
    assert_eq!(current(&app), "open_signin_by_correlation");
    press(&mut app, &mut rec, "<enter> y");
    assert_eq!(current(&app), "signin_error_code");

    // Back one step, answer again.
    press(&mut app, &mut rec, "<bs>");
    assert_eq!(current(&app), "signin_found");
    press(&mut app, &mut rec, "y");

    // Jump back through the history to the timestamp and answer it differently.
    press(&mut app, &mut rec, "h <up> <up> <up> <up>");
    assert!(matches!(
        app.overlay,
        Some(Overlay::History { selected: 3 })
    ));
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(current(&app), "capture_timestamp");
    assert!(app.overlay.is_none());
    press(
        &mut app,
        &mut rec,
        "2026-01-09T01:15:00Z <enter> alex@contoso.com <enter> <enter>",
    );

    // A note on the info step, then on through the log to the error code.
    press(
        &mut app,
        &mut rec,
        "<c-n> found <space> by <space> correlation <esc>",
    );
    assert_eq!(status(&app), "Note saved on step 7.");
    press(&mut app, &mut rec, "<enter> y j j j j j j <enter>");

    let walk = app.walk().expect("walk");
    assert!(walk.is_finished());
    assert_eq!(walk.current().id, "res_password_changed");
    assert_eq!(app.mode().ctx, Ctx::Summary);
    let summary = Summary::of(walk);
    let evidence: Vec<_> = summary.evidence.iter().map(|e| e.value.as_str()).collect();
    assert!(evidence.contains(&"2026-01-09T01:15:00Z"), "{evidence:?}");
    assert!(!evidence.contains(&"2026-01-09T00:38:22Z"), "{evidence:?}");
    let noted = summary
        .path
        .iter()
        .find(|p| p.note.is_some())
        .expect("a note");
    assert_eq!(noted.note.as_deref(), Some("found by correlation"));
    assert_eq!(noted.node, "open_signin_by_correlation");

    // Every change was saved, each before the next key: one save per answer, back, jump, note,
    // and the access chosen.
    assert_eq!(rec.saves.len(), 1 + 1 + 8 + 1 + 1 + 1 + 3 + 1 + 3);
    assert_eq!(rec.saves.last(), Some(&walk.steps().len()));

    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("password change"), "{text}");
    press(&mut app, &mut rec, "q");
    assert!(app.quit, "quitting from the summary does not ask");
    assert_eq!(rec.closes, 1);
}

#[test]

fn the_picker_filters_by_words_and_esc_clears_then_quits() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "demo");
    assert_eq!(app.picker_items().len(), 1);
    press(&mut app, &mut rec, "zz");
    assert!(app.picker_items().is_empty());
    press(&mut app, &mut rec, "<enter>");
    assert!(status(&app).contains("No guide matches"));
    press(&mut app, &mut rec, "<esc>");
    assert!(!app.quit);
    assert!(app.picker_items().len() >= 2);
    press(&mut app, &mut rec, "<esc>");
    assert!(app.quit);
    assert_eq!(rec.closes, 0, "no walk, nothing to close");
}

#[test]

fn an_unfinished_session_in_the_picker_resumes_with_its_notice() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let mut rec = FakeRecorder {
        resumable: catalog.find("tui-demo").cloned(),
        ..FakeRecorder::default()
    };
    app.sessions = vec![listing("tui-demo", "DEMO1234")];
    // Guides come first; End selects the last row, the session.
    press(&mut app, &mut rec, "<end>");
    assert!(app.mode().on_session);
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(current(&app), "read_first");
    assert_eq!(
        app.who.ticket.as_deref(),
        Some("INC-1001"),
        "the session's ticket comes back"
    );
    assert!(status(&app).contains("older version"));
    assert!(
        rec.saves.is_empty(),
        "resuming changes nothing, so nothing is saved"
    );
}

#[test]

fn confirm_takes_y_n_u_and_arrows() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> u");
    assert_eq!(current(&app), "browser");
    let steps = app.walk().expect("walk").steps();
    assert_eq!(steps[1].answer, Some(Answer::Unsure));
    press(&mut app, &mut rec, "<bs>");
    let Screen::Walk(state) = &app.screen else {
        panic!("a walk")
    };
    assert_eq!(
        state.step.selected, 2,
        "going back offers the earlier answer first: can't check, the third row"
    );
    press(&mut app, &mut rec, "k <enter>");
    assert_eq!(current(&app), "fix_vpn", "the row above it is No");
}

#[test]

fn choice_takes_digits_and_enter() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> y 3 <enter>");
    let steps = app.walk().expect("walk").steps();
    assert_eq!(steps[2].answer, Some(Answer::Choice("firefox".into())));
}

#[test]

fn a_checklist_ticks_with_space_and_answers_with_enter() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(
        &mut app,
        &mut rec,
        "<enter> y 1 <enter> <space> j j <space> k <space> <space> <enter>",
    );
    let steps = app.walk().expect("walk").steps();
    assert_eq!(
        steps[3].answer,
        Some(Answer::Multi(vec!["prompt_loop".into(), "mfa".into()]))
    );
}

#[test]

fn an_invalid_input_is_refused_and_nothing_is_saved() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> y 1 <enter> <enter>");
    let saved = rec.saves.len();
    press(&mut app, &mut rec, "not-a-guid <enter>");
    assert_eq!(current(&app), "correlation");
    assert!(status(&app).starts_with("Not accepted"), "{}", status(&app));
    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("Expected a GUID"), "{text}");
    assert_eq!(rec.saves.len(), saved);
    // Ctrl-U clears the line (the text field's own key), then a valid GUID goes through.
    press(&mut app, &mut rec, &format!("<c-u> {GUID} <enter>"));
    assert_eq!(current(&app), "long_prompt");
}

#[test]

fn back_on_the_first_step_explains_and_changes_nothing() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<bs>");
    assert!(status(&app).contains("first step"));
    assert!(rec.saves.is_empty());
}

#[test]

fn quitting_a_walk_under_way_asks_first() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> q");
    assert_eq!(app.mode().ctx, Ctx::Ask);
    press(&mut app, &mut rec, "n");
    assert!(!app.quit);
    assert_eq!(app.mode().ctx, Ctx::Confirm);
    press(&mut app, &mut rec, "<c-c> <c-c>");
    assert!(app.quit);
    assert_eq!(rec.closes, 1);
}

#[test]

fn ctrl_c_in_the_note_editor_keeps_the_note_then_asks() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<c-n> keep <c-c>");
    assert_eq!(app.mode().ctx, Ctx::Ask);
    let note = app.walk().expect("walk").steps()[0].note.clone();
    assert_eq!(note.as_deref(), Some("keep"));
    assert_eq!(rec.saves.len(), 1);
}

#[test]

fn why_toggles_and_learn_mode_starts_with_it_shown() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    let why = "Every later question refers to the error page.";
    assert!(!screen_text(&render(&app, 80, 24)).contains(why));
    press(&mut app, &mut rec, "w");
    assert!(screen_text(&render(&app, 80, 24)).contains(why));
    let mut learner = tshoot::tui::App::new(&catalog, clock(), COLOR, true, Vec::new());
    let guide = catalog.find("tui-demo").expect("fixture").clone();
    learner.open_walk(tshoot::engine::Walk::start(guide, clock()));
    assert!(screen_text(&render(&learner, 80, 24)).contains(why));
}

#[test]

fn the_summary_restarts_only_after_confirming_and_exports() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> n e");
    assert_eq!(rec.exports, 1);
    assert_eq!(
        status(&app),
        "Reports written in /tmp/s: report.md, report.html"
    );
    press(&mut app, &mut rec, "r n");
    assert!(app.walk().expect("walk").is_finished());
    press(&mut app, &mut rec, "r y");
    assert_eq!(current(&app), "read_first");
    assert_eq!(rec.saves.last(), Some(&1));
}

#[test]

fn a_failed_export_is_shown_not_fatal() {
    let catalog = catalog();
    let mut rec = tshoot::store::NullRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> n e");
    assert!(
        status(&app).starts_with("Export failed"),
        "{}",
        status(&app)
    );
    assert!(!app.quit);
}

#[test]

fn keys_are_ignored_while_the_terminal_is_too_small_except_quit() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    app.size = (50, 10);
    press(&mut app, &mut rec, "<enter> y");
    assert_eq!(current(&app), "read_first");
    press(&mut app, &mut rec, "q");
    assert!(app.quit);
    assert_eq!(rec.closes, 1);
}

#[test]

fn n_answers_no_and_never_opens_the_note_editor() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    // The first step is an info step: `n` does nothing there.
    press(&mut app, &mut rec, "n");
    assert_eq!(app.mode().ctx, Ctx::Info);
    press(&mut app, &mut rec, "<c-n>");
    assert_eq!(app.mode().ctx, Ctx::Note, "Ctrl-N is the note key");
}

#[test]

fn ctrl_x_closes_the_note_editor_without_saving_and_backspace_in_an_empty_field_hints_at_esc() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<c-n> kept <esc>");
    assert_eq!(
        app.walk().expect("walk").steps()[0].note.as_deref(),
        Some("kept")
    );
    press(
        &mut app,
        &mut rec,
        "<c-n> <space> but <space> not <space> this <c-x>",
    );
    assert_eq!(app.mode().ctx, Ctx::Info, "the editor is closed");
    assert_eq!(
        app.walk().expect("walk").steps()[0].note.as_deref(),
        Some("kept"),
        "the note is as it was"
    );
    assert_eq!(status(&app), "Note not changed.");

    press(&mut app, &mut rec, "<enter> y <enter> <enter>");
    assert_eq!(app.mode().ctx, Ctx::Input);
    press(&mut app, &mut rec, "<bs>");
    assert_eq!(status(&app), "The field is empty. Esc goes back one step.");
    assert_eq!(app.mode().ctx, Ctx::Input, "Backspace does not go back");
}
