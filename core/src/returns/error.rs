//! Why a return could not be requested, moved or settled; a refused call changes nothing.

use jiff::Timestamp;
use thiserror::Error;

use super::{ItemCondition, ReturnReason, ReturnState};
use crate::money::{Money, MoneyError};
use crate::order::OrderState;

/// Why a return operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReturnError {
    /// Only delivered (or completed) orders can be returned.
    #[error("order {order_id}: is {state}; only delivered orders can be returned")]
    NotDelivered {
        /// The order.
        order_id: String,
        /// Its state.
        state: OrderState,
    },
    /// The return window has ended.
    #[error("order {order_id}: delivered at {delivered_at}, the return window ended at {deadline}")]
    WindowClosed {
        /// The order.
        order_id: String,
        /// When it was delivered.
        delivered_at: Timestamp,
        /// The last instant a return could be requested.
        deadline: Timestamp,
    },
    /// More units than the order line has.
    #[error("lines[{line_id}].quantity: {requested} is more than the {delivered} delivered")]
    QuantityExceedsDelivered {
        /// The order line.
        line_id: String,
        /// Units asked for.
        requested: u32,
        /// Units delivered.
        delivered: u32,
    },
    /// Units of the line are already returned (or being returned) by another return.
    #[error("lines[{line_id}].quantity: {returned} of {delivered} already returned, {requested} more asked")]
    AlreadyReturned {
        /// The order line.
        line_id: String,
        /// Units claimed by other returns.
        returned: u32,
        /// Units delivered.
        delivered: u32,
        /// Units asked for.
        requested: u32,
    },
    /// The declared condition is not accepted for the reason.
    #[error("lines[{line_id}].condition: {condition} items are not accepted for reason {reason}")]
    ConditionNotAccepted {
        /// The order line.
        line_id: String,
        /// The reason given.
        reason: ReturnReason,
        /// The condition declared.
        condition: ItemCondition,
    },
    /// The state machine does not allow this move.
    #[error("return {return_id}: cannot move from {from} to {to}")]
    IllegalTransition {
        /// The return.
        return_id: String,
        /// Its state.
        from: ReturnState,
        /// The state asked for.
        to: ReturnState,
    },
    /// A move dated before the return's last recorded move.
    #[error("return {return_id}: {at} is before the last move at {last}")]
    OutOfOrder {
        /// The return.
        return_id: String,
        /// The time given.
        at: Timestamp,
        /// The time of the last move.
        last: Timestamp,
    },
    /// No received unit passed inspection, so there is nothing to refund, exchange or credit.
    #[error("return {return_id}: no unit passed inspection; reject the return instead")]
    NothingAccepted {
        /// The return.
        return_id: String,
    },
    /// The refund is more than the order's payments can give back.
    #[error("refund: {refund} is more than the {refundable} refundable on the order's payments")]
    RefundExceedsRefundable {
        /// The refund.
        refund: Money,
        /// Captured minus refunded, over all payments.
        refundable: Money,
    },
    /// Store credit and incentives need a customer account.
    #[error("return {return_id}: the order was placed by a guest; store credit needs a customer account")]
    GuestOrder {
        /// The return.
        return_id: String,
    },
    /// Bad input, naming the field.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// Amounts in different currencies or out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl ReturnError {
    /// An [`ReturnError::Invalid`] for `field`.
    pub(super) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> ReturnError {
        ReturnError::Invalid { field: field.into(), reason: reason.into() }
    }
}

crate::error_code!(ReturnError, "returns", {
    ReturnError::NotDelivered { .. } => "not_delivered",
    ReturnError::WindowClosed { .. } => "window_closed",
    ReturnError::QuantityExceedsDelivered { .. } => "quantity_exceeds_delivered",
    ReturnError::AlreadyReturned { .. } => "already_returned",
    ReturnError::ConditionNotAccepted { .. } => "condition_not_accepted",
    ReturnError::IllegalTransition { .. } => "illegal_transition",
    ReturnError::OutOfOrder { .. } => "out_of_order",
    ReturnError::NothingAccepted { .. } => "nothing_accepted",
    ReturnError::RefundExceedsRefundable { .. } => "refund_exceeds_refundable",
    ReturnError::GuestOrder { .. } => "guest_order",
    ReturnError::Invalid { field, .. } => "invalid" @ &**field,
}, wraps {
    ReturnError::Money(inner) => inner,
});
