//! Shipping: `Shipment` (the core's aggregate and state machine), `ShippingService` over a courier
//! written in JavaScript, fulfilment of orders, delivery zones and methods, and the tracking timeline.

use std::sync::Arc;

use napi::bindgen_prelude::{Object, PromiseRaw, Unknown};
use napi::Env;
use napi_derive::napi;
use tokio::sync::{Mutex, OwnedMutexGuard};
use vitrina_core::delivery::Address;
use vitrina_core::delivery::{methods_for, zone_for, DeliveryMethod, ShippingZone};
use vitrina_core::money::Money;
use vitrina_core::shipping::{
    cash_collected, line_fulfilment, order_timeline, sync_order_state, LabelRequest, NewShipment, RateRequest,
    Shipment, ShipmentState, ShippingService, TrackingEvent,
};

use crate::convert::{actor_arg, amount, from_js, from_name, name_of, time_arg, to_js};
use crate::courier::JsCourier;
use crate::errors::{err, Failure, JsKind};
use crate::order::JsOrder;
use crate::task::settle;

/// Code of a shipment read while a shipping call on it is in flight.
const SHIPMENT_BUSY: &str = "VITRINA_SHIPMENT_BUSY";

/// Which order lines and units travel together, by which courier, with tracking and history.
#[napi(js_name = "Shipment")]
pub struct JsShipment {
    pub(crate) inner: Arc<Mutex<Shipment>>,
}

impl JsShipment {
    pub(crate) fn wrap(shipment: Shipment) -> JsShipment {
        JsShipment { inner: Arc::new(Mutex::new(shipment)) }
    }

    /// Reads the shipment; throws `VITRINA_SHIPMENT_BUSY` while a shipping call on it is in flight.
    pub(crate) fn read<T>(&self, env: &Env, f: impl FnOnce(&Shipment) -> T) -> napi::Result<T> {
        match self.inner.try_lock() {
            Ok(shipment) => Ok(f(&shipment)),
            Err(_) => Err(busy(env)),
        }
    }

    fn write<T>(&self, env: &Env, f: impl FnOnce(&mut Shipment) -> T) -> napi::Result<T> {
        match self.inner.try_lock() {
            Ok(mut shipment) => Ok(f(&mut shipment)),
            Err(_) => Err(busy(env)),
        }
    }
}

fn busy(env: &Env) -> napi::Error {
    let reason = "a shipping call on this shipment is in flight; await it first";
    err(env, Failure::binding(JsKind::Error, SHIPMENT_BUSY, "shipment", reason))
}

/// Copies of the shipments given (for the core's functions over an order's shipments).
fn snapshots(env: &Env, shipments: &[&JsShipment]) -> napi::Result<Vec<Shipment>> {
    shipments.iter().map(|s| s.read(env, Shipment::clone)).collect()
}

#[napi]
impl JsShipment {
    /// Plans a shipment of `order` (in `processing` or `partially_shipped`): `shipment` is
    /// `{courier, service?, lines: [{line_id, quantity}], cash_on_delivery?, packaging?}` and may not
    /// take more of a line than the `existing` shipments left.
    #[napi(factory)]
    pub fn plan(
        env: Env,
        order: &JsOrder,
        existing: Vec<&JsShipment>,
        #[napi(ts_arg_type = "NewShipmentData | string")] shipment: Unknown<'_>,
        #[napi(ts_arg_type = "Actor | null")] actor: Option<Unknown<'_>>,
        at: Option<String>,
    ) -> napi::Result<Self> {
        let new: NewShipment = from_js(&env, shipment, "shipment")?;
        let existing = snapshots(&env, &existing)?;
        let (actor, at_time) = (actor_arg(&env, actor)?, time_arg(&env, at, "at")?);
        let shipment = Shipment::plan(&order.inner, &existing, new, actor, at_time).map_err(|e| err(&env, e))?;
        Ok(JsShipment::wrap(shipment))
    }

    /// A shipment from its JSON form, as `toJSON` gives it.
    #[napi(factory, js_name = "fromJSON")]
    pub fn from_json(env: Env, #[napi(ts_arg_type = "ShipmentData | string")] data: Unknown<'_>) -> napi::Result<Self> {
        Ok(JsShipment::wrap(from_js(&env, data, "shipment")?))
    }

