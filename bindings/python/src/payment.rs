//! Payments: the `Payment` aggregate and its history, the gateway requests and results a Python
//! gateway sees and returns, the magic-card `TestGateway`, `InMemoryIdempotencyStore` and
//! `PaymentProcessor`, whose calls exist blocking (GIL released while the core runs on the binding's
//! tokio runtime) and as awaitables (`*_async`, for asyncio).

use std::sync::Arc;

use jiff::Timestamp;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use rust_decimal::Decimal;
use vitrina_core::event::Actor;
use vitrina_core::money::{Currency, Money};
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::{
    FollowUpRequest, GatewayErrorCode, GatewayResult, GatewayStatus, IdempotencyStore, InMemoryIdempotencyStore,
    Payment, PaymentError, PaymentGateway, PaymentProcessor, PaymentRequest, PaymentState, PaymentTransition, Refund,
    RefundState, RefundTransition, RequiredAction, TestGateway,
};

use crate::convert::{
    actor_arg, dataclass_repr, enum_arg, enum_name, extract_amount, from_json, from_py, serde_to_py, timestamp_or_now,
    to_json, to_value, value_to_py,
};
use crate::errors::{err, Class};
use crate::gateway::PythonGateway;
use crate::order::PyOrder;
use crate::run::ToPy;

fn money(amount: &Bound<'_, PyAny>, currency: Currency, field: &str) -> PyResult<Money> {
    Money::checked(extract_amount(amount, field)?, currency, field).map_err(err)
}

fn currency(code: &str) -> PyResult<Currency> {
    Currency::parse(code, "currency").map_err(err)
}

/// One attempt to collect an order's money through one method.
#[pyclass(module = "vitrina", name = "Payment")]
pub struct PyPayment {
    pub(crate) inner: Payment,
}

#[pymethods]
impl PyPayment {
    /// A pending payment of `amount` (positive, in `currency`) for order `order_id`, whose number
    /// `order_reference` the gateway shows.
    #[new]
    #[pyo3(signature = (order_id, order_reference, method, amount, currency, at=None))]
    fn new(
        order_id: &str,
        order_reference: &str,
        method: &str,
        amount: &Bound<'_, PyAny>,
        currency: &str,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let method: PaymentMethod = enum_arg(method, "method", Class::Payment)?;
        let amount = money(amount, self::currency(currency)?, "amount")?;
        let at = timestamp_or_now(at, "at")?;
        let inner = Payment::new(order_id, order_reference, method, amount, at).map_err(err)?;
        Ok(PyPayment { inner })
    }

    /// A pending payment of what the order still owes (its total less what was paid), by the order's
    /// payment method, referenced by the order's number.
    #[staticmethod]
    #[pyo3(signature = (order, at=None))]
    fn for_order(order: PyRef<'_, PyOrder>, at: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let order = &order.inner;
        let at = timestamp_or_now(at, "at")?;
        let due = order.total().checked_sub(&order.paid()).map_err(err)?;
        let method = order.delivery().payment_method;
        let inner = Payment::new(order.id(), order.number().as_str(), method, due, at).map_err(err)?;
        Ok(PyPayment { inner })
    }

    /// A payment from its JSON form.
    #[staticmethod]
    fn from_json(json: &str) -> PyResult<Self> {
        Ok(PyPayment { inner: from_json(json, "payment", Class::Payment)? })
    }

    /// The payment as compact JSON.
    fn to_json(&self) -> PyResult<String> {
        to_json(&self.inner)
    }

    /// An independent copy (a snapshot, as a store would keep it).
    fn copy(&self) -> PyPayment {
        PyPayment { inner: self.inner.clone() }
    }

