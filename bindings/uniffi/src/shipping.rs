//! Shipping in an app: choosing how an order is delivered at checkout (`DeliveryOptions`: the shop's
//! delivery methods that serve the address, each priced by the same engine as the server, with the
//! courier's estimated delivery windows and the pickup points to choose from), and following a parcel
//! afterwards (`Shipment`: carrier, tracking number and link, estimated delivery window, and every
//! tracking event with its time, place and description). The order's "where is my order" timeline
//! over its shipments is `Order.timelineOf(shipments)`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::SystemTime;

use rust_decimal::Decimal;
use vitrina_core::delivery as core_delivery;
use vitrina_core::pricing::PricingError;
use vitrina_core::shipping as core;

use crate::cart::Cart;
use crate::checkout::Address;
use crate::errors::{invalid_input, shipping_class, variant_code, VitrinaError};
use crate::pricing::{PricedShipping, Pricer, PricingContext};

impl From<core::ShippingError> for VitrinaError {
    fn from(e: core::ShippingError) -> Self {
        let field = match &e {
            core::ShippingError::InvalidField { field, .. }
            | core::ShippingError::UnknownLine { field, .. }
            | core::ShippingError::OverShipment { field, .. } => Some(field.clone()),
            _ => None,
        };
        shipping_class(e.to_string(), variant_code(&e), field)
    }
}

/// The snake_case name serde gives an enum value (`address_problem`).
pub(crate) fn snake_name(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

/// A span of time (start inclusive, end exclusive): a courier's estimate or a booked slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct DeliveryWindow {
    /// The earliest moment.
    pub start: SystemTime,
    /// The latest moment.
    pub end: SystemTime,
}

impl From<core_delivery::DeliveryWindow> for DeliveryWindow {
    fn from(w: core_delivery::DeliveryWindow) -> Self {
        DeliveryWindow { start: SystemTime::from(w.start), end: SystemTime::from(w.end) }
    }
}

/// Where a shipment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ShipmentState {
    /// Planned; no label yet.
    Pending,
    /// Packed and labelled, waiting for the courier.
    LabelCreated,
    /// Collected by the courier.
    PickedUp,
    /// On its way between depots.
    InTransit,
    /// On the vehicle for delivery today.
    OutForDelivery,
    /// Waiting at a pickup point or locker.
    ReadyForPickup,
    /// A delivery attempt failed; another attempt, a pickup point or a return follows.
    DeliveryFailed,
    /// Final: handed over.
    Delivered,
    /// Final: sent back to the shop.
    ReturnedToSender,
    /// Final: called off before it left.
    Cancelled,
}

impl From<core::ShipmentState> for ShipmentState {
    fn from(s: core::ShipmentState) -> Self {
        use core::ShipmentState as S;
        match s {
            S::Pending => ShipmentState::Pending,
            S::LabelCreated => ShipmentState::LabelCreated,
            S::PickedUp => ShipmentState::PickedUp,
            S::InTransit => ShipmentState::InTransit,
            S::OutForDelivery => ShipmentState::OutForDelivery,
            S::ReadyForPickup => ShipmentState::ReadyForPickup,
            S::DeliveryFailed => ShipmentState::DeliveryFailed,
            S::Delivered => ShipmentState::Delivered,
            S::ReturnedToSender => ShipmentState::ReturnedToSender,
            S::Cancelled => ShipmentState::Cancelled,
        }
    }
}

/// What a tracking event says, whatever the carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum TrackingStatus {
    /// Announced to the carrier; not yet in its hands.
    Pending,
    /// Collected from the shop.
    PickedUp,
    /// Moving through the carrier's network.
    InTransit,
    /// On the vehicle for delivery.
    OutForDelivery,
    /// Waiting at a pickup point or locker.
    ReadyForPickup,
    /// Handed over.
    Delivered,
    /// A delivery attempt failed (see the incident).
    DeliveryFailed,
    /// Running late (see the incident).
    Delayed,
    /// Held (customs, an address query, a payment question).
    OnHold,
    /// On its way back to the shop.
    ReturnToSender,
    /// Called off.
    Cancelled,
    /// A carrier code the shop could not map; the description says more.
    Unknown,
}

