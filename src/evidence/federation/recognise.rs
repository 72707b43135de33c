//! Tells whether a paste is the output of the AD FS or domain federation cmdlets.

use super::cmdlets::{holds_entra_identifier, MARKERS};
use super::format_list::{head, property_line};
use crate::evidence::Lines;

/// How much of a text `recognise` looks at.
const RECOGNISE_BYTES: usize = 64 * 1024;
const RECOGNISE_LINES: usize = 400;

/// Sure (90) when two or more property names only these cmdlets print start lines (an
/// `Identifier` holding `urn:federation:MicrosoftOnline` counts as one); 0 otherwise, whatever
/// the layout: dsregcmd and other `Name : Value` output name none of them.
pub(super) fn recognise(text: &str) -> u8 {
    let mut found: Vec<&str> = Vec::new();
    for (_, line) in Lines::new(head(text, RECOGNISE_BYTES)).take(RECOGNISE_LINES) {
        let Some((name, value)) = property_line(line) else {
            continue;
        };
        let key = if let Some((marker, _)) = MARKERS.iter().find(|(m, _)| *m == name) {
            *marker
        } else if name == "PromptLoginBehavior" {
            "PromptLoginBehavior"
        } else if name == "Identifier" && holds_entra_identifier(value) {
            "Identifier"
        } else {
            continue;
        };
        if !found.contains(&key) {
            found.push(key);
        }
    }
    if found.len() >= 2 {
        90
    } else {
        0
    }
}
