//! The HTTP side: JSON POSTs with HTTP Basic auth, a timeout on every call, retries (with doubling
//! pauses) for reads only, and Econt's answers sorted into data, Econt errors and transport failures.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::config::EcontConfig;
use crate::wire::EcontError;

/// The HTTP status Econt answers a refused request with (its error document in the body).
pub(crate) const ECONT_ERROR_STATUS: u16 = 517;

/// Whether a call may be repeated without effect (and so retried).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Call {
    /// Reads nothing changes: offices, price calculation, statuses, address checks, label PDFs.
    Read,
    /// Creates or deletes a waybill: never retried, a repeat could print a second label.
    Write,
}

/// Why a call gave no data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// Econt refused the request and said why.
    Econt {
        /// The HTTP status (517 for Econt's own refusals).
        status: u16,
        /// Econt's error document.
        error: EcontError,
    },
    /// Econt could not be reached, timed out, failed (5xx) or answered something unreadable.
    Unavailable(String),
}

/// The HTTP client bound to one configuration.
pub(crate) struct Transport {
    http: reqwest::Client,
    config: EcontConfig,
}

impl Transport {
    pub(crate) fn new(config: EcontConfig) -> Result<Transport, String> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .user_agent(concat!("vitrina-couriers-econt/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Transport { http, config })
    }

    pub(crate) fn config(&self) -> &EcontConfig {
        &self.config
    }

    /// POSTs `body` as JSON to the service `path` and reads the answer as `T`.
    pub(crate) async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        call: Call,
    ) -> Result<T, Failure> {
        let url = self.config.url(path);
        let payload = serde_json::to_vec(body).map_err(|e| Failure::Unavailable(format!("{path}: {e}")))?;
        let bytes = self
            .with_retries(call, || async {
                let request = self
                    .http
                    .post(&url)
                    .basic_auth(&self.config.username, Some(&self.config.password))
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .header(reqwest::header::ACCEPT, "application/json")
                    .body(payload.clone());
                self.exchange(path, request).await
            })
            .await?;
        serde_json::from_slice(&bytes).map_err(|e| Failure::Unavailable(format!("{path}: unreadable answer: {e}")))
    }

    /// GETs a document (a label PDF) as bytes with its content type; a read, so retried.
    pub(crate) async fn get_document(&self, url: &str) -> Result<(String, Vec<u8>), Failure> {
        self.with_retries(Call::Read, || async {
            let response = self.http.get(url).send().await.map_err(|e| transport(url, &e))?;
            let status = response.status().as_u16();
            let content_type = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("application/pdf")
                .to_owned();
            let bytes = response.bytes().await.map_err(|e| transport(url, &e))?;
            if (200..300).contains(&status) {
                Ok((content_type, bytes.to_vec()))
            } else {
                Err(Attempt::failed(status, Failure::Unavailable(format!("label document: HTTP {status}"))))
            }
        })
        .await
    }

    async fn exchange(&self, path: &str, request: reqwest::RequestBuilder) -> Result<Vec<u8>, Attempt> {
        let response = request.send().await.map_err(|e| transport(path, &e))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| transport(path, &e))?;
        if (200..300).contains(&status) {
            return Ok(bytes.to_vec());
        }
        let error = serde_json::from_slice::<EcontError>(&bytes)
            .ok()
            .filter(|e| e.kind.is_some() || e.message.as_deref().is_some_and(|m| !m.trim().is_empty()));
        let failure = match error {
            Some(error) if status == ECONT_ERROR_STATUS || status < 500 => Failure::Econt { status, error },
            Some(error) => Failure::Unavailable(format!("{path}: HTTP {status}: {}", error.text())),
            None => Failure::Unavailable(format!("{path}: HTTP {status}")),
        };
        Err(Attempt::failed(status, failure))
    }

    async fn with_retries<T, F, Fut>(&self, call: Call, mut attempt: F) -> Result<T, Failure>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, Attempt>>,
    {
        let retries = if call == Call::Read { self.config.read_retries } else { 0 };
        let mut pause = self.config.retry_backoff;
        let mut tried = 0;
        loop {
            match attempt().await {
                Ok(value) => return Ok(value),
                Err(failed) if failed.retryable && tried < retries => {
                    tried += 1;
                    tokio::time::sleep(pause).await;
                    pause = pause.saturating_mul(2).min(Duration::from_secs(10));
                }
                Err(failed) => {
                    return Err(match (call, failed.failure) {
                        (Call::Write, Failure::Unavailable(reason)) if failed.unknown_outcome => Failure::Unavailable(
                            format!("{reason} (Econt may have carried the request out: check before repeating it)"),
                        ),
                        (_, failure) => failure,
                    })
                }
            }
        }
    }
}

/// One failed try: whether another try may help, and whether the request may have reached Econt.
pub(crate) struct Attempt {
    failure: Failure,
    retryable: bool,
    unknown_outcome: bool,
}

impl Attempt {
    fn failed(status: u16, failure: Failure) -> Attempt {
        let retryable = status == 429 || ((500..600).contains(&status) && status != ECONT_ERROR_STATUS);
        Attempt { failure, retryable, unknown_outcome: retryable }
    }
}

fn transport(what: &str, error: &reqwest::Error) -> Attempt {
    let reason = if error.is_timeout() {
        format!("{what}: no answer in time")
    } else if error.is_connect() {
        format!("{what}: cannot connect")
    } else {
        format!("{what}: {}", without_url(error))
    };
    // A request that never connected cannot have been carried out.
    Attempt { failure: Failure::Unavailable(reason), retryable: true, unknown_outcome: !error.is_connect() }
}

/// The error's text without the URL (which is harmless, but long).
fn without_url(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text.replace(&format!(" ({url})"), "").replace(url.as_str(), "");
    }
    text
}
