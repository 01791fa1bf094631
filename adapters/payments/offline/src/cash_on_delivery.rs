//! Cash on delivery, the payment side: the order is fulfilled unpaid and the courier collects the money
//! at the door (the rules of what is due live in the core, `vitrina_core::shipping::cash_due`).
//! The collection is confirmed once, against what was due: a different amount is an error and records
//! nothing. The cash is recorded on the order as received; when it settles an order that has shipped
//! in full, the order is delivered, paid.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use vitrina_core::event::Actor;
use vitrina_core::money::Money;
use vitrina_core::order::PaymentMethod;
use vitrina_core::order::{Order, OrderState, Rebalance};
use vitrina_core::shipping::cash_due;

use crate::bank_transfer::check_method;
use crate::OfflinePaymentError;

/// Cash the courier collected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashCollection {
    /// The key it was confirmed with (one per delivery, e.g. the shipment id).
    pub idempotency_key: String,
    /// The amount collected.
    pub amount: Money,
    /// The courier (or driver) who collected it.
    pub collected_by: Actor,
    /// When.
    pub collected_at: Timestamp,
}

/// The cash-on-delivery side of an order: its collections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CashOnDelivery {
    order_id: String,
    collections: Vec<CashCollection>,
}

impl CashOnDelivery {
    /// The record for `order`, which must be paid cash on delivery.
    pub fn open(order: &Order) -> Result<CashOnDelivery, OfflinePaymentError> {
        check_method(order, PaymentMethod::CashOnDelivery)?;
        Ok(CashOnDelivery { order_id: order.id().to_owned(), collections: Vec::new() })
    }

    /// What the order still owes (the cash to collect when it ships in one parcel).
    pub fn outstanding(order: &Order) -> Result<Money, OfflinePaymentError> {
        Ok(cash_due(order)?)
    }

    /// Confirms that `courier` collected `collected` on delivering a parcel of `order` that was due
    /// `due` (all of [`CashOnDelivery::outstanding`], or one parcel's share). The order must have
    /// shipped (`partially_shipped`, `shipped` or `delivered`); `collected` must equal `due`, which must
    /// not exceed what is outstanding. The cash is recorded as received; if it settles a `shipped`
    /// order, the order moves to `delivered`. A repeat with `key` returns the balance and moves nothing.
    pub fn confirm_delivery(
        &mut self,
        order: &mut Order,
        due: Money,
        collected: Money,
        key: &str,
        courier: Actor,
        at: Timestamp,
    ) -> Result<Rebalance, OfflinePaymentError> {
        self.check_order(order)?;
        if self.already_confirmed(key, collected)? {
            return Ok(order.balance()?);
        }
        check_collectable(order, due, collected)?;
        let balance = order.receive_payment(collected, PaymentMethod::CashOnDelivery, courier.clone(), at)?;
        if order.state() == OrderState::Shipped && balance == Rebalance::Settled {
            let note = format!("delivered, {collected} collected in cash");
            order.transition(OrderState::Delivered, courier.clone(), at, Some(note))?;
        }
        let collection = CashCollection {
            idempotency_key: key.to_owned(),
            amount: collected,
            collected_by: courier,
            collected_at: at,
        };
        self.collections.push(collection);
        Ok(balance)
    }

    /// Whether `key` was confirmed before with `collected`; an error when with another amount.
    fn already_confirmed(&self, key: &str, collected: Money) -> Result<bool, OfflinePaymentError> {
        if key.trim().is_empty() {
            return Err(OfflinePaymentError::InvalidField { field: "idempotency_key", reason: "is required".into() });
        }
        match self.collections.iter().find(|c| c.idempotency_key == key) {
            Some(c) if c.amount == collected => Ok(true),
            Some(_) => Err(OfflinePaymentError::KeyReused { key: key.to_owned() }),
            None => Ok(false),
        }
    }

    fn check_order(&self, order: &Order) -> Result<(), OfflinePaymentError> {
        if order.id() == self.order_id {
            Ok(())
        } else {
            Err(OfflinePaymentError::WrongOrder { expected: self.order_id.clone(), given: order.id().to_owned() })
        }
    }

    /// The order.
    pub fn order_id(&self) -> &str {
        &self.order_id
    }

    /// The collections confirmed, oldest first.
    pub fn collections(&self) -> &[CashCollection] {
        &self.collections
    }
}

