//! "Where is my order": the customer-facing timeline of an order (placed, payment received, packed,
//! in transit, out for delivery, delivered) with times, built from the order's history and its
//! shipments' histories and tracking events. Staff, drivers and internal moves stay out.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{IncidentReason, Shipment, ShipmentState, TrackingStatus};
use crate::order::{Order, OrderState};

/// A step the shopper sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// The order was placed.
    OrderPlaced,
    /// The shop received the money (for cash on delivery: the cash, at delivery).
    PaymentReceived,
    /// A parcel is packed and labelled.
    Packed,
    /// A parcel left the shop and is on its way.
    InTransit,
    /// The carrier reports a delay or hold.
    Delayed,
    /// A parcel is on the vehicle for delivery.
    OutForDelivery,
    /// A delivery attempt failed.
    DeliveryAttemptFailed,
    /// A parcel waits at a pickup point.
    ReadyForPickup,
    /// A parcel was delivered.
    Delivered,
    /// A parcel is going back to the shop.
    ReturnedToSender,
    /// The order was cancelled.
    OrderCancelled,
}

/// One dated step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OrderTimelineEntry {
    /// When.
    pub at: Timestamp,
    /// What.
    pub milestone: Milestone,
    /// The parcel concerned, for shipment steps.
    pub shipment_id: Option<String>,
    /// Its tracking number, when it has one.
    pub tracking_number: Option<String>,
    /// Why, for a delay or failed attempt.
    pub incident: Option<IncidentReason>,
}

/// The timeline of `order` and those of `shipments` that belong to it, oldest first (order steps
/// before shipment steps at the same moment). A shipment step repeats only when the parcel's
/// milestone changes (several hub scans are one `in_transit`; a second delivery attempt shows again).
pub fn order_timeline(order: &Order, shipments: &[Shipment]) -> Vec<OrderTimelineEntry> {
    let mut entries = order_entries(order);
    for shipment in shipments.iter().filter(|s| s.order_id() == order.id()) {
        entries.extend(shipment_entries(shipment));
    }
    entries.sort_by_key(|e| e.at);
    entries
}

fn order_entries(order: &Order) -> Vec<OrderTimelineEntry> {
    let placed = entry(order.placed_at(), Milestone::OrderPlaced, None);
    let moves = order.history().iter().filter_map(|step| {
        let milestone = match step.to {
            OrderState::Paid => Milestone::PaymentReceived,
            OrderState::Cancelled => Milestone::OrderCancelled,
            _ => return None,
        };
        Some(entry(step.at, milestone, None))
    });
    std::iter::once(placed).chain(moves).collect()
}

fn shipment_entries(shipment: &Shipment) -> Vec<OrderTimelineEntry> {
    let mut steps: Vec<(Timestamp, Milestone, Option<IncidentReason>)> = shipment
        .history()
        .iter()
        .filter_map(|step| state_milestone(step.to).map(|m| (step.at, m, incident_at(shipment, step.at, step.to))))
        .collect();
    steps.extend(delays(shipment));
    steps.sort_by_key(|(at, ..)| *at);
    let mut entries: Vec<OrderTimelineEntry> = Vec::new();
    for (at, milestone, incident) in steps {
        if entries.last().map(|e| e.milestone) != Some(milestone) {
            entries.push(OrderTimelineEntry { incident, ..entry(at, milestone, Some(shipment)) });
        }
    }
    if let Some(cash) = shipment.cash_collection() {
        entries.push(entry(cash.at, Milestone::PaymentReceived, Some(shipment)));
    }
    entries
}

fn state_milestone(state: ShipmentState) -> Option<Milestone> {
    match state {
        ShipmentState::LabelCreated => Some(Milestone::Packed),
        ShipmentState::PickedUp | ShipmentState::InTransit => Some(Milestone::InTransit),
        ShipmentState::OutForDelivery => Some(Milestone::OutForDelivery),
        ShipmentState::ReadyForPickup => Some(Milestone::ReadyForPickup),
        ShipmentState::DeliveryFailed => Some(Milestone::DeliveryAttemptFailed),
        ShipmentState::Delivered => Some(Milestone::Delivered),
        ShipmentState::ReturnedToSender => Some(Milestone::ReturnedToSender),
        ShipmentState::Pending | ShipmentState::Cancelled => None,
    }
}

fn delays(shipment: &Shipment) -> Vec<(Timestamp, Milestone, Option<IncidentReason>)> {
    shipment
        .tracking()
        .iter()
        .filter(|e| matches!(e.status, TrackingStatus::Delayed | TrackingStatus::OnHold))
        .map(|e| (e.at, Milestone::Delayed, e.incident))
        .collect()
}

/// The incident of the tracking event that moved the shipment to `to` at `at`.
fn incident_at(shipment: &Shipment, at: Timestamp, to: ShipmentState) -> Option<IncidentReason> {
    shipment.tracking().iter().find(|e| e.at == at && e.status.shipment_state() == Some(to)).and_then(|e| e.incident)
}