    fn __copy__(&self) -> PyPayment {
        self.copy()
    }

    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }
    #[getter]
    fn order_id(&self) -> &str {
        self.inner.order_id()
    }
    #[getter]
    fn order_reference(&self) -> &str {
        self.inner.order_reference()
    }
    #[getter]
    fn method(&self) -> String {
        enum_name(&self.inner.method())
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.inner.amount().currency().code()
    }
    #[getter]
    fn amount(&self) -> Decimal {
        self.inner.amount().amount()
    }
    #[getter]
    fn authorized(&self) -> Decimal {
        self.inner.authorized().amount()
    }
    #[getter]
    fn captured(&self) -> Decimal {
        self.inner.captured().amount()
    }
    #[getter]
    fn refunded(&self) -> Decimal {
        self.inner.refunded().amount()
    }
    /// `pending`, `requires_action`, `authorized`, `partially_captured`, `captured`,
    /// `partially_refunded`, `refunded`, `voided`, `failed` or `expired`.
    #[getter]
    fn state(&self) -> &'static str {
        self.inner.state().as_str()
    }
    #[getter]
    fn gateway_reference(&self) -> Option<&str> {
        self.inner.gateway_reference()
    }
    /// The normalised error of the last refusal (`card_declined`, `processing_error`...), or None.
    #[getter]
    fn last_error(&self) -> Option<String> {
        self.inner.last_error().map(|e| enum_name(&e))
    }
    /// The refunds requested, oldest first.
    #[getter]
    fn refunds(&self) -> Vec<PyRefund> {
        self.inner.refunds().iter().cloned().map(PyRefund).collect()
    }
    /// Every state change, oldest first.
    #[getter]
    fn history(&self) -> Vec<PyPaymentTransition> {
        self.inner.history().iter().cloned().map(PyPaymentTransition).collect()
    }
    #[getter]
    fn created_at(&self) -> Timestamp {
        self.inner.created_at()
    }

    fn __repr__(&self) -> String {
        format!(
            "Payment(id={:?}, state={:?}, amount={})",
            self.inner.id(),
            self.inner.state().as_str(),
            self.inner.amount()
        )
    }
}

impl ToPy for Payment {
    fn to_py(self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        Ok(Py::new(py, PyPayment { inner: self })?.into_any())
    }
}

/// A recorded state change of a payment.
#[pyclass(module = "vitrina", name = "PaymentTransition", frozen)]
pub struct PyPaymentTransition(PaymentTransition);

#[pymethods]
impl PyPaymentTransition {
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
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
    /// What happened, in the tagged form with the amount as `Decimal` and its currency
    /// (`{"kind": "captured", "amount": Decimal("44.50"), "currency": "EUR"}`).
    #[getter]
    fn step<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let step = serde_to_py(py, &self.0.step)?;
        if let Some(amount) = self.0.step.amount() {
            step.set_item("amount", amount.amount())?;
            step.set_item("currency", amount.currency().code())?;
        }
        Ok(step)
    }
    /// The amount the step moved (authorized, purchased, captured, refunded), else None.
    #[getter]
    fn amount(&self) -> Option<Decimal> {
        self.0.step.amount().map(|m| m.amount())
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "PaymentTransition", &["at", "actor", "from_state", "to_state", "step"])
    }
}

/// A refund of (part of) a payment: amount, reason, state, the gateway's reference or error, when
/// and by whom it was requested, and its history.
#[pyclass(module = "vitrina", name = "Refund", frozen)]
pub struct PyRefund(Refund);

#[pymethods]
impl PyRefund {
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    /// The amount given back, in `currency`.
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.amount.currency().code()
    }
    #[getter]
    fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    #[getter]
    fn idempotency_key(&self) -> &str {
        &self.0.idempotency_key
    }
    /// `pending`, `succeeded` or `failed`.
    #[getter]
    fn state(&self) -> String {
        enum_name(&self.0.state)
    }
    #[getter]
    fn gateway_reference(&self) -> Option<&str> {
        self.0.gateway_reference.as_deref()
    }
    /// The gateway's normalised error when it failed, else None.
    #[getter]
    fn error(&self) -> Option<String> {
        self.0.error.as_ref().map(enum_name)
    }
    #[getter]
    fn requested_at(&self) -> Timestamp {
        self.0.requested_at
    }
    /// Who requested it, in the tagged form (`{"kind": "staff", "id": "ivan"}`).
    #[getter]
    fn requested_by<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.0.requested_by)
    }
    /// Every state change, oldest first.
    #[getter]
    fn history(&self) -> Vec<PyRefundTransition> {
        self.0.history.iter().cloned().map(PyRefundTransition).collect()
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "Refund", &["id", "amount", "currency", "state", "reason", "requested_at"])
    }
}

