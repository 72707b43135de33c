//! Turns the YAML library's errors into what the author of the file should do, at the right place.

use super::YamlKind;
use crate::guide::problem::{Location, Problem};
use crate::text;

pub fn yaml_problem(file: &str, error: &serde_yaml::Error, kind: YamlKind) -> Problem {
    let mut location = error.location().map_or(Location::START, |l| Location {
        line: l.line(),
        column: l.column(),
    });
    let full = error.to_string();
    let mut message = full.clone();
    // serde_yaml appends the position to its text; ours is already in the prefix.
    if let Some(cut) = message.find(" at line ") {
        message.truncate(cut);
    }
    if message.contains("unexpected end of stream") {
        // libyaml names where the unclosed thing began as its context: point there, not at EOF.
        if let Some(start) = context_location(&full) {
            location = start;
        }
    }
    Problem::error(file, location, explain(&message, kind))
}

/// The `, while scanning … at line L column C` part of a libyaml message.
fn context_location(message: &str) -> Option<Location> {
    let context = &message[message.find(", while ")?..];
    let at = &context[context.find(" at line ")? + " at line ".len()..];
    let (line, rest) = at.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(Location {
        line: line.trim().parse().ok()?,
        column: column.parse().ok()?,
    })
}

/// Turns serde's wording into what the author of the file should do.
fn explain(message: &str, kind: YamlKind) -> String {
    let message = shorten_quotes(message);
    let message = message.as_str();
    if message.contains("unknown field") {
        let expected = message.split(", expected").nth(1).unwrap_or("").trim();
        let field = message.split('`').nth(1).unwrap_or("?");
        if kind == YamlKind::Answers && scope_is_noted_answer(message) {
            return format!(
                "unknown key '{field}'; an answer with a note has only 'answer' and 'note'"
            );
        }
        let scope = message
            .split(": unknown")
            .next()
            .filter(|s| !s.starts_with("unknown"));
        let at = scope.map(|s| format!(" in {s}")).unwrap_or_default();
        // `joined` is written by tshoot when a walk goes on in another guide, never by an author.
        let expected = expected
            .replace(", `joined`", "")
            .replace(" or `joined`", "")
            .replace('`', "'");
        return format!("unknown key '{field}'{at}; allowed keys: {expected}");
    }
    if message.contains("more than one document") {
        return format!(
            "the file holds more than one YAML document ('---'); put {} in each file",
            kind.one()
        );
    }
    if message.contains("recursion limit exceeded") {
        return format!(
            "the YAML nests too deeply; {} needs only a few levels",
            kind.a()
        );
    }
    if message.contains("repetition limit exceeded") {
        return "aliases expand to too much data (an alias bomb?); write the values out instead"
            .to_string();
    }
    let message = message
        .replace(
            "expected struct Guide",
            "expected a guide: a mapping that starts with 'format: 1'",
        )
        .replace(
            "expected struct Node",
            "expected a node: a mapping with 'id', 'kind' and 'prompt'",
        )
        .replace(
            "expected struct Section",
            "expected a section: {id: ..., title: ...}",
        )
        .replace(
            "expected struct Reference",
            "expected a reference: {title: ..., url: ...}",
        )
        .replace(
            "expected struct Choice",
            "expected an option: {id: ..., label: ..., next: ...}",
        )
        .replace(
            "expected struct Rule",
            "expected a rule: {when: \"...\", goto: ...}",
        )
        .replace("expected struct BranchFields", "expected a map with 'next'")
        .replace("expected u32", "expected a whole number")
        .replace(
            "data did not match any variant of untagged enum ScriptEntry",
            "expected an answer (yes, no, an option id, a list of option ids, text) or {answer: ..., note: ...}",
        );
    if message.contains("tab character") || message.contains("cannot start any token") {
        return format!("{message}; indent YAML with spaces, never tabs");
    }
    if message.contains("unexpected end of stream") {
        return "this quote or bracket is never closed; close it".to_string();
    }
    message.replace('`', "'")
}

fn scope_is_noted_answer(message: &str) -> bool {
    message.contains("answer") && message.contains("note")
}

/// Cuts every `quoted` value in serde's message to a readable length.
fn shorten_quotes(message: &str) -> String {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                text::shorten(part)
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_an_unclosed_quote_is_read_from_the_context() {
        let m = "found unexpected end of stream at line 6 column 1, while scanning a quoted scalar at line 2 column 8";
        assert_eq!(context_location(m), Some(Location { line: 2, column: 8 }));
        assert_eq!(
            context_location("did not find expected key at line 3 column 1"),
            None
        );
    }

    #[test]
    fn long_quoted_values_are_cut() {
        let long = "k".repeat(10_000);
        let m = explain(
            &format!("unknown variant `{long}`, expected one of `a`"),
            YamlKind::Guide,
        );
        assert!(m.len() < 200, "{m}");
    }
}
