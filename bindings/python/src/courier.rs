//! Couriers for the shipping service: a courier written in Python (the core's `Courier` trait over a
//! Python object, `def` or `async def`), the built-in `TestCourier`, the shop's `OwnFleetCourier`
//! and `EcontCourier` (Econt Express over its JSON services).
//!
//! Requests reach Python as dicts in the core's JSON shape (amounts as `"4.90 EUR"`); answers are
//! dicts in the same shape. An exception (or an answer the core cannot read) becomes
//! `CourierError::Unavailable` naming the courier and method, never a crash; a missing optional
//! method (`cancel_shipment`, `validate_address`, pickups) is `CourierError::Unsupported`.

use std::sync::Arc;

use async_trait::async_trait;
use jiff::SignedDuration;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use serde::de::DeserializeOwned;
use serde::Serialize;
use vitrina_core::delivery::Address;
use vitrina_core::delivery::{DeliverySlot, ShippingZone};
use vitrina_core::money::{Currency, Money};
use vitrina_core::shipping::IncidentReason;
use vitrina_core::shipping::{
    AddressValidation, CarrierWarning, Courier, CourierCapabilities, CourierError, CreatedShipment, Pickup,
    PickupRequest, RateQuote, RateRequest, ShipmentRequest, TrackingReport,
};
use vitrina_couriers_own_fleet::{CashReceipt, DriverUpdate, FleetZone, OwnFleetConfig, OwnFleetCourier};
use vitrina_couriers_test::{Scenario, TestCourier};

use crate::convert::{enum_arg, extract_amount, from_py, serde_to_py, timestamp_or_now, to_value};
use crate::errors::{err, invalid_input, Class};
use crate::plugin::{attribute, call, name_of, outcome};

/// A courier implemented by a Python object.
pub(crate) struct PythonCourier {
    object: Py<PyAny>,
    name: String,
    capabilities: CourierCapabilities,
}

impl PythonCourier {
    /// Wraps `object`: its `name` (default: the class name) and `capabilities` (a dict, or a method
    /// returning one, of `CourierCapabilities` fields; by default `cancel` when it has
    /// `cancel_shipment`, `address_validation` when it has `validate_address`, `pickups` when it has
    /// `schedule_pickup`).
    pub(crate) fn new(object: &Bound<'_, PyAny>) -> PyResult<PythonCourier> {
        let name = name_of(object)?;
        let mut capabilities = serde_json::to_value(CourierCapabilities {
            cancel: object.hasattr("cancel_shipment")?,
            address_validation: object.hasattr("validate_address")?,
            pickups: object.hasattr("schedule_pickup")?,
            ..CourierCapabilities::default()
        })
        .map_err(|e| invalid_input(Class::Courier, "capabilities", e))?;
        if let Some(given) = attribute(object, "capabilities")? {
            let given = if given.is_callable() { given.call0()? } else { given };
            if let (serde_json::Value::Object(defaults), serde_json::Value::Object(given)) =
                (&mut capabilities, to_value(&given, "capabilities")?)
            {
                defaults.extend(given);
            }
        }
        let capabilities =
            serde_json::from_value(capabilities).map_err(|e| invalid_input(Class::Courier, "capabilities", e))?;
        Ok(PythonCourier { object: object.clone().unbind(), name, capabilities })
    }

    /// Calls `method` with `argument` as plain data and reads the answer as `R`.
    async fn ask<A: Serialize + Sync + ?Sized, R: DeserializeOwned>(
        &self,
        method: &str,
        argument: &A,
    ) -> Result<R, CourierError> {
        let Some(answer) = call(&self.object, method, |py| serde_to_py(py, argument)).await else {
            return Err(CourierError::unsupported(&self.name, method));
        };
        outcome(answer, |value| from_py::<R>(value, method, Class::Courier)).map_err(|(kind, message)| {
            CourierError::Unavailable {
                reason: format!("the {} courier failed in {method}: {kind}: {message}", self.name),
            }
        })
    }

