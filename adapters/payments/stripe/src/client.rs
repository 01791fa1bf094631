//! The HTTP side: form-encoded requests with Stripe's headers (bearer key, pinned `Stripe-Version`, an
//! `Idempotency-Key` on every POST), a timeout per attempt, bounded retries only where Stripe says safe.

use std::time::Duration;

use reqwest::{Method, StatusCode, Url};
use serde_json::Value;

use crate::config::StripeConfig;
use crate::wire::{ApiError, ErrorBody};

/// The API version every request pins (`Stripe-Version`), so answers keep the shape this adapter reads
/// whatever the account's default version is.
pub const API_VERSION: &str = "2026-07-29.dahlia";

/// The longest wait between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// A form body: `(key, value)` pairs in order, nested keys written as Stripe reads them
/// (`metadata[order_reference]`, `expand[]`).
pub type Form = Vec<(String, String)>;

/// Why a request brought no success answer.
#[derive(Debug, Clone)]
pub enum Failure {
    /// Stripe answered with its error object.
    Api {
        /// The HTTP status.
        status: u16,
        /// The error object.
        error: ApiError,
        /// The error body as received.
        raw: Value,
    },
    /// No usable answer: unreachable, timed out, or an unreadable body.
    Unavailable(String),
}

/// A Stripe API client over `reqwest`. Network errors, timeouts, 429 and 5xx are retried (the same
/// request, so the same idempotency key) with doubling backoff; Stripe's `Stripe-Should-Retry` header
/// overrides that guess either way.
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    api_key: String,
    max_retries: u32,
    backoff: Duration,
}

impl Client {
    /// A client for `config` (already validated).
    pub fn new(config: &StripeConfig) -> Result<Client, String> {
        let http = reqwest::Client::builder()
            .timeout(config.timeout)
            .connect_timeout(config.timeout)
            .user_agent(concat!("vitrina-payments-stripe/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("HTTP client: {e}"))?;
        Ok(Client {
            http,
            base_url: config.base_url.trim_end_matches('/').to_owned(),
            api_key: config.api_key.clone(),
            max_retries: config.max_retries,
            backoff: config.retry_backoff,
        })
    }

    /// `POST path` with `form`, under `idempotency_key` (the same on every retry).
    pub async fn post(&self, path: &str, form: &Form, idempotency_key: &str) -> Result<Value, Failure> {
        self.send(Method::POST, path, &[], Some((form, idempotency_key))).await
    }

    /// `GET path?query`.
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Result<Value, Failure> {
        self.send(Method::GET, path, query, None).await
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<(&Form, &str)>,
    ) -> Result<Value, Failure> {
        let mut url = Url::parse(&format!("{}{path}", self.base_url))
            .map_err(|e| Failure::Unavailable(format!("bad URL for {path}: {e}")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let mut attempt = 0;
        loop {
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(&self.api_key)
                .header("Stripe-Version", API_VERSION);
            if let Some((form, key)) = body {
                request = request.header("Idempotency-Key", key).form(form);
            }
            let (failure, retryable) = match request.send().await {
                Ok(response) => {
                    let status = response.status();
                    let should_retry = response
                        .headers()
                        .get("stripe-should-retry")
                        .and_then(|v| v.to_str().ok())
                        .map(|v| v.eq_ignore_ascii_case("true"));
                    match response.bytes().await {
                        Ok(bytes) if status.is_success() => {
                            return serde_json::from_slice(&bytes).map_err(|e| {
                                Failure::Unavailable(format!("unreadable answer from Stripe (HTTP {status}): {e}"))
                            });
                        }
                        Ok(bytes) => {
                            let retryable = should_retry
                                .unwrap_or(status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error());
                            (api_failure(status, &bytes), retryable)
                        }
                        Err(e) => (Failure::Unavailable(describe(&e)), true),
                    }
                }
                Err(e) => (Failure::Unavailable(describe(&e)), true),
            };
            if !retryable || attempt >= self.max_retries {
                return Err(failure);
            }
            tokio::time::sleep(self.backoff.saturating_mul(1 << attempt.min(16)).min(MAX_BACKOFF)).await;
            attempt += 1;
        }
    }
}

/// An error answer as a [`Failure`]; a body that is not Stripe's error object counts as unavailable.
fn api_failure(status: StatusCode, bytes: &[u8]) -> Failure {
    let raw: Option<Value> = serde_json::from_slice(bytes).ok();
    match raw.clone().and_then(|v| serde_json::from_value::<ErrorBody>(v).ok()) {
        Some(body) => Failure::Api { status: status.as_u16(), error: body.error, raw: raw.unwrap_or_default() },
        None => Failure::Unavailable(format!("Stripe answered HTTP {status} without an error object")),
    }
}

/// A transport error, without the request's headers (the key never shows).
fn describe(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "Stripe did not answer in time".to_owned()
    } else if error.is_connect() {
        "could not connect to Stripe".to_owned()
    } else {
        format!("request to Stripe failed: {error}")
    }
}
