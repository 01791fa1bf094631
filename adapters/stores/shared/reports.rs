//! Core's `SalesQueries`: SQL aggregates over the orders' indexed columns (placing time, state,
//! payment method, totals in minor units) and over the sales rollups a commit adds to, the same
//! statements on SQLite and PostgreSQL.

use async_trait::async_trait;
use jiff::civil::Date;
use jiff::Timestamp;
use sqlx::AssertSqlSafe;
use vitrina_core::customer::VIP_GROUP;
use vitrina_core::reports::{
    CountTotal, CustomerSales, CustomerTotals, DayCount, Metric, SalesDay, VariantSales, VariantSalesDay,
};
use vitrina_core::store::{micros, Count, CurrencySales, OrderGrouping, SalesQueries, StoreError};

use crate::dialect::{Connection, Store};
use crate::segments::like_framed;
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
        let split = MonthSplit::of(from, to);
        let rows: Vec<(String, String, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT currency, product_id, variant_id, CAST(SUM(units) AS BIGINT), \
                    CAST(SUM(revenue_minor) AS BIGINT), CAST(SUM(returned_units) AS BIGINT) \
             FROM (SELECT currency, product_id, variant_id, units, revenue_minor, returned_units \
                   FROM sales_variant_days WHERE (day >= $1 AND day < $2) OR (day >= $3 AND day < $4) \
                   UNION ALL \
                   SELECT currency, product_id, variant_id, units, revenue_minor, returned_units \
                   FROM sales_variant_months WHERE month >= $5 AND month < $6) AS parts \
             GROUP BY currency, product_id, variant_id ORDER BY currency, product_id, variant_id",
        )
        .bind(split.head.0.to_string())
        .bind(split.head.1.to_string())
        .bind(split.tail.0.to_string())
        .bind(split.tail.1.to_string())
        .bind(split.months.0)
        .bind(split.months.1)
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
        let rows: Vec<(String, i64, i64, i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT s.currency, COUNT(*), CAST(COALESCE(SUM(CASE WHEN s.orders > 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(s.spent_minor), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(CASE WHEN s.first_day >= $1 AND s.first_day < $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(CASE WHEN c.customer_groups LIKE $3 ESCAPE '\\' THEN 1 ELSE 0 END), 0) AS BIGINT), \
                    CAST(COALESCE(SUM(CASE WHEN c.customer_groups LIKE $3 ESCAPE '\\' THEN s.spent_minor ELSE 0 END), 0) AS BIGINT) \
             FROM customer_sales s LEFT JOIN customers c ON c.id = s.customer_id \
             WHERE s.orders > 0 GROUP BY s.currency ORDER BY s.currency",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .bind(like_framed(VIP_GROUP))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(
                |(
                    currency,
                    customers,
                    repeat_customers,
                    spent_minor,
                    new_customers,
                    vip_customers,
                    vip_spent_minor,
                )| {
                    CustomerTotals {
                        currency,
                        customers,
                        repeat_customers,
                        spent_minor,
                        new_customers,
                        vip_customers,
                        vip_spent_minor,
                    }
                },
            )
            .collect())
    }
}

/// A range of days cut into whole calendar months (read from the month rows) and the days before
/// and after them (read from the day rows). A range inside one month is all head.
#[derive(Debug, PartialEq, Eq)]
struct MonthSplit {
    /// Days from the start of the range to the first whole month.
    head: (Date, Date),
    /// Whole months, as `YYYY-MM` from (inclusive) to (exclusive).
    months: (String, String),
    /// Days from the end of the last whole month to the end of the range.
    tail: (Date, Date),
}

impl MonthSplit {
    fn of(from: Date, to: Date) -> MonthSplit {
        let first_month = if from.day() == 1 { from } else { next_month(from) };
        let last_month = to.first_of_month();
        if first_month >= last_month {
            return MonthSplit { head: (from, to), months: (String::new(), String::new()), tail: (to, to) };
        }
        MonthSplit {
            head: (from, first_month),
            months: (month_key(first_month), month_key(last_month)),
            tail: (last_month, to),
        }
    }
}

fn next_month(day: Date) -> Date {
    day.first_of_month().checked_add(jiff::Span::new().months(1)).unwrap_or(Date::MAX)
}

/// The month of `day` as stored: `YYYY-MM`.
fn month_key(day: Date) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
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

/// Adds `change` to its variant's day row and month row (each created at zero first).
pub(crate) async fn add_variant_day(conn: &mut Connection, change: &VariantSalesDay) -> Result<(), StoreError> {
    for (table, period, key) in [
        ("sales_variant_days", "day", change.day.to_string()),
        ("sales_variant_months", "month", month_key(change.day)),
    ] {
        let sql = format!(
            "INSERT INTO {table} ({period}, currency, variant_id, product_id, units, revenue_minor, returned_units) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT ({period}, currency, variant_id) DO UPDATE SET \
             units = {table}.units + excluded.units, \
             revenue_minor = {table}.revenue_minor + excluded.revenue_minor, \
             returned_units = {table}.returned_units + excluded.returned_units"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(key)
            .bind(&change.currency)
            .bind(&change.variant_id)
            .bind(&change.product_id)
            .bind(change.units)
            .bind(change.revenue_minor)
            .bind(change.returned_units)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
    Ok(())
}

/// Empties the rollups that come from orders, payments and returns, ahead of their rebuild: the
/// sales days, variant days and months, the customers' rollups and the counts of those metrics.
pub(crate) async fn clear_order_rollups(conn: &mut Connection) -> Result<(), StoreError> {
    let tables = [
        "sales_days",
        "sales_variant_days",
        "sales_variant_months",
        "customer_sales",
        "customer_days",
        "customer_products",
    ];
    for table in tables {
        sqlx::query(AssertSqlSafe(format!("DELETE FROM {table}"))).execute(&mut *conn).await.map_err(backend)?;
    }
    for metric in Metric::ALL.into_iter().filter(|metric| metric.from_orders()) {
        sqlx::query("DELETE FROM report_counts WHERE metric = $1")
            .bind(metric.as_str())
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    }
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

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn a_range_is_cut_into_whole_months_and_the_days_around_them() {
        let quarter = MonthSplit::of(date(2026, 4, 1), date(2026, 7, 1));
        assert_eq!(quarter.months, ("2026-04".to_owned(), "2026-07".to_owned()));
        assert_eq!((quarter.head.0 == quarter.head.1, quarter.tail.0 == quarter.tail.1), (true, true));
        let ragged = MonthSplit::of(date(2026, 3, 9), date(2026, 6, 15));
        assert_eq!(ragged.head, (date(2026, 3, 9), date(2026, 4, 1)));
        assert_eq!(ragged.months, ("2026-04".to_owned(), "2026-06".to_owned()));
        assert_eq!(ragged.tail, (date(2026, 6, 1), date(2026, 6, 15)));
        let inside = MonthSplit::of(date(2026, 3, 9), date(2026, 3, 20));
        assert_eq!((inside.head, inside.months.0.as_str()), ((date(2026, 3, 9), date(2026, 3, 20)), ""));
        let year_end = MonthSplit::of(date(2026, 12, 5), date(2027, 2, 1));
        assert_eq!(year_end.months, ("2027-01".to_owned(), "2027-02".to_owned()));
    }
}
