//! The test courier through the `Courier` trait: rates, labels, magic tracking numbers walking
//! their scenarios as the clock advances, cancellation, pickups and address checks.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use vitrina_core::delivery::Address;
use vitrina_core::delivery::{DeliveryWindow, PackagingKind};
use vitrina_core::money::Money;
use vitrina_core::shipping::{
    Courier, CourierError, Dimensions, Parcel, PickupRequest, RateRequest, ShipmentRequest, ShipmentState,
    TrackingStatus,
};
use vitrina_couriers_test::{Scenario, TestCourier};

fn start() -> Timestamp {
    "2026-03-02T08:00:00Z".parse().unwrap()
}

use vitrina_core::test_util::eur;

fn address(recipient: &str, city: &str, postal: &str) -> Address {
    Address {
        recipient: recipient.into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: city.into(),
        postal_code: postal.into(),
        region: None,
        country: "BG".into(),
    }
}

fn parcel(grams: u32) -> Parcel {
    Parcel { weight_grams: grams, dimensions: None, items: vec![] }
}

fn shipment(cash: Option<Money>, packaging: Vec<PackagingKind>) -> ShipmentRequest {
    ShipmentRequest {
        shipment_id: "s1".into(),
        order_number: "VT-2026-000042".into(),
        parcel: parcel(900),
        from: address("Vitrina shop", "Plovdiv", "4000"),
        to: address("Ana Petrova", "Sofia", "1000"),
        service: "standard".into(),
        cash_on_delivery: cash,
        packaging,
        slot_id: None,
        pickup_point_id: None,
    }
}

fn courier() -> (Arc<TestCourier>, Arc<dyn Courier>) {
    let test = Arc::new(TestCourier::new(start()));
    (test.clone(), test)
}

async fn statuses(courier: &dyn Courier, number: &str) -> Vec<TrackingStatus> {
    let report = courier.track(&[number.to_owned()]).await.unwrap();
    report.events_of(number).unwrap().events.iter().map(|e| e.status).collect()
}

#[tokio::test]
async fn rates_grow_with_chargeable_weight_and_oversize_parcels_lose_express() {
    let (_, courier) = courier();
    let request = |parcel| RateRequest {
        parcel,
        from: address("Shop", "Plovdiv", "4000"),
        to: address("Ana", "Sofia", "1000"),
        ready_at: start(),
    };
    let quote = courier.rates(&request(parcel(900))).await.unwrap();
    let offered: Vec<_> = quote.options.iter().map(|o| (o.service.as_str(), o.price)).collect();
    assert_eq!(offered, [("standard", eur(490)), ("express", eur(990))]);
    assert_eq!(quote.fastest().unwrap().estimated_delivery.start, start() + SignedDuration::from_hours(20));
    let bulky =
        Parcel { dimensions: Some(Dimensions { length_mm: 600, width_mm: 500, height_mm: 500 }), ..parcel(2000) };
    let quote = courier.rates(&request(bulky)).await.unwrap();
    // 150 000 cm³ / 5000 = 30 kg chargeable: 29 extra kilograms.
    assert_eq!(quote.cheapest().unwrap().price, eur(490 + 2900));
    let oversize = courier.rates(&request(parcel(31_000))).await.unwrap();
    assert_eq!(oversize.options.len(), 1);
    assert_eq!(oversize.warnings[0].code, "oversize");
    assert!(matches!(courier.rates(&request(parcel(0))).await, Err(CourierError::InvalidRequest { .. })));
}

#[tokio::test]
async fn a_remote_destination_is_a_warning_not_an_error() {
    let (_, courier) = courier();
    let mut request = shipment(None, vec![]);
    request.to.postal_code = "9901".into();
    let created = courier.create_shipment(&request).await.unwrap();
    assert_eq!(created.warnings[0].code, "remote_area");
    assert!(created.tracking_number.starts_with("TT-DELIVERED-"));
}

#[tokio::test]
async fn the_label_shows_the_parcel_and_hides_the_shop_when_discreet() {
    let (_, courier) = courier();
    let created = courier.create_shipment(&shipment(Some(eur(4450)), vec![])).await.unwrap();
    let text = String::from_utf8(created.label.bytes).unwrap();
    assert!(created.label.content_type.starts_with("text/plain"));
    assert!(text.contains(&created.tracking_number) && text.contains("Vitrina shop") && text.contains("COD 44.50 EUR"));
    let discreet = courier.create_shipment(&shipment(None, vec![PackagingKind::Discreet])).await.unwrap();
    let text = String::from_utf8(discreet.label.bytes).unwrap();
    assert!(!text.contains("Vitrina") && text.contains("Ana Petrova"));
}

#[tokio::test]
async fn a_created_shipment_walks_its_queued_scenario_as_the_clock_advances() {
    let (test, courier) = courier();
    test.queue_scenario(Scenario::FailedThenRedelivered);
    let number = courier.create_shipment(&shipment(None, vec![])).await.unwrap().tracking_number;
    assert!(number.starts_with("TT-REDELIVERED-"));
    assert!(statuses(courier.as_ref(), &number).await.is_empty());
    test.advance(SignedDuration::from_hours(29));
    use TrackingStatus::*;
    assert_eq!(
        statuses(courier.as_ref(), &number).await,
        [PickedUp, InTransit, InTransit, OutForDelivery, DeliveryFailed]
    );
    test.advance(SignedDuration::from_hours(24));
    assert_eq!(statuses(courier.as_ref(), &number).await.last(), Some(&Delivered));
    let next = courier.create_shipment(&shipment(None, vec![])).await.unwrap().tracking_number;
    assert!(next.starts_with("TT-DELIVERED-"), "the queue is used once");
}

