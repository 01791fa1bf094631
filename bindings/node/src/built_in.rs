//! The couriers that ship with Vitrina besides Econt, built by the bridge from one JSON object the same
//! way in every language: the shop's own drivers (with their reports from the road) and the test courier.

use std::sync::Arc;

use napi::bindgen_prelude::{Either, PromiseRaw, Unknown};
use napi::Env;
use napi_derive::napi;
use serde_json::Value;
use vitrina::couriers::own_fleet::OwnFleetCourier;
use vitrina::couriers::test::TestCourier;
use vitrina_core::shipping::Courier;

use crate::convert::{from_js, to_js};
use crate::errors::call_error;
use crate::shop::{duration, timestamp};

/// The shop's own drivers (name `own-fleet`): delivery zones with a price, time slots with a capacity,
/// and parcels moved by what the drivers report (`driverUpdate`). Give it to `Shop.open` among
/// `couriers`.
#[napi(js_name = "OwnFleetCourier")]
pub struct JsOwnFleetCourier {
    inner: Arc<OwnFleetCourier>,
}

#[napi]
impl JsOwnFleetCourier {
    /// The fleet configured by `{shop_name, zones: [{zone: {id, name, countries, postal_prefixes?},
    /// price: "3.90 EUR"}], slots: [{id, window: {start, end}, capacity}], max_weight_grams?,
    /// slots_offered?, tracking_prefix?}` (snake_case, money as text); a bad configuration throws
    /// `invalid` naming the field (`config.zones[0].price`).
    #[napi(constructor)]
    pub fn new(env: Env, #[napi(ts_arg_type = "OwnFleetConfig")] config: Unknown<'_>) -> napi::Result<Self> {
        let config: Value = from_js(&env, config, "config")?;
        let inner = vitrina_bridge::own_fleet_courier(config).map_err(|e| call_error(&env, e))?;
        Ok(JsOwnFleetCourier { inner })
    }

    /// `own-fleet`.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Records a driver's `report` on one parcel (`{tracking_number, driver_id, update, cash_collected?,
    /// reason?, at}`, `update` one of `picked_up`, `out_for_delivery`, `delivered`, `failed`,
    /// `back_at_depot`, `return_to_shop`); resolves to the tracking event it became. The shop takes it
    /// in with `shipping.refreshShipment`. A move the parcel cannot make rejects with the courier's code.
    #[napi(ts_return_type = "Promise<import('./shop').TrackingEvent>")]
    pub fn driver_update<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "DriverReport")] report: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let report: Value = from_js(env, report, "report")?;
        let fleet = self.inner.clone();
        let work = async move { Ok(vitrina_bridge::driver_update(&fleet, report)) };
        env.spawn_future_with_callback(work, |env, event| match event {
            Ok(event) => to_js(env, &event),
            Err(e) => Err(call_error(env, e)),
        })
    }
}

/// The test courier (name `test`): EUR rates by weight, labels as text, and parcels that move along a
/// scenario as its own clock advances. Give it to `Shop.open` among `couriers`.
#[napi(js_name = "TestCourier")]
pub struct JsTestCourier {
    inner: Arc<TestCourier>,
}

#[napi]
impl JsTestCourier {
    /// A test courier whose clock stands at `now` (RFC 3339); a malformed time throws `invalid` naming
    /// `now`.
    #[napi(constructor)]
    pub fn new(env: Env, now: String) -> napi::Result<Self> {
        let now = timestamp(&now, "now").map_err(|e| call_error(&env, e))?;
        Ok(JsTestCourier { inner: vitrina_bridge::test_courier(now) })
    }

    /// `test`.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// The courier's clock (RFC 3339, UTC).
    #[napi]
    pub fn now(&self) -> String {
        self.inner.now().to_string()
    }

    /// Moves the courier's clock forward by `by`: seconds, or an ISO 8601 duration (`PT2H`); its
    /// parcels move on along their scenario.
    #[napi]
    pub fn advance(&self, env: Env, by: Either<f64, String>) -> napi::Result<()> {
        let by = duration(by).map_err(|e| call_error(&env, e))?;
        self.inner.advance(by);
        Ok(())
    }
}

impl JsOwnFleetCourier {
    /// The courier, to plug into a shop.
    pub(crate) fn courier(&self) -> Arc<dyn Courier> {
        self.inner.clone()
    }
}

impl JsTestCourier {
    /// The courier, to plug into a shop.
    pub(crate) fn courier(&self) -> Arc<dyn Courier> {
        self.inner.clone()
    }
}
