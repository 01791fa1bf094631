//! Criterion benchmark of checkout throughput: orders placed per second through `place_order_tx`
//! (order, card payment, stock hold and confirmation e-mail in one transaction), one at a time and
//! 16 at once, on SQLite (a WAL file and in memory) and on PostgreSQL when `VITRINA_POSTGRES_URL` is set.
//! Orders are numbered from the store's own sequence, so runs never clash on an existing database.
//! Each store is measured twice: its stock at the one default location, and spread over three
//! locations (the hold then reads and locks the variant's level at each before allocating).

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkGroup, Criterion, Throughput};
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use tokio::runtime::Runtime;
use vitrina::inventory::{MovementReason, MovementSource, StockLocation};
use vitrina::store::{Changes, OrderPlacement, StockChange, StockMove, Store};
use vitrina_store_postgres::PostgresStore;
use vitrina_store_sqlite::SqliteStore;
use vitrina_store_tests::fixtures::{Shop, VARIANT};

/// Orders placed together in the concurrent benchmark.
const CONCURRENT_ORDERS: usize = 16;

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
}

fn scratch_file(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}.db"));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// Plenty of mugs: at the default location, or also at two more locations when `spread`.
async fn stock(store: &Arc<dyn Store>, spread: bool) {
    store.set_stock(VARIANT, 1_000_000_000_000).await.expect("stock");
    if spread {
        for id in ["north", "south"] {
            store.save_location(&StockLocation::new(id, id)).await.expect("location");
            let mut changes = Changes::new();
            changes.stock.push(StockChange::Move(StockMove {
                location_id: id.into(),
                variant_id: VARIANT.into(),
                reason: MovementReason::Receipt,
                source: MovementSource::System,
                quantity: 1_000_000_000,
            }));
            store.commit(&changes).await.expect("receipt");
        }
    }
}

/// A PostgreSQL store on `schema` (created if missing) of the database at `url`.
async fn postgres(url: &str, schema: &str) -> Arc<dyn Store> {
    let mut admin = PgConnection::connect(url).await.expect("connect");
    sqlx::query(AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))).execute(&mut admin).await.unwrap();
    sqlx::query(AssertSqlSafe(format!("CREATE SCHEMA {schema}"))).execute(&mut admin).await.unwrap();
    let options = PgConnectOptions::from_str(url).expect("url").options([("search_path", schema)]);
    Arc::new(PostgresStore::open_with(options, 8).await.expect("postgres"))
}

/// The stores to measure, each stocked with plenty of mugs at one location and at three.
fn stores(rt: &Runtime) -> Vec<(String, Arc<dyn Store>)> {
    rt.block_on(async {
        let mut stores: Vec<(String, Arc<dyn Store>)> = Vec::new();
        for (locations, spread) in [("1_location", false), ("3_locations", true)] {
            let file = scratch_file(&format!("checkout_throughput_{locations}"));
            let mut some: Vec<(&str, Arc<dyn Store>)> = vec![
                ("sqlite_file", Arc::new(SqliteStore::open(file).await.expect("sqlite file"))),
                ("sqlite_memory", Arc::new(SqliteStore::in_memory().await.expect("sqlite memory"))),
            ];
            match std::env::var("VITRINA_POSTGRES_URL") {
                Ok(url) => some.push(("postgres", postgres(&url, &format!("bench_checkout_{locations}")).await)),
                Err(_) => eprintln!("VITRINA_POSTGRES_URL is not set: PostgreSQL not measured"),
            }
            for (name, store) in some {
                stock(&store, spread).await;
                stores.push((format!("{name}_{locations}"), store));
            }
        }
        stores
    })
}

/// `count` placements numbered from the store's sequence (built outside the timed section).
fn placements(rt: &Runtime, store: &Arc<dyn Store>, shop: &Shop, count: usize) -> Vec<OrderPlacement> {
    (0..count)
        .map(|_| {
            let sequence = rt.block_on(store.next_order_sequence(2026)).expect("sequence");
            shop.placement(sequence, Some("ana"), 1)
        })
        .collect()
}

fn one_at_a_time(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    rt: &Runtime,
    name: &str,
    store: &Arc<dyn Store>,
) {
    let shop = Shop::new();
    group.throughput(Throughput::Elements(1));
    group.bench_function(format!("{name}/one_at_a_time"), |b| {
        b.iter_batched(
            || placements(rt, store, &shop, 1).remove(0),
            |placement| rt.block_on(store.place_order_tx(&placement)).expect("placed"),
            BatchSize::SmallInput,
        )
    });
}

fn concurrently(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    rt: &Runtime,
    name: &str,
    store: &Arc<dyn Store>,
) {
    let shop = Shop::new();
    group.throughput(Throughput::Elements(CONCURRENT_ORDERS as u64));
    group.bench_function(format!("{name}/{CONCURRENT_ORDERS}_concurrent"), |b| {
        b.iter_batched(
            || placements(rt, store, &shop, CONCURRENT_ORDERS),
            |batch| {
                rt.block_on(async {
                    let tasks: Vec<_> = batch
                        .into_iter()
                        .map(|placement| {
                            let store = store.clone();
                            tokio::spawn(async move { store.place_order_tx(&placement).await })
                        })
                        .collect();
                    for task in tasks {
                        task.await.expect("task").expect("placed");
                    }
                })
            },
            BatchSize::SmallInput,
        )
    });
}

fn checkout_throughput(c: &mut Criterion) {
    let rt = runtime();
    let mut group = c.benchmark_group("place_order");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    for (name, store) in stores(&rt) {
        one_at_a_time(&mut group, &rt, &name, &store);
        concurrently(&mut group, &rt, &name, &store);
    }
    group.finish();
}

criterion_group!(benches, checkout_throughput);
criterion_main!(benches);
