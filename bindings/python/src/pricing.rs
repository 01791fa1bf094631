//! `Pricer`, `PricingContext` and the priced cart (`PricedCart` and its parts, amounts as
//! `decimal.Decimal`), plus `price_json`, the conformance entry point every binding shares.

use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use jiff::Timestamp;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use vitrina_core::money::Currency;
use vitrina_core::pricing::{
    self, AppliedPromotion, LineShare, PricedCart, PricedLine, PricedPackaging, PricedShipping, Pricer, PricingContext,
    PricingRules, RejectedCoupon, Totals,
};

use crate::cart::PyCart;
use crate::catalog::PyCatalog;
use crate::convert::{dataclass_repr, extract_timestamp, from_json, from_py, serde_to_py, to_json};
use crate::errors::err;

/// Prices a pricing input given as JSON (`{catalog, rules, context, cart}`) and returns the priced cart
/// as compact JSON: byte for byte what every binding and the Rust engine print.
#[pyfunction]
pub(crate) fn price_json(py: Python<'_>, input: &str) -> PyResult<String> {
    py.detach(|| pricing::price_json(input)).map_err(err)
}

/// Times `iterations` calls of the engine on the same pricer, cart and context as
/// `pricer.price(cart, context)`, entirely in Rust; returns seconds per call (benchmark baseline).
#[pyfunction]
pub(crate) fn _bench_price_rust(
    py: Python<'_>,
    pricer: PyRef<'_, PyPricer>,
    cart: PyRef<'_, PyCart>,
    context: PyRef<'_, PyPricingContext>,
    iterations: u32,
) -> PyResult<f64> {
    if iterations == 0 {
        return Err(PyValueError::new_err("iterations: must be at least 1"));
    }
    let (pricer, cart, context) = (&pricer.inner, &cart.inner, &context.inner);
    py.detach(|| {
        let start = Instant::now();
        for _ in 0..iterations {
            black_box(pricer.price(black_box(cart), black_box(context))?);
        }
        Ok::<f64, vitrina_core::pricing::PricingError>(start.elapsed().as_secs_f64() / f64::from(iterations))
    })
    .map_err(err)
}

/// Who is buying, where, when and how: currency, region, channel, customer groups and segments, time,
/// first order, promotion uses and the chosen shipping method.
#[pyclass(module = "vitrina", name = "PricingContext", frozen)]
pub struct PyPricingContext {
    pub(crate) inner: PricingContext,
}

#[pymethods]
impl PyPricingContext {
    /// `now` is an aware datetime or RFC 3339 text (default: the current time).
    #[new]
    #[pyo3(signature = (
        currency, now=None, *, region=None, channel=None, customer_groups=Vec::new(), customer_segments=Vec::new(),
        first_order=false,
        promotion_uses=None, shipping_method_id=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        currency: &str,
        now: Option<&Bound<'_, PyAny>>,
        region: Option<String>,
        channel: Option<String>,
        customer_groups: Vec<String>,
        customer_segments: Vec<String>,
        first_order: bool,
        promotion_uses: Option<BTreeMap<String, u32>>,
        shipping_method_id: Option<String>,
    ) -> PyResult<Self> {
        let currency = Currency::parse(currency, "currency").map_err(err)?;
        let now = match now {
            Some(now) => extract_timestamp(now, "now")?,
            None => Timestamp::now(),
        };
        let inner = PricingContext {
            currency,
            region,
            channel,
            customer_groups,
            customer_segments,
            now,
            first_order,
            promotion_uses: promotion_uses.unwrap_or_default(),
            shipping_method_id,
        };
        Ok(PyPricingContext { inner })
    }

    /// A context from its JSON form.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PyPricingContext { inner: from_json(json, "context")? })
    }

    /// The context as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    #[getter]
    fn currency(&self) -> &'static str {
        self.inner.currency.code()
    }
    #[getter]
    fn now(&self) -> Timestamp {
        self.inner.now
    }
    #[getter]
    fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }
    #[getter]
    fn channel(&self) -> Option<&str> {
        self.inner.channel.as_deref()
    }
    #[getter]
    fn customer_groups(&self) -> Vec<String> {
        self.inner.customer_groups.clone()
    }
    #[getter]
    fn customer_segments(&self) -> Vec<String> {
        self.inner.customer_segments.clone()
    }
    #[getter]
    fn first_order(&self) -> bool {
        self.inner.first_order
    }
    #[getter]
    fn promotion_uses(&self) -> BTreeMap<String, u32> {
        self.inner.promotion_uses.clone()
    }
    #[getter]
    fn shipping_method_id(&self) -> Option<&str> {
        self.inner.shipping_method_id.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "PricingContext(currency={:?}, now={}, region={:?}, shipping_method_id={:?})",
            self.inner.currency.code(),
            self.inner.now,
            self.inner.region,
            self.inner.shipping_method_id
        )
    }
}

