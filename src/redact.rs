//! Removes secrets (and, when asked, people) from text: a pure function of the text and a policy,
//! used where outside text is stored (notes, answers, evidence lines) and again by every report
//! format, so all of them redact alike.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

/// What to remove besides secrets, which are always removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// Also mask e-mail addresses, UPNs, `DOMAIN\user` names and the names listed in `names`.
    pub people: bool,
    /// User names known to the session (the technician), masked wherever they appear.
    pub names: Vec<String>,
}

impl Policy {
    pub fn secrets_only() -> Policy {
        Policy::default()
    }

    pub fn people(names: impl IntoIterator<Item = String>) -> Policy {
        Policy {
            people: true,
            names: names.into_iter().filter(|n| n.trim().len() >= 2).collect(),
        }
    }
}

pub const JWT: &str = "[redacted: JWT]";
pub const BEARER: &str = "[redacted: bearer token]";
pub const SECRET: &str = "[redacted: secret]";
pub const TOKEN: &str = "[redacted: token]";
pub const EMAIL: &str = "[redacted: e-mail]";
pub const USER: &str = "[redacted: user name]";

fn regex(pattern: &str) -> Regex {
    // The patterns are constants of this module; the unit tests compile every one of them.
    Regex::new(pattern).unwrap_or_else(|e| panic!("redaction pattern '{pattern}': {e}"))
}

fn is_b64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// Where JWTs are: three base64url segments, the first a JSON header (`{"` is `eyJ`), the
/// signature possibly empty. A token hard-wrapped across lines or holding a TAB is still one
/// token: a TAB inside it is crossed, and so is a line break (with the next line's indentation)
/// when the token is unfinished or the next line is a long run of token characters. A short word
/// on the next line ("done") is never taken for the end of a signature.
fn jwt_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find("eyJ") {
        let start = from + offset;
        if start > 0 && is_b64url(bytes[start - 1]) {
            from = start + 3;
            continue;
        }
        let (mut j, mut dots, mut line_len) = (start, 0, 0);
        let mut segments = [0usize; 3];
        loop {
            match bytes.get(j) {
                Some(&b) if is_b64url(b) => {
                    segments[dots] += 1;
                    line_len += 1;
                    j += 1;
                    continue;
                }
                Some(b'.') if dots < 2 => {
                    dots += 1;
                    line_len += 1;
                    j += 1;
                    continue;
                }
                _ => {}
            }
            let after_break = match bytes.get(j) {
                Some(b'\t') => Some(j + 1),
                Some(b'\r') if bytes.get(j + 1) == Some(&b'\n') => Some(j + 2),
                Some(b'\n') => Some(j + 1),
                _ => None,
            };
            let Some(mut k) = after_break else { break };
            let tab = bytes[j] == b'\t';
            if !tab {
                while matches!(bytes.get(k), Some(b' ' | b'\t')) {
                    k += 1;
                }
            }
            let run = bytes[k..]
                .iter()
                .take_while(|&&b| is_b64url(b) || b == b'.')
                .count();
            let join = run > 0 && (tab || (line_len >= 16 && (dots < 2 || run >= 8)));
            if !join {
                break;
            }
            j = k;
            line_len = 0;
        }
        if dots == 2 && segments[0] >= 2 && segments[1] >= 2 {
            spans.push((start, j));
        }
        from = j.max(start + 3);
    }
    spans
}

