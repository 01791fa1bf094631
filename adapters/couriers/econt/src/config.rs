//! How the adapter reaches Econt: credentials (never shown in `Debug`), the service URL (production
//! by default, the demo system as a constant), timeout and retries, and who sends the parcels.

use std::fmt;
use std::time::Duration;

use vitrina_core::redact::REDACTED;
use vitrina_core::shipping::CourierError;

/// The courier's name.
pub const ECONT: &str = "econt";

/// Econt's production services.
pub const PRODUCTION_URL: &str = "https://ee.econt.com/services/";

/// Econt's demo (test) system, with its own accounts.
pub const DEMO_URL: &str = "https://demo.econt.com/ee/services/";

/// The environment variable holding the Econt user name.
pub const USERNAME_VAR: &str = "ECONT_USERNAME";

/// The environment variable holding the Econt password.
pub const PASSWORD_VAR: &str = "ECONT_PASSWORD";

/// The environment variable that, when set, replaces the base URL (e.g. [`DEMO_URL`]).
pub const BASE_URL_VAR: &str = "ECONT_BASE_URL";

/// Who sends the parcels: the shop's client profile at Econt and where Econt collects them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EcontSender {
    /// The sender's name as printed on the waybill (the shop or its company).
    pub name: String,
    /// The sender's phone numbers (digits and an optional leading `+`).
    pub phones: Vec<String>,
    /// The Econt office where the shop hands its parcels in; `None` to have a courier collect them
    /// from the shipment's `from` address.
    pub office_code: Option<String>,
    /// How the sender pays Econt (`cash`, `credit` for contract clients); Econt's default when `None`.
    pub payment_method: Option<String>,
    /// The cash-on-delivery payment agreement (`cdPayOptionsTemplate`) of the shop's contract, if any.
    pub cd_pay_options_template: Option<String>,
}

/// The adapter's settings.
#[derive(Clone, PartialEq, Eq)]
pub struct EcontConfig {
    /// The Econt user name (HTTP Basic).
    pub username: String,
    /// The Econt password (HTTP Basic); shown as `<redacted>` in `Debug` output.
    pub password: String,
    /// Where Econt's services are: [`PRODUCTION_URL`] by default, [`DEMO_URL`] for tests with Econt.
    pub base_url: String,
    /// How long one HTTP call may take before it counts as failed.
    pub timeout: Duration,
    /// How many times a read (offices, prices, tracking, address checks) is tried again after a
    /// timeout, a lost connection or a 5xx answer; writes (labels, cancellations) never are.
    pub read_retries: u32,
    /// The pause before the first retry, doubled before each further one.
    pub retry_backoff: Duration,
    /// The sender.
    pub sender: EcontSender,
    /// What is written as the waybill's contents when the shipment says nothing more.
    pub shipment_description: String,
    /// Declare the cash-on-delivery amount as the parcel's value (Econt insures it) when no declared
    /// value is given.
    pub declare_cash_on_delivery_value: bool,
    /// Download the label's PDF when a waybill is created (otherwise the label is Econt's link).
    pub download_label: bool,
}

impl EcontConfig {
    /// Settings for `username` / `password` against production, with a 30 s timeout and two read
    /// retries.
    pub fn new(username: impl Into<String>, password: impl Into<String>, sender: EcontSender) -> EcontConfig {
        EcontConfig {
            username: username.into(),
            password: password.into(),
            base_url: PRODUCTION_URL.to_owned(),
            timeout: Duration::from_secs(30),
            read_retries: 2,
            retry_backoff: Duration::from_millis(250),
            sender,
            shipment_description: "Goods".to_owned(),
            declare_cash_on_delivery_value: false,
            download_label: true,
        }
    }

    /// Settings from the environment: [`USERNAME_VAR`] and [`PASSWORD_VAR`] (both required) and,
    /// when set, [`BASE_URL_VAR`]; everything else as [`EcontConfig::new`].
    pub fn from_env(sender: EcontSender) -> Result<EcontConfig, CourierError> {
        EcontConfig::from_lookup(sender, |name| std::env::var(name).ok())
    }

    /// Like [`EcontConfig::from_env`], reading variables through `lookup` (for hosts that keep
    /// their settings elsewhere, and for tests).
    pub fn from_lookup(
        sender: EcontSender,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<EcontConfig, CourierError> {
        let required = |name: &str| {
            lookup(name)
                .filter(|value| !value.trim().is_empty())
                .ok_or_else(|| CourierError::invalid(name, "is not set"))
        };
        let mut config = EcontConfig::new(required(USERNAME_VAR)?, required(PASSWORD_VAR)?, sender);
        if let Some(url) = lookup(BASE_URL_VAR).filter(|url| !url.trim().is_empty()) {
            config.base_url = url.trim().to_owned();
        }
        Ok(config)
    }

    /// The same settings against `base_url`.
    pub fn with_base_url(mut self, base_url: impl Into<String>) -> EcontConfig {
        self.base_url = base_url.into();
        self
    }

    /// The full URL of a service path (`Shipments/LabelService.createLabel.json`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base_url.trim_end_matches('/'), path.trim_start_matches('/'))
    }
}

impl fmt::Debug for EcontConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcontConfig")
            .field("username", &self.username)
            .field("password", &REDACTED)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("read_retries", &self.read_retries)
            .field("retry_backoff", &self.retry_backoff)
            .field("sender", &self.sender)
            .field("shipment_description", &self.shipment_description)
            .field("declare_cash_on_delivery_value", &self.declare_cash_on_delivery_value)
            .field("download_label", &self.download_label)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_the_password() {
        let config = EcontConfig::new("shop", "s3cret-pass", EcontSender::default());
        let shown = format!("{config:?}");
        assert!(shown.contains("shop") && shown.contains(REDACTED), "{shown}");
        assert!(!shown.contains("s3cret-pass"), "{shown}");
    }

    #[test]
    fn environment_gives_credentials_and_may_point_at_the_demo() {
        let vars = |name: &str| match name {
            USERNAME_VAR => Some("demo-user".to_owned()),
            PASSWORD_VAR => Some("demo-pass".to_owned()),
            BASE_URL_VAR => Some(DEMO_URL.to_owned()),
            _ => None,
        };
        let config = EcontConfig::from_lookup(EcontSender::default(), vars).unwrap();
        assert_eq!((config.username.as_str(), config.password.as_str()), ("demo-user", "demo-pass"));
        assert_eq!(
            config.url("Shipments/LabelService.createLabel.json"),
            format!("{DEMO_URL}Shipments/LabelService.createLabel.json")
        );

        let missing = EcontConfig::from_lookup(EcontSender::default(), |n| (n == USERNAME_VAR).then(|| "u".to_owned()));
        assert!(matches!(missing, Err(CourierError::InvalidRequest { field, .. }) if field == PASSWORD_VAR));
        let production = EcontConfig::new("u", "p", EcontSender::default());
        assert_eq!(production.url("/x.json"), "https://ee.econt.com/services/x.json");
    }
}
