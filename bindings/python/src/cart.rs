//! `Cart` and `merge_guest_cart`: a mutable wrapper over the core's cart, the pricing fast path's input.
//! Every edit runs in the core (with the GIL released); a refused edit raises and changes nothing.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use vitrina_core::cart::{merge_guest_cart as core_merge, Cart, CartLine, GiftWrap};
use vitrina_core::money::Currency;

use crate::catalog::PyCatalog;
use crate::convert::{dataclass_repr, extract_amount, from_json, serde_to_py, to_json};
use crate::errors::err;
use crate::run::ToPy;

/// A shopper's cart: lines of variants, coupon codes, note, gift wrap and packaging choices.
#[pyclass(module = "vitrina", name = "Cart")]
pub struct PyCart {
    pub(crate) inner: Cart,
}

impl ToPy for Cart {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyCart { inner: self })?.into_any())
    }
}

#[pymethods]
impl PyCart {
    /// An empty cart in `currency` (ISO code) with a new UUIDv7 id; `customer_id` None for a guest.
    #[new]
    #[pyo3(signature = (currency, customer_id=None))]
    fn new(currency: &str, customer_id: Option<String>) -> PyResult<Self> {
        let currency = Currency::parse(currency, "currency").map_err(err)?;
        Ok(PyCart { inner: Cart::new(currency, customer_id) })
    }

    /// A cart from its JSON form.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PyCart { inner: from_json(json, "cart")? })
    }

    /// The cart as compact JSON (the `cart` of a pricing input).
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.inner.currency.code()
    }
    #[getter]
    fn customer_id(&self) -> Option<&str> {
        self.inner.customer_id.as_deref()
    }
    #[getter]
    fn lines(&self) -> Vec<PyCartLine> {
        self.inner.lines.iter().cloned().map(PyCartLine).collect()
    }
    #[getter]
    fn coupons(&self) -> Vec<String> {
        self.inner.coupons.clone()
    }
    #[getter]
    fn gift_wrap(&self) -> Option<PyGiftWrap> {
        self.inner.gift_wrap.clone().map(PyGiftWrap)
    }
    #[getter]
    fn discreet_packaging(&self) -> bool {
        self.inner.discreet_packaging
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        self.inner.note.as_deref()
    }

    /// The line with this id, or None.
    fn line(&self, line_id: &str) -> Option<PyCartLine> {
        self.inner.line(line_id).cloned().map(PyCartLine)
    }

    /// Units of the variant across all lines.
    fn quantity_of(&self, variant_id: &str) -> u64 {
        self.inner.quantity_of(variant_id)
    }

    /// Adds `quantity` units of `variant_id` and returns the id of the line holding them (an existing
    /// note-less line of the variant, or a new one). `seen_unit_price` is the unit price the shopper
    /// saw, as `decimal.Decimal`; pricing flags `price_changed` when it differs.
    #[pyo3(signature = (catalog, variant_id, quantity=1, *, seen_unit_price=None))]
    fn add_line(
        &mut self,
        py: Python<'_>,
        catalog: PyRef<'_, PyCatalog>,
        variant_id: &str,
        quantity: u32,
        seen_unit_price: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let seen: Option<Decimal> = seen_unit_price.map(|p| extract_amount(p, "seen_unit_price")).transpose()?;
        let catalog = &catalog.inner;
        let cart = &mut self.inner;
        py.detach(|| cart.add_line(catalog, variant_id, quantity, seen)).map_err(err)
    }

    /// Sets the quantity of a line; an increase is checked against stock like `add_line`.
    fn update_quantity(
        &mut self,
        py: Python<'_>,
        catalog: PyRef<'_, PyCatalog>,
        line_id: &str,
        quantity: u32,
    ) -> PyResult<()> {
        let catalog = &catalog.inner;
        let cart = &mut self.inner;
        py.detach(|| cart.update_quantity(catalog, line_id, quantity)).map_err(err)
    }

    /// Removes a line and returns it.
    fn remove_line(&mut self, line_id: &str) -> PyResult<PyCartLine> {
        self.inner.remove_line(line_id).map(PyCartLine).map_err(err)
    }

    /// Sets (or with None or blank text, clears) the note of a line.
    #[pyo3(signature = (line_id, note))]
    fn set_line_note(&mut self, line_id: &str, note: Option<String>) -> PyResult<()> {
        self.inner.set_line_note(line_id, note).map_err(err)
    }

    /// Adds a coupon code (trimmed, upper-cased) and returns it as stored.
    fn apply_coupon(&mut self, code: &str) -> PyResult<String> {
        self.inner.apply_coupon(code).map_err(err)
    }

    /// Removes a coupon code, matched case-insensitively.
    fn remove_coupon(&mut self, code: &str) -> PyResult<()> {
        self.inner.remove_coupon(code).map_err(err)
    }

    /// Sets (or with None or blank text, clears) the shopper's note to the shop.
    #[pyo3(signature = (note))]
    fn set_note(&mut self, note: Option<String>) -> PyResult<()> {
        self.inner.set_note(note).map_err(err)
    }

    /// Asks for gift wrap with an optional card message; `wrap=False` removes it.
    #[pyo3(signature = (wrap=true, *, message=None))]
    fn set_gift_wrap(&mut self, wrap: bool, message: Option<String>) -> PyResult<()> {
        if !wrap && message.is_some() {
            return Err(PyValueError::new_err("message: a gift message needs wrap=True"));
        }
        self.inner.set_gift_wrap(wrap.then_some(GiftWrap { message })).map_err(err)
    }

    /// Asks for (or stops asking for) plain packaging with no branding outside.
    #[pyo3(signature = (discreet=true))]
    fn set_discreet_packaging(&mut self, discreet: bool) {
        self.inner.set_discreet_packaging(discreet);
    }

    /// An independent copy of the cart.
    fn copy(&self) -> PyCart {
        PyCart { inner: self.inner.clone() }
    }

    fn __copy__(&self) -> PyCart {
        self.copy()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCart>().is_ok_and(|o| o.try_borrow().is_ok_and(|o| o.inner == self.inner))
    }

    fn __len__(&self) -> usize {
        self.inner.lines.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Cart(id={:?}, currency={:?}, lines={}, coupons={:?})",
            self.inner.id,
            self.inner.currency.code(),
            self.inner.lines.len(),
            self.inner.coupons
        )
    }
}

