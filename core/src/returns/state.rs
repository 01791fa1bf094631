//! The return state machine: its states and which moves between them are legal.
//!
//! | from              | to                                             |
//! |-------------------|------------------------------------------------|
//! | `requested`       | `approved`, `rejected`, `closed` (withdrawn)   |
//! | `approved`        | `awaiting_parcel`, `received` (handed in at a shop), `closed` |
//! | `awaiting_parcel` | `received`, `closed` (never sent)              |
//! | `received`        | `inspected`                                    |
//! | `inspected`       | `refunded`, `exchanged`, `credited`, `rejected` (failed inspection) |
//! | `rejected`, `refunded`, `exchanged`, `credited` | `closed`         |
//! | `closed`          | nothing: final                                 |

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a return stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReturnState {
    /// Asked for; waiting for the shop's decision.
    Requested,
    /// Accepted by the shop; the goods may be sent back.
    Approved,
    /// Refused, with a reason (at request or after inspection).
    Rejected,
    /// A return label was issued; the parcel is on its way.
    AwaitingParcel,
    /// The goods arrived at the warehouse.
    Received,
    /// The goods were inspected and their condition recorded.
    Inspected,
    /// Money was given back to the original payment methods.
    Refunded,
    /// A replacement order was drafted.
    Exchanged,
    /// Store credit was granted.
    Credited,
    /// Final: nothing more happens.
    Closed,
}

impl ReturnState {
    /// All states, in lifecycle order.
    pub const ALL: [ReturnState; 10] = [
        ReturnState::Requested,
        ReturnState::Approved,
        ReturnState::Rejected,
        ReturnState::AwaitingParcel,
        ReturnState::Received,
        ReturnState::Inspected,
        ReturnState::Refunded,
        ReturnState::Exchanged,
        ReturnState::Credited,
        ReturnState::Closed,
    ];

    /// The state's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            ReturnState::Requested => "requested",
            ReturnState::Approved => "approved",
            ReturnState::Rejected => "rejected",
            ReturnState::AwaitingParcel => "awaiting_parcel",
            ReturnState::Received => "received",
            ReturnState::Inspected => "inspected",
            ReturnState::Refunded => "refunded",
            ReturnState::Exchanged => "exchanged",
            ReturnState::Credited => "credited",
            ReturnState::Closed => "closed",
        }
    }

    /// Whether the table allows moving from `self` to `to` (never to the same state).
    pub fn can_move_to(self, to: ReturnState) -> bool {
        use ReturnState::*;
        match self {
            Requested => matches!(to, Approved | Rejected | Closed),
            Approved => matches!(to, AwaitingParcel | Received | Closed),
            AwaitingParcel => matches!(to, Received | Closed),
            Received => to == Inspected,
            Inspected => matches!(to, Refunded | Exchanged | Credited | Rejected),
            Rejected | Refunded | Exchanged | Credited => to == Closed,
            Closed => false,
        }
    }
}

impl fmt::Display for ReturnState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::ReturnState::*;
    use super::*;

    #[test]
    fn legal_moves_match_the_documented_table() {
        let legal: Vec<(ReturnState, ReturnState)> = ReturnState::ALL
            .iter()
            .flat_map(|&from| ReturnState::ALL.iter().map(move |&to| (from, to)))
            .filter(|&(from, to)| from.can_move_to(to))
            .collect();
        let expected = vec![
            (Requested, Approved),
            (Requested, Rejected),
            (Requested, Closed),
            (Approved, AwaitingParcel),
            (Approved, Received),
            (Approved, Closed),
            (Rejected, Closed),
            (AwaitingParcel, Received),
            (AwaitingParcel, Closed),
            (Received, Inspected),
            (Inspected, Rejected),
            (Inspected, Refunded),
            (Inspected, Exchanged),
            (Inspected, Credited),
            (Refunded, Closed),
            (Exchanged, Closed),
            (Credited, Closed),
        ];
        assert_eq!(legal, expected);
    }

    #[test]
    fn display_and_serde_use_snake_case() {
        for state in ReturnState::ALL {
            assert_eq!(serde_json::to_string(&state).unwrap(), format!("\"{state}\""));
        }
        assert_eq!(AwaitingParcel.to_string(), "awaiting_parcel");
    }
}
