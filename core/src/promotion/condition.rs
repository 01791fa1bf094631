//! Why a coupon did not apply: the reasons a shopper is shown next to a rejected code, in the order
//! the engine checks them.

use serde::{Deserialize, Serialize};

/// Why a coupon code in the cart gave nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RejectionReason {
    /// No promotion has this code.
    NotFound,
    /// The promotion has not started yet.
    NotYetValid,
    /// The promotion has ended.
    Expired,
    /// The promotion's total or per-customer uses are exhausted.
    UsageLimitReached,
    /// The promotion is for other currencies.
    CurrencyMismatch,
    /// The shopper is not in an eligible customer group.
    CustomerGroupNotEligible,
    /// The shopper is not in an eligible customer segment.
    CustomerSegmentNotEligible,
    /// The promotion is for a first order only.
    FirstOrderOnly,
    /// The cart subtotal is below the minimum.
    MinSubtotalNotMet,
    /// Required items are missing or too few.
    RequiredItemsMissing,
    /// An exclusive promotion applied before it, or every line it targets was already discounted and
    /// it does not stack.
    NotCombinable,
    /// The conditions hold but it gives nothing on this cart.
    NotApplicable,
}
