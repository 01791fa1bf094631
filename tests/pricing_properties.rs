//! Property tests of the pricing invariants on random catalogs, carts, promotions and tax setups:
//! no negative figure, minor-unit scale everywhere, exact totals and shares, determinism.

use proptest::prelude::*;
use rust_decimal::Decimal;
use vitrina::cart::{Cart, CartLine, GiftWrap};
use vitrina::catalog::{Catalog, CatalogData, Product};
use vitrina::delivery::{PackagingKind, PackagingOption, ShippingMethod, ShippingRate};
use vitrina::money::{allocate_minor, Currency, Money, RoundingPolicy};
use vitrina::pricing::{PricedCart, Pricer, PricingContext, PricingRules};
use vitrina::promotion::{Action, Allocation, Conditions, Promotion, Selector, SpendTier};
use vitrina::tax::{TaxConfig, TaxRounding, TaxRule};

const CURRENCIES: [Currency; 3] = [Currency::EUR, Currency::JPY, Currency::KWD];
const RATES: [&str; 4] = ["0", "0.07", "0.2", "0.255"];

#[derive(Debug, Clone)]
struct Case {
    currency: Currency,
    prices: Vec<i64>,
    quantities: Vec<u32>,
    actions: Vec<(u8, i64, u8)>,
    include_tax: bool,
    per_total: bool,
    rate: usize,
    half_even: bool,
    shipping: Option<i64>,
    /// Prices of the gift wrap and the discreet box the cart asks for, when it does.
    packaging: (Option<i64>, Option<i64>),
}

fn case() -> impl Strategy<Value = Case> {
    (
        0..CURRENCIES.len(),
        prop::collection::vec((0i64..200_000, 1u32..12), 1..8),
        prop::collection::vec((0u8..9, 0i64..50_000, 0u8..8), 0..6),
        any::<bool>(),
        any::<bool>(),
        0..RATES.len(),
        any::<bool>(),
        prop::option::of(0i64..5_000),
        (prop::option::of(0i64..2_000), prop::option::of(0i64..500)),
    )
        .prop_map(|(currency, lines, actions, include_tax, per_total, rate, half_even, shipping, packaging)| {
            Case {
                currency: CURRENCIES[currency],
                prices: lines.iter().map(|l| l.0).collect(),
                quantities: lines.iter().map(|l| l.1).collect(),
                actions,
                include_tax,
                per_total,
                rate,
                half_even,
                shipping,
                packaging,
            }
        })
}

fn product(i: usize, currency: Currency, minor: i64) -> Product {
    let mut product =
        Product::simple(format!("p{i}"), format!("Product {i}"), format!("v{i}"), Money::from_minor(minor, currency));
    product.variants[0].weight_grams = 250;
    product
}

fn action(kind: u8, amount: Decimal, percent: Decimal, lines: usize, pick: u8) -> Action {
    let some = Selector { product_ids: vec![format!("p{}", pick as usize % lines)], ..Selector::default() };
    let allocation = [Allocation::EachUnit, Allocation::EachLine, Allocation::Across][pick as usize % 3];
    match kind {
        0 => Action::PercentOff { percent, target: Selector::default() },
        1 => Action::AmountOff {
            amount,
            target: Selector::default(),
            allocation,
            max_quantity: Some(u32::from(pick) + 1),
        },
        2 => Action::OrderAmountOff { amount },
        3 => Action::OrderPercentOff { percent },
        4 => Action::BuyXGetY {
            buy: Selector::default(),
            buy_quantity: u32::from(pick % 3) + 1,
            get: Selector::default(),
            get_quantity: 1,
            percent,
            max_applications: None,
        },
        5 => Action::FixedPrice {
            items: vec![vitrina::promotion::BundleItem { target: Selector::default(), quantity: 2 }],
            price: amount,
            max_applications: None,
        },
        6 => {
            Action::Tiered { tiers: vec![SpendTier { min_subtotal: Decimal::ZERO, amount_off: amount }], target: some }
        }
        7 => Action::FreeShipping,
        _ => Action::PercentOff { percent, target: some },
    }
}

