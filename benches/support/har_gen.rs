//! A synthetic browser trace (HAR) of any size, for the evidence bench and `examples/har_probe`:
//! many page loads with large bodies and cookies, and one sign-in in the middle that ends in
//! AADSTS51006 after a Seamless SSO 401 that was never answered. Made-up hosts, GUIDs and values.

use std::io::{self, Write};

/// A small deterministic generator, so every run writes the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// `len` characters of the base64 alphabet.
    fn base64ish(&mut self, len: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::with_capacity(len);
        while out.len() < len {
            let mut bits = self.next();
            for _ in 0..10 {
                if out.len() == len {
                    break;
                }
                out.push(ALPHABET[(bits & 63) as usize] as char);
                bits >>= 6;
            }
        }
        out
    }

    /// HTML-like text of about `len` bytes: words, dashes and attributes, as a page body has.
    fn html(&mut self, len: usize) -> String {
        let mut out = String::with_capacity(len + 64);
        out.push_str("<!DOCTYPE html><html><body>");
        while out.len() < len {
            let word = self.base64ish(8).replace(['+', '/'], "x");
            match self.next() % 4 {
                0 => out.push_str(&format!("<div class=\\\"col-{word} x-y\\\">")),
                1 => out.push_str(&format!("{word} data-{word} ")),
                2 => out.push_str(&format!("</div>\\n<span id=\\\"{word}\\\">2026-01-09 ")),
                _ => out.push_str(&format!("{word} - {word}. ")),
            }
        }
        out.push_str("</body></html>");
        out
    }
}

const UA: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91";

/// One page load with a large body and large cookies (about `body` bytes of body).
fn filler_entry(rng: &mut Rng, i: usize, body: usize) -> String {
    let host = [
        "portal.fabrikam.com",
        "cdn.fabrikam.com",
        "api.fabrikam.com",
    ][i % 3];
    let cookie = rng.base64ish(1500);
    let set_cookie = rng.base64ish(600);
    let (mime, text, encoding) = if i.is_multiple_of(2) {
        ("text/html", rng.html(body), "")
    } else {
        ("image/png", rng.base64ish(body), ",\"encoding\":\"base64\"")
    };
    format!(
        r#"{{"startedDateTime":"2026-01-09T08:{m:02}:{s:02}.{i:03}Z","time":12.5,"request":{{"method":"GET","url":"https://{host}/assets/{i}/page?v={i}&lang=en","httpVersion":"h2","headers":[{{"name":":authority","value":"{host}"}},{{"name":"user-agent","value":"{UA}"}},{{"name":"cookie","value":"session={cookie}"}}],"queryString":[{{"name":"v","value":"{i}"}}],"cookies":[{{"name":"session","value":"{cookie}"}}],"headersSize":-1,"bodySize":0}},"response":{{"status":200,"statusText":"","httpVersion":"h2","headers":[{{"name":"content-type","value":"{mime}"}},{{"name":"set-cookie","value":"tracking={set_cookie}; path=/; secure"}}],"cookies":[],"content":{{"size":{size},"mimeType":"{mime}","text":"{text}"{encoding}}},"redirectURL":"","headersSize":-1,"bodySize":-1}},"cache":{{}},"timings":{{"blocked":1,"dns":-1,"ssl":-1,"connect":-1,"send":0,"wait":10,"receive":1.5}}}}"#,
        m = (i / 60) % 60,
        s = i % 60,
        i = i % 1000,
        size = text.len(),
    )
}

/// The sign-in in the middle of the trace: authorize, the Seamless SSO 401, and the error page.
fn sign_in_entries() -> [String; 3] {
    let corr = "676bcd7f-dea2-4ffd-aae0-1039154a7de6";
    let trace = "1f939e48-e8f7-455d-89da-a418ffb8ad3e";
    let authorize = format!(
        r#"{{"startedDateTime":"2026-01-09T08:13:58.410Z","request":{{"method":"GET","url":"https://login.microsoftonline.com/contoso.com/oauth2/v2.0/authorize?client_id=24796c44-6a44-4a1d-ab05-6247f4aaf6dc&response_type=code&prompt=login&domain_hint=contoso.com&client-request-id={corr}","headers":[{{"name":"User-Agent","value":"{UA}"}}]}},"response":{{"status":200,"headers":[{{"name":"Content-Type","value":"text/html"}}],"content":{{"size":10,"mimeType":"text/html","text":"<html></html>"}}}}}}"#
    );
    let autologon = format!(
        r#"{{"startedDateTime":"2026-01-09T08:13:59.002Z","request":{{"method":"GET","url":"https://autologon.microsoftazuread-sso.com/contoso.com/winauth/sso?desktopsso=true&client-request-id={corr}","headers":[{{"name":"User-Agent","value":"{UA}"}}]}},"response":{{"status":401,"headers":[{{"name":"WWW-Authenticate","value":"Negotiate"}}],"content":{{"size":0,"mimeType":"text/html","text":""}}}}}}"#
    );
    let error = format!(
        r#"{{"startedDateTime":"2026-01-09T08:14:03.311Z","request":{{"method":"POST","url":"https://login.microsoftonline.com/contoso.com/login","headers":[{{"name":"User-Agent","value":"{UA}"}},{{"name":"Cookie","value":"esctx=PAQABBwEAAADnfolhJpSnRYB1SVj"}}],"postData":{{"mimeType":"application/x-www-form-urlencoded","text":"login=alice%40contoso.com&passwd=not-a-real-password"}}}},"response":{{"status":200,"headers":[{{"name":"x-ms-request-id","value":"{trace}"}}],"content":{{"size":300,"mimeType":"text/html","text":"<html><body>AADSTS51006: Integrated Windows authentication is needed.<br>Request Id: {trace}<br>Correlation Id: {corr}<br>Timestamp: 2026-01-09T08:14:03Z</body></html>"}}}}}}"#
    );
    [authorize, autologon, error]
}

/// Writes a HAR of at least `target` bytes to `out`; returns how many entries it holds.
pub fn write_har(out: &mut impl Write, target: usize) -> io::Result<usize> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let head = r#"{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[{"startedDateTime":"2026-01-09T08:00:00.000Z","id":"page_1","title":"https://portal.fabrikam.com/","pageTimings":{"onContentLoad":800,"onLoad":1000}}],"entries":["#;
    out.write_all(head.as_bytes())?;
    let mut written = head.len();
    let mut entries = 0;
    let mut signed_in = false;
    while written < target {
        if entries > 0 {
            out.write_all(b",\n")?;
            written += 2;
        }
        if !signed_in && written >= target / 2 {
            signed_in = true;
            let flow = sign_in_entries().join(",\n");
            out.write_all(flow.as_bytes())?;
            written += flow.len();
            entries += 3;
            continue;
        }
        // Bodies of 8 to 120 KB.
        let body = 8 * 1024 + (rng.next() % (112 * 1024)) as usize;
        let entry = filler_entry(&mut rng, entries, body);
        out.write_all(entry.as_bytes())?;
        written += entry.len();
        entries += 1;
    }
    out.write_all(b"]}}\n")?;
    Ok(entries)
}

/// Filler entries of about `bytes` in all (for padding a pasted fixture to a size).
pub fn filler(bytes: usize) -> Vec<String> {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let entry = filler_entry(&mut rng, out.len(), 2 * 1024);
        total += entry.len() + 1;
        out.push(entry);
    }
    out
}
