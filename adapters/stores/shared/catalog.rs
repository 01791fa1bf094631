//! Catalog versions: append-only, one row per published version, a whole snapshot or one product
//! edit on top of the version before; a version is read as its last whole snapshot plus the edits.

use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::AssertSqlSafe;
use vitrina_core::catalog::{Catalog, CatalogEdit, CatalogError};
use vitrina_core::store::{micros, CatalogRepository, StoreError, Versioned, EDITS_PER_SNAPSHOT};

use crate::dialect::{Connection, Store, AS_JSON, AS_TEXT};
use crate::sql::{backend, from_json, is_unique_violation, signed, to_json, unsigned};

const KIND: &str = "catalog";

/// Another instance publishing the same version first clashes on the primary key (PostgreSQL;
/// SQLite's one writer never does).
fn publish_error(error: sqlx::Error, expected_version: u64) -> StoreError {
    if is_unique_violation(&error) {
        let id = "current".to_owned();
        StoreError::Conflict { kind: KIND, id, expected_version, actual_version: expected_version + 1 }
    } else {
        backend(error)
    }
}

#[async_trait]
impl CatalogRepository for Store {
    async fn publish_catalog(&self, catalog: &Catalog, expected_version: u64) -> Result<u64, StoreError> {
        let mut tx = self.write().await?;
        let version = next_version(&mut tx, expected_version).await?;
        append(&mut tx, version, &to_json(catalog, KIND)?, false, expected_version).await?;
        tx.commit().await.map_err(backend)?;
        Ok(version)
    }

    async fn publish_catalog_edit(
        &self,
        edit: &CatalogEdit,
        result: &Catalog,
        expected_version: u64,
    ) -> Result<u64, StoreError> {
        let mut tx = self.write().await?;
        let version = next_version(&mut tx, expected_version).await?;
        let whole: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM catalog_snapshots WHERE is_edit = FALSE")
            .fetch_one(&mut *tx)
            .await
            .map_err(backend)?;
        let edits_since = expected_version - whole.map_or(0, unsigned);
        if edits_since >= EDITS_PER_SNAPSHOT {
            append(&mut tx, version, &to_json(result, KIND)?, false, expected_version).await?;
        } else {
            append(&mut tx, version, &to_json(edit, KIND)?, true, expected_version).await?;
        }
        tx.commit().await.map_err(backend)?;
        Ok(version)
    }

    async fn catalog_version(&self) -> Result<u64, StoreError> {
        let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM catalog_snapshots")
            .fetch_one(&mut *self.conn().await?)
            .await
            .map_err(backend)?;
        Ok(latest.map_or(0, unsigned))
    }

    async fn current_catalog(&self) -> Result<Option<Versioned<Catalog>>, StoreError> {
        read_version(&mut *self.conn().await?, i64::MAX).await
    }

    async fn catalog_snapshot(&self, version: u64) -> Result<Option<Catalog>, StoreError> {
        let found = read_version(&mut *self.conn().await?, signed(version, "version")?).await?;
        Ok(found.filter(|catalog| catalog.version == version).map(|catalog| catalog.value))
    }
}

/// The version after `expected_version`; [`StoreError::Conflict`] if another was published since.
async fn next_version(conn: &mut Connection, expected_version: u64) -> Result<u64, StoreError> {
    let latest: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM catalog_snapshots")
        .fetch_one(&mut *conn)
        .await
        .map_err(backend)?;
    let actual = latest.map_or(0, unsigned);
    if actual != expected_version {
        let id = "current".to_owned();
        return Err(StoreError::Conflict { kind: KIND, id, expected_version, actual_version: actual });
    }
    Ok(actual + 1)
}

/// Appends version `version`: a whole snapshot, or one edit when `is_edit`.
async fn append(
    conn: &mut Connection,
    version: u64,
    body: &str,
    is_edit: bool,
    expected_version: u64,
) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO catalog_snapshots (version, body, published_at, is_edit) VALUES ($1, $2{AS_JSON}, $3, $4)"
    );
    sqlx::query(AssertSqlSafe(sql))
        .bind(signed(version, "version")?)
        .bind(body)
        .bind(micros(Timestamp::now()))
        .bind(is_edit)
        .execute(&mut *conn)
        .await
        .map_err(|e| publish_error(e, expected_version))?;
    Ok(())
}

/// The latest version at or below `at_most`: its last whole snapshot with the edits after it.
async fn read_version(conn: &mut Connection, at_most: i64) -> Result<Option<Versioned<Catalog>>, StoreError> {
    let sql = format!(
        "SELECT version, body{AS_TEXT}, is_edit FROM catalog_snapshots WHERE version <= $1 AND version >= \
         (SELECT COALESCE(MAX(version), 0) FROM catalog_snapshots WHERE is_edit = FALSE AND version <= $1) \
         ORDER BY version"
    );
    let rows: Vec<(i64, String, bool)> =
        sqlx::query_as(AssertSqlSafe(sql)).bind(at_most).fetch_all(conn).await.map_err(backend)?;
    let Some(((first, base, _), edits)) = rows.split_first() else { return Ok(None) };
    let mut catalog: Catalog = from_json(base, KIND, &first.to_string())?;
    let mut version = unsigned(*first);
    let edits: Vec<CatalogEdit> = edits
        .iter()
        .map(|(at, body, _)| {
            version = unsigned(*at);
            from_json(body, KIND, &at.to_string())
        })
        .collect::<Result<_, _>>()?;
    if !edits.is_empty() {
        let unreadable = |e: CatalogError| StoreError::Backend(format!("{KIND} {version}: edits do not apply: {e}"));
        catalog = catalog.with_edits(&edits).map_err(unreadable)?;
    }
    Ok(Some(Versioned::new(catalog, version)))
}
