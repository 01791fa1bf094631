//! How a shop configures the Stripe gateway: the secret API key, the webhook signing secrets (several
//! during a rotation), the API's base URL, the timeout and the retry budget. Secrets never show in `Debug`.

use std::time::Duration;

use thiserror::Error;
use vitrina_core::redact::REDACTED;

/// Stripe's API, where requests go unless the configuration says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";

/// The environment variable holding the secret API key (`sk_test_...` or `sk_live_...`).
pub const ENV_API_KEY: &str = "STRIPE_API_KEY";

/// The environment variable holding the webhook signing secret(s), comma-separated during a rotation.
pub const ENV_WEBHOOK_SECRET: &str = "STRIPE_WEBHOOK_SECRET";

/// The Stripe gateway's configuration. Its `Debug` output shows neither the API key nor the
/// webhook secrets.
#[derive(Clone)]
pub struct StripeConfig {
    /// The secret (or restricted) API key, sent as `Authorization: Bearer <key>`.
    pub api_key: String,
    /// The webhook endpoint signing secrets (`whsec_...`) accepted; two while rolling a secret.
    pub webhook_secrets: Vec<String>,
    /// The API's base URL, without a trailing slash (default [`DEFAULT_BASE_URL`]).
    pub base_url: String,
    /// How long one HTTP attempt may take, connecting included.
    pub timeout: Duration,
    /// How many times a request is retried after a network error, a timeout, a 5xx or a 429 (always
    /// with the same idempotency key); 4xx answers are never retried.
    pub max_retries: u32,
    /// The wait before the first retry; it doubles with each further retry (capped at 5 seconds).
    pub retry_backoff: Duration,
    /// How far a webhook's signed timestamp may be from its arrival (Stripe's libraries use 5 minutes).
    pub webhook_tolerance: Duration,
}

impl std::fmt::Debug for StripeConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StripeConfig")
            .field("api_key", &REDACTED)
            .field("webhook_secrets", &vec![REDACTED; self.webhook_secrets.len()])
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("retry_backoff", &self.retry_backoff)
            .field("webhook_tolerance", &self.webhook_tolerance)
            .finish()
    }
}

/// Why a configuration was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StripeConfigError {
    /// A required environment variable is not set or not valid Unicode.
    #[error("{variable}: not set")]
    MissingVariable {
        /// The variable.
        variable: &'static str,
    },
    /// A value is not usable.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field at fault.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
}

vitrina_core::error_code!(StripeConfigError, "payment", {
    StripeConfigError::MissingVariable { variable } => "missing_variable" @ *variable,
    StripeConfigError::Invalid { field, .. } => "invalid_config" @ *field,
});

impl StripeConfig {
    /// A configuration with `api_key`, no webhook secrets and the defaults: Stripe's base URL, a
    /// 30-second timeout, 2 retries starting at 500 ms, a 5-minute webhook tolerance.
    pub fn new(api_key: impl Into<String>) -> StripeConfig {
        StripeConfig {
            api_key: api_key.into(),
            webhook_secrets: Vec::new(),
            base_url: DEFAULT_BASE_URL.to_owned(),
            timeout: Duration::from_secs(30),
            max_retries: 2,
            retry_backoff: Duration::from_millis(500),
            webhook_tolerance: Duration::from_secs(300),
        }
    }

    /// The defaults of [`StripeConfig::new`] with the key from `STRIPE_API_KEY` and the webhook
    /// secrets from `STRIPE_WEBHOOK_SECRET` (optional; comma-separated to accept several).
    pub fn from_env() -> Result<StripeConfig, StripeConfigError> {
        StripeConfig::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`StripeConfig::from_env`], reading variables through `lookup` (for hosts that keep
    /// their settings elsewhere, and for tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<StripeConfig, StripeConfigError> {
        let api_key = lookup(ENV_API_KEY)
            .filter(|k| !k.trim().is_empty())
            .ok_or(StripeConfigError::MissingVariable { variable: ENV_API_KEY })?;
        let mut config = StripeConfig::new(api_key.trim());
        if let Some(secrets) = lookup(ENV_WEBHOOK_SECRET) {
            config.webhook_secrets =
                secrets.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
        }
        config.validate()?;
        Ok(config)
    }

    /// Checks the key, the base URL and the timeout.
    pub fn validate(&self) -> Result<(), StripeConfigError> {
        let invalid = |field, reason: &str| Err(StripeConfigError::Invalid { field, reason: reason.to_owned() });
        if self.api_key.trim().is_empty() || self.api_key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return invalid("api_key", "must be a non-empty key without spaces");
        }
        if !(self.base_url.starts_with("https://") || self.base_url.starts_with("http://")) {
            return invalid("base_url", "must be an http(s) URL");
        }
        if self.timeout.is_zero() {
            return invalid("timeout", "must be positive");
        }
        if self.webhook_secrets.iter().any(String::is_empty) {
            return invalid("webhook_secrets", "must not contain an empty secret");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrina_core::error::ErrorCode;

    #[test]
    fn reads_the_environment_and_never_prints_secrets() {
        let vars = |name: &str| match name {
            ENV_API_KEY => Some("sk_test_abc".to_owned()),
            ENV_WEBHOOK_SECRET => Some("whsec_new, whsec_old".to_owned()),
            _ => None,
        };
        let config = StripeConfig::from_lookup(vars).unwrap();
        assert_eq!(config.api_key, "sk_test_abc");
        assert_eq!(config.webhook_secrets, ["whsec_new", "whsec_old"]);
        assert_eq!(config.base_url, DEFAULT_BASE_URL);
        let shown = format!("{config:?}");
        assert!(!shown.contains("sk_test_abc") && !shown.contains("whsec_"), "{shown}");
    }

    #[test]
    fn a_missing_key_or_bad_values_are_refused_with_a_code() {
        let error = StripeConfig::from_lookup(|_| None).unwrap_err();
        assert_eq!((error.code(), error.field()), ("missing_variable", Some(ENV_API_KEY)));
        let mut config = StripeConfig::new("sk_test_abc");
        config.base_url = "ftp://x".into();
        assert_eq!(config.validate().unwrap_err().field(), Some("base_url"));
        config = StripeConfig::new("sk test");
        assert_eq!(config.validate().unwrap_err().code(), "invalid_config");
    }
}
