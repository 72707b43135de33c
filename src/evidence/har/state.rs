//! What the entries add up to.

use super::super::lines::quote;
use super::super::{Kind, Reading, Source};
use super::*;

/// A fact found, with its value and where.
#[derive(Clone)]
pub(super) struct Found {
    pub(super) value: String,
    pub(super) path: String,
    pub(super) text: String,
}

impl Found {
    pub(super) fn new(value: impl Into<String>, path: String, text: &str) -> Found {
        Found {
            value: value.into(),
            path,
            text: text.to_string(),
        }
    }

    pub(super) fn source(&self) -> Source {
        Source {
            line: 0,
            path: Some(self.path.clone()),
            text: quote(&self.text),
        }
    }
}

pub(super) struct ErrorHit {
    pub(super) code: Found,
    pub(super) started: Option<Found>,
    pub(super) request_id: Option<Found>,
    pub(super) correlation_id: Option<Found>,
}

/// Everything the reading keeps while the entries stream by: small, whatever the file's size.
#[derive(Default)]
pub(super) struct State {
    pub(super) entries: usize,
    pub(super) saw_log: bool,
    pub(super) saw_entries: bool,
    pub(super) creator: Option<String>,
    pub(super) browser: Option<String>,
    pub(super) hosts: Vec<String>,
    pub(super) more_hosts: bool,
    pub(super) login_hosts: Vec<String>,
    pub(super) seamless: Option<Found>,
    pub(super) seamless_status: Option<Found>,
    pub(super) adfs_host: Option<Found>,
    pub(super) adfs_wia: Option<Found>,
    pub(super) adfs_wia_status: Option<Found>,
    pub(super) adfs_forms: Option<Found>,
    pub(super) wauth: Option<Found>,
    pub(super) authorize: Option<Found>,
    pub(super) prompt: Option<Found>,
    pub(super) amr_values: Option<Found>,
    pub(super) domain_hint: Option<Found>,
    pub(super) login_hint: Option<Found>,
    pub(super) client_id: Option<Found>,
    /// Hosts that answered 401 with Negotiate, with the entry that did.
    pub(super) offers: Vec<(String, usize)>,
    pub(super) offered: Option<Found>,
    pub(super) negotiate_hosts: Vec<String>,
    pub(super) answered: Option<Found>,
    pub(super) ntlm: Option<Found>,
    pub(super) error: Option<ErrorHit>,
    pub(super) login_agent: Option<Found>,
    pub(super) any_agent: Option<Found>,
    pub(super) secrets: bool,
    pub(super) no_response: usize,
}

