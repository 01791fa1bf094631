//! The after-sales report: returns by reason and by product, refunds by payment method, support cases opened and
//! solved, first response and resolution against their SLA, satisfaction scores, review ratings.

use jiff::civil::Date;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::funnel::percent;
use super::{CountTotal, Metric};
use crate::money::{Currency, Money, MoneyError};

/// A count under a key (a return reason, a case category, a score).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Tally {
    /// The key.
    pub key: String,
    /// How many.
    pub count: i64,
}

/// Refunds by one payment method in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefundsByMethod {
    /// The payment method refunded to.
    pub payment_method: String,
    /// Refunds made.
    pub refunds: i64,
    /// Money refunded.
    pub amount: Money,
}

/// Units of one product asked to be returned for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductReturns {
    /// The product.
    pub product_id: String,
    /// The reason given.
    pub reason: String,
    /// Units.
    pub units: i64,
}

/// How one SLA target fared on the cases that reached it in the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TargetFigures {
    /// Cases that reached the target (responded to, or resolved).
    pub cases: i64,
    /// Of them, within the target.
    pub met: i64,
    /// Of them, late.
    pub breached: i64,
    /// Met over all, in percent to two decimals.
    pub compliance_percent: Decimal,
    /// The average business minutes taken, half away from zero to whole minutes.
    pub average_minutes: i64,
}

/// A product's reviews submitted in the range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductRatings {
    /// The product.
    pub product_id: String,
    /// Reviews submitted.
    pub reviews: i64,
    /// Their average stars, to two decimals.
    pub average_stars: Decimal,
}

/// After-sales from `from` (inclusive) to `to` (exclusive), shop-local days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AfterSalesReport {
    /// The first day.
    pub from: Date,
    /// The day after the last.
    pub to: Date,
    /// Units asked to be returned, by reason.
    pub returns_by_reason: Vec<Tally>,
    /// Units asked to be returned, by product and reason, most returned first.
    pub returns_by_product: Vec<ProductReturns>,
    /// Refunds by payment method and currency.
    pub refunds: Vec<RefundsByMethod>,
    /// Support cases opened, by category.
    pub cases_opened: Vec<Tally>,
    /// Support cases solved.
    pub cases_solved: i64,
    /// First responses against their target.
    pub first_response: TargetFigures,
    /// Resolutions against their target.
    pub resolution: TargetFigures,
    /// Satisfaction answers by score (`"1"` to `"5"`).
    pub csat_scores: Vec<Tally>,
    /// The average satisfaction score, to two decimals (zero without answers).
    pub csat_average: Decimal,
    /// Reviews submitted per product, most reviewed first.
    pub ratings: Vec<ProductRatings>,
}

impl AfterSalesReport {
    /// The report of the counted `totals` of the range.
    pub fn build(from: Date, to: Date, totals: &[CountTotal]) -> Result<AfterSalesReport, MoneyError> {
        let of = |metric: Metric| totals.iter().filter(move |t| t.metric == metric);
        let tallies = |metric: Metric| of(metric).map(|t| Tally { key: t.key.clone(), count: t.count }).collect();
        let refunds = of(Metric::RefundIssued)
            .map(|t| {
                let currency = Currency::parse(&t.currency, "currency")?;
                Ok(RefundsByMethod {
                    payment_method: t.key.clone(),
                    refunds: t.count,
                    amount: Money::from_minor(t.value, currency),
                })
            })
            .collect::<Result<_, MoneyError>>()?;
        let csat_scores: Vec<Tally> = tallies(Metric::CsatAnswered);
        let answers: i64 = csat_scores.iter().map(|t| t.count).sum();
        let points: i64 = csat_scores.iter().map(|t| t.key.parse::<i64>().unwrap_or(0) * t.count).sum();
        let mut ratings: Vec<ProductRatings> = of(Metric::ReviewSubmitted)
            .map(|t| ProductRatings {
                product_id: t.key.clone(),
                reviews: t.count,
                average_stars: ratio(t.value, t.count),
            })
            .collect();
        ratings.sort_by_key(|r| std::cmp::Reverse(r.reviews));
        let mut returns_by_product: Vec<ProductReturns> = of(Metric::ProductReturnRequested)
            .filter_map(|t| {
                let (product_id, reason) = t.key.rsplit_once(':')?;
                Some(ProductReturns { product_id: product_id.to_owned(), reason: reason.to_owned(), units: t.count })
            })
            .collect();
        returns_by_product.sort_by(|a, b| {
            b.units.cmp(&a.units).then_with(|| (&a.product_id, &a.reason).cmp(&(&b.product_id, &b.reason)))
        });
        Ok(AfterSalesReport {
            from,
            to,
            returns_by_reason: tallies(Metric::ReturnRequested),
            returns_by_product,
            refunds,
            cases_opened: tallies(Metric::CaseOpened),
            cases_solved: of(Metric::CaseSolved).map(|t| t.count).sum(),
            first_response: target(of(Metric::CaseFirstResponse)),
            resolution: target(of(Metric::CaseResolution)),
            csat_scores,
            csat_average: ratio(points, answers),
            ratings,
        })
    }
}

fn target<'a>(totals: impl Iterator<Item = &'a CountTotal>) -> TargetFigures {
    let (mut met, mut breached, mut minutes) = (0, 0, 0);
    for total in totals {
        match total.key.as_str() {
            "met" => met += total.count,
            _ => breached += total.count,
        }
        minutes += total.value;
    }
    let cases = met + breached;
    let average = ratio(minutes, cases).round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    TargetFigures {
        cases,
        met,
        breached,
        compliance_percent: percent(met, cases),
        average_minutes: average.to_i64().unwrap_or(0),
    }
}

/// `sum` over `count` to two decimals, half away from zero (zero over nothing).
fn ratio(sum: i64, count: i64) -> Decimal {
    if count <= 0 {
        return Decimal::ZERO;
    }
    (Decimal::from(sum) / Decimal::from(count))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}
