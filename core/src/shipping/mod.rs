//! Shipping methods the shopper chooses from and their charges: flat, by weight bands, by subtotal
//! bands, free over a threshold, restricted to regions.
//!
//! Beyond the charges: the [`Courier`] plug-in trait (rates, labels, cancellation, normalised
//! tracking, address checks, pickups), parcels, zones, the delivery methods a shopper picks (own
//! couriers, carriers, pickup points), delivery windows and slots, packaging options, shipments that
//! split an order, and the customer-facing order timeline.
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
mod courier;
mod error;
#[cfg(test)]
pub(crate) mod fixtures;
mod fulfilment;
mod label;
mod method;
mod packaging;
mod parcel;
mod pickup;
mod rate;
mod service;
mod shipment;
mod slot;
mod state;
mod timeline;
mod tracking;
mod zone;

pub use address_check::AddressValidation;
pub use courier::{CarrierWarning, Courier, CourierCapabilities};
pub use error::{CourierError, ShippingError};
pub use fulfilment::{
    cash_collected, line_fulfilment, lines_from_stock, order_state_for, sync_order_state, LineFulfilment, StockLevel,
};
pub use label::{CreatedShipment, LabelDocument, ShipmentRequest};
pub use method::{methods_for, DeliveryKind, DeliveryMethod, PickupPoint};
pub use packaging::{option_for, packaging_for_cart, packaging_total, PackagingCharge, PackagingKind, PackagingOption};
pub use parcel::{Dimensions, Parcel, ParcelItem};
pub use pickup::{Pickup, PickupRequest};
pub use rate::{RateOption, RateQuote, RateRequest};
pub use service::{LabelRequest, ShipmentRefresh, ShippingService, TrackingRefresh};
pub use shipment::{
    CashCollection, LineQuantity, NewShipment, RefusedEvent, Shipment, ShipmentLine, ShipmentTransition, TrackingSync,
};
pub use slot::{first_free_slot, DeliverySlot, DeliveryWindow};
pub use state::ShipmentState;
pub use timeline::{order_timeline, Milestone, TimelineEntry};
pub use tracking::{IncidentReason, TrackedShipment, TrackingEvent, TrackingReport, TrackingStatus};
pub use zone::{zone_for, ShippingZone};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// A delivery option with its rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShippingMethod {
    /// Unique id.
    pub id: String,
    /// Name shown to the shopper.
    pub name: String,
    /// Currency of every amount of the method.
    pub currency: Currency,
    /// Regions it delivers to; empty means everywhere.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Tax category of the charge.
    #[serde(default = "shipping_tax_category")]
    pub tax_category: String,
    /// How the charge is computed.
    pub rate: ShippingRate,
    /// Free when the goods, after discounts, amount to at least this.
    #[serde(default)]
    pub free_over: Option<Decimal>,
}

fn shipping_tax_category() -> String {
    "shipping".to_owned()
}

/// How a shipping charge is computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ShippingRate {
    /// One charge whatever the cart.
    Flat {
        /// The charge.
        amount: Decimal,
    },
    /// The first band (ascending) whose `up_to_grams` is at least the cart's weight.
    WeightBands {
        /// Bands in ascending order of `up_to_grams`; the last may be open (`null`).
        bands: Vec<WeightBand>,
    },
    /// The band with the largest `min_subtotal` not above the goods' amount after discounts.
    SubtotalBands {
        /// Bands, any order; one should start at zero.
        bands: Vec<SubtotalBand>,
    },
}

/// Charge for carts up to a weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeightBand {
    /// Upper weight bound in grams (inclusive); `None` for no bound.
    #[serde(default)]
    pub up_to_grams: Option<u64>,
    /// The charge.
    pub amount: Decimal,
}

/// Charge for carts from a subtotal on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubtotalBand {
    /// Lower bound (inclusive) of the goods' amount after discounts.
    pub min_subtotal: Decimal,
    /// The charge.
    pub amount: Decimal,
}
