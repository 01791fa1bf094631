//! Sales figures for a period, computed by the store's SQL aggregates and rollups (never by loading
//! every order): per period and currency, by payment method and channel, by product, variant and
//! category, as typed reports, CSV files and SVG charts.

use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::money::{div_round, Currency, Money, RoundingPolicy};
use crate::reports::{
    after_sales_csv, customers_csv, funnel_chart, funnel_csv, payment_methods_chart, products_csv, sales_chart,
    sales_csv, AfterSalesReport, CustomersReport, FunnelReport, Period, ProductReport, SalesReport,
};
use crate::store::{Count, OrderGrouping};

use super::{Shop, ShopError};

/// Reports. Get it from [`Shop::reports`].
#[derive(Debug, Clone, Copy)]
pub struct Reports<'a> {
    pub(super) shop: &'a Shop,
}

/// The sales of one currency in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CurrencyFigures {
    /// The currency.
    pub currency: Currency,
    /// Orders placed.
    pub orders: u64,
    /// Orders placed and not cancelled.
    pub live_orders: u64,
    /// Grand totals of the orders not cancelled.
    pub gross: Money,
    /// Money received for the period's orders, net of refunds.
    pub collected: Money,
    /// Gross over live orders, half away from zero (zero without orders).
    pub average_order: Money,
}

/// The sales of a period, from `from` (inclusive) to `to` (exclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SalesSummary {
    /// Start of the period.
    pub from: Timestamp,
    /// End of the period.
    pub to: Timestamp,
    /// Per currency, by currency code.
    pub currencies: Vec<CurrencyFigures>,
    /// Orders by state.
    pub by_state: Vec<Count>,
    /// Orders by payment method.
    pub by_payment_method: Vec<Count>,
}

