//! The shipment state machine: its states and which moves between them are legal (the table is in
//! the module documentation of [`crate::shipping`]).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a shipment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ShipmentState {
    /// Planned: its lines are set aside, no label yet.
    Pending,
    /// The courier issued a tracking number and label; the parcel is packed and waiting.
    LabelCreated,
    /// The courier collected the parcel.
    PickedUp,
    /// On its way between depots.
    InTransit,
    /// On the vehicle for delivery today.
    OutForDelivery,
    /// Waiting at a pickup point or locker for the shopper.
    ReadyForPickup,
    /// A delivery attempt failed; another attempt, a pickup point or a return follows.
    DeliveryFailed,
    /// Final: handed over to the recipient.
    Delivered,
    /// Final: sent back to the shop.
    ReturnedToSender,
    /// Final: called off before it left.
    Cancelled,
}

impl ShipmentState {
    /// All states, in lifecycle order.
    pub const ALL: [ShipmentState; 10] = [
        ShipmentState::Pending,
        ShipmentState::LabelCreated,
        ShipmentState::PickedUp,
        ShipmentState::InTransit,
        ShipmentState::OutForDelivery,
        ShipmentState::ReadyForPickup,
        ShipmentState::DeliveryFailed,
        ShipmentState::Delivered,
        ShipmentState::ReturnedToSender,
        ShipmentState::Cancelled,
    ];

    /// The state's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ShipmentState::Pending => "pending",
            ShipmentState::LabelCreated => "label_created",
            ShipmentState::PickedUp => "picked_up",
            ShipmentState::InTransit => "in_transit",
            ShipmentState::OutForDelivery => "out_for_delivery",
            ShipmentState::ReadyForPickup => "ready_for_pickup",
            ShipmentState::DeliveryFailed => "delivery_failed",
            ShipmentState::Delivered => "delivered",
            ShipmentState::ReturnedToSender => "returned_to_sender",
            ShipmentState::Cancelled => "cancelled",
        }
    }

    /// Whether the table allows moving from `self` to `to` (never to the same state).
    pub fn can_move_to(self, to: ShipmentState) -> bool {
        use ShipmentState::*;
        match self {
            Pending => matches!(to, LabelCreated | Cancelled),
            LabelCreated => matches!(to, PickedUp | InTransit | Cancelled),
            PickedUp => matches!(to, InTransit | OutForDelivery | ReadyForPickup | ReturnedToSender),
            InTransit => {
                matches!(to, OutForDelivery | ReadyForPickup | Delivered | DeliveryFailed | ReturnedToSender)
            }
            OutForDelivery => matches!(to, InTransit | Delivered | DeliveryFailed),
            ReadyForPickup => matches!(to, Delivered | ReturnedToSender),
            DeliveryFailed => matches!(to, InTransit | OutForDelivery | ReadyForPickup | ReturnedToSender),
            Delivered | ReturnedToSender | Cancelled => false,
        }
    }

    /// Whether no move leaves this state.
    pub fn is_terminal(self) -> bool {
        ShipmentState::ALL.iter().all(|&to| !self.can_move_to(to))
    }

    /// Whether the parcel has left the shop (picked up or any later state except `cancelled`).
    pub fn has_left(self) -> bool {
        !matches!(self, ShipmentState::Pending | ShipmentState::LabelCreated | ShipmentState::Cancelled)
    }
}

impl fmt::Display for ShipmentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ShipmentState::*;
    use super::*;

    #[test]
    fn legal_moves_match_the_documented_table() {
        let legal: Vec<(ShipmentState, ShipmentState)> = ShipmentState::ALL
            .iter()
            .flat_map(|&from| ShipmentState::ALL.iter().map(move |&to| (from, to)))
            .filter(|&(from, to)| from.can_move_to(to))
            .collect();
        let expected = vec![
            (Pending, LabelCreated),
            (Pending, Cancelled),
            (LabelCreated, PickedUp),
            (LabelCreated, InTransit),
            (LabelCreated, Cancelled),
            (PickedUp, InTransit),
            (PickedUp, OutForDelivery),
            (PickedUp, ReadyForPickup),
            (PickedUp, ReturnedToSender),
            (InTransit, OutForDelivery),
            (InTransit, ReadyForPickup),
            (InTransit, DeliveryFailed),
            (InTransit, Delivered),
            (InTransit, ReturnedToSender),
            (OutForDelivery, InTransit),
            (OutForDelivery, DeliveryFailed),
            (OutForDelivery, Delivered),
            (ReadyForPickup, Delivered),
            (ReadyForPickup, ReturnedToSender),
            (DeliveryFailed, InTransit),
            (DeliveryFailed, OutForDelivery),
            (DeliveryFailed, ReadyForPickup),
            (DeliveryFailed, ReturnedToSender),
        ];
        assert_eq!(legal, expected);
    }

    #[test]
    fn delivered_returned_and_cancelled_are_terminal() {
        let terminal: Vec<_> = ShipmentState::ALL.into_iter().filter(|s| s.is_terminal()).collect();
        assert_eq!(terminal, vec![Delivered, ReturnedToSender, Cancelled]);
    }

    #[test]
    fn a_parcel_has_left_once_picked_up() {
        let left: Vec<_> = ShipmentState::ALL.into_iter().filter(|s| s.has_left()).collect();
        assert_eq!(
            left,
            vec![PickedUp, InTransit, OutForDelivery, ReadyForPickup, DeliveryFailed, Delivered, ReturnedToSender]
        );
    }

    #[test]
    fn display_and_serde_use_snake_case() {
        assert_eq!(OutForDelivery.to_string(), "out_for_delivery");
        for state in ShipmentState::ALL {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{state}\""));
            assert_eq!(serde_json::from_str::<ShipmentState>(&json).unwrap(), state);
        }
    }
}
