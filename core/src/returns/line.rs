//! One line of a return: what was asked for, with a snapshot of the order line it returns (its
//! units and the total paid for it), so outcomes are computed from the prices the shopper paid.

use serde::{Deserialize, Serialize};

use super::{ItemCondition, ReturnReason};
use crate::money::Money;

/// A returned order line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReturnLine {
    /// The order's line id.
    pub line_id: String,
    /// The variant ordered.
    pub variant_id: String,
    /// Its product.
    pub product_id: String,
    /// Units to return.
    pub quantity: u32,
    /// Why.
    pub reason: ReturnReason,
    /// The condition the shopper declared.
    pub condition: ItemCondition,
    /// Uploaded photos (URLs or file ids).
    pub photos: Vec<String>,
    /// The shopper's explanation.
    pub note: Option<String>,
    /// Units on the order line (all delivered).
    pub ordered_quantity: u32,
    /// What the shopper paid for the whole order line: tax included, discounts deducted.
    pub line_total: Money,
}
