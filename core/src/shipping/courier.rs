//! The `Courier` plug-in trait that every carrier adapter implements (in Rust or, via a binding, in
//! the shop's own language), its capabilities, and the warnings carriers attach to answers.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

use super::{AddressValidation, CourierError, CreatedShipment, Pickup, PickupRequest, RateQuote, RateRequest};
use super::{ShipmentRequest, TrackingReport};
use crate::delivery::Address;

/// A note from the carrier that does not stop the call (`remote area surcharge`, `unknown tracking
/// number` among several): returned next to the results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CarrierWarning {
    /// A stable code (`remote_area`, `unknown_tracking_number`).
    pub code: String,
    /// The carrier's text.
    pub message: String,
}

impl CarrierWarning {
    /// A warning.
    pub fn new(code: &str, message: impl Into<String>) -> CarrierWarning {
        CarrierWarning { code: code.to_owned(), message: message.into() }
    }
}

/// What a courier supports beyond rates, labels and tracking.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CourierCapabilities {
    /// Cancel a shipment before pickup.
    pub cancel: bool,
    /// Check addresses.
    pub address_validation: bool,
    /// Book and cancel pickups from the shop.
    pub pickups: bool,
    /// Collect cash on delivery.
    pub cash_on_delivery: bool,
    /// Deliver in booked time slots.
    pub time_slots: bool,
    /// Deliver to pickup points.
    pub pickup_points: bool,
}

/// A courier.
///
/// `Err` means no usable answer (unsupported, invalid request, unreachable); a carrier's remarks are
/// [`CarrierWarning`]s inside `Ok`. Shared as `Arc<dyn Courier>`.
#[async_trait]
pub trait Courier: Send + Sync {
    /// The courier's name (`own-fleet`, `test`), recorded as the actor of the changes it reports.
    fn name(&self) -> &str;

    /// What the courier supports.
    fn capabilities(&self) -> CourierCapabilities;

    /// The services, prices and estimated delivery windows for a parcel.
    async fn rates(&self, request: &RateRequest) -> Result<RateQuote, CourierError>;

    /// Announces a shipment: a tracking number and a label to print.
    async fn create_shipment(&self, request: &ShipmentRequest) -> Result<CreatedShipment, CourierError>;

    /// Calls a shipment off before it is picked up.
    async fn cancel_shipment(&self, tracking_number: &str) -> Result<Vec<CarrierWarning>, CourierError>;

    /// The normalised events of each tracking number; numbers the courier does not know are warnings.
    async fn track(&self, tracking_numbers: &[String]) -> Result<TrackingReport, CourierError>;

    /// Checks an address and may suggest a corrected one.
    async fn validate_address(&self, address: &Address) -> Result<AddressValidation, CourierError> {
        let _ = address;
        Err(CourierError::unsupported(self.name(), "validate_address"))
    }

    /// Books a pickup of parcels from the shop.
    async fn schedule_pickup(&self, request: &PickupRequest) -> Result<Pickup, CourierError> {
        let _ = request;
        Err(CourierError::unsupported(self.name(), "schedule_pickup"))
    }

    /// Cancels a booked pickup.
    async fn cancel_pickup(&self, pickup_id: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        let _ = pickup_id;
        Err(CourierError::unsupported(self.name(), "cancel_pickup"))
    }
}