fn price(case: &Case) -> (Pricer, Cart, PricingContext) {
    let currency = case.currency;
    let products = case.prices.iter().enumerate().map(|(i, &minor)| product(i, currency, minor)).collect();
    let catalog = Catalog::new(CatalogData { categories: vec![], products, price_lists: vec![] }).unwrap();
    let promotions = case
        .actions
        .iter()
        .enumerate()
        .map(|(n, &(kind, minor, pick))| Promotion {
            id: format!("promo{n}"),
            name: String::new(),
            priority: i32::from(pick % 3),
            exclusive: pick == 7,
            stackable: pick != 6,
            coupon_code: None,
            currency: Some(currency),
            conditions: Conditions::default(),
            action: action(kind, currency.from_minor(minor), Decimal::from(minor % 101), case.prices.len(), pick),
        })
        .collect();
    let shipping_methods = case
        .shipping
        .map(|minor| ShippingMethod {
            id: "ship".into(),
            name: "Ship".into(),
            currency,
            regions: vec![],
            tax_category: "standard".into(),
            rate: ShippingRate::Flat { amount: currency.from_minor(minor) },
            free_over: None,
        })
        .into_iter()
        .collect();
    let rules = PricingRules {
        promotions,
        tax: TaxConfig {
            prices_include_tax: case.include_tax,
            rounding: if case.per_total { TaxRounding::PerTotal } else { TaxRounding::PerLine },
            rules: vec![TaxRule {
                region: "XX".into(),
                tax_category: None,
                rate: RATES[case.rate].parse().unwrap(),
                name: String::new(),
            }],
        },
        shipping_methods,
        packaging: [(PackagingKind::GiftWrap, case.packaging.0), (PackagingKind::Discreet, case.packaging.1)]
            .into_iter()
            .filter_map(|(kind, price)| {
                Some(PackagingOption::new(kind, "Packaging", Money::from_minor(price?, currency)))
            })
            .collect(),
        rounding: if case.half_even { RoundingPolicy::HalfEven } else { RoundingPolicy::HalfAwayFromZero },
    };
    let cart = Cart {
        id: "cart".into(),
        currency,
        customer_id: None,
        lines: case
            .quantities
            .iter()
            .enumerate()
            .map(|(i, &quantity)| CartLine {
                id: format!("l{i}").into(),
                variant_id: format!("v{i}"),
                quantity,
                unit_price_at_add: None,
                note: None,
            })
            .collect(),
        coupons: vec![],
        gift_wrap: case.packaging.0.map(|_| GiftWrap { message: None }),
        discreet_packaging: case.packaging.1.is_some(),
        note: None,
    };
    let context = PricingContext {
        currency,
        region: Some("XX".into()),
        channel: None,
        customer_groups: vec![],
        customer_segments: vec![],
        now: "2026-11-23T12:00:00Z".parse().unwrap(),
        first_order: false,
        promotion_uses: Default::default(),
        shipping_method_id: case.shipping.map(|_| "ship".to_owned()),
    };
    (Pricer::new(catalog, rules).unwrap(), cart, context)
}

