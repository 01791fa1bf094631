//! What Vitrina asks of a gateway. Every request carries an idempotency key (the gateway must treat a
//! repeat as the same request), the amount as [`Money`] and the order reference.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::money::Money;
use crate::order::PaymentMethod;
use crate::redact::REDACTED;

/// The gateway operations that take a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GatewayOperation {
    /// Reserve funds.
    Authorize,
    /// Reserve and take funds at once.
    Purchase,
    /// Check a payment method without moving money.
    Verify,
    /// Take reserved funds (all or part).
    Capture,
    /// Release reserved funds.
    Void,
    /// Give taken funds back (all or part).
    Refund,
    /// Resume after 3-D Secure or a redirect.
    CompleteAction,
}

impl GatewayOperation {
    /// Whether the operation starts (or resumes starting) a payment, so its failure fails the payment;
    /// a refused capture, void or refund leaves the payment as it was.
    pub fn opens_payment(self) -> bool {
        matches!(
            self,
            GatewayOperation::Authorize
                | GatewayOperation::Purchase
                | GatewayOperation::Verify
                | GatewayOperation::CompleteAction
        )
    }
}

impl fmt::Display for GatewayOperation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self {
            GatewayOperation::Authorize => "authorize",
            GatewayOperation::Purchase => "purchase",
            GatewayOperation::Verify => "verify",
            GatewayOperation::Capture => "capture",
            GatewayOperation::Void => "void",
            GatewayOperation::Refund => "refund",
            GatewayOperation::CompleteAction => "complete_action",
        };
        f.write_str(name)
    }
}

/// A request that starts a payment: authorize, purchase or verify. Its `Debug` output leaves the
/// card token out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PaymentRequest {
    /// Unique per intended money movement; a repeat with the same key is the same request.
    pub idempotency_key: String,
    /// The amount (zero for verify).
    pub amount: Money,
    /// The order's number, shown on the shopper's statement and in the gateway's dashboard.
    pub order_reference: String,
    /// How the shopper pays.
    pub method: PaymentMethod,
    /// The gateway's token for the card, wallet or gift card (test gateways take a magic card number).
    pub token: Option<String>,
    /// Where the gateway sends the shopper back after a redirect or 3-D Secure.
    #[serde(default)]
    pub return_url: Option<String>,
}

/// A request about an existing gateway transaction: capture, void, refund or complete an action.
/// Its `Debug` output leaves out what the shopper's browser brought back.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct FollowUpRequest {
    /// Unique per intended money movement; a repeat with the same key is the same request.
    pub idempotency_key: String,
    /// The amount to capture or refund (full or partial), or the authorization to void or complete.
    pub amount: Money,
    /// The order's number.
    pub order_reference: String,
    /// The gateway's reference of the payment.
    pub gateway_reference: String,
    /// Why (refunds), shown in the gateway's dashboard.
    #[serde(default)]
    pub reason: Option<String>,
    /// What the shopper's browser brought back from 3-D Secure or a redirect (complete_action);
    /// `null` otherwise.
    #[serde(default)]
    pub payload: serde_json::Value,
}

impl fmt::Debug for PaymentRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PaymentRequest")
            .field("idempotency_key", &self.idempotency_key)
            .field("amount", &self.amount)
            .field("order_reference", &self.order_reference)
            .field("method", &self.method)
            .field("token", &self.token.as_ref().map(|_| REDACTED))
            .field("return_url", &self.return_url)
            .finish()
    }
}

impl fmt::Debug for FollowUpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FollowUpRequest")
            .field("idempotency_key", &self.idempotency_key)
            .field("amount", &self.amount)
            .field("order_reference", &self.order_reference)
            .field("gateway_reference", &self.gateway_reference)
            .field("reason", &self.reason)
            .field("payload", &(!self.payload.is_null()).then_some(REDACTED))
            .finish()
    }
}
