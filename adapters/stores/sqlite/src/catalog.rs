//! Catalog snapshots: append-only, one row per published version.

use async_trait::async_trait;
use jiff::Timestamp;
use vitrina_core::catalog::Catalog;
use vitrina_core::store::{micros, CatalogRepository, StoreError, Versioned};

use crate::sql::{backend, from_json, signed, to_json, unsigned};
use crate::SqliteStore;

const KIND: &str = "catalog";

#[async_trait]
impl CatalogRepository for SqliteStore {
    async fn publish_catalog(&self, catalog: &Catalog, expected_version: u64) -> Result<u64, StoreError> {
        let body = to_json(catalog, KIND)?;
        let mut tx = self.write().await?;
        let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM catalog_snapshots")
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        let actual = latest.map_or(0, unsigned);
        if actual != expected_version {
            let id = "current".to_owned();
            return Err(StoreError::Conflict { kind: KIND, id, expected_version, actual_version: actual });
        }
        sqlx::query("INSERT INTO catalog_snapshots (version, body, published_at) VALUES ($1, $2, $3)")
            .bind(signed(actual + 1, "version")?)
            .bind(body)
            .bind(micros(Timestamp::now()))
            .execute(&mut *tx)
            .await
            .map_err(backend)?;
        tx.commit().await.map_err(backend)?;
        Ok(actual + 1)
    }

    async fn catalog_version(&self) -> Result<u64, StoreError> {
        let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM catalog_snapshots")
            .fetch_one(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        Ok(latest.map_or(0, unsigned))
    }

    async fn current_catalog(&self) -> Result<Option<Versioned<Catalog>>, StoreError> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT body, version FROM catalog_snapshots ORDER BY version DESC LIMIT 1")
                .fetch_optional(&mut *self.conn().await?)
                .await
                .map_err(backend)?;
        row.map(|(body, version)| Ok(Versioned::new(from_json(&body, KIND, &version.to_string())?, unsigned(version))))
            .transpose()
    }

    async fn catalog_snapshot(&self, version: u64) -> Result<Option<Catalog>, StoreError> {
        let body: Option<String> = sqlx::query_scalar("SELECT body FROM catalog_snapshots WHERE version = $1")
            .bind(signed(version, "version")?)
            .fetch_optional(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        body.map(|body| from_json(&body, KIND, &version.to_string())).transpose()
    }
}
