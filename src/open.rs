//! Opening a store, or a whole shop, from a URL with the backends this build enables: SQLite
//! (`sqlite:shop.db`, `sqlite::memory:`) and PostgreSQL (`postgres://…`).

use std::sync::Arc;

use async_trait::async_trait;
use vitrina_core::shop::{Plugins, Shop, ShopError};
use vitrina_core::store::{Store, StoreError, StoreLocation};

/// Opens (and migrates) the store `url` points at. A backend this build leaves out (a feature
/// not enabled) is `StoreError::Invalid` naming `url`.
pub async fn open_store(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    match StoreLocation::parse(url)? {
        #[cfg(feature = "sqlite")]
        StoreLocation::SqliteMemory => Ok(Arc::new(vitrina_store_sqlite::SqliteStore::in_memory().await?)),
        #[cfg(feature = "sqlite")]
        StoreLocation::SqliteFile(path) => Ok(Arc::new(vitrina_store_sqlite::SqliteStore::open(path).await?)),
        #[cfg(feature = "postgres")]
        StoreLocation::Postgres(url) => Ok(Arc::new(vitrina_store_postgres::PostgresStore::open(&url).await?)),
        #[allow(unreachable_patterns)]
        other => Err(StoreError::invalid("url", format!("{other:?}: this build of vitrina has no such store"))),
    }
}

/// `Shop::open(url, plugins)`: a shop over the store a URL points at.
#[async_trait]
pub trait OpenShop: Sized {
    /// Opens the store at `url` and a shop over it with `plugins`, on the system clock.
    async fn open(url: &str, plugins: Plugins) -> Result<Self, ShopError>;
}

#[async_trait]
impl OpenShop for Shop {
    async fn open(url: &str, plugins: Plugins) -> Result<Shop, ShopError> {
        Ok(Shop::new(open_store(url).await?, plugins))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[tokio::test]
    async fn a_shop_opens_from_a_url_and_needs_settings() {
        let shop = Shop::open("sqlite::memory:", Plugins::new()).await.unwrap();
        assert!(matches!(shop.settings().await, Err(ShopError::NotSetUp { what: "settings" })));
        let bad = Shop::open("mysql://shop", Plugins::new()).await.unwrap_err();
        assert!(matches!(bad, ShopError::Store(StoreError::Invalid { ref field, .. }) if field == "url"));
    }

    /// Runs when `VITRINA_POSTGRES_URL` points at a server (`source scripts/postgres.sh`).
    #[cfg(feature = "postgres")]
    #[tokio::test]
    async fn opens_a_working_postgres_store() {
        let Ok(url) = std::env::var("VITRINA_POSTGRES_URL") else { return };
        let store = open_store(&url).await.unwrap();
        assert!(store.find_order_by_number("VT-1999-000001").await.unwrap().is_none());
    }
}
