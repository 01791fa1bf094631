//! `CheckoutSession` (two steps: contact first, then delivery and payment; placing the order enforces
//! the price lock) and `ChangedLine`, carried by `PricesChangedError`.

use jiff::Timestamp;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use vitrina_core::checkout::{ChangedLine, CheckoutSession};
use vitrina_core::delivery::Address;
use vitrina_core::order::OrderNumber;
use vitrina_core::order::PaymentMethod;
use vitrina_core::order::{ContactDetails, DeliveryDetails};

use crate::cart::PyCart;
use crate::convert::{enum_arg, enum_name, from_json, from_py, serde_to_py, timestamp_or_now, to_json};
use crate::errors::{err, Class};
use crate::order::PyOrder;
use crate::pricing::{context_arg, PyPricedCart, PyPricer};
use crate::run::ToPy;

/// A shopper's checkout of one cart.
#[pyclass(module = "vitrina", name = "CheckoutSession")]
pub struct PyCheckoutSession {
    pub(crate) inner: CheckoutSession,
}

#[pymethods]
impl PyCheckoutSession {
    /// Step 1: starts checking out `cart` with the shopper's contact details (email normalised, phone
    /// optional), recorded at `at` (aware datetime or RFC 3339 text; default now).
    #[staticmethod]
    #[pyo3(signature = (cart, email, phone=None, at=None))]
    fn start(
        cart: PyRef<'_, PyCart>,
        email: &str,
        phone: Option<&str>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let at = timestamp_or_now(at, "at")?;
        let contact = ContactDetails::new(email, phone).map_err(err)?;
        let inner = CheckoutSession::start(&cart.inner, contact, at).map_err(err)?;
        Ok(PyCheckoutSession { inner })
    }