impl From<core::TrackingStatus> for TrackingStatus {
    fn from(s: core::TrackingStatus) -> Self {
        use core::TrackingStatus as T;
        match s {
            T::Pending => TrackingStatus::Pending,
            T::PickedUp => TrackingStatus::PickedUp,
            T::InTransit => TrackingStatus::InTransit,
            T::OutForDelivery => TrackingStatus::OutForDelivery,
            T::ReadyForPickup => TrackingStatus::ReadyForPickup,
            T::Delivered => TrackingStatus::Delivered,
            T::DeliveryFailed => TrackingStatus::DeliveryFailed,
            T::Delayed => TrackingStatus::Delayed,
            T::OnHold => TrackingStatus::OnHold,
            T::ReturnToSender => TrackingStatus::ReturnToSender,
            T::Cancelled => TrackingStatus::Cancelled,
            T::Unknown => TrackingStatus::Unknown,
        }
    }
}

/// One event the carrier reported for a parcel.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TrackingEvent {
    /// When it happened.
    pub at: SystemTime,
    /// The same moment as ISO 8601 text in UTC (`2026-11-23T14:30:00Z`).
    pub at_iso: String,
    /// What it means, normalised across carriers.
    pub status: TrackingStatus,
    /// The carrier's own text (`Arrived at Sofia hub`).
    pub description: String,
    /// Where, when the carrier says (`Sofia hub`).
    pub location: Option<String>,
    /// Why, for a failed attempt, delay or hold (`recipient_absent`, `weather`, `customs`...).
    pub incident: Option<String>,
    /// The carrier's own event code, for support staff.
    pub raw_code: String,
}

impl From<&core::TrackingEvent> for TrackingEvent {
    fn from(e: &core::TrackingEvent) -> Self {
        TrackingEvent {
            at: SystemTime::from(e.at),
            at_iso: e.at.to_string(),
            status: e.status.into(),
            description: e.description.clone(),
            location: e.location.clone(),
            incident: e.incident.as_ref().map(snake_name),
            raw_code: e.raw_code.clone(),
        }
    }
}

/// Units of one order line travelling in a shipment.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShipmentLine {
    /// The order's cart line.
    pub line_id: String,
    /// Its variant.
    pub variant_id: String,
    /// Units in this parcel.
    pub quantity: u32,
}

/// The characters kept as they are in a URL component (RFC 3986 unreserved).
fn url_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A parcel of an order (a snapshot, as the server gives it: the server records its changes).
#[derive(uniffi::Object)]
pub struct Shipment {
    pub(crate) inner: core::Shipment,
}

