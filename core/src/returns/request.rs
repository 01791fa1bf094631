//! What a shopper (or staff on their behalf) asks to return: order lines with quantities, reasons,
//! declared conditions and optional photos and notes.

use serde::{Deserialize, Serialize};

use super::{ItemCondition, ReturnReason};
use crate::event::Actor;

/// A request to return part of an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewReturn {
    /// The lines to return, each order line at most once.
    pub lines: Vec<RequestedLine>,
    /// Who asks.
    pub requested_by: Actor,
    /// A note on the whole return.
    #[serde(default)]
    pub note: Option<String>,
}

/// One order line to return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RequestedLine {
    /// The order's line id (as in its priced cart).
    pub line_id: String,
    /// Units to return, at least 1.
    pub quantity: u32,
    /// Why.
    pub reason: ReturnReason,
    /// The condition the shopper declares.
    pub condition: ItemCondition,
    /// Uploaded photos (URLs or file ids).
    #[serde(default)]
    pub photos: Vec<String>,
    /// The shopper's explanation.
    #[serde(default)]
    pub note: Option<String>,
}
