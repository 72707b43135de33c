//! The real binary in a pseudo-terminal: it starts, shows the picker, reaches a question, quits
//! (after confirming) and leaves the alternate screen; every fatal signal restores the terminal
//! too, and a suspend (SIGTSTP or Ctrl-Z) restores it, stops, and after SIGCONT draws again.

use std::time::{Duration, Instant};

use crate::tui_support::pty::*;

#[test]
fn the_wizard_starts_reaches_a_question_quits_and_restores_the_terminal() {
    let mut s = Session::start();
    s.wait_for("pick a troubleshooting guide");
    assert!(
        contains(&s.bytes(), b"\x1b[?1049h"),
        "entered the alternate screen"
    );
    s.send("DEMO1234");
    s.wait_for("Guides (1)");
    s.send("\r");
    // The ticket question opens the walk; Enter with it empty goes on without one.
    s.wait_for("Which ticket is this for?");
    s.send("\r");
    s.wait_gone("Which ticket is this for?");
    s.wait_for("Open the error page the user saw");
    s.send("\r");
    s.wait_for("Is the device on the corporate network or VPN right now?");
    s.send("q");
    s.wait_for("Pause this walk and quit?");
    s.send("y");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(s.left_alternate_screen(), "never left the alternate screen");
    assert!(
        contains(&s.bytes(), b"\x1b[?2004l"),
        "bracketed paste turned off"
    );
}

/// Walks from the picker to the first question of the demo guide.
fn to_first_question(s: &mut Session) {
    s.wait_for("pick a troubleshooting guide");
    s.send("DEMO1234");
    s.wait_for("Guides (1)");
    s.send("\r");
    // The ticket question opens the walk; Enter with it empty goes on without one.
    s.wait_for("Which ticket is this for?");
    s.send("\r");
    s.wait_gone("Which ticket is this for?");
    s.wait_for("Open the error page the user saw");
    s.send("\r");
    s.wait_for("Is the device on the corporate network or VPN right now?");
}

/// `kill -NAME` leaves the main screen with the cursor shown and exits with 128 + `number`.
fn fatal_signal_restores_the_terminal(name: &str, number: u32) {
    let mut s = Session::start();
    to_first_question(&mut s);
    s.signal(name);
    let status = s.wait_exit();
    assert_eq!(
        status.exit_code(),
        128 + number,
        "exit status after SIG{name}"
    );
    s.wait_output("restored the terminal", restored);
}

#[test]
fn sigint_restores_the_terminal_and_exits_130() {
    fatal_signal_restores_the_terminal("INT", 2);
}

#[test]
fn sigquit_restores_the_terminal_and_exits_131() {
    fatal_signal_restores_the_terminal("QUIT", 3);
}

#[test]
fn sigterm_restores_the_terminal_and_exits_143() {
    fatal_signal_restores_the_terminal("TERM", 15);
}

#[test]
fn sighup_restores_the_terminal_and_exits_129() {
    fatal_signal_restores_the_terminal("HUP", 1);
}

/// After a suspend: restored and stopped; after SIGCONT: the step drawn again, and keys work.
fn suspend_and_continue(s: &mut Session, suspend: impl FnOnce(&mut Session)) {
    to_first_question(s);
    let before = s.bytes().len();
    suspend(s);
    s.wait_stopped();
    s.wait_output("restored the terminal before stopping", |b| {
        restored(&b[before..])
    });
    let stopped = s.bytes().len();
    s.signal("CONT");
    s.wait_output("entered the alternate screen again", |b| {
        contains(&b[stopped..], b"\x1b[?1049h")
    });
    let redrawn = "Is the device on the corporate network or VPN right now?";
    let start = Instant::now();
    while !s.screen_since(stopped).contains(redrawn) {
        assert!(start.elapsed() < WAIT, "the step was not drawn again");
        std::thread::sleep(Duration::from_millis(50));
    }
    s.send("y");
    s.wait_for("Which browser did the user sign in with?");
    s.send("q");
    s.wait_for("Pause this walk and quit?");
    s.send("y");
    assert!(s.wait_exit().success());
}

