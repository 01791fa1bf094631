//! Test fixtures for orders and checkout: a two-product catalog, a flat-rate courier, a cart of one
//! tee (20.00 EUR) and two mugs (9.80 EUR) that prices to 44.50 EUR with shipping, and placed orders.

use rust_decimal::Decimal;

use super::{Order, OrderDraft, OrderNumber};
use crate::cart::{Cart, CartLine};
use crate::catalog::{Catalog, CatalogData, Price, Product, Variant};
use crate::delivery::Address;
use crate::delivery::{ShippingMethod, ShippingRate};
use crate::event::Actor;
use crate::money::Currency;
use crate::order::PaymentMethod;
use crate::order::{ContactDetails, DeliveryDetails};
use crate::pricing::{Pricer, PricingContext, PricingRules};

/// The tee's cart line id.
pub(crate) const TEE_LINE: &str = "line-tee";
/// The mugs' cart line id.
pub(crate) const MUG_LINE: &str = "line-mug";

pub(crate) use crate::test_util::at;

/// `minor` euro cents.
pub(crate) use crate::test_util::eur;

fn product(id: &str, minor: i64, stock: Option<u32>) -> Product {
    let variant = Variant {
        id: id.to_owned(),
        sku: None,
        options: Default::default(),
        prices: vec![Price { currency: Currency::EUR, amount: Decimal::new(minor, 2), min_quantity: 1 }],
        weight_grams: 300,
        stock,
        backorder: false,
        preorder: false,
        backorder_limit: None,
        expected_on: None,
    };
    Product {
        id: id.to_owned(),
        name: id.to_owned(),
        description: String::new(),
        category_ids: vec![],
        options: vec![],
        option_rules: vec![],
        variants: vec![variant],
        featured: false,
        tax_category: "standard".to_owned(),
    }
}

/// A pricer whose tee costs `tee_minor` cents (10 in stock) and mug 9.80 (untracked), with a flat
/// 4.90 courier.
pub(crate) fn pricer_with_tee_at(tee_minor: i64) -> Pricer {
    let data = CatalogData {
        products: vec![product("tee", tee_minor, Some(10)), product("mug", 980, None)],
        ..Default::default()
    };
    let courier = ShippingMethod {
        id: "courier".to_owned(),
        name: "Courier".to_owned(),
        currency: Currency::EUR,
        regions: vec![],
        tax_category: "shipping".to_owned(),
        rate: ShippingRate::Flat { amount: Decimal::new(490, 2) },
        free_over: None,
    };
    let rules = PricingRules { shipping_methods: vec![courier], ..Default::default() };
    Pricer::new(Catalog::new(data).expect("valid catalog"), rules).expect("valid rules")
}

/// The standard pricer: tee 20.00.
pub(crate) fn pricer() -> Pricer {
    pricer_with_tee_at(2000)
}

fn line(id: &str, variant_id: &str, quantity: u32) -> CartLine {
    CartLine { id: id.into(), variant_id: variant_id.to_owned(), quantity, unit_price_at_add: None, note: None }
}

/// One tee and two mugs, for customer `c1`.
pub(crate) fn cart() -> Cart {
    let mut cart = Cart::new(Currency::EUR, Some("c1".to_owned()));
    cart.lines = vec![line(TEE_LINE, "tee", 1), line(MUG_LINE, "mug", 2)];
    cart
}

/// EUR in BG at `at(0)`, shipping by courier.
pub(crate) fn context() -> PricingContext {
    PricingContext {
        currency: Currency::EUR,
        region: Some("BG".to_owned()),
        channel: None,
        customer_groups: vec![],
        customer_segments: vec![],
        now: at(0),
        first_order: false,
        promotion_uses: Default::default(),
        shipping_method_id: Some("courier".to_owned()),
    }
}

/// Ana's contact details.
pub(crate) fn contact() -> ContactDetails {
    ContactDetails::new("ana@example.bg", Some("+359888123456")).expect("valid contact")
}

/// Delivery to Sofia by courier, paid by `method`.
pub(crate) fn delivery(method: PaymentMethod) -> DeliveryDetails {
    DeliveryDetails::new(
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
    )
}

/// The draft of order `VT-2026-000042` for the standard cart.
pub(crate) fn draft(method: PaymentMethod) -> OrderDraft {
    let (cart, context) = (cart(), context());
    let priced = pricer().price(&cart, &context).expect("prices");
    OrderDraft {
        number: OrderNumber::new("VT", 2026, 42).expect("valid number"),
        customer_id: cart.customer_id.clone(),
        contact: contact(),
        delivery: delivery(method),
        cart,
        context,
        priced,
    }
}

/// The standard order placed at `at(0)` by the shopper.
pub(crate) fn placed(method: PaymentMethod) -> Order {
    let shopper = Actor::Shopper { customer_id: Some("c1".to_owned()) };
    Order::place(draft(method), shopper, at(0)).expect("placed")
}
