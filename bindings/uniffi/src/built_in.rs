//! The doubles and built-in couriers Vitrina ships, for Kotlin and Swift: the shop's own drivers
//! (configured from JSON, with the drivers' reports), the test courier on its own clock and the
//! magic-card gateway, each a thin handle over what `vitrina-bridge` builds; `ShopPlugins` takes them.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use vitrina_core::payment::TestGateway;
use vitrina_couriers_own_fleet::OwnFleetCourier;
use vitrina_couriers_test::TestCourier;

use crate::plugins::decode_field;
use crate::shop::ShopCallError;

/// The shop's own drivers (courier `own-fleet`): zones, prices and delivery slots from a JSON
/// configuration, parcels moved along by the drivers' reports from the road.
#[derive(uniffi::Object)]
pub struct OwnFleetHandle {
    pub(crate) courier: Arc<OwnFleetCourier>,
}

#[uniffi::export]
impl OwnFleetHandle {
    /// The drivers configured by `config_json`: `{"shop_name", "zones": [{"zone": {"id", "name",
    /// "countries", "postal_prefixes"?}, "price": "3.90 EUR"}], "slots": [{"id", "window": {"start",
    /// "end"}, "capacity"}], "max_weight_grams"?, "slots_offered"?, "tracking_prefix"?}`; `invalid`
    /// naming the field when it does not read.
    #[uniffi::constructor]
    pub fn new(config_json: String) -> Result<Arc<OwnFleetHandle>, ShopCallError> {
        let config: serde_json::Value = decode_field("config_json", &config_json)?;
        Ok(Arc::new(OwnFleetHandle { courier: vitrina_bridge::own_fleet_courier(config)? }))
    }

    /// Records a driver's report on one parcel, `report_json`: `{"tracking_number", "driver_id",
    /// "update", "cash_collected"?, "reason"?, "at"}`, and answers the tracking event it became (JSON);
    /// the shop takes it in with `shipping.refresh_shipment`.
    pub fn driver_update(&self, report_json: String) -> Result<String, ShopCallError> {
        let report: serde_json::Value = decode_field("report_json", &report_json)?;
        Ok(vitrina_bridge::driver_update(&self.courier, report)?.to_string())
    }
}

/// The test courier (courier `test`): EUR rates by weight, labels as text, parcels that move along as
/// its own clock advances.
#[derive(uniffi::Object)]
pub struct TestCourierHandle {
    pub(crate) courier: Arc<TestCourier>,
}

#[uniffi::export]
impl TestCourierHandle {
    /// The courier with its clock at `now` (RFC 3339).
    #[uniffi::constructor]
    pub fn new(now: String) -> Result<Arc<TestCourierHandle>, ShopCallError> {
        let now: Timestamp = now.parse().map_err(|error| ShopCallError::invalid("now", error))?;
        Ok(Arc::new(TestCourierHandle { courier: vitrina_bridge::test_courier(now) }))
    }

    /// The courier's clock (RFC 3339).
    pub fn now(&self) -> String {
        self.courier.now().to_string()
    }

    /// Moves the courier's clock by `by` (ISO 8601, `PT2H`; negative goes back).
    pub fn advance(&self, by: String) -> Result<(), ShopCallError> {
        let by: SignedDuration = by.parse().map_err(|error| ShopCallError::invalid("by", error))?;
        self.courier.advance(by);
        Ok(())
    }
}

/// The magic-card gateway: the card number decides the outcome (`4242424242424242` succeeds,
/// `4000000000000002` is declined, …).
#[derive(uniffi::Object)]
pub struct TestGatewayHandle {
    pub(crate) gateway: Arc<TestGateway>,
}

#[uniffi::export]
impl TestGatewayHandle {
    /// The gateway, its webhooks signed with `webhook_secret`.
    #[uniffi::constructor]
    pub fn new(webhook_secret: String) -> Arc<TestGatewayHandle> {
        Arc::new(TestGatewayHandle { gateway: vitrina_bridge::test_gateway(&webhook_secret) })
    }
}
