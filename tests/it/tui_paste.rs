//! Key-script tests of pasting and attaching evidence: an error page or a tool's output pasted in
//! the picker (finding the guide by its code, or the guide for any other code) or into a step,
//! a file attached by path, and evidence that contradicts an earlier answer.

use crate::tui_support::*;
use tshoot::engine::Answer;
use tshoot::tui::app::Screen;

const GUID: &str = "148787df-c02d-4cbe-947e-481164f67f03";

#[test]

fn a_pasted_error_page_picks_the_guide_by_its_code() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let mut rec = FakeRecorder::default();
    let page = "Sorry, but we're having trouble signing you in.\n\x1b[1mAADSTS51006\x1b[0m: \
                Integrated Windows authentication is needed.\nCorrelation Id: 1234";
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(page.into()));
    let walk = app.walk().expect("a new walk started at once");
    assert_eq!(walk.guide().id(), "aadsts51006");
    assert_eq!(walk.answered().len(), 0, "a new session, not an older one");
    assert_eq!(
        walk.evidence()[0].reading.kind,
        tshoot::evidence::Kind::ErrorPage
    );
    let _ = &mut rec;
}

#[test]

fn a_multiline_paste_keeps_its_lines_and_a_single_line_field_joins_them() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<enter> y 1 <enter> <enter>");
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(format!("{GUID}\n")));
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(
        current(&app),
        "long_prompt",
        "a pasted GUID with a newline is accepted"
    );
    press(&mut app, &mut rec, "y");
    tshoot::tui::update(
        &mut app,
        tshoot::tui::Message::Paste("one\r\ntwo\nthree".into()),
    );
    press(&mut app, &mut rec, "<a-enter> four <enter>");
    let walk = app.walk().expect("walk");
    assert!(walk.is_finished());
    let answer = walk.steps()[6].answer.clone();
    assert_eq!(answer, Some(Answer::Text("one\ntwo\nthree\nfour".into())));
}

#[test]

fn a_paste_without_a_known_code_filters_by_its_first_line_only() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let long = format!("\n  demo device {}\nsecond line", "x".repeat(200));
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(long));
    let Screen::Picker(picker) = &app.screen else {
        panic!("still on the picker")
    };
    assert!(picker.filter.starts_with("demo device"));
    assert_eq!(picker.filter.chars().count(), 60);
}

#[test]

fn a_paste_into_the_note_editor_keeps_its_lines() {
    let catalog = catalog();
    let mut rec = FakeRecorder::default();
    let mut app = demo(&catalog, COLOR);
    press(&mut app, &mut rec, "<c-n>");
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste("a\n\x1b[2Jb".into()));
    press(&mut app, &mut rec, "<esc>");
    let note = app.walk().expect("walk").steps()[0].note.clone();
    assert_eq!(note.as_deref(), Some("a\nb"));
}

const ERROR_PAGE: &str = "Sign in\nSorry, but we're having trouble signing you in.\n\nAADSTS51006: Integrated Windows authentication is needed.\n\nTroubleshooting details\nError Code: 51006\nRequest Id: 25ab1408-9854-4204-be22-719af9910400\nCorrelation Id: 148787df-c02d-4cbe-947e-481164f67f03\nTimestamp: 2026-01-09T00:38:22.547Z\nApp name: Contoso Expenses\nApp id: 04b07795-8ddb-461a-bbee-02f9e1bf7b46\nIP address: 20.236.10.66\nDevice identifier: Not available\nDevice platform: Windows 10\nDevice state: Unregistered\nFlag sign-in errors for review: Enable flagging\n";

fn input_text(app: &tshoot::tui::App) -> String {
    match &app.screen {
        Screen::Walk(w) => w.step.input_text(),
        Screen::Picker(_) => panic!("not walking"),
    }
}

#[test]

