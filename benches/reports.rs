//! Criterion benchmark of the reports over a big shop: 100,000 customers and the rollup rows of
//! 1,000,000 orders of about 3 lines over two years, written as commands write them (each order's
//! day, line and customer rows added in its transaction, 1,000 orders a transaction here); then the
//! monthly summary, a quarter's top-100 products and one segment's member count ("spent at least
//! 200 EUR in the last 90 days") are timed, on SQLite (a file) and on PostgreSQL when
//! `VITRINA_POSTGRES_URL` is set. Under `cargo test` it seeds 5,000 orders only;
//! `VITRINA_REPORT_ORDERS` sets the count for `cargo bench`; `VITRINA_REPORT_REUSE=1` times the
//! queries again on the databases the last run seeded (on a quiet machine, say) without seeding;
//! `VITRINA_REPORT_STORES=postgres` (or `sqlite`) measures one database only. PostgreSQL's rollup
//! tables are vacuumed and analysed after seeding, as autovacuum does soon after a bulk load.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use jiff::civil::{date, Date};
use jiff::Span;
use serde_json::json;
use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, Connection, PgConnection};
use tokio::runtime::Runtime;
use vitrina::catalog::CatalogData;
use vitrina::customer::{Customer, NewCustomer};
use vitrina::money::Currency;
use vitrina::reports::{CustomerDay, CustomerSales, CustomerSegment, Period, SalesDay, VariantSalesDay};
use vitrina::shop::{Plugins, Shop};
use vitrina::store::{Changes, Store};
use vitrina_store_postgres::PostgresStore;
use vitrina_store_sqlite::SqliteStore;

/// Customers who place the orders (round robin).
const CUSTOMERS: u64 = 100_000;
/// Products in the catalog, each with two variants.
const PRODUCTS: u64 = 500;
/// Orders written per transaction while seeding.
const BATCH: u64 = 1_000;
/// The first day of the two years of orders.
const FIRST_DAY: Date = date(2025, 1, 1);
const DAYS: u64 = 730;
const METHODS: [&str; 5] = ["card", "bank_transfer", "cash_on_delivery", "wallet", "gift_card"];

fn order_count() -> u64 {
    let full = std::env::args().any(|arg| arg == "--bench");
    let default = if full { 1_000_000 } else { 5_000 };
    std::env::var("VITRINA_REPORT_ORDERS").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime")
}

/// Whether to time the queries on the last run's databases instead of seeding new ones.
fn reuse() -> bool {
    std::env::var("VITRINA_REPORT_REUSE").is_ok_and(|value| value == "1")
}

/// Whether `store` (`sqlite`, `postgres`) is among those to measure.
fn measured(store: &str) -> bool {
    std::env::var("VITRINA_REPORT_STORES").map_or(true, |stores| stores.split(',').any(|s| s.trim() == store))
}

fn scratch_file() -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("reports_bench.db");
    for suffix in ["", "-wal", "-shm"].into_iter().filter(|_| !reuse()) {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    path
}

/// A deterministic stream of pseudo-random numbers (xorshift), so every run seeds the same shop.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, sides: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % sides
    }
}

