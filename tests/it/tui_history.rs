//! Key-script tests of going back and the history: back, a history jump and Esc keep every
//! later answer, note and draft, and the history overlay and map open and close without
//! changing the walk.

use crate::tui_support::*;
use tshoot::report::Summary;
use tshoot::tui::app::{Overlay, Screen};
use tshoot::tui::keymap::Ctx;

#[test]

fn the_history_title_counts_one_step_in_the_singular() {
    let catalog = catalog();
    let mut app = demo(&catalog, theme(false, true));
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "<enter>");
    press(&mut app, &mut rec, "h");
    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("History: 1 step answered "), "{text}");
}

fn step_state<'a>(app: &'a tshoot::tui::App) -> &'a tshoot::tui::app::StepState {
    match &app.screen {
        Screen::Walk(state) => &state.step,
        Screen::Picker(_) => panic!("not on a walk"),
    }
}

/// Through the fixture guide to the long prompt, a note on the browser and one where it stands.
const WALKED: &str =
    "<enter> y <c-n> Chrome <space> 120 <esc> 2 <enter> <space> j <space> <enter> \
                      148787df-c02d-4cbe-947e-481164f67f03 <enter> \
                      <c-n> asked <space> the <space> user <esc>";

#[test]

fn back_then_forward_restores_every_later_answer_and_note_with_the_earlier_answer_offered() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, WALKED);
    assert_eq!(current(&app), "long_prompt");
    let before = app.walk().expect("walk").steps().to_vec();

    // Left on a yes/no question: the correlation id is back in its field, selected, so Enter
    // keeps it and typing replaces it.
    press(&mut app, &mut rec, "<left>");
    assert_eq!(current(&app), "correlation");
    assert_eq!(
        step_state(&app).input_text(),
        "148787df-c02d-4cbe-947e-481164f67f03"
    );
    assert!(step_state(&app).input.is_selecting());
    // Esc (back on a text question) to the checklist: the two boxes ticked before are ticked.
    press(&mut app, &mut rec, "<esc>");
    assert_eq!(current(&app), "symptoms");
    assert_eq!(step_state(&app).checked, [true, true, false]);
    // Backspace to the browser: Chrome selected, its note shown, and what Enter will do said.
    press(&mut app, &mut rec, "<bs>");
    assert_eq!(current(&app), "browser");
    assert_eq!(
        step_state(&app).selected,
        1,
        "Google Chrome, answered before"
    );
    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("Answered before: Google Chrome"), "{text}");
    assert!(text.contains("Chrome 120"), "the note is shown: {text}");
    let saves = rec.saves.len();

    // Enter keeps the answer and walks on through everything kept after it.
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(current(&app), "long_prompt");
    let walk = app.walk().expect("walk");
    assert_eq!(
        walk.steps(),
        before.as_slice(),
        "every answer and note as it was"
    );
    assert_eq!(
        walk.current_step().note.as_deref(),
        Some("asked the user"),
        "the note where the walk stood is back too"
    );
    assert_eq!(rec.saves.len(), saves + 1, "saved before the next frame");
    assert!(walk.replaced().is_empty());
}

#[test]

fn a_history_jump_then_another_answer_keeps_the_old_one_as_changed() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, WALKED);
    // Jump to the VPN question: "Yes" is offered; "No" changes it and ends at the VPN fix.
    press(&mut app, &mut rec, "h <up> <up> <up> <enter>");
    assert_eq!(current(&app), "on_vpn");
    assert_eq!(step_state(&app).selected, 0, "Yes, answered before");
    press(&mut app, &mut rec, "n");
    let walk = app.walk().expect("walk");
    assert_eq!(walk.current().id, "fix_vpn");
    let summary = Summary::of(walk);
    let [changed] = summary.changed_answers.as_slice() else {
        panic!("one changed answer: {:?}", summary.changed_answers)
    };
    assert_eq!(
        (changed.old.as_str(), changed.new.as_deref()),
        ("Yes", Some("No"))
    );
    assert_eq!(changed.set_aside, 3, "browser, symptoms and correlation");
    let kept = &walk.replaced()[0].later;
    assert_eq!(kept[0].note.as_deref(), Some("Chrome 120"));
    assert_eq!(
        kept.last().and_then(|s| s.note.as_deref()),
        Some("asked the user")
    );
}