    /// The shipment as plain data.
    #[napi(js_name = "toJSON", ts_return_type = "ShipmentData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.read(env, Shipment::clone)?)
    }

    #[napi(getter)]
    pub fn id(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |s| s.id().to_owned())
    }

    #[napi(getter)]
    pub fn order_id(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |s| s.order_id().to_owned())
    }

    /// The courier's name.
    #[napi(getter)]
    pub fn courier(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |s| s.courier().to_owned())
    }

    /// The state (`pending`, `label_created`, `in_transit`, `delivered`...).
    #[napi(getter, ts_return_type = "ShipmentState")]
    pub fn state(&self, env: Env) -> napi::Result<String> {
        self.read(&env, |s| name_of(&s.state()))
    }

    /// The courier's tracking number, once the label exists.
    #[napi(getter)]
    pub fn tracking_number(&self, env: Env) -> napi::Result<Option<String>> {
        self.read(&env, |s| s.tracking_number().map(str::to_owned))
    }

    /// Cash to collect on delivery, as money text, or `null`.
    #[napi(getter)]
    pub fn cash_on_delivery(&self, env: Env) -> napi::Result<Option<String>> {
        self.read(&env, |s| s.cash_on_delivery().map(|m| m.to_string()))
    }

    /// The order lines and units in the parcel.
    #[napi(getter, ts_return_type = "ShipmentLine[]")]
    pub fn lines<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.read(env, |s| s.lines().to_vec())?)
    }

    /// Every state change: `{at, actor, from, to, note}`.
    #[napi(getter, ts_return_type = "ShipmentTransition[]")]
    pub fn history<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.read(env, |s| s.history().to_vec())?)
    }

    /// The courier's tracking events, oldest first.
    #[napi(getter, ts_return_type = "TrackingEvent[]")]
    pub fn tracking<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.read(env, |s| s.tracking().to_vec())?)
    }

    /// Whether the state machine allows moving to `to` now.
    #[napi]
    pub fn can_transition(&self, env: Env, #[napi(ts_arg_type = "ShipmentState")] to: String) -> napi::Result<bool> {
        let to: ShipmentState = from_name(&env, &to, "to")?;
        self.read(&env, |s| s.check_transition(to).is_ok())
    }

    /// Moves the shipment to `to`; a refused move throws `VITRINA_ILLEGAL_TRANSITION` and changes nothing.
    #[napi]
    pub fn transition(
        &self,
        env: Env,
        #[napi(ts_arg_type = "ShipmentState")] to: String,
        #[napi(ts_arg_type = "Actor | null")] actor: Option<Unknown<'_>>,
        note: Option<String>,
        at: Option<String>,
    ) -> napi::Result<()> {
        let to: ShipmentState = from_name(&env, &to, "to")?;
        let (actor, at_time) = (actor_arg(&env, actor)?, time_arg(&env, at, "at")?);
        self.write(&env, |s| s.transition(to, actor, at_time, note))?.map_err(|e| err(&env, e))
    }

    /// Delivers the shipment, with `collected` (a decimal string in the due currency) when cash was due
    /// on delivery; a different amount throws `VITRINA_CASH_ON_DELIVERY_MISMATCH`.
    #[napi]
    pub fn deliver(
        &self,
        env: Env,
        #[napi(ts_arg_type = "Amount | null")] collected: Option<Unknown<'_>>,
        #[napi(ts_arg_type = "Actor | null")] actor: Option<Unknown<'_>>,
        note: Option<String>,
        at: Option<String>,
    ) -> napi::Result<()> {
        let collected = self.collected(&env, collected)?;
        let (actor, at_time) = (actor_arg(&env, actor)?, time_arg(&env, at, "at")?);
        self.write(&env, |s| s.deliver(collected, actor, at_time, note))?.map_err(|e| err(&env, e))
    }

    /// Records tracking events (`[{at, status, raw_code, description, ...}]`) as the courier reported
    /// them; moves the shipment along and resolves to `{recorded, moves, refused}`.
    #[napi(ts_return_type = "TrackingSync")]
    pub fn record_tracking<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "TrackingEvent[] | string")] events: Unknown<'_>,
        #[napi(ts_arg_type = "Actor | null")] actor: Option<Unknown<'_>>,
    ) -> napi::Result<Unknown<'env>> {
        let events: Vec<TrackingEvent> = from_js(env, events, "events")?;
        let actor = actor_arg(env, actor)?;
        let sync = self.write(env, |s| s.record_tracking(&events, &actor))?;
        to_js(env, &sync)
    }
}

