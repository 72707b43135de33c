//! The map overlay's keys: open it on the current question, move among the questions, open one
//! question's details and close. Read-only: nothing here touches the walk.

use super::app::{App, Overlay};
use super::effect::Effect;
use super::keymap::{KeyAction, Message};
use crate::map;

impl App<'_> {
    /// Opens the map with the current question selected (the one that led to the resolution,
    /// once the walk is finished).
    pub fn open_map(&mut self) {
        let Some(walk) = self.walk() else { return };
        let path = map::walked_path(walk);
        let sections = map::outline(walk.guide(), &path);
        let selected = map::position(walk, &map::questions(&sections));
        self.overlay = Some(Overlay::Map {
            selected,
            scroll: 0,
            open: None,
        });
    }

    /// The id of the question at `index` in map order.
    fn map_question(&self, index: usize) -> Option<String> {
        let walk = self.walk()?;
        let sections = map::outline(walk.guide(), &[]);
        let questions = map::questions(&sections);
        questions.get(index).map(|q| q.node.id.to_string())
    }

    fn map_question_count(&self) -> usize {
        self.walk().map_or(0, |walk| {
            map::questions(&map::outline(walk.guide(), &[])).len()
        })
    }
}

/// The list moves the selection; the details scroll; Enter opens a question; Esc closes the
/// details first, then the map.
pub(super) fn on_map(app: &mut App, overlay: Overlay, msg: Message) -> Vec<Effect> {
    let Overlay::Map {
        selected,
        scroll,
        open,
    } = overlay
    else {
        return Vec::new();
    };
    let page = i32::from(app.size.1 / 2).max(1);
    let count = app.map_question_count();
    let moved = |d: i32| {
        let last = count.saturating_sub(1) as i64;
        (selected as i64 + i64::from(d)).clamp(0, last) as usize
    };
    let scrolled = |d: i32| (i32::from(scroll) + d).clamp(0, i32::from(u16::MAX)) as u16;
    let next = match (open, msg) {
        (None, Message::Act(KeyAction::Close)) => return Vec::new(),
        (Some(_), Message::Act(KeyAction::Close)) => (selected, 0, None),
        (None, Message::Move(d)) => (moved(d), 0, None),
        (None, Message::Scroll(d)) => (moved(d * page), 0, None),
        (None, Message::Act(KeyAction::Accept)) => (selected, 0, app.map_question(selected)),
        (Some(id), Message::Move(d)) => (selected, scrolled(d), Some(id)),
        (Some(id), Message::Scroll(d)) => (selected, scrolled(d * page), Some(id)),
        (open, _) => (selected, scroll, open),
    };
    let (selected, scroll, open) = next;
    app.overlay = Some(Overlay::Map {
        selected,
        scroll,
        open,
    });
    Vec::new()
}
