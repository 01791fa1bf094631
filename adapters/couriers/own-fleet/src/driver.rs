//! What a driver reports from the road, as the fleet's own tracking codes, and the cash a driver
//! collected on delivery.

use jiff::Timestamp;
use vitrina_core::money::Money;
use vitrina_core::shipping::{IncidentReason, TrackingStatus};

/// A driver's report on one parcel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DriverUpdate {
    /// Loaded at the shop.
    PickedUp,
    /// On the way to the recipient.
    OutForDelivery,
    /// Handed over, with the cash collected (exactly the amount due on a cash-on-delivery parcel).
    Delivered {
        /// Cash taken from the recipient.
        cash_collected: Option<Money>,
    },
    /// Could not deliver.
    Failed {
        /// Why.
        reason: IncidentReason,
    },
    /// Brought back to the depot after a failed attempt, to go out again.
    BackAtDepot,
    /// Given up: the parcel goes back to the shop.
    ReturnToShop,
}

impl DriverUpdate {
    /// The fleet's code for the update.
    pub fn code(&self) -> &'static str {
        match self {
            DriverUpdate::PickedUp => "DRV_PICKED_UP",
            DriverUpdate::OutForDelivery => "DRV_OUT",
            DriverUpdate::Delivered { .. } => "DRV_DELIVERED",
            DriverUpdate::Failed { .. } => "DRV_FAILED",
            DriverUpdate::BackAtDepot => "DRV_DEPOT",
            DriverUpdate::ReturnToShop => "DRV_RETURN",
        }
    }

    /// The normalised status.
    pub fn status(&self) -> TrackingStatus {
        match self {
            DriverUpdate::PickedUp => TrackingStatus::PickedUp,
            DriverUpdate::OutForDelivery => TrackingStatus::OutForDelivery,
            DriverUpdate::Delivered { .. } => TrackingStatus::Delivered,
            DriverUpdate::Failed { .. } => TrackingStatus::DeliveryFailed,
            DriverUpdate::BackAtDepot => TrackingStatus::InTransit,
            DriverUpdate::ReturnToShop => TrackingStatus::ReturnToSender,
        }
    }

    /// The text shown in tracking.
    pub fn description(&self) -> &'static str {
        match self {
            DriverUpdate::PickedUp => "Loaded by our driver",
            DriverUpdate::OutForDelivery => "Our driver is on the way",
            DriverUpdate::Delivered { .. } => "Delivered by our driver",
            DriverUpdate::Failed { .. } => "Delivery attempt failed",
            DriverUpdate::BackAtDepot => "Back at our depot",
            DriverUpdate::ReturnToShop => "Returning to the shop",
        }
    }
}

/// Cash a driver collected on delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CashReceipt {
    /// The driver.
    pub driver_id: String,
    /// The parcel.
    pub tracking_number: String,
    /// The amount.
    pub amount: Money,
    /// When.
    pub at: Timestamp,
}
