//! A customer's purchase history in brief: order count, total spent per currency, first and last
//! order. Computed from plain records that the order module will feed in.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::error::CustomerError;
use crate::money::{Currency, Money};

/// Order statuses that do not count as purchases.
pub const UNCOUNTED_STATUSES: [&str; 3] = ["cancelled", "failed", "refunded"];

/// One order as the purchase history needs it; the order module builds these from its orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseRecord {
    /// The order's id.
    pub order_id: String,
    /// When it was placed.
    pub placed_at: Timestamp,
    /// Its grand total.
    pub total: Money,
    /// The order's status in snake_case (`placed`, `shipped`, `cancelled`, ...).
    pub status: String,
}

impl PurchaseRecord {
    /// Whether the record counts as a purchase (its status is not in [`UNCOUNTED_STATUSES`]).
    pub fn counts(&self) -> bool {
        !UNCOUNTED_STATUSES.contains(&self.status.as_str())
    }
}

/// What a customer has bought so far, over the counted records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PurchaseSummary {
    /// Number of counted orders.
    pub order_count: u32,
    /// Total spent, one amount per currency, ordered by currency code.
    pub total_spent: Vec<Money>,
    /// When the first counted order was placed.
    pub first_order_at: Option<Timestamp>,
    /// When the latest counted order was placed.
    pub last_order_at: Option<Timestamp>,
}

impl PurchaseSummary {
    /// Sums the records that count; errors only if a total leaves the money range.
    pub fn from_records(records: &[PurchaseRecord]) -> Result<PurchaseSummary, CustomerError> {
        let counted: Vec<&PurchaseRecord> = records.iter().filter(|r| r.counts()).collect();
        Ok(PurchaseSummary {
            order_count: u32::try_from(counted.len()).unwrap_or(u32::MAX),
            total_spent: totals_per_currency(&counted)?,
            first_order_at: counted.iter().map(|r| r.placed_at).min(),
            last_order_at: counted.iter().map(|r| r.placed_at).max(),
        })
    }

    /// The total spent in `currency` (zero if nothing was bought in it).
    pub fn spent_in(&self, currency: Currency) -> Money {
        self.total_spent.iter().copied().find(|m| m.currency() == currency).unwrap_or(Money::zero(currency))
    }
}

fn totals_per_currency(records: &[&PurchaseRecord]) -> Result<Vec<Money>, CustomerError> {
    let mut totals: BTreeMap<&str, Money> = BTreeMap::new();
    for record in records {
        let currency = record.total.currency();
        let sum = totals.get(currency.code()).copied().unwrap_or(Money::zero(currency));
        totals.insert(currency.code(), sum.checked_add(&record.total)?);
    }
    Ok(totals.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::MoneyError;

    fn record(order_id: &str, placed_at: &str, total: &str, status: &str) -> PurchaseRecord {
        PurchaseRecord {
            order_id: order_id.into(),
            placed_at: placed_at.parse().unwrap(),
            total: total.parse().unwrap(),
            status: status.into(),
        }
    }

    #[test]
    fn no_orders_give_an_empty_summary() {
        assert_eq!(PurchaseSummary::from_records(&[]).unwrap(), PurchaseSummary::default());
    }

    #[test]
    fn totals_are_per_currency_and_dates_span_the_counted_orders() {
        let records = [
            record("o2", "2025-03-01T00:00:00Z", "19.90 EUR", "delivered"),
            record("o1", "2025-01-01T00:00:00Z", "10.10 EUR", "shipped"),
            record("o3", "2025-02-01T00:00:00Z", "5.00 BGN", "placed"),
            record("o4", "2024-01-01T00:00:00Z", "99.00 EUR", "cancelled"),
            record("o5", "2026-01-01T00:00:00Z", "1.00 EUR", "refunded"),
        ];
        let summary = PurchaseSummary::from_records(&records).unwrap();
        assert_eq!(summary.order_count, 3);
        let totals: Vec<String> = summary.total_spent.iter().map(Money::to_string).collect();
        assert_eq!(totals, vec!["5.00 BGN", "30.00 EUR"]);
        assert_eq!(summary.first_order_at, Some("2025-01-01T00:00:00Z".parse().unwrap()));
        assert_eq!(summary.last_order_at, Some("2025-03-01T00:00:00Z".parse().unwrap()));
        assert_eq!(summary.spent_in(Currency::EUR).to_string(), "30.00 EUR");
        assert_eq!(summary.spent_in(Currency::USD), Money::zero(Currency::USD));
    }

    #[test]
    fn uncounted_statuses_are_skipped() {
        assert!(record("o", "2025-01-01T00:00:00Z", "1.00 EUR", "placed").counts());
        for status in UNCOUNTED_STATUSES {
            assert!(!record("o", "2025-01-01T00:00:00Z", "1.00 EUR", status).counts());
        }
    }

    #[test]
    fn overflow_is_a_typed_error() {
        let huge = PurchaseRecord {
            total: Money::from_minor(i64::MAX, Currency::EUR),
            ..record("o", "2025-01-01T00:00:00Z", "1.00 EUR", "placed")
        };
        let err = PurchaseSummary::from_records(&[huge.clone(), huge]).unwrap_err();
        assert!(matches!(err, CustomerError::Money(MoneyError::Overflow { .. })));
    }

    #[test]
    fn summary_round_trips_as_json() {
        let summary =
            PurchaseSummary::from_records(&[record("o", "2025-01-01T00:00:00Z", "1.00 EUR", "placed")]).unwrap();
        let json = serde_json::to_string(&summary).unwrap();
        assert!(json.contains("\"1.00 EUR\""), "{json}");
        assert_eq!(serde_json::from_str::<PurchaseSummary>(&json).unwrap(), summary);
    }
}
