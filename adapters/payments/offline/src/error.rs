//! Why an offline payment operation was refused; a refused call leaves the order and the payment
//! record as they were.

use thiserror::Error;
use vitrina_core::money::{Money, MoneyError};
use vitrina_core::order::PaymentMethod;
use vitrina_core::order::{OrderError, OrderState};
use vitrina_core::payment::StoredValueError;

/// Why a cash-on-delivery operation (or the bank-transfer method check) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum OfflinePaymentError {
    /// The order is paid by another method.
    #[error("order {order_id}: paid by {method:?}, not {expected:?}")]
    WrongMethod {
        /// The order.
        order_id: String,
        /// Its payment method.
        method: PaymentMethod,
        /// The method this operation is for.
        expected: PaymentMethod,
    },
    /// The record belongs to another order.
    #[error("order {given}: this record is for order {expected}")]
    WrongOrder {
        /// The record's order.
        expected: String,
        /// The order given.
        given: String,
    },
    /// A field of the input is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The field.
        field: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The key was first used for another amount.
    #[error("idempotency_key {key:?}: already used with a different amount")]
    KeyReused {
        /// The key.
        key: String,
    },
    /// The courier collected another amount than was due: nothing is recorded.
    #[error("order {order_id}: cash due {due}, collected {collected}")]
    AmountMismatch {
        /// The order.
        order_id: String,
        /// What was to be collected.
        due: Money,
        /// What the courier reported.
        collected: Money,
    },
    /// More cash is due than the order still owes.
    #[error("order {order_id}: {due} due on delivery is more than the {outstanding} outstanding")]
    DueExceedsOutstanding {
        /// The order.
        order_id: String,
        /// The amount said to be due.
        due: Money,
        /// What the order still owes.
        outstanding: Money,
    },
    /// Cash is confirmed only once the order has left the warehouse.
    #[error("order {order_id}: cannot confirm a delivery while {state}")]
    NotOutForDelivery {
        /// The order.
        order_id: String,
        /// Its state.
        state: OrderState,
    },
    /// The order refused the change.
    #[error(transparent)]
    Order(#[from] OrderError),
    /// The wallet refused the credit.
    #[error(transparent)]
    StoredValue(#[from] StoredValueError),
    /// Amounts in different currencies or out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
}
