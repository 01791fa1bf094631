//! The customers report: orders by first-time buyers, returning customers and guests over a range of
//! days, and per currency how many customers ever bought, how many came back, and what they spend.

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::funnel::percent;
use super::sales::average;
use super::{CountTotal, CustomerTotals, Metric};
use crate::money::{Currency, Money, MoneyError};

/// The customers who ever bought in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomerFigures {
    /// The currency.
    pub currency: Currency,
    /// Customers with at least one order not cancelled.
    pub customers: i64,
    /// Of them, with two or more.
    pub repeat_customers: i64,
    /// Repeat customers over customers, in percent to two decimals.
    pub repeat_rate_percent: Decimal,
    /// Customers whose first order fell in the range.
    pub new_customers: i64,
    /// What a customer has spent on average, half away from zero.
    pub lifetime_value: Money,
    /// Customers in the `vip` group.
    pub vip_customers: i64,
    /// VIP customers over customers, in percent to two decimals.
    pub vip_customers_percent: Decimal,
    /// What the VIP customers spent.
    pub vip_spent: Money,
    /// Their spend over everybody's, in percent to two decimals.
    pub vip_spent_percent: Decimal,
}

/// Customers over the shop-local days `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CustomersReport {
    /// The first day.
    pub from: Date,
    /// The day after the last.
    pub to: Date,
    /// Orders placed in the range by customers buying for the first time.
    pub first_orders: i64,
    /// Orders placed in the range by customers who had bought before.
    pub repeat_orders: i64,
    /// Orders placed in the range by guests.
    pub guest_orders: i64,
    /// Per currency, all customers who ever bought.
    pub figures: Vec<CustomerFigures>,
}

impl CustomersReport {
    /// The report of the range's counted orders and the customers' totals.
    pub fn build(
        from: Date,
        to: Date,
        counts: &[CountTotal],
        totals: &[CustomerTotals],
    ) -> Result<CustomersReport, MoneyError> {
        let placed = |key: &str| {
            counts.iter().filter(|c| c.metric == Metric::OrderPlaced && c.key == key).map(|c| c.count).sum::<i64>()
        };
        let figures = totals
            .iter()
            .map(|total| {
                let currency = Currency::parse(&total.currency, "currency")?;
                let lifetime_value = average(total.spent_minor, total.customers, currency, "lifetime_value")?;
                Ok(CustomerFigures {
                    currency,
                    customers: total.customers,
                    repeat_customers: total.repeat_customers,
                    repeat_rate_percent: percent(total.repeat_customers, total.customers),
                    new_customers: total.new_customers,
                    lifetime_value,
                    vip_customers: total.vip_customers,
                    vip_customers_percent: percent(total.vip_customers, total.customers),
                    vip_spent: Money::from_minor(total.vip_spent_minor, currency),
                    vip_spent_percent: percent(total.vip_spent_minor, total.spent_minor),
                })
            })
            .collect::<Result<_, MoneyError>>()?;
        Ok(CustomersReport {
            from,
            to,
            first_orders: placed("first"),
            repeat_orders: placed("repeat"),
            guest_orders: placed("guest"),
            figures,
        })
    }
}
