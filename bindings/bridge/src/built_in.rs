//! The adapters that ship with Vitrina, built from one JSON configuration the same way in every
//! language: the Econt courier (`econt`). Secrets stay inside the adapter; nothing here prints them.

use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use vitrina::econt::{EcontConfig, EcontCourier, EcontSender};
use vitrina_core::shipping::{Courier, ShippingError};
use vitrina_core::shop::ShopError;

use crate::CallError;

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
