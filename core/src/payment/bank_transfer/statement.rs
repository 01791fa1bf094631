//! A bank statement line as the shop stores it: the receipt, how its reference matched an open
//! transfer, and what it did to the order; a line not matched waits for the back office.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ReceiptOutcome, ReferenceMatch, TransferReceipt};

/// One line of a bank statement, stored once per bank transaction id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatementLine {
    id: String,
    receipt: TransferReceipt,
    matched: ReferenceMatch,
    order_id: Option<String>,
    outcome: Option<ReceiptOutcome>,
    recorded_at: Timestamp,
}

impl StatementLine {
    /// A line matched to order `order_id` (or to none: `order_id` and `outcome` are `None`).
    pub fn new(
        receipt: TransferReceipt,
        matched: ReferenceMatch,
        order_id: Option<String>,
        outcome: Option<ReceiptOutcome>,
        recorded_at: Timestamp,
    ) -> StatementLine {
        StatementLine { id: Uuid::now_v7().to_string(), receipt, matched, order_id, outcome, recorded_at }
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The receipt as the bank reported it.
    pub fn receipt(&self) -> &TransferReceipt {
        &self.receipt
    }

    /// The bank's id of the transaction.
    pub fn bank_transaction_id(&self) -> &str {
        &self.receipt.bank_transaction_id
    }

    /// How the reference as written matched the open transfers.
    pub fn matched(&self) -> &ReferenceMatch {
        &self.matched
    }

    /// The order the money was recorded for (`None`: unmatched, left to the back office).
    pub fn order_id(&self) -> Option<&str> {
        self.order_id.as_deref()
    }

    /// What the money did to the order, when matched.
    pub fn outcome(&self) -> Option<ReceiptOutcome> {
        self.outcome
    }

    /// When the line was recorded.
    pub fn recorded_at(&self) -> Timestamp {
        self.recorded_at
    }
}
