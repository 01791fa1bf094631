//! Why a bank-transfer operation was refused; a refused call leaves the order and the transfer
//! record as they were.

use thiserror::Error;

use crate::money::MoneyError;
use crate::order::OrderError;
use crate::order::PaymentMethod;
use crate::payment::StoredValueError;

/// Why a bank-transfer operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BankTransferError {
    /// The order is paid by another method.
    #[error("order {order_id}: paid by {method:?}, not by bank transfer")]
    WrongMethod {
        /// The order.
        order_id: String,
        /// Its payment method.
        method: PaymentMethod,
    },
    /// The record belongs to another order.
    #[error("order {given}: this transfer record is for order {expected}")]
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
    /// A bank transaction id recorded before with other details.
    #[error("bank_transaction_id {id:?}: already recorded with different details")]
    ReceiptIdReused {
        /// The id.
        id: String,
    },
    /// Nothing is owed back to the shopper.
    #[error("order {order_id}: nothing is owed back")]
    NothingOwed {
        /// The order.
        order_id: String,
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

crate::error_code!(BankTransferError, "payment", {
    BankTransferError::WrongMethod { .. } => "wrong_method" @ "payment_method",
    BankTransferError::WrongOrder { .. } => "wrong_order" @ "order_id",
    BankTransferError::InvalidField { field, .. } => "invalid_field" @ *field,
    BankTransferError::ReceiptIdReused { .. } => "receipt_id_reused" @ "bank_transaction_id",
    BankTransferError::NothingOwed { .. } => "nothing_owed",
}, wraps {
    BankTransferError::Order(inner) => inner,
    BankTransferError::StoredValue(inner) => inner,
    BankTransferError::Money(inner) => inner,
});