#[test]
fn sigtstp_restores_the_terminal_stops_and_sigcont_redraws() {
    let mut s = Session::start();
    suspend_and_continue(&mut s, |s| s.signal("TSTP"));
}

#[test]
fn ctrl_z_restores_the_terminal_stops_and_sigcont_redraws() {
    let mut s = Session::start();
    suspend_and_continue(&mut s, |s| s.send("\x1a"));
}

#[test]
fn the_ticket_typed_as_the_walk_opens_shows_in_the_header_and_quitting_before_any_answer_keeps_no_session(
) {
    let mut s = Session::start();
    s.wait_for("pick a troubleshooting guide");
    s.send("DEMO1234");
    s.wait_for("Guides (1)");
    s.send("\r");
    s.wait_for("Which ticket is this for?");
    s.send("INC-77\r");
    s.wait_gone("Which ticket is this for?");
    s.wait_for("INC-77 \u{b7} ");
    let header = s.screen().lines().next().unwrap_or_default().to_string();
    assert!(header.contains("INC-77"), "{header}");
    s.send("q");
    s.wait_for("no session is kept");
    s.send("y");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    let sessions = s.state_dir().join("sessions");
    let left: Vec<_> = std::fs::read_dir(&sessions)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// A 256-colour SGR (`ESC [ 38;5;N m` or `48;5;N`) anywhere in the output.
fn has_256_colour(bytes: &[u8]) -> bool {
    contains(bytes, b"38;5;") || contains(bytes, b"48;5;")
}

/// Box-drawing characters (U+2500 to U+257F) anywhere in the output.
fn has_box_drawing(bytes: &[u8]) -> bool {
    String::from_utf8_lossy(bytes)
        .chars()
        .any(|c| ('\u{2500}'..='\u{257f}').contains(&c))
}

/// Draws the first question on a terminal with these variables, quits, and gives all it wrote.
fn first_question_output(terminal: &[(&str, &str)]) -> Vec<u8> {
    let mut s = Session::start_with(terminal);
    to_first_question(&mut s);
    s.send("q");
    s.wait_for("quit?");
    s.send("y");
    assert!(s.wait_exit().success());
    s.bytes()
}

#[test]
fn a_colour_terminal_gets_colour_and_box_drawing() {
    // The baseline that makes the dumb-terminal test mean something.
    let bytes = first_question_output(&[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")]);
    assert!(has_256_colour(&bytes), "no colour on a colour terminal");
    assert!(
        has_box_drawing(&bytes),
        "no box drawing on a UTF-8 terminal"
    );
}

#[test]
fn term_dumb_gets_plain_lines_without_a_flag_and_no_escape_sequence_at_all() {
    // A dumb terminal cannot draw the full screen: the walk is asked in plain lines (issue 11).
    let mut s = Session::start_with(&[("TERM", "dumb"), ("LANG", "C.UTF-8")]);
    s.wait_for("Type the number or id of a guide");
    s.send("tui-demo\r");
    s.wait_for("Press Enter when it is done.");
    s.send("\r");
    s.wait_for("Is the device on the corporate network or VPN right now?");
    s.wait_for("1. Yes");
    s.send("quit\r");
    assert!(s.wait_exit().success());
    let bytes = s.bytes();
    assert!(
        !bytes.contains(&0x1b),
        "an escape sequence on TERM=dumb: {}",
        String::from_utf8_lossy(&bytes)
    );
    assert!(!has_box_drawing(&bytes), "box drawing on TERM=dumb");
}

#[test]
fn a_non_utf8_locale_gets_ascii_drawing_without_a_flag() {
    let bytes = first_question_output(&[("TERM", "xterm-256color"), ("LANG", "C")]);
    assert!(!has_box_drawing(&bytes), "box drawing under LANG=C");
}

#[test]
fn a_walk_begun_in_plain_mode_resumes_in_the_full_screen_wizard() {
    let state = tempfile::tempdir().expect("temp dir");
    let demo =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/demo.yaml");
    let out = assert_cmd::Command::cargo_bin("tshoot")
        .expect("binary")
        .env_remove("TSHOOT_STATE_DIR")
        .arg("--state-dir")
        .arg(state.path())
        .args(["--plain", "run"])
        .arg(&demo)
        .write_stdin("yes\n")
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    let id = err
        .split_whitespace()
        .skip_while(|w| *w != "session")
        .nth(1)
        .expect("the kept session is named")
        .to_string();
    let mut s = Session::start_in(
        state,
        &[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")],
        &["resume", &id],
    );
    s.wait_for("Which browser?");
    s.wait_for("Chrome");
    s.send("q");
    s.wait_for("quit?");
    s.send("y");
    assert!(s.wait_exit().success());
}

/// The text of the first OSC 52 copy in `bytes`, decoded.
fn copied_text(bytes: &[u8]) -> Option<String> {
    use base64::Engine;
    let start = b"\x1b]52;c;";
    let at = bytes.windows(start.len()).position(|w| w == start)? + start.len();
    let end = at + bytes[at..].iter().position(|&b| b == 0x07)?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&bytes[at..end])
        .ok()?;
    String::from_utf8(decoded).ok()
}

#[test]
fn the_copy_key_on_the_summary_sends_the_summary_with_osc_52() {
    let mut s = Session::start();
    to_first_question(&mut s);
    s.send("n");
    s.wait_for("Connect to the VPN");
    let before = s.bytes().len();
    s.send("c");
    s.wait_for("Sent the summary");
    s.wait_output("sent an OSC 52 copy", |b| {
        copied_text(&b[before..]).is_some()
    });
    let text = copied_text(&s.bytes()[before..]).expect("a copy");
    assert!(text.contains("Resolution: Connect to the VPN"), "{text}");
    assert!(text.contains("Path taken:"), "{text}");
    assert!(
        text.contains("On VPN -> No"),
        "short titles in the path: {text}"
    );
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_reference_on_the_summary_is_a_clickable_osc_8_link() {
    let mut s = Session::start();
    to_first_question(&mut s);
    s.send("y");
    s.wait_for("Which browser did the user sign in with?");
    s.send("2\r");
    s.wait_for("What else does the user see?");
    s.send(" \r");
    s.wait_for("Copy the correlation ID from the error page.");
    s.send("148787df-c02d-4cbe-947e-481164f67f03\r");
    s.wait_for("step 6");
    s.send("y");
    s.wait_for("step 7");
    s.send("\r");
    s.wait_for("Adjust the sign-in policy");
    let url = "https://learn.microsoft.com/entra/identity/";
    let link = format!("\x1b]8;;{url}\x1b\\{url}\x1b]8;;\x1b\\");
    s.wait_output("linked the reference", |b| contains(b, link.as_bytes()));
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn the_first_frame_is_written_whole_row_after_row_not_cell_by_cell() {
    let mut s = Session::start();
    s.wait_for("quit");
    let bytes = s.bytes();
    // Cursor moves in the first frame: one a row (and a few for the cursor and the screen
    // switch), not one for every blank run between texts (some 190 before).
    let moves = bytes
        .windows(2)
        .enumerate()
        .filter(|(_, w)| w == b"\x1b[")
        .filter(|(i, _)| {
            let rest = &bytes[i + 2..];
            let end = rest
                .iter()
                .position(|b| b.is_ascii_alphabetic())
                .unwrap_or(rest.len());
            rest.get(end) == Some(&b'H')
        })
        .count();
    assert!(moves <= 30, "{moves} cursor moves in the first frame");
    // And the screen is what it should be.
    assert!(s.screen().contains("Guides ("), "{}", s.screen());
    s.send("\x03");
    s.wait_exit();
}