/// One line of a cart (a snapshot: edit the cart, not the line).
#[pyclass(module = "vitrina", name = "CartLine", frozen)]
pub struct PyCartLine(pub(crate) CartLine);

#[pymethods]
impl PyCartLine {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    #[getter]
    fn variant_id(&self) -> &str {
        &self.0.variant_id
    }
    #[getter]
    fn quantity(&self) -> u32 {
        self.0.quantity
    }
    #[getter]
    fn unit_price_at_add(&self) -> Option<Decimal> {
        self.0.unit_price_at_add
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    fn __repr__(&self) -> String {
        format!("CartLine(id={:?}, variant_id={:?}, quantity={})", self.0.id, self.0.variant_id, self.0.quantity)
    }
}

/// Gift wrapping for the whole cart, with an optional card message.
#[pyclass(module = "vitrina", name = "GiftWrap", frozen)]
pub struct PyGiftWrap(pub(crate) GiftWrap);

#[pymethods]
impl PyGiftWrap {
    #[getter]
    fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "GiftWrap", &["message"])
    }
}

/// Moves the guest cart's lines, coupons, note and packaging choices into the customer cart (the
/// guest cart itself is left as it was) and returns the report of what was added, cut or skipped.
#[pyfunction]
pub(crate) fn merge_guest_cart<'py>(
    py: Python<'py>,
    mut customer: PyRefMut<'_, PyCart>,
    guest: PyRef<'_, PyCart>,
    catalog: PyRef<'_, PyCatalog>,
) -> PyResult<Bound<'py, PyAny>> {
    let guest = guest.inner.clone();
    let catalog = &catalog.inner;
    let customer = &mut customer.inner;
    let report = py.detach(|| core_merge(customer, guest, catalog));
    serde_to_py(py, &report)
}
