//! Rendered-screen snapshots of every wizard screen at 80x24 and 160x48, with and without
//! `--ascii`; style checks for the selection, `NO_COLOR` and ASCII mode.

use crate::tui_support::*;
use ratatui::style::{Color, Modifier};
use tshoot::guide::Catalog;
use tshoot::tui::theme::Theme;
use tshoot::tui::{update, App, Message};

type Setup = for<'c> fn(&'c Catalog, Theme) -> App<'c>;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// Snapshots the screen `setup` leads to at both sizes, in Unicode and in ASCII; in ASCII mode
/// every cell must be plain ASCII.
fn snap(name: &str, setup: Setup) {
    let catalog = catalog();
    for ascii in [false, true] {
        for (w, h) in SIZES {
            let mut app = setup(&catalog, theme(ascii, true));
            app.size = (w, h);
            let terminal = render(&app, w, h);
            let suffix = if ascii { "_ascii" } else { "" };
            insta::assert_snapshot!(format!("{name}_{w}x{h}{suffix}"), terminal.backend());
            if ascii {
                let text = screen_text(&terminal);
                assert!(
                    text.is_ascii(),
                    "{name} at {w}x{h} has non-ASCII cells:\n{text}"
                );
            }
        }
    }
}

fn at<'c>(catalog: &'c Catalog, theme: Theme, keys: &str) -> App<'c> {
    let mut app = demo(catalog, theme);
    press(&mut app, &mut FakeRecorder::default(), keys);
    app
}

fn picker_filtered<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = app(catalog, theme);
    app.sessions = vec![listing(
        "tui-demo",
        "DEMO1234: Sign-in fails on a demo device",
    )];
    press(&mut app, &mut FakeRecorder::default(), "1234");
    app
}

fn picker_no_match<'c>(catalog: &'c Catalog, theme: Theme) -> App<'c> {
    let mut app = app(catalog, theme);
    press(&mut app, &mut FakeRecorder::default(), "zzz");
    app
}

fn info<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "")
}
fn confirm<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter>")
}
fn confirm_with_why<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> w")
}
fn choice<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y j")
}
fn multi<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y <enter> <space> j j <space>")
}
fn input_empty<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y <enter> <enter>")
}
fn input_error<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y <enter> <enter> not-a-guid <enter>")
}
fn input_valid<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(
        c,
        t,
        "<enter> y <enter> <enter> 148787df-c02d-4cbe-947e-481164f67f03",
    )
}
fn long_prompt<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y <enter> <enter> <c-d>")
}
fn multiline_paste<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    let mut app = at(c, t, "<enter> y <enter> <enter> <c-d> y");
    update(
        &mut app,
        Message::Paste(
            "Event 1098: error\n\x1b[31mtoken broker\x1b[0m failed\nCode 0xCAA2000C".into(),
        ),
    );
    app
}
fn note_editor<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(
        c,
        t,
        "<enter> y <c-n> checked <space> with <space> the <space> user",
    )
}
fn history<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y 2 <enter> <space> <enter> <c-d> h <up>")
}
/// Chrome answered, back to the browser, Edge instead: the history marks the change.
fn history_changed<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y 2 <enter> <bs> 1 <enter> h")
}
/// Back from the correlation id to the browser: Chrome offered, with what Enter keeps.
fn step_revisited<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(
        c,
        t,
        "<enter> y <c-n> Chrome <space> 120 <esc> 2 <enter> <space> <enter> <esc> <bs>",
    )
}
fn help<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y ?")
}
fn quit_confirm<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> q")
}
fn summary<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(
        c,
        t,
        "<enter> y 2 <enter> <space> <enter> 148787df-c02d-4cbe-947e-481164f67f03 <enter> \
         y <c-n> asked <space> the <space> user <esc> <enter>",
    )
}
/// The summary in learn mode, scrolled to the path: each step says what its answer showed.
fn summary_learning<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    let mut app = summary(c, t);
    app.show_why = true;
    press(&mut app, &mut FakeRecorder::default(), "<pgdn> <pgdn>");
    app
}
fn summary_scrolled<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    let mut app = summary(c, t);
    press(&mut app, &mut FakeRecorder::default(), "<pgdn>");
    app
}
fn summary_workaround<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> n")
}
fn restart_confirm<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> n r")
}

#[test]
fn picker_screens() {
    snap("picker_filtered", picker_filtered);
    snap("picker_no_match", picker_no_match);
}

#[test]
fn step_screens_of_every_kind() {
    snap("step_info", info);
    snap("step_confirm", confirm);
    snap("step_confirm_with_why", confirm_with_why);
    snap("step_choice", choice);
    snap("step_multi", multi);
    snap("step_input_empty", input_empty);
    snap("step_input_error", input_error);
    snap("step_input_valid", input_valid);
    snap("step_long_prompt", long_prompt);
    snap("step_multiline_paste", multiline_paste);
    snap("step_revisited", step_revisited);
}

#[test]
fn overlays() {
    snap("note_editor", note_editor);
    snap("history", history);
    snap("history_changed", history_changed);
    snap("help", help);
    snap("quit_confirm", quit_confirm);
    snap("restart_confirm", restart_confirm);
}

