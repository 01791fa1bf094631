//! A database written by an older version, opened by this one: the pending migrations apply to the
//! rows already there (customers numbered, their rollup days carrying the numbers) and keep working.

use std::borrow::Cow;

use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};
use vitrina_store_sqlite::SqliteStore;

/// The migrations up to and including `version`.
fn migrator_up_to(version: i64) -> Migrator {
    let mut migrator = sqlx::migrate!("./migrations");
    migrator.migrations = Cow::Owned(migrator.migrations.iter().filter(|m| m.version <= version).cloned().collect());
    migrator
}

#[tokio::test]
async fn customer_numbers_reach_customers_and_rollups_already_stored() {
    let dir = std::env::temp_dir().join(format!("vitrina-upgrade-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("shop.db");
    let _ = std::fs::remove_file(&path);
    let options = SqliteConnectOptions::new().filename(&path).create_if_missing(true);
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    migrator_up_to(8).run(&mut conn).await.unwrap();
    for (id, email) in [("cust-b", "b@example.bg"), ("cust-a", "a@example.bg")] {
        sqlx::query("INSERT INTO customers (id, version, body, email) VALUES ($1, 1, '{}', $2)")
            .bind(id)
            .bind(email)
            .execute(&mut conn)
            .await
            .unwrap();
    }
    for (id, day) in
        [("cust-a", "2026-03-01"), ("cust-a", "2026-03-02"), ("cust-b", "2026-03-01"), ("guest", "2026-03-01")]
    {
        sqlx::query("INSERT INTO customer_days (customer_id, day, currency, orders, spent_minor) VALUES ($1, $2, 'EUR', 1, 500)")
            .bind(id)
            .bind(day)
            .execute(&mut conn)
            .await
            .unwrap();
    }
    conn.close().await.unwrap();

    let store = SqliteStore::open(&path).await.unwrap();
    store.close().await;
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    let numbers: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT id, number FROM customers ORDER BY number").fetch_all(&mut conn).await.unwrap();
    assert_eq!(numbers, [("cust-b".to_owned(), Some(1)), ("cust-a".to_owned(), Some(2))], "numbered in stored order");
    let days: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT customer_id, customer_number FROM customer_days ORDER BY customer_id, day")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    let expected = [("cust-a", Some(2)), ("cust-a", Some(2)), ("cust-b", Some(1)), ("guest", None)];
    assert_eq!(days, expected.map(|(id, number)| (id.to_owned(), number)), "an unknown customer has no number");

    sqlx::query("INSERT INTO customers (id, version, body, email) VALUES ('cust-c', 1, '{}', 'c@example.bg')")
        .execute(&mut conn)
        .await
        .unwrap();
    let next: i64 =
        sqlx::query_scalar("SELECT number FROM customers WHERE id = 'cust-c'").fetch_one(&mut conn).await.unwrap();
    assert_eq!(next, 3, "a customer registered after the upgrade takes the next number");
    conn.close().await.unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
