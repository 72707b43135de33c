//! The pure functions over the one table in [`super::bindings`]: from a key press to a message, and
//! the footer hints and help rows, so that keys, footer and help cannot disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::bindings::{Binding, BINDINGS};
// `app.rs`, `update.rs` and the key tests still name these through `keymap`.
pub use super::bindings::{Ctx, Key, KeyAction, Mode, When};

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Act(KeyAction),
    /// Moves by rows (negative: up).
    Move(i32),
    /// Moves by pages (negative: up).
    Scroll(i32),
    /// Zero-based row picked with a digit.
    Pick(usize),
    Edit(KeyEvent),
    Paste(String),
    Resize(u16, u16),
}

use Key::{Alt, Char, Code, Ctrl, Digit, Text};

impl Key {
    fn matches(self, key: &KeyEvent) -> bool {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match self {
            Char(c) => !ctrl && !alt && key.code == KeyCode::Char(c),
            Ctrl(c) => ctrl && !alt && key.code == KeyCode::Char(c),
            Code(code) => !ctrl && !alt && key.code == code,
            Alt(code) => alt && key.code == code,
            Digit => !ctrl && !alt && matches!(key.code, KeyCode::Char('1'..='9')),
            Text => !matches!(
                key.code,
                KeyCode::Esc | KeyCode::F(_) | KeyCode::PageUp | KeyCode::PageDown | KeyCode::Null
            ),
        }
    }

    /// How the help overlay names the key.
    pub fn long(self) -> String {
        match self {
            Char(' ') => "Space".into(),
            Char(c) => c.to_string(),
            Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Code(code) => code_name(code),
            Alt(code) => format!("Alt-{}", code_name(code)),
            Digit => "1-9".into(),
            Text => "typing".into(),
        }
    }

    /// How the footer names the key.
    pub fn short(self) -> String {
        match self {
            Ctrl(c) => format!("^{}", c.to_ascii_uppercase()),
            Code(KeyCode::Backspace) => "Bksp".into(),
            other => other.long(),
        }
    }
}

fn code_name(code: KeyCode) -> String {
    match code {
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    }
}

impl Binding {
    fn active(&self, mode: Mode) -> bool {
        self.ctx.contains(&mode.ctx)
            && match self.when {
                When::Always => true,
                When::Unsure => mode.unsure,
                When::Multiline => mode.multiline,
                When::OnSession => mode.on_session,
                When::OnGuide => !mode.on_session,
            }
    }

    /// The keys as the footer shows them: the binding's label, else its first key.
    pub fn footer_keys(&self) -> String {
        match self.footer {
            Some(label) => label.into(),
            None => self.keys.first().map(|k| k.short()).unwrap_or_default(),
        }
    }

    pub fn help_keys(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.long())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The bindings that work in `mode`, in table order.
pub fn active(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.active(mode))
}

/// The message a key press means in `mode`, or `None` when the key does nothing there.
pub fn keymap(mode: Mode, key: KeyEvent) -> Option<Message> {
    let binding = active(mode).find(|b| b.keys.iter().any(|k| k.matches(&key)))?;
    let down = matches!(
        key.code,
        KeyCode::Down | KeyCode::PageDown | KeyCode::Char('j' | ' ')
    );
    let step = if down { 1 } else { -1 };
    Some(match binding.action {
        KeyAction::Move => Message::Move(step),
        KeyAction::Scroll => Message::Scroll(step),
        KeyAction::Pick => match key.code {
            KeyCode::Char(c) => Message::Pick(c.to_digit(10).map_or(0, |d| d as usize - 1)),
            _ => return None,
        },
        KeyAction::Edit => Message::Edit(key),
        other => Message::Act(other),
    })
}

/// `(keys, what they do)` for the footer of `mode`, in priority order.
pub fn hints(mode: Mode) -> Vec<(String, &'static str)> {
    active(mode)
        .filter_map(|b| b.hint.map(|h| (b.footer_keys(), h)))
        .collect()
}