fn entry(at: Timestamp, milestone: Milestone, shipment: Option<&Shipment>) -> OrderTimelineEntry {
    OrderTimelineEntry {
        at,
        milestone,
        shipment_id: shipment.map(|s| s.id().to_owned()),
        tracking_number: shipment.and_then(|s| s.tracking_number().map(str::to_owned)),
        incident: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::Actor;
    use crate::order::fixtures::{at, eur};
    use crate::order::PaymentMethod;
    use crate::shipping::fixtures::{courier, new_shipment, plan, processing, staff, MUG_LINE, TEE_LINE};
    use crate::shipping::{CreatedShipment, LabelDocument, NewShipment, TrackingEvent};
    use Milestone::*;

    fn label(shipment: &mut Shipment, number: &str, seconds: i64) {
        let label = LabelDocument { content_type: "text/plain".into(), bytes: vec![] };
        let created =
            CreatedShipment { tracking_number: number.into(), label, estimated_delivery: None, warnings: vec![] };
        shipment.label_created(created, staff(), at(seconds)).unwrap();
    }

    fn track(shipment: &mut Shipment, steps: &[(i64, TrackingStatus)]) {
        let events: Vec<_> =
            steps.iter().map(|&(s, status)| TrackingEvent::new(at(s), status, status.as_str(), "")).collect();
        shipment.record_tracking(&events, &courier());
    }

    fn milestones(entries: &[OrderTimelineEntry]) -> Vec<(Milestone, i64)> {
        entries.iter().map(|e| (e.milestone, e.at.as_second() - at(0).as_second())).collect()
    }

    #[test]
    fn a_card_order_reads_placed_paid_packed_in_transit_out_delivered() {
        let order = processing(PaymentMethod::Card);
        let mut shipment = plan(&order, &[], &[(TEE_LINE, 1), (MUG_LINE, 2)], at(200));
        label(&mut shipment, "TT1", 300);
        use TrackingStatus as T;
        track(
            &mut shipment,
            &[
                (400, T::PickedUp),
                (500, T::InTransit),
                (600, T::InTransit),
                (700, T::OutForDelivery),
                (800, T::Delivered),
            ],
        );
        let timeline = order_timeline(&order, &[shipment]);
        assert_eq!(
            milestones(&timeline),
            [
                (OrderPlaced, 0),
                (PaymentReceived, 60),
                (Packed, 300),
                (InTransit, 400),
                (OutForDelivery, 700),
                (Delivered, 800)
            ]
        );
        assert_eq!(timeline[0].shipment_id, None);
        assert_eq!(timeline[2].tracking_number.as_deref(), Some("TT1"));
    }

    #[test]
    fn delays_and_failed_attempts_show_with_their_reason() {
        let order = processing(PaymentMethod::Card);
        let mut shipment = plan(&order, &[], &[(TEE_LINE, 1)], at(200));
        label(&mut shipment, "TT1", 300);
        use TrackingStatus as T;
        track(&mut shipment, &[(400, T::InTransit), (700, T::OutForDelivery)]);
        let mut delayed = TrackingEvent::new(at(500), T::Delayed, "DY", "storm");
        delayed.incident = Some(IncidentReason::Weather);
        let mut failed = TrackingEvent::new(at(800), T::DeliveryFailed, "NH", "nobody home");
        failed.incident = Some(IncidentReason::RecipientAbsent);
        shipment.record_tracking(&[failed], &courier());
        track(&mut shipment, &[(900, T::OutForDelivery), (950, T::Delivered)]);
        shipment.record_tracking(&[delayed], &courier());
        let timeline = order_timeline(&order, &[shipment]);
        let shipment_steps: Vec<_> = timeline.iter().skip(2).map(|e| (e.milestone, e.incident)).collect();
        assert_eq!(
            shipment_steps,
            [
                (Packed, None),
                (InTransit, None),
                (Delayed, Some(IncidentReason::Weather)),
                (OutForDelivery, None),
                (DeliveryAttemptFailed, Some(IncidentReason::RecipientAbsent)),
                (OutForDelivery, None),
                (Delivered, None),
            ]
        );
    }

    #[test]
    fn cash_on_delivery_is_received_at_delivery_and_each_parcel_shows() {
        let order = processing(PaymentMethod::CashOnDelivery);
        let new = NewShipment { cash_on_delivery: Some(eur(2000)), ..new_shipment(&[(TEE_LINE, 1)]) };
        let mut first = Shipment::plan(&order, &[], new, staff(), at(200)).unwrap();
        let mut second = plan(&order, std::slice::from_ref(&first), &[(MUG_LINE, 2)], at(200));
        label(&mut first, "A", 300);
        label(&mut second, "B", 310);
        first.transition(ShipmentState::InTransit, courier(), at(400), None).unwrap();
        first.deliver(Some(eur(2000)), Actor::Courier { name: "driver".into() }, at(500), None).unwrap();
        let timeline = order_timeline(&order, &[first, second]);
        assert_eq!(
            milestones(&timeline),
            [
                (OrderPlaced, 0),
                (Packed, 300),
                (Packed, 310),
                (InTransit, 400),
                (Delivered, 500),
                (PaymentReceived, 500)
            ]
        );
        assert_eq!(timeline[2].tracking_number.as_deref(), Some("B"));
    }

    #[test]
    fn a_cancelled_order_says_so() {
        let mut order = processing(PaymentMethod::Card);
        order.transition(OrderState::Cancelled, staff(), at(300), None).unwrap();
        let cancelled = order_timeline(&order, &[]);
        assert_eq!(milestones(&cancelled).last(), Some(&(OrderCancelled, 300)));
    }
}
