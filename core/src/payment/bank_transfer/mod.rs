//! Bank transfer: receipts as the bank reports them, matching a transfer to its order by the RF
//! reference the payer wrote (typos corrected), and the per-order transfer record the Shop stores.
//!
//! The order waits in `awaiting_transfer` for a transfer quoting its ISO 11649 `RF` reference.
//! Incoming transfers are matched to open orders by that reference ([`match_reference`]) even when
//! the payer changed spaces or case or made one typo (the check digits catch it; the one open
//! reference a typo away is the match). Each bank receipt ([`TransferReceipt`]) is recorded once: a
//! partial payment keeps the order waiting with the remainder due, an exact one pays it, an
//! over-payment pays it and leaves the excess as a refund owed, which [`credit_overpayment`] can turn
//! into store credit. Reminders and cancellation of unpaid orders are the Shop's `UnpaidPolicy`.

mod error;
mod matching;
mod receipt;
mod statement;
mod transfer;

pub use error::BankTransferError;
pub use matching::{match_reference, OpenReference, ReferenceMatch};
pub use receipt::TransferReceipt;
pub use statement::StatementLine;
pub use transfer::{credit_overpayment, BankTransfer, BankTransferState, ReceiptOutcome, RecordedReceipt};