impl Reports<'_> {
    /// The sales of the orders placed from `from` to `to`.
    pub async fn sales(&self, from: Timestamp, to: Timestamp) -> Result<SalesSummary, ShopError> {
        if to <= from {
            return Err(ShopError::invalid("to", "must be after from"));
        }
        let store = self.shop.store();
        let currencies = store
            .sales_by_currency(from, to)
            .await?
            .into_iter()
            .map(|row| {
                let currency = Currency::parse(&row.currency, "currency")?;
                let average = match row.live_orders {
                    0 => 0,
                    n => div_round(i128::from(row.gross_minor), i128::from(n), RoundingPolicy::HalfAwayFromZero),
                };
                Ok(CurrencyFigures {
                    currency,
                    orders: row.orders,
                    live_orders: row.live_orders,
                    gross: Money::from_minor(row.gross_minor, currency),
                    collected: Money::from_minor(row.collected_minor, currency),
                    average_order: Money::from_minor(i64::try_from(average).unwrap_or(i64::MAX), currency),
                })
            })
            .collect::<Result<Vec<_>, ShopError>>()?;
        Ok(SalesSummary {
            from,
            to,
            currencies,
            by_state: store.order_counts(OrderGrouping::State, from, to).await?,
            by_payment_method: store.order_counts(OrderGrouping::PaymentMethod, from, to).await?,
        })
    }

    /// The sales of `day` in the shop's time zone (midnight to midnight, DST included).
    pub async fn sales_on(&self, day: Date) -> Result<SalesSummary, ShopError> {
        let zone = self.shop.settings().await?.time_zone()?;
        let start = |d: Date| {
            d.to_zoned(zone.clone()).map(|z| z.timestamp()).map_err(|e| ShopError::invalid("day", e.to_string()))
        };
        let next = day.tomorrow().map_err(|e| ShopError::invalid("day", e.to_string()))?;
        self.sales(start(day)?, start(next)?).await
    }

    /// The sales of the shop-local days `from` (inclusive) to `to` (exclusive), grouped by `period`,
    /// from the daily rollups (a few hundred rows a month, however many orders).
    pub async fn sales_report(&self, from: Date, to: Date, period: Period) -> Result<SalesReport, ShopError> {
        check_range(from, to)?;
        let rows = self.shop.store().sales_days(from, to).await?;
        Ok(SalesReport::build(from, to, period, &rows)?)
    }

    /// What each product, variant and category sold in `currency` over the shop-local days `from`
    /// (inclusive) to `to` (exclusive), with the `limit` best and worst sellers (1 to 1000).
    pub async fn products(
        &self,
        from: Date,
        to: Date,
        currency: Currency,
        limit: u32,
    ) -> Result<ProductReport, ShopError> {
        check_range(from, to)?;
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(ShopError::invalid("limit", format!("must be 1 to {MAX_LIMIT}")));
        }
        let rows = self.shop.store().variant_sales(from, to).await?;
        let catalog = self.shop.catalog().current().await?.value;
        Ok(ProductReport::build(from, to, currency, &rows, &catalog, limit as usize))
    }

    /// The funnel of the shop-local days `from` (inclusive) to `to` (exclusive): carts opened,
    /// checkouts started, orders placed and paid, abandoned checkouts followed up and recovered, and
    /// each promotion's uses, discount and revenue.
    pub async fn funnel(&self, from: Date, to: Date) -> Result<FunnelReport, ShopError> {
        check_range(from, to)?;
        let totals = self.shop.store().day_counts(from, to).await?;
        let settings = self.shop.settings().await?;
        Ok(FunnelReport::build(from, to, &totals, &settings.pricing.promotions)?)
    }

    /// After-sales of the shop-local days `from` (inclusive) to `to` (exclusive): returns by
    /// reason, refunds by method, support cases and their SLA, satisfaction and review ratings.
    pub async fn after_sales(&self, from: Date, to: Date) -> Result<AfterSalesReport, ShopError> {
        check_range(from, to)?;
        let totals = self.shop.store().day_counts(from, to).await?;
        Ok(AfterSalesReport::build(from, to, &totals)?)
    }

    /// Customers over the shop-local days `from` (inclusive) to `to` (exclusive): orders by first-time
    /// buyers, returning customers and guests, and per currency every customer who ever bought, how
    /// many came back (the repeat-purchase rate), how many first bought in the range, and the
    /// average customer's lifetime spend.
    pub async fn customers(&self, from: Date, to: Date) -> Result<CustomersReport, ShopError> {
        check_range(from, to)?;
        let counts = self.shop.store().day_counts(from, to).await?;
        let totals = self.shop.store().customer_totals(from, to).await?;
        Ok(CustomersReport::build(from, to, &counts, &totals)?)
    }

    /// [`funnel`](Self::funnel) as CSV: a row per step, then per promotion and currency.
    pub async fn funnel_csv(&self, from: Date, to: Date) -> Result<String, ShopError> {
        Ok(funnel_csv(&self.funnel(from, to).await?))
    }

    /// The funnel's steps as an SVG bar chart.
    pub async fn funnel_chart(&self, from: Date, to: Date) -> Result<String, ShopError> {
        funnel_chart(&self.funnel(from, to).await?).map_err(|reason| ShopError::Chart { reason })
    }

    /// [`customers`](Self::customers) as CSV.
    pub async fn customers_csv(&self, from: Date, to: Date) -> Result<String, ShopError> {
        Ok(customers_csv(&self.customers(from, to).await?))
    }

    /// [`after_sales`](Self::after_sales) as CSV: a row per measure and key.
    pub async fn after_sales_csv(&self, from: Date, to: Date) -> Result<String, ShopError> {
        Ok(after_sales_csv(&self.after_sales(from, to).await?))
    }

    /// [`sales_report`](Self::sales_report) as CSV: a row per period and currency.
    pub async fn sales_csv(&self, from: Date, to: Date, period: Period) -> Result<String, ShopError> {
        Ok(sales_csv(&self.sales_report(from, to, period).await?))
    }

    /// [`products`](Self::products) as CSV: a row per product, best seller first.
    pub async fn products_csv(&self, from: Date, to: Date, currency: Currency) -> Result<String, ShopError> {
        Ok(products_csv(&self.products(from, to, currency, MAX_LIMIT).await?))
    }

    /// The grand totals per `period` in `currency` as an SVG bar chart.
    pub async fn sales_chart(
        &self,
        from: Date,
        to: Date,
        period: Period,
        currency: Currency,
    ) -> Result<String, ShopError> {
        let report = self.sales_report(from, to, period).await?;
        sales_chart(&report, currency).map_err(|reason| ShopError::Chart { reason })
    }

    /// The orders in `currency` by payment method as an SVG bar chart.
    pub async fn payment_methods_chart(&self, from: Date, to: Date, currency: Currency) -> Result<String, ShopError> {
        let report = self.sales_report(from, to, Period::Day).await?;
        payment_methods_chart(&report, currency).map_err(|reason| ShopError::Chart { reason })
    }
}

/// The most rows a product list or CSV file gives.
const MAX_LIMIT: u32 = 1000;

/// The longest range a report covers, in days (ten years).
const MAX_DAYS: i32 = 3660;

fn check_range(from: Date, to: Date) -> Result<(), ShopError> {
    if to <= from {
        return Err(ShopError::invalid("to", "must be after from"));
    }
    let days = (to - from).get_days();
    if days > MAX_DAYS {
        return Err(ShopError::invalid("to", format!("a report covers at most {MAX_DAYS} days")));
    }
    Ok(())
}
