//! Test fixtures for carts and wish lists: a small catalog with tracked, backordered, untracked and
//! sold-out stock, and a variant priced in EUR only.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::catalog::{Catalog, CatalogData, Price, Product, ProductOption, Variant};
use crate::money::Currency;

fn price(currency: Currency, amount: i64) -> Price {
    Price { currency, amount: Decimal::new(amount, 0), min_quantity: 1 }
}

fn stocked(id: &str, size: Option<&str>, stock: Option<u32>, backorder: bool, prices: Vec<Price>) -> Variant {
    Variant {
        id: id.to_owned(),
        sku: None,
        options: size.map(|s| BTreeMap::from([("size".to_owned(), s.to_owned())])).unwrap_or_default(),
        prices,
        weight_grams: 100,
        stock,
        backorder,
        preorder: false,
        backorder_limit: None,
        expected_on: None,
    }
}

fn product(id: &str, options: Vec<ProductOption>, variants: Vec<Variant>) -> Product {
    Product {
        id: id.to_owned(),
        name: id.to_owned(),
        description: String::new(),
        category_ids: vec![],
        options,
        option_rules: vec![],
        variants,
        featured: false,
        tax_category: "standard".to_owned(),
    }
}

/// `tee-m`: 5 in stock (EUR, USD); `tee-l`: none, backorder (EUR, USD); `mug`: untracked, EUR only;
/// `poster`: none, no backorder (EUR, USD).
pub(crate) fn catalog() -> Catalog {
    let both = || vec![price(Currency::EUR, 20), price(Currency::USD, 22)];
    let size = ProductOption { name: "size".to_owned(), values: vec!["M".to_owned(), "L".to_owned()] };
    let tee = product(
        "tee",
        vec![size],
        vec![stocked("tee-m", Some("M"), Some(5), false, both()), stocked("tee-l", Some("L"), Some(0), true, both())],
    );
    let mug = product("mug", vec![], vec![stocked("mug", None, None, false, vec![price(Currency::EUR, 8)])]);
    let poster = product("poster", vec![], vec![stocked("poster", None, Some(0), false, both())]);
    Catalog::new(CatalogData { products: vec![tee, mug, poster], ..CatalogData::default() }).expect("valid fixture")
}

/// The variant `id` of `catalog`.
pub(crate) fn variant<'a>(catalog: &'a Catalog, id: &str) -> &'a Variant {
    catalog.variant(id).expect("fixture variant").1
}