    /// Like [`ask`](Self::ask) for an answer that is a list of warnings (or None: no warnings).
    async fn warnings<A: Serialize + Sync + ?Sized>(
        &self,
        method: &str,
        argument: &A,
    ) -> Result<Vec<CarrierWarning>, CourierError> {
        let Some(answer) = call(&self.object, method, |py| serde_to_py(py, argument)).await else {
            return Err(CourierError::unsupported(&self.name, method));
        };
        outcome(answer, |value| {
            if value.is_none() {
                return Ok(Vec::new());
            }
            let value = to_value(value, method)?;
            serde_json::from_value(value).map_err(|e| invalid_input(Class::Courier, method, e))
        })
        .map_err(|(kind, message)| CourierError::Unavailable {
            reason: format!("the {} courier failed in {method}: {kind}: {message}", self.name),
        })
    }
}

#[async_trait]
impl Courier for PythonCourier {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> CourierCapabilities {
        self.capabilities.clone()
    }

    async fn rates(&self, request: &RateRequest) -> Result<RateQuote, CourierError> {
        let quote: RateQuote = self.ask("rates", request).await?;
        Ok(RateQuote::sorted(quote.options, quote.warnings))
    }

    async fn create_shipment(&self, request: &ShipmentRequest) -> Result<CreatedShipment, CourierError> {
        self.ask("create_shipment", request).await
    }

    async fn cancel_shipment(&self, tracking_number: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        self.warnings("cancel_shipment", tracking_number).await
    }

    async fn track(&self, tracking_numbers: &[String]) -> Result<TrackingReport, CourierError> {
        self.ask("track", tracking_numbers).await
    }

    async fn validate_address(&self, address: &Address) -> Result<AddressValidation, CourierError> {
        self.ask("validate_address", address).await
    }

    async fn schedule_pickup(&self, request: &PickupRequest) -> Result<Pickup, CourierError> {
        self.ask("schedule_pickup", request).await
    }

    async fn cancel_pickup(&self, pickup_id: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        self.warnings("cancel_pickup", pickup_id).await
    }
}

/// The built-in test courier (name `test`): EUR rates by weight (standard 4.90, express 9.90, plus
/// 1.00 a further kilogram), text labels, and magic tracking numbers whose events unfold as its
/// clock is advanced. A created shipment follows the next queued scenario (default `delivered`).
#[pyclass(module = "vitrina", name = "TestCourier", frozen)]
pub struct PyTestCourier(pub(crate) Arc<TestCourier>);

fn scenario(name: &str) -> PyResult<Scenario> {
    Ok(match name {
        "delivered" => Scenario::Delivered,
        "failed_then_redelivered" => Scenario::FailedThenRedelivered,
        "delayed" => Scenario::Delayed,
        "customs_hold" => Scenario::CustomsHold,
        "pickup_point" => Scenario::PickupPoint,
        "returned_to_sender" => Scenario::ReturnedToSender,
        other => {
            let reason = format!(
                "unknown scenario {other:?}; expected delivered, failed_then_redelivered, delayed, customs_hold, \
                 pickup_point or returned_to_sender"
            );
            return Err(invalid_input(Class::Courier, "scenario", reason));
        }
    })
}

#[pymethods]
impl PyTestCourier {
    /// A courier whose clock starts at `now` (default: the current time).
    #[new]
    #[pyo3(signature = (now=None))]
    fn new(now: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PyTestCourier(Arc::new(TestCourier::new(timestamp_or_now(now, "now")?))))
    }

    #[getter]
    fn name(&self) -> String {
        self.0.name().to_owned()
    }

    /// The courier's clock.
    #[getter]
    fn now(&self) -> jiff::Timestamp {
        self.0.now()
    }

    /// Moves the clock forward by `seconds` (negative: back).
    fn advance(&self, seconds: i64) {
        self.0.advance(SignedDuration::from_secs(seconds));
    }

    /// The journey the next created shipment follows: `delivered`, `failed_then_redelivered`,
    /// `delayed`, `customs_hold`, `pickup_point` or `returned_to_sender`.
    fn queue_scenario(&self, scenario: &str) -> PyResult<()> {
        self.0.queue_scenario(self::scenario(scenario)?);
        Ok(())
    }

    fn __repr__(&self) -> String {
        format!("TestCourier(now={})", self.0.now())
    }
}

/// The shop's own drivers (name `own-fleet`): a price per zone, delivery in booked slots (rates
/// offer services `slot:<id>`; a label books a place), and drivers' updates (`driver_update`) that
/// become its tracking events, with the cash collected on delivery kept on each driver's sheet.
#[pyclass(module = "vitrina", name = "OwnFleetCourier", frozen)]
pub struct PyOwnFleetCourier(pub(crate) Arc<OwnFleetCourier>);