fn an_error_page_pasted_in_the_picker_fills_each_capture_question_in_turn() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let mut rec = FakeRecorder::default();
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(ERROR_PAGE.into()));
    assert!(
        status(&app).starts_with("Started 'AADSTS51006"),
        "one guide fits the page: its walk starts at once: {}",
        status(&app)
    );
    press(&mut app, &mut rec, "<enter> <enter>");
    assert_eq!(current(&app), "capture_correlation_id");
    assert_eq!(input_text(&app), GUID);
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(current(&app), "capture_request_id");
    assert_eq!(input_text(&app), "25ab1408-9854-4204-be22-719af9910400");
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(input_text(&app), "2026-01-09T00:38:22.547Z");
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(current(&app), "capture_user");
    assert_eq!(
        input_text(&app),
        "",
        "the page holds no user, so nothing is made up"
    );
    let walk = app.walk().expect("walk");
    assert_eq!(walk.steps()[1].answer, Some(Answer::Text(GUID.into())));
}

#[test]

fn an_error_page_pasted_into_a_single_line_question_takes_the_field_it_asks_for() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "51006 <enter> <enter> <enter>");
    assert_eq!(current(&app), "capture_correlation_id");
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(ERROR_PAGE.into()));
    assert_eq!(input_text(&app), GUID);
    assert!(
        status(&app).starts_with("Attached sign-in error page (")
            && status(&app).contains("It answers this question: 148787df"),
        "{}",
        status(&app)
    );
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(
        input_text(&app),
        "25ab1408-9854-4204-be22-719af9910400",
        "the rest of the page fills the next question"
    );
}

#[test]

fn a_field_filled_from_a_pasted_page_says_where_its_value_came_from() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let mut rec = FakeRecorder::default();
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(ERROR_PAGE.into()));
    press(&mut app, &mut rec, "<enter> <enter>");
    let screen = screen_text(&render(&app, 80, 24));
    assert!(
        screen.contains("Taken from the evidence")
            && screen.contains("From evidence: sign-in error page, line"),
        "{screen}"
    );
    press(
        &mut app,
        &mut rec,
        "<c-u> 148787df-c02d-4cbe-947e-481164f67f04",
    );
    let screen = screen_text(&render(&app, 80, 24));
    assert!(
        !screen.contains("Taken from the pasted"),
        "an edited value is the technician's own"
    );
}

#[test]

fn a_file_attached_by_path_answers_the_question_and_a_bad_path_says_why() {
    let catalog = catalog();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence/walks/settled.yaml");
    let loaded = tshoot::guide::read_guide_file(&path).expect("loads");
    let guide = std::sync::Arc::new(tshoot::guide::validate(loaded).expect("valid"));
    let mut app = app(&catalog, COLOR);
    app.open_walk(tshoot::engine::Walk::start(guide, clock()));
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "a /no/such/file.txt <enter>");
    let screen = screen_text(&render(&app, 80, 24));
    assert!(screen.contains("Attach evidence from a file"), "{screen}");
    assert!(
        screen.contains("/no/such/file.txt: cannot read it: there is no such"),
        "the error stays in the dialog: {screen}"
    );
    press(&mut app, &mut rec, "<c-u>");
    let page = path.with_file_name("page.txt");
    for c in page.display().to_string().chars() {
        press(&mut app, &mut rec, &c.to_string());
    }
    press(&mut app, &mut rec, "<enter>");
    assert!(app.overlay.is_none(), "the dialog closes once attached");
    assert!(
        status(&app)
            .starts_with("Attached sign-in error page (6 facts). It answers this question: Yes."),
        "{}",
        status(&app)
    );
    let walk = app.walk().expect("walk");
    assert_eq!(
        walk.evidence()[0].origin,
        "page.txt",
        "only the file name is kept"
    );
    press(&mut app, &mut rec, "<enter>");
    assert_eq!(
        current(&app),
        "corr",
        "Enter accepted the evidence's answer"
    );
}

#[test]