#[test]

fn the_history_overlay_opens_help_and_asks_before_quitting_as_its_footer_says() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> h");
    assert_eq!(app.mode().ctx, Ctx::History);
    press(&mut app, &mut rec, "?");
    assert_eq!(app.mode().ctx, Ctx::Help, "? opens the help");
    press(&mut app, &mut rec, "<esc> h q");
    assert_eq!(app.mode().ctx, Ctx::Ask, "q asks before quitting");
    assert!(!app.quit);
}

#[test]

fn text_typed_into_a_field_and_left_with_esc_is_kept_as_a_draft() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> y <enter> <enter>");
    assert_eq!(app.mode().ctx, Ctx::Input);
    let field = current(&app);
    press(&mut app, &mut rec, "148787df <esc>");
    assert_ne!(current(&app), field, "Esc went back");
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(current(&app), field);
    let text = match &app.screen {
        tshoot::tui::app::Screen::Walk(w) => w.step.input_text(),
        _ => String::new(),
    };
    assert_eq!(text, "148787df", "the draft is back in the field");
}

#[test]

fn the_map_and_a_question_s_details_open_and_close_without_changing_the_walk() {
    let catalog = catalog();
    let mut app = demo(&catalog, COLOR);
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "<enter> y");
    let walk = app.walk().expect("a walk");
    let (steps, revision, saves) = (walk.steps().to_vec(), walk.revision(), rec.saves.clone());

    press(&mut app, &mut rec, "m");
    assert_eq!(app.mode().ctx, Ctx::Map);
    // It opens on the current question (the third in map order: intro, on_vpn, browser).
    assert!(
        matches!(
            &app.overlay,
            Some(Overlay::Map {
                selected: 2,
                open: None,
                ..
            })
        ),
        "the map opens on where the walk is"
    );
    // Up to On VPN, its details, scrolled, closed; then the map closed.
    press(&mut app, &mut rec, "k <enter>");
    assert!(
        matches!(&app.overlay, Some(Overlay::Map { selected: 1, open: Some(id), .. }) if id == "on_vpn"),
        "Enter opens the selected question"
    );
    assert_eq!(app.mode().ctx, Ctx::MapDetails);
    press(&mut app, &mut rec, "j <pgdn> y n <esc>");
    assert!(
        matches!(&app.overlay, Some(Overlay::Map { open: None, .. })),
        "Esc closes the details first; y and n answer nothing there"
    );
    press(&mut app, &mut rec, "<esc>");
    assert!(app.overlay.is_none());

    let walk = app.walk().expect("a walk");
    assert_eq!(walk.steps(), steps.as_slice(), "no step changed");
    assert_eq!(walk.revision(), revision);
    assert_eq!(current(&app), "browser");
    assert_eq!(rec.saves, saves, "nothing to save: nothing changed");
}

#[test]

fn f2_opens_the_map_from_a_text_answer_where_m_is_typed() {
    let catalog = catalog();
    let mut app = demo(&catalog, COLOR);
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "<enter> y <enter> <enter> m");
    assert_eq!(app.mode().ctx, Ctx::Input);
    assert!(app.overlay.is_none(), "m is a letter of the answer here");
    press(&mut app, &mut rec, "<f2>");
    assert_eq!(app.mode().ctx, Ctx::Map);
    press(&mut app, &mut rec, "<esc>");
    assert_eq!(app.mode().ctx, Ctx::Input);
    assert_eq!(current(&app), "correlation");
}
