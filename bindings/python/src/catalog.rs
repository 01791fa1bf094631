//! `Catalog` and its read-only views (`Product`, `Variant`, `Price`, `ProductOption`, `OptionRule`,
//! `Category`, `OfferedValues`): newtypes over the core's catalog types with attribute access.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use rust_decimal::Decimal;
use vitrina_core::catalog::{
    Availability, Catalog, CatalogData, Category, OfferedValues, OptionChoice, OptionRule, Price, Product,
    ProductOption, Variant,
};
use vitrina_core::money::Currency;

use crate::convert::{dataclass_repr, from_json, from_py, to_json};
use crate::errors::err;
use crate::run::ToPy;

/// A validated, indexed catalog snapshot; immutable (build a new one to change it).
#[pyclass(module = "vitrina", name = "Catalog", frozen)]
pub struct PyCatalog {
    pub(crate) inner: Catalog,
}

impl PyCatalog {
    fn build(py: Python<'_>, data: CatalogData) -> PyResult<PyCatalog> {
        let inner = py.detach(|| Catalog::new(data)).map_err(err)?;
        Ok(PyCatalog { inner })
    }
}

impl ToPy for Catalog {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyCatalog { inner: self })?.into_any())
    }
}

#[pymethods]
impl PyCatalog {
    /// Validates and indexes catalog data given as a dict (or JSON text).
    #[new]
    fn new(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
        PyCatalog::build(py, from_py(data, "catalog")?)
    }

    /// Validates and indexes catalog data given as JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, json: &str) -> PyResult<Self> {
        PyCatalog::build(py, from_json(json, "catalog")?)
    }

    /// The catalog data as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(self.inner.data())
    }

    /// All products in import order.
    #[getter]
    fn products(&self) -> Vec<PyProduct> {
        self.inner.products().iter().cloned().map(PyProduct).collect()
    }

    /// All categories.
    #[getter]
    fn categories(&self) -> Vec<PyCategory> {
        self.inner.categories().iter().cloned().map(PyCategory).collect()
    }

    /// A product by id, or None.
    fn product(&self, product_id: &str) -> Option<PyProduct> {
        self.inner.product(product_id).cloned().map(PyProduct)
    }

    /// A variant and its product by variant id, or None.
    fn variant(&self, variant_id: &str) -> Option<(PyProduct, PyVariant)> {
        self.inner.variant(variant_id).map(|(p, v)| (PyProduct(p.clone()), PyVariant(v.clone())))
    }

    /// A category by id, or None.
    fn category(&self, category_id: &str) -> Option<PyCategory> {
        self.inner.category(category_id).cloned().map(PyCategory)
    }

    /// Featured products, in catalog order.
    fn featured(&self) -> Vec<PyProduct> {
        self.inner.featured().cloned().map(PyProduct).collect()
    }

    /// Products listed in the category or any of its sub-categories, in catalog order.
    fn products_in_category(&self, category_id: &str) -> Vec<PyProduct> {
        self.inner.products_in_category(category_id).cloned().map(PyProduct).collect()
    }

    /// Direct children of a category (None: the root categories), in catalog order.
    #[pyo3(signature = (parent_id=None))]
    fn child_categories(&self, parent_id: Option<&str>) -> Vec<PyCategory> {
        self.inner.child_categories(parent_id).cloned().map(PyCategory).collect()
    }

    /// Ids of the product's categories with all their ancestors.
    fn category_closure(&self, product_id: &str) -> Vec<String> {
        self.inner.category_closure(product_id).into_iter().map(str::to_owned).collect()
    }

    /// ISO codes of the currencies in which a variant has a base price.
    fn currencies_of(&self, variant_id: &str) -> Vec<&'static str> {
        self.inner.currencies_of(variant_id).into_iter().map(Currency::code).collect()
    }

    fn __len__(&self) -> usize {
        self.inner.products().len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Catalog(products={}, categories={}, price_lists={})",
            self.inner.products().len(),
            self.inner.categories().len(),
            self.inner.price_lists().len()
        )
    }
}

/// Option choices as a dict `{option: value}` (in option order) or a sequence of `(option, value)`.
fn extract_choices(choices: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<OptionChoice>> {
    let Some(choices) = choices else {
        return Ok(Vec::new());
    };
    if let Ok(dict) = choices.cast::<PyDict>() {
        return dict
            .iter()
            .map(|(k, v)| Ok(OptionChoice::new(k.extract::<String>()?, v.extract::<String>()?)))
            .collect();
    }
    choices
        .try_iter()?
        .map(|item| {
            let (option, value): (String, String) = item?.extract()?;
            Ok(OptionChoice::new(option, value))
        })
        .collect()
}

/// A product with its variants and options.
#[pyclass(module = "vitrina", name = "Product", frozen)]
pub struct PyProduct(pub(crate) Product);

#[pymethods]
impl PyProduct {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }
    #[getter]
    fn category_ids(&self) -> Vec<String> {
        self.0.category_ids.clone()
    }
    #[getter]
    fn options(&self) -> Vec<PyProductOption> {
        self.0.options.iter().cloned().map(PyProductOption).collect()
    }
    #[getter]
    fn option_rules(&self) -> Vec<PyOptionRule> {
        self.0.option_rules.iter().cloned().map(PyOptionRule).collect()
    }
    #[getter]
    fn variants(&self) -> Vec<PyVariant> {
        self.0.variants.iter().cloned().map(PyVariant).collect()
    }
    #[getter]
    fn featured(&self) -> bool {
        self.0.featured
    }
    #[getter]
    fn tax_category(&self) -> &str {
        &self.0.tax_category
    }

    /// The next option to choose after `choices` (in option order) and the values still offered for
    /// it; None when every option has a value.
    #[pyo3(signature = (choices=None))]
    fn offered_values(&self, choices: Option<&Bound<'_, PyAny>>) -> PyResult<Option<PyOfferedValues>> {
        let choices = extract_choices(choices)?;
        Ok(self.0.offered_values(&choices).map_err(err)?.map(PyOfferedValues))
    }

    /// The variant a complete set of `choices` (in option order) selects.
    #[pyo3(signature = (choices=None))]
    fn resolve_variant(&self, choices: Option<&Bound<'_, PyAny>>) -> PyResult<PyVariant> {
        let choices = extract_choices(choices)?;
        Ok(PyVariant(self.0.resolve_variant(&choices).map_err(err)?.clone()))
    }

    /// The product as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(&self) -> String {
        format!("Product(id={:?}, name={:?}, variants={})", self.0.id, self.0.name, self.0.variants.len())
    }
}

