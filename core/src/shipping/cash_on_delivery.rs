//! Cash on delivery, in one place: how much a shipment may carry (never more than the order still
//! owes), the check at the door (collected must equal what was due), the collection recorded on the
//! shipment with its `cash_on_delivery_collected` event, and what is still due or was collected per order.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{Shipment, ShipmentEvent, ShippingError};
use crate::event::{Actor, RecordedEvent};
use crate::money::Money;
use crate::order::{Order, OrderError, PaymentMethod, Rebalance};

/// Cash collected on delivery, for the payment side to confirm against the order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CashCollection {
    /// The amount.
    pub amount: Money,
    /// When (the delivery).
    pub at: Timestamp,
    /// Who collected it (the courier, a driver).
    pub collected_by: Actor,
}

/// What `order` still owes, the cash to collect when it ships in one parcel (zero, in the order's
/// currency, when nothing is due).
pub fn cash_due(order: &Order) -> Result<Money, OrderError> {
    match order.balance()? {
        Rebalance::AmountDue { amount } => Ok(amount),
        _ => Ok(Money::zero(order.total().currency())),
    }
}

/// Checks the cash `amount` a new shipment of `order` would collect: only for a cash-on-delivery
/// order, positive, and within what the order owes less the cash due on its `existing` shipments.
pub(super) fn check_planned(order: &Order, existing: &[Shipment], amount: Money) -> Result<(), ShippingError> {
    if order.delivery().payment_method != PaymentMethod::CashOnDelivery {
        return Err(ShippingError::invalid("cash_on_delivery", "the order is not paid cash on delivery"));
    }
    if amount.minor() <= 0 {
        return Err(ShippingError::invalid("cash_on_delivery", "must be positive"));
    }
    let outstanding = cash_outstanding(order, existing)?;
    if amount.checked_sub(&outstanding)?.minor() > 0 {
        return Err(ShippingError::CashOnDeliveryExceedsBalance { requested: amount, outstanding });
    }
    Ok(())
}

/// What the order still owes, less the cash due on its live shipments not yet delivered.
fn cash_outstanding(order: &Order, shipments: &[Shipment]) -> Result<Money, ShippingError> {
    let owed = order.total().checked_sub(&order.paid())?;
    shipments
        .iter()
        .filter(|s| s.order_id() == order.id() && !s.state().is_terminal())
        .filter_map(Shipment::cash_on_delivery)
        .try_fold(owed, |left, due| Ok(left.checked_sub(&due)?))
}

/// The cash collected on delivery of `order`'s shipments so far (zero in the order's currency), for
/// the payment side to confirm.
pub fn cash_collected(order: &Order, shipments: &[Shipment]) -> Result<Money, ShippingError> {
    shipments
        .iter()
        .filter(|s| s.order_id() == order.id())
        .filter_map(|s| s.cash_collection().map(|c| c.amount))
        .try_fold(Money::zero(order.total().currency()), |sum, amount| Ok(sum.checked_add(&amount)?))
}

impl Shipment {
    pub(super) fn check_cash(&self, collected: Option<Money>) -> Result<(), ShippingError> {
        if collected == self.cash_on_delivery {
            Ok(())
        } else {
            Err(ShippingError::CashOnDeliveryMismatch {
                shipment_id: self.id.clone(),
                due: self.cash_on_delivery,
                collected,
            })
        }
    }

    pub(super) fn collect_cash(&mut self, amount: Money, actor: Actor, at: Timestamp) {
        let event = ShipmentEvent::CashOnDeliveryCollected {
            shipment_id: self.id.clone(),
            order_id: self.order_id.clone(),
            amount,
            actor: actor.clone(),
        };
        self.events.push(RecordedEvent::new(event, at));
        self.cash_collection = Some(CashCollection { amount, at, collected_by: actor });
    }
}
