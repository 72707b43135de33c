//! Rendered-screen snapshots of every wizard screen at 80x24 and 160x48, with and without
//! `--ascii`; style checks for the selection, `NO_COLOR` and ASCII mode.

use crate::tui_support::*;
use ratatui::style::{Color, Modifier};
use tshoot::guide::Catalog;
use tshoot::tui::theme::Theme;
use tshoot::tui::{update, App, Message};

pub type Setup = for<'c> fn(&'c Catalog, Theme) -> App<'c>;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// Snapshots the screen `setup` leads to at both sizes, in Unicode and in ASCII; in ASCII mode
/// every cell must be plain ASCII.
pub fn snap(name: &str, setup: Setup) {
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

pub fn at<'c>(catalog: &'c Catalog, theme: Theme, keys: &str) -> App<'c> {
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
