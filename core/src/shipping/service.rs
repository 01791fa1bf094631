//! The shipping service: drives shipments through an `Arc<dyn Courier>` plug-in (labels,
//! cancellation, tracking refresh) and records what the courier says on the shipments.

use std::sync::Arc;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{CarrierWarning, Courier, Parcel, Shipment, ShipmentRequest, ShipmentState, ShippingError};
use super::{CourierError, TrackingSync};
use crate::delivery::Address;
use crate::event::Actor;
use crate::order::Order;

/// What the service needs beyond the shipment to announce it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LabelRequest {
    /// The parcel as packed.
    pub parcel: Parcel,
    /// The shop's dispatch address.
    pub from: Address,
    /// The courier's service code (the shipment's own, when it has one, wins).
    pub service: String,
    /// A booked delivery slot.
    #[serde(default)]
    pub slot_id: Option<String>,
    /// The chosen pickup point.
    #[serde(default)]
    pub pickup_point_id: Option<String>,
}

impl LabelRequest {
    /// The request for `parcel` of `order`, sent `from` the shop, with what the shopper picked at
    /// checkout: the courier service (else `default_service`), the delivery slot and the pickup point.
    pub fn for_order(order: &Order, parcel: Parcel, from: Address, default_service: &str) -> LabelRequest {
        let delivery = order.delivery();
        LabelRequest {
            parcel,
            from,
            service: delivery.courier_service.clone().unwrap_or_else(|| default_service.to_owned()),
            slot_id: delivery.slot_id.clone(),
            pickup_point_id: delivery.pickup_point_id.clone(),
        }
    }
}

/// What a tracking refresh did to one shipment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShipmentRefresh {
    /// The shipment.
    pub shipment_id: String,
    /// What its new events did.
    pub sync: TrackingSync,
}

/// What a tracking refresh did overall.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TrackingRefresh {
    /// The shipments the courier reported on.
    pub shipments: Vec<ShipmentRefresh>,
    /// The carrier's remarks.
    pub warnings: Vec<CarrierWarning>,
}

/// Shipping operations against one courier.
#[derive(Clone)]
pub struct ShippingService {
    courier: Arc<dyn Courier>,
}

impl ShippingService {
    /// A service using `courier`.
    pub fn new(courier: Arc<dyn Courier>) -> ShippingService {
        ShippingService { courier }
    }

    /// The courier.
    pub fn courier(&self) -> &Arc<dyn Courier> {
        &self.courier
    }

    fn actor(&self) -> Actor {
        Actor::Courier { name: self.courier.name().to_owned() }
    }

    /// Announces `shipment` (of `order`) to the courier and records its tracking number and label;
    /// returns the carrier's warnings. Refused before calling the courier unless the shipment is
    /// `pending` and belongs to this courier.
    pub async fn create_label(
        &self,
        order: &Order,
        shipment: &mut Shipment,
        request: LabelRequest,
        at: Timestamp,
    ) -> Result<Vec<CarrierWarning>, ShippingError> {
        shipment.check_transition(ShipmentState::LabelCreated)?;
        self.check_courier(shipment)?;
        let created = self.courier.create_shipment(&shipment_request(order, shipment, request)).await?;
        let warnings = created.warnings.clone();
        shipment.label_created(created, self.actor(), at)?;
        Ok(warnings)
    }

    /// Cancels `shipment`, first at the courier when it has a tracking number.
    pub async fn cancel(
        &self,
        shipment: &mut Shipment,
        actor: Actor,
        at: Timestamp,
        note: Option<String>,
    ) -> Result<Vec<CarrierWarning>, ShippingError> {
        shipment.check_transition(ShipmentState::Cancelled)?;
        let warnings = match shipment.tracking_number() {
            Some(number) => self.courier.cancel_shipment(number).await?,
            None => Vec::new(),
        };
        shipment.transition(ShipmentState::Cancelled, actor, at, note)?;
        Ok(warnings)
    }

