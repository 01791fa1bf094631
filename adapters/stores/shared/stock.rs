//! Stock levels and reservations. A reservation raises `reserved` with a conditional update
//! (`WHERE on_hand - reserved >= quantity`), one line at a time inside one transaction: if a line
//! falls short the transaction rolls back, so it is all lines or none and stock never goes negative.
//! On PostgreSQL the update locks the stock row and a racing instance waits and re-checks the
//! condition against the committed row (READ COMMITTED), so many app instances can share one
//! database; SQLite has one writer.

use async_trait::async_trait;
use jiff::Timestamp;
use vitrina_core::store::{micros, StockLevel, StockLine, StockRepository, StoreError, VariantStock};

use crate::dialect::{Connection, Store};
use crate::sql::{backend, is_unique_violation, signed, unsigned};

/// Reserves `lines` for `order_id` on `conn` (inside the caller's transaction).
pub(crate) async fn reserve(
    conn: &mut Connection,
    order_id: &str,
    lines: &[StockLine],
    expires_at: Timestamp,
) -> Result<(), StoreError> {
    let lines = StockLine::merged(lines)?;
    if lines.is_empty() {
        return Ok(());
    }
    let held: Option<String> =
        sqlx::query_scalar("SELECT order_id FROM stock_reservations WHERE order_id = $1 LIMIT 1")
            .bind(order_id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(backend)?;
    if held.is_some() {
        return Err(StoreError::Duplicate { kind: "stock reservation", key: order_id.to_owned() });
    }
    for line in &lines {
        reserve_line(conn, order_id, line, micros(expires_at)).await?;
    }
    Ok(())
}

async fn reserve_line(
    conn: &mut Connection,
    order_id: &str,
    line: &StockLine,
    expires_at: i64,
) -> Result<(), StoreError> {
    let quantity = i64::from(line.quantity);
    let taken =
        sqlx::query("UPDATE stock SET reserved = reserved + $2 WHERE variant_id = $1 AND on_hand - reserved >= $2")
            .bind(&line.variant_id)
            .bind(quantity)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
    if taken.rows_affected() == 0 {
        let available = level(conn, &line.variant_id).await?.map_or(0, |level| level.available());
        let variant_id = line.variant_id.clone();
        return Err(StoreError::InsufficientStock { variant_id, requested: line.quantity, available });
    }
    sqlx::query("INSERT INTO stock_reservations (order_id, variant_id, quantity, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(order_id)
        .bind(&line.variant_id)
        .bind(quantity)
        .bind(expires_at)
        .execute(conn)
        .await
        .map_err(|e| reservation_error(e, order_id))?;
    Ok(())
}

/// A second reservation of one order racing the first clashes on the primary key.
fn reservation_error(error: sqlx::Error, order_id: &str) -> StoreError {
    if is_unique_violation(&error) {
        StoreError::Duplicate { kind: "stock reservation", key: order_id.to_owned() }
    } else {
        backend(error)
    }
}

/// Removes the reservation of `order_id` and returns its lines (none if it held nothing).
async fn take_reservation(conn: &mut Connection, order_id: &str) -> Result<Vec<(String, i64)>, StoreError> {
    sqlx::query_as("DELETE FROM stock_reservations WHERE order_id = $1 RETURNING variant_id, quantity")
        .bind(order_id)
        .fetch_all(conn)
        .await
        .map_err(backend)
}

/// Gives back the units of `order_id`; `consume` also takes them off the shelf.
pub(crate) async fn settle(conn: &mut Connection, order_id: &str, consume: bool) -> Result<bool, StoreError> {
    let lines = take_reservation(conn, order_id).await?;
    let sql = if consume {
        "UPDATE stock SET on_hand = on_hand - $2, reserved = reserved - $2 WHERE variant_id = $1"
    } else {
        "UPDATE stock SET reserved = reserved - $2 WHERE variant_id = $1"
    };
    for (variant_id, quantity) in &lines {
        sqlx::query(sql).bind(variant_id).bind(quantity).execute(&mut *conn).await.map_err(backend)?;
    }
    Ok(!lines.is_empty())
}

/// Adds `quantity` units of `variant_id` to the shelf, tracking it from now on if it was not.
pub(crate) async fn receive(conn: &mut Connection, variant_id: &str, quantity: u32) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO stock (variant_id, on_hand, reserved) VALUES ($1, $2, 0) \
         ON CONFLICT (variant_id) DO UPDATE SET on_hand = stock.on_hand + excluded.on_hand",
    )
    .bind(variant_id)
    .bind(i64::from(quantity))
    .execute(conn)
    .await
    .map_err(backend)?;
    Ok(())
}

