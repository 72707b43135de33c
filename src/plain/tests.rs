//! The plain walk driven by a scripted input, its output read back: no terminal involved.

use std::io::Cursor;
use std::sync::Arc;

use super::{Ending, Options, Plain};
use crate::engine::{Answer, StepClock, Walk};
use crate::guide::{load, validate};
use crate::store::NullRecorder;

const DEMO: &str = include_str!("../../tests/fixtures/valid/demo.yaml");

fn walk() -> Walk {
    let guide = validate(load("demo.yaml", DEMO.as_bytes()).expect("loads")).expect("valid");
    Walk::start(Arc::new(guide), Arc::new(StepClock::new(0, 1)))
}

/// Runs the plain walk over `script` with `options`; gives the ending, the walk, what was
/// written and how many saves the recorder saw.
fn drive_with(script: &str, options: Options) -> (Ending, Walk, String, usize) {
    let mut walk = walk();
    let mut recorder = NullRecorder::default();
    let mut plain = Plain::new(
        Cursor::new(script.as_bytes().to_vec()),
        Vec::new(),
        &mut recorder,
        options,
    );
    let ending = plain.walk(&mut walk).expect("writing to memory works");
    let out = String::from_utf8(plain.into_output()).expect("output is UTF-8");
    let saves = recorder.saves;
    (ending, walk, out, saves)
}

fn drive(script: &str) -> (Ending, Walk, String, usize) {
    drive_with(script, Options::default())
}

fn answers(walk: &Walk) -> Vec<Answer> {
    walk.answered()
        .iter()
        .filter_map(|s| s.answer.clone())
        .collect()
}

#[test]
fn a_question_is_printed_with_its_section_and_numbered_choices() {
    let (ending, _, out, saves) = drive("");
    assert_eq!(ending, Ending::EndOfInput);
    assert_eq!(saves, 0, "nothing answered, nothing saved");
    let expected = "Step 1. Network\nOn VPN?\n1. Yes\n2. No\n3. Can't check / don't know\n";
    assert!(out.contains(expected), "{out}");
    assert!(out.ends_with("> "), "a prompt line waits: {out:?}");
    assert!(!out.contains('\u{1b}'), "no escape sequence: {out:?}");
}

#[test]
fn numbers_and_words_answer_each_kind_of_question_and_each_answer_is_saved() {
    let (ending, walk, out, saves) = drive("1\nchrome\n2, 1\nuser@contoso.com\n\n");
    assert_eq!(ending, Ending::Finished);
    assert_eq!(
        answers(&walk),
        vec![
            Answer::Yes,
            Answer::Choice("chrome".into()),
            Answer::Multi(vec!["a".into(), "b".into()]),
        ]
    );
    assert_eq!(saves, 3, "one save per answer");
    assert!(out.contains("Resolution: Connect VPN"), "{out}");
    let (_, walk, _, _) = drive("y\nEdge\nnone\nuser@contoso.com\n");
    assert_eq!(
        answers(&walk),
        vec![
            Answer::Yes,
            Answer::Choice("edge".into()),
            Answer::Multi(vec![]),
            Answer::Text("user@contoso.com".into()),
        ]
    );
    let (_, walk, _, _) = drive("unsure\n");
    assert_eq!(answers(&walk), vec![Answer::Unsure]);
}

#[test]
fn a_reply_that_does_not_fit_says_what_is_expected_and_asks_again() {
    let (_, walk, out, _) = drive("maybe\n7\nyes\n");
    assert!(
        out.contains(
            "'maybe' is not an answer here; type a number from the list, yes, no, or unsure"
        ),
        "{out}"
    );
    assert!(out.contains("'7' is not an answer here"), "{out}");
    assert_eq!(
        out.matches("On VPN?").count(),
        3,
        "asked again each time: {out}"
    );
    assert_eq!(answers(&walk), vec![Answer::Yes]);
}

#[test]
fn input_is_checked_by_the_guide_and_a_bad_value_is_asked_again() {
    let (_, walk, out, saves) = drive("yes\nedge\nnone\nnot an upn\nuser@contoso.com\n");
    assert!(out.contains("Not accepted:"), "{out}");
    assert_eq!(out.matches("UPN?\n").count(), 2, "{out}");
    assert!(walk.is_finished());
    assert_eq!(saves, 4);
}

#[test]
fn back_goes_to_the_previous_question_and_enter_keeps_its_answer() {
    let (_, walk, out, saves) = drive("back\nyes\nback\n\n");
    assert!(
        out.contains("This is the first question; there is nothing to go back to."),
        "{out}"
    );
    assert!(
        out.contains("Answered before: Yes. Press Enter to keep it."),
        "{out}"
    );
    assert_eq!(walk.current().id, "browser");
    assert_eq!(saves, 3, "the answer, the back, the kept answer");
}

#[test]
fn a_note_is_kept_on_the_current_question_and_shown() {
    let (_, walk, out, _) = drive("note checked the tray icon\nnote\nyes\n");
    assert!(out.contains("Note saved on step 1."), "{out}");
    assert!(
        out.contains("Your note on step 1: checked the tray icon"),
        "{out}"
    );
    assert_eq!(
        walk.steps()[0].note.as_deref(),
        Some("checked the tray icon")
    );
}