fn amounts(priced: &PricedCart) -> Vec<Decimal> {
    let t = &priced.totals;
    let mut all = vec![t.subtotal, t.discount_total, t.shipping_total, t.packaging_total, t.tax_total, t.grand_total];
    for p in &priced.packaging {
        all.extend([p.charge, p.tax, p.total]);
    }
    for line in &priced.lines {
        all.extend([line.unit_price, line.subtotal, line.discount, line.tax, line.total]);
    }
    if let Some(s) = &priced.shipping {
        all.extend([s.charge, s.discount, s.tax, s.total]);
    }
    for p in &priced.promotions {
        all.push(p.amount);
        all.push(p.shipping);
        all.extend(p.lines.iter().map(|l| l.amount));
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_figure_is_negative_and_every_figure_has_minor_scale(case in case()) {
        let (pricer, cart, context) = price(&case);
        let priced = pricer.price(&cart, &context).unwrap();
        for amount in amounts(&priced) {
            prop_assert!(!amount.is_sign_negative() || amount.is_zero(), "negative {amount}");
            prop_assert_eq!(amount.scale(), case.currency.minor_units(), "scale of {}", amount);
        }
    }

    #[test]
    fn totals_are_exact_sums(case in case()) {
        let (pricer, cart, context) = price(&case);
        let p = pricer.price(&cart, &context).unwrap();
        let sum = |f: &dyn Fn(&vitrina::pricing::PricedLine) -> Decimal| p.lines.iter().map(f).sum::<Decimal>();
        let shipping_total = p.shipping.as_ref().map_or(Decimal::ZERO, |s| s.total);
        let shipping_discount = p.shipping.as_ref().map_or(Decimal::ZERO, |s| s.discount);
        let packaging_total: Decimal = p.packaging.iter().map(|x| x.total).sum();
        prop_assert_eq!(p.totals.grand_total, sum(&|l| l.total) + shipping_total + packaging_total);
        prop_assert_eq!(p.totals.packaging_total, p.packaging.iter().map(|x| x.charge).sum::<Decimal>());
        let shipping_tax = p.shipping.as_ref().map_or(Decimal::ZERO, |s| s.tax);
        let packaging_tax: Decimal = p.packaging.iter().map(|x| x.tax).sum();
        prop_assert_eq!(p.totals.tax_total, sum(&|l| l.tax) + shipping_tax + packaging_tax);
        let asked = usize::from(case.packaging.0.is_some()) + usize::from(case.packaging.1.is_some());
        prop_assert_eq!(p.packaging.len(), asked);
        prop_assert_eq!(p.totals.subtotal, sum(&|l| l.subtotal));
        prop_assert_eq!(p.totals.discount_total, sum(&|l| l.discount) + shipping_discount);
        prop_assert_eq!(p.totals.discount_total, p.promotions.iter().map(|x| x.amount).sum::<Decimal>());
        for line in &p.lines {
            prop_assert!(line.discount <= line.subtotal);
            let net = line.subtotal - line.discount;
            prop_assert_eq!(line.total, if case.include_tax { net } else { net + line.tax });
        }
        for (i, line) in p.lines.iter().enumerate() {
            let shares: Decimal = p.promotions.iter().flat_map(|x| &x.lines).filter(|s| s.line as usize == i).map(|s| s.amount).sum();
            prop_assert_eq!(shares, line.discount);
        }
    }

    #[test]
    fn pricing_is_deterministic_and_json_round_trips(case in case()) {
        let (pricer, cart, context) = price(&case);
        let first = pricer.price(&cart, &context).unwrap();
        let second = pricer.price(&cart, &context).unwrap();
        prop_assert_eq!(&first, &second);
        let json = serde_json::to_string(&first).unwrap();
        let back: PricedCart = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &first);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn allocation_sums_exactly_and_stays_within_a_unit(total in -1_000_000i64..1_000_000, weights in prop::collection::vec(0i64..10_000, 1..12)) {
        let parts = allocate_minor(total, &weights).unwrap();
        prop_assert_eq!(parts.iter().sum::<i64>(), total);
        let sum: i128 = weights.iter().map(|&w| i128::from(w)).sum();
        for (part, &weight) in parts.iter().zip(&weights) {
            // |part - total * w / sum| < 1, compared exactly: |part * sum - total * w| < sum.
            let (weight, sum) = if sum == 0 { (1, weights.len() as i128) } else { (i128::from(weight), sum) };
            let gap = (i128::from(*part) * sum - i128::from(total) * weight).abs();
            prop_assert!(gap < sum, "part {} too far from {} * {} / {}", part, total, weight, sum);
        }
    }
}
