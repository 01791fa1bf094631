//! The shipment's events: state changes and cash collected on delivery, serialised tagged by `type` as
//! the outbox stores them.

use serde::{Deserialize, Serialize};

use super::ShipmentState;
use crate::event::Actor;
use crate::money::Money;

/// Something that happened to a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ShipmentEvent {
    /// A shipment moved from one state to another.
    ShipmentStateChanged {
        /// The shipment.
        shipment_id: String,
        /// Its order.
        order_id: String,
        /// The state before.
        from: ShipmentState,
        /// The state after.
        to: ShipmentState,
        /// Who moved it.
        actor: Actor,
    },
    /// The courier collected cash on delivery; the payment side confirms it against the order.
    CashOnDeliveryCollected {
        /// The shipment delivered.
        shipment_id: String,
        /// Its order.
        order_id: String,
        /// The cash collected.
        amount: Money,
        /// Who collected it.
        actor: Actor,
    },
}

impl ShipmentEvent {
    /// The event's `type` as serialised (`shipment_state_changed`), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            ShipmentEvent::ShipmentStateChanged { .. } => "shipment_state_changed",
            ShipmentEvent::CashOnDeliveryCollected { .. } => "cash_on_delivery_collected",
        }
    }
}
