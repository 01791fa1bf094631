//! Shipping: the `Shipment` aggregate (plan, state machine, delivery with cash, tracking), the
//! `ShippingService` over a courier (labels, cancellation, tracking refresh) and fulfilment helpers.

use jiff::Timestamp;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use rust_decimal::Decimal;
use vitrina_core::delivery::Address;
use vitrina_core::delivery::{methods_for, zone_for, DeliveryMethod, PackagingKind, ShippingZone};
use vitrina_core::event::Actor;
use vitrina_core::money::Money;
use vitrina_core::shipping::{
    cash_collected, line_fulfilment, order_timeline, sync_order_state, CarrierWarning, LabelRequest, LineQuantity,
    NewShipment, RateQuote, RateRequest, Shipment, ShipmentState, ShippingError, ShippingService, TrackingEvent,
    TrackingRefresh, TrackingReport,
};

use crate::convert::{
    actor_arg, enum_arg, extract_amount, from_json, from_py, serde_to_py, timestamp_or_now, to_json, to_value,
};
use crate::courier::{courier_arg, label_bytes};
use crate::errors::{err, invalid_input, Class};
use crate::order::PyOrder;
use crate::run::{awaitable, blocking, ToPy};
use crate::tracking::{
    PyCashCollection, PyShipmentTransition, PyTimelineEntry, PyTrackingEvent, PyTrackingSync, Warnings,
};

fn actor_or_system(actor: Option<&Bound<'_, PyAny>>) -> PyResult<Actor> {
    match actor {
        Some(actor) if !actor.is_none() => actor_arg(actor, "actor", Class::Shipping),
        _ => Ok(Actor::System),
    }
}

fn state_arg(state: &str) -> PyResult<ShipmentState> {
    enum_arg(state, "to", Class::Shipping)
}

/// A value read from plain Python data in the core's JSON shape, refused as `ShippingError`.
fn data<T: serde::de::DeserializeOwned>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<T> {
    let value = to_value(obj, field)?;
    serde_json::from_value(value).map_err(|e| invalid_input(Class::Shipping, field, e))
}

/// Line quantities from `{line_id: quantity}` or a list of `{"line_id", "quantity"}`.
fn line_quantities(lines: &Bound<'_, PyAny>) -> PyResult<Vec<LineQuantity>> {
    if let Ok(mapping) = lines.cast::<PyDict>() {
        return mapping
            .iter()
            .map(|(line_id, quantity)| Ok(LineQuantity { line_id: line_id.extract()?, quantity: quantity.extract()? }))
            .collect();
    }
    data(lines, "lines")
}

/// The shipments' core values, in order.
fn snapshots(shipments: &[Bound<'_, PyShipment>]) -> PyResult<Vec<Shipment>> {
    shipments.iter().map(|s| Ok(s.try_borrow()?.inner.clone())).collect()
}

/// A parcel (or several) of an order: lines and units, courier, tracking number and label, cash to
/// collect on delivery, state and history. Moves only through its state machine.
#[pyclass(module = "vitrina", name = "Shipment")]
pub struct PyShipment {
    pub(crate) inner: Shipment,
}

impl ToPy for Shipment {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyShipment { inner: self })?.into_any())
    }
}

