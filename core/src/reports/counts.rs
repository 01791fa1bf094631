//! Counted steps of the shop on each shop-local day: carts opened, checkouts started, orders placed
//! and paid, abandoned checkouts followed up and recovered, and what each promotion gave and sold.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// What a [`DayCount`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// A cart was opened.
    CartCreated,
    /// A checkout was started (the contact step).
    CheckoutStarted,
    /// An order was placed (amount: its grand total).
    OrderPlaced,
    /// An order became paid in full (amount: its grand total).
    OrderPaid,
    /// An abandoned checkout got its follow-up e-mail.
    CheckoutFollowedUp,
    /// A followed-up checkout became an order.
    CheckoutRecovered,
    /// A promotion was applied to a placed order (key: the promotion; amount: the discount).
    PromotionDiscount,
    /// An order placed with a promotion (key: the promotion; amount: the order's grand total).
    PromotionRevenue,
}

impl Metric {
    /// Every metric, in declaration order.
    pub const ALL: [Metric; 8] = [
        Metric::CartCreated,
        Metric::CheckoutStarted,
        Metric::OrderPlaced,
        Metric::OrderPaid,
        Metric::CheckoutFollowedUp,
        Metric::CheckoutRecovered,
        Metric::PromotionDiscount,
        Metric::PromotionRevenue,
    ];

    /// The metric's stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::CartCreated => "cart_created",
            Metric::CheckoutStarted => "checkout_started",
            Metric::OrderPlaced => "order_placed",
            Metric::OrderPaid => "order_paid",
            Metric::CheckoutFollowedUp => "checkout_followed_up",
            Metric::CheckoutRecovered => "checkout_recovered",
            Metric::PromotionDiscount => "promotion_discount",
            Metric::PromotionRevenue => "promotion_revenue",
        }
    }

    /// The metric of a stored name.
    pub fn parse(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|metric| metric.as_str() == name)
    }
}

/// How many times `metric` happened under `key` on one shop-local day, with an amount in `currency`
/// (both empty when the metric has none). As a change, added to the stored row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DayCount {
    /// The day in the shop's time zone.
    pub day: Date,
    /// What is counted.
    pub metric: Metric,
    /// What it is counted under (a promotion id), empty for none.
    pub key: String,
    /// The currency of the amount, empty for none.
    pub currency: String,
    /// How many times.
    pub count: i64,
    /// The amount, in minor units.
    pub amount_minor: i64,
}

/// A metric's count and amount over a range of days (the days added up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CountTotal {
    /// What is counted.
    pub metric: Metric,
    /// What it is counted under, empty for none.
    pub key: String,
    /// The currency of the amount, empty for none.
    pub currency: String,
    /// How many times.
    pub count: i64,
    /// The amount, in minor units.
    pub amount_minor: i64,
}
