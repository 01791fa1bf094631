//! The adapters that ship with Vitrina, built from one JSON configuration the same way in every
//! language: the Stripe gateway and the Econt courier. Secrets stay inside the adapter; nothing here
//! prints them.

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use vitrina::econt::{EcontConfig, EcontCourier, EcontSender};
use vitrina::stripe::{StripeConfig, StripeGateway};
use vitrina_core::payment::PaymentGateway;
use vitrina_core::shipping::{Courier, ShippingError};
use vitrina_core::shop::ShopError;

use crate::CallError;

/// The Stripe gateway's configuration as a binding passes it (snake_case keys).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StripeSettings {
    api_key: String,
    /// The endpoint's signing secrets (two while rolling one); none: webhooks are refused.
    #[serde(default)]
    webhook_secrets: Vec<String>,
    /// Defaults to Stripe's API; a test server's URL otherwise.
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    timeout_seconds: Option<u64>,
    #[serde(default)]
    max_retries: Option<u32>,
}

/// The Stripe gateway configured by `config` (`{"api_key", "webhook_secrets"?, "base_url"?,
/// "timeout_seconds"?, "max_retries"?}`); a bad configuration is an error naming the field.
pub fn stripe_gateway(config: Value) -> Result<Arc<dyn PaymentGateway>, CallError> {
    let settings: StripeSettings = decode(config, "config")?;
    let mut stripe = StripeConfig::new(settings.api_key);
    stripe.webhook_secrets = settings.webhook_secrets;
    if let Some(url) = settings.base_url {
        stripe.base_url = url;
    }
    if let Some(seconds) = settings.timeout_seconds {
        stripe.timeout = Duration::from_secs(seconds);
    }
    if let Some(retries) = settings.max_retries {
        stripe.max_retries = retries;
    }
    let gateway = StripeGateway::new(stripe).map_err(|error| {
        let refused = CallError::of(&error);
        CallError { field: refused.field.as_ref().map(|field| format!("config.{field}")), ..refused }
    })?;
    Ok(Arc::new(gateway))
}

/// The Econt courier's configuration as a binding passes it (snake_case keys).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EcontSettings {
    username: String,
    password: String,
    /// Defaults to Econt's production services; `vitrina.econt.DEMO_URL` for the demo system.
    #[serde(default)]
    base_url: Option<String>,
    #[serde(default)]
    timeout_seconds: Option<u64>,
    sender: SenderSettings,
}

/// Who sends the parcels.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SenderSettings {
    name: String,
    #[serde(default)]
    phones: Vec<String>,
    #[serde(default)]
    office_code: Option<String>,
}

/// The Econt courier configured by `config` (`{"username", "password", "sender": {"name", "phones",
/// "office_code"}, "base_url"?, "timeout_seconds"?}`); a bad configuration is `invalid` naming the
/// field.
pub fn econt_courier(config: Value) -> Result<Arc<dyn Courier>, CallError> {
    let settings: EcontSettings = decode(config, "config")?;
    let sender = EcontSender {
        name: settings.sender.name,
        phones: settings.sender.phones,
        office_code: settings.sender.office_code,
        ..EcontSender::default()
    };
    let mut econt = EcontConfig::new(settings.username, settings.password, sender);
    if let Some(url) = settings.base_url {
        econt = econt.with_base_url(url);
    }
    if let Some(seconds) = settings.timeout_seconds {
        econt.timeout = Duration::from_secs(seconds);
    }
    let courier = EcontCourier::new(econt).map_err(|e| ShopError::from(ShippingError::from(e)))?;
    Ok(Arc::new(courier))
}

/// `value` read as `T`; a mismatch is `invalid` on `{field}.{path}`.
fn decode<T: DeserializeOwned>(value: Value, field: &str) -> Result<T, CallError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let at = if path == "." { field.to_owned() } else { format!("{field}.{path}") };
        ShopError::invalid(&at, error.inner().to_string()).into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use vitrina_core::shipping::TrackingReport;

    #[test]
    fn a_bad_configuration_names_the_field() {
        let missing = econt_courier(json!({"username": "shop", "sender": {"name": "Shop"}})).err().unwrap();
        assert_eq!((missing.code.as_str(), missing.field.as_deref()), ("invalid", Some("config")));
        let wrong = econt_courier(json!({"username": "shop", "password": "p", "sender": {"name": 5}})).err().unwrap();
        assert_eq!(wrong.field.as_deref(), Some("config.sender.name"), "{wrong:?}");
    }

    #[test]
    fn stripe_is_configured_from_json_and_refuses_a_bad_key() {
        let gateway = stripe_gateway(json!({"api_key": "sk_test_123", "webhook_secrets": ["whsec_1"]})).unwrap();
        assert_eq!(gateway.name(), "stripe");
        let blank = stripe_gateway(json!({"api_key": " "})).err().unwrap();
        assert_eq!((blank.domain.as_str(), blank.field.as_deref()), ("payment", Some("config.api_key")), "{blank:?}");
        let unknown = stripe_gateway(json!({"api_key": "sk_test_123", "secret": "x"})).err().unwrap();
        assert_eq!(
            (unknown.code.as_str(), unknown.field.as_deref()),
            ("invalid", Some("config.secret")),
            "{unknown:?}"
        );
    }

    #[tokio::test]
    async fn a_configured_courier_is_econt_and_reaches_its_base_url() {
        let courier = econt_courier(json!({
            "username": "shop", "password": "s3cret", "base_url": "http://127.0.0.1:9/services/",
            "timeout_seconds": 2, "sender": {"name": "Shop", "phones": ["+359888000000"]}
        }))
        .unwrap();
        assert_eq!(courier.name(), "econt");
        let unreachable: Result<TrackingReport, _> = courier.track(&["1051600000001".to_owned()]).await;
        let Err(error) = unreachable else { panic!("nothing listens on port 9") };
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }
}
