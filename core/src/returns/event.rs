//! The return's events: state changes, serialised tagged by `type` as the outbox stores them.
//! (One enum per aggregate; the outbox's union is `notify::DomainEvent`.)

use serde::{Deserialize, Serialize};

use super::ReturnState;
use crate::event::Actor;

/// Something that happened to a return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReturnEvent {
    /// A return (RMA) moved from one state to another.
    ReturnStateChanged {
        /// The return.
        return_id: String,
        /// Its order.
        order_id: String,
        /// The state before.
        from: ReturnState,
        /// The state after.
        to: ReturnState,
        /// Who moved it.
        actor: Actor,
    },
}

impl ReturnEvent {
    /// The event's `type` as serialised (`return_state_changed`), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            ReturnEvent::ReturnStateChanged { .. } => "return_state_changed",
        }
    }
}
