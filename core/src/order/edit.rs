//! Back-office edits of a placed order: change a line's quantity or cancel a line. The edited cart is
//! re-priced through the [`Pricer`] in the order's own pricing context (its `now` is the moment of
//! placing, so the prices and promotions the shopper got stay locked), and the new grand total is
//! balanced against the money received: an amount due or a refund owed.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::OrderEvent;
use super::{Order, OrderError, Rebalance};
use crate::cart::Cart;
use crate::event::Actor;
use crate::money::Money;
use crate::pricing::Pricer;

/// What a back-office edit changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineChange {
    /// A line's quantity was changed.
    QuantityChanged {
        /// The line.
        line_id: String,
        /// Units before.
        from: u32,
        /// Units after.
        to: u32,
    },
    /// A line was cancelled (removed from the order).
    LineCancelled {
        /// The line.
        line_id: String,
        /// Its variant.
        variant_id: String,
        /// The units it had.
        quantity: u32,
    },
}

/// One back-office edit, as recorded on the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderEdit {
    /// When it was made.
    pub at: Timestamp,
    /// Who made it.
    pub actor: Actor,
    /// What changed.
    pub change: LineChange,
    /// The grand total before.
    pub previous_total: Money,
    /// The grand total after.
    pub new_total: Money,
    /// The balance right after the edit.
    pub rebalance: Rebalance,
}