fn replace_jwts(text: Cow<'_, str>) -> Cow<'_, str> {
    let spans = jwt_spans(&text);
    if spans.is_empty() {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        out.push_str(&text[at..start]);
        out.push_str(JWT);
        at = end;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

static BEARER_RE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(bearer|basic)(\s+)([A-Za-z0-9._~+/=-]{8,})"));
/// `name=value`, `name: value`, `"name": "value"` and URL-encoded `name%3Dvalue` for names that
/// hold secrets, also as the end of a longer name (`AZURE_CLIENT_SECRET`, `db_password`,
/// `mypassword`). A quoted value is taken up to its closing quote, spaces and all.
static KEY_VALUE_RE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r#"(?i)(\b[a-z0-9_]*?(client_?secret|password|passwd|pwd|secret|api_?key|access_?token|refresh_?token|id_?token|client_assertion|assertion|sig|accountkey|sharedaccesskey|private_?key)"?\s*(?:=|:|%3d)\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'&;,]+))"#,
    )
});
/// Candidates for a long random token; [`looks_random`] decides.
static LONG_TOKEN_RE: LazyLock<Regex> = LazyLock::new(|| regex(r"[A-Za-z0-9+/_~=.-]{32,}"));
static EMAIL_RE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"));
static DOMAIN_USER_RE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b[A-Za-z][A-Za-z0-9-]{0,14}\\[A-Za-z0-9._$-]+"));

/// Shannon entropy in bits per character.
fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 128];
    let mut total = 0u32;
    for b in s.bytes().filter(u8::is_ascii) {
        counts[b as usize] += 1;
        total += 1;
    }
    if total == 0 {
        return 0.0;
    }
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = f64::from(c) / f64::from(total);
            -p * p.log2()
        })
        .sum()
}

/// A long token with upper case, lower case and digits, spread evenly: a key or a secret. GUIDs,
/// hex digests, dotted names and paths lack one of these and stay.
fn looks_random(s: &str) -> bool {
    let has = |f: fn(&char) -> bool| s.chars().any(|c| f(&c));
    let hex_and_dashes = s.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    !hex_and_dashes
        && has(char::is_ascii_uppercase)
        && has(char::is_ascii_lowercase)
        && has(char::is_ascii_digit)
        && entropy(s) >= 4.0
}

fn replace_all<'t>(
    re: &Regex,
    text: Cow<'t, str>,
    f: impl Fn(&Captures) -> String,
) -> Cow<'t, str> {
    if !re.is_match(&text) {
        return text;
    }
    Cow::Owned(re.replace_all(&text, |c: &Captures| f(c)).into_owned())
}

