//! Why an order could not be built, moved or edited; a refused call leaves the order as it was.

use thiserror::Error;

use super::OrderState;
use crate::cart::CartError;
use crate::money::{Money, MoneyError};
use crate::order::PaymentReminder;
use crate::pricing::PricingError;

/// Why an order operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OrderError {
    /// The state machine does not allow this move.
    #[error("order {order_id}: cannot move from {from} to {to}")]
    IllegalTransition {
        /// The order.
        order_id: String,
        /// Its state.
        from: OrderState,
        /// The state asked for.
        to: OrderState,
    },
    /// Only cash-on-delivery orders may be fulfilled before they are paid.
    #[error("order {order_id}: cannot start processing before payment unless paid cash on delivery")]
    PaymentRequired {
        /// The order.
        order_id: String,
    },
    /// Lines can no longer be edited in this state.
    #[error("order {order_id}: lines cannot be edited once the order is {state}")]
    NotEditable {
        /// The order.
        order_id: String,
        /// Its state.
        state: OrderState,
    },
    /// The edit would leave the order without lines: cancel the order instead.
    #[error("lines[{line_id}]: the last line cannot be cancelled; cancel the order instead")]
    LastLine {
        /// The line.
        line_id: String,
    },
    /// The line already has this quantity.
    #[error("lines[{line_id}].quantity: already {quantity}")]
    QuantityUnchanged {
        /// The line.
        line_id: String,
        /// Its quantity.
        quantity: u32,
    },
    /// More would be refunded than was received.
    #[error("refund: {refund} is more than the {paid} received")]
    RefundExceedsPaid {
        /// Money received so far.
        paid: Money,
        /// The refund asked for.
        refund: Money,
    },
    /// An amount received or refunded must be positive.
    #[error("{field}: {amount} must be positive")]
    NonPositiveAmount {
        /// The argument.
        field: &'static str,
        /// The amount given.
        amount: Money,
    },
    /// Nothing is due on this order, or it no longer waits for payment.
    #[error("order {order_id}: no payment is due while {state}")]
    NothingDue {
        /// The order.
        order_id: String,
        /// Its state.
        state: OrderState,
    },
    /// This payment reminder was sent for the order already.
    #[error("order {order_id}: {reminder:?} was sent already")]
    AlreadyReminded {
        /// The order.
        order_id: String,
        /// The reminder.
        reminder: PaymentReminder,
    },
    /// Not a valid order number.
    #[error("order number {value:?}: {reason}")]
    InvalidOrderNumber {
        /// The text given.
        value: String,
        /// What is wrong.
        reason: String,
    },
    /// Not a valid ISO 11649 payment reference.
    #[error("payment reference {value:?}: {reason}")]
    InvalidPaymentReference {
        /// The text given.
        value: String,
        /// What is wrong.
        reason: String,
    },
    /// The edited cart was refused.
    #[error(transparent)]
    Cart(#[from] CartError),
    /// The order could not be re-priced.
    #[error(transparent)]
    Pricing(#[from] PricingError),
    /// Amounts in different currencies or out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

crate::error_code!(OrderError, "order", {
    OrderError::IllegalTransition { .. } => "illegal_transition",
    OrderError::PaymentRequired { .. } => "payment_required",
    OrderError::NotEditable { .. } => "not_editable",
    OrderError::LastLine { .. } => "last_line",
    OrderError::QuantityUnchanged { .. } => "quantity_unchanged",
    OrderError::RefundExceedsPaid { .. } => "refund_exceeds_paid",
    OrderError::NonPositiveAmount { field, .. } => "non_positive_amount" @ &**field,
    OrderError::NothingDue { .. } => "nothing_due",
    OrderError::AlreadyReminded { .. } => "already_reminded",
    OrderError::InvalidOrderNumber { .. } => "invalid_order_number",
    OrderError::InvalidPaymentReference { .. } => "invalid_payment_reference",
}, wraps {
    OrderError::Cart(inner) => inner,
    OrderError::Pricing(inner) => inner,
    OrderError::Money(inner) => inner,
});
