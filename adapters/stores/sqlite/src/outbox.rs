//! Core's `OutboxStore` on the `outbox` table: entries are JSON documents with their status and due
//! time as columns; `claim_due` picks and leases due entries inside one write transaction.

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use sqlx::SqliteConnection;
use vitrina_core::notify::{EmailMessage, EnqueueOutcome, OutboxEntry, OutboxError, OutboxStore};
use vitrina_core::store::{micros, StoreError};

use crate::sql::{backend, from_json, is_unique_violation, to_json};
use crate::SqliteStore;

const KIND: &str = "outbox entry";

fn storage(error: impl std::fmt::Display) -> OutboxError {
    OutboxError::Storage { reason: error.to_string() }
}

fn status(entry: &OutboxEntry) -> String {
    serde_json::to_value(entry.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Inserts `entry`; a queued message id is [`StoreError::Duplicate`].
pub(crate) async fn insert(conn: &mut SqliteConnection, entry: &OutboxEntry) -> Result<(), StoreError> {
    let done = sqlx::query(
        "INSERT INTO outbox (id, message_id, status, next_attempt_at, created_at, body) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&entry.id)
    .bind(entry.message.message_id())
    .bind(status(entry))
    .bind(micros(entry.next_attempt_at))
    .bind(micros(entry.created_at))
    .bind(to_json(entry, KIND)?)
    .execute(conn)
    .await;
    match done {
        Ok(_) => Ok(()),
        Err(e) if is_unique_violation(&e) => {
            Err(StoreError::Duplicate { kind: "outbox message", key: entry.message.message_id().to_owned() })
        }
        Err(e) => Err(backend(e)),
    }
}

/// Rewrites the row of `entry`; whether it exists.
async fn update(conn: &mut SqliteConnection, entry: &OutboxEntry) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE outbox SET status = $2, next_attempt_at = $3, body = $4 WHERE id = $1")
        .bind(&entry.id)
        .bind(status(entry))
        .bind(micros(entry.next_attempt_at))
        .bind(to_json(entry, KIND)?)
        .execute(conn)
        .await
        .map_err(backend)?;
    Ok(done.rows_affected() == 1)
}

async fn by_message_id(conn: &mut SqliteConnection, message_id: &str) -> Result<Option<OutboxEntry>, StoreError> {
    let body: Option<String> = sqlx::query_scalar("SELECT body FROM outbox WHERE message_id = $1")
        .bind(message_id)
        .fetch_optional(conn)
        .await
        .map_err(backend)?;
    body.map(|body| from_json(&body, KIND, message_id)).transpose()
}

#[async_trait]
impl OutboxStore for SqliteStore {
    async fn enqueue(&self, message: EmailMessage, now: Timestamp) -> Result<EnqueueOutcome, OutboxError> {
        let mut conn = self.writer_conn().await.map_err(storage)?;
        let entry = OutboxEntry::new(message, now);
        match insert(&mut conn, &entry).await {
            Ok(()) => return Ok(EnqueueOutcome { entry, duplicate: false }),
            Err(StoreError::Duplicate { .. }) => {}
            Err(e) => return Err(storage(e)),
        }
        let message_id = entry.message.message_id();
        match by_message_id(&mut conn, message_id).await.map_err(storage)? {
            Some(existing) if existing.message == entry.message => {
                Ok(EnqueueOutcome { entry: existing, duplicate: true })
            }
            _ => Err(OutboxError::Conflict { message_id: message_id.to_owned() }),
        }
    }

    async fn claim_due(
        &self,
        now: Timestamp,
        lease: SignedDuration,
        limit: usize,
    ) -> Result<Vec<OutboxEntry>, OutboxError> {
        let mut tx = self.write().await.map_err(storage)?;
        let bodies: Vec<(String, String)> = sqlx::query_as(
            "SELECT id, body FROM outbox WHERE status IN ('pending', 'sending', 'failed') AND next_attempt_at <= $1 \
             ORDER BY next_attempt_at, id LIMIT $2",
        )
        .bind(micros(now))
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(&mut *tx)
        .await
        .map_err(storage)?;
        let mut claimed = Vec::with_capacity(bodies.len());
        for (id, body) in bodies {
            let mut entry: OutboxEntry = from_json(&body, KIND, &id).map_err(storage)?;
            entry.claim(now, lease);
            update(&mut tx, &entry).await.map_err(storage)?;
            claimed.push(entry);
        }
        tx.commit().await.map_err(storage)?;
        Ok(claimed)
    }

    async fn save(&self, entry: &OutboxEntry) -> Result<(), OutboxError> {
        if update(&mut *self.writer_conn().await.map_err(storage)?, entry).await.map_err(storage)? {
            Ok(())
        } else {
            Err(OutboxError::NotFound { entry_id: entry.id.clone() })
        }
    }

    async fn get(&self, entry_id: &str) -> Result<Option<OutboxEntry>, OutboxError> {
        let body: Option<String> = sqlx::query_scalar("SELECT body FROM outbox WHERE id = $1")
            .bind(entry_id)
            .fetch_optional(&mut *self.conn().await.map_err(storage)?)
            .await
            .map_err(storage)?;
        body.map(|body| from_json(&body, KIND, entry_id)).transpose().map_err(storage)
    }
}
