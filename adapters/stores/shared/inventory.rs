//! Core's `InventoryRepository`: stock locations (kept in the order they were added, the default
//! first), levels per location, the ledger and the check that recomputes levels from it.

use std::collections::BTreeMap;

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::AssertSqlSafe;
use vitrina_core::inventory::{
    AllocatedLine, LocationLevel, LowStockLevel, MovementReason, MovementSource, StockLocation, StockMismatch,
    StockMovement,
};
use vitrina_core::store::{InventoryRepository, StoreError};

use crate::dialect::{Store, AS_JSON, AS_TEXT, NULLABLE_INT};
use crate::sql::{backend, from_json, signed, to_json, unsigned};

/// A ledger row as read: location, variant, reason, source kind and id, quantity, deltas, time.
type MovementRow = (String, String, String, String, Option<String>, i64, i64, i64, i64);

fn movement(row: MovementRow) -> Result<StockMovement, StoreError> {
    let (location_id, variant_id, reason, kind, id, quantity, on_hand_delta, reserved_delta, at) = row;
    let unreadable = |what: &str| StoreError::Backend(format!("stock movement of {variant_id}: unreadable {what}"));
    let reason = MovementReason::parse(&reason).ok_or_else(|| unreadable("reason"))?;
    let source = MovementSource::from_parts(&kind, id).ok_or_else(|| unreadable("source"))?;
    let at = Timestamp::from_microsecond(at).map_err(|_| unreadable("time"))?;
    let quantity = unsigned(quantity);
    Ok(StockMovement { location_id, variant_id, reason, source, quantity, on_hand_delta, reserved_delta, at })
}