/// A recorded state change of a refund.
#[pyclass(module = "vitrina", name = "RefundTransition", frozen)]
pub struct PyRefundTransition(RefundTransition);

#[pymethods]
impl PyRefundTransition {
    #[getter]
    fn at(&self) -> Timestamp {
        self.0.at
    }
    #[getter]
    fn actor<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serde_to_py(py, &self.0.actor)
    }
    /// The state before.
    #[getter(from_state)]
    fn state_before(&self) -> String {
        enum_name(&self.0.from)
    }
    #[getter]
    fn to_state(&self) -> String {
        enum_name(&self.0.to)
    }

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        dataclass_repr(slf.as_any(), "RefundTransition", &["at", "actor", "from_state", "to_state"])
    }
}

/// A request that starts a payment (authorize, purchase, verify), as a gateway receives it.
#[pyclass(module = "vitrina", name = "PaymentRequest", frozen)]
pub struct PyPaymentRequest(pub(crate) PaymentRequest);

#[pymethods]
impl PyPaymentRequest {
    #[new]
    #[pyo3(signature = (idempotency_key, amount, currency, order_reference, method="card", token=None, return_url=None))]
    fn new(
        idempotency_key: String,
        amount: &Bound<'_, PyAny>,
        currency: &str,
        order_reference: String,
        method: &str,
        token: Option<String>,
        return_url: Option<String>,
    ) -> PyResult<Self> {
        let amount = money(amount, self::currency(currency)?, "amount")?;
        let method = enum_arg(method, "method", Class::Payment)?;
        Ok(PyPaymentRequest(PaymentRequest { idempotency_key, amount, order_reference, method, token, return_url }))
    }

    #[getter]
    fn idempotency_key(&self) -> &str {
        &self.0.idempotency_key
    }
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.amount.currency().code()
    }
    #[getter]
    fn order_reference(&self) -> &str {
        &self.0.order_reference
    }
    #[getter]
    fn method(&self) -> String {
        enum_name(&self.0.method)
    }
    /// The card, wallet or gift-card token (the test gateway takes a magic card number).
    #[getter]
    fn token(&self) -> Option<&str> {
        self.0.token.as_deref()
    }
    #[getter]
    fn return_url(&self) -> Option<&str> {
        self.0.return_url.as_deref()
    }

    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(&self) -> String {
        format!("PaymentRequest(idempotency_key={:?}, amount={})", self.0.idempotency_key, self.0.amount)
    }
}

/// A request about an existing gateway transaction (capture, void, refund, complete an action).
#[pyclass(module = "vitrina", name = "FollowUpRequest", frozen)]
pub struct PyFollowUpRequest(pub(crate) FollowUpRequest);

#[pymethods]
impl PyFollowUpRequest {
    #[new]
    #[pyo3(signature = (idempotency_key, amount, currency, order_reference, gateway_reference, reason=None, payload=None))]
    fn new(
        idempotency_key: String,
        amount: &Bound<'_, PyAny>,
        currency: &str,
        order_reference: String,
        gateway_reference: String,
        reason: Option<String>,
        payload: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let amount = money(amount, self::currency(currency)?, "amount")?;
        let payload = payload.map(|p| to_value(p, "payload")).transpose()?.unwrap_or_default();
        Ok(PyFollowUpRequest(FollowUpRequest {
            idempotency_key,
            amount,
            order_reference,
            gateway_reference,
            reason,
            payload,
        }))
    }

