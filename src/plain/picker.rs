//! The plain picker: the guides numbered, one chosen by number or id, for `tshoot --plain`.

use std::io::{self, BufRead, Write};
use std::sync::Arc;

use super::{Options, Plain};
use crate::guide::{Catalog, ValidGuide};

/// The plain picker: the guides numbered, one chosen by number or id. `None` when the input
/// ends or the technician quits.
pub fn pick_guide<R: BufRead, W: Write>(
    catalog: &Catalog,
    input: &mut R,
    out: &mut W,
) -> io::Result<Option<Arc<ValidGuide>>> {
    let entries = catalog.entries();
    let mut recorder = crate::store::NullRecorder::default();
    let mut plain = Plain::new(input, out, &mut recorder, Options::default());
    plain.say("Guides:")?;
    for (i, entry) in entries.iter().enumerate() {
        plain.say(&format!(
            "{}. {} ({})",
            i + 1,
            entry.header.title,
            entry.header.id
        ))?;
    }
    plain.say("Type the number or id of a guide, or quit. ('tshoot --plain resume' goes on with the newest unfinished session.)")?;
    loop {
        let Some(line) = plain.read_line()? else {
            return Ok(None);
        };
        let typed = line.trim();
        if matches!(typed.to_lowercase().as_str(), "quit" | "exit") {
            return Ok(None);
        }
        let entry = typed
            .parse::<usize>()
            .ok()
            .and_then(|n| entries.get(n.checked_sub(1)?))
            .or_else(|| entries.iter().find(|e| e.header.id == typed));
        match entry.map(|e| e.guide()) {
            Some(Ok(guide)) => return Ok(Some(Arc::clone(guide))),
            Some(Err(problems)) => {
                let first = problems.first().map(|p| p.to_string()).unwrap_or_default();
                plain.say(&format!("That guide cannot be walked: {first}"))?;
            }
            None => plain.say(&format!(
                "'{typed}' is not a guide here; type a number from 1 to {}, or a guide's id.",
                entries.len()
            ))?,
        }
    }
}
