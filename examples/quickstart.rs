//! Quickstart: a small catalog, a cart with a coupon, priced with tax and shipping, printed as a receipt.

use vitrina::cart::{Cart, CartLine};
use vitrina::catalog::{Catalog, CatalogData, Product};
use vitrina::delivery::{ShippingMethod, ShippingRate};
use vitrina::money::{Currency, Money, MoneyError};
use vitrina::pricing::{PricedCart, Pricer, PricingContext, PricingRules};
use vitrina::promotion::{Action, Promotion, Selector};
use vitrina::tax::{TaxConfig, TaxRule};

fn eur(amount: &str) -> rust_decimal::Decimal {
    amount.parse().expect("a decimal literal")
}

fn product(id: &str, name: &str, price: &str, grams: u32) -> Result<Product, MoneyError> {
    let mut product = Product::simple(id, name, format!("{id}-1"), Money::parse_amount(price, Currency::EUR, "price")?);
    product.variants[0].weight_grams = grams;
    product.variants[0].stock = Some(50);
    Ok(product)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let catalog = Catalog::new(CatalogData {
        categories: vec![],
        products: vec![
            product("mug", "Stoneware mug", "12.90", 350)?,
            product("tea", "Mountain tea, 100 g", "6.45", 120)?,
            product("honey", "Linden honey, 400 g", "9.99", 520)?,
        ],
        price_lists: vec![],
    })?;
    let rules = PricingRules {
        promotions: vec![Promotion {
            id: "welcome".into(),
            name: "Welcome: 10 % off tea and honey".into(),
            priority: 10,
            exclusive: false,
            stackable: true,
            coupon_code: Some("WELCOME10".into()),
            currency: None,
            conditions: Default::default(),
            action: Action::PercentOff {
                percent: eur("10"),
                target: Selector { product_ids: vec!["tea".into(), "honey".into()], ..Selector::default() },
            },
        }],
        tax: TaxConfig {
            prices_include_tax: false,
            rules: vec![TaxRule {
                region: "BG".into(),
                tax_category: None,
                rate: eur("0.20"),
                name: "VAT 20 %".into(),
            }],
            ..TaxConfig::default()
        },
        shipping_methods: vec![ShippingMethod {
            id: "courier".into(),
            name: "Courier to the door".into(),
            currency: Currency::EUR,
            regions: vec![],
            tax_category: "standard".into(),
            rate: ShippingRate::Flat { amount: eur("4.90") },
            free_over: Some(eur("60.00")),
        }],
        packaging: vec![],
        rounding: Default::default(),
    };
    let pricer = Pricer::new(catalog, rules)?;
    let line = |id: &str, variant: &str, quantity| CartLine {
        id: id.into(),
        variant_id: variant.into(),
        quantity,
        unit_price_at_add: None,
        note: None,
    };
    let cart = Cart {
        id: "cart-1".into(),
        currency: Currency::EUR,
        customer_id: None,
        lines: vec![line("l1", "mug-1", 2), line("l2", "tea-1", 3), line("l3", "honey-1", 1)],
        coupons: vec!["WELCOME10".into()],
        gift_wrap: None,
        discreet_packaging: false,
        note: None,
    };
    let context = PricingContext {
        currency: Currency::EUR,
        region: Some("BG".into()),
        channel: Some("web".into()),
        customer_groups: vec![],
        customer_segments: vec![],
        now: "2026-11-23T12:00:00Z".parse()?,
        first_order: true,
        promotion_uses: Default::default(),
        shipping_method_id: Some("courier".into()),
    };
    let priced = pricer.price(&cart, &context)?;
    print_receipt(&pricer, &priced);
    Ok(())
}

fn print_receipt(pricer: &Pricer, priced: &PricedCart) {
    let cur = priced.currency;
    println!("{:<24} {:>4} {:>9} {:>9} {:>9}", "item", "qty", "price", "discount", "total");
    for line in &priced.lines {
        let name = pricer.catalog().product(&line.product_id).map_or("?", |p| p.name.as_str());
        println!("{:<24} {:>4} {:>9} {:>9} {:>9}", name, line.quantity, line.unit_price, line.discount, line.total);
    }
    for promotion in &priced.promotions {
        println!(
            "  promotion {:?} ({}): -{} {cur}",
            promotion.name,
            promotion.code.as_deref().unwrap_or("auto"),
            promotion.amount
        );
    }
    for rejected in &priced.rejected_coupons {
        println!("  coupon {} not applied: {:?}", rejected.code, rejected.reason);
    }
    if let Some(shipping) = &priced.shipping {
        println!("{:<24} {:>34}", format!("shipping ({})", shipping.method_id), shipping.total);
    }
    let t = &priced.totals;
    println!(
        "subtotal {} | discounts {} | shipping {} | tax {} | TOTAL {} {cur}",
        t.subtotal, t.discount_total, t.shipping_total, t.tax_total, t.grand_total
    );
}