// The map after the intro and a yes: the choice question is where the walk is.
fn map<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y m")
}
fn map_details<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> y m k <enter>")
}
fn map_on_the_summary<'c>(c: &'c Catalog, t: Theme) -> App<'c> {
    at(c, t, "<enter> n m")
}

#[test]
fn map_overlay_marks_the_walked_path() {
    snap("map", map);
    snap("map_details", map_details);
    snap("map_on_the_summary", map_on_the_summary);
}

#[test]
fn summary_screens() {
    snap("summary", summary);
    snap("summary_learning", summary_learning);
    snap("summary_scrolled", summary_scrolled);
    snap("summary_workaround", summary_workaround);
}

#[test]
fn too_small_says_how_big_the_terminal_must_be() {
    let catalog = catalog();
    for ascii in [false, true] {
        let mut app = confirm(&catalog, theme(ascii, true));
        app.size = (60, 16);
        let terminal = render(&app, 60, 16);
        let suffix = if ascii { "_ascii" } else { "" };
        insta::assert_snapshot!(format!("too_small_60x16{suffix}"), terminal.backend());
        assert!(screen_text(&terminal).contains("at least 70x20"));
    }
}

#[test]
fn the_selected_answer_is_highlighted_with_colour_or_reverse_video() {
    let catalog = catalog();
    for color in [true, false] {
        let app = choice(&catalog, theme(false, color));
        let terminal = render(&app, 80, 24);
        let rows = rows(&terminal);
        let y = rows
            .iter()
            .position(|r| r.contains("2. Google Chrome"))
            .expect("second option shown") as u16;
        let x = rows[y as usize].find('2').expect("number") as u16;
        // Column index in cells: the sidebar holds only ASCII and box drawing (one cell each).
        let x = rows[y as usize][..x as usize].chars().count() as u16;
        let style = terminal.backend().buffer()[(x, y)].style();
        if color {
            assert_eq!(style.bg, Some(Color::Cyan));
        } else {
            assert!(style.add_modifier.contains(Modifier::REVERSED));
        }
        let other = rows
            .iter()
            .position(|r| r.contains("1. Microsoft Edge"))
            .expect("first");
        let style = terminal.backend().buffer()[(x, other as u16)].style();
        assert!(!style.add_modifier.contains(Modifier::REVERSED));
        assert_ne!(style.bg, Some(Color::Cyan));
    }
}

#[test]
fn the_map_highlights_the_selected_question_and_moves_the_highlight_with_j() {
    let catalog = catalog();
    let cell_style = |app: &App, needle: &str| {
        let terminal = render(app, 80, 24);
        let rows = rows(&terminal);
        let y = rows
            .iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle} shown:\n{}", rows.join("\n")));
        let x = rows[y].find(needle).unwrap_or(0);
        // Past the frame's border: the cell where the row's text starts.
        let x = rows[y][..x].chars().count() as u16 + 1;
        terminal.backend().buffer()[(x, y as u16)].style()
    };
    let reversed = |style: ratatui::style::Style| style.add_modifier.contains(Modifier::REVERSED);
    let mut app = map(&catalog, theme(false, false));
    assert!(
        reversed(cell_style(&app, "│> Browser")),
        "opens on where the walk is"
    );
    assert!(!reversed(cell_style(&app, "│  Symptoms")));
    press(&mut app, &mut FakeRecorder::default(), "j");
    assert!(!reversed(cell_style(&app, "│  Correlation ID")));
    assert!(
        reversed(cell_style(&app, "│  Symptoms")),
        "j selects the next question"
    );
}

#[test]
fn no_color_means_no_colour_in_any_cell_of_any_screen() {
    let catalog = catalog();
    let screens: [Setup; 12] = [
        picker_filtered,
        info,
        confirm_with_why,
        choice,
        multi,
        input_error,
        input_valid,
        note_editor,
        history,
        help,
        quit_confirm,
        summary,
    ];
    for setup in screens {
        let app = setup(&catalog, theme(false, false));
        let terminal = render(&app, 80, 24);
        for cell in terminal.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset, "{:?}", screen_text(&terminal));
            assert_eq!(cell.bg, Color::Reset, "{:?}", screen_text(&terminal));
        }
    }
}

#[test]
fn section_markers_show_progress_without_colour() {
    let catalog = catalog();
    let app = long_prompt(&catalog, theme(true, false));
    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("[x] Getting started"), "{text}");
    assert!(text.contains("[x] Network"), "{text}");
    assert!(text.contains("[!] Error details"), "{text}");
    assert!(text.contains("[>] Device state"), "{text}");
}

#[test]
fn control_sequences_in_pasted_text_never_reach_the_screen() {
    let catalog = catalog();
    let app = multiline_paste(&catalog, COLOR);
    let text = screen_text(&render(&app, 80, 24));
    assert!(text.contains("token broker failed"), "{text}");
    assert!(!text.contains('\x1b'));
    assert!(!text.contains("[31m"));
}

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
