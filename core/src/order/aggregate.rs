//! The order aggregate: what was bought at which prices (the priced cart the shopper confirmed), for
//! whom and where, its number and payment reference, money received, state, history and events.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::OrderEvent;
use super::{OrderEdit, OrderError, OrderNumber, OrderState, OrderTransition, PaymentReference, Rebalance};
use crate::cart::Cart;
use crate::event::{Actor, RecordedEvent};
use crate::money::Money;
use crate::order::{ContactDetails, DeliveryDetails, PaymentMethod, PaymentReminder};
use crate::pricing::{PricedCart, PricingContext};

/// Everything an order is made from; built by checkout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderDraft {
    /// The order's number.
    pub number: OrderNumber,
    /// The customer, `None` for a guest.
    pub customer_id: Option<String>,
    /// How to reach the shopper.
    pub contact: ContactDetails,
    /// Where it goes, how it ships, how it is paid.
    pub delivery: DeliveryDetails,
    /// The cart as ordered.
    pub cart: Cart,
    /// The pricing context at placing (its `now` stays the moment prices are locked at).
    pub context: PricingContext,
    /// The priced cart the shopper confirmed.
    pub priced: PricedCart,
}

/// An order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Order {
    id: String,
    number: OrderNumber,
    payment_reference: PaymentReference,
    customer_id: Option<String>,
    contact: ContactDetails,
    delivery: DeliveryDetails,
    pub(super) cart: Cart,
    pub(super) context: PricingContext,
    pub(super) priced: PricedCart,
    pub(super) total: Money,
    paid: Money,
    state: OrderState,
    placed_at: Timestamp,
    placed_by: Actor,
    history: Vec<OrderTransition>,
    pub(super) edits: Vec<OrderEdit>,
    /// The payment reminders sent, in order (each at most once).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) reminders: Vec<PaymentReminder>,
    #[serde(default)]
    events: Vec<RecordedEvent<OrderEvent>>,
}

impl Order {
    /// Places an order in `pending_payment` and records `order_placed`. A bank-transfer order then
    /// moves to `awaiting_transfer` and a cash-on-delivery order to `processing`, by the system.
    pub fn place(draft: OrderDraft, actor: Actor, at: Timestamp) -> Result<Order, OrderError> {
        let total = Money::checked(draft.priced.totals.grand_total, draft.priced.currency, "totals.grand_total")?;
        let mut order = Order {
            id: Uuid::now_v7().to_string(),
            payment_reference: PaymentReference::for_order(&draft.number),
            number: draft.number,
            customer_id: draft.customer_id,
            contact: draft.contact,
            delivery: draft.delivery,
            cart: draft.cart,
            context: draft.context,
            priced: draft.priced,
            total,
            paid: Money::zero(total.currency()),
            state: OrderState::PendingPayment,
            placed_at: at,
            placed_by: actor,
            history: Vec::new(),
            edits: Vec::new(),
            reminders: Vec::new(),
            events: Vec::new(),
        };
        order.record(order.placed_event(), at);
        order.start_by_payment_method(at)?;
        Ok(order)
    }

    fn placed_event(&self) -> OrderEvent {
        OrderEvent::OrderPlaced {
            order_id: self.id.clone(),
            order_number: self.number.to_string(),
            customer_id: self.customer_id.clone(),
            email: self.contact.email.clone(),
            total: self.total,
            payment_method: self.delivery.payment_method,
        }
    }

    fn start_by_payment_method(&mut self, at: Timestamp) -> Result<(), OrderError> {
        match self.delivery.payment_method {
            PaymentMethod::BankTransfer => {
                let note = format!("awaiting bank transfer with reference {}", self.payment_reference);
                self.transition(OrderState::AwaitingTransfer, Actor::System, at, Some(note))
            }
            PaymentMethod::CashOnDelivery => {
                self.transition(OrderState::Processing, Actor::System, at, Some("cash on delivery".into()))
            }
            _ => Ok(()),
        }
    }

    /// The one transition function: moves the order to `to` if the state machine allows it (and, for
    /// `pending_payment -> processing`, only when paid cash on delivery), recording the move in the
    /// history and as an `order_state_changed` event. A refused move changes nothing.
    pub fn transition(
        &mut self,
        to: OrderState,
        actor: Actor,
        at: Timestamp,
        note: Option<String>,
    ) -> Result<(), OrderError> {
        self.check_transition(to)?;
        let from = self.state;
        let event = OrderEvent::OrderStateChanged { order_id: self.id.clone(), from, to, actor: actor.clone() };
        self.history.push(OrderTransition { at, actor, from, to, note });
        self.record(event, at);
        self.state = to;
        Ok(())
    }

    /// Whether [`Order::transition`] to `to` would be accepted now.
    pub fn check_transition(&self, to: OrderState) -> Result<(), OrderError> {
        if !self.state.can_move_to(to) {
            return Err(OrderError::IllegalTransition { order_id: self.id.clone(), from: self.state, to });
        }
        let unpaid_fulfilment = self.state == OrderState::PendingPayment && to == OrderState::Processing;
        if unpaid_fulfilment && self.delivery.payment_method != PaymentMethod::CashOnDelivery {
            return Err(OrderError::PaymentRequired { order_id: self.id.clone() });
        }
        Ok(())
    }