#[uniffi::export]
impl Shipment {
    /// A shipment from its JSON form (as the server stores it).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Shipment>, VitrinaError> {
        let inner = serde_json::from_str(&json).map_err(|e| invalid_input(shipping_class, "shipment", e))?;
        Ok(Arc::new(Shipment { inner }))
    }

    /// The shipment as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.inner).unwrap_or_default()
    }

    /// The shipment's id.
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The order it belongs to.
    pub fn order_id(&self) -> String {
        self.inner.order_id().to_owned()
    }

    /// The carrier (the courier's name, `dhl`, `own-fleet`).
    pub fn carrier(&self) -> String {
        self.inner.courier().to_owned()
    }

    /// The carrier's service (`standard`, `express`), when chosen.
    pub fn service(&self) -> Option<String> {
        self.inner.service().map(str::to_owned)
    }

    /// The carrier's tracking number, once the parcel is labelled.
    pub fn tracking_number(&self) -> Option<String> {
        self.inner.tracking_number().map(str::to_owned)
    }

    /// The link where the shopper follows the parcel at its carrier: `template` with
    /// `{tracking_number}` replaced by the tracking number (URL-encoded), e.g.
    /// `https://track.example.com/?n={tracking_number}`. Null until the parcel has a tracking
    /// number; a template without the placeholder is refused (`VitrinaException.Shipping`, field
    /// `template`).
    pub fn tracking_url(&self, template: String) -> Result<Option<String>, VitrinaError> {
        const PLACEHOLDER: &str = "{tracking_number}";
        if !template.contains(PLACEHOLDER) {
            return Err(invalid_input(shipping_class, "template", format!("must contain {PLACEHOLDER}")));
        }
        Ok(self.inner.tracking_number().map(|number| template.replace(PLACEHOLDER, &url_component(number))))
    }

    /// Where the parcel stands.
    pub fn state(&self) -> ShipmentState {
        self.inner.state().into()
    }

    /// Whether the parcel has reached a final state (delivered, returned or cancelled).
    pub fn is_final(&self) -> bool {
        self.inner.state().is_terminal()
    }

    /// When the carrier expects to deliver, as it said when the label was created; null when it
    /// gave no estimate.
    pub fn estimated_delivery(&self) -> Option<DeliveryWindow> {
        self.inner.estimated_delivery().map(DeliveryWindow::from)
    }

    /// The order lines and units in this parcel.
    pub fn lines(&self) -> Vec<ShipmentLine> {
        self.inner
            .lines()
            .iter()
            .map(|l| ShipmentLine {
                line_id: l.line_id.clone(),
                variant_id: l.variant_id.clone(),
                quantity: l.quantity,
            })
            .collect()
    }

    /// When the shipment was planned.
    pub fn created_at(&self) -> SystemTime {
        SystemTime::from(self.inner.created_at())
    }

    /// Every event the carrier reported, oldest first (sorted by time; the order of arrival is kept
    /// among events at the same moment).
    pub fn tracking_events(&self) -> Vec<TrackingEvent> {
        let mut events: Vec<TrackingEvent> = self.inner.tracking().iter().map(TrackingEvent::from).collect();
        events.sort_by_key(|e| e.at);
        events
    }

    /// The carrier's latest event, null before the first.
    pub fn latest_event(&self) -> Option<TrackingEvent> {
        self.tracking_events().pop()
    }
}

/// A place where the shopper collects parcels.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct PickupPoint {
    /// The carrier's id of the point.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Where it is.
    pub address: Address,

    /// Opening hours as the carrier words them.
    pub opening_hours: Option<String>,
}

/// How a delivery method brings the parcel.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum DeliveryKind {
    /// The shop's own drivers, in a booked time slot.
    OwnCourier {
        /// The courier's name.
        courier: String,
    },
    /// A carrier's service to the door.
    Carrier {
        /// The courier's name.
        courier: String,
        /// The carrier's service (`standard`, `express`).
        service: String,
    },
    /// Collection by the shopper at one of `points`.
    Pickup {
        /// The courier's name.
        courier: String,
        /// The pickup points to choose from.
        points: Vec<PickupPoint>,
    },
}

impl From<&core_delivery::DeliveryKind> for DeliveryKind {
    fn from(kind: &core_delivery::DeliveryKind) -> Self {
        match kind {
            core_delivery::DeliveryKind::OwnCourier { courier } => {
                DeliveryKind::OwnCourier { courier: courier.clone() }
            }
            core_delivery::DeliveryKind::Carrier { courier, service } => {
                DeliveryKind::Carrier { courier: courier.clone(), service: service.clone() }
            }
            core_delivery::DeliveryKind::PickupPoint { courier, points } => DeliveryKind::Pickup {
                courier: courier.clone(),
                points: points
                    .iter()
                    .map(|p| PickupPoint {
                        id: p.id.clone(),
                        name: p.name.clone(),
                        address: Address::from(&p.address),
                        opening_hours: p.opening_hours.clone(),
                    })
                    .collect(),
            },
        }
    }
}