/// A zone served and its price: `{"zone": {ShippingZone fields}, "price": Decimal}`.
fn fleet_zone(item: &Bound<'_, PyAny>, index: usize, currency: Currency) -> PyResult<FleetZone> {
    let field = format!("zones[{index}]");
    let zone: ShippingZone = from_py(&item.get_item("zone")?, &format!("{field}.zone"), Class::Courier)?;
    let zone = zone.validated().map_err(err)?;
    let price_field = format!("{field}.price");
    let price = Money::checked(extract_amount(&item.get_item("price")?, &price_field)?, currency, &price_field);
    Ok(FleetZone { zone, price: price.map_err(err)? })
}

/// A driver's report: `picked_up`, `out_for_delivery`, `delivered` (with `cash_collected`),
/// `failed` (with an incident `reason`), `back_at_depot` or `return_to_shop`.
fn driver_update(update: &str, cash_collected: Option<Money>, reason: Option<&str>) -> PyResult<DriverUpdate> {
    Ok(match update {
        "picked_up" => DriverUpdate::PickedUp,
        "out_for_delivery" => DriverUpdate::OutForDelivery,
        "delivered" => DriverUpdate::Delivered { cash_collected },
        "failed" => {
            let reason =
                reason.ok_or_else(|| invalid_input(Class::Courier, "reason", "a failed delivery needs a reason"))?;
            DriverUpdate::Failed { reason: enum_arg::<IncidentReason>(reason, "reason", Class::Courier)? }
        }
        "back_at_depot" => DriverUpdate::BackAtDepot,
        "return_to_shop" => DriverUpdate::ReturnToShop,
        other => {
            let reason = format!(
                "unknown update {other:?}; expected picked_up, out_for_delivery, delivered, failed, back_at_depot \
                 or return_to_shop"
            );
            return Err(invalid_input(Class::Courier, "update", reason));
        }
    })
}

fn receipts<'py>(py: Python<'py>, receipts: Vec<CashReceipt>) -> PyResult<Vec<Bound<'py, PyAny>>> {
    receipts
        .into_iter()
        .map(|r| {
            let receipt = pyo3::types::PyDict::new(py);
            receipt.set_item("driver_id", r.driver_id)?;
            receipt.set_item("tracking_number", r.tracking_number)?;
            receipt.set_item("amount", r.amount.amount())?;
            receipt.set_item("currency", r.amount.currency().code())?;
            receipt.set_item("at", r.at)?;
            Ok(receipt.into_any())
        })
        .collect()
}