impl State {
    pub(super) fn absorb(&mut self, entry: Option<Entry>) {
        let i = self.entries;
        self.entries += 1;
        let Some(entry) = entry else {
            return;
        };
        let request = &entry.request;
        let response = entry.response.as_ref();
        let status = response.and_then(|r| r.status).filter(|s| *s > 0);
        if status.is_none() {
            self.no_response += 1;
        }
        self.secrets |= request.headers.secrets
            || request.cookie_values
            || response.is_some_and(|r| r.headers.secrets || r.cookie_values);
        let url_path = format!("log.entries[{i}].request.url");
        let req_header = |j: usize| format!("log.entries[{i}].request.headers[{j}]");
        let resp_header = |j: usize| format!("log.entries[{i}].response.headers[{j}]");

        if let Some(url) = &request.url {
            let host = url.host.as_str();
            self.add_host(host);
            let login = LOGIN_HOSTS.contains(&host);
            let adfs = url.path_lower.starts_with("/adfs/ls");
            let shown = format!(
                "{} {}",
                request.method.as_deref().unwrap_or("GET"),
                url.base
            );

            if host == AUTOLOGON && self.seamless.is_none() {
                self.seamless = Some(Found::new("yes", url_path.clone(), &shown));
                let value = status.map_or("no response".to_string(), |s| s.to_string());
                self.seamless_status = Some(Found::new(
                    value.clone(),
                    format!("log.entries[{i}].response.status"),
                    &value,
                ));
            }
            if adfs {
                if self.adfs_host.is_none() {
                    self.adfs_host = Some(Found::new(host, url_path.clone(), &shown));
                }
                if url.path_lower.starts_with("/adfs/ls/wia") {
                    if self.adfs_wia.is_none() {
                        self.adfs_wia = Some(Found::new("yes", url_path.clone(), &shown));
                    }
                    let value = status.map_or("no response".to_string(), |s| s.to_string());
                    self.adfs_wia_status = Some(Found::new(
                        value.clone(),
                        format!("log.entries[{i}].response.status"),
                        &value,
                    ));
                }
                if let Some(wauth) = url.param("wauth") {
                    if self.wauth.is_none() && !wauth.is_empty() {
                        let text = url.show_param("wauth", wauth);
                        self.wauth = Some(Found::new(wauth, url_path.clone(), &text));
                    }
                }
                let posted = request
                    .method
                    .as_deref()
                    .is_some_and(|m| m.eq_ignore_ascii_case("POST"));
                if let (true, Some(post)) = (posted, &request.post) {
                    let has = |n: &str| post.names.iter().any(|p| p == n);
                    if self.adfs_forms.is_none() && has("username") && has("password") {
                        let text =
                            format!("POST {} with fields {}", url.base, post.names.join(", "));
                        self.adfs_forms = Some(Found::new(
                            "yes",
                            format!("log.entries[{i}].request.postData.{}", post.from),
                            &text,
                        ));
                    }
                }
            }
            if login && url.path_lower.contains("/authorize") {
                self.authorize_request(url, &url_path);
            }
            if let Some((j, agent)) = &request.headers.user_agent {
                let found = || {
                    Found::new(
                        agent.as_str(),
                        req_header(*j),
                        &format!("User-Agent: {agent}"),
                    )
                };
                if (login || adfs) && self.login_agent.is_none() {
                    self.login_agent = Some(found());
                }
                if self.any_agent.is_none() {
                    self.any_agent = Some(found());
                }
            }

            if let Some((j, scheme, ntlm)) = &request.headers.authorization {
                if *ntlm && self.ntlm.is_none() {
                    let text = format!("Authorization: {scheme} [NTLM message removed] to {host}");
                    self.ntlm = Some(Found::new("yes", req_header(*j), &text));
                }
                if scheme.eq_ignore_ascii_case("negotiate") && self.answered.is_none() {
                    let earlier = self.offers.iter().any(|(h, at)| h == host && *at < i);
                    let text = format!("Authorization: Negotiate [token removed] to {host}");
                    if earlier {
                        self.answered = Some(Found::new("yes", req_header(*j), &text));
                    } else if !self.offers.iter().any(|(h, _)| h == host) {
                        // The browser answered a challenge the export folded into this entry.
                        self.answered = Some(Found::new("yes", req_header(*j), &text));
                        if self.offered.is_none() {
                            self.offered = Some(Found::new("yes", req_header(*j), &text));
                        }
                        if !self.negotiate_hosts.iter().any(|h| h == host)
                            && self.negotiate_hosts.len() < 32
                        {
                            self.negotiate_hosts.push(host.to_string());
                        }
                    }
                }
            }
            // Negotiate: offered in a 401, answered by a later request to the same host (the
            // answer is looked for before this entry's own 401 is counted).
            if let Some(r) = response {
                if status == Some(401) {
                    if let Some(j) = r.headers.offers("negotiate") {
                        if !self.offers.iter().any(|(h, _)| h == host) && self.offers.len() < 32 {
                            self.offers.push((host.to_string(), i));
                        }
                        if !self.negotiate_hosts.iter().any(|h| h == host)
                            && self.negotiate_hosts.len() < 32
                        {
                            self.negotiate_hosts.push(host.to_string());
                        }
                        if self.offered.is_none() {
                            self.offered = Some(Found::new(
                                "yes",
                                resp_header(j),
                                &format!("401 from {host}: WWW-Authenticate: Negotiate"),
                            ));
                        }
                    }
                }
            }
        }

        self.error_in(i, &entry);
    }