/// A context argument: a `PricingContext`, or a dict / JSON text in its serde form.
pub(crate) fn context_arg(context: &Bound<'_, PyAny>) -> PyResult<ContextArg> {
    if let Ok(context) = context.cast::<PyPricingContext>() {
        return Ok(ContextArg::Object(context.clone().unbind()));
    }
    Ok(ContextArg::Owned(from_py(context, "context")?))
}

pub(crate) enum ContextArg {
    Object(Py<PyPricingContext>),
    Owned(PricingContext),
}

/// The store's pricing engine: a catalog snapshot with promotions, tax, shipping methods and rounding,
/// validated once; `price` is then a pure function of cart and context.
#[pyclass(module = "vitrina", name = "Pricer", frozen)]
pub struct PyPricer {
    pub(crate) inner: Pricer,
}

#[pymethods]
impl PyPricer {
    /// `rules` as a dict or JSON text (`{promotions, tax, shipping_methods, rounding}`); None: no rules.
    #[new]
    #[pyo3(signature = (catalog, rules=None))]
    fn new(py: Python<'_>, catalog: PyRef<'_, PyCatalog>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let rules: PricingRules = match rules {
            Some(rules) => from_py(rules, "rules")?,
            None => PricingRules::default(),
        };
        let catalog = catalog.inner.clone();
        let inner = py.detach(|| Pricer::new(catalog, rules)).map_err(err)?;
        Ok(PyPricer { inner })
    }

    /// The catalog snapshot this pricer uses.
    #[getter]
    fn catalog(&self) -> PyCatalog {
        PyCatalog { inner: self.inner.catalog().clone() }
    }

    /// The rules as plain data (dicts and lists, amounts as decimal strings).
    #[getter]
    fn rules<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, self.inner.rules())
    }

    /// Prices `cart` in `context` (a `PricingContext`, or a dict in its JSON form), GIL released.
    fn price(&self, py: Python<'_>, cart: PyRef<'_, PyCart>, context: &Bound<'_, PyAny>) -> PyResult<PyPricedCart> {
        let pricer = &self.inner;
        let cart = &cart.inner;
        let priced = match context_arg(context)? {
            ContextArg::Object(context) => {
                let context = &context.get().inner;
                py.detach(|| pricer.price(cart, context))
            }
            ContextArg::Owned(context) => py.detach(|| pricer.price(cart, &context)),
        };
        Ok(PyPricedCart(Arc::new(priced.map_err(err)?)))
    }

    fn __repr__(&self) -> String {
        let rules = self.inner.rules();
        format!(
            "Pricer(products={}, promotions={}, shipping_methods={})",
            self.inner.catalog().products().len(),
            rules.promotions.len(),
            rules.shipping_methods.len()
        )
    }
}

/// A cart with every figure computed and explained; amounts are `decimal.Decimal` at the currency's
/// minor-unit scale.
#[pyclass(module = "vitrina", name = "PricedCart", frozen)]
pub struct PyPricedCart(pub(crate) Arc<PricedCart>);

