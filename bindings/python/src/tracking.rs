//! What couriers answer, typed: rate quotes (`RateQuote`, `RateOption`, `DeliveryWindow`), tracking
//! (`TrackingReport`, `TrackedShipment`, `TrackingEvent`), what recording events did (`TrackingSync`,
//! `RefusedEvent`, `TrackingRefresh`, `ShipmentRefresh`) and carrier warnings (`CarrierWarning`).
//! Prices are `decimal.Decimal` with their currency code, times aware `datetime`s in UTC, statuses
//! the core's snake_case names; reprs are dataclass-like.

use jiff::Timestamp;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use vitrina_core::delivery::{DeliverySlot, DeliveryWindow};
use vitrina_core::shipping::{
    CarrierWarning, CashCollection, OrderTimelineEntry, RateOption, RateQuote, RefusedEvent, ShipmentRefresh,
    ShipmentTransition, TrackedShipment, TrackingEvent, TrackingRefresh, TrackingReport, TrackingSync,
};

use crate::convert::{dataclass_repr, enum_name};
use crate::run::ToPy;

/// A remark from the carrier that did not stop the call (`remote_area`, `unknown_tracking_number`).
#[pyclass(module = "vitrina", name = "CarrierWarning", frozen, eq)]
#[derive(PartialEq)]
pub struct PyCarrierWarning(pub(crate) CarrierWarning);

#[pymethods]
impl PyCarrierWarning {
    /// A warning (for comparing with what a call returned, or for a courier written in Python).
    #[new]
    fn new(code: &str, message: String) -> Self {
        PyCarrierWarning(CarrierWarning::new(code, message))
    }
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }
    #[getter]
    fn message(&self) -> &str {
        &self.0.message
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "CarrierWarning", &["code", "message"])
    }
}

/// The warnings of a call, typed.
pub(crate) fn warnings(warnings: &[CarrierWarning]) -> Vec<PyCarrierWarning> {
    warnings.iter().cloned().map(PyCarrierWarning).collect()
}

/// A list of carrier warnings handed back by a service call.
pub(crate) struct Warnings(pub(crate) Vec<CarrierWarning>);

impl ToPy for Warnings {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(warnings(&self.0).into_pyobject(py)?.into_any().unbind())
    }
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

/// One service a courier offers: its code and name, its price and when it should arrive.
#[pyclass(module = "vitrina", name = "RateOption", frozen, eq)]
#[derive(PartialEq)]
pub struct PyRateOption(RateOption);

#[pymethods]
impl PyRateOption {
    /// The courier's service code (`standard`, `express`, `slot:2026-03-02-am`).
    #[getter]
    fn service(&self) -> &str {
        &self.0.service
    }
    /// The name shown to the shopper.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// What the courier charges, in `currency`.
    #[getter]
    fn price(&self) -> Decimal {
        self.0.price.amount()
    }
    /// The ISO 4217 code of `price`.
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.price.currency().code()
    }
    /// When it should arrive.
    #[getter]
    fn estimated_delivery(&self) -> PyDeliveryWindow {
        PyDeliveryWindow(self.0.estimated_delivery)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "RateOption", &["service", "name", "price", "currency", "estimated_delivery"])
    }
}

/// A courier's answer to a rate request: the services, cheapest first, and its warnings.
#[pyclass(module = "vitrina", name = "RateQuote", frozen)]
pub struct PyRateQuote(RateQuote);

impl ToPy for RateQuote {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyRateQuote(self))?.into_any())
    }
}

#[pymethods]
impl PyRateQuote {
    /// The services, cheapest first (ties: earliest delivery first).
    #[getter]
    fn options(&self) -> Vec<PyRateOption> {
        self.0.options.iter().cloned().map(PyRateOption).collect()
    }
    #[getter]
    fn warnings(&self) -> Vec<PyCarrierWarning> {
        warnings(&self.0.warnings)
    }
    /// The cheapest option, or None.
    fn cheapest(&self) -> Option<PyRateOption> {
        self.0.cheapest().cloned().map(PyRateOption)
    }
    /// The option arriving soonest, or None.
    fn fastest(&self) -> Option<PyRateOption> {
        self.0.fastest().cloned().map(PyRateOption)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "RateQuote", &["options", "warnings"])
    }
}

/// One normalised tracking event: when, the status whatever the carrier (`picked_up`, `in_transit`,
/// `delivered`, `delivery_failed`...), the carrier's own code and text, where, why (an incident) and
/// the cash collected on a cash-on-delivery delivery.
#[pyclass(module = "vitrina", name = "TrackingEvent", frozen, eq)]
#[derive(PartialEq)]
pub struct PyTrackingEvent(pub(crate) TrackingEvent);

