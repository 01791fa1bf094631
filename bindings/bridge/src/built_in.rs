//! The adapters that ship with Vitrina, built from one JSON configuration the same way in every
//! language: the Stripe gateway, the Econt courier, the shop's own drivers with their reports from the
//! road, and the doubles a demo or a test runs on (the magic-card gateway, the test courier). Secrets
//! stay inside the adapter; nothing here prints them.

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;
use vitrina::couriers::own_fleet::{DriverUpdate, FleetZone, OwnFleetConfig, OwnFleetCourier};
use vitrina::couriers::test::TestCourier;
use vitrina::econt::{EcontConfig, EcontCourier, EcontSender};
use vitrina::stripe::{StripeConfig, StripeGateway};
use vitrina_core::delivery::{DeliverySlot, ShippingZone};
use vitrina_core::money::Money;
use vitrina_core::payment::{PaymentGateway, TestGateway};
use vitrina_core::shipping::{Courier, IncidentReason, ShippingError, TrackingEvent};
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

/// The own fleet's configuration as a binding passes it (snake_case keys, money as `"3.90 EUR"`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnFleetSettings {
    shop_name: String,
    zones: Vec<ZoneSettings>,
    slots: Vec<DeliverySlot>,
    #[serde(default = "default_max_weight_grams")]
    max_weight_grams: u32,
    #[serde(default = "default_slots_offered")]
    slots_offered: usize,
    #[serde(default = "default_tracking_prefix")]
    tracking_prefix: String,
}

/// A zone the drivers serve and the price of one delivery there.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ZoneSettings {
    zone: ShippingZone,
    price: Money,
}

fn default_max_weight_grams() -> u32 {
    30_000
}

fn default_slots_offered() -> usize {
    3
}

fn default_tracking_prefix() -> String {
    "OF".to_owned()
}

/// The shop's own drivers (courier `own-fleet`) configured by `config` (`{"shop_name", "zones":
/// [{"zone": {"id", "name", "countries", "postal_prefixes"?}, "price": "3.90 EUR"}], "slots": [{"id",
/// "window": {"start", "end"}, "capacity"}], "max_weight_grams"? (30000), "slots_offered"? (3),
/// "tracking_prefix"? ("OF")}`); a bad configuration is `invalid` naming the field.
pub fn own_fleet_courier(config: Value) -> Result<Arc<OwnFleetCourier>, CallError> {
    let settings: OwnFleetSettings = decode(config, "config")?;
    let zones = settings
        .zones
        .into_iter()
        .enumerate()
        .map(|(index, zone)| {
            let valid = zone.zone.validated().map_err(|error| {
                let refused = CallError::from(ShopError::from(ShippingError::from(error)));
                CallError { field: Some(format!("config.zones[{index}].zone")), ..refused }
            })?;
            Ok(FleetZone { zone: valid, price: zone.price })
        })
        .collect::<Result<Vec<_>, CallError>>()?;
    let config = OwnFleetConfig {
        shop_name: settings.shop_name,
        zones,
        slots: settings.slots,
        max_weight_grams: settings.max_weight_grams,
        slots_offered: settings.slots_offered,
        tracking_prefix: settings.tracking_prefix,
    };
    Ok(Arc::new(OwnFleetCourier::new(config)))
}

/// What a driver reports from the road, as a binding passes it: `update` is `picked_up`,
/// `out_for_delivery`, `delivered` (with `cash_collected`, `"12.00 EUR"`, on a cash parcel),
/// `failed` (with an incident `reason`), `back_at_depot` or `return_to_shop`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DriverReport {
    tracking_number: String,
    driver_id: String,
    update: String,
    #[serde(default)]
    cash_collected: Option<Money>,
    #[serde(default)]
    reason: Option<IncidentReason>,
    at: Timestamp,
}

impl DriverReport {
    /// The update itself; an unknown kind, or a failure without its reason, is `invalid`.
    fn update(&self) -> Result<DriverUpdate, ShopError> {
        Ok(match self.update.as_str() {
            "picked_up" => DriverUpdate::PickedUp,
            "out_for_delivery" => DriverUpdate::OutForDelivery,
            "delivered" => DriverUpdate::Delivered { cash_collected: self.cash_collected },
            "failed" => DriverUpdate::Failed {
                reason: self
                    .reason
                    .ok_or_else(|| ShopError::invalid("report.reason", "a failed delivery needs one"))?,
            },
            "back_at_depot" => DriverUpdate::BackAtDepot,
            "return_to_shop" => DriverUpdate::ReturnToShop,
            other => {
                let expected = "picked_up, out_for_delivery, delivered, failed, back_at_depot or return_to_shop";
                return Err(ShopError::invalid(
                    "report.update",
                    format!("unknown update {other:?}; expected {expected}"),
                ));
            }
        })
    }
}