    #[getter]
    fn idempotency_key(&self) -> &str {
        &self.0.idempotency_key
    }
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.amount.currency().code()
    }
    #[getter]
    fn order_reference(&self) -> &str {
        &self.0.order_reference
    }
    #[getter]
    fn gateway_reference(&self) -> &str {
        &self.0.gateway_reference
    }
    #[getter]
    fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }
    /// What the shopper brought back from 3-D Secure or a redirect (complete_action), else None.
    #[getter]
    fn payload<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        value_to_py(py, &self.0.payload)
    }

    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "FollowUpRequest(idempotency_key={:?}, gateway_reference={:?}, amount={})",
            self.0.idempotency_key, self.0.gateway_reference, self.0.amount
        )
    }
}

/// A gateway's answer to one operation. A decline is a result with status `failed` and an `error`
/// code, not an exception.
#[pyclass(module = "vitrina", name = "GatewayResult", frozen)]
pub struct PyGatewayResult(pub(crate) GatewayResult);

#[pymethods]
impl PyGatewayResult {
    /// `status`: `pending`, `requires_action`, `authorized`, `captured`, `voided`, `refunded`,
    /// `failed` or `expired`; `amount` in `currency` is what the gateway acted on (it must echo the
    /// request's); `error` a normalised code (`card_declined`, `insufficient_funds`...); `action` for
    /// `requires_action` (`{"kind": "redirect", "url": ...}`); `raw` the provider's answer.
    #[new]
    #[pyo3(signature = (status, gateway_reference, amount, currency, *, error=None, message=None, action=None, raw=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        status: &str,
        gateway_reference: String,
        amount: &Bound<'_, PyAny>,
        currency: &str,
        error: Option<&str>,
        message: Option<String>,
        action: Option<&Bound<'_, PyAny>>,
        raw: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let status: GatewayStatus = enum_arg(status, "status", Class::Gateway)?;
        let amount = money(amount, self::currency(currency)?, "amount")?;
        let error: Option<GatewayErrorCode> = error.map(|e| enum_arg(e, "error", Class::Gateway)).transpose()?;
        let action: Option<RequiredAction> = action.map(|a| from_py(a, "action", Class::Gateway)).transpose()?;
        let raw = raw.map(|r| to_value(r, "raw")).transpose()?.unwrap_or_default();
        Ok(PyGatewayResult(GatewayResult { status, gateway_reference, amount, error, message, action, raw }))
    }

    #[getter]
    fn status(&self) -> String {
        enum_name(&self.0.status)
    }
    #[getter]
    fn gateway_reference(&self) -> &str {
        &self.0.gateway_reference
    }
    #[getter]
    fn amount(&self) -> Decimal {
        self.0.amount.amount()
    }
    #[getter]
    fn currency(&self) -> &'static str {
        self.0.amount.currency().code()
    }
    #[getter]
    fn error(&self) -> Option<String> {
        self.0.error.map(|e| enum_name(&e))
    }
    #[getter]
    fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }
    #[getter]
    fn action<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.0.action.as_ref().map(|a| serde_to_py(py, a)).transpose()
    }
    #[getter]
    fn raw<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        value_to_py(py, &self.0.raw)
    }

    fn to_json(&self) -> PyResult<String> {
        to_json(&self.0)
    }

    fn __repr__(&self) -> String {
        format!(
            "GatewayResult(status={:?}, gateway_reference={:?}, amount={}, error={:?})",
            enum_name(&self.0.status),
            self.0.gateway_reference,
            self.0.amount,
            self.0.error.map(|e| enum_name(&e))
        )
    }
}

/// The built-in test gateway (the bridge's `test_gateway`): magic card numbers
/// (`TEST_CARD_SUCCESS`, `TEST_CARD_DECLINED`, `TEST_CARD_THREE_D_SECURE`, `TEST_CARD_TIMEOUT`...)
/// as tokens, transactions kept in memory, webhooks signed with `webhook_secret`.
#[pyclass(module = "vitrina", name = "TestGateway", frozen)]
pub struct PyTestGateway(Arc<TestGateway>);

#[pymethods]
impl PyTestGateway {
    #[new]
    #[pyo3(signature = (webhook_secret="whsec_test"))]
    fn new(webhook_secret: &str) -> Self {
        PyTestGateway(vitrina_bridge::test_gateway(webhook_secret))
    }