/// When a courier's service would deliver, from its rate quote.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeliveryEstimate {
    /// The courier's service code (`standard`, `express`, `slot:2026-03-02-am`).
    pub service: String,
    /// Its name, to show.
    pub name: String,
    /// When it should arrive.
    pub window: DeliveryWindow,
}

/// A delivery method the shopper may pick for this cart and address, priced.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeliveryOption {
    /// The delivery method's id.
    pub method_id: String,
    /// Its name, to show.
    pub name: String,
    /// How it delivers (with the pickup points, for collection).
    pub kind: DeliveryKind,
    /// The shipping method to record in `DeliveryDetails.shippingMethodId` when the shopper picks it.
    pub shipping_method_id: String,
    /// Whether the shopper may pay cash on delivery with it.
    pub cash_on_delivery: bool,
    /// What the shopper pays for shipping with it (charge, promotion discount, tax, total): exactly
    /// what the server charges.
    pub shipping: PricedShipping,
    /// The cart's grand total with it.
    pub grand_total: Decimal,
    /// ISO code of the amounts' currency.
    pub currency: String,
    /// The courier's estimates for this method, soonest first: the matching service of a carrier,
    /// every slot or service the courier offered otherwise. Empty without a rate quote of its courier.
    pub estimates: Vec<DeliveryEstimate>,
}

impl DeliveryOption {
    /// The earliest end of the estimates: "arrives by".
    fn arrives_by(&self) -> Option<SystemTime> {
        self.estimates.iter().map(|e| e.window.end).min()
    }
}

/// How options are ordered (null: as the shop configured its methods).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DeliveryOrder {
    /// Cheapest shipping first (ties: as configured).
    Cheapest,
    /// Soonest estimated arrival first; options without an estimate last (ties: as configured).
    Fastest,
}

/// The shop's delivery set-up (zones and delivery methods), from which the app offers the methods
/// that serve the shopper's address at checkout.
#[derive(uniffi::Object)]
pub struct DeliveryOptions {
    zones: Vec<core_delivery::ShippingZone>,
    methods: Vec<core_delivery::DeliveryMethod>,
}

#[derive(serde::Deserialize)]
struct DeliverySetup {
    #[serde(default)]
    zones: Vec<core_delivery::ShippingZone>,
    methods: Vec<core_delivery::DeliveryMethod>,
}

fn invalid_field(field: &str, reason: impl std::fmt::Display) -> VitrinaError {
    shipping_class(format!("{field}: {reason}"), "invalid_field".to_owned(), Some(field.to_owned()))
}

