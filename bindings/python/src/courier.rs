//! Couriers for the `Shop`: a courier written in Python (the core's `Courier` trait over a
//! Python object, `def` or `async def`), the built-in `TestCourier`, the shop's `OwnFleetCourier`
//! and `EcontCourier` (Econt Express over its JSON services).
//!
//! Requests reach Python as dicts in the core's JSON shape (amounts as `"4.90 EUR"`); answers are
//! dicts in the same shape. An exception (or an answer the core cannot read) becomes
//! `CourierError::Unavailable` naming the courier and method, never a crash; a missing optional
//! method (`cancel_shipment`, `validate_address`, pickups) is `CourierError::Unsupported`.

use std::sync::Arc;

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use pyo3::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use vitrina_core::delivery::{Address, DeliverySlot, DeliveryWindow};
use vitrina_core::shipping::{
    AddressValidation, CarrierWarning, Courier, CourierCapabilities, CourierError, CreatedShipment, Pickup,
    PickupRequest, RateQuote, RateRequest, ShipmentRequest, TrackingReport,
};
use vitrina_couriers_own_fleet::{CashReceipt, OwnFleetCourier};
use vitrina_couriers_test::{Scenario, TestCourier};

use crate::convert::{dataclass_repr, from_py, serde_to_py, timestamp_or_now, to_value};
use crate::errors::{err, invalid};
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
        .map_err(|e| invalid("capabilities", e))?;
        if let Some(given) = attribute(object, "capabilities")? {
            let given = if given.is_callable() { given.call0()? } else { given };
            if let (serde_json::Value::Object(defaults), serde_json::Value::Object(given)) =
                (&mut capabilities, to_value(&given, "capabilities")?)
            {
                defaults.extend(given);
            }
        }
        let capabilities = serde_json::from_value(capabilities).map_err(|e| invalid("capabilities", e))?;
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
        outcome(answer, |value| from_py::<R>(value, method)).map_err(|(kind, message)| CourierError::Unavailable {
            reason: format!("the {} courier failed in {method}: {kind}: {message}", self.name),
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
            serde_json::from_value(value).map_err(|e| invalid(method, e))
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

/// The built-in test courier (name `test`, the bridge's `test_courier`): EUR rates by weight
/// (standard 4.90, express 9.90, plus 1.00 a further kilogram), text labels, and magic tracking
/// numbers whose events unfold as its own clock is advanced. A created shipment follows the next
/// queued scenario (default `delivered`).
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
            return Err(invalid("scenario", reason));
        }
    })
}

#[pymethods]
impl PyTestCourier {
    /// A courier whose clock starts at `now` (an aware `datetime`; default: the current time).
    #[new]
    #[pyo3(signature = (now=None))]
    fn new(now: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        Ok(PyTestCourier(vitrina_bridge::test_courier(timestamp_or_now(now, "now")?)))
    }

    #[getter]
    fn name(&self) -> String {
        self.0.name().to_owned()
    }

    /// The courier's clock (an aware UTC `datetime`).
    #[getter]
    fn now(&self) -> jiff::Timestamp {
        self.0.now()
    }