    #[getter]
    fn name(&self) -> String {
        self.0.name().to_owned()
    }

    fn __repr__(&self) -> String {
        "TestGateway()".to_owned()
    }
}

/// Stripe (name `stripe`): card payments over PaymentIntents, refunds, 3-D Secure and signed
/// webhooks. Configured by keywords: `api_key`, optionally `webhook_secrets` (a list; two while
/// rolling one), `base_url` (a test server), `timeout_seconds` and `max_retries`. Neither the key nor
/// the secrets appear in `repr` or errors.
#[pyclass(module = "vitrina", name = "StripeGateway", frozen)]
pub struct PyStripeGateway(Arc<dyn PaymentGateway>);

#[pymethods]
impl PyStripeGateway {
    #[new]
    #[pyo3(signature = (**config))]
    fn new(config: Option<&Bound<'_, pyo3::types::PyDict>>) -> PyResult<Self> {
        vitrina_bridge::stripe_gateway(crate::convert::keywords(config)?).map(PyStripeGateway).map_err(err)
    }

    #[getter]
    fn name(&self) -> String {
        self.0.name().to_owned()
    }

    fn __repr__(&self) -> String {
        "StripeGateway()".to_owned()
    }
}

/// Idempotency keys and first results, in memory (for tests and single-process shops).
#[pyclass(module = "vitrina", name = "InMemoryIdempotencyStore", frozen)]
pub struct PyInMemoryIdempotencyStore(Arc<InMemoryIdempotencyStore>);

#[pymethods]
impl PyInMemoryIdempotencyStore {
    #[new]
    fn new() -> Self {
        PyInMemoryIdempotencyStore(Arc::new(InMemoryIdempotencyStore::new()))
    }

    fn __len__(&self) -> usize {
        self.0.len()
    }
}

/// One processor operation, run on a copy of the payment (see [`execute`]).
enum Operation {
    Authorize { token: Option<String>, key: String },
    Purchase { token: Option<String>, key: String },
    Capture { amount: Money, key: String },
    Void { key: String },
    Refund { amount: Money, reason: Option<String>, key: String, actor: Actor },
    CompleteAction { payload: serde_json::Value, key: String },
    Sync,
}

/// What an operation returns: the payment's new state (None: unchanged), or a refund's state.
enum Outcome {
    State(Option<PaymentState>),
    Refund(RefundState),
}

impl Outcome {
    fn name(&self) -> Option<String> {
        match self {
            Outcome::State(state) => state.map(|s| s.as_str().to_owned()),
            Outcome::Refund(state) => Some(enum_name(state)),
        }
    }
}

/// Runs `operation` on `payment` and gives the payment back with the result: the payment may have
/// changed even when the call failed (a refund stays requested, pending, for a retry with its key).
async fn execute(
    processor: Arc<PaymentProcessor>,
    mut payment: Payment,
    operation: Operation,
    at: Timestamp,
) -> (Payment, Result<Outcome, PaymentError>) {
    let p = &mut payment;
    let result = match operation {
        Operation::Authorize { token, key } => processor.authorize(p, token, &key, at).await.map(Outcome::State),
        Operation::Purchase { token, key } => processor.purchase(p, token, &key, at).await.map(Outcome::State),
        Operation::Capture { amount, key } => processor.capture(p, amount, &key, at).await.map(Outcome::State),
        Operation::Void { key } => processor.void(p, &key, at).await.map(Outcome::State),
        Operation::Refund { amount, reason, key, actor } => {
            processor.refund(p, amount, reason, &key, actor, at).await.map(Outcome::Refund)
        }
        Operation::CompleteAction { payload, key } => {
            processor.complete_action(p, payload, &key, at).await.map(Outcome::State)
        }
        Operation::Sync => processor.sync(p, at).await.map(Outcome::State),
    };
    (payment, result)
}