fn dsregcmd_pasted_in_the_picker_waits_for_a_guide_when_several_read_it_then_goes_with_it() {
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    let dsreg = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/evidence/dsregcmd/win11_hybrid_prt.txt"),
    )
    .expect("fixture");
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(dsreg));
    assert!(
        app.walk().is_none(),
        "several guides read dsregcmd facts: none is guessed"
    );
    assert!(status(&app).contains("pick the guide"), "{}", status(&app));
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "51006");
    press(&mut app, &mut rec, "<enter>");
    let walk = app.walk().expect("the picked guide started");
    assert_eq!(walk.guide().id(), "aadsts51006");
    assert_eq!(
        walk.evidence()[0].reading.kind,
        tshoot::evidence::Kind::Dsregcmd
    );
    assert!(
        walk.current_step().answer.is_none(),
        "nothing is typed into a field"
    );

    let mut app = tshoot::tui::App::new(&catalog, clock(), COLOR, false, Vec::new());
    tshoot::tui::update(
        &mut app,
        tshoot::tui::Message::Paste("printer jam on floor 3".into()),
    );
    let Screen::Picker(picker) = &app.screen else {
        panic!("text that is no evidence stays in the picker")
    };
    assert_eq!(picker.filter, "printer jam on floor 3");
    assert!(picker.pasted.is_empty());
}

#[test]

fn evidence_pasted_later_flags_the_answer_it_contradicts_in_the_history() {
    let catalog = catalog();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence/walks/settled.yaml");
    let loaded = tshoot::guide::read_guide_file(&path).expect("loads");
    let guide = std::sync::Arc::new(tshoot::guide::validate(loaded).expect("valid"));
    let mut app = app(&catalog, COLOR);
    app.open_walk(tshoot::engine::Walk::start(guide, clock()));
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "y");
    press(
        &mut app,
        &mut rec,
        &GUID
            .chars()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join(" "),
    );
    press(&mut app, &mut rec, "<enter>");
    let page = std::fs::read_to_string(path.with_file_name("page.txt"))
        .expect("page")
        .replace("51006", "50058");
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(page));
    assert!(
        status(&app).contains("It contradicts the answer at step 1"),
        "{}",
        status(&app)
    );
    press(&mut app, &mut rec, "<c-r>");
    let screen = screen_text(&render(&app, 80, 24));
    assert!(
        screen.contains("Is the error AADSTS51006? → Yes  [evidence says No]"),
        "{screen}"
    );
    assert!(
        screen.contains("[from evidence]") || screen.contains("Correlation Id → 148787df"),
        "{screen}"
    );
}

#[test]
fn an_error_page_with_a_code_no_guide_has_opens_the_intake_guide_and_typing_it_lists_that_guide() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/scenarios/aadsts-intake/evidence/error-page-700016.txt"),
    )
    .expect("fixture");
    let catalog = catalog();
    let mut app = app(&catalog, COLOR);
    tshoot::tui::update(&mut app, tshoot::tui::Message::Paste(page));
    let walk = app.walk().expect("the fallback guide started at once");
    assert_eq!(walk.guide().id(), "aadsts-intake");
    assert_eq!(walk.evidence().len(), 1, "the page is attached");

    let mut app = app_at_picker(&catalog);
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "700016");
    let items = app.picker_items();
    assert_eq!(items.len(), 1, "only the guide for any other code");
    assert!(
        matches!(&items[0], tshoot::tui::app::PickItem::Guide(e) if e.header.id == "aadsts-intake")
    );
}

fn app_at_picker(catalog: &tshoot::guide::Catalog) -> tshoot::tui::App<'_> {
    app(catalog, COLOR)
}

#[test]

fn the_picker_finds_each_bundled_guide_by_each_of_its_codes() {
    let catalog = catalog();
    let mut checked = 0;
    for entry in catalog.entries() {
        for code in &entry.header.error_codes {
            let mut app = app(&catalog, COLOR);
            let mut rec = FakeRecorder::default();
            press(&mut app, &mut rec, code);
            let items = app.picker_items();
            let ids: Vec<&str> = items
                .iter()
                .filter_map(|i| match i {
                    tshoot::tui::app::PickItem::Guide(e) => Some(e.header.id.as_str()),
                    _ => None,
                })
                .collect();
            assert_eq!(ids, [entry.header.id.as_str()], "typing {code}");
            checked += 1;
        }
    }
    assert!(checked >= 50, "{checked}");
}
