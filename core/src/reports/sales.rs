//! The sales report: per period (day, week, month in the shop's time zone) and per currency, the
//! orders, units and money of the rollup rows, with breakdowns by payment method and channel.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{Period, SalesDay};
use crate::money::{div_round, Currency, Money, MoneyError, RoundingPolicy};

/// What the orders of a period add up to in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct KeyFigures {
    /// The currency.
    pub currency: Currency,
    /// Orders placed.
    pub orders: i64,
    /// Of them, cancelled.
    pub cancelled: i64,
    /// Units ordered on orders not cancelled.
    pub items: i64,
    /// Line subtotals before discounts.
    pub subtotal: Money,
    /// Discounts given.
    pub discounts: Money,
    /// Shipping charged.
    pub shipping: Money,
    /// Gift wrap and packaging charged.
    pub packaging: Money,
    /// Tax.
    pub tax: Money,
    /// Grand totals: what the customers were charged (orders not cancelled).
    pub total: Money,
    /// Money refunded on these orders.
    pub refunds: Money,
    /// Net sales: the grand totals less refunds.
    pub net: Money,
    /// Money received for these orders.
    pub collected: Money,
    /// Grand totals over the orders not cancelled, half away from zero (zero without orders).
    pub average_order: Money,
}

impl KeyFigures {
    fn of(currency: Currency, sum: &SalesDay) -> Result<KeyFigures, MoneyError> {
        let money = |minor: i64| Money::from_minor(minor, currency);
        let average = average(sum.total_minor, sum.orders - sum.cancelled, currency, "average_order")?;
        Ok(KeyFigures {
            currency,
            orders: sum.orders,
            cancelled: sum.cancelled,
            items: sum.items,
            subtotal: money(sum.subtotal_minor),
            discounts: money(sum.discount_minor),
            shipping: money(sum.shipping_minor),
            packaging: money(sum.packaging_minor),
            tax: money(sum.tax_minor),
            total: money(sum.total_minor),
            refunds: money(sum.refunded_minor),
            net: money(sum.total_minor - sum.refunded_minor),
            collected: money(sum.collected_minor),
            average_order: average,
        })
    }
}

/// One period of a report: its first day and its figures per currency (none without orders).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PeriodSales {
    /// The first day of the period.
    pub start: Date,
    /// Figures per currency, by currency code.
    pub figures: Vec<KeyFigures>,
}

/// Orders and grand totals under one key (a payment method, a channel) in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Breakdown {
    /// The payment method or channel (`""`: none).
    pub key: String,
    /// The currency.
    pub currency: Currency,
    /// Orders placed.
    pub orders: i64,
    /// Grand totals of those not cancelled.
    pub total: Money,
}

/// The sales from `from` (inclusive) to `to` (exclusive), shop-local days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesReport {
    /// The first day.
    pub from: Date,
    /// The day after the last.
    pub to: Date,
    /// How days are grouped.
    pub period: Period,
    /// Every period of the range in order, those without orders included.
    pub periods: Vec<PeriodSales>,
    /// The whole range per currency.
    pub overall: Vec<KeyFigures>,
    /// Orders by payment method, by method and currency.
    pub by_payment_method: Vec<Breakdown>,
    /// Orders by sales channel, by channel and currency.
    pub by_channel: Vec<Breakdown>,
}

impl SalesReport {
    /// The report of the rollup `rows` of the range, grouped by `period`.
    pub fn build(from: Date, to: Date, period: Period, rows: &[SalesDay]) -> Result<SalesReport, MoneyError> {
        let mut per_period: BTreeMap<(Date, String), SalesDay> = BTreeMap::new();
        let mut overall: BTreeMap<String, SalesDay> = BTreeMap::new();
        let mut methods: BTreeMap<(String, String), SalesDay> = BTreeMap::new();
        let mut channels: BTreeMap<(String, String), SalesDay> = BTreeMap::new();
        for row in rows.iter().filter(|row| row.day >= from && row.day < to) {
            let currency = row.currency.clone();
            per_period.entry((period.start_of(row.day), currency.clone())).or_default().add(row);
            overall.entry(currency.clone()).or_default().add(row);
            methods.entry((row.payment_method.clone(), currency.clone())).or_default().add(row);
            channels.entry((row.channel.clone(), currency)).or_default().add(row);
        }
        let mut periods = Vec::new();
        let mut start = period.start_of(from);
        while start < to {
            let figures = per_period
                .range((start, String::new())..)
                .take_while(|((day, _), _)| *day == start)
                .map(|((_, code), sum)| KeyFigures::of(Currency::parse(code, "currency")?, sum))
                .collect::<Result<Vec<_>, MoneyError>>()?;
            periods.push(PeriodSales { start, figures });
            start = next_start(period, start);
        }
        Ok(SalesReport {
            from,
            to,
            period,
            periods,
            overall: overall
                .iter()
                .map(|(code, sum)| KeyFigures::of(Currency::parse(code, "currency")?, sum))
                .collect::<Result<_, _>>()?,
            by_payment_method: breakdown(&methods)?,
            by_channel: breakdown(&channels)?,
        })
    }
}

/// `total_minor` over `count` in `currency`, half away from zero (zero over nothing); a result too
/// large is `overflow` on `field`.
pub(super) fn average(total_minor: i64, count: i64, currency: Currency, field: &str) -> Result<Money, MoneyError> {
    let average = match count {
        n if n > 0 => div_round(i128::from(total_minor), i128::from(n), RoundingPolicy::HalfAwayFromZero),
        _ => 0,
    };
    let minor = i64::try_from(average).map_err(|_| MoneyError::Overflow { field: field.into() })?;
    Ok(Money::from_minor(minor, currency))
}

/// The first day of the period after the one starting on `start`.
fn next_start(period: Period, start: Date) -> Date {
    let step = match period {
        Period::Day => jiff::Span::new().days(1),
        Period::Week => jiff::Span::new().weeks(1),
        Period::Month => jiff::Span::new().months(1),
    };
    start.checked_add(step).unwrap_or(Date::MAX)
}

fn breakdown(sums: &BTreeMap<(String, String), SalesDay>) -> Result<Vec<Breakdown>, MoneyError> {
    sums.iter()
        .map(|((key, code), sum)| {
            let currency = Currency::parse(code, "currency")?;
            Ok(Breakdown {
                key: key.clone(),
                currency,
                orders: sum.orders,
                total: Money::from_minor(sum.total_minor, currency),
            })
        })
        .collect()
}
