//! Criterion benchmarks of cart pricing: carts of 1 to 1000 lines with tax, a percentage and a fixed
//! line promotion, and a 100-line cart against 20 promotions and 5 coupons; and of cart edits: adding
//! 10,000 lines one by one.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vitrina::cart::Cart;
use vitrina::money::Currency;
use vitrina::pricing::Pricer;

#[path = "../tests/support/pricing_carts.rs"]
mod pricing_carts;
use pricing_carts::{basic_promotions, busy_promotions, cart, catalog, context, rules};

fn price_carts(c: &mut Criterion) {
    let mut group = c.benchmark_group("price_cart");
    let context = context();
    for lines in [1usize, 10, 100, 1000] {
        let pricer = Pricer::new(catalog(lines), rules(basic_promotions())).expect("valid rules");
        let cart = cart(lines, vec![]);
        group.throughput(Throughput::Elements(lines as u64));
        group.bench_with_input(BenchmarkId::from_parameter(lines), &cart, |b, cart| {
            b.iter(|| pricer.price(black_box(cart), black_box(&context)).expect("priced"))
        });
    }
    group.finish();
    let pricer = Pricer::new(catalog(100), rules(busy_promotions())).expect("valid rules");
    let coupons = (0..20).step_by(4).map(|k| format!("CODE{k}")).collect();
    let cart = cart(100, coupons);
    c.bench_function("price_cart_100_lines_20_promotions_5_coupons", |b| {
        b.iter(|| pricer.price(black_box(&cart), black_box(&context)).expect("priced"))
    });
}

/// Adds 10,000 lines of different variants to an empty cart, one `add_line` call each: on the cart
/// itself (a scan of the lines per call) and through a `CartEditor` (an index of the lines).
fn add_lines(c: &mut Criterion) {
    const LINES: usize = 10_000;
    let catalog = catalog(LINES);
    let variants: Vec<String> = (0..LINES).map(|i| format!("v{i}")).collect();
    let mut group = c.benchmark_group("cart_add_line");
    group.sample_size(10);
    group.throughput(Throughput::Elements(LINES as u64));
    group.bench_function(BenchmarkId::from_parameter(LINES), |b| {
        b.iter(|| {
            let mut cart = Cart::new(Currency::EUR, None);
            for variant in &variants {
                cart.add_line(&catalog, black_box(variant), 1, None).expect("added");
            }
            cart
        })
    });
    group.finish();
    let mut group = c.benchmark_group("cart_editor_add_line");
    group.sample_size(10);
    group.throughput(Throughput::Elements(LINES as u64));
    group.bench_function(BenchmarkId::from_parameter(LINES), |b| {
        b.iter(|| {
            let mut cart = Cart::new(Currency::EUR, None);
            let mut editor = cart.editor();
            for variant in &variants {
                editor.add_line(&catalog, black_box(variant), 1, None).expect("added");
            }
            cart
        })
    });
    group.finish();
}

criterion_group!(benches, price_carts, add_lines);
criterion_main!(benches);