    /// Asks the courier for the events of every live `shipments` of this courier with a tracking
    /// number, and records them (see [`Shipment::record_tracking`]).
    pub async fn refresh_tracking(&self, shipments: &mut [Shipment]) -> Result<TrackingRefresh, ShippingError> {
        let live: Vec<String> = shipments
            .iter()
            .filter(|s| s.courier() == self.courier.name() && !s.state().is_terminal())
            .filter_map(|s| s.tracking_number().map(str::to_owned))
            .collect();
        if live.is_empty() {
            return Ok(TrackingRefresh::default());
        }
        let report = self.courier.track(&live).await?;
        let actor = self.actor();
        let refreshed = shipments
            .iter_mut()
            .filter_map(|shipment| {
                let tracked = report.events_of(shipment.tracking_number()?)?;
                let sync = shipment.record_tracking(&tracked.events, &actor);
                Some(ShipmentRefresh { shipment_id: shipment.id().to_owned(), sync })
            })
            .collect();
        Ok(TrackingRefresh { shipments: refreshed, warnings: report.warnings })
    }

    fn check_courier(&self, shipment: &Shipment) -> Result<(), ShippingError> {
        if shipment.courier() == self.courier.name() {
            return Ok(());
        }
        let reason = format!("shipment goes by {}, not {}", shipment.courier(), self.courier.name());
        Err(CourierError::invalid("courier", reason).into())
    }
}

