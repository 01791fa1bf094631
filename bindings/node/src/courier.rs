//! Couriers for a shop: `EcontCourier` (Econt Express, built in) and a courier written in
//! JavaScript, as the core's `Courier` trait: an object with `name`,
//! `capabilities` and async `rates`, `createShipment`, `cancelShipment`, `track` (optionally
//! `validateAddress`, `schedulePickup`, `cancelPickup`) called through the plug-in dispatcher.
//!
//! A throw, a rejection or a value of the wrong shape becomes `CourierError::Unavailable` naming the
//! courier and the method (the shipment stays as it was), never a crash; a missing method is
//! `CourierError::Unsupported`.

use std::sync::Arc;

use async_trait::async_trait;
use napi::bindgen_prelude::{Object, Unknown};
use napi::Env;
use napi_derive::napi;
use serde::de::DeserializeOwned;
use serde_json::Value;
use vitrina_core::delivery::Address;
use vitrina_core::shipping::{
    AddressValidation, CarrierWarning, Courier, CourierCapabilities, CourierError, CreatedShipment, Pickup,
    PickupRequest, RateQuote, RateRequest, ShipmentRequest, TrackingReport,
};

use crate::convert::from_js;
use crate::errors::call_error;
use crate::plugin::{capabilities, JsPlugin, Reply};

/// Econt Express (name `econt`): prices, waybills with cash on delivery, cancellation, tracking and
/// offices over Econt's JSON services. Give it to `Shop.open` among `couriers`.
#[napi(js_name = "EcontCourier")]
pub struct JsEcontCourier {
    inner: Arc<dyn Courier>,
}

#[napi]
impl JsEcontCourier {
    /// Econt configured by `{username, password, sender: {name, phones?, office_code?}, base_url?,
    /// timeout_seconds?}` (snake_case, as every JSON shape here); the password never appears in
    /// errors. A bad configuration throws `invalid` naming the field (`config.sender.name`).
    #[napi(constructor)]
    pub fn new(env: Env, #[napi(ts_arg_type = "EcontConfig")] config: Unknown<'_>) -> napi::Result<Self> {
        let config: Value = from_js(&env, config, "config")?;
        let inner = vitrina_bridge::econt_courier(config).map_err(|e| call_error(&env, e))?;
        Ok(JsEcontCourier { inner })
    }

    /// `econt`.
    #[napi(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }
}

impl JsEcontCourier {
    /// The courier, to plug into a shop.
    pub(crate) fn courier(&self) -> Arc<dyn Courier> {
        self.inner.clone()
    }
}

/// A courier implemented by a JavaScript object.
pub(crate) struct JsCourier {
    name: String,
    capabilities: CourierCapabilities,
    plugin: JsPlugin,
}

impl JsCourier {
    /// Wraps `object`. Its `name` (default: the class name, else `js`) is the courier shipments name
    /// and the actor of the moves it causes; `capabilities` (an object or a method returning one,
    /// snake_case keys) defaults to `cancel` when it has `cancelShipment`, `address_validation` with
    /// `validateAddress`, `pickups` with `schedulePickup`, and nothing else.
    pub(crate) fn new(env: &Env, object: Object<'_>) -> napi::Result<JsCourier> {
        let (plugin, described) = JsPlugin::new(env, object)?;
        let defaults = CourierCapabilities {
            cancel: described.has("cancelShipment"),
            address_validation: described.has("validateAddress"),
            pickups: described.has("schedulePickup"),
            ..CourierCapabilities::default()
        };
        let capabilities = capabilities(env, defaults, &described, "courier")?;
        Ok(JsCourier { name: described.name, capabilities, plugin })
    }

    /// Calls `method(argument)` and reads its result as `T`.
    async fn call<T: DeserializeOwned>(
        &self,
        method: &str,
        operation: &str,
        argument: Value,
    ) -> Result<T, CourierError> {
        let unavailable = |reason: String| CourierError::Unavailable {
            reason: format!("courier {} failed in {method}: {reason}", self.name),
        };
        match self.plugin.call(method, argument).await {
            Reply::Missing {} => Err(CourierError::unsupported(&self.name, operation)),
            Reply::Result(value) => {
                serde_json::from_value(value).map_err(|e| unavailable(format!("invalid result: {e}")))
            }
            Reply::Failed { kind, message, .. } => Err(unavailable(format!("{kind}: {message}"))),
        }
    }
}

fn argument<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[async_trait]
impl Courier for JsCourier {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> CourierCapabilities {
        self.capabilities.clone()
    }

    async fn rates(&self, request: &RateRequest) -> Result<RateQuote, CourierError> {
        let quote: RateQuote = self.call("rates", "rates", argument(request)).await?;
        Ok(RateQuote::sorted(quote.options, quote.warnings))
    }

    async fn create_shipment(&self, request: &ShipmentRequest) -> Result<CreatedShipment, CourierError> {
        self.call("createShipment", "create_shipment", argument(request)).await
    }

    async fn cancel_shipment(&self, tracking_number: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        let warnings: Option<Vec<CarrierWarning>> =
            self.call("cancelShipment", "cancel_shipment", Value::String(tracking_number.to_owned())).await?;
        Ok(warnings.unwrap_or_default())
    }

    async fn track(&self, tracking_numbers: &[String]) -> Result<TrackingReport, CourierError> {
        self.call("track", "track", argument(&tracking_numbers)).await
    }

    async fn validate_address(&self, address: &Address) -> Result<AddressValidation, CourierError> {
        self.call("validateAddress", "validate_address", argument(address)).await
    }

    async fn schedule_pickup(&self, request: &PickupRequest) -> Result<Pickup, CourierError> {
        self.call("schedulePickup", "schedule_pickup", argument(request)).await
    }

    async fn cancel_pickup(&self, pickup_id: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        let warnings: Option<Vec<CarrierWarning>> =
            self.call("cancelPickup", "cancel_pickup", Value::String(pickup_id.to_owned())).await?;
        Ok(warnings.unwrap_or_default())
    }
}
