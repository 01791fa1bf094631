//! `Order`: a read-only view of a placed order (state, number, payment reference, history) and its
//! customer-facing tracking timeline ("where is my order"), built by the core from the order and its
//! shipments.

use std::sync::Arc;
use std::time::SystemTime;

use rust_decimal::Decimal;
use vitrina_core::order as core;
use vitrina_core::shipping as core_shipping;

use crate::checkout::{ContactDetails, DeliveryDetails};
use crate::errors::{invalid_input, order_class, shipping_class, VitrinaError};
use crate::pricing::PricedCart;
use crate::shipping::{snake_name, Shipment};

fn tracking_step(e: core_shipping::OrderTimelineEntry) -> TrackingStep {
    TrackingStep {
        at: SystemTime::from(e.at),
        at_iso: e.at.to_string(),
        milestone: e.milestone.into(),
        shipment_id: e.shipment_id,
        tracking_number: e.tracking_number,
        incident: e.incident.as_ref().map(snake_name),
    }
}

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum OrderState {
    /// Placed; waiting for the payment to go through.
    PendingPayment,
    /// Waiting for a bank transfer quoting the payment reference.
    AwaitingTransfer,
    /// Paid in full; not yet being fulfilled.
    Paid,
    /// Being picked and packed.
    Processing,
    /// Some shipments left, others are still to come.
    PartiallyShipped,
    /// Everything has left the warehouse.
    Shipped,
    /// The courier delivered everything.
    Delivered,
    /// Final: the return window has passed.
    Completed,
    /// Final: the order will not be fulfilled.
    Cancelled,
    /// Final: returned or lost and all money given back.
    Refunded,
}

impl From<core::OrderState> for OrderState {
    fn from(s: core::OrderState) -> Self {
        match s {
            core::OrderState::PendingPayment => OrderState::PendingPayment,
            core::OrderState::AwaitingTransfer => OrderState::AwaitingTransfer,
            core::OrderState::Paid => OrderState::Paid,
            core::OrderState::Processing => OrderState::Processing,
            core::OrderState::PartiallyShipped => OrderState::PartiallyShipped,
            core::OrderState::Shipped => OrderState::Shipped,
            core::OrderState::Delivered => OrderState::Delivered,
            core::OrderState::Completed => OrderState::Completed,
            core::OrderState::Cancelled => OrderState::Cancelled,
            core::OrderState::Refunded => OrderState::Refunded,
        }
    }
}

/// Who caused a change: `kind` is `shopper`, `staff`, `system`, `gateway` or `courier`; `id` the
/// customer id, staff id, gateway or courier name when there is one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ActorRef {
    /// `shopper`, `staff`, `system`, `gateway`, `courier`.
    pub kind: String,
    /// The customer id, staff id, gateway or courier name.
    pub id: Option<String>,
}

impl From<&vitrina_core::event::Actor> for ActorRef {
    fn from(actor: &vitrina_core::event::Actor) -> Self {
        let value = serde_json::to_value(actor).unwrap_or_default();
        let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let kind = text("kind").unwrap_or_default();
        let id = text("customer_id").or_else(|| text("id")).or_else(|| text("name"));
        ActorRef { kind, id }
    }
}

/// A state change in an order's history.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OrderTransition {
    /// When it happened.
    pub at: SystemTime,
    /// Who caused it.
    pub actor: ActorRef,
    /// The state before.
    pub from: OrderState,
    /// The state after.
    pub to: OrderState,
    /// A free-text reason.
    pub note: Option<String>,
}

/// A step of the order tracking timeline the shopper sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Milestone {
    /// The order was placed.
    OrderPlaced,
    /// The shop received the money.
    PaymentReceived,
    /// A parcel is packed and labelled.
    Packed,
    /// A parcel is on its way.
    InTransit,
    /// The carrier reports a delay or hold.
    Delayed,
    /// A parcel is on the vehicle for delivery.
    OutForDelivery,
    /// A delivery attempt failed.
    DeliveryAttemptFailed,
    /// A parcel waits at a pickup point.
    ReadyForPickup,
    /// A parcel was delivered.
    Delivered,
    /// A parcel is going back to the shop.
    ReturnedToSender,
    /// The order was cancelled.
    OrderCancelled,
}

impl From<core_shipping::Milestone> for Milestone {
    fn from(m: core_shipping::Milestone) -> Self {
        use core_shipping::Milestone as M;
        match m {
            M::OrderPlaced => Milestone::OrderPlaced,
            M::PaymentReceived => Milestone::PaymentReceived,
            M::Packed => Milestone::Packed,
            M::InTransit => Milestone::InTransit,
            M::Delayed => Milestone::Delayed,
            M::OutForDelivery => Milestone::OutForDelivery,
            M::DeliveryAttemptFailed => Milestone::DeliveryAttemptFailed,
            M::ReadyForPickup => Milestone::ReadyForPickup,
            M::Delivered => Milestone::Delivered,
            M::ReturnedToSender => Milestone::ReturnedToSender,
            M::OrderCancelled => Milestone::OrderCancelled,
        }
    }
}

