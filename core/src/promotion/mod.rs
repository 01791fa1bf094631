//! Promotions and coupons as data: conditions that must all hold, one action, priority, exclusivity
//! and stacking, usage limits. The pricing engine applies them; this module says what they are.

mod condition;

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use condition::RejectionReason;

use crate::money::Currency;

/// A promotion, automatic or unlocked by a coupon code.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Promotion {
    /// Unique id; ties in priority are ordered by it.
    pub id: String,
    /// Name shown on the receipt.
    #[serde(default)]
    pub name: String,
    /// Applied in ascending priority, then by id.
    #[serde(default)]
    pub priority: i32,
    /// If it applies, no later promotion applies.
    #[serde(default)]
    pub exclusive: bool,
    /// If false, it skips lines an earlier promotion already discounted.
    #[serde(default = "yes")]
    pub stackable: bool,
    /// The coupon code that unlocks it (matched case-insensitively); `None` for automatic promotions.
    #[serde(default)]
    pub coupon_code: Option<String>,
    /// Currency of the action's amounts; required for amount-based actions, which only apply to carts
    /// in this currency.
    #[serde(default)]
    pub currency: Option<Currency>,
    /// Conditions that must all hold.
    #[serde(default)]
    pub conditions: Conditions,
    /// What it gives.
    pub action: Action,
}

fn yes() -> bool {
    true
}

/// Conditions of a promotion; an empty set always holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Conditions {
    /// Minimum cart subtotal (before any discount), in the promotion's currency.
    #[serde(default)]
    pub min_subtotal: Option<Decimal>,
    /// The shopper must be in one of these groups; empty means anybody.
    #[serde(default)]
    pub customer_groups: Vec<String>,
    /// The shopper must be in one of these saved customer segments (by id); empty means anybody.
    #[serde(default)]
    pub customer_segments: Vec<String>,
    /// Items that must be in the cart, each with a minimum quantity.
    #[serde(default)]
    pub required_items: Vec<RequiredItems>,
    /// Valid from (inclusive).
    #[serde(default)]
    pub starts_at: Option<Timestamp>,
    /// Valid until (exclusive).
    #[serde(default)]
    pub ends_at: Option<Timestamp>,
    /// Only for a shopper's first order.
    #[serde(default)]
    pub first_order_only: bool,
    /// Total number of uses allowed; `None` is unlimited.
    #[serde(default)]
    pub usage_limit: Option<u32>,
    /// Uses so far (kept by the store).
    #[serde(default)]
    pub times_used: u32,
    /// Uses allowed per customer; the customer's uses come from the pricing context.
    #[serde(default)]
    pub per_customer_limit: Option<u32>,
}

/// At least `min_quantity` units of lines matching `target` must be in the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RequiredItems {
    /// Which lines count.
    pub target: Selector,
    /// How many units they must add up to.
    pub min_quantity: u32,
}

/// Selects cart lines by product, variant or category (a category includes its sub-categories).
/// A line matches if it matches any listed id; a selector with no ids matches every line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Selector {
    /// Product ids.
    #[serde(default)]
    pub product_ids: Vec<String>,
    /// Variant ids.
    #[serde(default)]
    pub variant_ids: Vec<String>,
    /// Category ids.
    #[serde(default)]
    pub category_ids: Vec<String>,
}

impl Selector {
    /// Whether the selector names nothing, and so matches every line.
    pub fn is_everything(&self) -> bool {
        self.product_ids.is_empty() && self.variant_ids.is_empty() && self.category_ids.is_empty()
    }

    /// Whether a line of `variant_id` of `product_id`, listed in `categories` (ancestors included),
    /// matches.
    pub fn matches(&self, product_id: &str, variant_id: &str, categories: &[String]) -> bool {
        self.is_everything()
            || self.product_ids.iter().any(|p| p == product_id)
            || self.variant_ids.iter().any(|v| v == variant_id)
            || self.category_ids.iter().any(|c| categories.contains(c))
    }
}

