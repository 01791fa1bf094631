//! Core's `SalesQueries`: SQL aggregates over the orders' indexed columns (placing time, state,
//! payment method, totals in minor units) and over the sales rollups a commit adds to, the same
//! statements on SQLite and PostgreSQL.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::AssertSqlSafe;
use vitrina_core::reports::{
    CountTotal, CustomerSales, CustomerTotals, DayCount, Metric, SalesDay, VariantSales, VariantSalesDay,
};
use vitrina_core::store::{micros, Count, CurrencySales, OrderGrouping, SalesQueries, StoreError};

use crate::dialect::{Connection, Store};
use crate::sql::{backend, unsigned};

/// The figures of a `sales_days` row, in column order.
const DAY_FIGURES: [&str; 11] = [
    "orders",
    "cancelled",
    "items",
    "subtotal_minor",
    "discount_minor",
    "shipping_minor",
    "packaging_minor",
    "tax_minor",
    "total_minor",
    "collected_minor",
    "refunded_minor",
];

/// A `sales_days` row as read: the key, then the figures in [`DAY_FIGURES`] order.
type DayRow = (String, String, String, String, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);

#[async_trait]
impl SalesQueries for Store {
    async fn sales_by_currency(&self, from: Timestamp, to: Timestamp) -> Result<Vec<CurrencySales>, StoreError> {
        let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT currency, COUNT(*), \
                    COALESCE(SUM(CASE WHEN state <> 'cancelled' THEN 1 ELSE 0 END), 0), \
                    CAST(COALESCE(SUM(CASE WHEN state <> 'cancelled' THEN total_minor ELSE 0 END), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(COALESCE(paid_minor, 0)), 0) AS BIGINT) \
             FROM orders WHERE placed_at >= $1 AND placed_at < $2 GROUP BY currency ORDER BY currency",
        )
        .bind(micros(from))
        .bind(micros(to))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(currency, orders, live, gross, collected)| CurrencySales {
                currency,
                orders: unsigned(orders),
                live_orders: unsigned(live),
                gross_minor: gross,
                collected_minor: collected,
            })
            .collect())
    }

    async fn order_counts(
        &self,
        grouping: OrderGrouping,
        from: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Count>, StoreError> {
        let column = grouping.column();
        let sql = format!(
            "SELECT COALESCE({column}, ''), COUNT(*) FROM orders WHERE placed_at >= $1 AND placed_at < $2 \
             GROUP BY {column} ORDER BY {column}"
        );
        let rows: Vec<(String, i64)> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(micros(from))
            .bind(micros(to))
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        Ok(rows.into_iter().map(|(key, count)| Count { key, count: unsigned(count) }).collect())
    }

    async fn sales_days(&self, from: Date, to: Date) -> Result<Vec<SalesDay>, StoreError> {
        let sums: Vec<String> = DAY_FIGURES.iter().map(|column| format!("CAST({column} AS BIGINT)")).collect();
        let sql = format!(
            "SELECT day, currency, payment_method, channel, {} FROM sales_days WHERE day >= $1 AND day < $2 \
             ORDER BY day, currency, payment_method, channel",
            sums.join(", ")
        );
        let rows: Vec<DayRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        rows.into_iter().map(sales_day).collect()
    }

    async fn variant_sales(&self, from: Date, to: Date) -> Result<Vec<VariantSales>, StoreError> {
        let rows: Vec<(String, String, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT currency, product_id, variant_id, CAST(SUM(units) AS BIGINT), \
                    CAST(SUM(revenue_minor) AS BIGINT), CAST(SUM(returned_units) AS BIGINT) \
             FROM sales_variant_days WHERE day >= $1 AND day < $2 \
             GROUP BY currency, product_id, variant_id ORDER BY currency, product_id, variant_id",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(currency, product_id, variant_id, units, revenue_minor, returned_units)| VariantSales {
                currency,
                product_id,
                variant_id,
                units,
                revenue_minor,
                returned_units,
            })
            .collect())
    }

    async fn day_counts(&self, from: Date, to: Date) -> Result<Vec<CountTotal>, StoreError> {
        let rows: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
            "SELECT metric, key, currency, CAST(SUM(count) AS BIGINT), CAST(SUM(value) AS BIGINT) \
             FROM report_counts WHERE day >= $1 AND day < $2 GROUP BY metric, key, currency \
             ORDER BY metric, key, currency",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        rows.into_iter()
            .map(|(metric, key, currency, count, value)| {
                let metric = Metric::parse(&metric)
                    .ok_or_else(|| StoreError::invalid("report_counts.metric", format!("unknown metric {metric}")))?;
                Ok(CountTotal { metric, key, currency, count, value })
            })
            .collect()
    }

    async fn customer_totals(&self, from: Date, to: Date) -> Result<Vec<CustomerTotals>, StoreError> {
        let rows: Vec<(String, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT currency, COUNT(*), CAST(COALESCE(SUM(CASE WHEN orders > 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(spent_minor), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(CASE WHEN first_day >= $1 AND first_day < $2 THEN 1 ELSE 0 END), 0) AS BIGINT) \
             FROM customer_sales WHERE orders > 0 GROUP BY currency ORDER BY currency",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(currency, customers, repeat_customers, spent_minor, new_customers)| CustomerTotals {
                currency,
                customers,
                repeat_customers,
                spent_minor,
                new_customers,
            })
            .collect())
    }
}

