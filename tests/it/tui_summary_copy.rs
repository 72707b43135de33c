//! The summary screen: it redacts exactly as the reports do, and its copy key sends the summary
//! through OSC 52 where the terminal can take it, or exports and says where otherwise.

use crate::tui_support::*;
use time::OffsetDateTime;
use tshoot::engine::{Answer, Step, Walk};
use tshoot::tui::osc::TermInfo;
use tshoot::tui::App;

fn step(node: &str, answer: Option<Answer>, note: Option<&str>) -> Step {
    Step {
        node: node.into(),
        answer,
        note: note.map(str::to_string),
        entered_at: OffsetDateTime::UNIX_EPOCH,
        answered_at: None,
        evidence: None,
        skipped: None,
        kept: Vec::new(),
    }
}

/// The demo guide at its "Connect to the VPN" resolution, rebuilt from recorded steps (as a
/// resume does), with a raw secret in a note that an older tshoot kept as typed.
fn at_summary(catalog: &tshoot::guide::Catalog) -> App<'_> {
    let guide = catalog.find("tui-demo").expect("fixture guide").clone();
    let steps = [
        step("read_first", Some(Answer::Continue), None),
        step(
            "on_vpn",
            Some(Answer::No),
            Some("user sent password=Hunter2secret\nand a second line"),
        ),
        step("fix_vpn", None, None),
    ];
    let replay = Walk::replay(guide, clock(), &steps, &[]);
    assert_eq!(replay.stopped, None);
    assert!(replay.walk.is_finished());
    let mut app = app(catalog, COLOR);
    app.open_walk(replay.walk);
    app
}

#[test]
fn the_summary_screen_redacts_a_secret_as_the_reports_do() {
    let catalog = catalog();
    let app = at_summary(&catalog);
    let screen = rows(&render(&app, 110, 60)).join("\n");
    assert!(screen.contains("Connect to the VPN"), "{screen}");
    assert!(!screen.contains("Hunter2secret"), "{screen}");
    assert!(screen.contains("password=[redacted: secret]"), "{screen}");
    assert!(
        screen.contains("and a second line"),
        "note lines kept: {screen}"
    );
}

#[test]
fn the_copy_key_sends_the_redacted_summary_through_osc_52() {
    let catalog = catalog();
    let mut app = at_summary(&catalog);
    app.term = TermInfo {
        term: Some("xterm-256color".into()),
        tmux: false,
    };
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "c");
    assert_eq!(app.to_terminal.len(), 1);
    let sequence = &app.to_terminal[0];
    let payload = sequence
        .strip_prefix("\x1b]52;c;")
        .and_then(|s| s.strip_suffix('\x07'))
        .expect("an OSC 52 copy");
    use base64::Engine;
    let text = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(payload)
            .expect("base64"),
    )
    .expect("utf-8");
    assert!(text.contains("Resolution: Connect to the VPN"), "{text}");
    assert!(!text.contains("Hunter2secret"), "{text}");
    // No terminal says whether it took the copy, so the files are written and named too.
    assert_eq!(rec.exports, 1);
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.starts_with("Sent the summary as plain text to the clipboard")
            && status.contains("If nothing was copied, the files are there"),
        "{status}"
    );
}

#[test]
fn where_the_terminal_cannot_take_a_copy_the_reports_are_exported_and_named() {
    let catalog = catalog();
    let mut app = at_summary(&catalog);
    app.term = TermInfo {
        term: Some("dumb".into()),
        tmux: false,
    };
    let mut rec = FakeRecorder::default();
    press(&mut app, &mut rec, "c");
    assert!(app.to_terminal.is_empty());
    assert_eq!(rec.exports, 1);
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.starts_with("Cannot copy: this terminal cannot take a copy."),
        "{status}"
    );
    assert!(status.contains("/tmp/s"), "{status}");
}