async fn level(conn: &mut Connection, variant_id: &str) -> Result<Option<StockLevel>, StoreError> {
    let row: Option<(i64, i64)> = sqlx::query_as("SELECT on_hand, reserved FROM stock WHERE variant_id = $1")
        .bind(variant_id)
        .fetch_optional(conn)
        .await
        .map_err(backend)?;
    Ok(row.map(|(on_hand, reserved)| StockLevel { on_hand: unsigned(on_hand), reserved: unsigned(reserved) }))
}

#[async_trait]
impl StockRepository for Store {
    async fn set_stock(&self, variant_id: &str, on_hand: u64) -> Result<(), StoreError> {
        let done = sqlx::query(
            "INSERT INTO stock (variant_id, on_hand, reserved) VALUES ($1, $2, 0) \
             ON CONFLICT (variant_id) DO UPDATE SET on_hand = excluded.on_hand WHERE stock.reserved <= excluded.on_hand",
        )
        .bind(variant_id)
        .bind(signed(on_hand, "on_hand")?)
        .execute(&mut *self.writer_conn().await?)
        .await
        .map_err(backend)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::invalid("on_hand", format!("{variant_id}: fewer than the units reserved")));
        }
        Ok(())
    }

    async fn stock_level(&self, variant_id: &str) -> Result<Option<StockLevel>, StoreError> {
        level(&mut *self.conn().await?, variant_id).await
    }

    async fn low_stock(&self, at_most: u64, limit: u32) -> Result<Vec<VariantStock>, StoreError> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT variant_id, on_hand, reserved FROM stock WHERE on_hand - reserved <= $1 \
             ORDER BY on_hand - reserved, variant_id LIMIT $2",
        )
        .bind(signed(at_most, "at_most")?)
        .bind(i64::from(limit))
        .fetch_all(&mut *self.conn().await?)
        .await
        .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(variant_id, on_hand, reserved)| VariantStock {
                variant_id,
                level: StockLevel { on_hand: unsigned(on_hand), reserved: unsigned(reserved) },
            })
            .collect())
    }

    async fn reserve_stock(
        &self,
        order_id: &str,
        lines: &[StockLine],
        expires_at: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        reserve(&mut tx, order_id, lines, expires_at).await?;
        tx.commit().await.map_err(backend)
    }

    async fn release_stock(&self, order_id: &str) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let released = settle(&mut tx, order_id, false).await?;
        tx.commit().await.map_err(backend)?;
        Ok(released)
    }

    async fn expire_reservations(&self, now: Timestamp) -> Result<Vec<String>, StoreError> {
        let mut tx = self.write().await?;
        let expired: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT order_id FROM stock_reservations WHERE expires_at <= $1 ORDER BY order_id",
        )
        .bind(micros(now))
        .fetch_all(&mut *tx)
        .await
        .map_err(backend)?;
        for order_id in &expired {
            settle(&mut tx, order_id, false).await?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(expired)
    }

    async fn commit_stock(&self, order_id: &str) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        if !settle(&mut tx, order_id, true).await? {
            return Err(StoreError::not_found("stock reservation", order_id));
        }
        tx.commit().await.map_err(backend)
    }
}