#[async_trait]
impl InventoryRepository for Store {
    async fn save_location(&self, location: &StockLocation) -> Result<(), StoreError> {
        let sql = format!(
            "INSERT INTO stock_locations (id, position, active, body) \
             VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM stock_locations), $2, $3{AS_JSON}) \
             ON CONFLICT (id) DO UPDATE SET active = excluded.active, body = excluded.body"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(&location.id)
            .bind(location.active)
            .bind(to_json(location, "stock location")?)
            .execute(&mut *self.writer_conn().await?)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn stock_locations(&self) -> Result<Vec<StockLocation>, StoreError> {
        let sql = format!("SELECT id, body{AS_TEXT} FROM stock_locations ORDER BY position, id");
        let rows: Vec<(String, String)> =
            sqlx::query_as(AssertSqlSafe(sql)).fetch_all(&mut *self.conn().await?).await.map_err(backend)?;
        rows.iter().map(|(id, body)| from_json(body, "stock location", id)).collect()
    }

    async fn levels_of(&self, variant_id: &str) -> Result<Vec<LocationLevel>, StoreError> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT l.location_id, l.on_hand, l.reserved FROM stock_levels l \
             JOIN stock_locations s ON s.id = l.location_id WHERE l.variant_id = $1 ORDER BY s.position, s.id",
        )
        .bind(variant_id)
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(location_id, on_hand, reserved)| LocationLevel {
                location_id,
                variant_id: variant_id.to_owned(),
                on_hand: unsigned(on_hand),
                reserved: unsigned(reserved),
            })
            .collect())
    }

    async fn stock_movements(&self, variant_id: &str, limit: u32) -> Result<Vec<StockMovement>, StoreError> {
        let rows: Vec<MovementRow> = sqlx::query_as(
            "SELECT location_id, variant_id, reason, source_kind, source_id, quantity, on_hand_delta, \
             reserved_delta, at FROM stock_movements WHERE variant_id = $1 ORDER BY seq DESC LIMIT $2",
        )
        .bind(variant_id)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        rows.into_iter().map(movement).collect()
    }

    async fn allocation(&self, order_id: &str) -> Result<Vec<AllocatedLine>, StoreError> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT location_id, variant_id, quantity FROM stock_reservations WHERE order_id = $1 \
             ORDER BY location_id, variant_id",
        )
        .bind(order_id)
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(location_id, variant_id, quantity)| AllocatedLine {
                location_id,
                variant_id,
                quantity: u32::try_from(quantity).unwrap_or(u32::MAX),
            })
            .collect())
    }

    async fn set_low_stock_threshold(
        &self,
        location_id: &str,
        variant_id: &str,
        threshold: Option<u64>,
    ) -> Result<(), StoreError> {
        let threshold = threshold.map(|t| signed(t, "threshold")).transpose()?;
        let sql = format!(
            "UPDATE stock_levels SET low_at = $3{NULLABLE_INT}, low_alerted = FALSE              WHERE location_id = $1 AND variant_id = $2"
        );
        let done = sqlx::query(AssertSqlSafe(sql))
            .bind(location_id)
            .bind(variant_id)
            .bind(threshold)
            .execute(&mut *self.writer_conn().await?)
            .await
            .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found("stock level", &format!("{location_id}/{variant_id}")));
        }
        Ok(())
    }

    async fn rearm_low_stock(&self) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "UPDATE stock_levels SET low_alerted = FALSE              WHERE low_alerted AND (low_at IS NULL OR on_hand - reserved > low_at)",
        )
        .execute(&mut *self.writer_conn().await?)
        .await
        .map_err(backend)?;
        Ok(done.rows_affected())
    }

    async fn low_stock_due(&self, limit: u32) -> Result<Vec<LowStockLevel>, StoreError> {
        let rows: Vec<(String, String, i64, i64, i64)> = sqlx::query_as(
            "SELECT location_id, variant_id, on_hand - reserved, low_at, crossings FROM stock_levels              WHERE NOT low_alerted AND on_hand - reserved <= low_at ORDER BY location_id, variant_id LIMIT $1",
        )
        .bind(i64::from(limit))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(location_id, variant_id, available, threshold, crossings)| LowStockLevel {
                location_id,
                variant_id,
                available: unsigned(available),
                threshold: unsigned(threshold),
                crossings: unsigned(crossings),
            })
            .collect())
    }

    async fn check_consistency(&self) -> Result<Vec<StockMismatch>, StoreError> {
        let mut conn = self.conn().await?;
        let levels: Vec<LevelRow> =
            sqlx::query_as("SELECT location_id, variant_id, on_hand, reserved FROM stock_levels")
                .fetch_all(&mut *conn)
                .await
                .map_err(backend)?;
        let sums: Vec<LevelRow> = sqlx::query_as(
            "SELECT location_id, variant_id, CAST(SUM(on_hand_delta) AS BIGINT), CAST(SUM(reserved_delta) AS BIGINT) \
             FROM stock_movements GROUP BY location_id, variant_id",
        )
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
        Ok(mismatches(levels, sums))
    }
}

/// On hand and reserved of one (location, variant), as stored or by the ledger.
type Pair = (i64, i64);
/// A (location, variant) with its on hand and reserved.
type LevelRow = (String, String, i64, i64);

/// Each (location, variant) whose stored level differs from its ledger sums, in key order.
fn mismatches(levels: Vec<LevelRow>, sums: Vec<LevelRow>) -> Vec<StockMismatch> {
    let mut both: BTreeMap<(String, String), (Pair, Pair)> = BTreeMap::new();
    for (location, variant, on_hand, reserved) in levels {
        both.entry((location, variant)).or_default().0 = (on_hand, reserved);
    }
    for (location, variant, on_hand, reserved) in sums {
        both.entry((location, variant)).or_default().1 = (on_hand, reserved);
    }
    both.into_iter()
        .filter(|(_, (stored, ledger))| stored != ledger)
        .map(|((location_id, variant_id), ((on_hand, reserved), (ledger_on_hand, ledger_reserved)))| StockMismatch {
            location_id,
            variant_id,
            on_hand,
            reserved,
            ledger_on_hand,
            ledger_reserved,
        })
        .collect()
}