impl Order {
    /// Sets line `line_id` to `quantity` units (at least 1; stock is checked for an increase), re-prices
    /// and returns the new balance. Refused once something has shipped.
    pub fn change_line_quantity(
        &mut self,
        pricer: &Pricer,
        line_id: &str,
        quantity: u32,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Rebalance, OrderError> {
        self.check_editable()?;
        let mut cart = self.cart.clone();
        let from = cart.line(line_id).map_or(0, |line| line.quantity);
        if from == quantity {
            return Err(OrderError::QuantityUnchanged { line_id: line_id.to_owned(), quantity });
        }
        cart.update_quantity(pricer.catalog(), line_id, quantity)?;
        let change = LineChange::QuantityChanged { line_id: line_id.to_owned(), from, to: quantity };
        self.commit_edit(pricer, cart, change, actor, at)
    }

    /// Cancels line `line_id`, re-prices and returns the new balance. The last line cannot be
    /// cancelled (cancel the order instead). Refused once something has shipped.
    pub fn cancel_line(
        &mut self,
        pricer: &Pricer,
        line_id: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Rebalance, OrderError> {
        self.check_editable()?;
        let mut cart = self.cart.clone();
        let line = cart.remove_line(line_id)?;
        if cart.lines.is_empty() {
            return Err(OrderError::LastLine { line_id: line_id.to_owned() });
        }
        let change = LineChange::LineCancelled {
            line_id: line.id.to_string(),
            variant_id: line.variant_id,
            quantity: line.quantity,
        };
        self.commit_edit(pricer, cart, change, actor, at)
    }

    fn check_editable(&self) -> Result<(), OrderError> {
        if self.state().is_editable() {
            Ok(())
        } else {
            Err(OrderError::NotEditable { order_id: self.id().to_owned(), state: self.state() })
        }
    }

    /// Prices `cart`, and only if everything succeeds, makes it the order's, recording the edit.
    fn commit_edit(
        &mut self,
        pricer: &Pricer,
        cart: Cart,
        change: LineChange,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Rebalance, OrderError> {
        let priced = pricer.price(&cart, &self.context)?;
        let new_total = Money::checked(priced.totals.grand_total, priced.currency, "totals.grand_total")?;
        let rebalance = Rebalance::between(new_total, self.paid())?;
        let previous_total = self.total;
        let event = OrderEvent::OrderEdited { order_id: self.id().to_owned(), previous_total, new_total, rebalance };
        self.record(event, at);
        self.edits.push(OrderEdit { at, actor, change, previous_total, new_total, rebalance });
        self.cart = cart;
        self.priced = priced;
        self.total = new_total;
        Ok(rebalance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::CartError;
    use crate::order::fixtures::{at, eur, placed, pricer, pricer_with_tee_at, MUG_LINE, TEE_LINE};
    use crate::order::OrderState;
    use crate::order::PaymentMethod;

    fn staff() -> Actor {
        Actor::Staff { id: "back-office".into() }
    }

    fn paid_order() -> Order {
        let mut order = placed(PaymentMethod::Card);
        order.record_payment(eur(4450)).unwrap();
        order.transition(OrderState::Paid, Actor::System, at(1), None).unwrap();
        order
    }

    #[test]
    fn cancelling_a_line_of_a_paid_order_owes_a_refund() {
        let mut order = paid_order();
        let rebalance = order.cancel_line(&pricer(), MUG_LINE, staff(), at(2)).unwrap();
        // 20.00 tee + 4.90 shipping remain; 44.50 was paid.
        assert_eq!(rebalance, Rebalance::RefundOwed { amount: eur(1960) });
        assert_eq!(order.total(), eur(2490));
        assert_eq!(order.cart().lines.len(), 1);
        assert_eq!(order.priced().lines.len(), 1);
        let edit = order.edits().last().unwrap();
        assert_eq!((edit.previous_total, edit.new_total, &edit.actor), (eur(4450), eur(2490), &staff()));
        assert!(matches!(&edit.change, LineChange::LineCancelled { quantity: 2, .. }));
        assert!(matches!(order.events().last().unwrap().event, OrderEvent::OrderEdited { .. }));
    }

    #[test]
    fn raising_a_quantity_makes_an_amount_due() {
        let mut order = paid_order();
        let rebalance = order.change_line_quantity(&pricer(), TEE_LINE, 3, staff(), at(2)).unwrap();
        assert_eq!(rebalance, Rebalance::AmountDue { amount: eur(4000) });
        assert_eq!(order.total(), eur(8450));
        let change = &order.edits()[0].change;
        assert_eq!(change, &LineChange::QuantityChanged { line_id: TEE_LINE.into(), from: 1, to: 3 });
    }

    #[test]
    fn edits_reprice_through_the_given_pricer() {
        // A pricer whose tee costs 25.00 re-prices the edited line at that price.
        let mut order = paid_order();
        let rebalance = order.change_line_quantity(&pricer_with_tee_at(2500), MUG_LINE, 1, staff(), at(2)).unwrap();
        assert_eq!(order.total(), eur(2500 + 980 + 490));
        assert_eq!(rebalance, Rebalance::RefundOwed { amount: eur(4450 - 3970) });
        assert_eq!(order.priced().lines[0].unit_price.to_string(), "25.00");
    }

    #[test]
    fn refused_edits_change_nothing() {
        let mut order = paid_order();
        let before = order.clone();
        assert!(matches!(
            order.change_line_quantity(&pricer(), TEE_LINE, 11, staff(), at(2)),
            Err(OrderError::Cart(CartError::InsufficientStock { .. }))
        ));
        assert!(matches!(
            order.change_line_quantity(&pricer(), TEE_LINE, 0, staff(), at(2)),
            Err(OrderError::Cart(CartError::ZeroQuantity { .. }))
        ));
        assert_eq!(
            order.change_line_quantity(&pricer(), TEE_LINE, 1, staff(), at(2)),
            Err(OrderError::QuantityUnchanged { line_id: TEE_LINE.into(), quantity: 1 })
        );
        assert!(matches!(order.cancel_line(&pricer(), "nope", staff(), at(2)), Err(OrderError::Cart(_))));
        order.cancel_line(&pricer(), MUG_LINE, staff(), at(2)).unwrap();
        let one_line = order.clone();
        assert_eq!(
            order.cancel_line(&pricer(), TEE_LINE, staff(), at(3)),
            Err(OrderError::LastLine { line_id: TEE_LINE.into() })
        );
        assert_eq!(order, one_line);
        assert_ne!(order, before);
    }

    #[test]
    fn shipped_orders_cannot_be_edited() {
        let mut order = paid_order();
        order.transition(OrderState::Processing, staff(), at(2), None).unwrap();
        order.transition(OrderState::Shipped, staff(), at(3), None).unwrap();
        let before = order.clone();
        assert_eq!(
            order.cancel_line(&pricer(), MUG_LINE, staff(), at(4)),
            Err(OrderError::NotEditable { order_id: order.id().into(), state: OrderState::Shipped })
        );
        assert_eq!(order, before);
    }
}
