//! Core's `IdempotencyStore` on the `idempotency_keys` table: a claim is an insert that only one
//! caller wins; the result is stored as JSON and replayed to later claims with the same fingerprint.

use async_trait::async_trait;
use vitrina_core::payment::{Claim, GatewayResult, IdempotencyError, IdempotencyStore};

use sqlx::AssertSqlSafe;

use crate::dialect::{Store, AS_JSON, AS_TEXT};
use crate::sql::from_json;

fn store_error(error: impl std::fmt::Display) -> IdempotencyError {
    IdempotencyError::Store { reason: error.to_string() }
}

impl Store {
    /// Finishes the in-flight claim of `key` made with `fingerprint`: stores `result`, or frees the key.
    async fn settle_key(&self, key: &str, fingerprint: &str, result: Option<String>) -> Result<(), IdempotencyError> {
        let mut conn = self.writer_conn().await.map_err(store_error)?;
        let done = match result {
            Some(json) => sqlx::query(AssertSqlSafe(format!(
                "UPDATE idempotency_keys SET result = $3{AS_JSON} WHERE key = $1 AND fingerprint = $2 AND result IS NULL"
            )))
            .bind(key)
            .bind(fingerprint)
            .bind(json),
            None => sqlx::query("DELETE FROM idempotency_keys WHERE key = $1 AND fingerprint = $2 AND result IS NULL")
                .bind(key)
                .bind(fingerprint),
        }
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
        if done.rows_affected() == 0 {
            return Err(IdempotencyError::NotClaimed { key: key.to_owned() });
        }
        Ok(())
    }
}

#[async_trait]
impl IdempotencyStore for Store {
    async fn claim(&self, key: &str, fingerprint: &str) -> Result<Claim, IdempotencyError> {
        let mut conn = self.writer_conn().await.map_err(store_error)?;
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (key, fingerprint, result) VALUES ($1, $2, NULL) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(fingerprint)
        .execute(&mut *conn)
        .await
        .map_err(store_error)?;
        if inserted.rows_affected() == 1 {
            return Ok(Claim::Claimed);
        }
        let row: Option<(String, Option<String>)> = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT fingerprint, result{AS_TEXT} FROM idempotency_keys WHERE key = $1"
        )))
        .bind(key)
        .fetch_optional(&mut *conn)
        .await
        .map_err(store_error)?;
        match row {
            Some((held, _)) if held != fingerprint => Err(IdempotencyError::KeyReused { key: key.to_owned() }),
            Some((_, Some(json))) => {
                Ok(Claim::Completed(Box::new(from_json(&json, "idempotency key", key).map_err(store_error)?)))
            }
            // In flight, or released between the insert and the read: the caller retries shortly.
            _ => Err(IdempotencyError::InProgress { key: key.to_owned() }),
        }
    }

    async fn complete(&self, key: &str, fingerprint: &str, result: &GatewayResult) -> Result<(), IdempotencyError> {
        let json = serde_json::to_string(result).map_err(store_error)?;
        self.settle_key(key, fingerprint, Some(json)).await
    }

    async fn release(&self, key: &str, fingerprint: &str) -> Result<(), IdempotencyError> {
        self.settle_key(key, fingerprint, None).await
    }
}
