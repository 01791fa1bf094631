//! Core's `SalesQueries`: SQL aggregates over the orders' indexed columns (placing time, state,
//! payment method, totals in minor units), the same statements on SQLite and PostgreSQL.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::AssertSqlSafe;
use vitrina_core::store::{micros, Count, CurrencySales, OrderGrouping, SalesQueries, StoreError};

use crate::dialect::Store;
use crate::sql::{backend, unsigned};

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
}
