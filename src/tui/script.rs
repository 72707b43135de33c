//! Key scripts for tests and benchmarks: `"j j <enter> <bs> n hello <esc>"` becomes key events.
//!
//! Words are typed letter by letter; `<...>` names one key: `<enter>`, `<esc>`, `<bs>`, `<tab>`,
//! `<space>`, `<up>`, `<down>`, `<left>`, `<right>`, `<pgup>`, `<pgdn>`, `<home>`, `<end>`, `<del>`,
//! `<f1>`, `<c-x>` (Ctrl),
//! `<a-enter>` (Alt).

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// Parses a script; an unknown `<name>` is an error naming it.
pub fn keys(script: &str) -> Result<Vec<KeyEvent>, String> {
    let mut out = Vec::new();
    for word in script.split_whitespace() {
        match word.strip_prefix('<').and_then(|w| w.strip_suffix('>')) {
            Some(name) => out.push(named(name)?),
            None => out.extend(word.chars().map(|c| {
                let shift = if c.is_ascii_uppercase() {
                    KeyModifiers::SHIFT
                } else {
                    KeyModifiers::NONE
                };
                KeyEvent::new(KeyCode::Char(c), shift)
            })),
        }
    }
    Ok(out)
}

/// The script as terminal events, for [`super::handle_event`].
pub fn events(script: &str) -> Result<Vec<Event>, String> {
    Ok(keys(script)?.into_iter().map(Event::Key).collect())
}

fn named(name: &str) -> Result<KeyEvent, String> {
    let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
    if let Some(c) = name.strip_prefix("c-").and_then(single) {
        return Ok(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }
    if let Some(rest) = name.strip_prefix("a-") {
        let mut key = named(rest)?;
        key.modifiers |= KeyModifiers::ALT;
        return Ok(key);
    }
    Ok(match name {
        "enter" => plain(KeyCode::Enter),
        "esc" => plain(KeyCode::Esc),
        "bs" => plain(KeyCode::Backspace),
        "tab" => plain(KeyCode::Tab),
        "space" => plain(KeyCode::Char(' ')),
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "pgup" => plain(KeyCode::PageUp),
        "pgdn" => plain(KeyCode::PageDown),
        "f1" => plain(KeyCode::F(1)),
        "f2" => plain(KeyCode::F(2)),
        "home" => plain(KeyCode::Home),
        "end" => plain(KeyCode::End),
        "del" => plain(KeyCode::Delete),
        "lt" => plain(KeyCode::Char('<')),
        other => return Err(format!("unknown key '<{other}>' in a key script")),
    })
}

fn single(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_typed_and_names_are_keys() {
        let k = keys("j <enter> hi <c-c> <a-enter>").expect("valid");
        assert_eq!(k.len(), 6);
        assert_eq!(k[0].code, KeyCode::Char('j'));
        assert_eq!(k[1].code, KeyCode::Enter);
        assert_eq!(k[3].code, KeyCode::Char('i'));
        assert_eq!(k[4].modifiers, KeyModifiers::CONTROL);
        assert_eq!(k[5].modifiers, KeyModifiers::ALT);
    }

    #[test]
    fn unknown_names_are_refused() {
        assert!(keys("<nope>").expect_err("unknown").contains("<nope>"));
    }
}