#[pymethods]
impl PyShipment {
    /// Plans a `pending` shipment of `lines` (`{line_id: quantity}`) of `order` by `courier`, next
    /// to the order's `existing` shipments: refused unless the order is `processing` or
    /// `partially_shipped` and no line ships more than ordered. `cash_on_delivery` (cash-on-delivery
    /// orders only) is in the order's currency; `packaging` lists `gift_wrap` / `discreet`.
    #[staticmethod]
    #[pyo3(signature = (order, *, courier, lines, service=None, cash_on_delivery=None, packaging=Vec::new(), existing=Vec::new(), actor=None, at=None))]
    #[allow(clippy::too_many_arguments)]
    fn plan(
        order: PyRef<'_, PyOrder>,
        courier: String,
        lines: &Bound<'_, PyAny>,
        service: Option<String>,
        cash_on_delivery: Option<&Bound<'_, PyAny>>,
        packaging: Vec<String>,
        existing: Vec<Bound<'_, PyShipment>>,
        actor: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let currency = order.inner.total().currency();
        let cash_on_delivery = cash_on_delivery
            .map(|amount| {
                let amount = extract_amount(amount, "cash_on_delivery")?;
                Money::checked(amount, currency, "cash_on_delivery").map_err(err)
            })
            .transpose()?;
        let packaging = packaging
            .iter()
            .enumerate()
            .map(|(i, kind)| enum_arg::<PackagingKind>(kind, &format!("packaging[{i}]"), Class::Shipping))
            .collect::<PyResult<Vec<_>>>()?;
        let new = NewShipment { courier, service, lines: line_quantities(lines)?, cash_on_delivery, packaging };
        let existing = snapshots(&existing)?;
        let (actor, at) = (actor_or_system(actor)?, timestamp_or_now(at, "at")?);
        let inner = Shipment::plan(&order.inner, &existing, new, actor, at).map_err(err)?;
        Ok(PyShipment { inner })
    }

