//! What the kept state adds up to: the facts and notes of the reading, and the browser named
//! from a User-Agent.

use super::super::lines::quote;
use super::super::{Kind, Reading, Source};
use super::*;

impl State {
    pub(super) fn finish(mut self, error: Option<serde_json::Error>) -> Reading {
        let mut reading = Reading::new(Kind::Har);
        if !self.saw_log && error.is_none() {
            reading.note("this JSON has no \"log\" object: it is not a HAR");
            return reading;
        }
        let all = |text: String| Source {
            line: 0,
            path: Some("log.entries".to_string()),
            text,
        };
        let n = self.entries;
        if self.saw_entries || n > 0 {
            reading.set("trace.entries", n.to_string(), all(format!("{n} entries")));
        }
        if !self.hosts.is_empty() {
            let text = format!("{} hosts, first {}", self.hosts.len(), self.hosts[0]);
            reading.set("trace.hosts", std::mem::take(&mut self.hosts), all(text));
        }
        if !self.login_hosts.is_empty() {
            let text = format!("sign-in hosts: {}", self.login_hosts.join(", "));
            reading.set(
                "trace.login_hosts",
                std::mem::take(&mut self.login_hosts),
                all(text),
            );
        }
        let yes_no = |reading: &mut Reading, name: &str, found: &Option<Found>, absent: String| {
            match found {
                Some(f) => reading.set(name, f.value.as_str(), f.source()),
                None => reading.set(name, "no", all(absent)),
            }
        };
        let set = |reading: &mut Reading, name: &str, found: &Option<Found>| {
            if let Some(f) = found {
                reading.set(name, f.value.as_str(), f.source());
            }
        };
        if n > 0 {
            yes_no(
                &mut reading,
                "trace.seamless_sso",
                &self.seamless,
                format!("no request to {AUTOLOGON} in {n} entries"),
            );
        }
        set(
            &mut reading,
            "trace.seamless_sso_status",
            &self.seamless_status,
        );
        set(&mut reading, "trace.adfs_host", &self.adfs_host);
        if let Some(adfs) = &self.adfs_host {
            yes_no(
                &mut reading,
                "trace.adfs_wia",
                &self.adfs_wia,
                format!("no request to {}/adfs/ls/wia", adfs.value),
            );
            set(&mut reading, "trace.adfs_wia_status", &self.adfs_wia_status);
            yes_no(
                &mut reading,
                "trace.adfs_forms",
                &self.adfs_forms,
                format!(
                    "no user name and password posted to {}/adfs/ls/",
                    adfs.value
                ),
            );
        }
        set(&mut reading, "trace.wauth", &self.wauth);
        set(&mut reading, "trace.prompt", &self.prompt);
        set(&mut reading, "trace.amr_values", &self.amr_values);
        set(&mut reading, "trace.domain_hint", &self.domain_hint);
        if let Some(authorize) = &self.authorize {
            match &self.login_hint {
                Some(f) => reading.set("trace.login_hint_present", "yes", f.source()),
                None => reading.set(
                    "trace.login_hint_present",
                    "no",
                    Source {
                        line: 0,
                        path: Some(authorize.path.clone()),
                        text: quote(&format!("{} without login_hint", authorize.text)),
                    },
                ),
            }
        }
        set(&mut reading, "trace.client_id", &self.client_id);
        if n > 0 {
            yes_no(
                &mut reading,
                "trace.negotiate_offered",
                &self.offered,
                format!("no 401 with WWW-Authenticate: Negotiate in {n} entries"),
            );
        }
        if !self.negotiate_hosts.is_empty() {
            let text = format!("Negotiate asked by {}", self.negotiate_hosts.join(", "));
            reading.set(
                "trace.negotiate_hosts",
                std::mem::take(&mut self.negotiate_hosts),
                all(text),
            );
        }
        let sanitized = n > 0 && !self.secrets;
        if sanitized {
            // Without Authorization headers no answer can be seen, so none is claimed either way.
            reading.note(
                "sensitive data was removed from this export (no cookie or Authorization header \
                 has a value): whether Negotiate was answered, and with NTLM, cannot be told",
            );
        } else if n > 0 {
            if self.offered.is_some() || self.answered.is_some() {
                let asked = self
                    .offers
                    .iter()
                    .map(|(h, _)| h.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                yes_no(
                    &mut reading,
                    "trace.negotiate_answered",
                    &self.answered,
                    format!("no Authorization: Negotiate sent after the 401 from {asked}"),
                );
            }
            yes_no(
                &mut reading,
                "trace.ntlm_used",
                &self.ntlm,
                format!("no NTLM Authorization header in {n} entries"),
            );
        }
        if let Some(hit) = &self.error {
            set(&mut reading, "trace.error_code", &Some(hit.code.clone()));
            set(&mut reading, "trace.correlation_id", &hit.correlation_id);
            set(&mut reading, "trace.request_id", &hit.request_id);
            set(&mut reading, "trace.error_time", &hit.started);
        }
        let agent = self.login_agent.as_ref().or(self.any_agent.as_ref());
        let creator = self.creator.as_deref();
        match (agent, creator) {
            (Some(agent), _) => {
                let browser = browser_of(&agent.value);
                let value = match (browser, creator) {
                    (Some(b), Some(c)) => format!("{b} (HAR by {c})"),
                    (Some(b), None) => b,
                    (None, Some(c)) => format!("{} (HAR by {c})", cut(&agent.value, 80)),
                    (None, None) => cut(&agent.value, 80).to_string(),
                };
                reading.set("trace.browser", value, agent.source());
                reading.set(
                    "trace.user_agent",
                    crate::text::shorten_to(&agent.value, 160),
                    agent.source(),
                );
            }
            (None, Some(c)) if n > 0 => {
                let value = match &self.browser {
                    Some(b) => format!("{b} (HAR by {c})"),
                    None => format!("HAR by {c}"),
                };
                let source = Source {
                    line: 0,
                    path: Some("log.creator".to_string()),
                    text: quote(c),
                };
                reading.set("trace.browser", value, source);
            }
            _ => {}
        }
        if n > 0 {
            let text = if sanitized {
                "no cookie or Authorization value in any entry"
            } else {
                "cookies or Authorization headers have values"
            };
            reading.set(
                "trace.sanitized",
                if sanitized { "yes" } else { "no" },
                all(text.to_string()),
            );
        }
        if self.more_hosts {
            reading.note(format!(
                "more than {MAX_HOSTS} hosts: only the first {MAX_HOSTS} are listed"
            ));
        }
        if self.no_response > 0 {
            reading.note(format!(
                "{} entries had no response (aborted, blocked or still pending)",
                self.no_response
            ));
        }
        if self.saw_log && !self.saw_entries && error.is_none() {
            reading.note("the HAR has no log.entries: nothing was recorded");
        } else if n == 0 && error.is_none() {
            reading.note("the HAR has no entries: nothing was recorded");
        }
        if let Some(error) = error {
            if error.is_eof() {
                reading.note(format!("truncated: the JSON ends early after {n} entries"));
            } else if !self.saw_log {
                reading.note(format!(
                    "not a HAR: the JSON could not be read (line {}, column {})",
                    error.line(),
                    error.column()
                ));
            } else {
                reading.note(format!(
                    "the JSON is not valid after {n} entries (line {}, column {}); the rest was not read",
                    error.line(),
                    error.column()
                ));
            }
        }
        reading
    }
}

/// "Edge 120.0.2210.91 on Windows NT 10.0" from a User-Agent.
pub(super) fn browser_of(agent: &str) -> Option<String> {
    let version_after = |marker: &str| {
        agent.find(marker).map(|at| {
            agent[at + marker.len()..]
                .split(|c: char| c.is_whitespace() || c == ';' || c == ')')
                .next()
                .unwrap_or("")
                .to_string()
        })
    };
    let product = [
        ("Edg/", "Edge"),
        ("EdgA/", "Edge"),
        ("Edge/", "Edge (legacy)"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Trident/", "Internet Explorer (Trident)"),
        ("MSIE ", "Internet Explorer"),
    ]
    .iter()
    .find_map(|(marker, name)| version_after(marker).map(|v| format!("{name} {v}")))
    .or_else(|| {
        (agent.contains("Safari/"))
            .then(|| version_after("Version/").map(|v| format!("Safari {v}")))
            .flatten()
    })?;
    let platform = agent
        .split_once('(')
        .and_then(|(_, rest)| rest.split([';', ')']).next())
        .map(str::trim)
        .filter(|p| !p.is_empty());
    Some(match platform {
        Some(p) => format!("{} on {}", product.trim(), cut(p, 40)),
        None => product.trim().to_string(),
    })
}