impl JsShipment {
    fn collected(&self, env: &Env, collected: Option<Unknown<'_>>) -> napi::Result<Option<Money>> {
        let Some(value) = collected else { return Ok(None) };
        if matches!(value.get_type()?, napi::ValueType::Null | napi::ValueType::Undefined) {
            return Ok(None);
        }
        let decimal = amount(env, value, "collected")?;
        let Some(due) = self.read(env, Shipment::cash_on_delivery)? else {
            let reason = "nothing is due on delivery of this shipment";
            let failure = Failure::binding(JsKind::Error, "VITRINA_CASH_ON_DELIVERY_MISMATCH", "collected", reason);
            return Err(err(env, failure));
        };
        Money::new(decimal, due.currency()).map(Some).map_err(|e| err(env, e))
    }
}

/// Labels, cancellations, rates and tracking through one courier (a courier object written in JS).
#[napi(js_name = "ShippingService")]
pub struct JsShippingService {
    inner: ShippingService,
}

#[napi]
impl JsShippingService {
    /// A service over a courier object with `name`, `capabilities` and async `rates`,
    /// `createShipment`, `cancelShipment`, `track` (a throw or rejection is `VITRINA_COURIER_UNAVAILABLE`).
    #[napi(constructor)]
    pub fn new(env: Env, #[napi(ts_arg_type = "CourierObject")] courier: Object<'_>) -> napi::Result<Self> {
        Ok(JsShippingService { inner: ShippingService::new(Arc::new(JsCourier::new(&env, courier)?)) })
    }

    /// The courier's name.
    #[napi(getter)]
    pub fn courier_name(&self) -> String {
        self.inner.courier().name().to_owned()
    }

    /// What the courier can do.
    #[napi(getter, ts_return_type = "CourierCapabilities")]
    pub fn capabilities<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.courier().capabilities())
    }

    /// The courier's offers for a parcel (`{parcel, from, to, ready_at}`), cheapest first.
    #[napi(ts_return_type = "Promise<RateQuote>")]
    pub fn rates<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "RateRequest | string")] request: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let request: RateRequest = from_js(env, request, "request")?;
        request.parcel.validate().map_err(|e| err(env, e))?;
        let courier = self.inner.courier().clone();
        settle(env, async move { courier.rates(&request).await }, |env, quote| to_js(env, &quote))
    }

    /// Books the label of a pending `shipment` of `order` at the courier (`request`:
    /// `{parcel, from, service, slot_id?, pickup_point_id?}`); the shipment gets its tracking number and
    /// moves to `label_created`. Resolves to the courier's warnings.
    #[napi(ts_return_type = "Promise<CarrierWarning[]>")]
    pub fn create_label<'env>(
        &self,
        env: &'env Env,
        order: &JsOrder,
        shipment: &JsShipment,
        #[napi(ts_arg_type = "LabelRequest | string")] request: Unknown<'_>,
        at: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let request: LabelRequest = from_js(env, request, "request")?;
        let (service, order, at_time) = (self.inner.clone(), order.inner.clone(), time_arg(env, at, "at")?);
        let shipment = shipment.inner.clone();
        let work = async move { service.create_label(&order, &mut *shipment.lock().await, request, at_time).await };
        settle(env, work, |env, warnings| to_js(env, &warnings))
    }

    /// Cancels the shipment, at the courier too once it has a label. Resolves to the courier's warnings.
    #[napi(ts_return_type = "Promise<CarrierWarning[]>")]
    pub fn cancel<'env>(
        &self,
        env: &'env Env,
        shipment: &JsShipment,
        #[napi(ts_arg_type = "Actor | null")] actor: Option<Unknown<'_>>,
        note: Option<String>,
        at: Option<String>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let (actor, at_time) = (actor_arg(env, actor)?, time_arg(env, at, "at")?);
        let (service, shipment) = (self.inner.clone(), shipment.inner.clone());
        let work = async move { service.cancel(&mut *shipment.lock().await, actor, at_time, note).await };
        settle(env, work, |env, warnings| to_js(env, &warnings))
    }

    /// Asks the courier for the events of the live shipments it carries and moves them along.
    /// Resolves to `{shipments: [{shipment_id, sync}], warnings}`.
    #[napi(ts_return_type = "Promise<TrackingRefresh>")]
    pub fn refresh_tracking<'env>(
        &self,
        env: &'env Env,
        shipments: Vec<&JsShipment>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let mut shared: Vec<Arc<Mutex<Shipment>>> = Vec::new();
        for shipment in shipments {
            if !shared.iter().any(|known| Arc::ptr_eq(known, &shipment.inner)) {
                shared.push(shipment.inner.clone());
            }
        }
        let service = self.inner.clone();
        let work = async move {
            let mut guards: Vec<OwnedMutexGuard<Shipment>> = Vec::with_capacity(shared.len());
            for shipment in shared {
                guards.push(shipment.lock_owned().await);
            }
            let mut working: Vec<Shipment> = guards.iter().map(|g| (**g).clone()).collect();
            let refresh = service.refresh_tracking(&mut working).await?;
            for (guard, shipment) in guards.iter_mut().zip(working) {
                **guard = shipment;
            }
            Ok::<_, vitrina_core::shipping::ShippingError>(refresh)
        };
        settle(env, work, |env, refresh| to_js(env, &refresh))
    }

    /// Asks the courier whether it can deliver to `address`.
    #[napi(ts_return_type = "Promise<AddressValidation>")]
    pub fn validate_address<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Address | string")] address: Unknown<'_>,
    ) -> napi::Result<PromiseRaw<'env, Unknown<'env>>> {
        let address: Address = from_js(env, address, "address")?;
        let courier = self.inner.courier().clone();
        settle(env, async move { courier.validate_address(&address).await }, |env, checked| to_js(env, &checked))
    }
}