#[uniffi::export]
impl DeliveryOptions {
    /// The set-up from its JSON form: `{"zones": [...], "methods": [...]}` (core `ShippingZone` and
    /// `DeliveryMethod`, as the server stores them); zones are validated.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<DeliveryOptions>, VitrinaError> {
        let setup: DeliverySetup =
            serde_json::from_str(&json).map_err(|e| invalid_input(shipping_class, "delivery_options", e))?;
        let mut zones = Vec::with_capacity(setup.zones.len());
        for (i, zone) in setup.zones.into_iter().enumerate() {
            zones.push(zone.validated().map_err(core::ShippingError::from).map_err(|e| match e {
                core::ShippingError::InvalidField { field, reason } => {
                    invalid_field(&field.replacen("zone", &format!("zones[{i}]"), 1), reason)
                }
                other => other.into(),
            })?);
        }
        if let Some(i) = setup.methods.iter().position(|m| m.id.trim().is_empty()) {
            return Err(invalid_field(&format!("methods[{i}].id"), "must not be empty"));
        }
        Ok(Arc::new(DeliveryOptions { zones, methods: setup.methods }))
    }

    /// The ids of every delivery method, as configured.
    pub fn method_ids(&self) -> Vec<String> {
        self.methods.iter().map(|m| m.id.clone()).collect()
    }

    /// The delivery methods that serve `address`, each priced for `cart` in `context` with its
    /// shipping method (the context's own `shippingMethodId` is ignored), ordered by `order` (null:
    /// as configured).
    /// Methods whose shipping method does not serve the context (another currency or region) are
    /// left out. `courier_rates` maps a courier's name to its rate quote as JSON (core `RateQuote`,
    /// as the server fetched it); their windows become the options' `estimates`.
    #[uniffi::method(default(order = None, courier_rates))]
    pub fn for_address(
        &self,
        pricer: Arc<Pricer>,
        cart: Arc<Cart>,
        context: PricingContext,
        address: Address,
        courier_rates: HashMap<String, String>,
        order: Option<DeliveryOrder>,
    ) -> Result<Vec<DeliveryOption>, VitrinaError> {
        let address = vitrina_core::delivery::Address::from(address).validated().map_err(|e| match e {
            vitrina_core::checkout::CheckoutError::InvalidField { field, reason } => invalid_field(&field, reason),
            other => invalid_field("address", other),
        })?;
        let mut rates: HashMap<String, core::RateQuote> = HashMap::new();
        for (courier, json) in courier_rates {
            let quote = serde_json::from_str(&json)
                .map_err(|e| invalid_input(shipping_class, &format!("courier_rates.{courier}"), e))?;
            rates.insert(courier, quote);
        }
        let context = context.to_core()?;
        let cart = cart.lock().clone();
        // The cart and context are checked once without shipping, so their errors (another currency,
        // an unknown variant) are raised rather than hidden behind methods left out.
        let without_shipping = vitrina_core::pricing::PricingContext { shipping_method_id: None, ..context.clone() };
        pricer.inner.price(&cart, &without_shipping)?;
        let mut options = Vec::new();
        for method in core_delivery::methods_for(&self.methods, &self.zones, &address) {
            let context = vitrina_core::pricing::PricingContext {
                shipping_method_id: Some(method.shipping_method_id.clone()),
                ..context.clone()
            };
            let priced = match pricer.inner.price(&cart, &context) {
                Ok(priced) => priced,
                Err(PricingError::ShippingUnavailable { .. }) => continue,
                Err(e) => return Err(e.into()),
            };
            let Some(shipping) = priced.shipping.clone() else { continue };
            options.push(DeliveryOption {
                estimates: estimates(&method.kind, &rates),
                method_id: method.id.clone(),
                name: method.name.clone(),
                kind: DeliveryKind::from(&method.kind),
                shipping_method_id: method.shipping_method_id.clone(),
                cash_on_delivery: method.cash_on_delivery,
                shipping: PricedShipping::from(shipping),
                grand_total: priced.totals.grand_total,
                currency: priced.currency.code().to_owned(),
            });
        }
        match order {
            None => {}
            Some(DeliveryOrder::Cheapest) => options.sort_by_key(|o| o.shipping.total),
            Some(DeliveryOrder::Fastest) => options.sort_by_key(|o| (o.arrives_by().is_none(), o.arrives_by())),
        }
        Ok(options)
    }
}

/// The estimates of `kind` among the couriers' quotes, soonest first.
fn estimates(kind: &core_delivery::DeliveryKind, rates: &HashMap<String, core::RateQuote>) -> Vec<DeliveryEstimate> {
    let Some(quote) = rates.get(kind.courier()) else { return Vec::new() };
    let mut estimates: Vec<DeliveryEstimate> = quote
        .options
        .iter()
        .filter(|o| match kind {
            core_delivery::DeliveryKind::Carrier { service, .. } => &o.service == service,
            _ => true,
        })
        .map(|o| DeliveryEstimate {
            service: o.service.clone(),
            name: o.name.clone(),
            window: o.estimated_delivery.into(),
        })
        .collect();
    estimates.sort_by_key(|e| (e.window.end, e.window.start));
    estimates
}