#[test]
fn why_how_history_map_and_help_print_without_answering() {
    let (_, walk, out, _) = drive("why\nhow\nyes\nhistory\nmap\nhelp\n");
    assert!(out.contains("Why we ask: because"), "{out}");
    assert!(out.contains("How to check: look"), "{out}");
    assert!(out.contains("Answered so far:\n1. On VPN?: Yes\n"), "{out}");
    // The same outline as the wizard's map and `tshoot map`.
    assert!(
        out.contains("* On VPN?\n    * yes -> Which browser?\n"),
        "{out}"
    );
    assert!(out.contains("> Which browser?"), "{out}");
    assert!(out.contains("- no => [resolved] Connect VPN"), "{out}");
    assert!(out.contains("  back "), "help lists back: {out}");
    assert!(out.contains("  quit "), "help lists quit: {out}");
    assert_eq!(walk.current().id, "browser", "only 'yes' answered");
}

#[test]
fn learn_prints_why_with_each_question() {
    let (_, _, out, _) = drive_with(
        "",
        Options {
            learn: true,
            ascii: false,
        },
    );
    assert!(out.contains("Why we ask: because"), "{out}");
}

#[test]
fn quit_stops_and_keeps_what_was_answered() {
    let (ending, walk, out, _) = drive("yes\nquit\nno\n");
    assert_eq!(ending, Ending::Quit);
    assert_eq!(answers(&walk), vec![Answer::Yes], "nothing read after quit");
    assert!(out.contains("Stopped"), "{out}");
}

#[test]
fn the_end_of_the_input_ends_the_walk_where_it_is() {
    let (ending, walk, _, saves) = drive("yes\nedge");
    assert_eq!(ending, Ending::EndOfInput);
    let (ending, _, out, _) = drive("no\n");
    assert_eq!(
        ending,
        Ending::Finished,
        "a script may end on the resolution"
    );
    assert!(out.contains("Resolution: Connect VPN"), "{out}");
    assert_eq!(
        walk.current().id,
        "checks",
        "a last line without a newline counts"
    );
    assert_eq!(saves, 2);
}

#[test]
fn answer_gives_a_command_word_as_the_answer() {
    let (_, walk, _, _) = drive("yes\nedge\nnone\nanswer help\n");
    assert_eq!(walk.current().id, "upn", "'help' is not a UPN: asked again");
    let (_, walk, _, _) = drive("answer yes\n");
    assert_eq!(answers(&walk), vec![Answer::Yes]);
}

#[test]
fn escape_sequences_typed_or_pasted_never_reach_the_output() {
    let (_, walk, out, _) = drive("note \u{1b}[31mred\u{1b}[0m\nnote\n\u{1b}[2Jyes\n");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert_eq!(walk.steps()[0].note.as_deref(), Some("red"));
}

#[test]
fn bytes_that_are_not_utf8_are_a_reply_that_does_not_fit_not_a_failure() {
    let mut walk = walk();
    let mut recorder = NullRecorder::default();
    let mut plain = Plain::new(
        Cursor::new(b"\xff\xfe\nyes\n".to_vec()),
        Vec::new(),
        &mut recorder,
        Options::default(),
    );
    assert_eq!(
        plain.walk(&mut walk).expect("no I/O error"),
        Ending::EndOfInput
    );
    assert_eq!(answers(&walk), vec![Answer::Yes]);
}

#[test]
fn pasted_text_that_is_no_evidence_attaches_nothing() {
    let (_, walk, out, _) = drive("paste\nhello there\n.\nyes\n");
    assert!(
        out.contains("Nothing attached: not recognised as evidence"),
        "{out}"
    );
    assert!(walk.evidence().is_empty());
    assert_eq!(answers(&walk), vec![Answer::Yes], "the walk goes on");
}

#[test]
fn pasted_evidence_up_to_a_dot_is_attached_and_saved() {
    let script = "paste\nC:\\Users\\AliceSmith>whoami\nazuread\\alicesmith\n\nC:\\Users\\AliceSmith>whoami /upn\nalice@contoso.com\n.\nyes\n";
    let (_, walk, out, saves) = drive(script);
    assert!(out.contains("Attached "), "{out}");
    assert_eq!(walk.evidence().len(), 1);
    assert_eq!(walk.evidence()[0].origin, "pasted");
    assert_eq!(saves, 2, "the attachment, then the answer");
    assert_eq!(answers(&walk), vec![Answer::Yes]);
}

#[test]
fn the_plain_picker_numbers_the_guides_and_takes_a_number_or_an_id() {
    let catalog = crate::guide::Catalog::load(&[]);
    let first = catalog.entries()[0].header.id.clone();
    let mut out = Vec::new();
    let picked = super::pick_guide(&catalog, &mut Cursor::new(b"0\n1\n".to_vec()), &mut out)
        .expect("writing to memory works")
        .expect("a guide is picked");
    assert_eq!(picked.id(), first);
    let out = String::from_utf8(out).expect("UTF-8");
    assert!(
        out.contains(&format!(
            "1. {} ({first})",
            catalog.entries()[0].header.title
        )),
        "{out}"
    );
    assert!(out.contains("'0' is not a guide here"), "{out}");
    let typed = format!("{first}\n");
    let by_id = super::pick_guide(
        &catalog,
        &mut Cursor::new(typed.into_bytes()),
        &mut Vec::new(),
    )
    .expect("writing to memory works");
    assert_eq!(by_id.map(|g| g.id().to_string()), Some(first));
    let ended = super::pick_guide(&catalog, &mut Cursor::new(Vec::new()), &mut Vec::new())
        .expect("writing to memory works");
    assert!(ended.is_none(), "the end of the input picks nothing");
}
