//! How many heap allocations one pricing makes, counted by a global allocator that wraps the system
//! one. The bounds fail the test when pricing starts allocating per line or per promotion again.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use rust_decimal::Decimal;
use vitrina::cart::{Cart, CartLine};
use vitrina::catalog::{Catalog, CatalogData, Product};
use vitrina::money::{Currency, Money};
use vitrina::pricing::{Pricer, PricingContext, PricingRules};
use vitrina::promotion::{Action, Allocation, Conditions, Promotion, RequiredItems, Selector, SpendTier};
use vitrina::tax::{TaxConfig, TaxRule};

/// The system allocator, counting the allocations made on each thread.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count_one() {
    // `try_with` so an allocation while the thread is torn down is not counted rather than a panic.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is forwarded unchanged to `System`; counting touches no allocated memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: `ptr` was allocated by `System` with `layout`, as the caller guarantees.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`, as the caller guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations (and reallocations) made on this thread while `f` runs.
fn allocations<T>(f: impl FnOnce() -> T) -> (u64, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = f();
    (ALLOCATIONS.with(Cell::get) - before, value)
}

fn cents(minor: i64) -> Decimal {
    Currency::EUR.from_minor(minor)
}

fn catalog(lines: usize) -> Catalog {
    let products = (0..lines)
        .map(|i| {
            let price = Money::from_minor(((i as i64 * 37) % 9999) + 99, Currency::EUR);
            Product::simple(format!("p{i}"), format!("Product {i}"), format!("v{i}"), price)
        })
        .collect();
    Catalog::new(CatalogData { categories: vec![], products, price_lists: vec![] }).expect("valid catalog")
}

fn cart(lines: usize, coupons: Vec<String>) -> Cart {
    let mut cart = Cart::new(Currency::EUR, None);
    cart.lines = (0..lines)
        .map(|i| CartLine {
            id: format!("l{i}"),
            variant_id: format!("v{i}"),
            quantity: (i as u32 % 5) + 1,
            unit_price_at_add: None,
            note: None,
        })
        .collect();
    cart.coupons = coupons;
    cart
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
    let tax = TaxConfig {
        rules: vec![TaxRule {
            region: "DE".into(),
            tax_category: None,
            rate: "0.20".parse().unwrap(),
            name: "VAT".into(),
        }],
        ..TaxConfig::default()
    };
    PricingRules { promotions, tax, ..PricingRules::default() }
}

fn basic_promotions() -> Vec<Promotion> {
    let each_line = Action::AmountOff {
        amount: cents(50),
        target: Selector::default(),
        allocation: Allocation::EachLine,
        max_quantity: None,
    };
    vec![
        promotion("ten-percent", 1, Action::PercentOff { percent: Decimal::TEN, target: Selector::default() }),
        promotion("fifty-cents", 2, each_line),
    ]
}

/// The benchmark's 20 promotions of every kind, 5 behind coupons.
fn busy_promotions() -> Vec<Promotion> {
    let some = |from: usize| Selector {
        product_ids: (from..from + 10).map(|i| format!("p{i}")).collect(),
        ..Selector::default()
    };
    (0..20usize)
        .map(|k| {
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
                _ => Action::Tiered {
                    tiers: vec![
                        SpendTier { min_subtotal: cents(10_000), amount_off: cents(1_000) },
                        SpendTier { min_subtotal: cents(50_000), amount_off: cents(3_000) },
                    ],
                    target: Selector::default(),
                },
            };
            let mut p = promotion(&format!("promo-{k:02}"), k as i32, action);
            if k % 4 == 0 {
                p.coupon_code = Some(format!("CODE{k}"));
            }
            if k % 5 == 1 {
                p.conditions.required_items = vec![RequiredItems { target: some(0), min_quantity: 2 }];
            }
            p
        })
        .collect()
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

/// Allocations of one pricing of `cart` (after a first pricing, so one-time work is not counted).
fn allocations_per_pricing(pricer: &Pricer, cart: &Cart) -> u64 {
    let context = context();
    pricer.price(cart, &context).expect("priced");
    let (count, priced) = allocations(|| pricer.price(cart, &context).expect("priced"));
    assert_eq!(priced.lines.len(), cart.lines.len());
    count
}

/// The allocations a pricing cannot avoid: the priced cart's own `String`s (the line, variant and
/// product id of each line, the cart id, and four per applied promotion) and its vectors.
fn floor(lines: u64, applied: u64) -> u64 {
    3 * lines + 1 + 5 * applied + 4
}

#[test]
fn pricing_allocates_a_bounded_number_of_times() {
    // Room over the output's own allocations: a few scratch buffers per pricing, and for the busy
    // cart what its buy-x-get-y and across splits need. Before the scratch buffers were shared the
    // counts were 22, 329, 3035 and 571.
    let mut counts = Vec::new();
    for lines in [1usize, 100, 1000] {
        let pricer = Pricer::new(catalog(lines), rules(basic_promotions())).expect("valid rules");
        let count = allocations_per_pricing(&pricer, &cart(lines, vec![]));
        counts.push((format!("{lines} lines, 2 promotions"), count, floor(lines as u64, 2), 8));
    }
    let pricer = Pricer::new(catalog(100), rules(busy_promotions())).expect("valid rules");
    let coupons = (0..20).step_by(4).map(|k| format!("CODE{k}")).collect();
    let count = allocations_per_pricing(&pricer, &cart(100, coupons));
    counts.push(("100 lines, 20 promotions, 5 coupons".to_owned(), count, floor(100, 20), 56));
    for (case, count, floor, _) in &counts {
        eprintln!("{case}: {count} allocations (the output alone needs about {floor})");
    }
    for (case, count, floor, room) in counts {
        let bound = floor + room;
        assert!(count <= bound, "{case}: {count} allocations, expected at most {bound}");
    }
}
