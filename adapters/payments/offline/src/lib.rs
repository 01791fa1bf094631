//! Offline payment methods for Vitrina, where the money moves outside any gateway.
//!
//! **Bank transfer** ([`BankTransfer`]): the order waits in `awaiting_transfer` for a transfer quoting
//! its ISO 11649 `RF` reference. Incoming transfers are matched to open orders by that reference
//! ([`match_reference`]) even when the payer changed spaces or case or made one typo (the check
//! digits catch it; the one open reference a typo away is the match). Each bank receipt
//! ([`TransferReceipt`]) is recorded once: a partial payment keeps the order waiting with the
//! remainder due, an exact one pays it, an over-payment pays it and leaves the excess as a refund
//! owed, which [`credit_overpayment`] can turn into store credit. A [`ReminderSchedule`] says, as a
//! pure function of the placing time and `now`, which reminder, final notice or cancellation is due.
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
    credit_overpayment, match_reference, BankTransfer, OpenReference, ReceiptOutcome, RecordedReceipt, ReferenceMatch,
    ReminderSchedule, SentNotice, TransferNotice, TransferReceipt,
};
pub use cash_on_delivery::{CashCollection, CashOnDelivery};
pub use error::OfflinePaymentError;
