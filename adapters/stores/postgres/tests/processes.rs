//! Two OS processes running one shop on one PostgreSQL database at the same time: each places
//! orders for the last units and runs the due work, and between them every job is done once and no
//! unit is sold twice. Needs `VITRINA_POSTGRES_URL` (`source scripts/postgres.sh`).

use std::process::{Command, Stdio};
use std::str::FromStr;
use std::sync::Arc;

use jiff::SignedDuration;
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use vitrina_core::order::PaymentMethod;
use vitrina_core::shop::{Plugins, ShopError};
use vitrina_core::store::{Store, StoreError};
use vitrina_store_postgres::PostgresStore;
use vitrina_store_tests::fixtures::{now, VARIANT};
use vitrina_store_tests::shop::{buy, open_shop};

/// The environment variable telling a child process which schema to work in.
const SCHEMA_VAR: &str = "VITRINA_WORKER_SCHEMA";
/// Purchases each worker attempts (two workers want more than the shelf holds).
const ATTEMPTS_PER_WORKER: u32 = 8;
/// Bank-transfer orders placed before the workers start (each is due one reminder).
const WAITING_ORDERS: u32 = 3;

async fn store_in(url: &str, schema: &str) -> Arc<dyn Store> {
    let options = PgConnectOptions::from_str(url).unwrap().options([("search_path", schema)]);
    Arc::new(PostgresStore::open_with(options, 4).await.unwrap())
}

/// One worker: buys one mug at a time until the shelf is empty, and runs the due work of day 3.
/// Prints `placed=N reminders=M` for the parent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn worker() {
    let (Ok(url), Ok(schema)) = (std::env::var("VITRINA_POSTGRES_URL"), std::env::var(SCHEMA_VAR)) else { return };
    let store = store_in(&url, &schema).await;
    let clock = Arc::new(vitrina_core::shop::ManualClock::new(now()));
    let shop = vitrina_core::shop::Shop::with_clock(store, Plugins::new(), clock);
    let mut placed = 0;
    let mut reminders = 0;
    for attempt in 0..ATTEMPTS_PER_WORKER {
        match buy(&shop, &format!("w{}-{attempt}@example.bg", std::process::id()), 1, PaymentMethod::Card).await {
            Ok(_) => placed += 1,
            Err(ShopError::Store(StoreError::InsufficientStock { .. })) => {}
            Err(ShopError::Cart(vitrina_core::cart::CartError::InsufficientStock { .. })) => {}
            Err(other) => panic!("unexpected: {other:?}"),
        }
        if attempt % 3 == 0 {
            reminders += shop.run_due(now() + SignedDuration::from_hours(72)).await.unwrap().reminders.len();
        }
    }
    reminders += shop.run_due(now() + SignedDuration::from_hours(72)).await.unwrap().reminders.len();
    println!("WORKER placed={placed} reminders={reminders}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_do_each_job_once_and_never_oversell() {
    let Ok(url) = std::env::var("VITRINA_POSTGRES_URL") else {
        assert!(std::env::var_os("CI").is_none(), "VITRINA_POSTGRES_URL is not set: `source scripts/postgres.sh`");
        return;
    };
    if std::env::var_os(SCHEMA_VAR).is_some() {
        return;
    }
    let schema = format!("p_{}", uuid::Uuid::now_v7().simple());
    let mut admin = PgConnection::connect(&url).await.unwrap();
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(&mut admin).await.unwrap();
    admin.close().await.unwrap();
    let store = store_in(&url, &schema).await;
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let month = SignedDuration::from_hours(30 * 24);
    shop.admin()
        .update(|settings| {
            settings.reservation_hold = month; // held stock outlives the due work of day 3
            Ok(())
        })
        .await
        .unwrap();
    for n in 0..WAITING_ORDERS {
        buy(&shop, &format!("waiting{n}@example.bg"), 1, PaymentMethod::BankTransfer).await.unwrap();
    }

    let spawn = || {
        Command::new(std::env::current_exe().unwrap())
            .args(["worker", "--exact", "--nocapture", "--test-threads=1"])
            .env(SCHEMA_VAR, &schema)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let workers = [spawn(), spawn()];
    let (mut placed, mut reminders) = (0, 0);
    for worker in workers {
        let output = worker.wait_with_output().unwrap();
        assert!(output.status.success(), "a worker failed");
        let text = String::from_utf8(output.stdout).unwrap();
        let report = text.split_once("WORKER ").map(|(_, rest)| rest.lines().next().unwrap_or_default());
        let report = report.unwrap_or_else(|| panic!("no worker report in {text}"));
        for field in report.split_whitespace() {
            let (key, value) = field.split_once('=').unwrap();
            let value: usize = value.parse().unwrap();
            match key {
                "placed" => placed += value,
                _ => reminders += value,
            }
        }
    }
    let shelf = 10 - WAITING_ORDERS as usize;
    assert_eq!(placed, shelf, "the workers sold exactly what was left on the shelf");
    let level = store.stock_level(VARIANT).await.unwrap().unwrap();
    assert_eq!((level.on_hand, level.reserved), (10, 10), "nothing sold twice");
    assert_eq!(reminders, WAITING_ORDERS as usize, "each waiting order reminded once, by one of the workers");
    let outbox = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 1000).await.unwrap();
    let sent = outbox.iter().filter(|e| e.message.message_id().starts_with("<payment_reminder.")).count();
    assert_eq!(sent, WAITING_ORDERS as usize, "one reminder e-mail per order");
}
