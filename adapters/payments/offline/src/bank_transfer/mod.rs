//! Bank transfer: receipts as the bank reports them, matching transfers to orders by RF reference,
//! the per-order transfer record, and the reminder schedule.

mod matching;
mod receipt;
mod schedule;
mod transfer;

pub use matching::{match_reference, OpenReference, ReferenceMatch};
pub use receipt::TransferReceipt;
pub use schedule::{ReminderSchedule, TransferNotice};
pub(crate) use transfer::check_method;
pub use transfer::{credit_overpayment, BankTransfer, ReceiptOutcome, RecordedReceipt, SentNotice};
