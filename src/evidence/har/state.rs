//! What the entries add up to.

use super::super::lines::quote;
use super::super::Source;
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
}
