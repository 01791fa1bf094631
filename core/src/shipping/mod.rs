//! Shipping after the order: the [`Courier`] plug-in trait (rate quotes, labels, cancellation,
//! normalised tracking, address checks, pickups), parcels, shipments that split an order, and the
//! customer-facing order timeline. What the shopper chooses before paying is in [`crate::delivery`].
//!
//! # Shipment state machine
//!
//! One transition function, [`Shipment::transition`] ([`Shipment::deliver`] for deliveries, which
//! checks and records cash on delivery); every accepted move is recorded in [`Shipment::history`]
//! (time, actor, from, to, note) and as a `shipment_state_changed` event; a refused move is a
//! [`ShippingError`] and changes nothing.
//!
//! | from               | to                                                                        |
//! |--------------------|---------------------------------------------------------------------------|
//! | `pending`          | `label_created`, `cancelled`                                              |
//! | `label_created`    | `picked_up`, `in_transit`, `cancelled`                                    |
//! | `picked_up`        | `in_transit`, `out_for_delivery`, `ready_for_pickup`, `returned_to_sender` |
//! | `in_transit`       | `out_for_delivery`, `ready_for_pickup`, `delivery_failed`, `delivered`, `returned_to_sender` |
//! | `out_for_delivery` | `in_transit`, `delivery_failed`, `delivered`                              |
//! | `ready_for_pickup` | `delivered`, `returned_to_sender`                                         |
//! | `delivery_failed`  | `in_transit`, `out_for_delivery`, `ready_for_pickup`, `returned_to_sender` |
//! | `delivered`, `returned_to_sender`, `cancelled` | nothing: final                                |
//!
//! Tracking events move shipments through the same function ([`Shipment::record_tracking`]); the
//! order follows its shipments ([`sync_order_state`]): `partially_shipped` once some units have
//! left, `shipped` once all have, `delivered` once all are delivered.

mod address_check;
mod cash_on_delivery;
mod courier;
mod error;
mod event;
#[cfg(test)]
pub(crate) mod fixtures;
mod fulfilment;
mod label;
mod parcel;
mod pickup;
mod rate;
mod service;
mod shipment;
mod state;
mod timeline;
mod tracking;

pub use address_check::AddressValidation;
pub use cash_on_delivery::{cash_collected, cash_due, CashCollection};
pub use courier::{CarrierWarning, Courier, CourierCapabilities};
pub use error::{CourierError, ShippingError};
pub use event::ShipmentEvent;
pub use fulfilment::{
    line_fulfilment, lines_from_stock, order_state_for, sync_order_state, LineFulfilment, StockOnHand,
};
pub use label::{CreatedShipment, LabelDocument, ShipmentRequest};
pub use parcel::{Dimensions, Parcel, ParcelItem};
pub use pickup::{Pickup, PickupRequest};
pub use rate::{RateOption, RateQuote, RateRequest};
pub use service::{LabelRequest, ShipmentRefresh, ShippingService, TrackingRefresh};
pub use shipment::{LineQuantity, NewShipment, RefusedEvent, Shipment, ShipmentLine, ShipmentTransition, TrackingSync};
pub use state::ShipmentState;
pub use timeline::{order_timeline, Milestone, OrderTimelineEntry};
pub use tracking::{IncidentReason, TrackedShipment, TrackingEvent, TrackingReport, TrackingStatus};