#[pymethods]
impl PyTrackingEvent {
    /// When it happened (UTC).
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    #[getter]
    fn status(&self) -> &'static str {
        self.0.status.as_str()
    }
    /// The carrier's own code, unchanged (`NH`, `DRV_DELIVERED`).
    #[getter]
    fn raw_code(&self) -> &str {
        &self.0.raw_code
    }
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }
    #[getter]
    fn location(&self) -> Option<&str> {
        self.0.location.as_deref()
    }
    /// Why, for a failure, delay or hold (`recipient_absent`, `customs`...), else None.
    #[getter]
    fn incident(&self) -> Option<String> {
        self.0.incident.as_ref().map(enum_name)
    }
    /// Cash collected on delivery (in `cash_currency`), else None.
    #[getter]
    fn cash_collected(&self) -> Option<Decimal> {
        self.0.cash_collected.map(|m| m.amount())
    }
    /// The ISO 4217 code of `cash_collected`, else None.
    #[getter]
    fn cash_currency(&self) -> Option<&'static str> {
        self.0.cash_collected.map(|m| m.currency().code())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let mut fields = vec!["at", "status", "raw_code", "description", "location", "incident"];
        if slf.get().0.cash_collected.is_some() {
            fields.extend(["cash_collected", "cash_currency"]);
        }
        dataclass_repr(slf.as_any(), "TrackingEvent", &fields)
    }
}

/// Tracking events, typed.
pub(crate) fn events(events: &[TrackingEvent]) -> Vec<PyTrackingEvent> {
    events.iter().cloned().map(PyTrackingEvent).collect()
}

/// The events a courier reported for one tracking number, oldest first.
#[pyclass(module = "vitrina", name = "TrackedShipment", frozen)]
pub struct PyTrackedShipment(TrackedShipment);

#[pymethods]
impl PyTrackedShipment {
    #[getter]
    fn tracking_number(&self) -> &str {
        &self.0.tracking_number
    }
    #[getter]
    fn events(&self) -> Vec<PyTrackingEvent> {
        events(&self.0.events)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "TrackedShipment", &["tracking_number", "events"])
    }
}

/// What a courier reported for several tracking numbers, with its warnings (including numbers it
/// does not know).
#[pyclass(module = "vitrina", name = "TrackingReport", frozen)]
pub struct PyTrackingReport(TrackingReport);

impl ToPy for TrackingReport {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyTrackingReport(self))?.into_any())
    }
}

#[pymethods]
impl PyTrackingReport {
    #[getter]
    fn shipments(&self) -> Vec<PyTrackedShipment> {
        self.0.shipments.iter().cloned().map(PyTrackedShipment).collect()
    }
    #[getter]
    fn warnings(&self) -> Vec<PyCarrierWarning> {
        warnings(&self.0.warnings)
    }
    /// The events reported for `tracking_number`, or None.
    fn events_of(&self, tracking_number: &str) -> Option<PyTrackedShipment> {
        self.0.events_of(tracking_number).cloned().map(PyTrackedShipment)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "TrackingReport", &["shipments", "warnings"])
    }
}

/// A tracking event recorded without moving the shipment, and why (out of order, illegal move).
#[pyclass(module = "vitrina", name = "RefusedEvent", frozen)]
pub struct PyRefusedEvent(RefusedEvent);

#[pymethods]
impl PyRefusedEvent {
    #[getter]
    fn raw_code(&self) -> &str {
        &self.0.raw_code
    }
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    #[getter]
    fn reason(&self) -> &str {
        &self.0.reason
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "RefusedEvent", &["raw_code", "at", "reason"])
    }
}

/// What recording a batch of tracking events did: how many were new, the states moved to, and the
/// events that did not move the shipment.
#[pyclass(module = "vitrina", name = "TrackingSync", frozen)]
pub struct PyTrackingSync(pub(crate) TrackingSync);

#[pymethods]
impl PyTrackingSync {
    #[getter]
    fn recorded(&self) -> usize {
        self.0.recorded
    }
    #[getter]
    fn moves(&self) -> Vec<&'static str> {
        self.0.moves.iter().map(|s| s.as_str()).collect()
    }
    #[getter]
    fn refused(&self) -> Vec<PyRefusedEvent> {
        self.0.refused.iter().cloned().map(PyRefusedEvent).collect()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "TrackingSync", &["recorded", "moves", "refused"])
    }
}

/// What a tracking refresh did to one shipment.
#[pyclass(module = "vitrina", name = "ShipmentRefresh", frozen)]
pub struct PyShipmentRefresh(ShipmentRefresh);

