//! Payment gateways for the `Shop`: the requests a gateway written in Python is given and the
//! results it returns, the magic-card `TestGateway` and Stripe; the shop runs the payments.

use std::sync::Arc;

use pyo3::prelude::*;
use rust_decimal::Decimal;
use vitrina_core::money::{Currency, Money};
use vitrina_core::payment::{
    FollowUpRequest, GatewayErrorCode, GatewayResult, GatewayStatus, PaymentGateway, PaymentRequest, RequiredAction,
    TestGateway,
};

use crate::convert::{enum_arg, enum_name, extract_amount, from_py, serde_to_py, to_json, to_value, value_to_py};
use crate::errors::err;
use crate::gateway::PythonGateway;

fn money(amount: &Bound<'_, PyAny>, currency: Currency, field: &str) -> PyResult<Money> {
    Money::checked(extract_amount(amount, field)?, currency, field).map_err(err)
}

fn currency(code: &str) -> PyResult<Currency> {
    Currency::parse(code, "currency").map_err(err)
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
        let method = enum_arg(method, "method")?;
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
        let status: GatewayStatus = enum_arg(status, "status")?;
        let amount = money(amount, self::currency(currency)?, "amount")?;
        let error: Option<GatewayErrorCode> = error.map(|e| enum_arg(e, "error")).transpose()?;
        let action: Option<RequiredAction> = action.map(|a| from_py(a, "action")).transpose()?;
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

/// A gateway for `Shop.open`: a `TestGateway`, a `StripeGateway`, or any object implementing the
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
