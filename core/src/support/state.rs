//! The support-case state machine: its states and which moves between them are legal.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a support case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Just opened; nobody has looked at it yet.
    New,
    /// Being worked on by support.
    Open,
    /// Waiting for the customer's answer (SLA clocks pause).
    PendingCustomer,
    /// Waiting for a third party, e.g. a supplier or courier (SLA clocks may pause, per policy).
    OnHold,
    /// Support considers it solved; the customer may still reopen it within the reopen window.
    Solved,
    /// Final: no more changes; a further problem needs a follow-up case.
    Closed,
}

impl CaseState {
    /// All states, in lifecycle order.
    pub const ALL: [CaseState; 6] = [
        CaseState::New,
        CaseState::Open,
        CaseState::PendingCustomer,
        CaseState::OnHold,
        CaseState::Solved,
        CaseState::Closed,
    ];

    /// The state's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::New => "new",
            CaseState::Open => "open",
            CaseState::PendingCustomer => "pending_customer",
            CaseState::OnHold => "on_hold",
            CaseState::Solved => "solved",
            CaseState::Closed => "closed",
        }
    }

    /// Whether the machine allows moving from `self` to `to`.
    ///
    /// Staying in the same state, going back to `new` and leaving `closed` are never allowed;
    /// `solved` may only be reopened (to `open`, subject to the reopen window) or closed.
    /// Any other state may be closed directly, e.g. spam or a merged duplicate.
    pub fn can_move_to(self, to: CaseState) -> bool {
        use CaseState::*;
        match (self, to) {
            (from, to) if from == to => false,
            (_, New) | (Closed, _) => false,
            (Solved, to) => matches!(to, Open | Closed),
            _ => true,
        }
    }

    /// Whether support is still working on the case (neither solved nor closed).
    pub fn is_active(self) -> bool {
        !matches!(self, CaseState::Solved | CaseState::Closed)
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::CaseState::*;
    use super::*;

    #[test]
    fn legal_moves_match_the_table() {
        let legal: Vec<(CaseState, CaseState)> = CaseState::ALL
            .iter()
            .flat_map(|&from| CaseState::ALL.iter().map(move |&to| (from, to)))
            .filter(|&(from, to)| from.can_move_to(to))
            .collect();
        let expected = vec![
            (New, Open),
            (New, PendingCustomer),
            (New, OnHold),
            (New, Solved),
            (New, Closed),
            (Open, PendingCustomer),
            (Open, OnHold),
            (Open, Solved),
            (Open, Closed),
            (PendingCustomer, Open),
            (PendingCustomer, OnHold),
            (PendingCustomer, Solved),
            (PendingCustomer, Closed),
            (OnHold, Open),
            (OnHold, PendingCustomer),
            (OnHold, Solved),
            (OnHold, Closed),
            (Solved, Open),
            (Solved, Closed),
        ];
        assert_eq!(legal, expected);
    }

    #[test]
    fn closed_is_terminal_and_new_is_never_reentered() {
        assert!(CaseState::ALL.iter().all(|&to| !Closed.can_move_to(to)));
        assert!(CaseState::ALL.iter().all(|&from| !from.can_move_to(New)));
    }

    #[test]
    fn display_and_serde_use_snake_case() {
        assert_eq!(PendingCustomer.to_string(), "pending_customer");
        for state in CaseState::ALL {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{state}\""));
            assert_eq!(serde_json::from_str::<CaseState>(&json).unwrap(), state);
        }
    }

    #[test]
    fn only_solved_and_closed_are_inactive() {
        let inactive: Vec<_> = CaseState::ALL.into_iter().filter(|s| !s.is_active()).collect();
        assert_eq!(inactive, vec![Solved, Closed]);
    }
}
