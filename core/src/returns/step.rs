//! The inputs of the return state machine, fed to [`crate::returns::Rma::apply`]: each names the
//! state it leads to and carries what is recorded with it.

use serde::{Deserialize, Serialize};

use super::{IncentiveGrant, Inspection, Receipt, ReturnOutcome, ReturnState};

/// Something that happens to a return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReturnStep {
    /// The shop accepts the return, with the first-return incentive if one is due.
    Approve {
        /// The incentive granted.
        incentive: Option<IncentiveGrant>,
    },
    /// The shop refuses the return (at request, or after a failed inspection).
    Reject {
        /// Why, shown to the shopper.
        reason: String,
    },
    /// A return label was issued.
    AwaitParcel {
        /// The return parcel's tracking number.
        tracking_number: Option<String>,
    },
    /// The parcel arrived.
    Receive {
        /// What arrived.
        receipt: Receipt,
    },
    /// The goods were inspected.
    Inspect {
        /// The conditions found.
        inspection: Inspection,
    },
    /// The return is refunded, exchanged or credited.
    Settle {
        /// How.
        outcome: ReturnOutcome,
    },
    /// Nothing more happens (withdrawn, never sent, or done).
    Close {
        /// Why.
        note: Option<String>,
    },
}

impl ReturnStep {
    /// The state the step leads to.
    pub fn target(&self) -> ReturnState {
        match self {
            ReturnStep::Approve { .. } => ReturnState::Approved,
            ReturnStep::Reject { .. } => ReturnState::Rejected,
            ReturnStep::AwaitParcel { .. } => ReturnState::AwaitingParcel,
            ReturnStep::Receive { .. } => ReturnState::Received,
            ReturnStep::Inspect { .. } => ReturnState::Inspected,
            ReturnStep::Settle { outcome } => outcome.state(),
            ReturnStep::Close { .. } => ReturnState::Closed,
        }
    }

    /// The note recorded in the history with the move.
    pub(super) fn note(&self) -> Option<String> {
        match self {
            ReturnStep::Reject { reason } => Some(reason.clone()),
            ReturnStep::AwaitParcel { tracking_number } => tracking_number.clone(),
            ReturnStep::Receive { receipt } => receipt.note.clone(),
            ReturnStep::Inspect { inspection } => inspection.note.clone(),
            ReturnStep::Close { note } => note.clone(),
            ReturnStep::Approve { .. } | ReturnStep::Settle { .. } => None,
        }
    }
}