/// The rollup changes of order `n` of one of `customers`: its day row and 2 to 4 line rows, as the
/// projection writes them.
fn order_changes(n: u64, count: u64, customers: &[String], dice: &mut Dice, changes: &mut Changes) {
    let day = FIRST_DAY.checked_add(Span::new().days((n * DAYS / count) as i64)).expect("day");
    let currency = if dice.roll(10) == 0 { "BGN" } else { "EUR" };
    let mut items = 0;
    let mut subtotal = 0;
    let mut products = Vec::new();
    for _ in 0..2 + dice.roll(3) {
        let product = dice.roll(PRODUCTS);
        let units = 1 + dice.roll(3) as i64;
        let revenue = units * (300 + product as i64 * 7);
        items += units;
        subtotal += revenue;
        products.push((format!("p{product}"), units));
        changes.variant_sales.push(VariantSalesDay {
            day,
            currency: currency.into(),
            product_id: format!("p{product}"),
            variant_id: format!("p{product}-{}", dice.roll(2)),
            units,
            revenue_minor: revenue,
            returned_units: 0,
        });
    }
    let customer_id = customers[(n % customers.len() as u64) as usize].clone();
    changes.customer_sales.push(CustomerSales {
        customer_id: customer_id.clone(),
        currency: currency.into(),
        orders: 1,
        spent_minor: subtotal + 490,
        first_day: day,
        last_day: day,
    });
    changes.customer_days.push(CustomerDay {
        customer_id,
        day,
        currency: currency.into(),
        orders: 1,
        spent_minor: subtotal + 490,
        products,
    });
    changes.sales_days.push(SalesDay {
        day,
        currency: currency.into(),
        payment_method: METHODS[dice.roll(5) as usize].into(),
        channel: if dice.roll(3) == 0 { "app" } else { "web" }.into(),
        orders: 1,
        items,
        subtotal_minor: subtotal,
        shipping_minor: 490,
        total_minor: subtotal + 490,
        collected_minor: subtotal + 490,
        ..SalesDay::default()
    });
}

/// Registers the customers who place the orders (as stored documents); answers their ids.
async fn register_customers(store: &Arc<dyn Store>, count: u64) -> Vec<String> {
    let at = FIRST_DAY.to_zoned(jiff::tz::TimeZone::UTC).expect("day").timestamp();
    let mut ids = Vec::new();
    for batch in 0..count.min(CUSTOMERS).div_ceil(BATCH) {
        let mut changes = Changes::new();
        for n in batch * BATCH..((batch + 1) * BATCH).min(count.min(CUSTOMERS)) {
            let new = NewCustomer {
                email: format!("c{n:06}@example.com"),
                name: format!("Customer {n}"),
                phone: None,
                locale: "en".into(),
            };
            let customer = Customer::register(new, at).expect("customer");
            changes.save(&customer, 0).expect("document");
            ids.push(customer.id().to_owned());
        }
        store.commit(&changes).await.expect("customers");
    }
    ids
}

/// Writes the rollups of `count` orders; answers how long it took.
async fn seed(store: &Arc<dyn Store>, count: u64) -> Duration {
    let customers = register_customers(store, count).await;
    let started = Instant::now();
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut n = 0;
    while n < count {
        let mut changes = Changes::new();
        for _ in 0..BATCH.min(count - n) {
            order_changes(n, count, &customers, &mut dice, &mut changes);
            n += 1;
        }
        store.commit(&changes).await.expect("seed");
    }
    started.elapsed()
}

fn catalog() -> CatalogData {
    let products: Vec<_> = (0..PRODUCTS)
        .map(|p| {
            let variant =
                |v: u64| json!({"id": format!("p{p}-{v}"), "prices": [{"currency": "EUR", "amount": "3.00"}]});
            json!({"id": format!("p{p}"), "name": format!("Product {p}"), "variants": [variant(0), variant(1)]})
        })
        .collect();
    serde_json::from_value(json!({ "products": products })).expect("catalog")
}

async fn seeded_shop(name: &str, store: Arc<dyn Store>, count: u64) -> Shop {
    if !reuse() {
        let took = seed(&store, count).await;
        let rate = count as f64 / took.as_secs_f64();
        eprintln!("{name}: {count} orders' rollups written in {took:.1?} ({rate:.0} orders/s)");
    }
    let shop = Shop::new(store, Plugins::new());
    shop.catalog().publish(catalog()).await.expect("catalog");
    shop
}

