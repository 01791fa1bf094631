//! `Catalog` (an immutable object over the core's validated catalog) and its read-only views as
//! records (`Product`, `Variant`, `Price`, `ProductOption`, `OptionRule`, `Category`,
//! `OfferedValues`), copied field by field from the core's types.

use std::collections::HashMap;
use std::sync::Arc;

use rust_decimal::Decimal;
use vitrina_core::catalog as core;
use vitrina_core::money::Currency;

use crate::errors::{catalog_class, invalid_input, VitrinaError};

/// A validated, indexed catalog snapshot; immutable (build a new one to change it).
#[derive(uniffi::Object)]
pub struct Catalog {
    pub(crate) inner: core::Catalog,
}

#[uniffi::export]
impl Catalog {
    /// Validates and indexes catalog data given as JSON (`{categories, products, price_lists}`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Arc<Catalog>, VitrinaError> {
        let data: core::CatalogData =
            serde_json::from_str(&json).map_err(|e| invalid_input(catalog_class, "catalog", e))?;
        Ok(Arc::new(Catalog { inner: core::Catalog::new(data)? }))
    }

    /// The catalog data as compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self.inner.data()).unwrap_or_default()
    }

    /// All products in import order.
    pub fn products(&self) -> Vec<Product> {
        self.inner.products().iter().map(Product::from).collect()
    }

    /// All categories.
    pub fn categories(&self) -> Vec<Category> {
        self.inner.categories().iter().map(Category::from).collect()
    }

    /// A product by id, or null.
    pub fn product(&self, product_id: String) -> Option<Product> {
        self.inner.product(&product_id).map(Product::from)
    }

    /// A variant and its product by variant id, or null.
    pub fn variant(&self, variant_id: String) -> Option<VariantMatch> {
        self.inner
            .variant(&variant_id)
            .map(|(product, variant)| VariantMatch { product: product.into(), variant: variant.into() })
    }

    /// A category by id, or null.
    pub fn category(&self, category_id: String) -> Option<Category> {
        self.inner.category(&category_id).map(Category::from)
    }

    /// Featured products, in catalog order.
    pub fn featured(&self) -> Vec<Product> {
        self.inner.featured().map(Product::from).collect()
    }

    /// Products listed in the category or any of its sub-categories, in catalog order.
    pub fn products_in_category(&self, category_id: String) -> Vec<Product> {
        self.inner.products_in_category(&category_id).map(Product::from).collect()
    }

    /// Direct children of a category (null: the root categories), in catalog order.
    pub fn child_categories(&self, parent_id: Option<String>) -> Vec<Category> {
        self.inner.child_categories(parent_id.as_deref()).map(Category::from).collect()
    }

    /// Ids of the product's categories with all their ancestors.
    pub fn category_closure(&self, product_id: String) -> Vec<String> {
        self.inner.category_closure(&product_id).into_iter().map(str::to_owned).collect()
    }

    /// ISO codes of the currencies in which a variant has a base price.
    pub fn currencies_of(&self, variant_id: String) -> Vec<String> {
        self.inner.currencies_of(&variant_id).into_iter().map(|c| c.code().to_owned()).collect()
    }

    /// The next option to choose for a configurable product after `choices` (in option order) and the
    /// values still offered for it; null when every option has a value.
    pub fn offered_values(
        &self,
        product_id: String,
        choices: Vec<OptionChoice>,
    ) -> Result<Option<OfferedValues>, VitrinaError> {
        let product = self.product_ref(&product_id)?;
        let offered = product.offered_values(&core_choices(choices))?;
        Ok(offered.map(|o| OfferedValues { option: o.option, values: o.values }))
    }

    /// The variant a complete set of `choices` (in option order) selects.
    pub fn resolve_variant(&self, product_id: String, choices: Vec<OptionChoice>) -> Result<Variant, VitrinaError> {
        let product = self.product_ref(&product_id)?;
        Ok(product.resolve_variant(&core_choices(choices))?.into())
    }

    /// Availability of a variant, counting `low_stock_threshold` or fewer units as low stock.
    pub fn availability(&self, variant_id: String, low_stock_threshold: u32) -> Result<Availability, VitrinaError> {
        let (_, variant) = self.variant_ref(&variant_id)?;
        Ok(match variant.availability(low_stock_threshold) {
            core::Availability::InStock => Availability::InStock,
            core::Availability::LowStock { on_hand } => Availability::LowStock { on_hand },
            core::Availability::Backorder => Availability::Backorder,
            core::Availability::Preorder => Availability::Preorder,
            core::Availability::OutOfStock => Availability::OutOfStock,
        })
    }

    /// The base price of `quantity` units of a variant in `currency` (largest tier not above it), or null.
    pub fn base_price(
        &self,
        variant_id: String,
        currency: String,
        quantity: u32,
    ) -> Result<Option<Price>, VitrinaError> {
        let (_, variant) = self.variant_ref(&variant_id)?;
        let currency = Currency::parse(&currency, "currency")?;
        Ok(variant.base_price(currency, quantity).map(Price::from))
    }
}

impl Catalog {
    fn product_ref(&self, product_id: &str) -> Result<&core::Product, VitrinaError> {
        self.inner.product(product_id).ok_or_else(|| unknown("product_id", "product", product_id))
    }

