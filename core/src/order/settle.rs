//! Money in and out of an order, by payment method: receiving a payment records it, emits
//! `order_payment_received` and, once an order waiting for its money is paid in full, moves it to
//! `paid`; refunds and payment reminders are recorded the same way.

use jiff::Timestamp;

use super::OrderEvent;
use super::{Order, OrderError, OrderState, Rebalance};
use crate::event::Actor;
use crate::money::Money;
use crate::order::{PaymentMethod, PaymentReminder};

impl Order {
    /// Records `amount` received by `method` (a capture, a bank transfer, cash collected, a gift card
    /// or wallet debit) and returns what is left to settle. An order in `pending_payment` or
    /// `awaiting_transfer` that is now paid in full (or over) moves to `paid`, by `actor`; a partial
    /// payment leaves it waiting with the remainder due. A refused call changes nothing.
    pub fn receive_payment(
        &mut self,
        amount: Money,
        method: PaymentMethod,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Rebalance, OrderError> {
        let balance = self.record_payment(amount)?;
        let order_id = self.id().to_owned();
        self.record(OrderEvent::OrderPaymentReceived { order_id, method, amount, balance }, at);
        let waiting = matches!(self.state(), OrderState::PendingPayment | OrderState::AwaitingTransfer);
        if waiting && !matches!(balance, Rebalance::AmountDue { .. }) {
            let note = format!("paid in full, last {amount} by {}", method_name(method));
            self.transition(OrderState::Paid, actor, at, Some(note))?;
        }
        Ok(balance)
    }

    /// Records `amount` given back to the shopper through `method` (never more than was received)
    /// and returns what is left to settle. The order's state is the caller's to move.
    pub fn refund_payment(
        &mut self,
        amount: Money,
        method: PaymentMethod,
        at: Timestamp,
    ) -> Result<Rebalance, OrderError> {
        let balance = self.record_refund(amount)?;
        let order_id = self.id().to_owned();
        self.record(OrderEvent::OrderPaymentRefunded { order_id, method, amount, balance }, at);
        Ok(balance)
    }

    /// Records that `reminder` is due for this unpaid order (`payment_reminder_due`, with the amount
    /// still due and when the order will be cancelled). Refused unless the order waits for its money
    /// and some is still due, or when this reminder was sent before.
    pub fn remind_payment(
        &mut self,
        reminder: PaymentReminder,
        cancel_at: Timestamp,
        at: Timestamp,
    ) -> Result<Money, OrderError> {
        let waiting = matches!(self.state(), OrderState::PendingPayment | OrderState::AwaitingTransfer);
        let (true, Rebalance::AmountDue { amount }) = (waiting, self.balance()?) else {
            return Err(OrderError::NothingDue { order_id: self.id().to_owned(), state: self.state() });
        };
        if self.reminders.contains(&reminder) {
            return Err(OrderError::AlreadyReminded { order_id: self.id().to_owned(), reminder });
        }
        self.reminders.push(reminder);
        let order_id = self.id().to_owned();
        self.record(OrderEvent::PaymentReminderDue { order_id, reminder, amount_due: amount, cancel_at }, at);
        Ok(amount)
    }
}

impl Order {
    /// The payment reminders sent for this order, oldest first.
    pub fn reminders_sent(&self) -> &[PaymentReminder] {
        &self.reminders
    }
}

fn method_name(method: PaymentMethod) -> &'static str {
    match method {
        PaymentMethod::Card => "card",
        PaymentMethod::BankTransfer => "bank transfer",
        PaymentMethod::CashOnDelivery => "cash on delivery",
        PaymentMethod::Wallet => "wallet",
        PaymentMethod::GiftCard => "gift card",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::fixtures::{at, eur, placed};

    fn kinds(order: &mut Order) -> Vec<&'static str> {
        order.take_events().iter().map(|e| e.event.kind()).collect()
    }

    #[test]
    fn a_partial_payment_keeps_the_order_waiting_and_the_rest_pays_it() {
        let mut order = placed(PaymentMethod::BankTransfer);
        order.take_events();
        let due = order.receive_payment(eur(1450), PaymentMethod::BankTransfer, Actor::System, at(1)).unwrap();
        assert_eq!((due, order.state()), (Rebalance::AmountDue { amount: eur(3000) }, OrderState::AwaitingTransfer));
        assert_eq!(kinds(&mut order), ["order_payment_received"]);
        let settled = order.receive_payment(eur(3000), PaymentMethod::BankTransfer, Actor::System, at(2)).unwrap();
        assert_eq!((settled, order.state()), (Rebalance::Settled, OrderState::Paid));
        assert_eq!(kinds(&mut order), ["order_payment_received", "order_state_changed"]);
        assert!(order.history().last().unwrap().note.as_deref().unwrap().contains("bank transfer"));
    }

    #[test]
    fn an_over_payment_pays_the_order_and_leaves_a_refund_owed() {
        let mut order = placed(PaymentMethod::Card);
        let balance = order.receive_payment(eur(5000), PaymentMethod::Card, Actor::System, at(1)).unwrap();
        assert_eq!((balance, order.state()), (Rebalance::RefundOwed { amount: eur(550) }, OrderState::Paid));
        let back = order.refund_payment(eur(550), PaymentMethod::Card, at(2)).unwrap();
        assert_eq!((back, order.paid()), (Rebalance::Settled, eur(4450)));
        assert!(order.refund_payment(eur(4451), PaymentMethod::Card, at(3)).is_err());
    }

    #[test]
    fn money_received_after_fulfilment_started_moves_no_state() {
        let mut order = placed(PaymentMethod::CashOnDelivery);
        let balance = order.receive_payment(eur(4450), PaymentMethod::CashOnDelivery, Actor::System, at(1)).unwrap();
        assert_eq!((balance, order.state()), (Rebalance::Settled, OrderState::Processing));
    }

    #[test]
    fn reminders_only_for_waiting_orders_with_money_due() {
        let mut order = placed(PaymentMethod::BankTransfer);
        order.take_events();
        let reminder = PaymentReminder::Reminder { number: 1 };
        assert_eq!(order.remind_payment(reminder, at(100), at(1)), Ok(eur(4450)));
        assert_eq!(kinds(&mut order), ["payment_reminder_due"]);
        order.receive_payment(eur(4450), PaymentMethod::BankTransfer, Actor::System, at(2)).unwrap();
        let refused = order.remind_payment(PaymentReminder::FinalNotice, at(100), at(3));
        assert!(matches!(refused, Err(OrderError::NothingDue { state: OrderState::Paid, .. })));
    }
}
