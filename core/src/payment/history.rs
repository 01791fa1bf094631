//! One recorded move of a payment's state machine: when, who, from where to where, and the step
//! (with its amount) that caused it.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{PaymentState, PaymentStep};
use crate::event::Actor;

/// A state change in a payment's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentTransition {
    /// When it happened (UTC).
    pub at: Timestamp,
    /// Who caused it (usually the gateway).
    pub actor: Actor,
    /// The state before.
    pub from: PaymentState,
    /// The state after.
    pub to: PaymentState,
    /// What happened.
    pub step: PaymentStep,
}
