//! Stock levels per location, reservations and the movement ledger. A reservation reads the free
//! units of each line's variant at the active locations, locking those rows (`FOR UPDATE` on
//! PostgreSQL; SQLite's write transaction holds the whole database), lets the allocation strategy
//! pick the locations, and raises `reserved` with a conditional update (`WHERE on_hand - reserved >=
//! quantity`, plus what a backorder may sell beyond) at each: all lines or none. Stock on hand never
//! goes negative: a backordered unit ships once it has arrived. Every change of a level appends its
//! ledger row in the same transaction.

use async_trait::async_trait;
use jiff::Timestamp;
use vitrina_core::inventory::{
    Allocator, Candidate, Demand, MovementReason, MovementSource, StockMovement, DEFAULT_LOCATION,
};
use vitrina_core::store::{micros, StockLevel, StockLine, StockMove, StockRepository, StoreError, VariantStock};

use crate::dialect::{Connection, Store, FOR_UPDATE};
use crate::sql::{backend, is_unique_violation, signed, unsigned};

/// Appends `row` to the ledger.
pub(crate) async fn record(conn: &mut Connection, row: &StockMovement) -> Result<(), StoreError> {
    let (kind, id) = row.source.parts();
    sqlx::query(
        "INSERT INTO stock_movements (location_id, variant_id, reason, source_kind, source_id, quantity, \
         on_hand_delta, reserved_delta, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&row.location_id)
    .bind(&row.variant_id)
    .bind(row.reason.as_str())
    .bind(kind)
    .bind(id)
    .bind(signed(row.quantity, "quantity")?)
    .bind(row.on_hand_delta)
    .bind(row.reserved_delta)
    .bind(micros(row.at))
    .execute(conn)
    .await
    .map_err(backend)?;
    Ok(())
}

/// A ledger row of `quantity` units moving on hand by `on_hand` and reserved by `reserved`.
struct Row<'a> {
    location_id: &'a str,
    variant_id: &'a str,
    reason: MovementReason,
    source: &'a MovementSource,
    on_hand: i64,
    reserved: i64,
}

impl Row<'_> {
    fn at(&self, quantity: u64, at: Timestamp) -> StockMovement {
        StockMovement {
            location_id: self.location_id.to_owned(),
            variant_id: self.variant_id.to_owned(),
            reason: self.reason,
            source: self.source.clone(),
            quantity,
            on_hand_delta: self.on_hand,
            reserved_delta: self.reserved,
            at,
        }
    }
}

