//! A payment gateway written in JavaScript, as the core's `PaymentGateway` trait. The object's methods
//! (`authorize`, `capture`, `purchase`, `void`, `refund`, `verify`, `sync`, `refundSync`,
//! `completeAction`, `parseWebhook`) may return a value or a Promise. They are called on the JavaScript
//! thread through the plug-in dispatcher (see `plugin`), so a throw or a rejection comes back as data,
//! never as a crash.
//!
//! A failure (a throw, a rejection, a value that is no gateway result) in any call to the provider
//! is `GatewayError::Unavailable`: the provider may have acted before the failure, so the outcome is
//! unknown, the idempotency key stays free to repeat, and `sync` or the repeat settles it (a refusal
//! is a result with status `failed`, returned, not thrown). In `parseWebhook` it is a rejected
//! webhook. A missing method is `GatewayError::Unsupported`.

use async_trait::async_trait;
use napi::bindgen_prelude::Object;
use napi::Env;
use serde_json::Value;
use vitrina_core::payment::{
    FollowUpRequest, GatewayCapabilities, GatewayError, GatewayOperation, GatewayResult, PaymentGateway,
    PaymentRequest, WebhookError, WebhookEvent, WebhookRequest,
};

use crate::plugin::{capabilities, JsPlugin, Reply};

/// A gateway implemented by a JavaScript object.
pub(crate) struct JsGateway {
    name: String,
    capabilities: GatewayCapabilities,
    plugin: JsPlugin,
}

impl JsGateway {
    /// Wraps `object`. Its `name` (default: the class name, else `js`) is the actor of the changes it
    /// causes; an optional `capabilities` object (or method returning one, snake_case keys) overrides
    /// the defaults (separate and partial captures, partial refunds; void, verify, actions and webhooks
    /// when the object has the methods).
    pub(crate) fn new(env: &Env, object: Object<'_>) -> napi::Result<JsGateway> {
        let (plugin, described) = JsPlugin::new(env, object)?;
        let defaults = GatewayCapabilities {
            separate_capture: true,
            partial_capture: true,
            multiple_captures: true,
            partial_refund: true,
            void: described.has("void"),
            verify: described.has("verify"),
            actions: described.has("completeAction"),
            webhooks: described.has("parseWebhook"),
            currencies: Vec::new(),
        };
        let capabilities = capabilities(env, defaults, &described, "gateway")?;
        Ok(JsGateway { name: described.name, capabilities, plugin })
    }

    async fn call(&self, method: &str, argument: Value) -> Reply {
        self.plugin.call(method, argument).await
    }

    /// A money-moving call: a JavaScript failure leaves the outcome unknown.
    async fn money_call(
        &self,
        operation: GatewayOperation,
        method: &str,
        argument: Value,
    ) -> Result<GatewayResult, GatewayError> {
        let (kind, message) = match self.call(method, argument).await {
            Reply::Missing {} => return Err(GatewayError::Unsupported { operation }),
            Reply::Result(value) => match serde_json::from_value::<GatewayResult>(value) {
                Ok(result) => return Ok(result),
                Err(e) => ("InvalidResult".to_owned(), format!("not a gateway result: {e}")),
            },
            Reply::Failed { kind, message, .. } => (kind, message),
        };
        let reason = format!("the {} gateway failed in {method}: {kind}: {message}; the outcome is unknown", self.name);
        Err(GatewayError::Unavailable { reason })
    }

    async fn opening(
        &self,
        operation: GatewayOperation,
        request: &PaymentRequest,
    ) -> Result<GatewayResult, GatewayError> {
        let argument = serde_json::to_value(request).unwrap_or(Value::Null);
        self.money_call(operation, &operation.to_string(), argument).await
    }

    async fn follow_up(
        &self,
        operation: GatewayOperation,
        method: &str,
        request: &FollowUpRequest,
    ) -> Result<GatewayResult, GatewayError> {
        let argument = serde_json::to_value(request).unwrap_or(Value::Null);
        self.money_call(operation, method, argument).await
    }

    /// A read (`sync`, `refundSync`): a JavaScript failure leaves the outcome unknown.
    async fn read_call(&self, method: &str, reference: &str) -> Result<GatewayResult, GatewayError> {
        let unavailable = |reason: String| GatewayError::Unavailable {
            reason: format!("the {} gateway failed in {method}: {reason}", self.name),
        };
        match self.call(method, Value::String(reference.to_owned())).await {
            Reply::Missing {} => Err(GatewayError::UnknownReference { reference: reference.to_owned() }),
            Reply::Result(value) => serde_json::from_value(value).map_err(|e| unavailable(e.to_string())),
            Reply::Failed { kind, message, .. } => Err(unavailable(format!("{kind}: {message}"))),
        }
    }
}

#[async_trait]
impl PaymentGateway for JsGateway {
    fn name(&self) -> &str {
        &self.name
    }

    fn capabilities(&self) -> GatewayCapabilities {
        self.capabilities.clone()
    }

    async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.opening(GatewayOperation::Authorize, request).await
    }

    async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.follow_up(GatewayOperation::Capture, "capture", request).await
    }

    async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.opening(GatewayOperation::Purchase, request).await
    }

    async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.follow_up(GatewayOperation::Void, "void", request).await
    }

    async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.follow_up(GatewayOperation::Refund, "refund", request).await
    }

    async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.opening(GatewayOperation::Verify, request).await
    }

    async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.read_call("sync", gateway_reference).await
    }

    async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.read_call("refundSync", refund_reference).await
    }

    async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.follow_up(GatewayOperation::CompleteAction, "completeAction", request).await
    }

    async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
        let argument = serde_json::to_value(webhook).unwrap_or(Value::Null);
        let rejected = |reason: String| GatewayError::Webhook(WebhookError::InvalidBody { reason });
        match self.call("parseWebhook", argument).await {
            Reply::Missing {} => {
                Err(GatewayError::Unavailable { reason: format!("the {} gateway has no parseWebhook", self.name) })
            }
            Reply::Result(value) => serde_json::from_value(value).map_err(|e| rejected(e.to_string())),
            Reply::Failed { kind, message, .. } => Err(rejected(format!("{kind}: {message}"))),
        }
    }
}