/// A purchasable variant of a product.
#[pyclass(module = "vitrina", name = "Variant", frozen)]
pub struct PyVariant(pub(crate) Variant);

#[pymethods]
impl PyVariant {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    #[getter]
    fn sku(&self) -> Option<&str> {
        self.0.sku.as_deref()
    }
    #[getter]
    fn options(&self) -> BTreeMap<String, String> {
        self.0.options.clone()
    }
    #[getter]
    fn prices(&self) -> Vec<PyPrice> {
        self.0.prices.iter().cloned().map(PyPrice).collect()
    }
    #[getter]
    fn weight_grams(&self) -> u32 {
        self.0.weight_grams
    }
    #[getter]
    fn stock(&self) -> Option<u32> {
        self.0.stock
    }
    #[getter]
    fn backorder(&self) -> bool {
        self.0.backorder
    }

    /// `in_stock`, `low_stock` (at most `low_stock_threshold` on hand), `backorder`, `preorder` or `out_of_stock`.
    fn availability(&self, low_stock_threshold: u32) -> &'static str {
        match self.0.availability(low_stock_threshold) {
            Availability::InStock => "in_stock",
            Availability::LowStock { .. } => "low_stock",
            Availability::Backorder => "backorder",
            Availability::Preorder => "preorder",
            Availability::OutOfStock => "out_of_stock",
        }
    }

    /// Whether `quantity` units can be ordered (in stock or backorderable).
    fn can_order(&self, quantity: u32) -> bool {
        self.0.can_order(quantity)
    }

    /// The base price for `quantity` units in `currency` (largest tier not above it), or None.
    #[pyo3(signature = (currency, quantity=1))]
    fn base_price(&self, currency: &str, quantity: u32) -> PyResult<Option<PyPrice>> {
        let currency = Currency::parse(currency, "currency").map_err(err)?;
        Ok(self.0.base_price(currency, quantity).cloned().map(PyPrice))
    }

    fn __repr__(&self) -> String {
        format!("Variant(id={:?}, options={:?})", self.0.id, self.0.options)
    }
}

/// A base price of a variant: from `min_quantity` units on, `amount` in `currency`.
#[pyclass(module = "vitrina", name = "Price", frozen)]
pub struct PyPrice(pub(crate) Price);

#[pymethods]
impl PyPrice {
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.currency.code()
    }
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount
    }
    #[getter]
    fn min_quantity(&self) -> u32 {
        self.0.min_quantity
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "Price", &["amount", "currency", "min_quantity"])
    }
}

/// An option of a product (`size`) and its values in display order.
#[pyclass(module = "vitrina", name = "ProductOption", frozen)]
pub struct PyProductOption(pub(crate) ProductOption);

#[pymethods]
impl PyProductOption {
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn values(&self) -> Vec<String> {
        self.0.values.clone()
    }

    fn __repr__(&self) -> String {
        format!("ProductOption(name={:?}, values={:?})", self.0.name, self.0.values)
    }
}

/// When `when_option` is `when_value`, `then_option` may only take `allowed_values`.
#[pyclass(module = "vitrina", name = "OptionRule", frozen)]
pub struct PyOptionRule(pub(crate) OptionRule);

#[pymethods]
impl PyOptionRule {
    #[getter]
    fn when_option(&self) -> &str {
        &self.0.when_option
    }
    #[getter]
    fn when_value(&self) -> &str {
        &self.0.when_value
    }
    #[getter]
    fn then_option(&self) -> &str {
        &self.0.then_option
    }
    #[getter]
    fn allowed_values(&self) -> Vec<String> {
        self.0.allowed_values.clone()
    }
}

/// A category of the tree.
#[pyclass(module = "vitrina", name = "Category", frozen)]
pub struct PyCategory(pub(crate) Category);

#[pymethods]
impl PyCategory {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn parent_id(&self) -> Option<&str> {
        self.0.parent_id.as_deref()
    }
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }

    fn __repr__(&self) -> String {
        format!("Category(id={:?}, name={:?}, parent_id={:?})", self.0.id, self.0.name, self.0.parent_id)
    }
}

/// The next option to choose and the values still offered for it.
#[pyclass(module = "vitrina", name = "OfferedValues", frozen)]
pub struct PyOfferedValues(pub(crate) OfferedValues);

#[pymethods]
impl PyOfferedValues {
    #[getter]
    fn option(&self) -> &str {
        &self.0.option
    }
    #[getter]
    fn values(&self) -> Vec<String> {
        self.0.values.clone()
    }

    fn __repr__(&self) -> String {
        format!("OfferedValues(option={:?}, values={:?})", self.0.option, self.0.values)
    }
}
