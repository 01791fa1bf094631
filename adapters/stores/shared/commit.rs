//! Core's `DocumentStore`: any aggregate read by id or indexed column, and a command's unit of work
//! (documents, outbox, event log, stock, promotion uses, ledger rows, sales rollups) written in one
//! transaction.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::AssertSqlSafe;
use vitrina_core::erasure::erase_in_json;
use vitrina_core::event::RecordedEvent;
use vitrina_core::inventory::MovementSource;
use vitrina_core::notify::DomainEvent;
use vitrina_core::notify::OutboxEntry;
use vitrina_core::store::{
    micros, Changes, DocumentStore, LedgerAccount, LedgerRow, StockChange, StoreError, StoredDocument, TextErasure,
};

use crate::dialect::{Connection, Store, AS_JSON, AS_TEXT};
use crate::documents::{remove, stored_version, write};
use crate::sql::{backend, from_json, to_json, unsigned};
use crate::{promotion, reports, segments, stock};

#[async_trait]
impl DocumentStore for Store {
    async fn load_document(&self, table: &'static str, id: &str) -> Result<Option<StoredDocument>, StoreError> {
        let sql = format!("SELECT id, body{AS_TEXT}, version FROM {table} WHERE id = $1");
        let row: Option<(String, String, i64)> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        Ok(row.map(|(id, body, version)| StoredDocument { id, body, version: unsigned(version) }))
    }

    async fn document_version(&self, table: &'static str, id: &str) -> Result<Option<u64>, StoreError> {
        stored_version(&mut *self.conn().await?, table, id).await
    }

    async fn find_documents(
        &self,
        table: &'static str,
        column: &'static str,
        value: &str,
        limit: u32,
    ) -> Result<Vec<StoredDocument>, StoreError> {
        let sql = format!("SELECT id, body{AS_TEXT}, version FROM {table} WHERE {column} = $1 ORDER BY id LIMIT $2");
        self.documents(sql, value, limit).await
    }

    async fn commit(&self, changes: &Changes) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        let mut tx = self.write().await?;
        if changes.rebuilds_rollups {
            reports::clear_order_rollups(&mut tx).await?;
        }
        for document in &changes.documents {
            write(&mut tx, document).await?;
        }
        for gone in &changes.deletes {
            remove(&mut tx, gone).await?;
        }
        for change in &changes.stock {
            apply_stock(&mut tx, change, changes.stock_at).await?;
        }
        for used in &changes.promotion_uses {
            promotion::take_use(&mut tx, used).await?;
        }
        for row in &changes.ledger {
            insert_ledger_row(&mut tx, row).await?;
        }
        for change in &changes.sales_days {
            reports::add_sales_day(&mut tx, change).await?;
        }
        for change in &changes.variant_sales {
            reports::add_variant_day(&mut tx, change).await?;
        }
        for change in &changes.day_counts {
            reports::add_day_count(&mut tx, change).await?;
        }
        for change in &changes.customer_sales {
            reports::add_customer_sales(&mut tx, change).await?;
        }
        for change in &changes.customer_days {
            segments::add_customer_day(&mut tx, change).await?;
        }
        for entry in &changes.outbox {
            queue(&mut tx, entry).await?;
        }
        for event in &changes.events {
            log_event(&mut tx, event).await?;
        }
        for erasure in &changes.erasures {
            erase_text(&mut tx, erasure).await?;
        }
        tx.commit().await.map_err(backend)
    }

    async fn documents_page(
        &self,
        table: &'static str,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<StoredDocument>, StoreError> {
        let sql = format!("SELECT id, body{AS_TEXT}, version FROM {table} WHERE id > $1 ORDER BY id LIMIT $2");
        self.documents(sql, after.unwrap_or_default(), limit).await
    }

    async fn events_since(
        &self,
        since: Timestamp,
        after: Option<&str>,
        limit: u32,
    ) -> Result<Vec<RecordedEvent<DomainEvent>>, StoreError> {
        let sql = format!(
            "SELECT id, body{AS_TEXT} FROM events WHERE at > $1 OR (at = $1 AND id > $2) ORDER BY at, id LIMIT $3"
        );
        let rows: Vec<(String, String)> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(micros(since))
            .bind(after.unwrap_or_default())
            .bind(i64::from(limit))
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        rows.iter().map(|(id, body)| from_json(body, "event", id)).collect()
    }

    async fn ledger_rows(&self, account: LedgerAccount, account_id: &str) -> Result<Vec<LedgerRow>, StoreError> {
        let sql = format!(
            "SELECT key, body{AS_TEXT} FROM ledger_entries WHERE account = $1 AND account_id = $2 ORDER BY at, seq"
        );
        let rows: Vec<(String, String)> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(account.as_str())
            .bind(account_id)
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        rows.iter().map(|(key, body)| from_json(body, "ledger row", key)).collect()
    }
}

impl Store {
    /// The documents `sql` selects (`id, body, version`), with `$1` bound to `value` and `$2` to
    /// `limit`.
    async fn documents(&self, sql: String, value: &str, limit: u32) -> Result<Vec<StoredDocument>, StoreError> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(value)
            .bind(i64::from(limit))
            .fetch_all(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        Ok(rows
            .into_iter()
            .map(|(id, body, version)| StoredDocument { id, body, version: unsigned(version) })
            .collect())
    }
}

