//! The carts and rules the pricing benchmark and the allocation test share: `lines` products with a
//! price and weight, a cart of them, a VAT rule, and two promotion sets (two plain promotions, or 20
//! of every kind with 5 behind coupons).

use rust_decimal::Decimal;
use vitrina::cart::{Cart, CartLine};
use vitrina::catalog::{Catalog, CatalogData, Product};
use vitrina::money::{Currency, Money};
use vitrina::pricing::{PricingContext, PricingRules};
use vitrina::promotion::{Action, Allocation, Conditions, Promotion, RequiredItems, Selector, SpendTier};
use vitrina::tax::{TaxConfig, TaxRule};

pub fn cents(minor: i64) -> Decimal {
    Currency::EUR.from_minor(minor)
}

pub fn catalog(lines: usize) -> Catalog {
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

pub fn cart(lines: usize, coupons: Vec<String>) -> Cart {
    let mut cart = Cart::new(Currency::EUR, None);
    cart.lines = (0..lines)
        .map(|i| CartLine {
            id: format!("l{i}").into(),
            variant_id: format!("v{i}"),
            quantity: (i as u32 % 5) + 1,
            unit_price_at_add: None,
            note: None,
        })
        .collect();
    cart.coupons = coupons;
    cart
}

pub fn promotion(id: &str, priority: i32, action: Action) -> Promotion {
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

pub fn rules(promotions: Vec<Promotion>) -> PricingRules {
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

pub fn basic_promotions() -> Vec<Promotion> {
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
pub fn busy_promotions() -> Vec<Promotion> {
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

pub fn context() -> PricingContext {
    PricingContext {
        currency: Currency::EUR,
        region: Some("DE".into()),
        channel: None,
        customer_groups: vec![],
        customer_segments: vec![],
        now: "2026-11-23T12:00:00Z".parse().unwrap(),
        first_order: false,
        promotion_uses: Default::default(),
        shipping_method_id: None,
    }
}