    /// Moves the clock by `by` (a `timedelta`; negative: back).
    fn advance(&self, by: SignedDuration) {
        self.0.advance(by);
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

/// The shop's own drivers (name `own-fleet`, the bridge's `own_fleet_courier`): a price per zone,
/// delivery in booked slots (rates offer services `slot:<id>`; a label books a place), and drivers'
/// reports from the road (`driver_update`) that become its tracking events, with the cash collected
/// on delivery kept on each driver's sheet.
#[pyclass(module = "vitrina", name = "OwnFleetCourier", frozen)]
pub struct PyOwnFleetCourier(pub(crate) Arc<OwnFleetCourier>);

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

/// `value` (JSON the bridge answered) as the generated `vitrina.shop` type `name`.
fn typed<'py>(py: Python<'py>, name: &str, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    let data = py.import("vitrina._shop_base")?.getattr("loads")?.call1((value.to_string(),))?;
    py.import("vitrina.shop")?.getattr(name)?.call_method1("from_json", (data,))
}

#[pymethods]
impl PyOwnFleetCourier {
    /// A fleet configured by `config`, a dict in the bridge's shape: `{"shop_name", "zones":
    /// [{"zone": ShippingZone or its dict, "price": Money}], "slots": [DeliverySlot or
    /// {"id", "window": {"start", "end"}, "capacity"}], "max_weight_grams"? (30000),
    /// "slots_offered"? (3), "tracking_prefix"? ("OF")}`; times are aware `datetime` values, prices
    /// `Money` (or `"3.90 EUR"`). A bad configuration raises `invalid` naming the field.
    #[new]
    fn new(config: &Bound<'_, PyAny>) -> PyResult<Self> {
        vitrina_bridge::own_fleet_courier(to_value(config, "config")?).map(PyOwnFleetCourier).map_err(err)
    }

    #[getter]
    fn name(&self) -> String {
        self.0.name().to_owned()
    }

    /// The slots with their bookings now.
    #[getter]
    fn slots(&self) -> Vec<PyDeliverySlot> {
        self.0.slots().into_iter().map(PyDeliverySlot).collect()
    }

    /// Records a driver's `report` on one parcel (`{"tracking_number", "driver_id", "update", "at",
    /// "cash_collected"?, "reason"?}`; `update` is `picked_up`, `out_for_delivery`, `delivered` (with
    /// `cash_collected` as `Money` on a cash parcel), `failed` (with an incident `reason`),
    /// `back_at_depot` or `return_to_shop`) and returns the `vitrina.shop.TrackingEvent` it became;
    /// the shop takes it in with `shop.shipping.refresh_shipment`. A move the parcel cannot make, or
    /// cash differing from what is due, raises the shipping domain's error.
    fn driver_update<'py>(&self, py: Python<'py>, report: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let event = vitrina_bridge::driver_update(&self.0, to_value(report, "report")?).map_err(err)?;
        typed(py, "TrackingEvent", &event)
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

/// A courier for `Shop.open`: a `TestCourier`, an `OwnFleetCourier`, an `EcontCourier`, or any object
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

/// A span of time, `start` inclusive to `end` exclusive, as aware datetimes (UTC).
#[pyclass(module = "vitrina", name = "DeliveryWindow", frozen, eq)]
#[derive(PartialEq)]
pub struct PyDeliveryWindow(pub(crate) DeliveryWindow);

#[pymethods]
impl PyDeliveryWindow {
    #[getter]
    fn start(&self) -> Timestamp {
        self.0.start
    }
    #[getter]
    fn end(&self) -> Timestamp {
        self.0.end
    }

    /// Whether `at` (an aware datetime or RFC 3339 text) falls inside.
    fn __contains__(&self, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.contains(crate::convert::extract_timestamp(at, "at")?))
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "DeliveryWindow", &["start", "end"])
    }
}

/// A delivery slot with a fixed number of places (`booked` of `capacity`).
#[pyclass(module = "vitrina", name = "DeliverySlot", frozen, eq)]
#[derive(PartialEq)]
pub struct PyDeliverySlot(pub(crate) DeliverySlot);

#[pymethods]
impl PyDeliverySlot {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    #[getter]
    fn window(&self) -> PyDeliveryWindow {
        PyDeliveryWindow(self.0.window)
    }
    #[getter]
    fn capacity(&self) -> u32 {
        self.0.capacity
    }
    #[getter]
    fn booked(&self) -> u32 {
        self.0.booked
    }
    /// Places left.
    #[getter]
    fn remaining(&self) -> u32 {
        self.0.remaining()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "DeliverySlot", &["id", "window", "capacity", "booked"])
    }
}
