//! Test fixtures for shipping: addresses, a paid order in `processing` (one tee and two mugs, see
//! [`crate::order::fixtures`]) and shipments of it.

use jiff::Timestamp;

use super::{LineQuantity, NewShipment, Shipment};
use crate::event::Actor;
use crate::order::fixtures::{at, eur, placed};
use crate::order::PaymentMethod;
use crate::order::{Order, OrderState};

pub(crate) use crate::delivery::fixtures::warehouse;
pub(crate) use crate::order::fixtures::{MUG_LINE, TEE_LINE};

/// The standard order paid by `method` and moved to `processing`.
pub(crate) fn processing(method: PaymentMethod) -> Order {
    let mut order = placed(method);
    if method != PaymentMethod::CashOnDelivery {
        order.record_payment(eur(4450)).expect("paid");
        order.transition(OrderState::Paid, Actor::System, at(60), None).expect("paid");
        order.transition(OrderState::Processing, staff(), at(120), None).expect("processing");
    }
    order
}

/// A back-office user.
pub(crate) fn staff() -> Actor {
    Actor::Staff { id: "packer".into() }
}

/// The test courier as an actor.
pub(crate) fn courier() -> Actor {
    Actor::Courier { name: "test".into() }
}

/// A shipment request for `lines` (`(line id, units)`) by the test courier, no cash on delivery.
pub(crate) fn new_shipment(lines: &[(&str, u32)]) -> NewShipment {
    NewShipment {
        courier: "test".into(),
        service: Some("standard".into()),
        lines: lines
            .iter()
            .map(|(line_id, quantity)| LineQuantity { line_id: (*line_id).into(), quantity: *quantity })
            .collect(),
        cash_on_delivery: None,
        packaging: vec![],
    }
}

/// A planned shipment of `lines` of `order`, next to `existing`.
pub(crate) fn plan(order: &Order, existing: &[Shipment], lines: &[(&str, u32)], when: Timestamp) -> Shipment {
    Shipment::plan(order, existing, new_shipment(lines), staff(), when).expect("planned")
}
