//! Test fixtures: orders of a given total placed through the public API, and times.

use std::sync::atomic::{AtomicU64, Ordering};

use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;
use vitrina_core::cart::{Cart, CartLine};
use vitrina_core::catalog::{Catalog, CatalogData, Price, Product, Variant};
use vitrina_core::delivery::Address;
use vitrina_core::event::Actor;
use vitrina_core::money::Currency;
use vitrina_core::order::PaymentMethod;
use vitrina_core::order::{ContactDetails, DeliveryDetails};
use vitrina_core::order::{Order, OrderDraft, OrderNumber};
use vitrina_core::pricing::{Pricer, PricingContext, PricingRules};

static NEXT_NUMBER: AtomicU64 = AtomicU64::new(1);

/// `days` after 2026-03-01 10:00 UTC.
pub(crate) fn at_days(days: i64) -> Timestamp {
    "2026-03-01T10:00:00Z".parse::<Timestamp>().expect("valid") + SignedDuration::from_hours(24 * days)
}

/// `minor` euro cents.
pub(crate) use vitrina_core::test_util::eur;

/// An order of one item costing `total_minor` cents (no tax, no shipping), paid by `method`, placed
/// at `at_days(0)` with the next order number.
pub(crate) fn order(method: PaymentMethod, total_minor: i64) -> Order {
    let sequence = NEXT_NUMBER.fetch_add(1, Ordering::Relaxed);
    let variant = Variant {
        id: "item".to_owned(),
        sku: None,
        options: Default::default(),
        prices: vec![Price { currency: Currency::EUR, amount: Decimal::new(total_minor, 2), min_quantity: 1 }],
        weight_grams: 100,
        stock: None,
        backorder: false,
        preorder: false,
        backorder_limit: None,
        expected_on: None,
    };
    let product = Product {
        id: "item".to_owned(),
        name: "Item".to_owned(),
        description: String::new(),
        category_ids: vec![],
        options: vec![],
        option_rules: vec![],
        variants: vec![variant],
        featured: false,
        tax_category: "standard".to_owned(),
    };
    let catalog = Catalog::new(CatalogData { products: vec![product], ..Default::default() }).expect("catalog");
    let pricer = Pricer::new(catalog, PricingRules::default()).expect("pricer");
    let mut cart = Cart::new(Currency::EUR, Some("c1".to_owned()));
    cart.lines =
        vec![CartLine { id: "l1".into(), variant_id: "item".into(), quantity: 1, unit_price_at_add: None, note: None }];
    let context = PricingContext {
        currency: Currency::EUR,
        region: None,
        channel: None,
        customer_groups: vec![],
        customer_segments: vec![],
        now: at_days(0),
        first_order: false,
        promotion_uses: Default::default(),
        shipping_method_id: None,
    };
    let priced = pricer.price(&cart, &context).expect("prices");
    let draft = OrderDraft {
        number: OrderNumber::new("VT", 2026, sequence).expect("number"),
        customer_id: Some("c1".to_owned()),
        contact: ContactDetails::new("ana@example.bg", None).expect("contact"),
        delivery: DeliveryDetails::new(
            Address {
                recipient: "Ana Petrova".to_owned(),
                line1: "ul. Vitosha 1".to_owned(),
                line2: None,
                city: "Sofia".to_owned(),
                postal_code: "1000".to_owned(),
                region: None,
                country: "BG".to_owned(),
            },
            "courier",
            method,
        ),
        cart,
        context,
        priced,
    };
    Order::place(draft, Actor::Shopper { customer_id: Some("c1".to_owned()) }, at_days(0)).expect("placed")
}