/// `(keys, what they do)` for every binding of `mode`, for the help overlay.
pub fn help_rows(mode: Mode) -> Vec<(String, &'static str)> {
    active(mode).map(|b| (b.help_keys(), b.help)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Ctx::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn n_only_ever_means_no_and_ctrl_n_is_the_note_key_on_every_step() {
        let n = press(KeyCode::Char('n'));
        assert_eq!(
            keymap(Mode::new(Confirm), n),
            Some(Message::Act(KeyAction::No))
        );
        for ctx in [Info, Choice, Multi, Summary, History] {
            assert_eq!(keymap(Mode::new(ctx), n), None, "{ctx:?}");
        }
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        for ctx in [Info, Confirm, Choice, Multi, Input, Summary, History] {
            assert_eq!(
                keymap(Mode::new(ctx), ctrl_n),
                Some(Message::Act(KeyAction::Note)),
                "{ctx:?}"
            );
        }
    }

    #[test]
    fn letters_type_into_text_fields() {
        let q = press(KeyCode::Char('q'));
        assert_eq!(keymap(Mode::new(Input), q), Some(Message::Edit(q)));
        assert_eq!(keymap(Mode::new(Picker), q), Some(Message::Edit(q)));
        assert_eq!(
            keymap(Mode::new(Choice), q),
            Some(Message::Act(KeyAction::Quit))
        );
    }

    #[test]
    fn cant_check_is_only_offered_when_the_step_offers_it() {
        let u = press(KeyCode::Char('u'));
        assert_eq!(keymap(Mode::new(Confirm), u), None);
        let mode = Mode {
            unsure: true,
            ..Mode::new(Confirm)
        };
        assert_eq!(keymap(mode, u), Some(Message::Act(KeyAction::Unsure)));
        assert!(hints(mode).iter().any(|(_, h)| *h == "can't check"));
        assert!(!hints(Mode::new(Confirm))
            .iter()
            .any(|(_, h)| *h == "can't check"));
    }

    #[test]
    fn digits_pick_rows_and_arrows_carry_a_direction() {
        let mode = Mode::new(Choice);
        assert_eq!(
            keymap(mode, press(KeyCode::Char('3'))),
            Some(Message::Pick(2))
        );
        assert_eq!(
            keymap(mode, press(KeyCode::Char('j'))),
            Some(Message::Move(1))
        );
        assert_eq!(keymap(mode, press(KeyCode::Up)), Some(Message::Move(-1)));
    }

    #[test]
    fn every_context_has_a_way_out_and_a_footer() {
        for ctx in [
            Picker, Info, Confirm, Choice, Multi, Input, Summary, History, Map, MapDetails, Note,
            Who, Discard, Help, Ask, TooSmall,
        ] {
            let mode = Mode::new(ctx);
            assert!(!hints(mode).is_empty(), "{ctx:?} has no footer");
            assert!(
                active(mode).any(|b| matches!(
                    b.action,
                    KeyAction::Quit | KeyAction::QuitNow | KeyAction::Close | KeyAction::ConfirmNo
                )),
                "{ctx:?} has no way out"
            );
        }
    }

    #[test]
    fn every_listed_key_does_what_the_help_says() {
        for binding in BINDINGS {
            for &ctx in binding.ctx {
                let mode = Mode {
                    ctx,
                    unsure: true,
                    multiline: true,
                    on_session: binding.when == When::OnSession,
                };
                for key in binding.keys {
                    let event = match *key {
                        Char(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                        Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
                        Code(code) => KeyEvent::new(code, KeyModifiers::NONE),
                        Alt(code) => KeyEvent::new(code, KeyModifiers::ALT),
                        Digit => KeyEvent::new(KeyCode::Char('5'), KeyModifiers::NONE),
                        Text => continue,
                    };
                    let got = keymap(mode, event);
                    let expected = match binding.action {
                        KeyAction::Move => matches!(got, Some(Message::Move(_))),
                        KeyAction::Scroll => matches!(got, Some(Message::Scroll(_))),
                        KeyAction::Pick => got == Some(Message::Pick(4)),
                        action => got == Some(Message::Act(action)),
                    };
                    assert!(
                        expected,
                        "{ctx:?} {key:?}: expected {:?}, got {got:?}",
                        binding.action
                    );
                }
            }
        }
    }

    #[test]
    fn enter_in_the_picker_says_resume_on_a_session_and_start_on_a_guide() {
        let on_session = Mode {
            on_session: true,
            ..Mode::new(Picker)
        };
        assert!(hints(on_session).contains(&("Enter".to_string(), "resume")));
        assert!(hints(Mode::new(Picker)).contains(&("Enter".to_string(), "start")));
        assert_eq!(
            keymap(on_session, press(KeyCode::Delete)),
            Some(Message::Act(KeyAction::DiscardSession))
        );
        assert_eq!(
            keymap(Mode::new(Picker), press(KeyCode::Delete)),
            Some(Message::Edit(press(KeyCode::Delete)))
        );
    }

    #[test]
    fn ctrl_z_suspends_on_every_screen_even_in_text_fields() {
        let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        for ctx in [
            Picker, Info, Confirm, Choice, Multi, Input, Summary, History, Map, MapDetails, Note,
            Who, Discard, Help, Ask, TooSmall,
        ] {
            assert_eq!(
                keymap(Mode::new(ctx), ctrl_z),
                Some(Message::Act(KeyAction::Suspend)),
                "{ctx:?}"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in [
            Picker, Info, Confirm, Choice, Multi, Input, Summary, History, Map, MapDetails, Note,
            Who, Discard, Help, Ask,
        ] {
            let mode = Mode {
                ctx,
                unsure: true,
                multiline: true,
                on_session: true,
            };
            let keys: Vec<Key> = active(mode)
                .flat_map(|b| b.keys.iter().copied())
                .filter(|k| *k != Text)
                .collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[i + 1..].contains(k), "{ctx:?}: {k:?} bound twice");
            }
        }
    }
}