fn check_collectable(order: &Order, due: Money, collected: Money) -> Result<(), OfflinePaymentError> {
    let order_id = order.id().to_owned();
    let state = order.state();
    if !matches!(state, OrderState::PartiallyShipped | OrderState::Shipped | OrderState::Delivered) {
        return Err(OfflinePaymentError::NotOutForDelivery { order_id, state });
    }
    if collected != due {
        return Err(OfflinePaymentError::AmountMismatch { order_id, due, collected });
    }
    let outstanding = CashOnDelivery::outstanding(order)?;
    if due.currency() != outstanding.currency() || due.minor() > outstanding.minor() || due.minor() <= 0 {
        return Err(OfflinePaymentError::DueExceedsOutstanding { order_id, due, outstanding });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{at_days, eur, order};

    fn driver() -> Actor {
        Actor::Courier { name: "own-fleet/driver-7".into() }
    }

    fn shipped(total_minor: i64) -> (Order, CashOnDelivery) {
        let mut order = order(PaymentMethod::CashOnDelivery, total_minor);
        order.transition(OrderState::Shipped, Actor::System, at_days(1), None).unwrap();
        let cod = CashOnDelivery::open(&order).unwrap();
        (order, cod)
    }

    #[test]
    fn the_cash_collected_pays_and_delivers_the_order() {
        let (mut order, mut cod) = shipped(4_450);
        assert_eq!(CashOnDelivery::outstanding(&order), Ok(eur(4_450)));
        let balance = cod.confirm_delivery(&mut order, eur(4_450), eur(4_450), "s1", driver(), at_days(2));
        assert_eq!((balance, order.state(), order.paid()), (Ok(Rebalance::Settled), OrderState::Delivered, eur(4_450)));
        let last = order.history().last().unwrap();
        assert_eq!((&last.actor, last.to), (&driver(), OrderState::Delivered));
        let kinds: Vec<_> = order.take_events().iter().map(|e| e.event.kind()).collect();
        assert!(kinds.ends_with(&["order_payment_received", "order_state_changed"]), "{kinds:?}");
        assert_eq!(cod.collections()[0].amount, eur(4_450));
    }

    #[test]
    fn a_mismatch_is_an_error_and_records_nothing() {
        let (mut order, mut cod) = shipped(4_450);
        let before = order.clone();
        let short = cod.confirm_delivery(&mut order, eur(4_450), eur(4_400), "s1", driver(), at_days(2));
        assert_eq!(
            short,
            Err(OfflinePaymentError::AmountMismatch {
                order_id: order.id().into(),
                due: eur(4_450),
                collected: eur(4_400)
            })
        );
        let too_much_due = cod.confirm_delivery(&mut order, eur(5_000), eur(5_000), "s1", driver(), at_days(2));
        assert!(matches!(too_much_due, Err(OfflinePaymentError::DueExceedsOutstanding { .. })));
        assert_eq!((order, cod.collections().len()), (before, 0));
    }

    #[test]
    fn confirming_twice_moves_nothing_and_a_reused_key_is_an_error() {
        let (mut order, mut cod) = shipped(4_450);
        for _ in 0..2 {
            let balance = cod.confirm_delivery(&mut order, eur(4_450), eur(4_450), "s1", driver(), at_days(2));
            assert_eq!(balance, Ok(Rebalance::Settled));
        }
        assert_eq!((order.paid(), cod.collections().len()), (eur(4_450), 1));
        let reused = cod.confirm_delivery(&mut order, eur(100), eur(100), "s1", driver(), at_days(3));
        assert_eq!(reused, Err(OfflinePaymentError::KeyReused { key: "s1".into() }));
    }

    #[test]
    fn two_parcels_each_collect_their_share_and_the_last_delivers() {
        let mut order = order(PaymentMethod::CashOnDelivery, 4_450);
        order.transition(OrderState::PartiallyShipped, Actor::System, at_days(1), None).unwrap();
        let mut cod = CashOnDelivery::open(&order).unwrap();
        let first = cod.confirm_delivery(&mut order, eur(2_000), eur(2_000), "s1", driver(), at_days(2));
        assert_eq!(
            (first, order.state()),
            (Ok(Rebalance::AmountDue { amount: eur(2_450) }), OrderState::PartiallyShipped)
        );
        order.transition(OrderState::Shipped, Actor::System, at_days(3), None).unwrap();
        let last = cod.confirm_delivery(&mut order, eur(2_450), eur(2_450), "s2", driver(), at_days(4));
        assert_eq!((last, order.state()), (Ok(Rebalance::Settled), OrderState::Delivered));
    }

    #[test]
    fn cash_is_confirmed_only_for_shipped_cash_on_delivery_orders() {
        let mut processing = order(PaymentMethod::CashOnDelivery, 4_450);
        let mut cod = CashOnDelivery::open(&processing).unwrap();
        let early = cod.confirm_delivery(&mut processing, eur(4_450), eur(4_450), "s1", driver(), at_days(1));
        assert!(matches!(early, Err(OfflinePaymentError::NotOutForDelivery { state: OrderState::Processing, .. })));
        let card = order(PaymentMethod::Card, 4_450);
        assert!(matches!(CashOnDelivery::open(&card), Err(OfflinePaymentError::WrongMethod { .. })));
        let (mut other, _) = shipped(4_450);
        let wrong = cod.confirm_delivery(&mut other, eur(4_450), eur(4_450), "s1", driver(), at_days(2));
        assert!(matches!(wrong, Err(OfflinePaymentError::WrongOrder { .. })));
    }
}
