//! One recorded move of a return's state machine: when, who, from where to where, and why.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::ReturnState;
use crate::event::Actor;

/// A state change in a return's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReturnTransition {
    /// When it happened (UTC).
    pub at: Timestamp,
    /// Who caused it.
    pub actor: Actor,
    /// The state before.
    pub from: ReturnState,
    /// The state after.
    pub to: ReturnState,
    /// A free-text reason (the rejection reason, a tracking number).
    pub note: Option<String>,
}