/// Records a driver's `report` on one parcel of `fleet` (`{"tracking_number", "driver_id", "update",
/// "cash_collected"?, "reason"?, "at"}`) and answers the tracking event it became, as JSON. The shop
/// takes it in with `shipping.refresh_shipment`. A move the parcel cannot make, or cash differing
/// from what is due, is the courier's error.
pub fn driver_update(fleet: &OwnFleetCourier, report: Value) -> Result<Value, CallError> {
    let report: DriverReport = decode(report, "report")?;
    let event: TrackingEvent = fleet
        .driver_update(&report.tracking_number, &report.driver_id, report.update()?, report.at)
        .map_err(|error| ShopError::from(ShippingError::from(error)))?;
    serde_json::to_value(event).map_err(|error| ShopError::invalid("report", error.to_string()).into())
}

/// The test courier (name `test`) with its clock at `now`: EUR rates by weight, labels as text,
/// parcels that move along a scenario as its clock advances (`TestCourier::advance`).
pub fn test_courier(now: Timestamp) -> Arc<TestCourier> {
    Arc::new(TestCourier::new(now))
}

/// The magic-card gateway (card numbers decide the outcome), its webhooks signed with
/// `webhook_secret`.
pub fn test_gateway(webhook_secret: &str) -> Arc<TestGateway> {
    Arc::new(TestGateway::new(webhook_secret))
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

    fn fleet() -> Arc<OwnFleetCourier> {
        own_fleet_courier(json!({
            "shop_name": "Shop",
            "zones": [{"zone": {"id": "sofia", "name": "Sofia", "countries": ["BG"]}, "price": "3.90 EUR"}],
            "slots": [{"id": "midday", "window": {"start": "2026-04-14T08:00:00Z", "end": "2026-04-14T11:00:00Z"},
                       "capacity": 8}]
        }))
        .unwrap()
    }

    #[test]
    fn an_own_fleet_is_configured_from_json_and_names_a_bad_field() {
        assert_eq!(fleet().name(), "own-fleet");
        assert_eq!(fleet().slots()[0].id, "midday");
        let no_price = own_fleet_courier(json!({
            "shop_name": "Shop", "slots": [],
            "zones": [{"zone": {"id": "z", "name": "Z", "countries": ["BG"]}, "price": "3.90"}]
        }))
        .err()
        .unwrap();
        assert_eq!(no_price.field.as_deref(), Some("config.zones[0].price"), "{no_price:?}");
        let no_country = own_fleet_courier(json!({
            "shop_name": "Shop", "slots": [],
            "zones": [{"zone": {"id": "z", "name": "Z", "countries": []}, "price": "3.90 EUR"}]
        }))
        .err()
        .unwrap();
        assert_eq!(no_country.field.as_deref(), Some("config.zones[0].zone"), "{no_country:?}");
    }

    #[test]
    fn a_driver_report_on_an_unknown_parcel_or_of_an_unknown_kind_is_refused() {
        let at = "2026-04-14T09:00:00Z";
        let unknown = driver_update(
            &fleet(),
            json!({"tracking_number": "OF1", "driver_id": "d", "update": "picked_up", "at": at}),
        )
        .err()
        .unwrap();
        assert_eq!(unknown.domain, "shipping", "{unknown:?}");
        let odd =
            driver_update(&fleet(), json!({"tracking_number": "OF1", "driver_id": "d", "update": "flew", "at": at}))
                .err()
                .unwrap();
        assert_eq!((odd.code.as_str(), odd.field.as_deref()), ("invalid", Some("report.update")), "{odd:?}");
        let reasonless =
            driver_update(&fleet(), json!({"tracking_number": "OF1", "driver_id": "d", "update": "failed", "at": at}))
                .err()
                .unwrap();
        assert_eq!(reasonless.field.as_deref(), Some("report.reason"), "{reasonless:?}");
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
