//! The shared store suite on SQLite: once on a database file (WAL, several connections) and once in memory.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use vitrina_core::store::Store;
use vitrina_store_sqlite::SqliteStore;

static NEXT_FILE: AtomicU32 = AtomicU32::new(0);

/// A fresh database file under Cargo's scratch directory for integration tests.
fn scratch_file() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("vitrina-store-sqlite");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("suite-{}-{}.db", std::process::id(), NEXT_FILE.fetch_add(1, Ordering::Relaxed)));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

async fn open_file() -> Option<Arc<dyn Store>> {
    Some(Arc::new(SqliteStore::open(scratch_file()).await.unwrap()))
}

async fn open_memory() -> Option<Arc<dyn Store>> {
    Some(Arc::new(SqliteStore::in_memory().await.unwrap()))
}

mod file {
    vitrina_store_tests::store_suite!(super::open_file());
}

mod memory {
    vitrina_store_tests::store_suite!(super::open_memory());
}

/// The consistency check finds a level changed through a second connection to the database file.
#[tokio::test]
async fn stock_check_finds_a_corrupted_level() {
    use sqlx::{Connection, SqliteConnection};
    let path = scratch_file();
    let store = Arc::new(SqliteStore::open(&path).await.unwrap());
    let url = format!("sqlite://{}", path.display());
    vitrina_store_tests::stock_check_finds_a_corrupted_level(store, |sql| async move {
        let mut conn = SqliteConnection::connect(&url).await.unwrap();
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    })
    .await;
}