#[tokio::test]
async fn cash_on_delivery_is_reported_on_the_delivered_event() {
    let (test, courier) = courier();
    let number = courier.create_shipment(&shipment(Some(eur(4450)), vec![])).await.unwrap().tracking_number;
    test.advance(SignedDuration::from_hours(48));
    let report = courier.track(std::slice::from_ref(&number)).await.unwrap();
    let delivered = report.events_of(&number).unwrap().events.last().unwrap().clone();
    assert_eq!((delivered.status, delivered.cash_collected), (TrackingStatus::Delivered, Some(eur(4450))));
}

#[tokio::test]
async fn magic_numbers_can_be_tracked_without_creating_them_and_unknown_ones_are_warnings() {
    let (test, courier) = courier();
    let numbers = vec!["TT-RETURNED".to_owned(), "1Z999AA1".to_owned()];
    let first = courier.track(&numbers).await.unwrap();
    assert_eq!(first.shipments.len(), 1);
    assert_eq!(first.warnings[0].code, "unknown_tracking_number");
    test.advance(SignedDuration::from_hours(60));
    let report = courier.track(&numbers).await.unwrap();
    let events = &report.events_of("TT-RETURNED").unwrap().events;
    let failures: Vec<_> = events.iter().filter_map(|e| e.incident).collect();
    use vitrina_core::shipping::IncidentReason::*;
    assert_eq!(failures, [AddressProblem, Refused]);
    assert_eq!(events.last().unwrap().status, TrackingStatus::ReturnToSender);
}

#[tokio::test]
async fn every_scenario_is_a_legal_walk_of_the_shipment_state_machine() {
    for scenario in Scenario::ALL {
        let (test, courier) = courier();
        let magic = vec![scenario.prefix().to_owned()];
        assert!(courier.track(&magic).await.unwrap().shipments[0].events.is_empty(), "starts when first seen");
        test.advance(SignedDuration::from_hours(24 * 7));
        let report = courier.track(&magic).await.unwrap();
        let mut state = ShipmentState::LabelCreated;
        for event in &report.shipments[0].events {
            if let Some(to) = event.status.shipment_state().filter(|&to| to != state) {
                assert!(state.can_move_to(to), "{scenario:?}: {state} -> {to}");
                state = to;
            }
        }
        assert!(state.is_terminal(), "{scenario:?} ends in {state}");
    }
}

#[tokio::test]
async fn shipments_cancel_until_picked_up() {
    let (test, courier) = courier();
    let early = courier.create_shipment(&shipment(None, vec![])).await.unwrap().tracking_number;
    let late = courier.create_shipment(&shipment(None, vec![])).await.unwrap().tracking_number;
    test.advance(SignedDuration::from_mins(30));
    courier.cancel_shipment(&early).await.unwrap();
    assert_eq!(statuses(courier.as_ref(), &early).await, [TrackingStatus::Cancelled]);
    assert!(matches!(courier.cancel_shipment(&early).await, Err(CourierError::NotCancellable { .. })));
    test.advance(SignedDuration::from_hours(3));
    assert!(matches!(courier.cancel_shipment(&late).await, Err(CourierError::NotCancellable { .. })));
    assert!(matches!(courier.cancel_shipment("nope").await, Err(CourierError::UnknownShipment { .. })));
    assert_eq!(statuses(courier.as_ref(), &early).await, [TrackingStatus::Cancelled], "nothing after the cancel");
}

#[tokio::test]
async fn pickups_are_booked_and_cancelled() {
    let (_, courier) = courier();
    assert!(courier.capabilities().pickups);
    let window = DeliveryWindow::new(start(), start() + SignedDuration::from_hours(1)).unwrap();
    let request = PickupRequest {
        address: address("Shop", "Plovdiv", "4000"),
        window,
        tracking_numbers: vec!["TT-DELIVERED-000001".into()],
    };
    let pickup = courier.schedule_pickup(&request).await.unwrap();
    assert_eq!(pickup.warnings[0].code, "short_window");
    courier.cancel_pickup(&pickup.pickup_id).await.unwrap();
    assert!(matches!(courier.cancel_pickup(&pickup.pickup_id).await, Err(CourierError::UnknownPickup { .. })));
    let empty = PickupRequest { tracking_numbers: vec![], ..request };
    assert!(matches!(courier.schedule_pickup(&empty).await, Err(CourierError::InvalidRequest { .. })));
}

#[tokio::test]
async fn addresses_are_checked_and_corrected() {
    let (_, courier) = courier();
    let sloppy = Address { city: " Sofia ".into(), country: "bg".into(), ..address("Ana", "Sofia", "1000") };
    let checked = courier.validate_address(&sloppy).await.unwrap();
    assert!(checked.deliverable);
    assert_eq!(checked.suggestion.unwrap().country, "BG");
    let nowhere = courier.validate_address(&address("Ana", "Sofia", "00000")).await.unwrap();
    assert!(!nowhere.deliverable && nowhere.warnings[0].code == "unknown_postal_code");
    let broken = courier.validate_address(&address("", "Sofia", "1000")).await.unwrap();
    assert!(!broken.deliverable && broken.warnings[0].message.contains("address.recipient"));
    let fine = courier.validate_address(&address("Ana", "Sofia", "1000")).await.unwrap();
    assert!(fine.deliverable && fine.suggestion.is_none());
}
