//! The shared store suite on PostgreSQL, each test in a fresh schema of the database named by
//! `VITRINA_POSTGRES_URL` (start one with `scripts/postgres.sh`). Without it the tests fail when
//! `CI` is set and are skipped with a notice otherwise.

use std::io::Write;
use std::str::FromStr;
use std::sync::Arc;

use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use vitrina_core::store::Store;
use vitrina_store_postgres::PostgresStore;

/// The database URL, or `None` (with a notice) to skip; panics in CI.
fn database_url() -> Option<String> {
    match std::env::var("VITRINA_POSTGRES_URL") {
        Ok(url) => Some(url),
        Err(_) if std::env::var_os("CI").is_some() => {
            panic!(
                "VITRINA_POSTGRES_URL is not set: run `source scripts/postgres.sh` before the PostgreSQL store tests"
            )
        }
        Err(_) => {
            // Straight to the process's stderr, past the test harness's output capture, so it shows.
            let notice =
                "notice: VITRINA_POSTGRES_URL is not set; PostgreSQL store test skipped (`source scripts/postgres.sh`)";
            let _ = writeln!(std::io::stderr(), "{notice}");
            None
        }
    }
}

/// A store on a new, empty schema, with the options that reach that schema.
async fn open_schema() -> Option<(Arc<dyn Store>, PgConnectOptions)> {
    let url = database_url()?;
    let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
    let mut admin = PgConnection::connect(&url).await.expect("connect to VITRINA_POSTGRES_URL");
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(&mut admin).await.unwrap();
    admin.close().await.unwrap();
    let options = PgConnectOptions::from_str(&url).unwrap().options([("search_path", schema)]);
    Some((Arc::new(PostgresStore::open_with(options.clone(), 8).await.unwrap()), options))
}

/// A store on a new, empty schema.
async fn open() -> Option<Arc<dyn Store>> {
    open_schema().await.map(|(store, _)| store)
}

/// The consistency check finds a level changed through a second connection to the schema.
#[tokio::test]
async fn stock_check_finds_a_corrupted_level() {
    let Some((store, options)) = open_schema().await else { return };
    vitrina_store_tests::stock_check_finds_a_corrupted_level(store, |sql| async move {
        let mut conn = PgConnection::connect_with(&options).await.unwrap();
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    })
    .await;
}

vitrina_store_tests::store_suite!(open());