    pub(super) fn add_host(&mut self, host: &str) {
        if host.is_empty() || self.hosts.iter().any(|h| h == host) {
            return;
        }
        if LOGIN_HOSTS.contains(&host) && !self.login_hosts.iter().any(|h| h == host) {
            self.login_hosts.push(host.to_string());
        }
        if self.hosts.len() < MAX_HOSTS {
            self.hosts.push(host.to_string());
        } else {
            self.more_hosts = true;
        }
    }

    pub(super) fn authorize_request(&mut self, url: &UrlInfo, path: &str) {
        if self.authorize.is_none() {
            self.authorize = Some(Found::new("", path.to_string(), &url.base));
        }
        let slots: [(&str, &mut Option<Found>); 4] = [
            ("prompt", &mut self.prompt),
            ("amr_values", &mut self.amr_values),
            ("domain_hint", &mut self.domain_hint),
            ("client_id", &mut self.client_id),
        ];
        for (name, slot) in slots {
            if let Some(value) = url.param(name).filter(|v| !v.is_empty()) {
                if slot.is_none() {
                    *slot = Some(Found::new(
                        value,
                        path.to_string(),
                        &url.show_param(name, value),
                    ));
                }
            }
        }
        if url.login_hint && self.login_hint.is_none() {
            let text = url.show_param("login_hint", "");
            self.login_hint = Some(Found::new("yes", path.to_string(), &text));
        }
    }

    /// The AADSTS code of an entry (its body, its Location, its redirect URL or its own URL);
    /// the last entry with one is the error the trace ends with.
    pub(super) fn error_in(&mut self, i: usize, entry: &Entry) {
        let response = entry.response.as_ref();
        let body_counts =
            response.is_some_and(|r| r.content.mime.as_deref().is_none_or(is_textual));
        let body = response
            .map(|r| &r.content.body)
            .filter(|b| body_counts && b.code.is_some());
        let location = response.and_then(|r| r.headers.location_error.as_ref());
        let redirect = response.and_then(|r| r.redirect_code.as_ref());
        let url = entry.request.url.as_ref().filter(|u| u.code.is_some());
        // Where the code is, the text that proves it, and the ids found next to it.
        let (code, path, text, ids) = if let Some(body) = body {
            let code = body.code.clone().unwrap_or_default();
            let text = format!("AADSTS{code} in the response body");
            (
                code,
                format!("log.entries[{i}].response.content.text"),
                text,
                Some(body),
            )
        } else if let Some((j, error)) = location {
            let code = error.code.clone().unwrap_or_default();
            let text = format!("Location: …AADSTS{code}…");
            (
                code,
                format!("log.entries[{i}].response.headers[{j}]"),
                text,
                Some(error),
            )
        } else if let Some(code) = redirect {
            let text = format!("redirectURL: …AADSTS{code}…");
            (
                code.clone(),
                format!("log.entries[{i}].response.redirectURL"),
                text,
                None,
            )
        } else if let Some(url) = url {
            let code = url.code.clone().unwrap_or_default();
            let text = format!("{}?…AADSTS{code}…", url.base);
            (
                code,
                format!("log.entries[{i}].request.url"),
                text,
                Some(&url.ids),
            )
        } else {
            return;
        };
        let header = |pick: fn(&Headers) -> &Option<(usize, String)>, label: &str| {
            response
                .and_then(|r| pick(&r.headers).as_ref())
                .map(|(j, id)| {
                    let path = format!("log.entries[{i}].response.headers[{j}]");
                    Found::new(id.as_str(), path, &format!("{label}: {id}"))
                })
        };
        let beside = |id: Option<&String>, label: &str| {
            id.map(|id| Found::new(id.as_str(), path.clone(), &format!("{label}: {id}")))
        };
        let request_id = header(|h| &h.request_id, "x-ms-request-id")
            .or_else(|| beside(ids.and_then(|b| b.trace.as_ref()), "Trace ID"));
        let correlation_id = beside(ids.and_then(|b| b.correlation.as_ref()), "Correlation ID")
            .or_else(|| header(|h| &h.client_request_id, "client-request-id"));
        let started = entry
            .started
            .as_ref()
            .map(|t| Found::new(t.as_str(), format!("log.entries[{i}].startedDateTime"), t));
        self.error = Some(ErrorHit {
            code: Found::new(code, path, &text),
            started,
            request_id,
            correlation_id,
        });
    }

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
