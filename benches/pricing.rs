//! Criterion benchmarks of cart pricing: carts of 1 to 1000 lines with tax, a percentage and a fixed
//! line promotion, and a 100-line cart against 20 promotions and 5 coupons; and of cart edits: adding
//! 10,000 lines one by one.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rust_decimal::Decimal;
use vitrina::cart::{Cart, CartLine};
use vitrina::catalog::{Catalog, CatalogData, Product};
use vitrina::money::{Currency, Money};
use vitrina::pricing::{Pricer, PricingContext, PricingRules};
use vitrina::promotion::{Action, Allocation, Conditions, Promotion, RequiredItems, Selector};
use vitrina::tax::{TaxConfig, TaxRule};

fn cents(minor: i64) -> Decimal {
    Currency::EUR.from_minor(minor)
}

fn catalog(lines: usize) -> Catalog {
    let products = (0..lines)
        .map(|i| {
            let price = Money::from_minor(((i as i64 * 37) % 9999) + 99, Currency::EUR);
            let mut product = Product::simple(format!("p{i}"), format!("Product {i}"), format!("v{i}"), price);
            product.variants[0].weight_grams = 100;
            product
        })
        .collect();
    Catalog::new(CatalogData { categories: vec![], products, price_lists: vec![] }).expect("valid catalog")
}

fn cart(lines: usize, coupons: Vec<String>) -> Cart {
    Cart {
        id: "bench".into(),
        currency: Currency::EUR,
        customer_id: None,
        lines: (0..lines)
            .map(|i| CartLine {
                id: format!("l{i}"),
                variant_id: format!("v{i}"),
                quantity: (i as u32 % 5) + 1,
                unit_price_at_add: None,
                note: None,
            })
            .collect(),
        coupons,
        gift_wrap: None,
        discreet_packaging: false,
        note: None,
    }
}

fn promotion(id: &str, priority: i32, action: Action) -> Promotion {
    Promotion {
        id: id.into(),
        name: id.into(),
        priority,
        exclusive: false,
        stackable: true,
        coupon_code: None,
        currency: Some(Currency::EUR),
        conditions: Conditions::default(),
        action,
    }
}

fn rules(promotions: Vec<Promotion>) -> PricingRules {
    PricingRules {
        promotions,
        tax: TaxConfig {
            rules: vec![TaxRule {
                region: "DE".into(),
                tax_category: None,
                rate: "0.20".parse().unwrap(),
                name: "VAT".into(),
            }],
            ..TaxConfig::default()
        },
        shipping_methods: vec![],
        packaging: vec![],
        rounding: Default::default(),
    }
}

fn basic_promotions() -> Vec<Promotion> {
    vec![
        promotion("ten-percent", 1, Action::PercentOff { percent: Decimal::TEN, target: Selector::default() }),
        promotion(
            "fifty-cents",
            2,
            Action::AmountOff {
                amount: cents(50),
                target: Selector::default(),
                allocation: Allocation::EachLine,
                max_quantity: None,
            },
        ),
    ]
}

/// 20 promotions of every kind, 5 of them behind coupons, some targeting subsets of the cart.
fn busy_promotions() -> Vec<Promotion> {
    let some = |from: usize| Selector {
        product_ids: (from..from + 10).map(|i| format!("p{i}")).collect(),
        ..Selector::default()
    };
    let mut promotions = Vec::new();
    for k in 0..20 {
        let action = match k % 7 {
            0 => Action::PercentOff { percent: Decimal::from(5), target: some(k * 4) },
            1 => Action::AmountOff {
                amount: cents(20),
                target: some(k * 3),
                allocation: Allocation::EachUnit,
                max_quantity: Some(2),
            },
            2 => Action::OrderPercentOff { percent: Decimal::ONE },
            3 => Action::BuyXGetY {
                buy: some(k),
                buy_quantity: 2,
                get: some(k),
                get_quantity: 1,
                percent: Decimal::from(50),
                max_applications: Some(3),
            },
            4 => Action::OrderAmountOff { amount: cents(300) },
            5 => Action::AmountOff {
                amount: cents(500),
                target: some(k * 2),
                allocation: Allocation::Across,
                max_quantity: None,
            },
            _ => Action::Tiered { tiers: vec![], target: Selector::default() },
        };
        let action = match action {
            Action::Tiered { .. } => Action::Tiered {
                tiers: vec![
                    vitrina::promotion::SpendTier { min_subtotal: cents(10_000), amount_off: cents(1_000) },
                    vitrina::promotion::SpendTier { min_subtotal: cents(50_000), amount_off: cents(3_000) },
                ],
                target: Selector::default(),
            },
            other => other,
        };
        let mut p = promotion(&format!("promo-{k:02}"), k as i32, action);
        if k % 4 == 0 {
            p.coupon_code = Some(format!("CODE{k}"));
        }
        if k % 5 == 1 {
            p.conditions.required_items = vec![RequiredItems { target: some(0), min_quantity: 2 }];
        }
        promotions.push(p);
    }
    promotions
}

fn context() -> PricingContext {
    PricingContext {
        currency: Currency::EUR,
        region: Some("DE".into()),
        channel: None,
        customer_groups: vec![],
        now: "2026-11-23T12:00:00Z".parse().unwrap(),
        first_order: false,
        promotion_uses: Default::default(),
        shipping_method_id: None,
    }
}

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
