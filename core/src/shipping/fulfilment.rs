//! Fulfilment: splitting an order into shipments (which lines and units go in which, never more
//! than ordered), what can ship from stock now, and the order's state following its shipments
//! (`partially_shipped`, `shipped`, `delivered`) through [`Order::transition`].

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{LineQuantity, NewShipment, Shipment, ShipmentLine, ShipmentState, ShippingError};
use crate::event::Actor;
use crate::order::{Order, OrderState};

/// How far one order line has got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineFulfilment {
    /// The order's cart line.
    pub line_id: String,
    /// Its variant.
    pub variant_id: String,
    /// Units ordered.
    pub ordered: u32,
    /// Units in shipments that are not cancelled.
    pub allocated: u32,
    /// Units in shipments that have left the shop.
    pub shipped: u32,
    /// Units delivered.
    pub delivered: u32,
}

impl LineFulfilment {
    /// Units not yet in any live shipment.
    pub fn unallocated(&self) -> u32 {
        self.ordered.saturating_sub(self.allocated)
    }
}

/// Units of a variant on hand to ship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockOnHand {
    /// The variant.
    pub variant_id: String,
    /// Units available.
    pub available: u32,
}

/// Each line of `order` with the units allocated, shipped and delivered by those of `shipments`
/// that belong to it. Cancelled shipments count for nothing; returned ones stay allocated.
pub fn line_fulfilment(order: &Order, shipments: &[Shipment]) -> Vec<LineFulfilment> {
    order
        .cart()
        .lines
        .iter()
        .map(|line| {
            let units = |keep: fn(ShipmentState) -> bool| units_of(order, shipments, &line.id, keep);
            LineFulfilment {
                line_id: line.id.to_string(),
                variant_id: line.variant_id.clone(),
                ordered: line.quantity,
                allocated: units(|s| s != ShipmentState::Cancelled),
                shipped: units(ShipmentState::has_left),
                delivered: units(|s| s == ShipmentState::Delivered),
            }
        })
        .collect()
}

fn units_of(order: &Order, shipments: &[Shipment], line_id: &str, keep: fn(ShipmentState) -> bool) -> u32 {
    shipments
        .iter()
        .filter(|s| s.order_id() == order.id() && keep(s.state()))
        .flat_map(|s| s.lines().iter())
        .filter(|l| l.line_id == line_id)
        .map(|l| l.quantity)
        .sum()
}

/// The units of `order` not yet in a shipment that `stock` can cover now, line by line in order
/// (lines of the same variant share its stock); variants missing from `stock` have none.
pub fn lines_from_stock(order: &Order, shipments: &[Shipment], stock: &[StockOnHand]) -> Vec<LineQuantity> {
    let mut left: Vec<StockOnHand> = stock.to_vec();
    line_fulfilment(order, shipments)
        .into_iter()
        .filter_map(|line| {
            let level = left.iter_mut().find(|s| s.variant_id == line.variant_id)?;
            let quantity = line.unallocated().min(level.available);
            level.available -= quantity;
            (quantity > 0).then_some(LineQuantity { line_id: line.line_id, quantity })
        })
        .collect()
}

impl Shipment {
    /// Plans a `pending` shipment of `new.lines` of `order`, next to the order's `existing`
    /// shipments (others' are ignored). Refused unless the order is `processing` or
    /// `partially_shipped`, every line exists once with a positive quantity, no line would ship more
    /// than ordered, and cash on delivery (for cash-on-delivery orders only) stays within what the
    /// order still owes.
    pub fn plan(
        order: &Order,
        existing: &[Shipment],
        new: NewShipment,
        actor: Actor,
        at: Timestamp,
    ) -> Result<Shipment, ShippingError> {
        check_fulfillable(order)?;
        if new.courier.trim().is_empty() {
            return Err(ShippingError::invalid("courier", "is required"));
        }
        let lines = shipment_lines(order, existing, &new.lines)?;
        if let Some(amount) = new.cash_on_delivery {
            super::cash_on_delivery::check_planned(order, existing, amount)?;
        }
        Ok(Shipment::pending(order.id(), new, lines, actor, at))
    }
}

fn check_fulfillable(order: &Order) -> Result<(), ShippingError> {
    match order.state() {
        OrderState::Processing | OrderState::PartiallyShipped => Ok(()),
        state => Err(ShippingError::NotFulfillable { order_id: order.id().to_owned(), state }),
    }
}