async fn apply_stock(conn: &mut Connection, change: &StockChange, at: Timestamp) -> Result<(), StoreError> {
    match change {
        StockChange::Reserve { order_id, lines, expires_at, allocator } => {
            stock::reserve(conn, order_id, lines, *expires_at, allocator, at).await
        }
        StockChange::Commit { order_id } => {
            let source = MovementSource::Order(order_id.clone());
            match stock::settle(conn, order_id, true, &source, at).await? {
                true => Ok(()),
                false => Err(StoreError::not_found("stock reservation", order_id)),
            }
        }
        StockChange::Release { order_id } => {
            let source = MovementSource::Order(order_id.clone());
            stock::settle(conn, order_id, false, &source, at).await.map(drop)
        }
        StockChange::Move(moved) => stock::apply_move(conn, moved, at).await,
        StockChange::LowStockAlerted { location_id, variant_id, crossings } => {
            stock::alerted(conn, location_id, variant_id, *crossings).await
        }
        StockChange::Count { location_id, variant_id, counted, source } => {
            stock::count(conn, location_id, variant_id, *counted, source, at).await
        }
    }
}

/// Queues `entry` unless its message id is queued already (a replayed command queues nothing twice).
async fn queue(conn: &mut Connection, entry: &OutboxEntry) -> Result<(), StoreError> {
    let status = serde_json::to_value(entry.status).ok().and_then(|v| v.as_str().map(str::to_owned));
    let sql = format!(
        "INSERT INTO outbox (id, message_id, status, next_attempt_at, created_at, body) \
         VALUES ($1, $2, $3, $4, $5, $6{AS_JSON}) ON CONFLICT (message_id) DO NOTHING"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(&entry.id)
        .bind(entry.message.message_id())
        .bind(status.unwrap_or_default())
        .bind(micros(entry.next_attempt_at))
        .bind(micros(entry.created_at))
        .bind(to_json(entry, "outbox entry")?)
        .execute(conn)
        .await
        .map_err(backend)?;
    Ok(())
}

/// Rewrites the outbox and event-log rows holding any of the erasure's texts, with its personal texts
/// replaced inside their text values (never a key or a number: the documents stay valid). Each
/// table is read once, for every text at once.
async fn erase_text(conn: &mut Connection, erasure: &TextErasure) -> Result<(), StoreError> {
    let holding: Vec<&String> = erasure.rows_holding.iter().filter(|text| !text.is_empty()).collect();
    if holding.is_empty() {
        return Ok(());
    }
    let any: Vec<String> = (1..=holding.len()).map(|i| format!("body{AS_TEXT} LIKE ${i} ESCAPE '!'")).collect();
    for table in ["outbox", "events"] {
        let sql = format!("SELECT id, body{AS_TEXT} FROM {table} WHERE {}", any.join(" OR "));
        let query = holding
            .iter()
            .fold(sqlx::query_as(AssertSqlSafe(sql)), |query, text| query.bind(format!("%{}%", like_escaped(text))));
        let rows: Vec<(String, String)> = query.fetch_all(&mut *conn).await.map_err(backend)?;
        for (id, body) in rows {
            let mut document: serde_json::Value = from_json(&body, table, &id)?;
            if erase_in_json(&mut document, &erasure.replacements) {
                let sql = format!("UPDATE {table} SET body = $1{AS_JSON} WHERE id = $2");
                let body = to_json(&document, table)?;
                sqlx::query(AssertSqlSafe(sql)).bind(body).bind(&id).execute(&mut *conn).await.map_err(backend)?;
            }
        }
    }
    Ok(())
}

/// `text` for a `LIKE … ESCAPE '!'` pattern: its `%`, `_` and `!` taken literally.
fn like_escaped(text: &str) -> String {
    text.replace('!', "!!").replace('%', "!%").replace('_', "!_")
}

/// Appends `event` to the event log (an id logged before is skipped).
async fn log_event(conn: &mut Connection, event: &RecordedEvent<DomainEvent>) -> Result<(), StoreError> {
    let body = to_json(event, "event")?;
    let kind = serde_json::to_value(&event.event)
        .ok()
        .and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_owned))
        .unwrap_or_default();
    let sql =
        format!("INSERT INTO events (id, at, type, body) VALUES ($1, $2, $3, $4{AS_JSON}) ON CONFLICT (id) DO NOTHING");
    sqlx::query(AssertSqlSafe(sql))
        .bind(&event.id)
        .bind(micros(event.at))
        .bind(kind)
        .bind(body)
        .execute(conn)
        .await
        .map_err(backend)?;
    Ok(())
}

/// Appends one stored-value movement (a key booked before on the account is skipped).
async fn insert_ledger_row(conn: &mut Connection, row: &LedgerRow) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO ledger_entries (account, account_id, key, at, amount_minor, currency, body) \
         VALUES ($1, $2, $3, $4, $5, $6, $7{AS_JSON}) ON CONFLICT (account, account_id, key) DO NOTHING"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(row.account.as_str())
        .bind(&row.account_id)
        .bind(&row.key)
        .bind(micros(row.at))
        .bind(row.amount.minor())
        .bind(row.amount.currency().code())
        .bind(to_json(row, "ledger row")?)
        .execute(conn)
        .await
        .map_err(backend)?;
    Ok(())
}
