//! `Catalog`: a validated, indexed catalog snapshot. Lookups return plain objects in the core's JSON
//! shape (amounts as decimal strings); option configuration runs in the core.

use napi::bindgen_prelude::Unknown;
use napi::Env;
use napi_derive::napi;
use vitrina_core::catalog::{Catalog, CatalogData, CatalogError, OptionChoice, Product};
use vitrina_core::money::Currency;

use crate::convert::{from_js, json_text, to_js, OrderedPairs};
use crate::errors::err;

/// A validated, indexed catalog snapshot; immutable (build a new one to change it).
#[napi(js_name = "Catalog")]
pub struct JsCatalog {
    pub(crate) inner: Catalog,
}

#[napi]
impl JsCatalog {
    /// Validates and indexes catalog data given as a plain object or JSON text. Amounts are decimal
    /// strings; errors carry `.code` and name the offending field (`products[0].variants[0].prices[0].amount`).
    #[napi(constructor)]
    pub fn new(env: Env, #[napi(ts_arg_type = "CatalogData | string")] data: Unknown<'_>) -> napi::Result<Self> {
        let data: CatalogData = from_js(&env, data, "catalog")?;
        let inner = Catalog::new(data).map_err(|e| err(&env, e))?;
        Ok(JsCatalog { inner })
    }

    /// The catalog data as a plain object.
    #[napi(js_name = "toJSON", ts_return_type = "CatalogData")]
    pub fn to_json<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, self.inner.data())
    }

    /// All products in import order.
    #[napi(getter, ts_return_type = "Product[]")]
    pub fn products<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.products())
    }

    /// All categories.
    #[napi(getter, ts_return_type = "Category[]")]
    pub fn categories<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.categories())
    }

    /// A product by id, or null.
    #[napi(ts_return_type = "Product | null")]
    pub fn product<'env>(&self, env: &'env Env, product_id: String) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.product(&product_id))
    }

    /// A variant and its product by variant id, or null.
    #[napi(ts_return_type = "{ product: Product; variant: Variant } | null")]
    pub fn variant<'env>(&self, env: &'env Env, variant_id: String) -> napi::Result<Unknown<'env>> {
        #[derive(serde::Serialize)]
        struct Found<'a> {
            product: &'a Product,
            variant: &'a vitrina_core::catalog::Variant,
        }
        let found = self.inner.variant(&variant_id).map(|(product, variant)| Found { product, variant });
        to_js(env, &found)
    }

    /// A category by id, or null.
    #[napi(ts_return_type = "Category | null")]
    pub fn category<'env>(&self, env: &'env Env, category_id: String) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.category(&category_id))
    }

    /// Featured products, in catalog order.
    #[napi(ts_return_type = "Product[]")]
    pub fn featured<'env>(&self, env: &'env Env) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.featured().collect::<Vec<_>>())
    }

    /// Products listed in the category or any of its sub-categories, in catalog order.
    #[napi(ts_return_type = "Product[]")]
    pub fn products_in_category<'env>(&self, env: &'env Env, category_id: String) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.products_in_category(&category_id).collect::<Vec<_>>())
    }

    /// Direct children of a category (no id: the root categories), in catalog order.
    #[napi(ts_return_type = "Category[]")]
    pub fn child_categories<'env>(&self, env: &'env Env, parent_id: Option<String>) -> napi::Result<Unknown<'env>> {
        to_js(env, &self.inner.child_categories(parent_id.as_deref()).collect::<Vec<_>>())
    }

    /// Ids of the product's categories with all their ancestors.
    #[napi]
    pub fn category_closure(&self, product_id: String) -> Vec<String> {
        self.inner.category_closure(&product_id).into_iter().map(str::to_owned).collect()
    }

    /// ISO codes of the currencies in which a variant has a base price.
    #[napi]
    pub fn currencies_of(&self, variant_id: String) -> Vec<&'static str> {
        self.inner.currencies_of(&variant_id).into_iter().map(Currency::code).collect()
    }

    /// The next option of a product to choose after `choices` (in option order, as `{option: value}`
    /// or `[[option, value], ...]`) and the values still offered for it; null when every option has a value.
    #[napi(ts_return_type = "OfferedValues | null")]
    pub fn offered_values<'env>(
        &self,
        env: &'env Env,
        product_id: String,
        #[napi(ts_arg_type = "Choices")] choices: Option<Unknown<'_>>,
    ) -> napi::Result<Unknown<'env>> {
        let product = self.product_or_err(env, &product_id)?;
        let choices = choices_arg(env, choices)?;
        let offered = product.offered_values(&choices).map_err(|e| err(env, e))?;
        to_js(env, &offered)
    }

    /// The variant a complete set of `choices` (in option order) selects.
    #[napi(ts_return_type = "Variant")]
    pub fn resolve_variant<'env>(
        &self,
        env: &'env Env,
        product_id: String,
        #[napi(ts_arg_type = "Choices")] choices: Option<Unknown<'_>>,
    ) -> napi::Result<Unknown<'env>> {
        let product = self.product_or_err(env, &product_id)?;
        let choices = choices_arg(env, choices)?;
        let variant = product.resolve_variant(&choices).map_err(|e| err(env, e))?;
        to_js(env, variant)
    }

    /// Number of products.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.inner.products().len()).unwrap_or(u32::MAX)
    }
}

impl JsCatalog {
    fn product_or_err(&self, env: &Env, product_id: &str) -> napi::Result<&Product> {
        self.inner.product(product_id).ok_or_else(|| {
            let unknown = CatalogError::UnknownReference {
                field: "product_id".to_owned(),
                kind: "product",
                id: product_id.to_owned(),
            };
            err(env, unknown)
        })
    }
}

fn choices_arg(env: &Env, choices: Option<Unknown<'_>>) -> napi::Result<Vec<OptionChoice>> {
    let Some(choices) = choices else {
        return Ok(Vec::new());
    };
    if matches!(choices.get_type()?, napi::ValueType::Undefined | napi::ValueType::Null) {
        return Ok(Vec::new());
    }
    let (text, source) = json_text(env, choices, "choices")?;
    let pairs: OrderedPairs = crate::convert::from_text(&text, source, "choices").map_err(|f| err(env, f))?;
    Ok(pairs.0.into_iter().map(|(option, value)| OptionChoice::new(option, value)).collect())
}
