//! A payment gateway written in Python, as the core's `PaymentGateway` trait: `PythonGateway` holds
//! the Python object (`Py<PyAny>`) and calls its methods with the GIL held. A method may be a plain
//! `def` or an `async def`: a coroutine is awaited on the asyncio loop of the `*_async` call that got
//! here (pyo3-async-runtimes task locals), or, for a blocking call (no loop on the tokio worker
//! thread), run to completion with `asyncio.run`.
//!
//! A Python exception (or a return value that is not a `GatewayResult`) in any call to the provider
//! is `GatewayError::Unavailable`, never a crash: the provider may have acted before the failure, so
//! the outcome is unknown, the idempotency key stays free to repeat, and `sync` or the repeat settles
//! it (a refusal is a `GatewayResult` with status `failed`, returned, not raised). In
//! `parse_webhook` it is a rejected webhook. A missing method is `GatewayError::Unsupported`.

use async_trait::async_trait;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::Value;
use vitrina_core::payment::{
    FollowUpRequest, GatewayCapabilities, GatewayError, GatewayOperation, GatewayResult, PaymentGateway,
    PaymentRequest, WebhookError, WebhookEvent, WebhookRequest,
};

use crate::convert::{from_py, serde_to_py, to_value};
use crate::errors::invalid;
use crate::payment::{PyFollowUpRequest, PyGatewayResult, PyPaymentRequest};
use crate::plugin::{attribute, call, describe, name_of};

/// A gateway implemented by a Python object.
pub(crate) struct PythonGateway {
    object: Py<PyAny>,
    name: String,
    capabilities: GatewayCapabilities,
}

impl PythonGateway {
    /// Wraps `object`. Its `name` attribute (default: the class name) becomes the actor of the
    /// changes it causes; an optional `capabilities` dict (or method returning one) overrides the
    /// defaults (separate and partial captures, partial refunds and voids supported; verify, actions
    /// and webhooks when the object has the methods).
    pub(crate) fn new(object: &Bound<'_, PyAny>) -> PyResult<PythonGateway> {
        let name = name_of(object)?;
        let mut capabilities = serde_json::to_value(GatewayCapabilities {
            separate_capture: true,
            partial_capture: true,
            multiple_captures: true,
            partial_refund: true,
            void: object.hasattr("void")?,
            verify: object.hasattr("verify")?,
            actions: object.hasattr("complete_action")?,
            webhooks: object.hasattr("parse_webhook")?,
            currencies: Vec::new(),
        })
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        if let Some(given) = attribute(object, "capabilities")? {
            let given = if given.is_callable() { given.call0()? } else { given };
            if let (Value::Object(defaults), Value::Object(given)) =
                (&mut capabilities, to_value(&given, "capabilities")?)
            {
                defaults.extend(given);
            }
        }
        let capabilities = serde_json::from_value(capabilities).map_err(|e| invalid("capabilities", e))?;
        Ok(PythonGateway { object: object.clone().unbind(), name, capabilities })
    }

    /// A money-moving call: a Python failure leaves the outcome unknown.
    async fn money_call(
        &self,
        operation: GatewayOperation,
        argument: impl for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>>,
    ) -> Result<GatewayResult, GatewayError> {
        let Some(outcome) = call(&self.object, &operation.to_string(), argument).await else {
            return Err(GatewayError::Unsupported { operation });
        };
        self.answer(&operation.to_string(), outcome)
    }

    /// A read (`sync`, `refund_sync`): a Python failure leaves the outcome unknown.
    async fn read_call(&self, method: &str, reference: &str) -> Result<GatewayResult, GatewayError> {
        let reference_text = reference.to_owned();
        let Some(outcome) =
            call(&self.object, method, move |py| Ok(reference_text.into_pyobject(py)?.into_any())).await
        else {
            return Err(GatewayError::UnknownReference { reference: reference.to_owned() });
        };
        self.answer(method, outcome)
    }

    /// The `GatewayResult` a Python call returned; an exception or another value is
    /// `GatewayError::Unavailable` (the outcome is unknown).
    fn answer(&self, method: &str, outcome: PyResult<Py<PyAny>>) -> Result<GatewayResult, GatewayError> {
        Python::attach(|py| outcome.and_then(|value| extract_result(value.bind(py))).map_err(|e| describe(py, &e)))
            .map_err(|(kind, message)| GatewayError::Unavailable {
                reason: format!("the {} gateway failed in {method}: {kind}: {message}", self.name),
            })
    }
}

/// A `GatewayResult`, or a dict in its JSON form (amount as `"12.50 EUR"`).
fn extract_result(value: &Bound<'_, PyAny>) -> PyResult<GatewayResult> {
    if let Ok(result) = value.cast::<PyGatewayResult>() {
        return Ok(result.get().0.clone());
    }
    if value.is_instance_of::<PyDict>() {
        return from_py(value, "result");
    }
    Err(pyo3::exceptions::PyTypeError::new_err(format!(
        "expected a GatewayResult, got {}",
        value.get_type().name().map(|n| n.to_string()).unwrap_or_default()
    )))
}

fn opening(request: &PaymentRequest) -> impl for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>> + '_ {
    move |py| Ok(Bound::new(py, PyPaymentRequest(request.clone()))?.into_any())
}

fn follow_up(request: &FollowUpRequest) -> impl for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>> + '_ {
    move |py| Ok(Bound::new(py, PyFollowUpRequest(request.clone()))?.into_any())
}

fn webhook_argument(webhook: &WebhookRequest) -> impl for<'py> FnOnce(Python<'py>) -> PyResult<Bound<'py, PyAny>> + '_ {
    move |py| serde_to_py(py, webhook)
}

#[async_trait]
impl PaymentGateway for PythonGateway {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> GatewayCapabilities {
        self.capabilities.clone()
    }

    async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.money_call(GatewayOperation::Authorize, opening(request)).await
    }

    async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.money_call(GatewayOperation::Capture, follow_up(request)).await
    }

    async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.money_call(GatewayOperation::Purchase, opening(request)).await
    }

    async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.money_call(GatewayOperation::Void, follow_up(request)).await
    }

    async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.money_call(GatewayOperation::Refund, follow_up(request)).await
    }

    async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.money_call(GatewayOperation::Verify, opening(request)).await
    }

    async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.read_call("sync", gateway_reference).await
    }

    async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.read_call("refund_sync", refund_reference).await
    }

    async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.money_call(GatewayOperation::CompleteAction, follow_up(request)).await
    }

    /// Calls `parse_webhook(webhook)` with the request as a dict (`headers`, `body`, `received_at`);
    /// it returns the event as a dict in its JSON form.
    async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
        let Some(outcome) = call(&self.object, "parse_webhook", webhook_argument(webhook)).await else {
            let reason = format!("the {} gateway has no parse_webhook", self.name);
            return Err(WebhookError::InvalidConfig { reason }.into());
        };
        Python::attach(|py| {
            outcome
                .and_then(|value| from_py::<WebhookEvent>(value.bind(py), "webhook_event"))
                .map_err(|e| describe(py, &e))
        })
        .map_err(|(kind, message)| WebhookError::InvalidBody { reason: format!("{kind}: {message}") }.into())
    }
}