/// How much of each order line is planned, shipped and delivered across `shipments`.
#[napi(ts_return_type = "LineFulfilment[]")]
pub fn line_fulfilment_of<'env>(
    env: &'env Env,
    order: &JsOrder,
    shipments: Vec<&JsShipment>,
) -> napi::Result<Unknown<'env>> {
    to_js(env, &line_fulfilment(&order.inner, &snapshots(env, &shipments)?))
}

/// Moves `order` after its shipments (`partially_shipped`, `shipped`, `delivered`); returns the states
/// it passed through.
#[napi(ts_return_type = "OrderState[]")]
pub fn sync_order_with_shipments(
    env: Env,
    order: &mut JsOrder,
    shipments: Vec<&JsShipment>,
    #[napi(ts_arg_type = "Actor | null")] actor: Option<Unknown<'_>>,
    at: Option<String>,
) -> napi::Result<Vec<String>> {
    let shipments = snapshots(&env, &shipments)?;
    let (actor, at_time) = (actor_arg(&env, actor)?, time_arg(&env, at, "at")?);
    let moves = sync_order_state(&mut order.inner, &shipments, actor, at_time).map_err(|e| err(&env, e))?;
    Ok(moves.iter().map(name_of).collect())
}

/// Cash collected on delivery across the order's shipments, as money text.
#[napi]
pub fn cash_collected_for(env: Env, order: &JsOrder, shipments: Vec<&JsShipment>) -> napi::Result<String> {
    let shipments = snapshots(&env, &shipments)?;
    cash_collected(&order.inner, &shipments).map(|m| m.to_string()).map_err(|e| err(&env, e))
}

/// "Where is my order": the customer-facing milestones of `order` and its shipments, in time order.
#[napi(ts_return_type = "TimelineEntry[]")]
pub fn order_timeline_of<'env>(
    env: &'env Env,
    order: &JsOrder,
    shipments: Vec<&JsShipment>,
) -> napi::Result<Unknown<'env>> {
    to_js(env, &order_timeline(&order.inner, &snapshots(env, &shipments)?))
}

fn zones_arg(env: &Env, zones: Unknown<'_>) -> napi::Result<Vec<ShippingZone>> {
    let zones: Vec<ShippingZone> = from_js(env, zones, "zones")?;
    zones
        .into_iter()
        .map(|zone| zone.validated().map_err(|e| err(env, vitrina_core::shipping::ShippingError::from(e))))
        .collect()
}

/// The first zone (in the order given) that contains `address`, or `null`.
#[napi(ts_return_type = "ShippingZone | null")]
pub fn zone_for_address<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "ShippingZone[] | string")] zones: Unknown<'_>,
    #[napi(ts_arg_type = "Address | string")] address: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let zones = zones_arg(env, zones)?;
    let address: Address = from_js(env, address, "address")?;
    to_js(env, &zone_for(&zones, &address))
}

/// The delivery methods that serve `address` (a method without zones serves everywhere).
#[napi(ts_return_type = "DeliveryMethod[]")]
pub fn delivery_methods_for<'env>(
    env: &'env Env,
    #[napi(ts_arg_type = "DeliveryMethod[] | string")] methods: Unknown<'_>,
    #[napi(ts_arg_type = "ShippingZone[] | string")] zones: Unknown<'_>,
    #[napi(ts_arg_type = "Address | string")] address: Unknown<'_>,
) -> napi::Result<Unknown<'env>> {
    let methods: Vec<DeliveryMethod> = from_js(env, methods, "methods")?;
    let zones = zones_arg(env, zones)?;
    let address: Address = from_js(env, address, "address")?;
    to_js(env, &methods_for(&methods, &zones, &address))
}