/// Writes the payment back into its Python object and converts the result.
fn finish(
    py: Python<'_>,
    target: &Py<PyPayment>,
    payment: Payment,
    result: Result<Outcome, PaymentError>,
) -> PyResult<Option<String>> {
    target.bind(py).try_borrow_mut()?.inner = payment;
    Ok(result.map_err(err)?.name())
}

/// Runs payments through one gateway with idempotency keys: a repeat of a call with its key returns
/// the first result without calling the gateway again; the same key with other parameters raises
/// `IdempotencyError`. Every call has a blocking form (GIL released while the core runs) and an
/// awaitable `*_async` form; a gateway written with `async def` is awaited on the caller's loop by
/// the `*_async` forms and run with `asyncio.run` on a worker thread by the blocking ones. Run one
/// operation at a time on a given payment.
#[pyclass(module = "vitrina", name = "PaymentProcessor", frozen)]
pub struct PyPaymentProcessor {
    inner: Arc<PaymentProcessor>,
    gateway_name: String,
}

impl PyPaymentProcessor {
    fn operation(
        &self,
        py: Python<'_>,
        payment: &Bound<'_, PyPayment>,
        operation: Operation,
        at: Timestamp,
    ) -> PyResult<Option<String>> {
        let snapshot = payment.try_borrow()?.inner.clone();
        let processor = self.inner.clone();
        let runtime = pyo3_async_runtimes::tokio::get_runtime();
        let joined = py.detach(|| runtime.block_on(runtime.spawn(execute(processor, snapshot, operation, at))));
        let (updated, result) = joined.map_err(|e| PyRuntimeError::new_err(format!("payment task failed: {e}")))?;
        finish(py, &payment.clone().unbind(), updated, result)
    }

    fn operation_async<'py>(
        &self,
        py: Python<'py>,
        payment: &Bound<'py, PyPayment>,
        operation: Operation,
        at: Timestamp,
    ) -> PyResult<Bound<'py, PyAny>> {
        let snapshot = payment.try_borrow()?.inner.clone();
        let target = payment.clone().unbind();
        let processor = self.inner.clone();
        pyo3_async_runtimes::tokio::future_into_py(py, async move {
            let (updated, result) = execute(processor, snapshot, operation, at).await;
            Python::attach(|py| finish(py, &target, updated, result))
        })
    }

    fn payment_money(payment: &Bound<'_, PyPayment>, amount: &Bound<'_, PyAny>) -> PyResult<Money> {
        money(amount, payment.try_borrow()?.inner.amount().currency(), "amount")
    }

    fn refund_operation(
        payment: &Bound<'_, PyPayment>,
        amount: &Bound<'_, PyAny>,
        key: String,
        reason: Option<String>,
        actor: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Operation> {
        let amount = Self::payment_money(payment, amount)?;
        let actor = match actor {
            Some(actor) if !actor.is_none() => actor_arg(actor, "actor", Class::Payment)?,
            _ => Actor::System,
        };
        Ok(Operation::Refund { amount, reason, key, actor })
    }
}

/// A gateway given from Python: a `TestGateway`, a `StripeGateway`, or any object implementing the
/// gateway protocol.
pub(crate) fn gateway_arg(gateway: &Bound<'_, PyAny>) -> PyResult<Arc<dyn PaymentGateway>> {
    if let Ok(test) = gateway.cast::<PyTestGateway>() {
        return Ok(test.get().0.clone());
    }
    if let Ok(stripe) = gateway.cast::<PyStripeGateway>() {
        return Ok(stripe.get().0.clone());
    }
    Ok(Arc::new(PythonGateway::new(gateway)?))
}