/// A store on a new, empty schema of the database at `url` (dropped first if a run left it; kept
/// when reusing).
async fn fresh_postgres(url: &str) -> PostgresStore {
    let schema = "bench_reports";
    let mut admin = PgConnection::connect(url).await.expect("connect to VITRINA_POSTGRES_URL");
    let statements = match reuse() {
        true => vec![format!("CREATE SCHEMA IF NOT EXISTS {schema}")],
        false => vec![format!("DROP SCHEMA IF EXISTS {schema} CASCADE"), format!("CREATE SCHEMA {schema}")],
    };
    for statement in statements {
        sqlx::query(AssertSqlSafe(statement)).execute(&mut admin).await.expect("schema");
    }
    let options = PgConnectOptions::from_str(url).expect("url").options([("search_path", schema)]);
    PostgresStore::open_with(options, 4).await.expect("postgres")
}

/// Vacuums and analyses the seeded tables, as autovacuum does soon after a bulk load: the visibility
/// map lets index-only scans skip the heap, and the planner sees the tables' real sizes.
async fn vacuum_postgres(url: &str) {
    let options = PgConnectOptions::from_str(url).expect("url").options([("search_path", "bench_reports")]);
    let mut conn = PgConnection::connect_with(&options).await.expect("connect");
    let tables = "customers, customer_days, customer_sales, customer_products, sales_days, sales_variant_days, \
                  sales_variant_months";
    sqlx::query(AssertSqlSafe(format!("VACUUM (ANALYZE) {tables}"))).execute(&mut conn).await.expect("vacuum");
}

fn measure(c: &mut Criterion, rt: &Runtime, name: &str, shop: &Shop) {
    let mut group = c.benchmark_group(format!("reports_{name}"));
    group.sample_size(20);
    group.bench_function("monthly_summary", |b| {
        b.iter(|| {
            rt.block_on(shop.reports().sales_report(date(2026, 5, 1), date(2026, 6, 1), Period::Month))
                .expect("summary")
        })
    });
    group.bench_function("top_100_products_of_a_quarter", |b| {
        b.iter(|| {
            rt.block_on(shop.reports().products(date(2026, 4, 1), date(2026, 7, 1), Currency::EUR, 100))
                .expect("products")
        })
    });
    let segment: CustomerSegment = serde_json::from_value(json!({
        "id": "big-spenders", "name": "Spent 200 EUR in 90 days",
        "rules": [{"rule": "spent_at_least", "amount": "200.00 EUR", "days": 90}],
    }))
    .expect("segment");
    let today = date(2026, 6, 30);
    let members = rt.block_on(shop.store().segment_size(&segment, today)).expect("segment");
    eprintln!("{name}: {members} customers spent at least 200 EUR in the 90 days to {today}");
    group.bench_function("segment_member_count", |b| {
        b.iter(|| rt.block_on(shop.store().segment_size(&segment, today)).expect("segment"))
    });
    group.finish();
}

fn reports(c: &mut Criterion) {
    let rt = runtime();
    let count = order_count();
    if measured("sqlite") {
        let file = scratch_file();
        let sqlite: Arc<dyn Store> = Arc::new(rt.block_on(SqliteStore::open(&file)).expect("sqlite"));
        let shop = rt.block_on(seeded_shop("sqlite_file", sqlite, count));
        let size: u64 = ["", "-wal"]
            .iter()
            .filter_map(|suffix| std::fs::metadata(format!("{}{suffix}", file.display())).ok())
            .map(|meta| meta.len())
            .sum();
        eprintln!("sqlite_file: database {:.1} MB", size as f64 / 1e6);
        measure(c, &rt, "sqlite_file", &shop);
    }
    match std::env::var("VITRINA_POSTGRES_URL").ok().filter(|url| !url.is_empty() && measured("postgres")) {
        Some(url) => {
            let store: Arc<dyn Store> = Arc::new(rt.block_on(fresh_postgres(&url)));
            let shop = rt.block_on(seeded_shop("postgres", store, count));
            rt.block_on(vacuum_postgres(&url));
            measure(c, &rt, "postgres", &shop);
        }
        None => eprintln!("VITRINA_POSTGRES_URL is not set: PostgreSQL not measured"),
    }
}

criterion_group!(benches, reports);
criterion_main!(benches);
