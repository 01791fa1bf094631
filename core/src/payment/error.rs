//! Why a payment operation was refused: the payment state machine's errors, a gateway call's errors,
//! the idempotency ledger's and webhook verification's. A refused call leaves the payment as it was.

use thiserror::Error;

use super::{GatewayOperation, PaymentState, RefundState};
use crate::money::{Money, MoneyError};

/// Why a change to a payment was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PaymentError {
    /// The state machine does not allow this move.
    #[error("payment {payment_id}: cannot move from {from} to {to}")]
    IllegalTransition {
        /// The payment.
        payment_id: String,
        /// Its state.
        from: PaymentState,
        /// The state the step leads to.
        to: PaymentState,
    },
    /// Capturing this would take more than was authorized.
    #[error("capture: {requested} more on {captured} captured exceeds the {authorized} authorized")]
    CaptureExceedsAuthorized {
        /// Authorized.
        authorized: Money,
        /// Captured so far.
        captured: Money,
        /// This capture.
        requested: Money,
    },
    /// Refunding this would give back more than was captured (refunds in flight count).
    #[error("refund: {requested} more on {refunded} refunded or in flight exceeds the {captured} captured")]
    RefundExceedsCaptured {
        /// Captured.
        captured: Money,
        /// Refunded so far, plus refunds in flight.
        refunded: Money,
        /// This refund.
        requested: Money,
    },
    /// An authorization or purchase for more than the payment's amount.
    #[error("amount: {given} exceeds the payment's {requested}")]
    ExceedsRequested {
        /// The payment's amount.
        requested: Money,
        /// The amount given.
        given: Money,
    },
    /// Amounts moved must be positive.
    #[error("amount: {amount} must be positive")]
    NonPositiveAmount {
        /// The amount given.
        amount: Money,
    },
    /// Nothing captured is left to refund in this state.
    #[error("payment {payment_id}: nothing to refund while {state}")]
    NotRefundable {
        /// The payment.
        payment_id: String,
        /// Its state.
        state: PaymentState,
    },
    /// The payment has no refund with this id.
    #[error("refund {refund_id:?}: unknown")]
    UnknownRefund {
        /// The id given.
        refund_id: String,
    },
    /// The refund's state machine does not allow this move.
    #[error("refund {refund_id}: cannot move from {from:?} to {to:?}")]
    IllegalRefundTransition {
        /// The refund.
        refund_id: String,
        /// Its state.
        from: RefundState,
        /// The state asked for.
        to: RefundState,
    },
    /// A refund with this idempotency key exists for a different amount.
    #[error("refund: idempotency key {key:?} was used for a different refund")]
    RefundKeyReused {
        /// The key.
        key: String,
    },
    /// The gateway has no gateway reference for this payment yet.
    #[error("payment {payment_id}: no gateway reference yet")]
    NoGatewayReference {
        /// The payment.
        payment_id: String,
    },
    /// Amounts in different currencies or out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// The gateway call failed.
    #[error(transparent)]
    Gateway(#[from] GatewayError),
}

/// Why a gateway call gave no usable result.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GatewayError {
    /// The gateway does not support the operation.
    #[error("{operation}: not supported by this gateway")]
    Unsupported {
        /// The operation.
        operation: GatewayOperation,
    },
    /// The gateway could not be reached or did not answer; the outcome is unknown. Retry with the same
    /// idempotency key, or sync.
    #[error("gateway unavailable: {reason}")]
    Unavailable {
        /// What went wrong.
        reason: String,
    },
    /// The gateway refused the request as malformed.
    #[error("{field}: {reason}")]
    InvalidRequest {
        /// The field at fault.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// The gateway does not know this reference.
    #[error("gateway reference {reference:?}: unknown")]
    UnknownReference {
        /// The reference.
        reference: String,
    },
    /// Integrity error: the gateway acted on another amount or currency than asked.
    #[error("{operation}: asked for {expected} but the gateway echoed {echoed}")]
    AmountMismatch {
        /// The operation.
        operation: GatewayOperation,
        /// The amount asked for.
        expected: Money,
        /// The amount echoed.
        echoed: Money,
    },
    /// The idempotency ledger refused the call.
    #[error(transparent)]
    Idempotency(#[from] IdempotencyError),
    /// A webhook could not be verified or parsed.
    #[error(transparent)]
    Webhook(#[from] WebhookError),
}

/// Why the idempotency ledger refused a call.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IdempotencyError {
    /// Money-moving calls need a non-blank key.
    #[error("idempotency_key: must not be blank")]
    BlankKey,
    /// The key was first used with different parameters.
    #[error("idempotency_key {key:?}: already used with different parameters")]
    KeyReused {
        /// The key.
        key: String,
    },
    /// A call with this key is still running; retry shortly to get its result.
    #[error("idempotency_key {key:?}: a call with this key is in progress")]
    InProgress {
        /// The key.
        key: String,
    },
    /// Completing or releasing a key that this call had not claimed.
    #[error("idempotency_key {key:?}: not claimed by this call")]
    NotClaimed {
        /// The key.
        key: String,
    },
    /// The store failed.
    #[error("idempotency store: {reason}")]
    Store {
        /// What went wrong.
        reason: String,
    },
}

/// Why a webhook was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WebhookError {
    /// A verifier needs at least one non-empty secret and a positive tolerance.
    #[error("webhook verifier: {reason}")]
    InvalidConfig {
        /// What is wrong.
        reason: String,
    },
    /// The signature header is missing or malformed.
    #[error("webhook signature header: {reason}")]
    MalformedHeader {
        /// What is wrong.
        reason: String,
    },
    /// The signed timestamp is too far from now (a replay, or a clock far off).
    #[error("webhook timestamp {timestamp} is more than {tolerance_seconds}s from now")]
    OutsideTolerance {
        /// The signed timestamp (Unix seconds).
        timestamp: i64,
        /// The tolerance.
        tolerance_seconds: i64,
    },
    /// No accepted secret produced the signature.
    #[error("webhook signature does not match")]
    SignatureMismatch,
    /// The verified body could not be read.
    #[error("webhook body: {reason}")]
    InvalidBody {
        /// What is wrong.
        reason: String,
    },
    /// A verified event of a type the gateway does not act on (the shop acknowledges it, storing
    /// nothing, so the provider stops delivering it).
    #[error("webhook event {event_id} of type {event_type} is not one the gateway acts on")]
    UnhandledEvent {
        /// The provider's event id.
        event_id: String,
        /// The provider's event type.
        event_type: String,
    },
}

