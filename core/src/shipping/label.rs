//! Announcing a shipment to a courier: what it needs to know (parcel, addresses, service, cash on
//! delivery, packaging) and what it gives back (tracking number and a label document to print).

use serde::{Deserialize, Serialize};

use super::{CarrierWarning, Parcel};
use crate::delivery::Address;
use crate::delivery::{DeliveryWindow, PackagingKind};
use crate::money::Money;

/// A shipment to announce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShipmentRequest {
    /// Vitrina's shipment id (the courier's reference).
    pub shipment_id: String,
    /// The order number, printed on the label unless packaging is discreet.
    pub order_number: String,
    /// The parcel.
    pub parcel: Parcel,
    /// Sender.
    pub from: Address,
    /// Recipient.
    pub to: Address,
    /// The courier's service code, from a rate option.
    pub service: String,
    /// Cash to collect on delivery.
    #[serde(default)]
    pub cash_on_delivery: Option<Money>,
    /// Special packaging; `discreet` keeps the shop's name off the label.
    #[serde(default)]
    pub packaging: Vec<PackagingKind>,
    /// A booked delivery slot, for couriers with time slots.
    #[serde(default)]
    pub slot_id: Option<String>,
    /// The chosen pickup point, for pickup-point delivery.
    #[serde(default)]
    pub pickup_point_id: Option<String>,
}

impl ShipmentRequest {
    /// Whether the label must not show the shop.
    pub fn is_discreet(&self) -> bool {
        self.packaging.contains(&PackagingKind::Discreet)
    }
}

/// A printable document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LabelDocument {
    /// MIME type (`application/pdf`, `text/plain; charset=utf-8`, `application/zpl`).
    pub content_type: String,
    /// The document.
    pub bytes: Vec<u8>,
}

/// A courier's answer to a [`ShipmentRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreatedShipment {
    /// The tracking number.
    pub tracking_number: String,
    /// The label to stick on the parcel.
    pub label: LabelDocument,
    /// When it should arrive, when the courier says.
    #[serde(default)]
    pub estimated_delivery: Option<DeliveryWindow>,
    /// The carrier's remarks.
    pub warnings: Vec<CarrierWarning>,
}
