//! Pickups: asking a courier to collect the day's parcels from the shop in a time window (for
//! couriers whose capabilities include `pickups`).

use serde::{Deserialize, Serialize};

use super::CarrierWarning;
use crate::delivery::Address;
use crate::delivery::DeliveryWindow;

/// A pickup to book.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PickupRequest {
    /// Where to collect.
    pub address: Address,
    /// When the parcels are ready.
    pub window: DeliveryWindow,
    /// The parcels to collect, by tracking number.
    pub tracking_numbers: Vec<String>,
}

/// A booked pickup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Pickup {
    /// The courier's id of the pickup.
    pub pickup_id: String,
    /// When the driver comes.
    pub window: DeliveryWindow,
    /// The carrier's remarks.
    pub warnings: Vec<CarrierWarning>,
}