    /// A shipment from its JSON form.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PyShipment { inner: from_json(json, "shipment", Class::Shipping)? })
    }

    /// The shipment as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    /// An independent copy.
    fn copy(&self) -> PyShipment {
        PyShipment { inner: self.inner.clone() }
    }

    /// Moves to state `to` if the state machine allows it (see the module docs); a refused move
    /// raises `ShipmentTransitionError` and changes nothing. A cash-on-delivery shipment is delivered
    /// with `deliver`.
    #[pyo3(signature = (to, actor=None, at=None, note=None))]
    fn transition(
        &mut self,
        to: &str,
        actor: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        note: Option<String>,
    ) -> PyResult<()> {
        let to = state_arg(to)?;
        let (actor, at) = (actor_or_system(actor)?, timestamp_or_now(at, "at")?);
        self.inner.transition(to, actor, at, note).map_err(err)
    }

    /// Whether `transition(to)` would be accepted now.
    fn can_transition(&self, to: &str) -> PyResult<bool> {
        Ok(self.inner.check_transition(state_arg(to)?).is_ok())
    }

    /// Marks it delivered with the cash `collected` (exactly the amount due on a cash-on-delivery
    /// shipment, None on a prepaid one).
    #[pyo3(signature = (collected=None, actor=None, at=None, note=None))]
    fn deliver(
        &mut self,
        collected: Option<&Bound<'_, PyAny>>,
        actor: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        note: Option<String>,
    ) -> PyResult<()> {
        let collected = match (collected, self.inner.cash_on_delivery()) {
            (Some(amount), due) => {
                let currency = due.map(|d| d.currency());
                let amount = extract_amount(amount, "collected")?;
                let currency = currency.ok_or_else(|| {
                    invalid_input(Class::Shipping, "collected", "the shipment has no cash on delivery to collect")
                })?;
                Some(Money::checked(amount, currency, "collected").map_err(err)?)
            }
            (None, _) => None,
        };
        let (actor, at) = (actor_or_system(actor)?, timestamp_or_now(at, "at")?);
        self.inner.deliver(collected, actor, at, note).map_err(err)
    }

    /// Records the carrier's tracking `events` (`TrackingEvent`s or dicts: `at`, `status`,
    /// `raw_code`, `description`, `location`, `incident`, `cash_collected`) not seen before, moving
    /// the shipment as they say; returns a `TrackingSync` (`recorded`, `moves`, `refused`).
    #[pyo3(signature = (events, actor=None))]
    fn record_tracking(
        &mut self,
        events: Vec<Bound<'_, PyAny>>,
        actor: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyTrackingSync> {
        let events = events
            .iter()
            .enumerate()
            .map(|(i, event)| match event.cast::<PyTrackingEvent>() {
                Ok(event) => Ok(event.get().0.clone()),
                Err(_) => data::<TrackingEvent>(event, &format!("events[{i}]")),
            })
            .collect::<PyResult<Vec<_>>>()?;
        let actor = match actor {
            Some(actor) if !actor.is_none() => actor_arg(actor, "actor", Class::Shipping)?,
            _ => Actor::Courier { name: self.inner.courier().to_owned() },
        };
        Ok(PyTrackingSync(self.inner.record_tracking(&events, &actor)))
    }

    /// The domain events recorded since the last call (`shipment_state_changed`,
    /// `cash_on_delivery_collected`), as `RecordedEvent`s for `Notifier.notify`, leaving none behind.
    fn take_events(&mut self) -> Vec<crate::events::PyRecordedEvent> {
        crate::events::events(self.inner.take_events())
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    #[getter]
    fn order_id(&self) -> &str {
        self.inner.order_id()
    }
    #[getter]
    fn courier(&self) -> &str {
        self.inner.courier()
    }
    #[getter]
    fn service(&self) -> Option<&str> {
        self.inner.service()
    }
    /// The lines as dicts (`line_id`, `variant_id`, `quantity`).
    #[getter]
    fn lines<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, self.inner.lines())
    }
    #[getter]
    fn packaging(&self) -> Vec<&'static str> {
        self.inner.packaging().iter().map(|k| k.as_str()).collect()
    }
    /// Cash to collect on delivery, in the order's currency, or None.
    #[getter]
    fn cash_on_delivery(&self) -> Option<Decimal> {
        self.inner.cash_on_delivery().map(|m| m.amount())
    }
    /// The cash collected on delivery (`amount`, `currency`, `at`, `collected_by`), else None.
    #[getter]
    fn cash_collection(&self) -> Option<PyCashCollection> {
        self.inner.cash_collection().cloned().map(PyCashCollection)
    }
    #[getter]
    fn tracking_number(&self) -> Option<&str> {
        self.inner.tracking_number()
    }
    /// The label's media type (`application/pdf`, `text/plain`), once created.
    #[getter]
    fn label_content_type(&self) -> Option<&str> {
        self.inner.label().map(|l| l.content_type.as_str())
    }
    /// The label to print, once created.
    #[getter]
    fn label<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        self.inner.label().map(|l| label_bytes(py, &l.bytes))
    }
    /// `pending`, `label_created`, `picked_up`, `in_transit`, `out_for_delivery`,
    /// `ready_for_pickup`, `delivery_failed`, `delivered`, `returned_to_sender` or `cancelled`.
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.state().as_str()
    }
    #[getter]
    fn created_at(&self) -> Timestamp {
        self.inner.created_at()
    }
    /// Every state change, oldest first.
    #[getter]
    fn history(&self) -> Vec<PyShipmentTransition> {
        self.inner.history().iter().cloned().map(PyShipmentTransition).collect()
    }
    /// The tracking events recorded, oldest first.
    #[getter]
    fn tracking(&self) -> Vec<PyTrackingEvent> {
        crate::tracking::events(self.inner.tracking())
    }

    fn __repr__(&self) -> String {
        format!(
            "Shipment(id={:?}, courier={:?}, state={:?}, tracking_number={:?})",
            self.inner.id(),
            self.inner.courier(),
            self.inner.state().as_str(),
            self.inner.tracking_number()
        )
    }
}

/// Shipments changed by a service call, written back into their Python objects with the result.
struct WriteBack<R> {
    targets: Vec<Py<PyShipment>>,
    shipments: Vec<Shipment>,
    result: R,
}

impl<R: ToPy> ToPy for WriteBack<R> {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        for (target, shipment) in self.targets.iter().zip(self.shipments) {
            target.bind(py).try_borrow_mut()?.inner = shipment;
        }
        self.result.to_py(py)
    }
}

/// What to run, read from the arguments while the GIL is held.
enum Operation {
    Label { order: Box<vitrina_core::order::Order>, request: Box<LabelRequest>, at: Timestamp },
    Cancel { actor: Actor, at: Timestamp, note: Option<String> },
    Refresh,
}

