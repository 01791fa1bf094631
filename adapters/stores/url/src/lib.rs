//! Opens a store from a URL, so a shop (or a language binding) picks SQLite or PostgreSQL by
//! configuration: `sqlite:shop.db`, `sqlite://shop.db`, `sqlite::memory:`, `postgres://user@host/db`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::sync::Arc;

use vitrina_core::store::{Store, StoreError};
use vitrina_store_postgres::PostgresStore;
use vitrina_store_sqlite::SqliteStore;

/// Where a store URL points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreLocation {
    /// A fresh SQLite database in memory, gone when the store is dropped.
    SqliteMemory,
    /// A SQLite database file (created and migrated if missing).
    SqliteFile(String),
    /// A PostgreSQL database, by its full connection URL.
    Postgres(String),
}

impl StoreLocation {
    /// Reads `url`; an unknown scheme or an empty path is `StoreError::Invalid` naming the field `url`.
    pub fn parse(url: &str) -> Result<StoreLocation, StoreError> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(StoreLocation::Postgres(url.to_owned()));
        }
        let Some(rest) = url.strip_prefix("sqlite:") else {
            return Err(StoreError::invalid(
                "url",
                format!("`{url}` is not a store URL: use sqlite:<file>, sqlite::memory: or postgres://…"),
            ));
        };
        if rest == ":memory:" || rest == "//:memory:" {
            return Ok(StoreLocation::SqliteMemory);
        }
        let path = rest.strip_prefix("//").unwrap_or(rest);
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() {
            return Err(StoreError::invalid("url", "a sqlite URL needs a file path, e.g. sqlite:shop.db"));
        }
        Ok(StoreLocation::SqliteFile(path.to_owned()))
    }
}

/// Opens (and migrates) the store `url` points at.
pub async fn open_store(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    Ok(match StoreLocation::parse(url)? {
        StoreLocation::SqliteMemory => Arc::new(SqliteStore::in_memory().await?),
        StoreLocation::SqliteFile(path) => Arc::new(SqliteStore::open(path).await?),
        StoreLocation::Postgres(url) => Arc::new(PostgresStore::open(&url).await?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_of_url() {
        assert_eq!(StoreLocation::parse("sqlite::memory:"), Ok(StoreLocation::SqliteMemory));
        assert_eq!(StoreLocation::parse("sqlite://:memory:"), Ok(StoreLocation::SqliteMemory));
        assert_eq!(StoreLocation::parse("sqlite:shop.db"), Ok(StoreLocation::SqliteFile("shop.db".into())));
        assert_eq!(StoreLocation::parse("sqlite:///tmp/a.db"), Ok(StoreLocation::SqliteFile("/tmp/a.db".into())));
        assert_eq!(StoreLocation::parse("sqlite://shop.db?mode=rwc"), Ok(StoreLocation::SqliteFile("shop.db".into())));
        let pg = "postgresql://shop@localhost/shop";
        assert_eq!(StoreLocation::parse(pg), Ok(StoreLocation::Postgres(pg.into())));
    }

    #[test]
    fn a_bad_url_names_the_field() {
        for bad in ["mysql://x", "", "sqlite:", "sqlite://", "shop.db"] {
            let err = StoreLocation::parse(bad).unwrap_err();
            assert!(matches!(err, StoreError::Invalid { ref field, .. } if field == "url"), "{bad}: {err}");
        }
    }

    #[tokio::test]
    async fn opens_a_working_sqlite_store() {
        let dir = std::env::temp_dir().join(format!("vitrina-url-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("shop.db");
        let store = open_store(&format!("sqlite:{}", file.display())).await.unwrap();
        assert!(store.orders_of_customer("nobody").await.unwrap().is_empty());
        assert!(file.exists(), "the database file is created");
        drop(store);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Runs when `VITRINA_POSTGRES_URL` points at a server (`source scripts/postgres.sh`).
    #[tokio::test]
    async fn opens_a_working_postgres_store() {
        let Ok(url) = std::env::var("VITRINA_POSTGRES_URL") else { return };
        let store = open_store(&url).await.unwrap();
        assert!(store.find_order_by_number("VT-1999-000001").await.unwrap().is_none());
    }
}