fn shipment_lines(
    order: &Order,
    existing: &[Shipment],
    asked: &[LineQuantity],
) -> Result<Vec<ShipmentLine>, ShippingError> {
    if asked.is_empty() {
        return Err(ShippingError::invalid("lines", "must not be empty"));
    }
    let progress = line_fulfilment(order, existing);
    asked.iter().enumerate().map(|(i, line)| shipment_line(&progress, asked, i, line)).collect()
}

fn shipment_line(
    progress: &[LineFulfilment],
    asked: &[LineQuantity],
    index: usize,
    line: &LineQuantity,
) -> Result<ShipmentLine, ShippingError> {
    let field = |name: &str| format!("lines[{index}].{name}");
    if line.quantity == 0 {
        return Err(ShippingError::invalid(field("quantity"), "must be positive"));
    }
    if asked[..index].iter().any(|earlier| earlier.line_id == line.line_id) {
        return Err(ShippingError::invalid(field("line_id"), "appears more than once"));
    }
    let known = progress.iter().find(|p| p.line_id == line.line_id);
    let known =
        known.ok_or_else(|| ShippingError::UnknownLine { field: field("line_id"), line_id: line.line_id.clone() })?;
    if line.quantity > known.unallocated() {
        return Err(ShippingError::OverShipment {
            field: field("quantity"),
            line_id: line.line_id.clone(),
            ordered: known.ordered,
            allocated: known.allocated,
            requested: line.quantity,
        });
    }
    Ok(ShipmentLine { line_id: line.line_id.clone(), variant_id: known.variant_id.clone(), quantity: line.quantity })
}

/// The state `order` should be in given its shipments: `delivered` when every unit is delivered,
/// `shipped` when every unit has left, `partially_shipped` when some have; `None` when none has.
pub fn order_state_for(order: &Order, shipments: &[Shipment]) -> Option<OrderState> {
    let lines = line_fulfilment(order, shipments);
    if lines.iter().all(|l| l.delivered >= l.ordered) {
        Some(OrderState::Delivered)
    } else if lines.iter().all(|l| l.shipped >= l.ordered) {
        Some(OrderState::Shipped)
    } else if lines.iter().any(|l| l.shipped > 0) {
        Some(OrderState::PartiallyShipped)
    } else {
        None
    }
}

/// Moves `order` forward (never back) to the state its shipments call for, one legal step at a
/// time through [`Order::transition`] (`processing -> shipped -> delivered`); returns the states
/// moved to. Orders outside fulfilment (`paid`, `cancelled`, ...) are left alone.
pub fn sync_order_state(
    order: &mut Order,
    shipments: &[Shipment],
    actor: Actor,
    at: Timestamp,
) -> Result<Vec<OrderState>, ShippingError> {
    let Some(target) = order_state_for(order, shipments) else { return Ok(Vec::new()) };
    let mut moves = Vec::new();
    while let Some(next) = next_step(order.state(), target) {
        order.transition(next, actor.clone(), at, Some("following its shipments".to_owned()))?;
        moves.push(next);
    }
    Ok(moves)
}

fn fulfilment_rank(state: OrderState) -> Option<u8> {
    match state {
        OrderState::Processing => Some(0),
        OrderState::PartiallyShipped => Some(1),
        OrderState::Shipped => Some(2),
        OrderState::Delivered => Some(3),
        _ => None,
    }
}