    /// Records money received for the order (a capture, a bank transfer, cash collected).
    pub fn record_payment(&mut self, amount: Money) -> Result<Rebalance, OrderError> {
        positive(amount, "amount")?;
        self.paid = self.paid.checked_add(&amount)?;
        self.balance()
    }

    /// Records money given back to the shopper; never more than was received.
    pub fn record_refund(&mut self, amount: Money) -> Result<Rebalance, OrderError> {
        positive(amount, "amount")?;
        let left = self.paid.checked_sub(&amount)?;
        if left.is_negative() {
            return Err(OrderError::RefundExceedsPaid { paid: self.paid, refund: amount });
        }
        self.paid = left;
        self.balance()
    }

    /// What is left to settle: the grand total against the money received. A cancelled order owes
    /// back everything received.
    pub fn balance(&self) -> Result<Rebalance, OrderError> {
        let total = if self.state == OrderState::Cancelled { Money::zero(self.total.currency()) } else { self.total };
        Ok(Rebalance::between(total, self.paid)?)
    }

    /// The events recorded since the last call, oldest first, leaving none behind.
    pub fn take_events(&mut self) -> Vec<RecordedEvent<OrderEvent>> {
        std::mem::take(&mut self.events)
    }

    pub(super) fn record(&mut self, event: OrderEvent, at: Timestamp) {
        self.events.push(RecordedEvent::new(event, at));
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The human-friendly number.
    pub fn number(&self) -> &OrderNumber {
        &self.number
    }

    /// The reference a bank transfer must quote.
    pub fn payment_reference(&self) -> &PaymentReference {
        &self.payment_reference
    }

    /// The customer, `None` for a guest.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer_id.as_deref()
    }

    /// How to reach the shopper.
    pub fn contact(&self) -> &ContactDetails {
        &self.contact
    }

    /// Delivery address, shipping method and payment method.
    pub fn delivery(&self) -> &DeliveryDetails {
        &self.delivery
    }

    /// The lines as ordered (after back-office edits).
    pub fn cart(&self) -> &Cart {
        &self.cart
    }

    /// The pricing context the order was priced in.
    pub fn context(&self) -> &PricingContext {
        &self.context
    }

    /// The priced cart: as the shopper confirmed it, or as re-priced by the last back-office edit.
    pub fn priced(&self) -> &PricedCart {
        &self.priced
    }

    /// The grand total.
    pub fn total(&self) -> Money {
        self.total
    }

    /// Money received, net of refunds.
    pub fn paid(&self) -> Money {
        self.paid
    }

    /// The current state.
    pub fn state(&self) -> OrderState {
        self.state
    }

    /// When the order was placed.
    pub fn placed_at(&self) -> Timestamp {
        self.placed_at
    }

    /// Takes the shopper out of the order (their erasure): the contact is `email` (the erased
    /// address) with no phone, the delivery address keeps only its country and region, and the
    /// shopper's notes and gift message read as erased. What was bought, its prices, taxes and
    /// payments stay whole, as the accounts need them.
    pub fn erase_personal_data(&mut self, email: &str) {
        self.contact = ContactDetails { email: email.to_owned(), phone: None };
        self.delivery.address = self.delivery.address.erased();
        self.cart.erase_personal_text();
    }

    /// Who placed the order (the shopper, or staff placing it for them).
    pub fn placed_by(&self) -> &Actor {
        &self.placed_by
    }

    /// Every state change, oldest first.
    pub fn history(&self) -> &[OrderTransition] {
        &self.history
    }

    /// Every back-office edit, oldest first.
    pub fn edits(&self) -> &[OrderEdit] {
        &self.edits
    }

    /// The events not yet taken.
    pub fn events(&self) -> &[RecordedEvent<OrderEvent>] {
        &self.events
    }
}

