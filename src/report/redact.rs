//! Redaction for reports: every typed text of a summary or a step list goes through
//! [`crate::redact`], the one place secrets and people are recognised.

use std::borrow::Cow;

use super::summary::Summary;
use crate::engine::{Answer, Step};
pub use crate::redact::{redact, Policy, USER};

/// Outside text (typed, pasted, from an older session) is made safe before secrets are looked
/// for, so a control sequence can neither reach the report nor split a secret in two.
fn redact_owned(text: &mut String, policy: &Policy) {
    crate::text::clean_in_place(text);
    if let Cow::Owned(new) = redact(text, policy) {
        *text = new;
    }
}

/// Evidence whose value is a person (a UPN, an e-mail address, a user name) under `people`.
fn names_a_person(name: &str, label: &str) -> bool {
    let key = format!("{name} {label}").to_ascii_lowercase();
    ["user", "upn", "mail", "account", "login", "technician"]
        .iter()
        .any(|w| key.contains(w))
}

/// A value that names a person, under `people`: masked with the label the same value gets
/// anywhere else in the report (an e-mail address or UPN reads `[redacted: e-mail]` in Evidence
/// and in the path alike), and as a user name when nothing in it is recognised.
fn mask_person(value: &mut String, policy: &Policy) {
    redact_owned(value, policy);
    if !value.contains("[redacted: ") {
        *value = USER.to_string();
    }
}

/// A copy of the summary with every typed text (answers, notes, evidence, ticket) redacted.
pub fn summary(summary: &Summary, policy: &Policy) -> Summary {
    let mut out = summary.clone();
    for e in &mut out.evidence {
        if policy.people && names_a_person(&e.name, &e.label) {
            mask_person(&mut e.value, policy);
        } else {
            redact_owned(&mut e.value, policy);
        }
    }
    for a in &mut out.attached {
        for f in &mut a.facts {
            if policy.people && names_a_person(&f.name, "") {
                mask_person(&mut f.value, policy);
            } else {
                redact_owned(&mut f.value, policy);
            }
            redact_owned(&mut f.source, policy);
        }
        for n in &mut a.notes {
            redact_owned(n, policy);
        }
    }
    if let Some(note) = out.resolution.as_mut().and_then(|r| r.note.as_mut()) {
        redact_owned(note, policy);
    }
    for step in &mut out.path {
        if let Some(evidence) = &mut step.evidence {
            redact_owned(evidence, policy);
        }
        if let Some(answer) = &mut step.answer {
            redact_owned(answer, policy);
        }
        if let Some(note) = &mut step.note {
            redact_owned(note, policy);
        }
    }
    for c in &mut out.changed_answers {
        redact_owned(&mut c.old, policy);
        for text in c.new.iter_mut().chain(c.note.iter_mut()) {
            redact_owned(text, policy);
        }
    }
    if let Some(session) = &mut out.session {
        if policy.people {
            session.technician = USER.to_string();
        } else {
            redact_owned(&mut session.technician, policy);
        }
        if let Some(ticket) = &mut session.ticket {
            redact_owned(ticket, policy);
        }
    }
    out
}

/// The steps with typed answers and notes redacted, for reports that carry the raw history
/// (the answers kept on a step gone back to too).
pub fn steps(steps: &[Step], policy: &Policy) -> Vec<Step> {
    steps
        .iter()
        .map(|s| {
            let mut s = s.clone();
            if let Some(Answer::Text(text)) = &mut s.answer {
                redact_owned(text, policy);
            }
            if let Some(note) = &mut s.note {
                redact_owned(note, policy);
            }
            s.kept = self::steps(&s.kept, policy);
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_masked_person_gets_one_label_wherever_the_value_stands() {
        let policy = Policy::people(["alice".to_string()]);
        let mut upn = "alex@contoso.com".to_string();
        mask_person(&mut upn, &policy);
        assert_eq!(upn, crate::redact::EMAIL);
        assert_eq!(redact("alex@contoso.com", &policy), crate::redact::EMAIL);
        let mut name = "alex".to_string();
        mask_person(&mut name, &policy);
        assert_eq!(name, USER);
    }

    const A_JWT: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhbGljZUBjb250b3NvLmNvbSJ9.c2lnbmF0dXJlLXBhcnQtaGVyZQ";

    #[test]
    fn typed_answers_and_notes_in_steps_are_redacted() {
        let step = Step {
            node: "paste".into(),
            answer: Some(Answer::Text(format!("Bearer {A_JWT}"))),
            note: Some(format!("raw: {A_JWT}")),
            entered_at: time::OffsetDateTime::UNIX_EPOCH,
            answered_at: None,
            evidence: None,
            skipped: None,
            kept: Vec::new(),
        };
        let out = steps(&[step], &Policy::secrets_only());
        assert_eq!(
            out[0].answer,
            Some(Answer::Text("Bearer [redacted: JWT]".into()))
        );
        assert_eq!(out[0].note.as_deref(), Some("raw: [redacted: JWT]"));
    }
}
