//! Normalised tracking: every courier's own event codes mapped to one set of statuses, with the
//! incident reason when something went wrong and the carrier's raw code kept for support staff.

use std::fmt;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{CarrierWarning, ShipmentState};
use crate::money::Money;

/// What a tracking event says, whatever the carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
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
    /// A code the adapter could not map; see the raw code.
    Unknown,
}

impl TrackingStatus {
    /// The status's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            TrackingStatus::Pending => "pending",
            TrackingStatus::PickedUp => "picked_up",
            TrackingStatus::InTransit => "in_transit",
            TrackingStatus::OutForDelivery => "out_for_delivery",
            TrackingStatus::ReadyForPickup => "ready_for_pickup",
            TrackingStatus::Delivered => "delivered",
            TrackingStatus::DeliveryFailed => "delivery_failed",
            TrackingStatus::Delayed => "delayed",
            TrackingStatus::OnHold => "on_hold",
            TrackingStatus::ReturnToSender => "return_to_sender",
            TrackingStatus::Cancelled => "cancelled",
            TrackingStatus::Unknown => "unknown",
        }
    }

    /// The shipment state this status moves a shipment to; `None` for statuses that only inform
    /// (`pending`, `delayed`, `on_hold`, `unknown`).
    pub fn shipment_state(self) -> Option<ShipmentState> {
        match self {
            TrackingStatus::PickedUp => Some(ShipmentState::PickedUp),
            TrackingStatus::InTransit => Some(ShipmentState::InTransit),
            TrackingStatus::OutForDelivery => Some(ShipmentState::OutForDelivery),
            TrackingStatus::ReadyForPickup => Some(ShipmentState::ReadyForPickup),
            TrackingStatus::Delivered => Some(ShipmentState::Delivered),
            TrackingStatus::DeliveryFailed => Some(ShipmentState::DeliveryFailed),
            TrackingStatus::ReturnToSender => Some(ShipmentState::ReturnedToSender),
            TrackingStatus::Cancelled => Some(ShipmentState::Cancelled),
            TrackingStatus::Pending | TrackingStatus::Delayed | TrackingStatus::OnHold | TrackingStatus::Unknown => {
                None
            }
        }
    }
}

impl fmt::Display for TrackingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a delivery failed, was delayed or held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IncidentReason {
    /// Nobody was there to receive it.
    RecipientAbsent,
    /// The address is incomplete or wrong.
    AddressProblem,
    /// The recipient refused the parcel.
    Refused,
    /// The recipient could not pay the cash on delivery.
    PaymentNotReady,
    /// The parcel is damaged.
    Damaged,
    /// Weather or another force majeure.
    Weather,
    /// Held at customs.
    Customs,
    /// The carrier's own backlog or a missed connection.
    CarrierDelay,
    /// Anything else; see the event's description.
    Other,
}

/// One normalised tracking event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackingEvent {
    /// When it happened (UTC).
    pub at: Timestamp,
    /// The normalised status.
    pub status: TrackingStatus,
    /// The carrier's own code, unchanged (`NH`, `DRV_DELIVERED`).
    pub raw_code: String,
    /// The carrier's text.
    pub description: String,
    /// Where (`Sofia hub`), when known.
    #[serde(default)]
    pub location: Option<String>,
    /// Why, for a failure, delay or hold.
    #[serde(default)]
    pub incident: Option<IncidentReason>,
    /// Cash collected on delivery, on a `delivered` event of a cash-on-delivery shipment.
    #[serde(default)]
    pub cash_collected: Option<Money>,
}

impl TrackingEvent {
    /// An event with no location, incident or cash.
    pub fn new(at: Timestamp, status: TrackingStatus, raw_code: &str, description: &str) -> TrackingEvent {
        TrackingEvent {
            at,
            status,
            raw_code: raw_code.to_owned(),
            description: description.to_owned(),
            location: None,
            incident: None,
            cash_collected: None,
        }
    }
}

/// The events a courier reported for one tracking number, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackedShipment {
    /// The tracking number.
    pub tracking_number: String,
    /// Its events, oldest first.
    pub events: Vec<TrackingEvent>,
}

/// What a courier reported for several tracking numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackingReport {
    /// The numbers the courier knows, with their events.
    pub shipments: Vec<TrackedShipment>,
    /// The carrier's remarks (including numbers it does not know).
    pub warnings: Vec<CarrierWarning>,
}

impl TrackingReport {
    /// The events for `tracking_number`, if reported.
    pub fn events_of(&self, tracking_number: &str) -> Option<&TrackedShipment> {
        self.shipments.iter().find(|s| s.tracking_number == tracking_number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [TrackingStatus; 12] = [
        TrackingStatus::Pending,
        TrackingStatus::PickedUp,
        TrackingStatus::InTransit,
        TrackingStatus::OutForDelivery,
        TrackingStatus::ReadyForPickup,
        TrackingStatus::Delivered,
        TrackingStatus::DeliveryFailed,
        TrackingStatus::Delayed,
        TrackingStatus::OnHold,
        TrackingStatus::ReturnToSender,
        TrackingStatus::Cancelled,
        TrackingStatus::Unknown,
    ];

    #[test]
    fn only_informative_statuses_leave_the_shipment_state_alone() {
        let informative: Vec<_> = ALL.into_iter().filter(|s| s.shipment_state().is_none()).collect();
        use TrackingStatus::*;
        assert_eq!(informative, vec![Pending, Delayed, OnHold, Unknown]);
        assert_eq!(ReturnToSender.shipment_state(), Some(ShipmentState::ReturnedToSender));
        assert_eq!(ReadyForPickup.shipment_state(), Some(ShipmentState::ReadyForPickup));
    }

    #[test]
    fn serde_uses_snake_case_and_keeps_the_raw_code() {
        for status in ALL {
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{status}\""));
        }
        let at: Timestamp = "2026-03-02T09:00:00Z".parse().unwrap();
        let mut event = TrackingEvent::new(at, TrackingStatus::DeliveryFailed, "NH", "Nobody home");
        event.incident = Some(IncidentReason::RecipientAbsent);
        let json = serde_json::to_value(&event).unwrap();
        assert_eq!(json["raw_code"], "NH");
        assert_eq!(json["incident"], "recipient_absent");
        assert_eq!(serde_json::from_value::<TrackingEvent>(json).unwrap(), event);
    }
}