#[pymethods]
impl PyOwnFleetCourier {
    /// A fleet for `shop_name` (printed as sender unless packaging is discreet), serving `zones`
    /// (`[{"zone": {"id", "name", "countries", "postal_prefixes"...}, "price": Decimal}]`, first match
    /// wins, prices in `currency`) in `slots` (`[{"id", "window": {"start", "end"}, "capacity"}]`).
    #[new]
    #[pyo3(signature = (shop_name, *, currency, zones, slots, max_weight_grams=30_000, slots_offered=3, tracking_prefix="OF".to_owned()))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        shop_name: String,
        currency: &str,
        zones: Vec<Bound<'_, PyAny>>,
        slots: &Bound<'_, PyAny>,
        max_weight_grams: u32,
        slots_offered: usize,
        tracking_prefix: String,
    ) -> PyResult<Self> {
        let currency = Currency::parse(currency, "currency").map_err(err)?;
        let zones = zones.iter().enumerate().map(|(i, z)| fleet_zone(z, i, currency)).collect::<PyResult<Vec<_>>>()?;
        let slots: Vec<DeliverySlot> = from_py_value(slots, "slots")?;
        let config = OwnFleetConfig { shop_name, zones, slots, max_weight_grams, slots_offered, tracking_prefix };
        Ok(PyOwnFleetCourier(Arc::new(OwnFleetCourier::new(config))))
    }

    #[getter]
    fn name(&self) -> String {
        self.0.name().to_owned()
    }

    /// The slots with their bookings now.
    #[getter]
    fn slots(&self) -> Vec<crate::tracking::PyDeliverySlot> {
        self.0.slots().into_iter().map(crate::tracking::PyDeliverySlot).collect()
    }

    /// Records a driver's `update` on the parcel `tracking_number` and returns the tracking event it
    /// became; `cash_collected` (in the fleet's currency) goes with `delivered`, `reason`
    /// (`recipient_absent`, `address_problem`, `refused`...) with `failed`. A move the shipment state
    /// machine does not allow, or cash differing from what is due, raises `CourierError`.
    #[pyo3(signature = (tracking_number, driver_id, update, *, cash_collected=None, currency=None, reason=None, at=None))]
    #[allow(clippy::too_many_arguments)]
    fn driver_update<'py>(
        &self,
        tracking_number: &str,
        driver_id: &str,
        update: &str,
        cash_collected: Option<&Bound<'py, PyAny>>,
        currency: Option<&str>,
        reason: Option<&str>,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<crate::tracking::PyTrackingEvent> {
        let cash = match cash_collected {
            Some(amount) => {
                let code =
                    currency.ok_or_else(|| invalid_input(Class::Courier, "currency", "needed with cash_collected"))?;
                let currency = Currency::parse(code, "currency").map_err(err)?;
                Some(
                    Money::checked(extract_amount(amount, "cash_collected")?, currency, "cash_collected")
                        .map_err(err)?,
                )
            }
            None => None,
        };
        let update = self::driver_update(update, cash, reason)?;
        let event = self.0.driver_update(tracking_number, driver_id, update, timestamp_or_now(at, "at")?);
        Ok(crate::tracking::PyTrackingEvent(event.map_err(err)?))
    }

    /// The cash `driver_id` collected and has not handed in (dicts: `tracking_number`, `amount` as
    /// `Decimal`, `currency`, `at`).
    fn cash_sheet<'py>(&self, py: Python<'py>, driver_id: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
        receipts(py, self.0.cash_sheet(driver_id))
    }

    /// Takes `driver_id`'s cash sheet at the end of the round, leaving it empty.
    fn hand_in_cash<'py>(&self, py: Python<'py>, driver_id: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
        receipts(py, self.0.hand_in_cash(driver_id))
    }

    fn __repr__(&self) -> String {
        "OwnFleetCourier()".to_owned()
    }
}

/// Econt Express (name `econt`): prices, waybills with cash on delivery, cancellation, tracking and
/// offices over Econt's JSON services. Configured by keywords: `username`, `password`, `sender`
/// (`{"name", "phones", "office_code"}`), optionally `base_url` (Econt's demo system, a test server)
/// and `timeout_seconds`. The password never appears in `repr` or errors.
#[pyclass(module = "vitrina", name = "EcontCourier", frozen)]
pub struct PyEcontCourier(Arc<dyn Courier>);

#[pymethods]
impl PyEcontCourier {
    #[new]
    #[pyo3(signature = (**config))]
    fn new(config: Option<&Bound<'_, pyo3::types::PyDict>>) -> PyResult<Self> {
        vitrina_bridge::econt_courier(crate::convert::keywords(config)?).map(PyEcontCourier).map_err(err)
    }

    #[getter]
    fn name(&self) -> String {
        self.0.name().to_owned()
    }

    fn __repr__(&self) -> String {
        "EcontCourier()".to_owned()
    }
}

fn from_py_value<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    let value = to_value(obj, field)?;
    serde_json::from_value(value).map_err(|e| invalid_input(Class::Courier, field, e))
}

/// The courier a `ShippingService` drives: a `TestCourier`, an `OwnFleetCourier`, an `EcontCourier`, or any object
/// implementing the courier protocol.
pub(crate) fn courier_arg(courier: &Bound<'_, PyAny>) -> PyResult<Arc<dyn Courier>> {
    if let Ok(test) = courier.cast::<PyTestCourier>() {
        return Ok(test.get().0.clone());
    }
    if let Ok(fleet) = courier.cast::<PyOwnFleetCourier>() {
        return Ok(fleet.get().0.clone());
    }
    if let Ok(econt) = courier.cast::<PyEcontCourier>() {
        return Ok(econt.get().0.clone());
    }
    Ok(Arc::new(PythonCourier::new(courier)?))
}

/// A label's bytes as Python `bytes`.
pub(crate) fn label_bytes<'py>(py: Python<'py>, bytes: &[u8]) -> Bound<'py, PyBytes> {
    PyBytes::new(py, bytes)
}