/// Reserves `lines` for `order_id` on `conn` (inside the caller's transaction), at the active
/// locations `allocator` picks.
pub(crate) async fn reserve(
    conn: &mut Connection,
    order_id: &str,
    lines: &[StockLine],
    expires_at: Timestamp,
    allocator: &Allocator,
    at: Timestamp,
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
    let (candidates, beyond) = candidates(conn, &lines).await?;
    let demand: Vec<Demand> =
        lines.iter().map(|l| Demand { variant_id: l.variant_id.clone(), quantity: l.quantity }).collect();
    let allocated =
        allocator.strategy().allocate(&demand, &candidates).map_err(|short| StoreError::InsufficientStock {
            variant_id: short.variant_id,
            requested: short.requested,
            available: short.available,
        })?;
    let source = MovementSource::Order(order_id.to_owned());
    for line in &allocated {
        let quantity = i64::from(line.quantity);
        let held = Row {
            location_id: &line.location_id,
            variant_id: &line.variant_id,
            reason: MovementReason::Reservation,
            source: &source,
            on_hand: 0,
            reserved: quantity,
        };
        let extra = beyond.iter().find(|b| b.location_id == line.location_id && b.variant_id == line.variant_id);
        hold(conn, &held, line.quantity, extra.map_or(0, |b| b.available)).await?;
        sqlx::query(
            "INSERT INTO stock_reservations (order_id, location_id, variant_id, quantity, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(order_id)
        .bind(&line.location_id)
        .bind(&line.variant_id)
        .bind(quantity)
        .bind(micros(expires_at))
        .execute(&mut *conn)
        .await
        .map_err(|e| reservation_error(e, order_id))?;
        record(conn, &held.at(u64::from(line.quantity), at)).await?;
    }
    Ok(())
}

/// The free units of each line's variant at the active locations (locked for the transaction),
/// in location order; a backordered line's first location also offers what the backorder may still
/// sell beyond them, and the units that location's hold may go beyond its free ones are returned
/// apart.
async fn candidates(
    conn: &mut Connection,
    lines: &[StockLine],
) -> Result<(Vec<Candidate>, Vec<Candidate>), StoreError> {
    let active: Vec<String> = sqlx::query_scalar("SELECT id FROM stock_locations WHERE active ORDER BY position, id")
        .fetch_all(&mut *conn)
        .await
        .map_err(backend)?;
    let (mut candidates, mut beyond) = (Vec::new(), Vec::new());
    for line in lines {
        let sql = format!(
            "SELECT location_id, on_hand - reserved FROM stock_levels WHERE variant_id = $1 \
             ORDER BY location_id{FOR_UPDATE}"
        );
        let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(&line.variant_id)
            .fetch_all(&mut *conn)
            .await
            .map_err(backend)?;
        let free: Vec<(&String, i64)> =
            active.iter().filter_map(|id| rows.iter().find(|(at, _)| at == id).map(|(_, f)| (id, *f))).collect();
        let first = candidates.len();
        for (location_id, units) in &free {
            let variant_id = line.variant_id.clone();
            candidates.push(Candidate { location_id: (*location_id).clone(), variant_id, available: unsigned(*units) });
        }
        let extra = line.oversell.map_or(0, |limit| oversold(&free, limit));
        if let Some(candidate) = candidates.get_mut(first).filter(|_| extra > 0) {
            candidate.available += extra;
            // The row's own check counts its free units below zero too, so it is allowed those back.
            let short = free.first().map_or(0, |(_, units)| units.min(&0).unsigned_abs());
            beyond.push(Candidate { available: extra + short, ..candidate.clone() });
        }
    }
    Ok((candidates, beyond))
}

/// The units a backorder of `limit` may still hold beyond the free ones at `free`'s locations: what
/// can be ordered in all (the free units summed, those below zero included, plus the limit) less
/// the free units offered.
fn oversold(free: &[(&String, i64)], limit: u64) -> u64 {
    let total: i64 = free.iter().map(|(_, units)| units).sum();
    let offered: u64 = free.iter().map(|(_, units)| unsigned(*units)).sum();
    let orderable = total.saturating_add(i64::try_from(limit).unwrap_or(i64::MAX));
    unsigned(orderable).min(u64::from(u32::MAX)).saturating_sub(offered)
}

/// Raises `reserved` by `quantity` at the row's level if that many are free, or free with `extra`
/// units of a backorder beyond them.
async fn hold(conn: &mut Connection, row: &Row<'_>, quantity: u32, extra: u64) -> Result<(), StoreError> {
    let taken = sqlx::query(
        "UPDATE stock_levels SET reserved = reserved + $3 \
         WHERE variant_id = $1 AND location_id = $2 AND on_hand - reserved + $4 >= $3",
    )
    .bind(row.variant_id)
    .bind(row.location_id)
    .bind(i64::from(quantity))
    .bind(i64::try_from(extra).unwrap_or(i64::MAX))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    if taken.rows_affected() == 0 {
        let available = free_at(conn, row.location_id, row.variant_id).await?;
        let variant_id = row.variant_id.to_owned();
        return Err(StoreError::InsufficientStock { variant_id, requested: quantity, available });
    }
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

/// Removes the reservation of `order_id` and returns its holds (location, variant, units), sorted.
async fn take_reservation(conn: &mut Connection, order_id: &str) -> Result<Vec<(String, String, i64)>, StoreError> {
    let mut holds: Vec<(String, String, i64)> = sqlx::query_as(
        "DELETE FROM stock_reservations WHERE order_id = $1 RETURNING location_id, variant_id, quantity",
    )
    .bind(order_id)
    .fetch_all(conn)
    .await
    .map_err(backend)?;
    holds.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    Ok(holds)
}

/// Gives back the units of `order_id` (a `release` by `source`); `consume` takes them off the shelf
/// instead (a `sale`), refused while a backordered unit has not arrived. Whether the order held any.
pub(crate) async fn settle(
    conn: &mut Connection,
    order_id: &str,
    consume: bool,
    source: &MovementSource,
    at: Timestamp,
) -> Result<bool, StoreError> {
    let holds = take_reservation(conn, order_id).await?;
    let (sql, reason) = if consume {
        (
            "UPDATE stock_levels SET on_hand = on_hand - $3, reserved = reserved - $3 \
             WHERE variant_id = $1 AND location_id = $2 AND on_hand >= $3",
            MovementReason::Sale,
        )
    } else {
        (
            "UPDATE stock_levels SET reserved = reserved - $3 WHERE variant_id = $1 AND location_id = $2",
            MovementReason::Release,
        )
    };
    for (location_id, variant_id, quantity) in &holds {
        let changed = sqlx::query(sql)
            .bind(variant_id)
            .bind(location_id)
            .bind(quantity)
            .execute(&mut *conn)
            .await
            .map_err(backend)?;
        if changed.rows_affected() == 0 {
            let on_hand = on_hand_at(conn, location_id, variant_id).await?;
            let requested = u32::try_from(*quantity).unwrap_or(u32::MAX);
            return Err(StoreError::InsufficientStock {
                variant_id: variant_id.clone(),
                requested,
                available: on_hand,
            });
        }
        let on_hand = if consume { -quantity } else { 0 };
        let row = Row { location_id, variant_id, reason, source, on_hand, reserved: -quantity };
        record(conn, &row.at(unsigned(*quantity), at)).await?;
    }
    Ok(!holds.is_empty())
}

/// Applies a receipt, restock, write-off or transfer leg with its ledger row.
pub(crate) async fn apply_move(conn: &mut Connection, moved: &StockMove, at: Timestamp) -> Result<(), StoreError> {
    let delta = moved
        .on_hand_delta()
        .ok_or_else(|| StoreError::invalid("reason", format!("{} is not a stock move", moved.reason.as_str())))?;
    if moved.quantity == 0 {
        return Err(StoreError::invalid("quantity", "must be 1 or more"));
    }
    known_location(conn, &moved.location_id).await?;
    if delta > 0 {
        add(conn, &moved.location_id, &moved.variant_id, delta).await?;
    } else {
        take_free(conn, moved).await?;
    }
    let row = Row {
        location_id: &moved.location_id,
        variant_id: &moved.variant_id,
        reason: moved.reason,
        source: &moved.source,
        on_hand: delta,
        reserved: 0,
    };
    record(conn, &row.at(u64::from(moved.quantity), at)).await
}

/// [`StoreError::NotFound`] unless `location_id` is a stored location.
async fn known_location(conn: &mut Connection, location_id: &str) -> Result<(), StoreError> {
    let found: Option<String> = sqlx::query_scalar("SELECT id FROM stock_locations WHERE id = $1")
        .bind(location_id)
        .fetch_optional(conn)
        .await
        .map_err(backend)?;
    found.map(drop).ok_or_else(|| StoreError::not_found("stock location", location_id))
}

/// Adds `units` on hand at a level, creating it if the location did not hold the variant.
async fn add(conn: &mut Connection, location_id: &str, variant_id: &str, units: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO stock_levels (location_id, variant_id, on_hand, reserved) VALUES ($1, $2, $3, 0) \
         ON CONFLICT (variant_id, location_id) DO UPDATE SET on_hand = stock_levels.on_hand + excluded.on_hand",
    )
    .bind(location_id)
    .bind(variant_id)
    .bind(units)
    .execute(conn)
    .await
    .map_err(backend)?;
    Ok(())
}

/// Takes the move's units off the shelf if that many are free (not reserved).
async fn take_free(conn: &mut Connection, moved: &StockMove) -> Result<(), StoreError> {
    let taken = sqlx::query(
        "UPDATE stock_levels SET on_hand = on_hand - $3 \
         WHERE variant_id = $1 AND location_id = $2 AND on_hand - reserved >= $3",
    )
    .bind(&moved.variant_id)
    .bind(&moved.location_id)
    .bind(i64::from(moved.quantity))
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    if taken.rows_affected() == 0 {
        let available = free_at(conn, &moved.location_id, &moved.variant_id).await?;
        let (variant_id, requested) = (moved.variant_id.clone(), moved.quantity);
        return Err(StoreError::InsufficientStock { variant_id, requested, available });
    }
    Ok(())
}

/// Sets on hand at a level to `counted` (not below its reserved units, unless backorders already hold
/// more than was on hand and the count lowers nothing), with a `count_adjustment` row.
pub(crate) async fn count(
    conn: &mut Connection,
    location_id: &str,
    variant_id: &str,
    counted: u64,
    source: &MovementSource,
    at: Timestamp,
) -> Result<(), StoreError> {
    known_location(conn, location_id).await?;
    let counted = signed(counted, "counted")?;
    let sql =
        format!("SELECT on_hand, reserved FROM stock_levels WHERE variant_id = $1 AND location_id = $2{FOR_UPDATE}");
    let before: Option<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(variant_id)
        .bind(location_id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(backend)?;
    let (on_hand, reserved) = before.unwrap_or((0, 0));
    if counted < reserved && counted < on_hand {
        return Err(StoreError::invalid("counted", format!("{variant_id}: fewer than the {reserved} units reserved")));
    }
    sqlx::query(
        "INSERT INTO stock_levels (location_id, variant_id, on_hand, reserved) VALUES ($1, $2, $3, 0) \
         ON CONFLICT (variant_id, location_id) DO UPDATE SET on_hand = excluded.on_hand",
    )
    .bind(location_id)
    .bind(variant_id)
    .bind(counted)
    .execute(&mut *conn)
    .await
    .map_err(backend)?;
    let delta = counted - on_hand;
    let reason = MovementReason::CountAdjustment;
    let row = Row { location_id, variant_id, reason, source, on_hand: delta, reserved: 0 };
    record(conn, &row.at(delta.unsigned_abs(), at)).await
}

/// Units on hand at one level (0 if the location does not hold the variant).
async fn on_hand_at(conn: &mut Connection, location_id: &str, variant_id: &str) -> Result<u64, StoreError> {
    let on_hand: Option<i64> =
        sqlx::query_scalar("SELECT on_hand FROM stock_levels WHERE variant_id = $1 AND location_id = $2")
            .bind(variant_id)
            .bind(location_id)
            .fetch_optional(conn)
            .await
            .map_err(backend)?;
    Ok(on_hand.map_or(0, unsigned))
}

/// Units free at one level (0 if the location does not hold the variant).
async fn free_at(conn: &mut Connection, location_id: &str, variant_id: &str) -> Result<u64, StoreError> {
    let free: Option<i64> =
        sqlx::query_scalar("SELECT on_hand - reserved FROM stock_levels WHERE variant_id = $1 AND location_id = $2")
            .bind(variant_id)
            .bind(location_id)
            .fetch_optional(conn)
            .await
            .map_err(backend)?;
    Ok(free.map_or(0, unsigned))
}

/// The stock of `variant_id` summed over its locations, if any holds it.
async fn level(conn: &mut Connection, variant_id: &str) -> Result<Option<StockLevel>, StoreError> {
    let row: (i64, Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), CAST(SUM(on_hand) AS BIGINT), CAST(SUM(reserved) AS BIGINT) \
         FROM stock_levels WHERE variant_id = $1",
    )
    .bind(variant_id)
    .fetch_one(conn)
    .await
    .map_err(backend)?;
    Ok(match row {
        (0, _, _) => None,
        (_, on_hand, reserved) => {
            Some(StockLevel { on_hand: unsigned(on_hand.unwrap_or(0)), reserved: unsigned(reserved.unwrap_or(0)) })
        }
    })
}

#[async_trait]
impl StockRepository for Store {
    async fn set_stock(&self, variant_id: &str, on_hand: u64) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let counted = count(&mut tx, DEFAULT_LOCATION, variant_id, on_hand, &MovementSource::System, Timestamp::now());
        counted.await.map_err(|e| match e {
            StoreError::Invalid { field, reason } if field == "counted" => {
                StoreError::Invalid { field: "on_hand".into(), reason }
            }
            other => other,
        })?;
        tx.commit().await.map_err(backend)
    }

    async fn stock_level(&self, variant_id: &str) -> Result<Option<StockLevel>, StoreError> {
        level(&mut *self.conn().await?, variant_id).await
    }

    async fn low_stock(&self, at_most: u64, limit: u32) -> Result<Vec<VariantStock>, StoreError> {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(
            "SELECT variant_id, CAST(SUM(on_hand) AS BIGINT), CAST(SUM(reserved) AS BIGINT) FROM stock_levels \
             GROUP BY variant_id HAVING SUM(on_hand - reserved) <= $1 \
             ORDER BY SUM(on_hand - reserved), variant_id LIMIT $2",
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
        reserve(&mut tx, order_id, lines, expires_at, &Allocator::default(), Timestamp::now()).await?;
        tx.commit().await.map_err(backend)
    }

    async fn release_stock(&self, order_id: &str) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let source = MovementSource::Order(order_id.to_owned());
        let released = settle(&mut tx, order_id, false, &source, Timestamp::now()).await?;
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
            settle(&mut tx, order_id, false, &MovementSource::System, now).await?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(expired)
    }

    async fn commit_stock(&self, order_id: &str) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        let source = MovementSource::Order(order_id.to_owned());
        if !settle(&mut tx, order_id, true, &source, Timestamp::now()).await? {
            return Err(StoreError::not_found("stock reservation", order_id));
        }
        tx.commit().await.map_err(backend)
    }
}

/// Marks the low-stock alert of a level as sent; [`StoreError::Conflict`] if it is no longer due or
/// another run sent it first.
pub(crate) async fn alerted(
    conn: &mut Connection,
    location_id: &str,
    variant_id: &str,
    crossings: u64,
) -> Result<(), StoreError> {
    let crossings = signed(crossings, "crossings")?;
    let done = sqlx::query(
        "UPDATE stock_levels SET low_alerted = TRUE, crossings = crossings + 1 \
         WHERE location_id = $1 AND variant_id = $2 AND NOT low_alerted AND crossings = $3 \
         AND on_hand - reserved <= low_at",
    )
    .bind(location_id)
    .bind(variant_id)
    .bind(crossings)
    .execute(conn)
    .await
    .map_err(backend)?;
    if done.rows_affected() == 0 {
        let (expected_version, actual_version) = (unsigned(crossings), unsigned(crossings) + 1);
        let id = format!("{location_id}/{variant_id}");
        return Err(StoreError::Conflict { kind: "stock level", id, expected_version, actual_version });
    }
    Ok(())
}
