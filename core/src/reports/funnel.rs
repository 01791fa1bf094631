//! The funnel report: of the carts opened in a range of days, how many reached checkout, an order
//! and payment; abandoned checkouts followed up and recovered; and each promotion's effect.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{CountTotal, Metric};
use crate::money::{Currency, Money, MoneyError};
use crate::promotion::Promotion;

/// What one promotion did over the range, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PromotionEffect {
    /// The promotion.
    pub promotion_id: String,
    /// Its name in the current settings (its id when it is gone).
    pub name: String,
    /// The currency.
    pub currency: Currency,
    /// Orders placed with it.
    pub orders: i64,
    /// The discount it gave on them.
    pub discount: Money,
    /// Their grand totals.
    pub revenue: Money,
}

/// The shop's funnel from `from` (inclusive) to `to` (exclusive), shop-local days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FunnelReport {
    /// The first day.
    pub from: Date,
    /// The day after the last.
    pub to: Date,
    /// Carts opened.
    pub carts_created: i64,
    /// Checkouts started (contact details given).
    pub checkouts_started: i64,
    /// Orders placed.
    pub orders_placed: i64,
    /// Orders that became paid in full.
    pub orders_paid: i64,
    /// Abandoned checkouts that got a follow-up e-mail.
    pub followed_up: i64,
    /// Followed-up checkouts that became orders.
    pub recovered: i64,
    /// Checkouts started per cart opened, in percent to two decimals.
    pub checkout_rate_percent: Decimal,
    /// Orders placed per checkout started, in percent.
    pub order_rate_percent: Decimal,
    /// Orders paid per order placed, in percent.
    pub paid_rate_percent: Decimal,
    /// Checkouts recovered per checkout followed up, in percent.
    pub recovery_rate_percent: Decimal,
    /// What each promotion did, by promotion and currency.
    pub promotions: Vec<PromotionEffect>,
}

impl FunnelReport {
    /// The funnel of the counted `totals` of the range; promotion names from `promotions`.
    pub fn build(
        from: Date,
        to: Date,
        totals: &[CountTotal],
        promotions: &[Promotion],
    ) -> Result<FunnelReport, MoneyError> {
        let count = |metric: Metric| totals.iter().filter(|t| t.metric == metric).map(|t| t.count).sum::<i64>();
        let (carts, checkouts, orders) =
            (count(Metric::CartCreated), count(Metric::CheckoutStarted), count(Metric::OrderPlaced));
        let (paid, followed_up, recovered) =
            (count(Metric::OrderPaid), count(Metric::CheckoutFollowedUp), count(Metric::CheckoutRecovered));
        let mut effects = Vec::new();
        for discount in totals.iter().filter(|t| t.metric == Metric::PromotionDiscount) {
            let currency = Currency::parse(&discount.currency, "currency")?;
            let revenue = totals
                .iter()
                .find(|t| {
                    t.metric == Metric::PromotionRevenue && t.key == discount.key && t.currency == discount.currency
                })
                .map_or(0, |t| t.value);
            let name = promotions.iter().find(|p| p.id == discount.key).map_or(discount.key.as_str(), |p| &p.name);
            effects.push(PromotionEffect {
                promotion_id: discount.key.clone(),
                name: name.to_owned(),
                currency,
                orders: discount.count,
                discount: Money::from_minor(discount.value, currency),
                revenue: Money::from_minor(revenue, currency),
            });
        }
        Ok(FunnelReport {
            from,
            to,
            carts_created: carts,
            checkouts_started: checkouts,
            orders_placed: orders,
            orders_paid: paid,
            followed_up,
            recovered,
            checkout_rate_percent: percent(checkouts, carts),
            order_rate_percent: percent(orders, checkouts),
            paid_rate_percent: percent(paid, orders),
            recovery_rate_percent: percent(recovered, followed_up),
            promotions: effects,
        })
    }
}

/// `part` over `whole` in percent, half away from zero to two decimals (zero over nothing).
pub(crate) fn percent(part: i64, whole: i64) -> Decimal {
    if whole <= 0 {
        return Decimal::ZERO;
    }
    (Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}