#[pymethods]
impl PyPaymentProcessor {
    /// A processor calling `gateway`: a `TestGateway`, or any object implementing the gateway
    /// protocol (`authorize`, `purchase`, `capture`, `void`, `refund`, ... as `def` or `async def`).
    /// Keys are recorded in `store`: an `InMemoryIdempotencyStore` or a `Store` (its durable
    /// ledger, shared by every process on the database); default a new in-memory store.
    #[new]
    #[pyo3(signature = (gateway, store=None))]
    fn new(gateway: &Bound<'_, PyAny>, store: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let gateway = gateway_arg(gateway)?;
        let store: Arc<dyn IdempotencyStore> = match store {
            Some(store) => store.cast::<PyInMemoryIdempotencyStore>()?.get().0.clone(),
            None => Arc::new(InMemoryIdempotencyStore::new()),
        };
        let gateway_name = gateway.name().to_owned();
        Ok(PyPaymentProcessor { inner: Arc::new(PaymentProcessor::new(gateway, store)), gateway_name })
    }

    /// The gateway's name, recorded as the actor of the changes it causes.
    #[getter]
    fn gateway_name(&self) -> &str {
        &self.gateway_name
    }

    /// Authorizes the payment's amount with `token`; returns the new state (None: still pending).
    #[pyo3(signature = (payment, token, key, at=None))]
    fn authorize(
        &self,
        py: Python<'_>,
        payment: &Bound<'_, PyPayment>,
        token: Option<String>,
        key: String,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let at = timestamp_or_now(at, "at")?;
        self.operation(py, payment, Operation::Authorize { token, key }, at)
    }

