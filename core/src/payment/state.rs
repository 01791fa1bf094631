//! The payment state machine: its states and which moves between them are legal (the table is in the
//! module documentation of [`crate::payment`]).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentState {
    /// Created; nothing has happened at the gateway yet.
    Pending,
    /// The shopper must complete 3-D Secure or a redirect.
    RequiresAction,
    /// Funds are reserved, not taken.
    Authorized,
    /// Part of the authorization was taken; more may be captured.
    PartiallyCaptured,
    /// Everything authorized was taken.
    Captured,
    /// Part of what was taken was given back.
    PartiallyRefunded,
    /// Final: everything taken was given back.
    Refunded,
    /// Final: the authorization was released without taking anything.
    Voided,
    /// Final: declined or failed.
    Failed,
    /// Final: the shopper never completed it, or the authorization lapsed.
    Expired,
}

impl PaymentState {
    /// All states, in lifecycle order.
    pub const ALL: [PaymentState; 10] = [
        PaymentState::Pending,
        PaymentState::RequiresAction,
        PaymentState::Authorized,
        PaymentState::PartiallyCaptured,
        PaymentState::Captured,
        PaymentState::PartiallyRefunded,
        PaymentState::Refunded,
        PaymentState::Voided,
        PaymentState::Failed,
        PaymentState::Expired,
    ];

    /// The state's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentState::Pending => "pending",
            PaymentState::RequiresAction => "requires_action",
            PaymentState::Authorized => "authorized",
            PaymentState::PartiallyCaptured => "partially_captured",
            PaymentState::Captured => "captured",
            PaymentState::PartiallyRefunded => "partially_refunded",
            PaymentState::Refunded => "refunded",
            PaymentState::Voided => "voided",
            PaymentState::Failed => "failed",
            PaymentState::Expired => "expired",
        }
    }

    /// Whether the table allows moving from `self` to `to`. The only self-moves are a further partial
    /// capture and a further partial refund.
    pub fn can_move_to(self, to: PaymentState) -> bool {
        use PaymentState::*;
        match self {
            Pending => matches!(to, RequiresAction | Authorized | Captured | Failed | Expired),
            RequiresAction => matches!(to, Authorized | Captured | Failed | Expired),
            Authorized => matches!(to, PartiallyCaptured | Captured | Voided | Expired),
            PartiallyCaptured => matches!(to, PartiallyCaptured | Captured | PartiallyRefunded | Refunded),
            Captured => matches!(to, PartiallyRefunded | Refunded),
            PartiallyRefunded => matches!(to, PartiallyRefunded | Refunded),
            Refunded | Voided | Failed | Expired => false,
        }
    }

    /// Whether no move leaves this state.
    pub fn is_terminal(self) -> bool {
        PaymentState::ALL.iter().all(|&to| !self.can_move_to(to))
    }

    /// Whether money has been taken and not all of it given back, so a refund is possible.
    pub fn is_refundable(self) -> bool {
        matches!(self, PaymentState::PartiallyCaptured | PaymentState::Captured | PaymentState::PartiallyRefunded)
    }
}

impl fmt::Display for PaymentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::PaymentState::*;
    use super::*;

    #[test]
    fn legal_moves_match_the_documented_table() {
        let legal: Vec<(PaymentState, PaymentState)> = PaymentState::ALL
            .iter()
            .flat_map(|&from| PaymentState::ALL.iter().map(move |&to| (from, to)))
            .filter(|&(from, to)| from.can_move_to(to))
            .collect();
        let expected = vec![
            (Pending, RequiresAction),
            (Pending, Authorized),
            (Pending, Captured),
            (Pending, Failed),
            (Pending, Expired),
            (RequiresAction, Authorized),
            (RequiresAction, Captured),
            (RequiresAction, Failed),
            (RequiresAction, Expired),
            (Authorized, PartiallyCaptured),
            (Authorized, Captured),
            (Authorized, Voided),
            (Authorized, Expired),
            (PartiallyCaptured, PartiallyCaptured),
            (PartiallyCaptured, Captured),
            (PartiallyCaptured, PartiallyRefunded),
            (PartiallyCaptured, Refunded),
            (Captured, PartiallyRefunded),
            (Captured, Refunded),
            (PartiallyRefunded, PartiallyRefunded),
            (PartiallyRefunded, Refunded),
        ];
        assert_eq!(legal, expected);
    }

    #[test]
    fn terminal_states() {
        let terminal: Vec<_> = PaymentState::ALL.into_iter().filter(|s| s.is_terminal()).collect();
        assert_eq!(terminal, vec![Refunded, Voided, Failed, Expired]);
    }

    #[test]
    fn display_and_serde_use_snake_case() {
        assert_eq!(RequiresAction.to_string(), "requires_action");
        for state in PaymentState::ALL {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{state}\""));
            assert_eq!(serde_json::from_str::<PaymentState>(&json).unwrap(), state);
        }
    }
}
