//! Vitrina's embedded default store: every repository, stock reservations, promotion usage,
//! idempotency keys and the durable outbox in one SQLite database (a file in WAL mode, or in memory).
//!
//! ```no_run
//! # async fn demo() -> Result<(), vitrina_core::store::StoreError> {
//! use vitrina_store_sqlite::SqliteStore;
//! let store = SqliteStore::open("shop.db").await?; // created and migrated if new
//! let scratch = SqliteStore::in_memory().await?; // for tests and demos
//! # Ok(()) }
//! ```
//!
//! Reads use a pool of connections (parallel under WAL); writes go through one writer connection,
//! so writers of this process queue in order instead of spinning on SQLite's lock, and run in
//! `BEGIN IMMEDIATE` transactions with a busy timeout, so writers of other processes wait rather
//! than fail. The checks that keep stock and promotion counts within bounds are conditional updates
//! inside those transactions.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[path = "../../shared/after_sales.rs"]
mod after_sales;
#[path = "../../shared/catalog.rs"]
mod catalog;
#[path = "../../shared/commit.rs"]
mod commit;
mod dialect;
#[path = "../../shared/documents.rs"]
mod documents;
#[path = "../../shared/idempotency.rs"]
mod idempotency;
#[path = "../../shared/inventory.rs"]
mod inventory;
mod outbox;
#[path = "../../shared/placement.rs"]
mod placement;
#[path = "../../shared/promotion.rs"]
mod promotion;
#[path = "../../shared/reports.rs"]
mod reports;
#[path = "../../shared/repositories.rs"]
mod repositories;
#[path = "../../shared/segments.rs"]
mod segments;
#[path = "../../shared/sql.rs"]
mod sql;
#[path = "../../shared/stock.rs"]
mod stock;

use std::path::Path;
use std::time::Duration;

use sqlx::pool::PoolConnection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use vitrina_core::store::StoreError;

use sql::backend;

/// How long a writer waits for the database lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Reader connections kept to a database file (readers run in parallel under WAL).
const READERS: u32 = 4;

/// A [`Store`](vitrina_core::store::Store) on SQLite. Cheap to clone: clones share one pool.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    /// Connections for reads.
    readers: SqlitePool,
    /// The one connection for writes (the same pool as `readers` in memory).
    writer: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database file at `path` in WAL mode and applies pending migrations.
    pub async fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true);
        let writer =
            SqlitePoolOptions::new().max_connections(1).connect_with(options.clone()).await.map_err(backend)?;
        sqlx::migrate!("./migrations").run(&writer).await.map_err(backend)?;
        let readers = SqlitePoolOptions::new().max_connections(READERS).connect_with(options).await.map_err(backend)?;
        Ok(SqliteStore { readers, writer })
    }

    /// A fresh database in memory (one connection, kept open for the store's life), migrated.
    pub async fn in_memory() -> Result<SqliteStore, StoreError> {
        let options = SqliteConnectOptions::new().in_memory(true).foreign_keys(true);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await
            .map_err(backend)?;
        sqlx::migrate!("./migrations").run(&pool).await.map_err(backend)?;
        Ok(SqliteStore { readers: pool.clone(), writer: pool })
    }

    /// Closes every connection (waiting for running calls); the file is consistent afterwards.
    pub async fn close(&self) {
        self.writer.close().await;
        self.readers.close().await;
    }

    /// A write transaction that takes the database lock at once (waiting up to the busy timeout).
    async fn write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        self.writer.begin_with("BEGIN IMMEDIATE").await.map_err(backend)
    }

    /// The writer connection, for single-statement writes.
    async fn writer_conn(&self) -> Result<PoolConnection<Sqlite>, StoreError> {
        self.writer.acquire().await.map_err(backend)
    }

    /// A reader connection.
    async fn conn(&self) -> Result<PoolConnection<Sqlite>, StoreError> {
        self.readers.acquire().await.map_err(backend)
    }
}

#[cfg(test)]
mod tests {
    use vitrina_core::catalog::{Catalog, CatalogData, CatalogEdit, Product};
    use vitrina_core::store::{CatalogRepository, EDITS_PER_SNAPSHOT};
    use vitrina_core::test_util::eur;

    use super::*;

    /// A product edit is stored as itself, not as a copy of the catalog, until the edits since
    /// the last whole snapshot reach `EDITS_PER_SNAPSHOT`.
    #[tokio::test]
    async fn edits_are_stored_alone_until_a_whole_snapshot_is_due() {
        let store = SqliteStore::in_memory().await.unwrap();
        let mug = Product::simple("mug", "Mug", "mug-1", eur(990));
        let mut current = Catalog::new(CatalogData { products: vec![mug], ..CatalogData::default() }).unwrap();
        store.publish_catalog(&current, 0).await.unwrap();
        for step in 1..=EDITS_PER_SNAPSHOT + 1 {
            let product = Product::simple(format!("p{step}"), "Product", format!("p{step}-1"), eur(100));
            let edit = CatalogEdit::UpsertProduct { product };
            let next = current.with_edits([&edit]).unwrap();
            store.publish_catalog_edit(&edit, &next, step).await.unwrap();
            current = next;
        }
        let kinds: Vec<bool> = sqlx::query_scalar("SELECT is_edit FROM catalog_snapshots ORDER BY version")
            .fetch_all(&mut *store.conn().await.unwrap())
            .await
            .unwrap();
        let whole: Vec<usize> = (1..).zip(&kinds).filter(|(_, is_edit)| !**is_edit).map(|(v, _)| v).collect();
        assert_eq!(whole, [1, 52], "the first publish, then a whole snapshot after 50 edits");
        let read = store.current_catalog().await.unwrap().unwrap();
        assert_eq!((read.version, read.value.data()), (52, current.data()));
    }
}