/// One dated step of the order tracking timeline.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TrackingStep {
    /// When.
    pub at: SystemTime,
    /// The same moment as ISO 8601 text in UTC (`2026-11-23T12:00:00Z`).
    pub at_iso: String,
    /// What.
    pub milestone: Milestone,
    /// The parcel concerned, for shipment steps.
    pub shipment_id: Option<String>,
    /// Its tracking number, when it has one.
    pub tracking_number: Option<String>,
    /// Why, for a delay or failed attempt (`address_problem`, `weather`...).
    pub incident: Option<String>,
}

/// A placed order (a snapshot: the server owns its changes).
#[derive(uniffi::Object)]
pub struct Order {
    pub(crate) inner: core::Order,
}

impl Order {
    pub(crate) fn wrap(order: core::Order) -> Arc<Order> {
        Arc::new(Order { inner: order })
    }
}

#[uniffi::export]
impl Order {
    /// An order from its JSON form (as the server or `to_json` gives it).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Order>, VitrinaError> {
        let order = serde_json::from_str(&json).map_err(|e| invalid_input(order_class, "order", e))?;
        Ok(Order::wrap(order))
    }

    /// The order as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.inner).unwrap_or_default()
    }

    /// The order's id.
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// The order number, `VT-2026-000123`.
    pub fn number(&self) -> String {
        self.inner.number().as_str().to_owned()
    }

    /// The bank-transfer payment reference as printed, `RF18 5390 0754 7034`.
    pub fn payment_reference(&self) -> String {
        self.inner.payment_reference().formatted()
    }

    /// Where the order stands.
    pub fn state(&self) -> OrderState {
        self.inner.state().into()
    }

    /// The customer, null for a guest.
    pub fn customer_id(&self) -> Option<String> {
        self.inner.customer_id().map(str::to_owned)
    }

    /// The contact details given at checkout.
    pub fn contact(&self) -> ContactDetails {
        ContactDetails::from(self.inner.contact())
    }

    /// The delivery and payment choices.
    pub fn delivery(&self) -> DeliveryDetails {
        DeliveryDetails::from(self.inner.delivery())
    }

    /// The priced cart the shopper confirmed.
    pub fn priced(&self) -> PricedCart {
        PricedCart::from(self.inner.priced().clone())
    }

    /// ISO code of the order's currency.
    pub fn currency(&self) -> String {
        self.inner.total().currency().code().to_owned()
    }

    /// The grand total.
    pub fn total(&self) -> Decimal {
        self.inner.total().amount()
    }

    /// What has been received so far.
    pub fn paid(&self) -> Decimal {
        self.inner.paid().amount()
    }

    /// When the order was placed.
    pub fn placed_at(&self) -> SystemTime {
        SystemTime::from(self.inner.placed_at())
    }

    /// The state changes since placing, oldest first.
    pub fn history(&self) -> Vec<OrderTransition> {
        self.inner
            .history()
            .iter()
            .map(|t| OrderTransition {
                at: SystemTime::from(t.at),
                actor: ActorRef::from(&t.actor),
                from: t.from.into(),
                to: t.to.into(),
                note: t.note.clone(),
            })
            .collect()
    }

    /// The customer-facing tracking timeline of this order and those of `shipments_json` (each a
    /// shipment as JSON) that belong to it, oldest first.
    #[uniffi::method(default(shipments_json = []))]
    pub fn timeline(&self, shipments_json: Vec<String>) -> Result<Vec<TrackingStep>, VitrinaError> {
        let shipments = shipments_json
            .iter()
            .enumerate()
            .map(|(i, json)| {
                serde_json::from_str::<core_shipping::Shipment>(json)
                    .map_err(|e| invalid_input(shipping_class, &format!("shipments[{i}]"), e))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(core_shipping::order_timeline(&self.inner, &shipments).into_iter().map(tracking_step).collect())
    }

    /// The customer-facing tracking timeline of this order and those of `shipments` that belong to
    /// it, oldest first (as `timeline`, from shipments already read with `Shipment.fromJson`).
    pub fn timeline_of(&self, shipments: Vec<Arc<Shipment>>) -> Vec<TrackingStep> {
        let shipments: Vec<core_shipping::Shipment> = shipments.iter().map(|s| s.inner.clone()).collect();
        core_shipping::order_timeline(&self.inner, &shipments).into_iter().map(tracking_step).collect()
    }
}