fn shipment_request(order: &Order, shipment: &Shipment, request: LabelRequest) -> ShipmentRequest {
    ShipmentRequest {
        shipment_id: shipment.id().to_owned(),
        order_number: order.number().to_string(),
        parcel: request.parcel,
        from: request.from,
        to: order.delivery().address.clone(),
        service: shipment.service().map_or(request.service, str::to_owned),
        cash_on_delivery: shipment.cash_on_delivery(),
        packaging: shipment.packaging().to_vec(),
        slot_id: request.slot_id,
        pickup_point_id: request.pickup_point_id,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use async_trait::async_trait;

    use super::*;
    use crate::order::fixtures::at;
    use crate::order::PaymentMethod;
    use crate::shipping::fixtures::{plan, processing, staff, warehouse, TEE_LINE};
    use crate::shipping::{
        CourierCapabilities, CourierError, CreatedShipment, LabelDocument, NewShipment, RateQuote, RateRequest,
        TrackedShipment, TrackingEvent, TrackingReport, TrackingStatus,
    };

    /// A courier answering from fixed data and remembering what it was asked.
    #[derive(Default)]
    struct Canned {
        calls: Mutex<Vec<String>>,
    }

    impl Canned {
        fn calls(&self) -> Vec<String> {
            self.calls.lock().unwrap().clone()
        }

        fn called(&self, what: String) {
            self.calls.lock().unwrap().push(what);
        }
    }

    #[async_trait]
    impl Courier for Canned {
        fn name(&self) -> &str {
            "test"
        }

        fn capabilities(&self) -> CourierCapabilities {
            CourierCapabilities { cancel: true, ..Default::default() }
        }

        async fn rates(&self, _: &RateRequest) -> Result<RateQuote, CourierError> {
            Ok(RateQuote::sorted(vec![], vec![]))
        }

        async fn create_shipment(&self, request: &ShipmentRequest) -> Result<CreatedShipment, CourierError> {
            self.called(format!("create {} {}", request.order_number, request.service));
            Ok(CreatedShipment {
                tracking_number: "TT1".into(),
                label: LabelDocument { content_type: "text/plain".into(), bytes: b"label".to_vec() },
                estimated_delivery: None,
                warnings: vec![CarrierWarning::new("remote_area", "surcharge")],
            })
        }

        async fn cancel_shipment(&self, number: &str) -> Result<Vec<CarrierWarning>, CourierError> {
            self.called(format!("cancel {number}"));
            Ok(vec![])
        }

        async fn track(&self, numbers: &[String]) -> Result<TrackingReport, CourierError> {
            self.called(format!("track {}", numbers.join(",")));
            let events = vec![TrackingEvent::new(at(500), TrackingStatus::PickedUp, "PU", "picked up")];
            Ok(TrackingReport {
                shipments: vec![TrackedShipment { tracking_number: "TT1".into(), events }],
                warnings: vec![CarrierWarning::new("unknown_tracking_number", "XX")],
            })
        }
    }

    #[test]
    fn a_label_request_carries_the_shoppers_delivery_choice() {
        let parcel = || Parcel { weight_grams: 500, dimensions: None, items: vec![] };
        let plain = processing(PaymentMethod::Card);
        let request = LabelRequest::for_order(&plain, parcel(), warehouse(), "standard");
        assert_eq!((request.service.as_str(), request.slot_id, request.pickup_point_id), ("standard", None, None));
        let mut draft = crate::order::fixtures::draft(PaymentMethod::Card);
        draft.delivery.courier_service = Some("express".into());
        draft.delivery.pickup_point_id = Some("locker-17".into());
        let picked = Order::place(draft, Actor::System, at(0)).unwrap();
        let request = LabelRequest::for_order(&picked, parcel(), warehouse(), "standard");
        assert_eq!(request.service, "express");
        assert_eq!(request.pickup_point_id.as_deref(), Some("locker-17"));
    }

    fn request() -> LabelRequest {
        let parcel = Parcel { weight_grams: 900, dimensions: None, items: vec![] };
        LabelRequest { parcel, from: warehouse(), service: "express".into(), slot_id: None, pickup_point_id: None }
    }

    #[tokio::test]
    async fn a_label_is_created_through_the_courier_and_tracking_moves_the_shipment() {
        let courier = Arc::new(Canned::default());
        let service = ShippingService::new(courier.clone());
        let order = processing(PaymentMethod::Card);
        let mut shipments = vec![plan(&order, &[], &[(TEE_LINE, 1)], at(200))];
        let warnings = service.create_label(&order, &mut shipments[0], request(), at(300)).await.unwrap();
        assert_eq!(warnings[0].code, "remote_area");
        assert_eq!(shipments[0].tracking_number(), Some("TT1"));
        assert_eq!(shipments[0].history()[0].actor, Actor::Courier { name: "test".into() });
        let refresh = service.refresh_tracking(&mut shipments).await.unwrap();
        assert_eq!(refresh.shipments[0].sync.moves, [ShipmentState::PickedUp]);
        assert_eq!(refresh.warnings.len(), 1);
        assert_eq!(courier.calls(), ["create VT-2026-000042 standard", "track TT1"]);
    }

    #[tokio::test]
    async fn refused_operations_do_not_reach_the_courier() {
        let courier = Arc::new(Canned::default());
        let service = ShippingService::new(courier.clone());
        let order = processing(PaymentMethod::Card);
        let mut other = Shipment::plan(
            &order,
            &[],
            NewShipment { courier: "own-fleet".into(), ..crate::shipping::fixtures::new_shipment(&[(TEE_LINE, 1)]) },
            staff(),
            at(200),
        )
        .unwrap();
        let err = service.create_label(&order, &mut other, request(), at(300)).await.unwrap_err();
        assert!(matches!(err, ShippingError::Courier(CourierError::InvalidRequest { .. })));
        let mut cancelled = plan(&order, &[], &[(TEE_LINE, 1)], at(200));
        service.cancel(&mut cancelled, staff(), at(250), None).await.unwrap();
        assert!(service.create_label(&order, &mut cancelled, request(), at(300)).await.is_err());
        assert!(service.refresh_tracking(&mut [cancelled, other]).await.unwrap().shipments.is_empty());
        assert!(courier.calls().is_empty());
    }

    #[tokio::test]
    async fn cancelling_a_labelled_shipment_cancels_it_at_the_courier() {
        let courier = Arc::new(Canned::default());
        let service = ShippingService::new(courier.clone());
        let order = processing(PaymentMethod::Card);
        let mut shipment = plan(&order, &[], &[(TEE_LINE, 1)], at(200));
        service.create_label(&order, &mut shipment, request(), at(300)).await.unwrap();
        service.cancel(&mut shipment, staff(), at(400), Some("out of stock".into())).await.unwrap();
        assert_eq!(shipment.state(), ShipmentState::Cancelled);
        assert_eq!(courier.calls().last().unwrap(), "cancel TT1");
    }

    #[tokio::test]
    async fn optional_operations_are_unsupported_by_default() {
        let courier = Canned::default();
        let err = courier.validate_address(&warehouse()).await.unwrap_err();
        assert_eq!(err, CourierError::Unsupported { courier: "test".into(), operation: "validate_address".into() });
        assert!(matches!(courier.cancel_pickup("P1").await, Err(CourierError::Unsupported { .. })));
    }
}
