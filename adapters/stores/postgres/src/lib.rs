//! Vitrina's scale-out store on PostgreSQL: every repository, stock reservations, promotion usage,
//! idempotency keys and the durable outbox, shared safely by many app instances on one database.
//!
//! ```no_run
//! # async fn demo() -> Result<(), vitrina_core::store::StoreError> {
//! use vitrina_store_postgres::PostgresStore;
//! let store = PostgresStore::open("postgres://shop@localhost/shop").await?; // migrated on open
//! # Ok(()) }
//! ```
//!
//! Transactions run at READ COMMITTED. Invariants that span instances are kept by the database:
//! conditional updates (`UPDATE stock ... WHERE on_hand - reserved >= $2`, `... WHERE times_used < $2`)
//! that lock the row and re-check against the committed value, unique keys (ids, order numbers,
//! e-mails, idempotency keys, outbox message ids) and `FOR UPDATE SKIP LOCKED` for the outbox.
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

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres, Transaction};
use vitrina_core::store::StoreError;

use sql::backend;

/// Connections an instance keeps by default.
const DEFAULT_CONNECTIONS: u32 = 10;

/// A [`Store`](vitrina_core::store::Store) on PostgreSQL. Cheap to clone: clones share one pool.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`) with up to 10 connections
    /// and applies pending migrations.
    pub async fn open(url: &str) -> Result<PostgresStore, StoreError> {
        let options = PgConnectOptions::from_str(url).map_err(|e| StoreError::invalid("url", e.to_string()))?;
        PostgresStore::open_with(options, DEFAULT_CONNECTIONS).await
    }

    /// Connects with `options` (e.g. a `search_path` for a schema per tenant) and up to
    /// `max_connections` connections, and applies pending migrations.
    pub async fn open_with(options: PgConnectOptions, max_connections: u32) -> Result<PostgresStore, StoreError> {
        let pool =
            PgPoolOptions::new().max_connections(max_connections).connect_with(options).await.map_err(backend)?;
        sqlx::migrate!("./migrations").run(&pool).await.map_err(backend)?;
        Ok(PostgresStore { pool })
    }

    /// Closes every connection, waiting for running calls.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// A READ COMMITTED transaction.
    async fn write(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        self.pool.begin().await.map_err(backend)
    }

    /// A pooled connection for reads and single-statement writes.
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<Postgres>, StoreError> {
        self.pool.acquire().await.map_err(backend)
    }

    /// A connection for a single-statement write: any pooled one (PostgreSQL needs no single writer).
    async fn writer_conn(&self) -> Result<sqlx::pool::PoolConnection<Postgres>, StoreError> {
        self.conn().await
    }
}
