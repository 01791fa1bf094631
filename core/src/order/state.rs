//! The order state machine: its states and which moves between them are legal (the table is in the
//! module documentation of [`crate::order`]).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where an order stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Placed; waiting for the payment (card, wallet, gift card) to go through.
    PendingPayment,
    /// Waiting for a bank transfer quoting the order's payment reference.
    AwaitingTransfer,
    /// Paid in full; not yet being fulfilled.
    Paid,
    /// Being picked and packed (cash-on-delivery orders start here unpaid).
    Processing,
    /// Some shipments left, others are still to come.
    PartiallyShipped,
    /// Everything has left the warehouse.
    Shipped,
    /// The courier delivered everything.
    Delivered,
    /// Final: the return window has passed.
    Completed,
    /// Final: the order will not be fulfilled; money received is owed back (see [`crate::order::Order::balance`]).
    Cancelled,
    /// Final: the goods were returned or lost and all money was given back.
    Refunded,
}

impl OrderState {
    /// All states, in lifecycle order.
    pub const ALL: [OrderState; 10] = [
        OrderState::PendingPayment,
        OrderState::AwaitingTransfer,
        OrderState::Paid,
        OrderState::Processing,
        OrderState::PartiallyShipped,
        OrderState::Shipped,
        OrderState::Delivered,
        OrderState::Completed,
        OrderState::Cancelled,
        OrderState::Refunded,
    ];

    /// The state's snake_case name, as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderState::PendingPayment => "pending_payment",
            OrderState::AwaitingTransfer => "awaiting_transfer",
            OrderState::Paid => "paid",
            OrderState::Processing => "processing",
            OrderState::PartiallyShipped => "partially_shipped",
            OrderState::Shipped => "shipped",
            OrderState::Delivered => "delivered",
            OrderState::Completed => "completed",
            OrderState::Cancelled => "cancelled",
            OrderState::Refunded => "refunded",
        }
    }

    /// Whether the table allows moving from `self` to `to` (never to the same state).
    pub fn can_move_to(self, to: OrderState) -> bool {
        use OrderState::*;
        match self {
            PendingPayment => matches!(to, AwaitingTransfer | Paid | Processing | Cancelled),
            AwaitingTransfer => matches!(to, Paid | Cancelled),
            Paid => matches!(to, Processing | Cancelled),
            Processing => matches!(to, PartiallyShipped | Shipped | Cancelled),
            PartiallyShipped => to == Shipped,
            Shipped => matches!(to, Delivered | Refunded),
            Delivered => matches!(to, Completed | Refunded),
            Completed => to == Refunded,
            Cancelled | Refunded => false,
        }
    }

    /// Whether no move leaves this state.
    pub fn is_terminal(self) -> bool {
        OrderState::ALL.iter().all(|&to| !self.can_move_to(to))
    }

    /// Whether back-office line edits are still possible: nothing has shipped and the order is live.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            OrderState::PendingPayment | OrderState::AwaitingTransfer | OrderState::Paid | OrderState::Processing
        )
    }
}

impl fmt::Display for OrderState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::OrderState::*;
    use super::*;

    #[test]
    fn legal_moves_match_the_documented_table() {
        let legal: Vec<(OrderState, OrderState)> = OrderState::ALL
            .iter()
            .flat_map(|&from| OrderState::ALL.iter().map(move |&to| (from, to)))
            .filter(|&(from, to)| from.can_move_to(to))
            .collect();
        let expected = vec![
            (PendingPayment, AwaitingTransfer),
            (PendingPayment, Paid),
            (PendingPayment, Processing),
            (PendingPayment, Cancelled),
            (AwaitingTransfer, Paid),
            (AwaitingTransfer, Cancelled),
            (Paid, Processing),
            (Paid, Cancelled),
            (Processing, PartiallyShipped),
            (Processing, Shipped),
            (Processing, Cancelled),
            (PartiallyShipped, Shipped),
            (Shipped, Delivered),
            (Shipped, Refunded),
            (Delivered, Completed),
            (Delivered, Refunded),
            (Completed, Refunded),
        ];
        assert_eq!(legal, expected);
    }

    #[test]
    fn only_cancelled_and_refunded_are_terminal() {
        let terminal: Vec<_> = OrderState::ALL.into_iter().filter(|s| s.is_terminal()).collect();
        assert_eq!(terminal, vec![Cancelled, Refunded]);
    }

    #[test]
    fn editable_until_something_ships() {
        let editable: Vec<_> = OrderState::ALL.into_iter().filter(|s| s.is_editable()).collect();
        assert_eq!(editable, vec![PendingPayment, AwaitingTransfer, Paid, Processing]);
    }

    #[test]
    fn display_and_serde_use_snake_case() {
        assert_eq!(PartiallyShipped.to_string(), "partially_shipped");
        for state in OrderState::ALL {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{state}\""));
            assert_eq!(serde_json::from_str::<OrderState>(&json).unwrap(), state);
        }
    }
}