fn next_step(current: OrderState, target: OrderState) -> Option<OrderState> {
    if fulfilment_rank(current)? >= fulfilment_rank(target)? {
        return None;
    }
    let via_shipped = target == OrderState::Delivered && current != OrderState::Shipped;
    Some(if via_shipped { OrderState::Shipped } else { target })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::fixtures::{at, eur, placed};
    use crate::order::PaymentMethod;
    use crate::shipping::cash_collected;
    use crate::shipping::fixtures::{courier, new_shipment, plan, processing, staff, MUG_LINE, TEE_LINE};

    fn card_order() -> Order {
        processing(PaymentMethod::Card)
    }

    fn refused(order: &Order, existing: &[Shipment], lines: &[(&str, u32)]) -> ShippingError {
        Shipment::plan(order, existing, new_shipment(lines), staff(), at(300)).unwrap_err()
    }

    fn leave(shipment: &mut Shipment) {
        shipment.transition(ShipmentState::LabelCreated, staff(), at(400), None).unwrap();
        shipment.transition(ShipmentState::PickedUp, courier(), at(500), None).unwrap();
    }

    fn deliver(shipment: &mut Shipment) {
        shipment.transition(ShipmentState::OutForDelivery, courier(), at(600), None).unwrap();
        shipment.deliver(shipment.cash_on_delivery(), courier(), at(700), None).unwrap();
    }

    #[test]
    fn an_order_splits_into_shipments_but_never_ships_more_than_ordered() {
        let order = card_order();
        let first = plan(&order, &[], &[(TEE_LINE, 1), (MUG_LINE, 1)], at(200));
        let second = plan(&order, std::slice::from_ref(&first), &[(MUG_LINE, 1)], at(210));
        let both = [first, second];
        assert_eq!(
            refused(&order, &both, &[(MUG_LINE, 1)]),
            ShippingError::OverShipment {
                field: "lines[0].quantity".into(),
                line_id: MUG_LINE.into(),
                ordered: 2,
                allocated: 2,
                requested: 1,
            }
        );
        let progress = line_fulfilment(&order, &both);
        assert_eq!(
            progress.iter().map(|l| (l.ordered, l.allocated, l.unallocated())).collect::<Vec<_>>(),
            [(1, 1, 0), (2, 2, 0)]
        );
    }

    #[test]
    fn a_cancelled_shipment_frees_its_units() {
        let order = card_order();
        let mut first = plan(&order, &[], &[(MUG_LINE, 2)], at(200));
        first.transition(ShipmentState::Cancelled, staff(), at(250), None).unwrap();
        let again = plan(&order, std::slice::from_ref(&first), &[(MUG_LINE, 2)], at(300));
        assert_eq!(again.lines()[0].quantity, 2);
    }

    #[test]
    fn bad_shipment_lines_are_refused_naming_the_field() {
        let order = card_order();
        let field = |err: ShippingError| match err {
            ShippingError::InvalidField { field, .. } | ShippingError::UnknownLine { field, .. } => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(refused(&order, &[], &[])), "lines");
        assert_eq!(field(refused(&order, &[], &[(TEE_LINE, 0)])), "lines[0].quantity");
        assert_eq!(field(refused(&order, &[], &[(TEE_LINE, 1), ("nope", 1)])), "lines[1].line_id");
        assert_eq!(field(refused(&order, &[], &[(MUG_LINE, 1), (MUG_LINE, 1)])), "lines[1].line_id");
        let nameless = NewShipment { courier: " ".into(), ..new_shipment(&[(TEE_LINE, 1)]) };
        assert_eq!(field(Shipment::plan(&order, &[], nameless, staff(), at(1)).unwrap_err()), "courier");
    }

    #[test]
    fn only_orders_being_fulfilled_can_ship() {
        let unpaid = placed(PaymentMethod::Card);
        assert_eq!(
            refused(&unpaid, &[], &[(TEE_LINE, 1)]),
            ShippingError::NotFulfillable { order_id: unpaid.id().into(), state: OrderState::PendingPayment }
        );
    }

    #[test]
    fn shipments_of_other_orders_are_ignored() {
        let (order, other) = (card_order(), card_order());
        let elsewhere = plan(&other, &[], &[(MUG_LINE, 2)], at(200));
        let here = plan(&order, &[elsewhere], &[(MUG_LINE, 2)], at(200));
        assert_eq!(here.order_id(), order.id());
    }

    #[test]
    fn stock_decides_what_ships_now() {
        let order = card_order();
        let stock = |tee, mug| {
            vec![
                StockOnHand { variant_id: "tee".into(), available: tee },
                StockOnHand { variant_id: "mug".into(), available: mug },
            ]
        };
        let now = lines_from_stock(&order, &[], &stock(0, 1));
        assert_eq!(now, [LineQuantity { line_id: MUG_LINE.into(), quantity: 1 }]);
        let first = plan(&order, &[], &[(MUG_LINE, 1)], at(200));
        let later = lines_from_stock(&order, std::slice::from_ref(&first), &stock(5, 5));
        assert_eq!(
            later,
            [
                LineQuantity { line_id: TEE_LINE.into(), quantity: 1 },
                LineQuantity { line_id: MUG_LINE.into(), quantity: 1 }
            ]
        );
        assert!(lines_from_stock(&order, &[], &[]).is_empty());
    }

    #[test]
    fn the_order_follows_its_shipments() {
        let mut order = card_order();
        let mut first = plan(&order, &[], &[(TEE_LINE, 1), (MUG_LINE, 1)], at(200));
        let mut second = plan(&order, std::slice::from_ref(&first), &[(MUG_LINE, 1)], at(200));
        assert_eq!(order_state_for(&order, &[first.clone(), second.clone()]), None);
        leave(&mut first);
        let moves = sync_order_state(&mut order, &[first.clone(), second.clone()], Actor::System, at(510)).unwrap();
        assert_eq!((moves, order.state()), (vec![OrderState::PartiallyShipped], OrderState::PartiallyShipped));
        deliver(&mut first);
        leave(&mut second);
        let moves = sync_order_state(&mut order, &[first.clone(), second.clone()], Actor::System, at(710)).unwrap();
        assert_eq!(moves, [OrderState::Shipped]);
        deliver(&mut second);
        let moves = sync_order_state(&mut order, &[first, second], Actor::System, at(720)).unwrap();
        assert_eq!(moves, [OrderState::Delivered]);
        let last = order.history().last().unwrap();
        assert_eq!((last.from, last.to, last.at), (OrderState::Shipped, OrderState::Delivered, at(720)));
    }

    #[test]
    fn an_order_delivered_at_once_passes_through_shipped() {
        let mut order = card_order();
        let mut all = plan(&order, &[], &[(TEE_LINE, 1), (MUG_LINE, 2)], at(200));
        leave(&mut all);
        deliver(&mut all);
        let moves = sync_order_state(&mut order, std::slice::from_ref(&all), Actor::System, at(800)).unwrap();
        assert_eq!(moves, [OrderState::Shipped, OrderState::Delivered]);
        assert!(sync_order_state(&mut order, &[all], Actor::System, at(900)).unwrap().is_empty());
    }

    #[test]
    fn cash_on_delivery_stays_within_what_the_order_owes() {
        let order = processing(PaymentMethod::CashOnDelivery);
        let with_cash =
            |lines: &[(&str, u32)], minor| NewShipment { cash_on_delivery: Some(eur(minor)), ..new_shipment(lines) };
        let first = Shipment::plan(&order, &[], with_cash(&[(TEE_LINE, 1)], 3000), staff(), at(200)).unwrap();
        let err =
            Shipment::plan(&order, std::slice::from_ref(&first), with_cash(&[(MUG_LINE, 2)], 1500), staff(), at(200));
        assert_eq!(
            err.unwrap_err(),
            ShippingError::CashOnDeliveryExceedsBalance { requested: eur(1500), outstanding: eur(1450) }
        );
        let zero = Shipment::plan(&order, &[], with_cash(&[(MUG_LINE, 2)], 0), staff(), at(200));
        assert!(matches!(zero, Err(ShippingError::InvalidField { .. })));
        let prepaid = Shipment::plan(&card_order(), &[], with_cash(&[(MUG_LINE, 2)], 100), staff(), at(200));
        assert!(matches!(prepaid, Err(ShippingError::InvalidField { field, .. }) if field == "cash_on_delivery"));
    }

    #[test]
    fn cash_collected_on_delivery_is_exposed_for_the_payment_side() {
        let mut order = processing(PaymentMethod::CashOnDelivery);
        let new = NewShipment { cash_on_delivery: Some(eur(4450)), ..new_shipment(&[(TEE_LINE, 1), (MUG_LINE, 2)]) };
        let mut shipment = Shipment::plan(&order, &[], new, staff(), at(200)).unwrap();
        assert_eq!(cash_collected(&order, std::slice::from_ref(&shipment)).unwrap(), eur(0));
        leave(&mut shipment);
        deliver(&mut shipment);
        assert_eq!(cash_collected(&order, std::slice::from_ref(&shipment)).unwrap(), eur(4450));
        let moves = sync_order_state(&mut order, &[shipment], Actor::System, at(800)).unwrap();
        assert_eq!(moves, [OrderState::Shipped, OrderState::Delivered]);
        assert_eq!(order.paid(), eur(0), "the payment side records the money, not shipping");
    }
}
