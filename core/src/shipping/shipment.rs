//! The shipment aggregate: which order lines and units travel together, by which courier, with its
//! tracking number and label, cash to collect on delivery, state, history, tracking events and
//! domain events.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::ShipmentEvent;
use super::{CashCollection, CreatedShipment, LabelDocument, ShipmentState, ShippingError, TrackingEvent};
use crate::delivery::{DeliveryWindow, PackagingKind};
use crate::event::{Actor, RecordedEvent};
use crate::money::Money;

/// Units of one order line, as asked for when planning a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LineQuantity {
    /// The order's cart line.
    pub line_id: String,
    /// Units.
    pub quantity: u32,
}

/// Units of one order line in a shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShipmentLine {
    /// The order's cart line.
    pub line_id: String,
    /// Its variant.
    pub variant_id: String,
    /// Units in this shipment.
    pub quantity: u32,
}

/// What to ship, as given to [`Shipment::plan`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct NewShipment {
    /// The courier plug-in's name.
    pub courier: String,
    /// The courier's service code, when already chosen.
    #[serde(default)]
    pub service: Option<String>,
    /// Which lines and how many units.
    pub lines: Vec<LineQuantity>,
    /// Cash to collect on delivery (cash-on-delivery orders only).
    #[serde(default)]
    pub cash_on_delivery: Option<Money>,
    /// Special packaging.
    #[serde(default)]
    pub packaging: Vec<PackagingKind>,
}

/// One recorded move of a shipment's state machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShipmentTransition {
    /// When it happened (UTC).
    pub at: Timestamp,
    /// Who caused it.
    pub actor: Actor,
    /// The state before.
    pub from: ShipmentState,
    /// The state after.
    pub to: ShipmentState,
    /// A free-text reason (the carrier's event text, `"customer asked to cancel"`).
    pub note: Option<String>,
}

/// What recording a batch of tracking events did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackingSync {
    /// New events recorded (repeats are ignored).
    pub recorded: usize,
    /// The states the shipment moved to, in order.
    pub moves: Vec<ShipmentState>,
    /// Events recorded without moving the shipment, with the reason (out of order, illegal move).
    pub refused: Vec<RefusedEvent>,
}

/// A tracking event that did not move the shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RefusedEvent {
    /// The carrier's code.
    pub raw_code: String,
    /// When it happened.
    pub at: Timestamp,
    /// Why it did not apply.
    pub reason: String,
}

/// A shipment of (part of) an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Shipment {
    pub(super) id: String,
    pub(super) order_id: String,
    courier: String,
    service: Option<String>,
    lines: Vec<ShipmentLine>,
    packaging: Vec<PackagingKind>,
    pub(super) cash_on_delivery: Option<Money>,
    pub(super) cash_collection: Option<CashCollection>,
    tracking_number: Option<String>,
    label: Option<LabelDocument>,
    /// The courier's estimate given with the label; absent from the JSON when it gave none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    estimated_delivery: Option<DeliveryWindow>,
    state: ShipmentState,
    created_at: Timestamp,
    planned_by: Actor,
    history: Vec<ShipmentTransition>,
    tracking: Vec<TrackingEvent>,
    #[serde(default)]
    pub(super) events: Vec<RecordedEvent<ShipmentEvent>>,
}

