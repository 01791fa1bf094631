//! What the order keeps about the shopper: how to reach them, and where and how the order is
//! delivered and paid (checkout validates both before an order is placed).

use serde::{Deserialize, Serialize};

use super::PaymentMethod;
use crate::delivery::Address;

/// The shopper's contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ContactDetails {
    /// E-mail address for confirmations and follow-ups (domain lower-cased when validated).
    pub email: String,
    /// Phone number, digits with an optional leading `+` once validated.
    #[serde(default)]
    pub phone: Option<String>,
}

/// The shopper's delivery and payment choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeliveryDetails {
    /// Where to deliver.
    pub address: Address,
    /// The shipping method chosen, by id (one of the store's pricing rules).
    pub shipping_method_id: String,
    /// How the shopper will pay.
    pub payment_method: PaymentMethod,
    /// The pickup point chosen, for a pickup-point method (the courier's id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pickup_point_id: Option<String>,
    /// The delivery slot chosen, for a method with time slots (the slot's id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot_id: Option<String>,
    /// The courier service chosen from a rate quote (`express`, `economy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub courier_service: Option<String>,
}

impl DeliveryDetails {
    /// Delivery to `address` by `shipping_method_id`, paid by `payment_method`, with no pickup point,
    /// slot or courier service chosen.
    pub fn new(address: Address, shipping_method_id: impl Into<String>, payment_method: PaymentMethod) -> Self {
        DeliveryDetails {
            address,
            shipping_method_id: shipping_method_id.into(),
            payment_method,
            pickup_point_id: None,
            slot_id: None,
            courier_service: None,
        }
    }
}
