//! The order's events: placed, moved, edited, paid, refunded and reminded, serialised tagged by `type`
//! as the outbox stores them.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{OrderState, PaymentMethod, PaymentReminder, Rebalance};
use crate::event::Actor;
use crate::money::Money;

/// Something that happened to an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum OrderEvent {
    /// A checkout became an order.
    OrderPlaced {
        /// The order.
        order_id: String,
        /// Its human-friendly number (`VT-2026-000123`).
        order_number: String,
        /// The customer, `None` for a guest.
        customer_id: Option<String>,
        /// Where confirmations go.
        email: String,
        /// The grand total.
        total: Money,
        /// How the shopper chose to pay.
        payment_method: PaymentMethod,
    },
    /// An order moved from one state to another.
    OrderStateChanged {
        /// The order.
        order_id: String,
        /// The state before.
        from: OrderState,
        /// The state after.
        to: OrderState,
        /// Who moved it.
        actor: Actor,
    },
    /// A back-office edit re-priced an order.
    OrderEdited {
        /// The order.
        order_id: String,
        /// The grand total before the edit.
        previous_total: Money,
        /// The grand total after the edit.
        new_total: Money,
        /// What the shopper owes or is owed now.
        rebalance: Rebalance,
    },
    /// Money for an order was received (a capture, a bank transfer, cash collected, a gift card or
    /// wallet debit).
    OrderPaymentReceived {
        /// The order.
        order_id: String,
        /// How it was paid.
        method: PaymentMethod,
        /// The amount received.
        amount: Money,
        /// What is left to settle afterwards.
        balance: Rebalance,
    },
    /// Money received for an order was given back to the shopper.
    OrderPaymentRefunded {
        /// The order.
        order_id: String,
        /// The method the money went back to.
        method: PaymentMethod,
        /// The amount given back.
        amount: Money,
        /// What is left to settle afterwards.
        balance: Rebalance,
    },
    /// An unpaid order is due a payment reminder (bank transfers).
    PaymentReminderDue {
        /// The order.
        order_id: String,
        /// Which reminder.
        reminder: PaymentReminder,
        /// What the shopper still owes.
        amount_due: Money,
        /// When the order is cancelled if still unpaid.
        cancel_at: Timestamp,
    },
}

impl OrderEvent {
    /// The event's `type` as serialised (`order_placed`), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            OrderEvent::OrderPlaced { .. } => "order_placed",
            OrderEvent::OrderStateChanged { .. } => "order_state_changed",
            OrderEvent::OrderEdited { .. } => "order_edited",
            OrderEvent::OrderPaymentReceived { .. } => "order_payment_received",
            OrderEvent::OrderPaymentRefunded { .. } => "order_payment_refunded",
            OrderEvent::PaymentReminderDue { .. } => "payment_reminder_due",
        }
    }
}