enum Answer {
    Warnings(Vec<CarrierWarning>),
    Refresh(TrackingRefresh),
}

impl ToPy for Answer {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self {
            Answer::Warnings(warnings) => Warnings(warnings).to_py(py),
            Answer::Refresh(refresh) => refresh.to_py(py),
        }
    }
}

async fn execute(
    service: ShippingService,
    targets: Vec<Py<PyShipment>>,
    mut shipments: Vec<Shipment>,
    operation: Operation,
) -> Result<WriteBack<Answer>, ShippingError> {
    let result = match operation {
        Operation::Label { order, request, at } => {
            Answer::Warnings(service.create_label(&order, &mut shipments[0], *request, at).await?)
        }
        Operation::Cancel { actor, at, note } => {
            Answer::Warnings(service.cancel(&mut shipments[0], actor, at, note).await?)
        }
        Operation::Refresh => Answer::Refresh(service.refresh_tracking(&mut shipments).await?),
    };
    Ok(WriteBack { targets, shipments, result })
}

/// Shipping operations against one courier: a `TestCourier` or a courier written in Python (an
/// object with `name`, `rates`, `create_shipment`, `track` and optionally `cancel_shipment`,
/// `validate_address`, `schedule_pickup`, `cancel_pickup`, as `def` or `async def`). A failure of
/// the courier raises `CourierError`. Every call has a blocking and an `*_async` form.
#[pyclass(module = "vitrina", name = "ShippingService", frozen)]
pub struct PyShippingService {
    inner: ShippingService,
}

impl PyShippingService {
    fn prepare(
        &self,
        shipments: &[Bound<'_, PyShipment>],
        operation: Operation,
    ) -> PyResult<impl std::future::Future<Output = Result<WriteBack<Answer>, ShippingError>> + Send + 'static> {
        let targets = shipments.iter().map(|s| s.clone().unbind()).collect();
        let snapshot = snapshots(shipments)?;
        Ok(execute(self.inner.clone(), targets, snapshot, operation))
    }

    fn label_operation(
        order: &PyOrder,
        request: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Operation> {
        let request: LabelRequest = from_py(request, "request", Class::Shipping)?;
        let at = timestamp_or_now(at, "at")?;
        Ok(Operation::Label { order: Box::new(order.inner.clone()), request: Box::new(request), at })
    }

    fn cancel_operation(
        actor: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        note: Option<String>,
    ) -> PyResult<Operation> {
        Ok(Operation::Cancel { actor: actor_or_system(actor)?, at: timestamp_or_now(at, "at")?, note })
    }

    fn rates_future(
        &self,
        request: &Bound<'_, PyAny>,
    ) -> PyResult<impl std::future::Future<Output = Result<RateQuote, ShippingError>> + Send> {
        let request: RateRequest = from_py(request, "request", Class::Shipping)?;
        let courier = self.inner.courier().clone();
        Ok(async move { Ok(courier.rates(&request).await?) })
    }

    fn track_future(
        &self,
        tracking_numbers: Vec<String>,
    ) -> impl std::future::Future<Output = Result<TrackingReport, ShippingError>> + Send {
        let courier = self.inner.courier().clone();
        async move { Ok(courier.track(&tracking_numbers).await?) }
    }
}

#[pymethods]
impl PyShippingService {
    #[new]
    fn new(courier: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyShippingService { inner: ShippingService::new(courier_arg(courier)?) })
    }

    /// The courier's name.
    #[getter]
    fn courier_name(&self) -> String {
        self.inner.courier().name().to_owned()
    }