/// How an `amount_off` is spread over the matched lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Allocation {
    /// The amount off every unit (up to `max_quantity` units per line).
    EachUnit,
    /// The amount off every matched line.
    EachLine,
    /// The amount once, split over the matched lines by largest remainder, weighted by their amounts.
    Across,
}

/// One tier of a `tiered` promotion: spend at least `min_subtotal`, get `amount_off`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SpendTier {
    /// Subtotal of the targeted lines (before discounts) from which the tier applies.
    pub min_subtotal: Decimal,
    /// Amount off the targeted lines.
    pub amount_off: Decimal,
}

/// One component of a bundle: `quantity` units of lines matching `target`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BundleItem {
    /// Which lines can fill this component.
    pub target: Selector,
    /// Units needed.
    pub quantity: u32,
}

/// What a promotion gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    /// `percent` % off each matched line's current amount.
    PercentOff {
        /// 0 to 100.
        percent: Decimal,
        /// Lines discounted.
        #[serde(default)]
        target: Selector,
    },
    /// A fixed amount off the matched lines, spread by `allocation`.
    AmountOff {
        /// The amount, in the promotion's currency.
        amount: Decimal,
        /// Lines discounted.
        #[serde(default)]
        target: Selector,
        /// How the amount is spread.
        allocation: Allocation,
        /// For `each_unit`: at most this many units per line.
        #[serde(default)]
        max_quantity: Option<u32>,
    },
    /// A fixed amount off the order, allocated over all lines by largest remainder.
    OrderAmountOff {
        /// The amount, in the promotion's currency.
        amount: Decimal,
    },
    /// A percentage off the order, allocated over all lines by largest remainder.
    OrderPercentOff {
        /// 0 to 100.
        percent: Decimal,
    },
    /// Every `buy_quantity` units of `buy` give `get_quantity` units of `get` at `percent` % off,
    /// cheapest units first.
    BuyXGetY {
        /// Lines whose units qualify.
        #[serde(default)]
        buy: Selector,
        /// Units to buy per application.
        buy_quantity: u32,
        /// Lines whose units are discounted.
        #[serde(default)]
        get: Selector,
        /// Units discounted per application.
        get_quantity: u32,
        /// Discount on those units, 0 to 100 (100 = free).
        percent: Decimal,
        /// At most this many applications; `None` is unlimited.
        #[serde(default)]
        max_applications: Option<u32>,
    },
    /// The items of a bundle together cost `price` (most expensive units first).
    FixedPrice {
        /// The components of one bundle.
        items: Vec<BundleItem>,
        /// Price of one bundle, in the promotion's currency.
        price: Decimal,
        /// At most this many bundles; `None` is unlimited.
        #[serde(default)]
        max_applications: Option<u32>,
    },
    /// Spend thresholds on the targeted lines: the highest tier reached gives its amount off.
    Tiered {
        /// The tiers, any order.
        tiers: Vec<SpendTier>,
        /// Lines that count and are discounted.
        #[serde(default)]
        target: Selector,
    },
    /// The shipping charge is waived.
    FreeShipping,
    /// Adds a zero-priced gift line.
    FreeGift {
        /// The gift.
        variant_id: String,
        /// Units given.
        #[serde(default = "one")]
        quantity: u32,
    },
}

fn one() -> u32 {
    1
}

impl Action {
    /// The action's name as it appears in JSON (`percent_off`, `buy_x_get_y`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Action::PercentOff { .. } => "percent_off",
            Action::AmountOff { .. } => "amount_off",
            Action::OrderAmountOff { .. } => "order_amount_off",
            Action::OrderPercentOff { .. } => "order_percent_off",
            Action::BuyXGetY { .. } => "buy_x_get_y",
            Action::FixedPrice { .. } => "fixed_price",
            Action::Tiered { .. } => "tiered",
            Action::FreeShipping => "free_shipping",
            Action::FreeGift { .. } => "free_gift",
        }
    }

    /// Whether the action carries amounts of money (and so needs the promotion's currency).
    pub fn has_amounts(&self) -> bool {
        matches!(
            self,
            Action::AmountOff { .. }
                | Action::OrderAmountOff { .. }
                | Action::FixedPrice { .. }
                | Action::Tiered { .. }
        )
    }
}
