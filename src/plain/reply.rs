//! What a typed line means on the plain prompt: the numbered choices a question offers, and the
//! answer a number, a word, an option id or label, or a list of them stands for.

use crate::engine::Answer;
use crate::guide::{Node, NodeKind};

/// The label the wizard gives the "can't check" answer, so both fronts read the same.
pub const UNSURE_LABEL: &str = "Can't check / don't know";

/// Words that mean "can't check" on any question that offers it.
const UNSURE_WORDS: [&str; 5] = ["unsure", "u", "can't check", "cant check", "don't know"];

/// The numbered choices of a confirm or choice question, in the order they are printed:
/// `1. Yes`, `2. No`, then the options, "can't check" last when the guide offers it.
pub fn numbered_choices(node: &Node) -> Vec<(String, Answer)> {
    let mut rows: Vec<(String, Answer)> = match node.kind {
        NodeKind::Confirm => vec![("Yes".into(), Answer::Yes), ("No".into(), Answer::No)],
        NodeKind::Choice => node
            .options
            .iter()
            .map(|o| (o.label.clone(), Answer::Choice(o.id.clone())))
            .collect(),
        _ => Vec::new(),
    };
    if node.unsure.is_some() && matches!(node.kind, NodeKind::Confirm | NodeKind::Choice) {
        rows.push((UNSURE_LABEL.into(), Answer::Unsure));
    }
    rows
}

/// The answer `typed` gives on `node`, or a message saying what would be accepted. Input text is
/// returned as typed: the walk checks it with the guide's own rules.
pub fn parse(node: &Node, typed: &str) -> Result<Answer, String> {
    let typed = typed.trim();
    let lower = typed.to_lowercase();
    if node.unsure.is_some()
        && node.kind != NodeKind::Info
        && UNSURE_WORDS.contains(&lower.as_str())
    {
        return Ok(Answer::Unsure);
    }
    match node.kind {
        NodeKind::Info => match lower.as_str() {
            "" | "continue" | "c" | "done" | "ok" | "1" => Ok(Answer::Continue),
            _ => Err(format!(
                "'{typed}' does not continue this step; press Enter (or type continue) when it is done"
            )),
        },
        NodeKind::Confirm => match lower.as_str() {
            "yes" | "y" | "true" => Ok(Answer::Yes),
            "no" | "n" | "false" => Ok(Answer::No),
            _ => by_number(node, typed).ok_or_else(|| expected(node, typed)),
        },
        NodeKind::Choice => by_number(node, typed)
            .or_else(|| option_named(node, typed).map(Answer::Choice))
            .ok_or_else(|| expected(node, typed)),
        NodeKind::Multi => parse_multi(node, typed),
        NodeKind::Input => Ok(Answer::Text(typed.to_string())),
        NodeKind::Resolution => Err("the walk has reached a resolution; nothing more to answer".into()),
    }
}

/// The row numbered `typed` (from 1), if it is a number in range.
fn by_number(node: &Node, typed: &str) -> Option<Answer> {
    let n: usize = typed.parse().ok()?;
    numbered_choices(node)
        .into_iter()
        .nth(n.checked_sub(1)?)
        .map(|(_, answer)| answer)
}

/// The id of the option whose id or label is `typed`, ignoring case.
fn option_named(node: &Node, typed: &str) -> Option<String> {
    node.options
        .iter()
        .find(|o| {
            o.id.eq_ignore_ascii_case(typed) || o.label.to_lowercase() == typed.to_lowercase()
        })
        .map(|o| o.id.clone())
}

/// A checklist answer: `none`, or numbers, ids or labels separated by commas (a label may hold
/// spaces) or spaces.
fn parse_multi(node: &Node, typed: &str) -> Result<Answer, String> {
    if typed.eq_ignore_ascii_case("none") {
        return Ok(Answer::Multi(Vec::new()));
    }
    if typed.is_empty() {
        return Err(expected(node, typed));
    }
    let mut ids = Vec::new();
    for piece in typed.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if let Some(id) = option_named(node, piece) {
            ids.push(id);
            continue;
        }
        for word in piece.split_whitespace() {
            let id = word
                .parse::<usize>()
                .ok()
                .and_then(|n| node.options.get(n.checked_sub(1)?))
                .map(|o| o.id.clone())
                .or_else(|| option_named(node, word));
            match id {
                Some(id) => ids.push(id),
                None => return Err(expected(node, word)),
            }
        }
    }
    Ok(Answer::Multi(ids))
}

/// What a question accepts, for the line printed after a reply that does not fit.
pub fn expected(node: &Node, typed: &str) -> String {
    let unsure = if node.unsure.is_some() {
        ", or unsure"
    } else {
        ""
    };
    let lead = if typed.is_empty() {
        "An answer is needed".to_string()
    } else {
        format!("'{typed}' is not an answer here")
    };
    match node.kind {
        NodeKind::Confirm => format!("{lead}; type a number from the list, yes, no{unsure}"),
        NodeKind::Choice => {
            let ids: Vec<&str> = node.options.iter().map(|o| o.id.as_str()).collect();
            format!(
                "{lead}; type a number from 1 to {}, or one of: {}{unsure}",
                numbered_choices(node).len(),
                ids.join(", ")
            )
        }
        NodeKind::Multi => format!(
            "{lead}; type the numbers of all that apply (from 1 to {}) separated by commas or \
             spaces, or none{unsure}",
            node.options.len()
        ),
        _ => format!("{lead}; type help for the commands"),
    }
}
