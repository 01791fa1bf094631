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
//! Writes run in `BEGIN IMMEDIATE` transactions, so concurrent writers queue on the database lock
//! (with a busy timeout) instead of failing; the checks that keep stock and promotion counts within
//! bounds are conditional updates inside those transactions.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod catalog;
mod documents;
mod idempotency;
mod outbox;
mod placement;
mod promotion;
mod repositories;
mod sql;
mod stock;

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use vitrina_core::store::StoreError;

use sql::backend;

/// How long a writer waits for the database lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// Connections kept to a database file (readers run in parallel under WAL; writers queue).
const FILE_CONNECTIONS: u32 = 8;

/// A [`Store`](vitrina_core::store::Store) on SQLite. Cheap to clone: clones share one pool.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
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
        let pool = SqlitePoolOptions::new().max_connections(FILE_CONNECTIONS).connect_with(options).await;
        SqliteStore::migrated(pool.map_err(backend)?).await
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
            .await;
        SqliteStore::migrated(pool.map_err(backend)?).await
    }

    async fn migrated(pool: SqlitePool) -> Result<SqliteStore, StoreError> {
        sqlx::migrate!("./migrations").run(&pool).await.map_err(backend)?;
        Ok(SqliteStore { pool })
    }

    /// Closes every connection (waiting for running calls); the file is consistent afterwards.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A write transaction that takes the database lock at once (waiting up to the busy timeout).
    async fn write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(backend)
    }

    /// A pooled connection for reads and single-statement writes.
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<Sqlite>, StoreError> {
        self.pool.acquire().await.map_err(backend)
    }
}