#[pymethods]
impl PyPricedCart {
    #[getter]
    fn cart_id(&self) -> &str {
        &self.0.cart_id
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.currency.code()
    }
    #[getter]
    fn prices_include_tax(&self) -> bool {
        self.0.prices_include_tax
    }
    #[getter]
    fn lines(&self) -> Vec<PyPricedLine> {
        self.0.lines.iter().cloned().map(PyPricedLine).collect()
    }
    #[getter]
    fn shipping(&self) -> Option<PyPricedShipping> {
        self.0.shipping.clone().map(PyPricedShipping)
    }
    /// The packaging charges (gift wrap first, then discreet), empty when the cart asks for none.
    #[getter]
    fn packaging(&self) -> Vec<PyPricedPackaging> {
        self.0.packaging.iter().cloned().map(PyPricedPackaging).collect()
    }
    #[getter]
    fn promotions(&self) -> Vec<PyAppliedPromotion> {
        self.0.promotions.iter().cloned().map(PyAppliedPromotion).collect()
    }
    #[getter]
    fn rejected_coupons(&self) -> Vec<PyRejectedCoupon> {
        self.0.rejected_coupons.iter().cloned().map(PyRejectedCoupon).collect()
    }
    #[getter]
    fn totals(&self) -> PyTotals {
        PyTotals(self.0.totals.clone())
    }

    /// The priced cart as compact JSON, byte for byte as `price_json` prints it.
    fn to_json(&self) -> PyResult<String> {
        to_json(&*self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "PricedCart(cart_id={:?}, lines={}, grand_total={} {})",
            self.0.cart_id,
            self.0.lines.len(),
            self.0.totals.grand_total,
            self.0.currency
        )
    }
}

/// A priced line.
#[pyclass(module = "vitrina", name = "PricedLine", frozen)]
pub struct PyPricedLine(PricedLine);

#[pymethods]
impl PyPricedLine {
    #[getter]
    fn line_id(&self) -> &str {
        &self.0.line_id
    }
    #[getter]
    fn variant_id(&self) -> &str {
        &self.0.variant_id
    }
    #[getter]
    fn product_id(&self) -> &str {
        &self.0.product_id
    }
    #[getter]
    fn quantity(&self) -> u32 {
        self.0.quantity
    }
    #[getter]
    fn unit_price(&self) -> Decimal {
        self.0.unit_price
    }
    #[getter]
    fn price_changed(&self) -> bool {
        self.0.price_changed
    }
    #[getter]
    fn gift(&self) -> bool {
        self.0.gift
    }
    #[getter]
    fn subtotal(&self) -> Decimal {
        self.0.subtotal
    }
    #[getter]
    fn discount(&self) -> Decimal {
        self.0.discount
    }
    #[getter]
    fn tax_rate(&self) -> Decimal {
        self.0.tax_rate
    }
    #[getter]
    fn tax(&self) -> Decimal {
        self.0.tax
    }
    #[getter]
    fn total(&self) -> Decimal {
        self.0.total
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(
            slf.as_any(),
            "PricedLine",
            &[
                "line_id",
                "variant_id",
                "product_id",
                "quantity",
                "unit_price",
                "price_changed",
                "gift",
                "subtotal",
                "discount",
                "tax_rate",
                "tax",
                "total",
            ],
        )
    }
}

/// The priced shipping charge.
#[pyclass(module = "vitrina", name = "PricedShipping", frozen)]
pub struct PyPricedShipping(PricedShipping);

#[pymethods]
impl PyPricedShipping {
    #[getter]
    fn method_id(&self) -> &str {
        &self.0.method_id
    }
    #[getter]
    fn charge(&self) -> Decimal {
        self.0.charge
    }
    #[getter]
    fn discount(&self) -> Decimal {
        self.0.discount
    }
    #[getter]
    fn tax_rate(&self) -> Decimal {
        self.0.tax_rate
    }
    #[getter]
    fn tax(&self) -> Decimal {
        self.0.tax
    }
    #[getter]
    fn total(&self) -> Decimal {
        self.0.total
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "PricedShipping", &["method_id", "charge", "discount", "tax_rate", "tax", "total"])
    }
}

