//! Sales figures the store computes where the data is (SQL aggregates over indexed columns), so a
//! report never loads every order: counts by state and payment method, money summed per currency,
//! and the sales rollups that commands keep in step with their orders.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::StoreError;
use crate::reports::{CountTotal, CustomerSegment, CustomerTotals, SalesDay, VariantSales};

/// What the orders placed in a period add up to in one currency, in minor units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CurrencySales {
    /// ISO 4217 code.
    pub currency: String,
    /// Orders placed.
    pub orders: u64,
    /// Orders placed and not cancelled.
    pub live_orders: u64,
    /// Grand totals of the orders not cancelled.
    pub gross_minor: i64,
    /// Money received for them, net of refunds.
    pub collected_minor: i64,
}

/// A count under a key (a state, a payment method).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Count {
    /// The key.
    pub key: String,
    /// How many.
    pub count: u64,
}

/// Which column of the orders a count groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderGrouping {
    /// The order's state.
    State,
    /// The payment method chosen at checkout.
    PaymentMethod,
}

impl OrderGrouping {
    /// The column grouped by.
    pub fn column(self) -> &'static str {
        match self {
            OrderGrouping::State => "state",
            OrderGrouping::PaymentMethod => "payment_method",
        }
    }
}

/// Aggregates over the stored orders, by placing time `from` (inclusive) to `to` (exclusive).
#[async_trait]
pub trait SalesQueries: Send + Sync {
    /// Sales per currency, by currency code.
    async fn sales_by_currency(&self, from: Timestamp, to: Timestamp) -> Result<Vec<CurrencySales>, StoreError>;

    /// Orders counted by `grouping`, by key.
    async fn order_counts(
        &self,
        grouping: OrderGrouping,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Count>, StoreError>;

    /// The sales rollup rows of the shop-local days `from` (inclusive) to `to` (exclusive), by day,
    /// currency, payment method and channel.
    async fn sales_days(&self, from: Date, to: Date) -> Result<Vec<SalesDay>, StoreError>;

    /// What each variant sold from `from` (inclusive) to `to` (exclusive), the days added up, by
    /// currency, product and variant.
    async fn variant_sales(&self, from: Date, to: Date) -> Result<Vec<VariantSales>, StoreError>;

    /// The daily counts from `from` (inclusive) to `to` (exclusive) added up, by metric, key and
    /// currency.
    async fn day_counts(&self, from: Date, to: Date) -> Result<Vec<CountTotal>, StoreError>;

    /// The customers who ever ordered, per currency, with those whose first order fell from `from`
    /// (inclusive) to `to` (exclusive).
    async fn customer_totals(&self, from: Date, to: Date) -> Result<Vec<CustomerTotals>, StoreError>;
}

/// Customer segments counted and listed where the data is: the segment's rules as one query over the
/// customers and their rollups.
#[async_trait]
pub trait SegmentQueries: Send + Sync {
    /// How many customers are in `segment` on the shop-local day `today`.
    async fn segment_size(&self, segment: &CustomerSegment, today: Date) -> Result<u64, StoreError>;

    /// The ids of the customers in `segment` on `today`, in id order after `after`, at most `limit`
    /// (up to 1000).
    async fn segment_members(
        &self,
        segment: &CustomerSegment,
        today: Date,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<String>, StoreError>;

    /// Whether `customer_id` is in `segment` on `today`.
    async fn segment_contains(
        &self,
        segment: &CustomerSegment,
        today: Date,
        customer_id: &str,
    ) -> Result<bool, StoreError>;
}