    /// A session from its JSON form.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PyCheckoutSession { inner: from_json(json, "checkout", Class::Checkout)? })
    }

    /// The session as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    /// Replaces the contact details (until the order is placed).
    #[pyo3(signature = (email, phone=None, at=None))]
    fn update_contact(&mut self, email: &str, phone: Option<&str>, at: Option<&Bound<'_, PyAny>>) -> PyResult<()> {
        let at = timestamp_or_now(at, "at")?;
        let contact = ContactDetails::new(email, phone).map_err(err)?;
        self.inner.update_contact(contact, at).map_err(err)
    }

    /// Step 2: records the delivery address (a dict: recipient, line1, line2, city, postal_code,
    /// region, country), the shipping method and the payment method (`card`, `bank_transfer`,
    /// `cash_on_delivery`, `wallet`, `gift_card`), with the pickup point, time slot or courier
    /// service the shopper picked, if any; call again to change them.
    #[pyo3(signature = (
        address, shipping_method_id, payment_method, at=None, *, pickup_point_id=None, slot_id=None,
        courier_service=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn set_delivery(
        &mut self,
        address: &Bound<'_, PyAny>,
        shipping_method_id: String,
        payment_method: &str,
        at: Option<&Bound<'_, PyAny>>,
        pickup_point_id: Option<String>,
        slot_id: Option<String>,
        courier_service: Option<String>,
    ) -> PyResult<()> {
        let at = timestamp_or_now(at, "at")?;
        let address: Address = from_py(address, "address", Class::Checkout)?;
        let payment_method: PaymentMethod = enum_arg(payment_method, "payment_method", Class::Checkout)?;
        let delivery = DeliveryDetails {
            pickup_point_id,
            slot_id,
            courier_service,
            ..DeliveryDetails::new(address, shipping_method_id, payment_method)
        };
        self.inner.set_delivery(delivery, at).map_err(err)
    }

    /// Places the order numbered `PREFIX-YEAR-SEQUENCE` (year of `at`, UTC). The cart is priced again
    /// (GIL released) with the chosen shipping method; if any unit price or the grand total differs
    /// from `confirmed`, raises `PricesChangedError` carrying the changed lines and the current priced
    /// cart, and the session stays as it was.
    #[pyo3(signature = (pricer, cart, context, confirmed, sequence, at=None, *, prefix="VT"))]
    #[allow(clippy::too_many_arguments)]
    fn place_order(
        &mut self,
        py: Python<'_>,
        pricer: PyRef<'_, PyPricer>,
        cart: PyRef<'_, PyCart>,
        context: &Bound<'_, PyAny>,
        confirmed: PyRef<'_, PyPricedCart>,
        sequence: u64,
        at: Option<&Bound<'_, PyAny>>,
        prefix: &str,
    ) -> PyResult<PyOrder> {
        let at = timestamp_or_now(at, "at")?;
        let number = OrderNumber::for_sequence(prefix, at, sequence).map_err(err)?;
        let context = context_arg(context)?;
        let (session, pricer, cart, confirmed) = (&mut self.inner, &pricer.inner, &cart.inner, &*confirmed.0);
        let context = context.get();
        let order = py.detach(|| session.place_order(pricer, cart, context, confirmed, number, at));
        Ok(PyOrder::new(order.map_err(err)?))
    }

    /// The moment the shopper was last active if the checkout is not placed and has been idle for at
    /// least `after_seconds` at `now`, else None: when to follow up an abandoned checkout from.
    fn abandoned_since(&self, now: &Bound<'_, PyAny>, after_seconds: i64) -> PyResult<Option<Timestamp>> {
        let now = crate::convert::extract_timestamp(now, "now")?;
        Ok(self.inner.abandoned_since(now, jiff::SignedDuration::from_secs(after_seconds)))
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    #[getter]
    fn cart_id(&self) -> &str {
        self.inner.cart_id()
    }
    #[getter]
    fn customer_id(&self) -> Option<&str> {
        self.inner.customer_id()
    }
    #[getter]
    fn email(&self) -> &str {
        &self.inner.contact().email
    }
    #[getter]
    fn phone(&self) -> Option<&str> {
        self.inner.contact().phone.as_deref()
    }
    #[getter]
    fn contact_recorded_at(&self) -> Timestamp {
        self.inner.contact_recorded_at()
    }
    /// The delivery choices as a dict (`address`, `shipping_method_id`, `payment_method`), or None.
    #[getter]
    fn delivery<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner.delivery().map(|d| serde_to_py(py, d)).transpose()
    }
    /// `contact_recorded`, `ready_to_place` or `placed`.
    #[getter]
    fn step(&self) -> String {
        enum_name(&self.inner.step())
    }
    #[getter]
    fn started_at(&self) -> Timestamp {
        self.inner.started_at()
    }
    #[getter]
    fn last_activity_at(&self) -> Timestamp {
        self.inner.last_activity_at()
    }
    #[getter]
    fn order_id(&self) -> Option<&str> {
        self.inner.order_id()
    }

    fn __repr__(&self) -> String {
        format!(
            "CheckoutSession(id={:?}, cart_id={:?}, step={:?})",
            self.inner.id(),
            self.inner.cart_id(),
            enum_name(&self.inner.step())
        )
    }
}

impl ToPy for CheckoutSession {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyCheckoutSession { inner: self })?.into_any())
    }
}

/// A line whose price differs between the confirmed and the current priced cart; a price of None
/// means the line is new (confirmed) or gone (current).
#[pyclass(module = "vitrina", name = "ChangedLine", frozen)]
pub struct PyChangedLine(pub(crate) ChangedLine);

#[pymethods]
impl PyChangedLine {
    #[getter]
    fn line_id(&self) -> &str {
        &self.0.line_id
    }
    #[getter]
    fn variant_id(&self) -> &str {
        &self.0.variant_id
    }
    #[getter]
    fn confirmed_unit_price(&self) -> Option<Decimal> {
        self.0.confirmed_unit_price
    }
    #[getter]
    fn current_unit_price(&self) -> Option<Decimal> {
        self.0.current_unit_price
    }

    fn __repr__(&self) -> String {
        format!(
            "ChangedLine(line_id={:?}, confirmed_unit_price={:?}, current_unit_price={:?})",
            self.0.line_id,
            self.0.confirmed_unit_price.map(|p| p.to_string()),
            self.0.current_unit_price.map(|p| p.to_string())
        )
    }
}
