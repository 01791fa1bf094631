//! `Order` (the aggregate with its state machine and history) and `OrderTransition`, one recorded move.

use jiff::Timestamp;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use vitrina_core::event::Actor;
use vitrina_core::money::{Currency, Money};
use vitrina_core::order::{Order, OrderState, OrderTransition, Rebalance};

use crate::cart::PyCart;
use crate::convert::{
    actor_arg, dataclass_repr, enum_arg, enum_name, extract_amount, from_json, serde_to_py, timestamp_or_now, to_json,
};
use crate::errors::{err, Class};
use crate::pricing::PyPricedCart;
use crate::run::ToPy;

/// An order: the cart and priced cart as confirmed, contact and delivery, state and history.
#[pyclass(module = "vitrina", name = "Order")]
pub struct PyOrder {
    pub(crate) inner: Order,
}

impl PyOrder {
    pub(crate) fn new(inner: Order) -> PyOrder {
        PyOrder { inner }
    }
}

fn state_arg(state: &str) -> PyResult<OrderState> {
    enum_arg(state, "to", Class::Order)
}

#[pymethods]
impl PyOrder {
    /// An order from its JSON form.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PyOrder { inner: from_json(json, "order", Class::Order)? })
    }

    /// The order as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    /// Moves the order to state `to` if the state machine allows it, recording the move with `actor`
    /// (`"system"`, the default, or a dict such as `{"kind": "staff", "id": "ivan"}`), `at` (default now) and
    /// `note`. A refused move raises `IllegalTransitionError` (or `OrderError` with code
    /// `payment_required`) and changes nothing.
    #[pyo3(signature = (to, actor=None, at=None, note=None))]
    fn transition(
        &mut self,
        to: &str,
        actor: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
        note: Option<String>,
    ) -> PyResult<()> {
        let to = state_arg(to)?;
        let actor = match actor {
            Some(actor) if !actor.is_none() => actor_arg(actor, "actor", Class::Order)?,
            _ => Actor::System,
        };
        let at = timestamp_or_now(at, "at")?;
        self.inner.transition(to, actor, at, note).map_err(err)
    }

    /// Whether `transition(to, ...)` would be accepted now.
    fn can_transition(&self, to: &str) -> PyResult<bool> {
        Ok(self.inner.check_transition(state_arg(to)?).is_ok())
    }

    /// Records money received (a capture, a transfer, cash collected) in the order's currency and
    /// returns the `Balance` (`settled`, `amount_due` or `refund_owed`, with the amount).
    fn record_payment(&mut self, amount: &Bound<'_, PyAny>) -> PyResult<PyBalance> {
        let amount = self.money(amount, "amount")?;
        let balance = self.inner.record_payment(amount).map_err(err)?;
        Ok(self.balance_of(balance))
    }

    /// Records money given back; never more than was received. Returns the `Balance`.
    fn record_refund(&mut self, amount: &Bound<'_, PyAny>) -> PyResult<PyBalance> {
        let amount = self.money(amount, "amount")?;
        let balance = self.inner.record_refund(amount).map_err(err)?;
        Ok(self.balance_of(balance))
    }

    /// What is left to settle, as a `Balance`.
    fn balance(&self) -> PyResult<PyBalance> {
        Ok(self.balance_of(self.inner.balance().map_err(err)?))
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    /// The human-friendly number (`VT-2026-000123`).
    #[getter]
    fn number(&self) -> &str {
        self.inner.number().as_str()
    }
    /// The ISO 11649 reference a bank transfer must quote (`RF...`, electronic form).
    #[getter]
    fn payment_reference(&self) -> &str {
        self.inner.payment_reference().as_str()
    }
    /// The payment reference in groups of four, as printed.
    #[getter]
    fn payment_reference_formatted(&self) -> String {
        self.inner.payment_reference().formatted()
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
    /// Address, shipping method and payment method, as a dict.
    #[getter]
    fn delivery<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, self.inner.delivery())
    }
    #[getter]
    fn payment_method(&self) -> String {
        enum_name(&self.inner.delivery().payment_method)
    }
    /// A copy of the cart as ordered.
    #[getter]
    fn cart(&self) -> PyCart {
        PyCart { inner: self.inner.cart().clone() }
    }
    /// The priced cart as the shopper confirmed it (or as the last back-office edit re-priced it).
    #[getter]
    fn priced(&self) -> PyPricedCart {
        PyPricedCart(std::sync::Arc::new(self.inner.priced().clone()))
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.inner.total().currency().code()
    }
    #[getter]
    fn total(&self) -> Decimal {
        self.inner.total().amount()
    }
    /// Money received, net of refunds.
    #[getter]
    fn paid(&self) -> Decimal {
        self.inner.paid().amount()
    }
    /// The state's snake_case name (`pending_payment`, `paid`, `shipped`...).
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.state().as_str()
    }
    #[getter]
    fn placed_at(&self) -> Timestamp {
        self.inner.placed_at()
    }
    /// Who placed the order, in the tagged form (`{"kind": "shopper", "customer_id": ...}`).
    #[getter]
    fn placed_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, self.inner.placed_by())
    }
    /// Every state change, oldest first.
    #[getter]
    fn history(&self) -> Vec<PyOrderTransition> {
        self.inner.history().iter().cloned().map(PyOrderTransition).collect()
    }

    /// The domain events recorded since the last call (`order_placed`, `order_state_changed`...),
    /// as `RecordedEvent`s for `Notifier.notify`, leaving none behind.
    fn take_events(&mut self) -> Vec<crate::events::PyRecordedEvent> {
        crate::events::events(self.inner.take_events())
    }

    /// An independent copy of the order.
    fn copy(&self) -> PyOrder {
        PyOrder { inner: self.inner.clone() }
    }

    fn __repr__(&self) -> String {
        format!(
            "Order(number={:?}, state={:?}, total={})",
            self.inner.number().as_str(),
            self.inner.state().as_str(),
            self.inner.total()
        )
    }
}

