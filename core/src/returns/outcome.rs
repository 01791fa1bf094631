//! How a return ended: money back to the original payments, a replacement order, or store credit,
//! and what each says about the units and shipping it settled.

use serde::{Deserialize, Serialize};

use super::{PaymentRefund, Replacement, ReturnState, Settlement, StoreCreditGrant};
use crate::money::Money;

/// The outcome of an inspected return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReturnOutcome {
    /// Money back, split over the order's payments.
    Refund {
        /// What the return is worth.
        settlement: Settlement,
        /// The part per payment.
        payments: Vec<PaymentRefund>,
    },
    /// Replacements sent at no charge.
    Exchange {
        /// One per accepted line.
        replacements: Vec<Replacement>,
    },
    /// Store credit for the customer's wallet.
    StoreCredit {
        /// What the return is worth.
        settlement: Settlement,
        /// The credit to add.
        grant: StoreCreditGrant,
    },
}

impl ReturnOutcome {
    /// The state the outcome moves a return to.
    pub fn state(&self) -> ReturnState {
        match self {
            ReturnOutcome::Refund { .. } => ReturnState::Refunded,
            ReturnOutcome::Exchange { .. } => ReturnState::Exchanged,
            ReturnOutcome::StoreCredit { .. } => ReturnState::Credited,
        }
    }

    /// The money settlement, `None` for an exchange.
    pub fn settlement(&self) -> Option<&Settlement> {
        match self {
            ReturnOutcome::Refund { settlement, .. } | ReturnOutcome::StoreCredit { settlement, .. } => {
                Some(settlement)
            }
            ReturnOutcome::Exchange { .. } => None,
        }
    }

    /// Units of `line_id` the outcome took back.
    pub fn units(&self, line_id: &str) -> u32 {
        match self {
            ReturnOutcome::Exchange { replacements } => {
                replacements.iter().filter(|r| r.replaces_line_id == line_id).map(|r| r.quantity).sum()
            }
            _ => self.settled_units(line_id),
        }
    }

    /// Units of `line_id` paid back (refunded or credited).
    pub fn settled_units(&self, line_id: &str) -> u32 {
        self.settlement().map_or(0, |s| s.units(line_id))
    }

    /// The shipping charge paid back, if any.
    pub fn shipping(&self) -> Option<Money> {
        self.settlement().map(|s| s.shipping).filter(|m| !m.is_zero())
    }
}