    fn variant_ref(&self, variant_id: &str) -> Result<(&core::Product, &core::Variant), VitrinaError> {
        self.inner.variant(variant_id).ok_or_else(|| unknown("variant_id", "variant", variant_id))
    }
}

/// The catalog's own error for a lookup of an id it does not have.
fn unknown(field: &str, kind: &'static str, id: &str) -> VitrinaError {
    core::CatalogError::UnknownReference { field: field.to_owned(), kind, id: id.to_owned() }.into()
}

fn core_choices(choices: Vec<OptionChoice>) -> Vec<core::OptionChoice> {
    choices.into_iter().map(|c| core::OptionChoice::new(c.option, c.value)).collect()
}

/// One choice of a configurable product: `size` = `M`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OptionChoice {
    /// The option's name.
    pub option: String,
    /// The value chosen.
    pub value: String,
}

/// The next option to choose and the values still offered for it.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OfferedValues {
    /// The option.
    pub option: String,
    /// Its values still offered, in display order.
    pub values: Vec<String>,
}

/// A variant with the product it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VariantMatch {
    /// The product.
    pub product: Product,
    /// The variant.
    pub variant: Variant,
}

/// A product with its variants and options.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Product {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Categories it is listed in.
    pub category_ids: Vec<String>,
    /// Options (`size`, `colour`) in choice order.
    pub options: Vec<ProductOption>,
    /// Rules narrowing the values of later options.
    pub option_rules: Vec<OptionRule>,
    /// Purchasable variants.
    pub variants: Vec<Variant>,
    /// Shown on the home page.
    pub featured: bool,
    /// Tax category.
    pub tax_category: String,
}

impl From<&core::Product> for Product {
    fn from(p: &core::Product) -> Self {
        Product {
            id: p.id.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            category_ids: p.category_ids.clone(),
            options: p
                .options
                .iter()
                .map(|o| ProductOption { name: o.name.clone(), values: o.values.clone() })
                .collect(),
            option_rules: p.option_rules.iter().map(OptionRule::from).collect(),
            variants: p.variants.iter().map(Variant::from).collect(),
            featured: p.featured,
            tax_category: p.tax_category.clone(),
        }
    }
}

/// An option of a product (`size`) and its values in display order.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ProductOption {
    /// The option's name.
    pub name: String,
    /// Its values in display order.
    pub values: Vec<String>,
}

/// When `when_option` is `when_value`, `then_option` may only take `allowed_values`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct OptionRule {
    /// The triggering option.
    pub when_option: String,
    /// The triggering value.
    pub when_value: String,
    /// The option restricted.
    pub then_option: String,
    /// The values it may take.
    pub allowed_values: Vec<String>,
}

impl From<&core::OptionRule> for OptionRule {
    fn from(r: &core::OptionRule) -> Self {
        OptionRule {
            when_option: r.when_option.clone(),
            when_value: r.when_value.clone(),
            then_option: r.then_option.clone(),
            allowed_values: r.allowed_values.clone(),
        }
    }
}

/// A purchasable variant of a product.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Variant {
    /// Id.
    pub id: String,
    /// Stock-keeping unit.
    pub sku: Option<String>,
    /// Its value of each option.
    pub options: HashMap<String, String>,
    /// Base prices (by currency and minimum quantity).
    pub prices: Vec<Price>,
    /// Weight of one unit.
    pub weight_grams: u32,
    /// Units on hand; null when stock is not tracked.
    pub stock: Option<u32>,
    /// Whether it can be ordered when out of stock.
    pub backorder: bool,
}

impl From<&core::Variant> for Variant {
    fn from(v: &core::Variant) -> Self {
        Variant {
            id: v.id.clone(),
            sku: v.sku.clone(),
            options: v.options.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            prices: v.prices.iter().map(Price::from).collect(),
            weight_grams: v.weight_grams,
            stock: v.stock,
            backorder: v.backorder,
        }
    }
}

/// A base price of a variant: from `min_quantity` units on, `amount` in `currency`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Price {
    /// ISO 4217 code.
    pub currency: String,
    /// Exact amount at the currency's scale.
    pub amount: Decimal,
    /// The tier's lowest quantity.
    pub min_quantity: u32,
}

impl From<&core::Price> for Price {
    fn from(p: &core::Price) -> Self {
        Price { currency: p.currency.code().to_owned(), amount: p.amount, min_quantity: p.min_quantity }
    }
}

/// A category of the tree.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Category {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Parent category; null for a root.
    pub parent_id: Option<String>,
    /// Description.
    pub description: String,
}

impl From<&core::Category> for Category {
    fn from(c: &core::Category) -> Self {
        Category {
            id: c.id.clone(),
            name: c.name.clone(),
            parent_id: c.parent_id.clone(),
            description: c.description.clone(),
        }
    }
}

/// What a shopper is told about a variant's availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum Availability {
    /// Stock is not tracked or more than the low-stock threshold is on hand.
    InStock,
    /// Only a few units are left.
    LowStock {
        /// Units left.
        on_hand: u32,
    },
    /// None on hand, but it can be ordered and ships later.
    Backorder,
    /// Not released yet; it can be ordered ahead and ships from its release.
    Preorder,
    /// None on hand and it cannot be ordered.
    OutOfStock,
}