impl PyOrder {
    fn balance_of(&self, balance: Rebalance) -> PyBalance {
        PyBalance { balance, currency: self.inner.total().currency() }
    }

    fn money(&self, amount: &Bound<'_, PyAny>, field: &str) -> PyResult<Money> {
        let amount = extract_amount(amount, field)?;
        Money::checked(amount, self.inner.total().currency(), field).map_err(err)
    }
}

impl ToPy for Order {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyOrder::new(self))?.into_any())
    }
}

/// The balance of an order: `settled`, or the `amount` the shopper still owes (`amount_due`) or
/// the shop owes back (`refund_owed`), a positive `Decimal` in `currency` (zero when settled).
#[pyclass(module = "vitrina", name = "Balance", frozen, eq)]
#[derive(PartialEq)]
pub struct PyBalance {
    balance: Rebalance,
    currency: Currency,
}

#[pymethods]
impl PyBalance {
    /// `settled`, `amount_due` or `refund_owed`.
    #[getter]
    fn kind(&self) -> &'static str {
        match self.balance {
            Rebalance::Settled => "settled",
            Rebalance::AmountDue { .. } => "amount_due",
            Rebalance::RefundOwed { .. } => "refund_owed",
        }
    }
    /// What is owed (either way), zero when settled.
    #[getter]
    fn amount(&self) -> Decimal {
        match self.balance {
            Rebalance::Settled => Money::zero(self.currency).amount(),
            Rebalance::AmountDue { amount } | Rebalance::RefundOwed { amount } => amount.amount(),
        }
    }
    /// The ISO 4217 code of `amount` (the order's currency).
    #[getter]
    fn currency(&self) -> &'static str {
        self.currency.code()
    }
    /// Whether nothing is owed either way.
    #[getter]
    fn settled(&self) -> bool {
        self.balance == Rebalance::Settled
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "Balance", &["kind", "amount", "currency"])
    }
}

/// A recorded state change of an order.
#[pyclass(module = "vitrina", name = "OrderTransition", frozen)]
pub struct PyOrderTransition(OrderTransition);

#[pymethods]
impl PyOrderTransition {
    /// When (an aware datetime, UTC).
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    /// Who, in the tagged form (`{"kind": "system"}`, `{"kind": "staff", "id": "ivan"}`).
    #[getter]
    fn actor<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.0.actor)
    }
    /// The state before.
    #[getter(from_state)]
    fn state_before(&self) -> &'static str {
        self.0.from.as_str()
    }
    #[getter]
    fn to_state(&self) -> &'static str {
        self.0.to.as_str()
    }
    #[getter]
    fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "OrderTransition", &["at", "actor", "from_state", "to_state", "note"])
    }
}