/// Why a store-credit or gift-card movement was refused; a refused movement changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoredValueError {
    /// Money-moving calls need a non-blank key.
    #[error("idempotency_key: must not be blank")]
    BlankKey,
    /// The key was first used for another movement.
    #[error("idempotency_key {key:?}: already used for a different movement")]
    KeyReused {
        /// The key.
        key: String,
    },
    /// Amounts moved must be positive.
    #[error("amount: {amount} must be positive")]
    NonPositiveAmount {
        /// The amount given.
        amount: Money,
    },
    /// The balance would go below zero.
    #[error("amount: {requested} is more than the {balance} balance")]
    InsufficientBalance {
        /// The balance.
        balance: Money,
        /// The amount asked for.
        requested: Money,
    },
    /// A refund for an order beyond what that order took.
    #[error("amount: refunding {amount} to order {order_id}, which took {debited} (net)")]
    RefundExceedsDebited {
        /// The order.
        order_id: String,
        /// What it took, net of earlier refunds.
        debited: Money,
        /// The refund asked for.
        amount: Money,
    },
    /// The gift card has expired: nothing can be taken from or put back on it.
    #[error("gift card {gift_card_id}: expired at {expired_at}")]
    Expired {
        /// The card.
        gift_card_id: String,
        /// When it expired.
        expired_at: jiff::Timestamp,
    },
    /// Not a valid gift-card code.
    #[error("code {value:?}: {reason}")]
    InvalidCode {
        /// The text given.
        value: String,
        /// What is wrong.
        reason: String,
    },
    /// The system's random source failed while generating a code.
    #[error("gift card code: no randomness available ({reason})")]
    RandomnessUnavailable {
        /// What went wrong.
        reason: String,
    },
    /// Amounts in different currencies or out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

crate::error_code!(PaymentError, "payment", {
    PaymentError::IllegalTransition { .. } => "illegal_transition" @ "state",
    PaymentError::CaptureExceedsAuthorized { .. } => "capture_exceeds_authorized" @ "amount",
    PaymentError::RefundExceedsCaptured { .. } => "refund_exceeds_captured" @ "amount",
    PaymentError::ExceedsRequested { .. } => "exceeds_requested" @ "amount",
    PaymentError::NonPositiveAmount { .. } => "non_positive_amount" @ "amount",
    PaymentError::NotRefundable { .. } => "not_refundable" @ "state",
    PaymentError::UnknownRefund { .. } => "unknown_refund" @ "refund_id",
    PaymentError::IllegalRefundTransition { .. } => "illegal_refund_transition" @ "refunds",
    PaymentError::RefundKeyReused { .. } => "refund_key_reused" @ "idempotency_key",
    PaymentError::NoGatewayReference { .. } => "no_gateway_reference" @ "gateway_reference",
}, wraps {
    PaymentError::Money(inner) => inner,
    PaymentError::Gateway(inner) => inner,
});

crate::error_code!(GatewayError, "payment", {
    GatewayError::Unsupported { .. } => "unsupported",
    GatewayError::Unavailable { .. } => "unavailable",
    GatewayError::InvalidRequest { field, .. } => "invalid_request" @ &**field,
    GatewayError::UnknownReference { .. } => "unknown_reference",
    GatewayError::AmountMismatch { .. } => "amount_mismatch",
}, wraps {
    GatewayError::Idempotency(inner) => inner,
    GatewayError::Webhook(inner) => inner,
});

crate::error_code!(IdempotencyError, "payment", {
    IdempotencyError::BlankKey => "blank_key",
    IdempotencyError::KeyReused { .. } => "key_reused",
    IdempotencyError::InProgress { .. } => "in_progress",
    IdempotencyError::NotClaimed { .. } => "not_claimed",
    IdempotencyError::Store { .. } => "store",
});

crate::error_code!(WebhookError, "payment", {
    WebhookError::InvalidConfig { .. } => "invalid_config",
    WebhookError::MalformedHeader { .. } => "malformed_header",
    WebhookError::OutsideTolerance { .. } => "outside_tolerance",
    WebhookError::SignatureMismatch => "signature_mismatch",
    WebhookError::InvalidBody { .. } => "invalid_body",
    WebhookError::UnhandledEvent { .. } => "unhandled_event",
});

crate::error_code!(StoredValueError, "payment", {
    StoredValueError::BlankKey => "blank_key",
    StoredValueError::KeyReused { .. } => "key_reused",
    StoredValueError::NonPositiveAmount { .. } => "non_positive_amount",
    StoredValueError::InsufficientBalance { .. } => "insufficient_balance",
    StoredValueError::RefundExceedsDebited { .. } => "refund_exceeds_debited",
    StoredValueError::Expired { .. } => "expired",
    StoredValueError::InvalidCode { .. } => "invalid_code",
    StoredValueError::RandomnessUnavailable { .. } => "randomness_unavailable",
}, wraps {
    StoredValueError::Money(inner) => inner,
});
