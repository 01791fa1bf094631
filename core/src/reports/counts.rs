//! Counted steps of the shop on each shop-local day: carts opened, checkouts started, orders placed
//! and paid, abandoned checkouts followed up and recovered, what each promotion gave and sold, and
//! after-sales: returns and refunds, support cases against their SLA, satisfaction, review ratings.

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
    /// Units asked to be returned (key: the reason; count: units).
    ReturnRequested,
    /// Units of a product asked to be returned (key: `product id:reason`; count: units).
    ProductReturnRequested,
    /// A refund (key: the payment method; amount: the money).
    RefundIssued,
    /// A support case opened (key: its category).
    CaseOpened,
    /// A support case solved.
    CaseSolved,
    /// A case's first response (key: `met` or `breached`; value: business minutes taken).
    CaseFirstResponse,
    /// A case's resolution (key: `met` or `breached`; value: business minutes taken).
    CaseResolution,
    /// A satisfaction survey answered (key: the score, 1 to 5).
    CsatAnswered,
    /// A product review submitted (key: the product; value: its stars).
    ReviewSubmitted,
}

impl Metric {
    /// Every metric, in declaration order.
    pub const ALL: [Metric; 17] = [
        Metric::CartCreated,
        Metric::CheckoutStarted,
        Metric::OrderPlaced,
        Metric::OrderPaid,
        Metric::CheckoutFollowedUp,
        Metric::CheckoutRecovered,
        Metric::PromotionDiscount,
        Metric::PromotionRevenue,
        Metric::ReturnRequested,
        Metric::ProductReturnRequested,
        Metric::RefundIssued,
        Metric::CaseOpened,
        Metric::CaseSolved,
        Metric::CaseFirstResponse,
        Metric::CaseResolution,
        Metric::CsatAnswered,
        Metric::ReviewSubmitted,
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
            Metric::ReturnRequested => "return_requested",
            Metric::ProductReturnRequested => "product_return_requested",
            Metric::RefundIssued => "refund_issued",
            Metric::CaseOpened => "case_opened",
            Metric::CaseSolved => "case_solved",
            Metric::CaseFirstResponse => "case_first_response",
            Metric::CaseResolution => "case_resolution",
            Metric::CsatAnswered => "csat_answered",
            Metric::ReviewSubmitted => "review_submitted",
        }
    }

    /// Whether the metric is counted from orders, payments and returns, so that a rebuild of the
    /// rollups recomputes it from the stored orders, returns and event log; the others (carts,
    /// checkouts, support, satisfaction, reviews) are counted only as they happen.
    pub fn from_orders(self) -> bool {
        matches!(
            self,
            Metric::OrderPlaced
                | Metric::OrderPaid
                | Metric::PromotionDiscount
                | Metric::PromotionRevenue
                | Metric::ReturnRequested
                | Metric::ProductReturnRequested
                | Metric::RefundIssued
        )
    }

    /// The metric of a stored name.
    pub fn parse(name: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|metric| metric.as_str() == name)
    }
}

/// How many times `metric` happened under `key` on one shop-local day, with a value: an amount in
/// minor units of `currency` for money metrics, minutes or stars for others (`currency` empty).
/// As a change, added to the stored row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DayCount {
    /// The day in the shop's time zone.
    pub day: Date,
    /// What is counted.
    pub metric: Metric,
    /// What it is counted under (a promotion id), empty for none.
    pub key: String,
    /// The currency of a money value, empty for none.
    pub currency: String,
    /// How many times.
    pub count: i64,
    /// The value added up: minor units of `currency`, minutes or stars, by metric.
    pub value: i64,
}

/// A metric's count and amount over a range of days (the days added up).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CountTotal {
    /// What is counted.
    pub metric: Metric,
    /// What it is counted under, empty for none.
    pub key: String,
    /// The currency of a money value, empty for none.
    pub currency: String,
    /// How many times.
    pub count: i64,
    /// The value added up: minor units of `currency`, minutes or stars, by metric.
    pub value: i64,
}