fn positive(amount: Money, field: &'static str) -> Result<(), OrderError> {
    if amount.minor() > 0 {
        Ok(())
    } else {
        Err(OrderError::NonPositiveAmount { field, amount })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::order::fixtures::{at, eur, placed};
    use OrderState::*;

    #[test]
    fn a_card_order_starts_pending_with_a_placed_event_and_a_valid_reference() {
        let mut order = placed(PaymentMethod::Card);
        assert_eq!(order.state(), PendingPayment);
        assert!(order.history().is_empty());
        assert_eq!(order.number().as_str(), "VT-2026-000042");
        assert_eq!(PaymentReference::parse(order.payment_reference().as_str()).unwrap(), *order.payment_reference());
        assert_eq!(order.total(), eur(4450));
        let events = order.take_events();
        assert_eq!(events.len(), 1);
        assert!(matches!(&events[0].event, OrderEvent::OrderPlaced { total, .. } if *total == eur(4450)));
        assert!(order.events().is_empty());
    }

    #[test]
    fn bank_transfer_and_cash_on_delivery_start_by_a_recorded_system_move() {
        let transfer = placed(PaymentMethod::BankTransfer);
        assert_eq!(transfer.state(), AwaitingTransfer);
        let step = &transfer.history()[0];
        assert_eq!((step.from, step.to, &step.actor), (PendingPayment, AwaitingTransfer, &Actor::System));
        assert!(step.note.as_deref().unwrap().contains(transfer.payment_reference().formatted().as_str()));
        let cod = placed(PaymentMethod::CashOnDelivery);
        assert_eq!(cod.state(), Processing);
        assert_eq!(cod.events().len(), 2);
    }

    #[test]
    fn a_legal_move_is_recorded_with_time_actor_and_note() {
        let mut order = placed(PaymentMethod::Card);
        let staff = Actor::Staff { id: "ivan".into() };
        order.transition(Paid, Actor::System, at(1), None).unwrap();
        order.transition(Processing, staff.clone(), at(2), Some("picking".into())).unwrap();
        assert_eq!(order.state(), Processing);
        let last = order.history().last().unwrap();
        assert_eq!(
            last,
            &OrderTransition { at: at(2), actor: staff, from: Paid, to: Processing, note: Some("picking".into()) }
        );
        assert!(matches!(order.events().last().unwrap().event, OrderEvent::OrderStateChanged { to: Processing, .. }));
    }

    #[test]
    fn an_illegal_move_is_a_typed_error_and_changes_nothing() {
        let mut order = placed(PaymentMethod::Card);
        let before = order.clone();
        let err = order.transition(Shipped, Actor::System, at(1), None).unwrap_err();
        assert_eq!(
            err,
            OrderError::IllegalTransition { order_id: order.id().into(), from: PendingPayment, to: Shipped }
        );
        assert_eq!(order, before);
        let err = order.transition(Processing, Actor::System, at(1), None).unwrap_err();
        assert_eq!(err, OrderError::PaymentRequired { order_id: order.id().into() });
        assert_eq!(order, before);
    }

    #[test]
    fn payments_and_refunds_move_the_balance() {
        let mut order = placed(PaymentMethod::Card);
        assert_eq!(order.balance().unwrap(), Rebalance::AmountDue { amount: eur(4450) });
        assert_eq!(order.record_payment(eur(4450)).unwrap(), Rebalance::Settled);
        assert_eq!(order.record_refund(eur(450)).unwrap(), Rebalance::AmountDue { amount: eur(450) });
        let err = order.record_refund(eur(5000)).unwrap_err();
        assert_eq!(err, OrderError::RefundExceedsPaid { paid: eur(4000), refund: eur(5000) });
        assert!(matches!(order.record_payment(eur(0)), Err(OrderError::NonPositiveAmount { .. })));
        order.transition(Cancelled, Actor::System, at(1), None).unwrap();
        assert_eq!(order.balance().unwrap(), Rebalance::RefundOwed { amount: eur(4000) });
    }

    /// The documented table, written out independently of `OrderState::can_move_to`.
    fn documented(from: OrderState, to: OrderState) -> bool {
        const TABLE: &[(OrderState, &[OrderState])] = &[
            (PendingPayment, &[AwaitingTransfer, Paid, Processing, Cancelled]),
            (AwaitingTransfer, &[Paid, Cancelled]),
            (Paid, &[Processing, Cancelled]),
            (Processing, &[PartiallyShipped, Shipped, Cancelled]),
            (PartiallyShipped, &[Shipped]),
            (Shipped, &[Delivered, Refunded]),
            (Delivered, &[Completed, Refunded]),
            (Completed, &[Refunded]),
        ];
        TABLE.iter().any(|(f, tos)| *f == from && tos.contains(&to))
    }

    fn any_state() -> impl Strategy<Value = OrderState> {
        proptest::sample::select(OrderState::ALL.to_vec())
    }

    fn any_method() -> impl Strategy<Value = PaymentMethod> {
        proptest::sample::select(vec![PaymentMethod::Card, PaymentMethod::BankTransfer, PaymentMethod::CashOnDelivery])
    }

    proptest! {
        #[test]
        fn random_moves_follow_the_table_and_every_accepted_one_is_recorded(
            method in any_method(),
            moves in proptest::collection::vec(any_state(), 0..40),
        ) {
            let mut order = placed(method);
            let mut accepted = order.history().len();
            for (n, to) in moves.into_iter().enumerate() {
                let before = order.clone();
                let expected = documented(before.state(), to)
                    && !(before.state() == PendingPayment && to == Processing && method != PaymentMethod::CashOnDelivery);
                match order.transition(to, Actor::System, at(n as i64), None) {
                    Ok(()) => {
                        prop_assert!(expected, "{:?} -> {to:?} accepted", before.state());
                        accepted += 1;
                        prop_assert_eq!(order.state(), to);
                    }
                    Err(_) => {
                        prop_assert!(!expected, "{:?} -> {to:?} refused", before.state());
                        prop_assert_eq!(&order, &before);
                    }
                }
                prop_assert_eq!(order.history().len(), accepted);
            }
            for step in order.history() {
                prop_assert!(documented(step.from, step.to));
            }
        }
    }
}
