//! Crash safety: a child process (this test executable, re-run with an environment variable) places
//! orders in a loop (each with its payment, stock hold and 20 outbox e-mails in one transaction) and
//! is killed with SIGKILL mid-stream; the reopened file holds only whole placements.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use sqlx::{Connection, SqliteConnection};
use vitrina_core::notify::OutboxEntry;
use vitrina_core::store::{OrderRepository, PaymentRepository, PlaceOrder, StockRepository};
use vitrina_store_sqlite::SqliteStore;
use vitrina_store_tests::fixtures::{email, now, Shop, VARIANT};

/// Set in the child: the database file to place orders into.
const CHILD_DB: &str = "VITRINA_CRASH_CHILD_DB";
/// E-mails queued with each order, to make every transaction long enough to be cut.
const EMAILS_PER_ORDER: usize = 20;
/// Orders the child must report before it is killed.
const ORDERS_BEFORE_KILL: usize = 5;

/// In the child only: places orders until killed. A no-op in a normal test run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child_places_orders_until_killed() {
    let Ok(path) = std::env::var(CHILD_DB) else { return };
    let store = SqliteStore::open(path).await.unwrap();
    let shop = Shop::new();
    for sequence in 1.. {
        let mut placement = shop.placement(sequence, Some("ana"), 1);
        let order_id = placement.order.id().to_owned();
        let extra = (1..EMAILS_PER_ORDER).map(|i| OutboxEntry::new(email(&format!("<{order_id}-{i}@shop>")), now()));
        placement.outbox.extend(extra);
        store.place_order_tx(&placement).await.unwrap();
        println!("placed {sequence}");
    }
}

fn database_file() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("vitrina-store-sqlite");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("crash-{}.db", std::process::id()));
    remove_database(&path);
    path
}

fn remove_database(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

/// Runs the child on `path` until it has placed a few orders, then SIGKILLs it mid-placement.
fn run_and_kill_child(path: &PathBuf) -> usize {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child_places_orders_until_killed", "--nocapture", "--test-threads=1"])
        .env(CHILD_DB, path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader stays open until the child is dead, so the child never sees a broken pipe.
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let lines = (&mut output).lines().map_while(Result::ok);
    let placed = lines.filter(|line| line.starts_with("placed ")).take(ORDERS_BEFORE_KILL).count();
    std::thread::sleep(Duration::from_millis(3));
    child.kill().unwrap(); // SIGKILL on Unix: no destructor, no rollback, no checkpoint
    child.wait().unwrap();
    placed
}

async fn count(conn: &mut SqliteConnection, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(conn).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_mid_placement_leaves_only_whole_orders() {
    let path = database_file();
    let store = SqliteStore::open(&path).await.unwrap();
    store.set_stock(VARIANT, 1_000_000).await.unwrap();
    store.close().await;
    assert_eq!(run_and_kill_child(&path), ORDERS_BEFORE_KILL, "the child never got going");

    let store = SqliteStore::open(&path).await.unwrap();
    let orders = store.orders_of_customer("ana").await.unwrap();
    assert!(orders.len() >= ORDERS_BEFORE_KILL);
    for order in &orders {
        assert_eq!(store.payments_of_order(order.value.id()).await.unwrap().len(), 1);
    }
    let reserved = store.stock_level(VARIANT).await.unwrap().unwrap().reserved;
    assert_eq!(reserved, orders.len() as u64, "one unit held per stored order, none for a lost one");
    store.close().await;

    let mut conn = SqliteConnection::connect(&format!("sqlite://{}", path.display())).await.unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await.unwrap();
    assert_eq!(integrity, "ok");
    let stored = orders.len() as i64;
    assert_eq!(count(&mut conn, "SELECT COUNT(*) FROM orders").await, stored);
    assert_eq!(count(&mut conn, "SELECT COUNT(*) FROM payments").await, stored);
    assert_eq!(count(&mut conn, "SELECT COUNT(*) FROM stock_reservations").await, stored);
    assert_eq!(count(&mut conn, "SELECT COUNT(*) FROM outbox").await, stored * EMAILS_PER_ORDER as i64);
    conn.close().await.unwrap();
    remove_database(&path);
}
