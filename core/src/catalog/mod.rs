//! The catalog snapshot: products with variants and options, the category tree, price lists and
//! stock. Built once from plain data, validated with errors that name the field, then indexed for pricing.

mod category;
mod configurable;
mod edit;
mod error;
mod price_list;
mod product;
mod validate;

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

pub use category::Category;
pub use configurable::{ConfigurationError, OfferedValues, OptionChoice, OptionRule};
pub use edit::CatalogEdit;
pub use error::CatalogError;
pub use price_list::{PriceList, PriceListEntry, PriceListKind};
pub use product::{standard_tax_category, Availability, Price, Product, ProductOption, Variant};

use crate::money::Currency;

/// The catalog as plain data: what is imported, stored and sent over a binding as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CatalogData {
    /// The category tree, parents before or after children.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Products with their variants.
    #[serde(default)]
    pub products: Vec<Product>,
    /// Sale and override price lists.
    #[serde(default)]
    pub price_lists: Vec<PriceList>,
}

/// A validated, indexed catalog snapshot. Immutable: edit the [`CatalogData`] and build again.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "CatalogData", into = "CatalogData")]
pub struct Catalog {
    data: CatalogData,
    index: CatalogIndex,
}

/// Position of a variant: its product and its place among the product's variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct VariantRef {
    pub(crate) product: u32,
    pub(crate) variant: u32,
}

/// One price-list price of a variant, pre-converted to minor units of the list's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ListPrice {
    pub(crate) list: u32,
    pub(crate) min_quantity: u32,
    pub(crate) minor: i64,
}

#[derive(Debug, Clone, Default)]
struct CatalogIndex {
    products: FxHashMap<String, u32>,
    variants: FxHashMap<String, VariantRef>,
    categories: FxHashMap<String, u32>,
    /// Per product: its categories and all their ancestors (positions in `categories`), deduplicated.
    product_categories: Vec<Vec<u32>>,
    /// Per variant id: its prices in every price list.
    list_prices: FxHashMap<String, Vec<ListPrice>>,
    /// Per product: its id and its variants' ids, shared, so a priced line names them by reference
    /// count instead of copying the text.
    shared_ids: Vec<SharedIds>,
}

/// A product's id and its variants' ids (in variant order), each allocated once per catalog.
#[derive(Debug, Clone)]
struct SharedIds {
    product: Arc<str>,
    variants: Box<[Arc<str>]>,
}

impl SharedIds {
    fn of(product: &Product) -> SharedIds {
        SharedIds {
            product: Arc::from(product.id.as_str()),
            variants: product.variants.iter().map(|v| Arc::from(v.id.as_str())).collect(),
        }
    }
}

impl Catalog {
    /// Validates and indexes `data`; the first problem found is returned, naming its field.
    pub fn new(data: CatalogData) -> Result<Catalog, CatalogError> {
        let index = validate::validate_and_index(&data)?;
        Ok(Catalog { data, index })
    }

    /// The catalog as plain data.
    pub fn data(&self) -> &CatalogData {
        &self.data
    }

    /// All products in import order.
    pub fn products(&self) -> &[Product] {
        &self.data.products
    }

    /// All categories.
    pub fn categories(&self) -> &[Category] {
        &self.data.categories
    }

    /// All price lists.
    pub fn price_lists(&self) -> &[PriceList] {
        &self.data.price_lists
    }

    /// A product by id.
    pub fn product(&self, id: &str) -> Option<&Product> {
        self.index.products.get(id).map(|&i| &self.data.products[i as usize])
    }

    /// A variant and its product by variant id.
    pub fn variant(&self, id: &str) -> Option<(&Product, &Variant)> {
        self.variant_ref(id).map(|r| self.resolve(r))
    }

    /// A category by id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.index.categories.get(id).map(|&i| &self.data.categories[i as usize])
    }

    /// The ids of the product's categories with all their ancestors.
    pub fn category_closure(&self, product_id: &str) -> Vec<&str> {
        let closure =
            self.index.products.get(product_id).map(|&i| self.index.product_categories[i as usize].as_slice());
        closure.unwrap_or(&[]).iter().map(|&c| self.data.categories[c as usize].id.as_str()).collect()
    }

    /// Products listed in `category_id` or any of its sub-categories, in catalog order.
    pub fn products_in_category<'a>(&'a self, category_id: &'a str) -> impl Iterator<Item = &'a Product> + 'a {
        self.data
            .products
            .iter()
            .zip(&self.index.product_categories)
            .filter(move |(_, closure)| {
                let wanted = self.index.categories.get(category_id);
                wanted.is_some_and(|wanted| closure.contains(wanted))
            })
            .map(|(product, _)| product)
    }

    /// Direct children of a category (`None`: the root categories), in catalog order.
    pub fn child_categories<'a>(&'a self, parent_id: Option<&'a str>) -> impl Iterator<Item = &'a Category> + 'a {
        self.data.categories.iter().filter(move |c| c.parent_id.as_deref() == parent_id)
    }

    /// Featured products, in catalog order.
    pub fn featured(&self) -> impl Iterator<Item = &Product> {
        self.data.products.iter().filter(|p| p.featured)
    }

    /// Currencies in which a variant has a base price.
    pub fn currencies_of(&self, variant_id: &str) -> Vec<Currency> {
        let mut currencies: Vec<Currency> =
            self.variant(variant_id).map(|(_, v)| v.prices.iter().map(|p| p.currency).collect()).unwrap_or_default();
        currencies.sort();
        currencies.dedup();
        currencies
    }

    pub(crate) fn product_position(&self, id: &str) -> Option<u32> {
        self.index.products.get(id).copied()
    }

    pub(crate) fn category_position(&self, id: &str) -> Option<u32> {
        self.index.categories.get(id).copied()
    }

    pub(crate) fn variant_ref(&self, id: &str) -> Option<VariantRef> {
        self.index.variants.get(id).copied()
    }

    pub(crate) fn resolve(&self, r: VariantRef) -> (&Product, &Variant) {
        let product = &self.data.products[r.product as usize];
        (product, &product.variants[r.variant as usize])
    }

    /// The shared ids of a variant and of its product: `(product id, variant id)`.
    pub(crate) fn shared_ids(&self, r: VariantRef) -> (&Arc<str>, &Arc<str>) {
        let ids = &self.index.shared_ids[r.product as usize];
        (&ids.product, &ids.variants[r.variant as usize])
    }

    pub(crate) fn product_categories_at(&self, product: u32) -> &[u32] {
        &self.index.product_categories[product as usize]
    }

    pub(crate) fn list_prices(&self, variant_id: &str) -> &[ListPrice] {
        self.index.list_prices.get(variant_id).map(Vec::as_slice).unwrap_or(&[])
    }
}

impl TryFrom<CatalogData> for Catalog {
    type Error = CatalogError;

    fn try_from(data: CatalogData) -> Result<Self, Self::Error> {
        Catalog::new(data)
    }
}

impl From<Catalog> for CatalogData {
    fn from(catalog: Catalog) -> Self {
        catalog.data
    }
}
