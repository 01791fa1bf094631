//! Offline payment methods for Vitrina, where the money moves outside any gateway.
//!
//! **Bank transfer** moved into `vitrina-core` (`vitrina_core::payment::{BankTransfer, match_reference,
//! TransferReceipt, ...}`; the Shop records bank statements with `shop.payments().record_statement`,
//! and reminds and cancels unpaid orders by its `UnpaidPolicy`); its types are re-exported here.
//!
//! **Cash on delivery** ([`CashOnDelivery`]): the order is fulfilled unpaid; at delivery the courier
//! reports the cash collected, which must equal what was due, and the order is paid (and delivered).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod bank_transfer;
mod cash_on_delivery;
mod error;
#[cfg(test)]
mod fixtures;

pub use bank_transfer::{
    credit_overpayment, match_reference, BankTransfer, BankTransferError, BankTransferState, OpenReference,
    ReceiptOutcome, RecordedReceipt, ReferenceMatch, StatementLine, TransferReceipt,
};
pub use cash_on_delivery::{CashCollection, CashOnDelivery};
pub use error::OfflinePaymentError;