    /// The courier's capabilities as a dict (`cancel`, `address_validation`, `pickups`...).
    #[getter]
    fn capabilities<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.inner.courier().capabilities())
    }

    /// The courier's services for `request` (a dict: `parcel`, `from`, `to`, `ready_at`), as a
    /// `RateQuote` (`options` cheapest first, `warnings`).
    fn rates(&self, py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        blocking(py, self.rates_future(request)?)
    }

    fn rates_async<'py>(&self, py: Python<'py>, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        awaitable(py, self.rates_future(request)?)
    }

    /// The courier's events for `tracking_numbers`, as a `TrackingReport` (`shipments`, `warnings`).
    fn track(&self, py: Python<'_>, tracking_numbers: Vec<String>) -> PyResult<Py<PyAny>> {
        blocking(py, self.track_future(tracking_numbers))
    }

    fn track_async<'py>(&self, py: Python<'py>, tracking_numbers: Vec<String>) -> PyResult<Bound<'py, PyAny>> {
        awaitable(py, self.track_future(tracking_numbers))
    }

    /// Announces the `pending` `shipment` of `order` to the courier (`request`: `parcel`, `from`,
    /// `service`, optional `slot_id`, `pickup_point_id`) and records its tracking number and label;
    /// returns the carrier's warnings.
    #[pyo3(signature = (order, shipment, request, at=None))]
    fn create_label(
        &self,
        py: Python<'_>,
        order: PyRef<'_, PyOrder>,
        shipment: Bound<'_, PyShipment>,
        request: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyAny>> {
        let operation = Self::label_operation(&order, request, at)?;
        blocking(py, self.prepare(&[shipment], operation)?)
    }

    #[pyo3(signature = (order, shipment, request, at=None))]
    fn create_label_async<'py>(
        &self,
        py: Python<'py>,
        order: PyRef<'py, PyOrder>,
        shipment: Bound<'py, PyShipment>,
        request: &Bound<'py, PyAny>,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let operation = Self::label_operation(&order, request, at)?;
        awaitable(py, self.prepare(&[shipment], operation)?)
    }

    /// Cancels `shipment`, first at the courier when it has a tracking number; returns the warnings.
    #[pyo3(signature = (shipment, actor=None, at=None, note=None))]
    fn cancel(
        &self,
        py: Python<'_>,
        shipment: Bound<'_, PyShipment>,
        actor: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        note: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let operation = Self::cancel_operation(actor, at, note)?;
        blocking(py, self.prepare(&[shipment], operation)?)
    }

    #[pyo3(signature = (shipment, actor=None, at=None, note=None))]
    fn cancel_async<'py>(
        &self,
        py: Python<'py>,
        shipment: Bound<'py, PyShipment>,
        actor: Option<&Bound<'py, PyAny>>,
        at: Option<&Bound<'py, PyAny>>,
        note: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let operation = Self::cancel_operation(actor, at, note)?;
        awaitable(py, self.prepare(&[shipment], operation)?)
    }

    /// Asks the courier for the events of the live `shipments` it carries and records them;
    /// returns a `TrackingRefresh` (`shipments`: `shipment_id` and `sync` each, `warnings`).
    fn refresh_tracking(&self, py: Python<'_>, shipments: Vec<Bound<'_, PyShipment>>) -> PyResult<Py<PyAny>> {
        blocking(py, self.prepare(&shipments, Operation::Refresh)?)
    }

    fn refresh_tracking_async<'py>(
        &self,
        py: Python<'py>,
        shipments: Vec<Bound<'py, PyShipment>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        awaitable(py, self.prepare(&shipments, Operation::Refresh)?)
    }

    fn __repr__(&self) -> String {
        format!("ShippingService(courier={:?})", self.inner.courier().name())
    }
}

/// The customer-facing timeline of `order` and its `shipments`, oldest first (`TimelineEntry`s:
/// `at`, `milestone`, `shipment_id`, `tracking_number`, `incident`).
#[pyfunction(name = "order_timeline")]
pub(crate) fn order_timeline_of(
    order: PyRef<'_, PyOrder>,
    shipments: Vec<Bound<'_, PyShipment>>,
) -> PyResult<Vec<PyTimelineEntry>> {
    Ok(order_timeline(&order.inner, &snapshots(&shipments)?).into_iter().map(PyTimelineEntry).collect())
}