    #[pyo3(signature = (payment, token, key, at=None))]
    fn authorize_async<'py>(
        &self,
        py: Python<'py>,
        payment: &Bound<'py, PyPayment>,
        token: Option<String>,
        key: String,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = timestamp_or_now(at, "at")?;
        self.operation_async(py, payment, Operation::Authorize { token, key }, at)
    }

    /// Authorizes and captures the payment's amount at once.
    #[pyo3(signature = (payment, token, key, at=None))]
    fn purchase(
        &self,
        py: Python<'_>,
        payment: &Bound<'_, PyPayment>,
        token: Option<String>,
        key: String,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let at = timestamp_or_now(at, "at")?;
        self.operation(py, payment, Operation::Purchase { token, key }, at)
    }

    #[pyo3(signature = (payment, token, key, at=None))]
    fn purchase_async<'py>(
        &self,
        py: Python<'py>,
        payment: &Bound<'py, PyPayment>,
        token: Option<String>,
        key: String,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = timestamp_or_now(at, "at")?;
        self.operation_async(py, payment, Operation::Purchase { token, key }, at)
    }

    /// Captures `amount` (all or part of what is left of the authorization).
    #[pyo3(signature = (payment, amount, key, at=None))]
    fn capture(
        &self,
        py: Python<'_>,
        payment: &Bound<'_, PyPayment>,
        amount: &Bound<'_, PyAny>,
        key: String,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let at = timestamp_or_now(at, "at")?;
        let amount = Self::payment_money(payment, amount)?;
        self.operation(py, payment, Operation::Capture { amount, key }, at)
    }

    #[pyo3(signature = (payment, amount, key, at=None))]
    fn capture_async<'py>(
        &self,
        py: Python<'py>,
        payment: &Bound<'py, PyPayment>,
        amount: &Bound<'py, PyAny>,
        key: String,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = timestamp_or_now(at, "at")?;
        let amount = Self::payment_money(payment, amount)?;
        self.operation_async(py, payment, Operation::Capture { amount, key }, at)
    }

    /// Releases the authorization.
    #[pyo3(signature = (payment, key, at=None))]
    fn void(
        &self,
        py: Python<'_>,
        payment: &Bound<'_, PyPayment>,
        key: String,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let at = timestamp_or_now(at, "at")?;
        self.operation(py, payment, Operation::Void { key }, at)
    }

    #[pyo3(signature = (payment, key, at=None))]
    fn void_async<'py>(
        &self,
        py: Python<'py>,
        payment: &Bound<'py, PyPayment>,
        key: String,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = timestamp_or_now(at, "at")?;
        self.operation_async(py, payment, Operation::Void { key }, at)
    }

    /// Refunds `amount` of what was captured, requested by `actor` (default `"system"`); returns the
    /// refund's state (`pending` when the gateway has not decided or the call failed: retry with the
    /// same key).
    #[pyo3(signature = (payment, amount, key, *, reason=None, actor=None, at=None))]
    #[allow(clippy::too_many_arguments)]
    fn refund(
        &self,
        py: Python<'_>,
        payment: &Bound<'_, PyPayment>,
        amount: &Bound<'_, PyAny>,
        key: String,
        reason: Option<String>,
        actor: Option<&Bound<'_, PyAny>>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let at = timestamp_or_now(at, "at")?;
        let operation = Self::refund_operation(payment, amount, key, reason, actor)?;
        self.operation(py, payment, operation, at)
    }

    #[pyo3(signature = (payment, amount, key, *, reason=None, actor=None, at=None))]
    #[allow(clippy::too_many_arguments)]
    fn refund_async<'py>(
        &self,
        py: Python<'py>,
        payment: &Bound<'py, PyPayment>,
        amount: &Bound<'py, PyAny>,
        key: String,
        reason: Option<String>,
        actor: Option<&Bound<'py, PyAny>>,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = timestamp_or_now(at, "at")?;
        let operation = Self::refund_operation(payment, amount, key, reason, actor)?;
        self.operation_async(py, payment, operation, at)
    }

    /// Resumes a payment in `requires_action` with what the shopper brought back (`payload`, a dict).
    #[pyo3(signature = (payment, payload, key, at=None))]
    fn complete_action(
        &self,
        py: Python<'_>,
        payment: &Bound<'_, PyPayment>,
        payload: &Bound<'_, PyAny>,
        key: String,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let at = timestamp_or_now(at, "at")?;
        let payload = to_value(payload, "payload")?;
        self.operation(py, payment, Operation::CompleteAction { payload, key }, at)
    }

    #[pyo3(signature = (payment, payload, key, at=None))]
    fn complete_action_async<'py>(
        &self,
        py: Python<'py>,
        payment: &Bound<'py, PyPayment>,
        payload: &Bound<'py, PyAny>,
        key: String,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = timestamp_or_now(at, "at")?;
        let payload = to_value(payload, "payload")?;
        self.operation_async(py, payment, Operation::CompleteAction { payload, key }, at)
    }

    /// Resolves a payment whose outcome is unknown (pending after a timeout, or requires_action) from
    /// the gateway's current state; returns the new state, or None when nothing changed.
    #[pyo3(signature = (payment, at=None))]
    fn sync(
        &self,
        py: Python<'_>,
        payment: &Bound<'_, PyPayment>,
        at: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Option<String>> {
        let at = timestamp_or_now(at, "at")?;
        self.operation(py, payment, Operation::Sync, at)
    }

    #[pyo3(signature = (payment, at=None))]
    fn sync_async<'py>(
        &self,
        py: Python<'py>,
        payment: &Bound<'py, PyPayment>,
        at: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let at = timestamp_or_now(at, "at")?;
        self.operation_async(py, payment, Operation::Sync, at)
    }

    fn __repr__(&self) -> String {
        format!("PaymentProcessor(gateway={:?})", self.gateway_name)
    }
}

/// The magic card numbers of the test gateway, added to the module as `TEST_CARD_*` constants.
pub(crate) fn register_constants(m: &Bound<'_, PyModule>) -> PyResult<()> {
    use vitrina_core::payment::*;
    for (name, value) in [
        ("TEST_CARD_SUCCESS", TEST_CARD_SUCCESS),
        ("TEST_CARD_DECLINED", TEST_CARD_DECLINED),
        ("TEST_CARD_INSUFFICIENT_FUNDS", TEST_CARD_INSUFFICIENT_FUNDS),
        ("TEST_CARD_EXPIRED", TEST_CARD_EXPIRED),
        ("TEST_CARD_PROCESSING_ERROR", TEST_CARD_PROCESSING_ERROR),
        ("TEST_CARD_THREE_D_SECURE", TEST_CARD_THREE_D_SECURE),
        ("TEST_CARD_TIMEOUT", TEST_CARD_TIMEOUT),
    ] {
        m.add(name, value)?;
    }
    Ok(())
}