fn sales_day(row: DayRow) -> Result<SalesDay, StoreError> {
    let (
        day,
        currency,
        payment_method,
        channel,
        orders,
        cancelled,
        items,
        subtotal,
        discount,
        shipping,
        packaging,
        tax,
        total,
        collected,
        refunded,
    ) = row;
    Ok(SalesDay {
        day: day.parse().map_err(|e: jiff::Error| StoreError::invalid("sales_days.day", e.to_string()))?,
        currency,
        payment_method,
        channel,
        orders,
        cancelled,
        items,
        subtotal_minor: subtotal,
        discount_minor: discount,
        shipping_minor: shipping,
        packaging_minor: packaging,
        tax_minor: tax,
        total_minor: total,
        collected_minor: collected,
        refunded_minor: refunded,
    })
}

/// Adds `change` to its day row (created at zero first).
pub(crate) async fn add_sales_day(conn: &mut Connection, change: &SalesDay) -> Result<(), StoreError> {
    let columns = DAY_FIGURES.join(", ");
    let values: Vec<String> = (5..5 + DAY_FIGURES.len()).map(|n| format!("${n}")).collect();
    let updates: Vec<String> =
        DAY_FIGURES.iter().map(|column| format!("{column} = sales_days.{column} + excluded.{column}")).collect();
    let sql = format!(
        "INSERT INTO sales_days (day, currency, payment_method, channel, {columns}) \
         VALUES ($1, $2, $3, $4, {}) ON CONFLICT (day, currency, payment_method, channel) DO UPDATE SET {}",
        values.join(", "),
        updates.join(", ")
    );
    let figures = [
        change.orders,
        change.cancelled,
        change.items,
        change.subtotal_minor,
        change.discount_minor,
        change.shipping_minor,
        change.packaging_minor,
        change.tax_minor,
        change.total_minor,
        change.collected_minor,
        change.refunded_minor,
    ];
    let mut query = sqlx::query(AssertSqlSafe(sql))
        .bind(change.day.to_string())
        .bind(&change.currency)
        .bind(&change.payment_method)
        .bind(&change.channel);
    for figure in figures {
        query = query.bind(figure);
    }
    query.execute(conn).await.map_err(backend)?;
    Ok(())
}

/// Adds `change` to its variant's day row (created at zero first).
pub(crate) async fn add_variant_day(conn: &mut Connection, change: &VariantSalesDay) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO sales_variant_days (day, currency, variant_id, product_id, units, revenue_minor, returned_units) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (day, currency, variant_id) DO UPDATE SET \
         units = sales_variant_days.units + excluded.units, \
         revenue_minor = sales_variant_days.revenue_minor + excluded.revenue_minor, \
         returned_units = sales_variant_days.returned_units + excluded.returned_units",
    )
    .bind(change.day.to_string())
    .bind(&change.currency)
    .bind(&change.variant_id)
    .bind(&change.product_id)
    .bind(change.units)
    .bind(change.revenue_minor)
    .bind(change.returned_units)
    .execute(conn)
    .await
    .map_err(backend)?;
    Ok(())
}

/// Adds `change` to its day's count (created at zero first).
pub(crate) async fn add_day_count(conn: &mut Connection, change: &DayCount) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO report_counts (day, metric, key, currency, count, value) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (day, metric, key, currency) DO UPDATE SET count = report_counts.count + excluded.count, \
         value = report_counts.value + excluded.value",
    )
    .bind(change.day.to_string())
    .bind(change.metric.as_str())
    .bind(&change.key)
    .bind(&change.currency)
    .bind(change.count)
    .bind(change.value)
    .execute(conn)
    .await
    .map_err(backend)?;
    Ok(())
}

/// Adds `change` to its customer's totals (created at zero first), widening the span of days.
pub(crate) async fn add_customer_sales(conn: &mut Connection, change: &CustomerSales) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO customer_sales (customer_id, currency, orders, spent_minor, first_day, last_day) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (customer_id, currency) DO UPDATE SET \
         orders = customer_sales.orders + excluded.orders, \
         spent_minor = customer_sales.spent_minor + excluded.spent_minor, \
         first_day = CASE WHEN excluded.first_day < customer_sales.first_day \
                          THEN excluded.first_day ELSE customer_sales.first_day END, \
         last_day = CASE WHEN excluded.last_day > customer_sales.last_day \
                         THEN excluded.last_day ELSE customer_sales.last_day END",
    )
    .bind(&change.customer_id)
    .bind(&change.currency)
    .bind(change.orders)
    .bind(change.spent_minor)
    .bind(change.first_day.to_string())
    .bind(change.last_day.to_string())
    .execute(conn)
    .await
    .map_err(backend)?;
    Ok(())
}