/// Each line of `order` with units `ordered`, `allocated`, `shipped` and `delivered` by `shipments`.
#[pyfunction(name = "line_fulfilment")]
pub(crate) fn line_fulfilment_of<'py>(
    py: Python<'py>,
    order: PyRef<'py, PyOrder>,
    shipments: Vec<Bound<'py, PyShipment>>,
) -> PyResult<Bound<'py, PyAny>> {
    serde_to_py(py, &line_fulfilment(&order.inner, &snapshots(&shipments)?))
}

/// Moves `order` forward to the state its `shipments` call for (`partially_shipped`, `shipped`,
/// `delivered`), one legal step at a time; returns the states moved to.
#[pyfunction(name = "sync_order_state", signature = (order, shipments, actor=None, at=None))]
pub(crate) fn sync_order_state_of(
    mut order: PyRefMut<'_, PyOrder>,
    shipments: Vec<Bound<'_, PyShipment>>,
    actor: Option<&Bound<'_, PyAny>>,
    at: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<String>> {
    let (actor, at) = (actor_or_system(actor)?, timestamp_or_now(at, "at")?);
    let moves = sync_order_state(&mut order.inner, &snapshots(&shipments)?, actor, at).map_err(err)?;
    Ok(moves.iter().map(|s| s.as_str().to_owned()).collect())
}

/// The cash collected on delivery of `order`'s `shipments` so far, in the order's currency.
#[pyfunction(name = "cash_collected")]
pub(crate) fn cash_collected_of(order: PyRef<'_, PyOrder>, shipments: Vec<Bound<'_, PyShipment>>) -> PyResult<Decimal> {
    Ok(cash_collected(&order.inner, &snapshots(&shipments)?).map_err(err)?.amount())
}

/// The delivery `methods` (dicts: `id`, `name`, `kind`, `zone_ids`, `shipping_method_id`,
/// `cash_on_delivery`) that serve `address`, given the shop's `zones` (first match wins).
#[pyfunction(name = "delivery_methods_for")]
pub(crate) fn delivery_methods_for<'py>(
    py: Python<'py>,
    methods: &Bound<'py, PyAny>,
    zones: &Bound<'py, PyAny>,
    address: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let methods: Vec<DeliveryMethod> = data(methods, "methods")?;
    let zones = zones_arg(zones)?;
    let address: Address = data(address, "address")?;
    serde_to_py(py, &methods_for(&methods, &zones, &address))
}

/// The first of `zones` (dicts: `id`, `name`, `countries`, `regions`, `postal_prefixes`) containing
/// `address`, or None.
#[pyfunction(name = "zone_for")]
pub(crate) fn zone_for_address<'py>(
    py: Python<'py>,
    zones: &Bound<'py, PyAny>,
    address: &Bound<'py, PyAny>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    let zones = zones_arg(zones)?;
    let address: Address = data(address, "address")?;
    zone_for(&zones, &address).map(|zone| serde_to_py(py, &zone)).transpose()
}

/// Zones, each checked by the core (`zones[1].countries`...).
fn zones_arg(zones: &Bound<'_, PyAny>) -> PyResult<Vec<ShippingZone>> {
    let zones: Vec<ShippingZone> = data(zones, "zones")?;
    zones.into_iter().map(|zone| zone.validated().map_err(err)).collect()
}

/// Registers the shipping functions on the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyShipment>()?;
    m.add_class::<PyShippingService>()?;
    crate::tracking::register(m)?;
    m.add_class::<crate::courier::PyTestCourier>()?;
    m.add_class::<crate::courier::PyOwnFleetCourier>()?;
    m.add_class::<crate::courier::PyEcontCourier>()?;
    m.add_function(wrap_pyfunction!(order_timeline_of, m)?)?;
    m.add_function(wrap_pyfunction!(line_fulfilment_of, m)?)?;
    m.add_function(wrap_pyfunction!(sync_order_state_of, m)?)?;
    m.add_function(wrap_pyfunction!(cash_collected_of, m)?)?;
    m.add_function(wrap_pyfunction!(delivery_methods_for, m)?)?;
    m.add_function(wrap_pyfunction!(zone_for_address, m)?)?;
    Ok(())
}