#[pymethods]
impl PyShipmentRefresh {
    #[getter]
    fn shipment_id(&self) -> &str {
        &self.0.shipment_id
    }
    #[getter]
    fn sync(&self) -> PyTrackingSync {
        PyTrackingSync(self.0.sync.clone())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "ShipmentRefresh", &["shipment_id", "sync"])
    }
}

/// What a tracking refresh did overall: per shipment the courier reported on, and its warnings.
#[pyclass(module = "vitrina", name = "TrackingRefresh", frozen)]
pub struct PyTrackingRefresh(TrackingRefresh);

impl ToPy for TrackingRefresh {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyTrackingRefresh(self))?.into_any())
    }
}

#[pymethods]
impl PyTrackingRefresh {
    #[getter]
    fn shipments(&self) -> Vec<PyShipmentRefresh> {
        self.0.shipments.iter().cloned().map(PyShipmentRefresh).collect()
    }
    #[getter]
    fn warnings(&self) -> Vec<PyCarrierWarning> {
        warnings(&self.0.warnings)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "TrackingRefresh", &["shipments", "warnings"])
    }
}

/// One recorded move of a shipment's state machine.
#[pyclass(module = "vitrina", name = "ShipmentTransition", frozen)]
pub struct PyShipmentTransition(pub(crate) ShipmentTransition);

#[pymethods]
impl PyShipmentTransition {
    /// When (an aware datetime, UTC).
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    /// Who, in the tagged form (`{"kind": "courier", "name": "parcelco"}`).
    #[getter]
    fn actor<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::serde_to_py(py, &self.0.actor)
    }
    /// The state before.
    #[getter(from_state)]
    fn state_before(&self) -> &'static str {
        self.0.from.as_str()
    }
    #[getter]
    fn to_state(&self) -> &'static str {
        self.0.to.as_str()
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "ShipmentTransition", &["at", "actor", "from_state", "to_state", "note"])
    }
}

/// Cash collected on delivery: the amount in `currency`, when, and who collected it.
#[pyclass(module = "vitrina", name = "CashCollection", frozen)]
pub struct PyCashCollection(pub(crate) CashCollection);

#[pymethods]
impl PyCashCollection {
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.amount.currency().code()
    }
    /// When (the delivery).
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    /// Who collected it, in the tagged form (`{"kind": "courier", "name": "own/driver-7"}`).
    #[getter]
    fn collected_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        crate::convert::serde_to_py(py, &self.0.collected_by)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "CashCollection", &["amount", "currency", "at", "collected_by"])
    }
}

/// One dated step of an order's customer-facing timeline.
#[pyclass(module = "vitrina", name = "TimelineEntry", frozen, eq)]
#[derive(PartialEq)]
pub struct PyTimelineEntry(pub(crate) OrderTimelineEntry);

#[pymethods]
impl PyTimelineEntry {
    /// When (an aware datetime, UTC).
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    /// `order_placed`, `payment_received`, `packed`, `in_transit`, `delivered`...
    #[getter]
    fn milestone(&self) -> String {
        enum_name(&self.0.milestone)
    }
    /// The parcel concerned, for shipment steps.
    #[getter]
    fn shipment_id(&self) -> Option<&str> {
        self.0.shipment_id.as_deref()
    }
    #[getter]
    fn tracking_number(&self) -> Option<&str> {
        self.0.tracking_number.as_deref()
    }
    /// Why, for a delay or failed attempt.
    #[getter]
    fn incident(&self) -> Option<String> {
        self.0.incident.as_ref().map(enum_name)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let fields = ["at", "milestone", "shipment_id", "tracking_number", "incident"];
        dataclass_repr(slf.as_any(), "TimelineEntry", &fields)
    }
}

/// Registers the classes on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCarrierWarning>()?;
    m.add_class::<PyDeliveryWindow>()?;
    m.add_class::<PyDeliverySlot>()?;
    m.add_class::<PyRateOption>()?;
    m.add_class::<PyRateQuote>()?;
    m.add_class::<PyTrackingEvent>()?;
    m.add_class::<PyTrackedShipment>()?;
    m.add_class::<PyTrackingReport>()?;
    m.add_class::<PyRefusedEvent>()?;
    m.add_class::<PyTrackingSync>()?;
    m.add_class::<PyShipmentRefresh>()?;
    m.add_class::<PyTrackingRefresh>()?;
    m.add_class::<PyShipmentTransition>()?;
    m.add_class::<PyCashCollection>()?;
    m.add_class::<PyTimelineEntry>()?;
    Ok(())
}