/// A packaging charge (gift wrap or a discreet box): never discounted, taxed at its own rate.
#[pyclass(module = "vitrina", name = "PricedPackaging", frozen)]
pub struct PyPricedPackaging(PricedPackaging);

#[pymethods]
impl PyPricedPackaging {
    /// `gift_wrap` or `discreet`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.0.kind.as_str()
    }
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn charge(&self) -> Decimal {
        self.0.charge
    }
    #[getter]
    fn tax_rate(&self) -> Decimal {
        self.0.tax_rate
    }
    #[getter]
    fn tax(&self) -> Decimal {
        self.0.tax
    }
    #[getter]
    fn total(&self) -> Decimal {
        self.0.total
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "PricedPackaging", &["kind", "name", "charge", "tax_rate", "tax", "total"])
    }
}

/// A promotion that applied, with its share on each line and on shipping.
#[pyclass(module = "vitrina", name = "AppliedPromotion", frozen)]
pub struct PyAppliedPromotion(AppliedPromotion);

#[pymethods]
impl PyAppliedPromotion {
    #[getter]
    fn promotion_id(&self) -> &str {
        &self.0.promotion_id
    }
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    #[getter]
    fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }
    #[getter]
    fn action(&self) -> &str {
        &self.0.action
    }
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount
    }
    #[getter]
    fn lines(&self) -> Vec<PyLineShare> {
        self.0.lines.iter().cloned().map(PyLineShare).collect()
    }
    #[getter]
    fn shipping(&self) -> Decimal {
        self.0.shipping
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(
            slf.as_any(),
            "AppliedPromotion",
            &["promotion_id", "name", "code", "action", "amount", "lines", "shipping"],
        )
    }
}

/// A promotion's share on one line (`line` is the position in `PricedCart.lines`).
#[pyclass(module = "vitrina", name = "LineShare", frozen)]
pub struct PyLineShare(LineShare);

#[pymethods]
impl PyLineShare {
    #[getter]
    fn line(&self) -> u32 {
        self.0.line
    }
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "LineShare", &["line", "amount"])
    }
}

/// A coupon code that gave nothing, and why (`not_found`, `expired`, `min_subtotal_not_met`...).
#[pyclass(module = "vitrina", name = "RejectedCoupon", frozen)]
pub struct PyRejectedCoupon(RejectedCoupon);

#[pymethods]
impl PyRejectedCoupon {
    #[getter]
    fn code(&self) -> &str {
        &self.0.code
    }
    #[getter]
    fn reason<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        // The reason's stable snake_case name, as serde writes it.
        serde_to_py(py, &self.0.reason)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "RejectedCoupon", &["code", "reason"])
    }
}

/// The totals of a priced cart.
#[pyclass(module = "vitrina", name = "Totals", frozen)]
pub struct PyTotals(Totals);

#[pymethods]
impl PyTotals {
    #[getter]
    fn subtotal(&self) -> Decimal {
        self.0.subtotal
    }
    #[getter]
    fn discount_total(&self) -> Decimal {
        self.0.discount_total
    }
    #[getter]
    fn shipping_total(&self) -> Decimal {
        self.0.shipping_total
    }
    /// Packaging charges (gross when prices include tax, net otherwise).
    #[getter]
    fn packaging_total(&self) -> Decimal {
        self.0.packaging_total
    }
    #[getter]
    fn tax_total(&self) -> Decimal {
        self.0.tax_total
    }
    #[getter]
    fn grand_total(&self) -> Decimal {
        self.0.grand_total
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(
            slf.as_any(),
            "Totals",
            &["subtotal", "discount_total", "shipping_total", "packaging_total", "tax_total", "grand_total"],
        )
    }
}