/// Whether `text` could hold a secret the patterns find: a credential's name (`password`,
/// `client_secret`, `Bearer`, ...), or a long run of token characters that is not a GUID or a hex
/// digest. A cheap byte scan, run before any pattern.
fn may_hold_secret(text: &str) -> bool {
    const NAMES: &[&[u8]] = &[
        b"secret",
        b"pass",
        b"pwd",
        b"key",
        b"token",
        b"assertion",
        b"sig",
        b"bearer",
        b"basic",
    ];
    let bytes = text.as_bytes();
    let named = bytes.windows(3).enumerate().any(|(i, w)| {
        // Only where a name could start: a cheap filter on the first letters of NAMES.
        matches!(
            w[0].to_ascii_lowercase(),
            b's' | b'p' | b'k' | b't' | b'a' | b'b'
        ) && NAMES.iter().any(|n| {
            bytes
                .get(i..i + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        })
    });
    if named {
        return true;
    }
    let token_char = |b: &u8| b.is_ascii_alphanumeric() || b"+/_~=.-".contains(b);
    bytes
        .split(|b| !token_char(b))
        .any(|run| run.len() >= 32 && !run.iter().all(|b| b.is_ascii_hexdigit() || *b == b'-'))
}

/// The text with every secret (and under [`Policy::people`], every person) replaced by a marker
/// that says what was removed.
pub fn redact<'t>(text: &'t str, policy: &Policy) -> Cow<'t, str> {
    let mut out = Cow::Borrowed(text);
    out = replace_jwts(out);
    if !policy.people && !may_hold_secret(&out) {
        // Most answers (ids, names, yes and no) cannot hold one: the patterns are neither
        // compiled nor run for them, which keeps the wizard small.
        return out;
    }
    out = replace_all(&BEARER_RE, out, |c| {
        // "basic authentication" is prose; a credential has a digit or a symbol in it.
        if c[3].chars().all(|ch| ch.is_ascii_alphabetic()) {
            c[0].to_string()
        } else {
            format!("{}{}{BEARER}", &c[1], &c[2])
        }
    });
    out = replace_all(&KEY_VALUE_RE, out, |c| {
        let (quote, value) = match (c.get(3), c.get(4), c.get(5)) {
            (Some(v), _, _) => ("\"", v.as_str()),
            (_, Some(v), _) => ("'", v.as_str()),
            (_, _, Some(v)) => ("", v.as_str()),
            _ => return c[0].to_string(),
        };
        // Already redacted (a second pass, or a token inside the value): leave it, so
        // redaction is idempotent. `PWD=/home/alice` is the shell's working folder.
        let a_path = c[2].eq_ignore_ascii_case("pwd") && value.starts_with(['/', '~']);
        if value.starts_with("[redacted") || a_path || value.is_empty() {
            return c[0].to_string();
        }
        format!("{}{quote}{SECRET}{quote}", &c[1])
    });
    out = replace_all(&LONG_TOKEN_RE, out, |c| {
        if looks_random(&c[0]) {
            TOKEN.to_string()
        } else {
            c[0].to_string()
        }
    });
    if policy.people {
        out = replace_all(&EMAIL_RE, out, |_| EMAIL.to_string());
        out = replace_all(&DOMAIN_USER_RE, out, |_| USER.to_string());
        for name in &policy.names {
            let escaped = regex::escape(name.trim());
            let re = Regex::new(&format!(r"(?i)\b{escaped}\b"));
            if let Ok(re) = re {
                out = replace_all(&re, out, |_| USER.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const A_JWT: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJ1cG4iOiJhbGljZUBjb250b3NvLmNvbSJ9.c2lnbmF0dXJlLXBhcnQtaGVyZQ";

    fn secrets(text: &str) -> String {
        redact(text, &Policy::secrets_only()).into_owned()
    }

    #[test]
    fn a_jwt_anywhere_in_a_note_is_replaced_by_a_marker() {
        let out = secrets(&format!("pasted from fiddler: {A_JWT} (expired?)"));
        assert_eq!(out, "pasted from fiddler: [redacted: JWT] (expired?)");
    }

    #[test]
    fn a_jwt_without_a_signature_is_still_a_jwt() {
        let out = secrets("token eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjMifQ.");
        assert_eq!(out, "token [redacted: JWT]");
    }

    #[test]
    fn bearer_and_basic_credentials_keep_the_scheme_and_lose_the_value() {
        assert_eq!(
            secrets("Authorization: Bearer abc.def-ghi_jkl~123"),
            "Authorization: Bearer [redacted: bearer token]"
        );
        assert_eq!(
            secrets("Authorization: Basic dXNlcjpwYXNzd29yZA=="),
            "Authorization: Basic [redacted: bearer token]"
        );
        assert_eq!(
            secrets(&format!("bearer {A_JWT}")),
            "bearer [redacted: JWT]"
        );
        let prose = "Basic authentication is disabled; bearer authentication works";
        assert_eq!(secrets(prose), prose);
    }

    #[test]
    fn secret_shaped_key_values_lose_their_value() {
        assert_eq!(
            secrets("client_secret=Abc8Q~x.y&scope=openid"),
            "client_secret=[redacted: secret]&scope=openid"
        );
        assert_eq!(secrets("password: hunter2"), "password: [redacted: secret]");
        assert_eq!(
            secrets(r#"{"access_token": "opaque-value"}"#),
            r#"{"access_token": "[redacted: secret]"}"#
        );
        assert_eq!(
            secrets("DefaultEndpointsProtocol=https;AccountKey=bXlrZXk=;EndpointSuffix=x"),
            "DefaultEndpointsProtocol=https;AccountKey=[redacted: secret];EndpointSuffix=x"
        );
    }

    #[test]
    fn text_that_cannot_hold_a_secret_is_not_searched_and_text_that_can_is() {
        for plain in [
            "148787df-c02d-4cbe-947e-481164f67f03",
            "alex@contoso.com",
            "yes",
            "The user was on VPN at 09:12",
            "sha256:6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        ] {
            assert!(!may_hold_secret(plain), "{plain}");
        }
        for secretive in [
            "Password: x",
            "AZURE_CLIENT_SECRET=1",
            "Authorization: Basic dXNlcjpwYXNzd29yZA==",
            "k7Qm2ZpX9rLw4TnB8vYc1HdF6sJg3KaE0uPo",
        ] {
            assert!(may_hold_secret(secretive), "{secretive}");
        }
    }

    #[test]
    fn the_shapes_the_review_found_are_masked_and_redaction_is_idempotent() {
        assert_eq!(
            secrets(r#"password="correct horse battery staple" next"#),
            r#"password="[redacted: secret]" next"#
        );
        assert_eq!(
            secrets(r#"{"password": "tr0ub4dor &3 extra words"}"#),
            r#"{"password": "[redacted: secret]"}"#
        );
        assert_eq!(
            secrets("AZURE_CLIENT_SECRET=s3cr3tValue DB_PASSWORD=hunter2hunter2 mypassword=x1"),
            "AZURE_CLIENT_SECRET=[redacted: secret] DB_PASSWORD=[redacted: secret] mypassword=[redacted: secret]"
        );
        assert_eq!(
            secrets("https://x.example/cb?client_secret%3DZx9Q%7EurlEncSecret&a=b"),
            "https://x.example/cb?client_secret%3D[redacted: secret]&a=b"
        );
        assert_eq!(secrets("PWD=/home/alice"), "PWD=/home/alice");
        let once = secrets(&format!("password={A_JWT}"));
        assert_eq!(once, "password=[redacted: JWT]");
        assert_eq!(secrets(&once), once, "a second pass changes nothing");
    }

    #[test]
    fn a_token_wrapped_across_lines_or_holding_a_tab_is_one_token() {
        let wrapped: String = A_JWT
            .as_bytes()
            .chunks(30)
            .map(|c| format!("    {}\n", String::from_utf8_lossy(c)))
            .collect();
        let out = secrets(&format!("note:\n{wrapped}done"));
        assert!(out.starts_with("note:\n    [redacted: JWT]"), "{out}");
        assert!(out.ends_with("\ndone"), "the word after it stays: {out}");
        for piece in A_JWT.as_bytes().chunks(8) {
            let piece = String::from_utf8_lossy(piece);
            if piece.len() == 8 {
                assert!(!out.contains(piece.as_ref()), "{piece} survived in {out}");
            }
        }
        let tabbed = format!("{}\t{}", &A_JWT[..20], &A_JWT[20..]);
        assert_eq!(secrets(&tabbed), "[redacted: JWT]");
        assert_eq!(
            secrets("see eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjMifQ. and more"),
            "see [redacted: JWT] and more",
            "words after the token on its line stay"
        );
    }

    #[test]
    fn long_random_tokens_go_but_ids_hashes_and_urls_stay() {
        assert_eq!(
            secrets("key Zx9Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4"),
            "key [redacted: token]"
        );
        for keep in [
            "correlation id 3f2a9c1e-8b7d-4e6f-9a0b-1c2d3e4f5a6b",
            "thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432",
            "see https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes",
            "AADSTS51006: Integrated Windows authentication is needed",
            "Timestamp: 2026-11-26 19:35:02Z",
        ] {
            assert_eq!(secrets(keep), keep);
        }
    }

    #[test]
    fn people_are_masked_only_when_asked() {
        let text = r"alice@contoso.com signed in as CONTOSO\alice on Alice's laptop";
        assert_eq!(secrets(text), text);
        let out = redact(text, &Policy::people(["alice".to_string()])).into_owned();
        assert_eq!(
            out,
            "[redacted: e-mail] signed in as [redacted: user name] on [redacted: user name]'s laptop"
        );
    }

    #[test]
    fn text_without_secrets_is_borrowed_unchanged() {
        assert!(matches!(
            redact("Yes, the VPN is up", &Policy::secrets_only()),
            Cow::Borrowed(_)
        ));
    }
}
