//! One recorded move of an order's state machine: when, who, from where to where, and why.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::OrderState;
use crate::event::Actor;

/// A state change in an order's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderTransition {
    /// When it happened (UTC).
    pub at: Timestamp,
    /// Who caused it.
    pub actor: Actor,
    /// The state before.
    pub from: OrderState,
    /// The state after.
    pub to: OrderState,
    /// A free-text reason (`"customer asked to cancel"`, `"transfer received"`).
    pub note: Option<String>,
}