impl Shipment {
    /// A `pending` shipment; [`Shipment::plan`] checks the lines against the order first.
    pub(super) fn pending(
        order_id: &str,
        new: NewShipment,
        lines: Vec<ShipmentLine>,
        actor: Actor,
        at: Timestamp,
    ) -> Shipment {
        Shipment {
            id: crate::id::new_id(at),
            order_id: order_id.to_owned(),
            courier: new.courier.trim().to_owned(),
            service: new.service,
            lines,
            packaging: new.packaging,
            cash_on_delivery: new.cash_on_delivery,
            cash_collection: None,
            tracking_number: None,
            label: None,
            estimated_delivery: None,
            state: ShipmentState::Pending,
            created_at: at,
            planned_by: actor,
            history: Vec::new(),
            tracking: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The one transition function: moves the shipment to `to` if the state machine allows it,
    /// recording the move in the history and as a `shipment_state_changed` event. A cash-on-delivery
    /// shipment is delivered through [`Shipment::deliver`], which records the cash. A refused move
    /// changes nothing.
    pub fn transition(
        &mut self,
        to: ShipmentState,
        actor: Actor,
        at: Timestamp,
        note: Option<String>,
    ) -> Result<(), ShippingError> {
        self.check_transition(to)?;
        if to == ShipmentState::Delivered {
            self.check_cash(None)?;
        }
        self.apply_move(to, actor, at, note);
        Ok(())
    }

    /// Whether the state machine allows moving to `to` now.
    pub fn check_transition(&self, to: ShipmentState) -> Result<(), ShippingError> {
        if self.state.can_move_to(to) {
            Ok(())
        } else {
            Err(ShippingError::IllegalTransition { shipment_id: self.id.clone(), from: self.state, to })
        }
    }

    /// Marks the shipment delivered, with the cash `collected` on delivery: exactly the amount due
    /// on a cash-on-delivery shipment (recorded, and announced as `cash_on_delivery_collected`),
    /// `None` on a prepaid one.
    pub fn deliver(
        &mut self,
        collected: Option<Money>,
        actor: Actor,
        at: Timestamp,
        note: Option<String>,
    ) -> Result<(), ShippingError> {
        self.check_transition(ShipmentState::Delivered)?;
        self.check_cash(collected)?;
        if let Some(amount) = collected {
            self.collect_cash(amount, actor.clone(), at);
        }
        self.apply_move(ShipmentState::Delivered, actor, at, note);
        Ok(())
    }

    /// Records the courier's tracking number and label and moves to `label_created`.
    pub fn label_created(
        &mut self,
        created: CreatedShipment,
        actor: Actor,
        at: Timestamp,
    ) -> Result<(), ShippingError> {
        self.check_transition(ShipmentState::LabelCreated)?;
        let note = format!("tracking number {}", created.tracking_number);
        self.tracking_number = Some(created.tracking_number);
        self.label = Some(created.label);
        self.estimated_delivery = created.estimated_delivery;
        self.apply_move(ShipmentState::LabelCreated, actor, at, Some(note));
        Ok(())
    }

    /// Records the tracking events not seen before, oldest first, moving the shipment as each says
    /// (a `delivered` event delivers with its `cash_collected`). Events older than the latest one
    /// recorded, and moves the state machine refuses, are kept without moving the shipment.
    pub fn record_tracking(&mut self, events: &[TrackingEvent], actor: &Actor) -> TrackingSync {
        let mut fresh: Vec<TrackingEvent> = events.iter().filter(|e| !self.tracking.contains(e)).cloned().collect();
        fresh.sort_by_key(|e| e.at);
        let mut sync = TrackingSync::default();
        for event in fresh {
            self.apply_tracking_event(event, actor, &mut sync);
        }
        sync
    }

    fn apply_tracking_event(&mut self, event: TrackingEvent, actor: &Actor, sync: &mut TrackingSync) {
        let stale = self.tracking.iter().any(|known| known.at > event.at);
        self.tracking.push(event.clone());
        sync.recorded += 1;
        let Some(to) = event.status.shipment_state().filter(|&to| to != self.state) else { return };
        let refuse = |reason: String| RefusedEvent { raw_code: event.raw_code.clone(), at: event.at, reason };
        if stale {
            sync.refused.push(refuse("older than the latest event".to_owned()));
            return;
        }
        let note = Some(event.description.clone());
        let moved = match to {
            ShipmentState::Delivered => self.deliver(event.cash_collected, actor.clone(), event.at, note),
            _ => self.transition(to, actor.clone(), event.at, note),
        };
        match moved {
            Ok(()) => sync.moves.push(to),
            Err(error) => sync.refused.push(refuse(error.to_string())),
        }
    }

    fn apply_move(&mut self, to: ShipmentState, actor: Actor, at: Timestamp, note: Option<String>) {
        let from = self.state;
        let event = ShipmentEvent::ShipmentStateChanged {
            shipment_id: self.id.clone(),
            order_id: self.order_id.clone(),
            from,
            to,
            actor: actor.clone(),
        };
        self.events.push(RecordedEvent::new(event, at));
        self.history.push(ShipmentTransition { at, actor, from, to, note });
        self.state = to;
    }

    /// The events recorded since the last call, oldest first, leaving none behind.
    pub fn take_events(&mut self) -> Vec<RecordedEvent<ShipmentEvent>> {
        std::mem::take(&mut self.events)
    }

    /// Unique id (UUIDv7 string).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The order shipped.
    pub fn order_id(&self) -> &str {
        &self.order_id
    }

    /// The courier plug-in's name.
    pub fn courier(&self) -> &str {
        &self.courier
    }

    /// The courier's service code, when chosen.
    pub fn service(&self) -> Option<&str> {
        self.service.as_deref()
    }

    /// The order lines and units inside.
    pub fn lines(&self) -> &[ShipmentLine] {
        &self.lines
    }

    /// Special packaging.
    pub fn packaging(&self) -> &[PackagingKind] {
        &self.packaging
    }

    /// Cash to collect on delivery, `None` when prepaid.
    pub fn cash_on_delivery(&self) -> Option<Money> {
        self.cash_on_delivery
    }

    /// The cash collected on delivery, once delivered.
    pub fn cash_collection(&self) -> Option<&CashCollection> {
        self.cash_collection.as_ref()
    }

    /// The courier's tracking number, once the label exists.
    pub fn tracking_number(&self) -> Option<&str> {
        self.tracking_number.as_deref()
    }

    /// The label, once created.
    pub fn label(&self) -> Option<&LabelDocument> {
        self.label.as_ref()
    }

    /// When the courier expects to deliver, as it said when the label was created.
    pub fn estimated_delivery(&self) -> Option<DeliveryWindow> {
        self.estimated_delivery
    }

    /// The current state.
    pub fn state(&self) -> ShipmentState {
        self.state
    }

    /// When it was planned.
    pub fn created_at(&self) -> Timestamp {
        self.created_at
    }

    /// Who planned it.
    pub fn planned_by(&self) -> &Actor {
        &self.planned_by
    }

    /// Every state change, oldest first.
    pub fn history(&self) -> &[ShipmentTransition] {
        &self.history
    }

    /// Every tracking event recorded, in the order received.
    pub fn tracking(&self) -> &[TrackingEvent] {
        &self.tracking
    }

    /// The events not yet taken.
    pub fn events(&self) -> &[RecordedEvent<ShipmentEvent>] {
        &self.events
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::order::fixtures::{at, eur};
    use crate::order::PaymentMethod;
    use crate::shipping::fixtures::{courier, plan, processing, staff, MUG_LINE, TEE_LINE};
    use crate::shipping::{NewShipment, TrackingStatus};
    use ShipmentState::*;

    fn shipment() -> Shipment {
        plan(&processing(PaymentMethod::Card), &[], &[(TEE_LINE, 1)], at(200))
    }

    fn cod_shipment() -> Shipment {
        let order = processing(PaymentMethod::CashOnDelivery);
        let new = NewShipment {
            cash_on_delivery: Some(eur(4450)),
            ..crate::shipping::fixtures::new_shipment(&[(TEE_LINE, 1), (MUG_LINE, 2)])
        };
        Shipment::plan(&order, &[], new, staff(), at(200)).unwrap()
    }

    fn created(number: &str) -> CreatedShipment {
        CreatedShipment {
            tracking_number: number.into(),
            label: LabelDocument { content_type: "text/plain".into(), bytes: b"LABEL".to_vec() },
            estimated_delivery: None,
            warnings: vec![],
        }
    }

    fn walk(shipment: &mut Shipment, states: &[ShipmentState]) {
        for (n, &to) in states.iter().enumerate() {
            shipment.transition(to, courier(), at(1000 + n as i64), None).unwrap();
        }
    }

    fn event(seconds: i64, status: TrackingStatus, code: &str) -> TrackingEvent {
        TrackingEvent::new(at(seconds), status, code, code)
    }

    #[test]
    fn a_planned_shipment_is_pending_with_its_lines() {
        let shipment = shipment();
        assert_eq!(shipment.state(), Pending);
        assert_eq!(
            shipment.lines(),
            [ShipmentLine { line_id: TEE_LINE.into(), variant_id: "tee".into(), quantity: 1 }]
        );
        assert_eq!((shipment.courier(), shipment.service()), ("test", Some("standard")));
        assert_eq!(shipment.planned_by(), &staff());
        assert!(shipment.history().is_empty() && shipment.tracking_number().is_none());
    }

    #[test]
    fn the_couriers_estimate_is_kept_with_the_label_and_absent_from_json_without_one() {
        let mut shipment = shipment();
        let without = serde_json::to_value(&shipment).unwrap();
        assert!(without.get("estimated_delivery").is_none(), "{without}");
        let window = DeliveryWindow::new(at(86_400), at(2 * 86_400)).unwrap();
        shipment
            .label_created(CreatedShipment { estimated_delivery: Some(window), ..created("TT1") }, courier(), at(300))
            .unwrap();
        assert_eq!(shipment.estimated_delivery(), Some(window));
        let json = serde_json::to_value(&shipment).unwrap();
        assert_eq!(serde_json::from_value::<Shipment>(json).unwrap(), shipment);
        assert_eq!(serde_json::from_value::<Shipment>(without).unwrap().estimated_delivery(), None);
    }

    #[test]
    fn a_legal_move_is_recorded_with_time_actor_and_note_and_an_event() {
        let mut shipment = shipment();
        shipment.label_created(created("TT1"), courier(), at(300)).unwrap();
        assert_eq!(shipment.tracking_number(), Some("TT1"));
        assert_eq!(shipment.label().unwrap().bytes, b"LABEL");
        shipment.transition(PickedUp, courier(), at(400), Some("scan".into())).unwrap();
        let last = shipment.history().last().unwrap();
        assert_eq!(
            last,
            &ShipmentTransition {
                at: at(400),
                actor: courier(),
                from: LabelCreated,
                to: PickedUp,
                note: Some("scan".into())
            }
        );
        let events = shipment.take_events();
        assert_eq!(events.len(), 2);
        assert!(matches!(
            &events[1].event,
            ShipmentEvent::ShipmentStateChanged { from: LabelCreated, to: PickedUp, .. }
        ));
        assert!(shipment.events().is_empty());
    }

    #[test]
    fn an_illegal_move_is_a_typed_error_and_changes_nothing() {
        let mut shipment = shipment();
        let before = shipment.clone();
        let err = shipment.transition(Delivered, courier(), at(300), None).unwrap_err();
        assert_eq!(
            err,
            ShippingError::IllegalTransition { shipment_id: shipment.id().into(), from: Pending, to: Delivered }
        );
        assert_eq!(shipment, before);
        walk(&mut shipment, &[Cancelled]);
        assert!(shipment.label_created(created("TT2"), courier(), at(400)).is_err());
        assert_eq!(shipment.tracking_number(), None);
    }

    #[test]
    fn a_failed_delivery_is_retried_and_then_delivered() {
        let mut shipment = shipment();
        walk(&mut shipment, &[LabelCreated, PickedUp, InTransit, OutForDelivery, DeliveryFailed, OutForDelivery]);
        shipment.deliver(None, courier(), at(2000), None).unwrap();
        assert_eq!(shipment.state(), Delivered);
        assert_eq!(shipment.history().len(), 7);
        assert_eq!(shipment.cash_collection(), None);
    }

    #[test]
    fn cash_on_delivery_must_be_collected_in_full_at_delivery() {
        let mut shipment = cod_shipment();
        walk(&mut shipment, &[LabelCreated, PickedUp, OutForDelivery]);
        let before = shipment.clone();
        let mismatch = |collected| ShippingError::CashOnDeliveryMismatch {
            shipment_id: before.id().into(),
            due: Some(eur(4450)),
            collected,
        };
        assert_eq!(shipment.transition(Delivered, courier(), at(2000), None), Err(mismatch(None)));
        assert_eq!(shipment.deliver(Some(eur(4000)), courier(), at(2000), None), Err(mismatch(Some(eur(4000)))));
        assert_eq!(shipment, before);
        shipment.deliver(Some(eur(4450)), courier(), at(2000), None).unwrap();
        let cash = shipment.cash_collection().unwrap();
        assert_eq!((cash.amount, cash.at, &cash.collected_by), (eur(4450), at(2000), &courier()));
        let collected = shipment.events().iter().find(|e| e.event.kind() == "cash_on_delivery_collected").unwrap();
        assert!(
            matches!(&collected.event, ShipmentEvent::CashOnDeliveryCollected { amount, .. } if *amount == eur(4450))
        );
    }

    #[test]
    fn a_prepaid_shipment_refuses_cash() {
        let mut shipment = shipment();
        walk(&mut shipment, &[LabelCreated, InTransit]);
        let err = shipment.deliver(Some(eur(100)), courier(), at(2000), None).unwrap_err();
        assert!(matches!(err, ShippingError::CashOnDeliveryMismatch { due: None, .. }));
        assert_eq!(shipment.state(), InTransit);
    }

    #[test]
    fn tracking_events_move_the_shipment_once_and_in_time_order() {
        let mut shipment = shipment();
        shipment.label_created(created("TT1"), staff(), at(300)).unwrap();
        let events = vec![
            event(600, TrackingStatus::InTransit, "IT"),
            event(500, TrackingStatus::PickedUp, "PU"),
            event(700, TrackingStatus::InTransit, "IT2"),
            event(800, TrackingStatus::Delayed, "DY"),
        ];
        let sync = shipment.record_tracking(&events, &courier());
        assert_eq!(sync, TrackingSync { recorded: 4, moves: vec![PickedUp, InTransit], refused: vec![] });
        assert_eq!(shipment.state(), InTransit);
        let again = shipment.record_tracking(&events, &courier());
        assert_eq!(again, TrackingSync::default());
        assert_eq!(shipment.tracking().len(), 4);
    }

    #[test]
    fn stale_and_illegal_tracking_events_are_kept_without_moving() {
        let mut shipment = shipment();
        shipment.label_created(created("TT1"), staff(), at(300)).unwrap();
        let first = [event(850, TrackingStatus::PickedUp, "PU"), event(900, TrackingStatus::OutForDelivery, "OD")];
        assert_eq!(shipment.record_tracking(&first, &courier()).moves, [PickedUp, OutForDelivery]);
        let sync = shipment.record_tracking(
            &[event(500, TrackingStatus::Cancelled, "CX"), event(950, TrackingStatus::ReadyForPickup, "RP")],
            &courier(),
        );
        assert_eq!(sync.recorded, 2);
        assert!(sync.moves.is_empty());
        let reasons: Vec<_> =
            sync.refused.iter().map(|r| (r.raw_code.as_str(), r.reason.contains("cannot move"))).collect();
        assert_eq!(reasons, [("CX", false), ("RP", true)]);
        assert_eq!(shipment.state(), OutForDelivery);
        assert_eq!(shipment.tracking().len(), 4);
    }

    #[test]
    fn a_delivered_event_carries_the_cash_collected() {
        let mut shipment = cod_shipment();
        walk(&mut shipment, &[LabelCreated, PickedUp, OutForDelivery]);
        let mut delivered = event(3000, TrackingStatus::Delivered, "DL");
        let short = TrackingEvent { cash_collected: Some(eur(100)), ..delivered.clone() };
        let sync = shipment.record_tracking(&[short], &courier());
        assert_eq!(sync.refused.len(), 1);
        assert_eq!(shipment.state(), OutForDelivery);
        delivered.at = at(3100);
        delivered.cash_collected = Some(eur(4450));
        let sync = shipment.record_tracking(&[delivered], &courier());
        assert_eq!(sync.moves, [Delivered]);
        assert_eq!(shipment.cash_collection().unwrap().amount, eur(4450));
    }

    #[test]
    fn serde_round_trips_a_shipment() {
        let mut shipment = shipment();
        shipment.label_created(created("TT1"), staff(), at(300)).unwrap();
        let json = serde_json::to_string(&shipment).unwrap();
        assert_eq!(serde_json::from_str::<Shipment>(&json).unwrap(), shipment);
    }

    fn any_state() -> impl Strategy<Value = ShipmentState> {
        proptest::sample::select(ShipmentState::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn random_moves_follow_the_table_and_every_accepted_one_is_recorded(
            moves in proptest::collection::vec(any_state(), 0..40),
        ) {
            let mut shipment = shipment();
            for (n, to) in moves.into_iter().enumerate() {
                let before = shipment.clone();
                match shipment.transition(to, courier(), at(n as i64), None) {
                    Ok(()) => {
                        prop_assert!(before.state().can_move_to(to));
                        prop_assert_eq!(shipment.history().len(), before.history().len() + 1);
                    }
                    Err(_) => {
                        prop_assert!(!before.state().can_move_to(to));
                        prop_assert_eq!(&shipment, &before);
                    }
                }
            }
            for step in shipment.history() {
                prop_assert!(step.from.can_move_to(step.to));
            }
        }
    }
}
