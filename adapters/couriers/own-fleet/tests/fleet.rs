//! The own-fleet courier through the `Courier` trait and its drivers' updates: zones and prices,
//! slot capacity, cancellation, legal status updates and cash on delivery.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use vitrina_core::delivery::Address;
use vitrina_core::delivery::{DeliverySlot, DeliveryWindow, PackagingKind, ShippingZone};
use vitrina_core::money::Money;
use vitrina_core::shipping::{
    Courier, CourierError, IncidentReason, Parcel, RateRequest, ShipmentRequest, TrackingStatus,
};
use vitrina_couriers_own_fleet::{DriverUpdate, FleetZone, OwnFleetConfig, OwnFleetCourier};

fn at(hours: i64) -> Timestamp {
    "2026-03-02T06:00:00Z".parse::<Timestamp>().unwrap() + SignedDuration::from_hours(hours)
}

use vitrina_core::test_util::eur;

fn address(postal: &str) -> Address {
    Address {
        recipient: "Ana Petrova".into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: postal.into(),
        region: None,
        country: "BG".into(),
    }
}

fn slot(id: &str, from_hour: i64, capacity: u32) -> DeliverySlot {
    DeliverySlot::new(id, DeliveryWindow::new(at(from_hour), at(from_hour + 4)).unwrap(), capacity)
}

fn fleet() -> OwnFleetCourier {
    let centre =
        ShippingZone::countries("centre", "Sofia centre", &["BG"]).unwrap().with_postal_prefixes(&["10"]).unwrap();
    let city = ShippingZone::countries("city", "Sofia", &["BG"]).unwrap().with_postal_prefixes(&["1"]).unwrap();
    OwnFleetCourier::new(OwnFleetConfig {
        shop_name: "Vitrina shop".into(),
        zones: vec![FleetZone { zone: centre, price: eur(300) }, FleetZone { zone: city, price: eur(500) }],
        slots: vec![slot("tue-pm", 30, 5), slot("mon-am", 4, 1), slot("mon-pm", 8, 2)],
        max_weight_grams: 20_000,
        slots_offered: 2,
        tracking_prefix: "OF".into(),
    })
}

fn rates(to: Address, grams: u32, ready: i64) -> RateRequest {
    let parcel = Parcel { weight_grams: grams, dimensions: None, items: vec![] };
    RateRequest { parcel, from: address("1000"), to, ready_at: at(ready) }
}

fn shipment(slot_id: &str, cash: Option<Money>) -> ShipmentRequest {
    ShipmentRequest {
        shipment_id: "s1".into(),
        order_number: "VT-2026-000042".into(),
        parcel: Parcel { weight_grams: 900, dimensions: None, items: vec![] },
        from: address("1000"),
        to: address("1700"),
        service: format!("slot:{slot_id}"),
        cash_on_delivery: cash,
        packaging: vec![],
        slot_id: None,
        pickup_point_id: None,
    }
}

#[tokio::test]
async fn rates_offer_the_next_free_slots_at_the_zone_price() {
    let fleet = fleet();
    let quote = fleet.rates(&rates(address("1000"), 900, 0)).await.unwrap();
    let offered: Vec<_> = quote.options.iter().map(|o| (o.service.as_str(), o.price)).collect();
    assert_eq!(offered, [("slot:mon-am", eur(300)), ("slot:mon-pm", eur(300))]);
    assert_eq!(quote.options[0].estimated_delivery.start, at(4));
    let outer = fleet.rates(&rates(address("1700"), 900, 5)).await.unwrap();
    assert_eq!(outer.options.iter().map(|o| o.price).collect::<Vec<_>>(), [eur(500), eur(500)]);
    assert!(quote.warnings.is_empty());
}

#[tokio::test]
async fn heavy_parcels_warn_and_places_outside_the_zones_get_no_service() {
    let fleet = fleet();
    let heavy = fleet.rates(&rates(address("1000"), 25_000, 0)).await.unwrap();
    assert_eq!((heavy.options.len(), heavy.warnings[0].code.as_str()), (2, "heavy_parcel"));
    let far = fleet.rates(&rates(address("4000"), 900, 0)).await;
    assert_eq!(far.unwrap_err(), CourierError::NoService { destination: "BG 4000".into() });
    let late = fleet.rates(&rates(address("1000"), 900, 40)).await.unwrap();
    assert!(late.options.is_empty());
    assert_eq!(late.warnings[0].code, "no_free_slot");
}

#[tokio::test]
async fn a_full_slot_refuses_shipments_and_a_cancellation_frees_its_place() {
    let fleet = fleet();
    let first = fleet.create_shipment(&shipment("mon-am", None)).await.unwrap();
    assert_eq!(first.tracking_number, "OF000001");
    assert_eq!(first.estimated_delivery.unwrap().start, at(4));
    let full = fleet.create_shipment(&shipment("mon-am", None)).await.unwrap_err();
    assert!(matches!(full, CourierError::NoCapacity { .. }), "{full}");
    let quote = fleet.rates(&rates(address("1000"), 900, 0)).await.unwrap();
    assert_eq!(quote.options[0].service, "slot:mon-pm");
    fleet.cancel_shipment(&first.tracking_number).await.unwrap();
    assert_eq!(fleet.slots().iter().find(|s| s.id == "mon-am").unwrap().booked, 0);
    fleet.create_shipment(&shipment("mon-am", None)).await.unwrap();
    let unknown = fleet.track(&[first.tracking_number]).await.unwrap();
    assert_eq!(unknown.warnings[0].code, "unknown_tracking_number");
}

#[tokio::test]
async fn a_slot_must_be_chosen_and_exist() {
    let fleet = fleet();
    let none = ShipmentRequest { service: "standard".into(), ..shipment("x", None) };
    assert!(
        matches!(fleet.create_shipment(&none).await, Err(CourierError::InvalidRequest { field, .. }) if field == "slot_id")
    );
    assert!(matches!(fleet.create_shipment(&shipment("sun", None)).await, Err(CourierError::InvalidRequest { .. })));
    let explicit = ShipmentRequest { slot_id: Some("tue-pm".into()), service: "own".into(), ..shipment("x", None) };
    assert_eq!(fleet.create_shipment(&explicit).await.unwrap().estimated_delivery.unwrap().start, at(30));
}

#[tokio::test]
async fn the_label_names_the_shop_unless_discreet() {
    let fleet = fleet();
    let plain = fleet.create_shipment(&shipment("tue-pm", Some(eur(4450)))).await.unwrap();
    let text = String::from_utf8(plain.label.bytes).unwrap();
    assert!(text.contains("Vitrina shop VT-2026-000042") && text.contains("COLLECT 44.50 EUR"), "{text}");
    let discreet = ShipmentRequest { packaging: vec![PackagingKind::Discreet], ..shipment("tue-pm", None) };
    let text = String::from_utf8(fleet.create_shipment(&discreet).await.unwrap().label.bytes).unwrap();
    assert!(!text.contains("Vitrina") && !text.contains("VT-2026") && text.contains("prepaid"), "{text}");
}

#[tokio::test]
async fn drivers_walk_a_parcel_through_a_failed_attempt_to_delivery() {
    let fleet = fleet();
    let number = fleet.create_shipment(&shipment("mon-pm", None)).await.unwrap().tracking_number;
    fleet.driver_update(&number, "d7", DriverUpdate::PickedUp, at(7)).unwrap();
    fleet.driver_update(&number, "d7", DriverUpdate::OutForDelivery, at(8)).unwrap();
    let failed = fleet
        .driver_update(&number, "d7", DriverUpdate::Failed { reason: IncidentReason::RecipientAbsent }, at(9))
        .unwrap();
    assert_eq!((failed.raw_code.as_str(), failed.incident), ("DRV_FAILED", Some(IncidentReason::RecipientAbsent)));
    fleet.driver_update(&number, "d7", DriverUpdate::BackAtDepot, at(12)).unwrap();
    fleet.driver_update(&number, "d7", DriverUpdate::OutForDelivery, at(30)).unwrap();
    fleet.driver_update(&number, "d7", DriverUpdate::Delivered { cash_collected: None }, at(31)).unwrap();
    let report = fleet.track(std::slice::from_ref(&number)).await.unwrap();
    let statuses: Vec<_> = report.events_of(&number).unwrap().events.iter().map(|e| e.status).collect();
    use TrackingStatus::*;
    assert_eq!(statuses, [PickedUp, OutForDelivery, DeliveryFailed, InTransit, OutForDelivery, Delivered]);
    assert_eq!(report.shipments[0].events[0].location.as_deref(), Some("driver d7"));
    assert!(matches!(fleet.cancel_shipment(&number).await, Err(CourierError::NotCancellable { .. })));
}

#[tokio::test]
async fn illegal_driver_updates_are_refused_and_change_nothing() {
    let fleet = fleet();
    let number = fleet.create_shipment(&shipment("mon-pm", None)).await.unwrap().tracking_number;
    let skipped = fleet.driver_update(&number, "d7", DriverUpdate::Delivered { cash_collected: None }, at(7));
    assert!(matches!(skipped, Err(CourierError::InvalidRequest { field, .. }) if field == "update"));
    assert!(matches!(
        fleet.driver_update("OF999", "d7", DriverUpdate::PickedUp, at(7)),
        Err(CourierError::UnknownShipment { .. })
    ));
    assert!(fleet.track(std::slice::from_ref(&number)).await.unwrap().shipments[0].events.is_empty());
    fleet.driver_update(&number, "d7", DriverUpdate::PickedUp, at(7)).unwrap();
    assert!(fleet.driver_update(&number, "d7", DriverUpdate::PickedUp, at(8)).is_err(), "no repeat");
}

#[tokio::test]
async fn cash_on_delivery_must_be_collected_exactly_and_goes_on_the_drivers_sheet() {
    let fleet = fleet();
    let cod = fleet.create_shipment(&shipment("tue-pm", Some(eur(4450)))).await.unwrap().tracking_number;
    let prepaid = fleet.create_shipment(&shipment("tue-pm", None)).await.unwrap().tracking_number;
    for number in [&cod, &prepaid] {
        fleet.driver_update(number, "d7", DriverUpdate::PickedUp, at(29)).unwrap();
        fleet.driver_update(number, "d7", DriverUpdate::OutForDelivery, at(30)).unwrap();
    }
    let short = fleet.driver_update(&cod, "d7", DriverUpdate::Delivered { cash_collected: Some(eur(4000)) }, at(31));
    assert!(
        matches!(short, Err(CourierError::InvalidRequest { field, reason }) if field == "cash_collected" && reason.contains("44.50 EUR due"))
    );
    let none = fleet.driver_update(&cod, "d7", DriverUpdate::Delivered { cash_collected: None }, at(31));
    assert!(none.is_err());
    let extra = fleet.driver_update(&prepaid, "d7", DriverUpdate::Delivered { cash_collected: Some(eur(1)) }, at(31));
    assert!(extra.is_err());
    let delivered =
        fleet.driver_update(&cod, "d7", DriverUpdate::Delivered { cash_collected: Some(eur(4450)) }, at(32)).unwrap();
    assert_eq!(delivered.cash_collected, Some(eur(4450)));
    fleet.driver_update(&prepaid, "d7", DriverUpdate::Delivered { cash_collected: None }, at(33)).unwrap();
    let sheet = fleet.cash_sheet("d7");
    assert_eq!(
        sheet.iter().map(|r| (r.tracking_number.as_str(), r.amount)).collect::<Vec<_>>(),
        [(cod.as_str(), eur(4450))]
    );
    assert_eq!(fleet.hand_in_cash("d7"), sheet);
    assert!(fleet.cash_sheet("d7").is_empty());
}

#[tokio::test]
async fn addresses_are_checked_against_the_zones() {
    let fleet: Arc<dyn Courier> = Arc::new(fleet());
    assert!(fleet.capabilities().time_slots && !fleet.capabilities().pickups);
    let inside = fleet.validate_address(&address("1000")).await.unwrap();
    assert!(inside.deliverable && inside.suggestion.is_none());
    let sloppy = Address { country: " bg".into(), ..address("1000") };
    assert_eq!(fleet.validate_address(&sloppy).await.unwrap().suggestion.unwrap().country, "BG");
    let outside = fleet.validate_address(&address("8000")).await.unwrap();
    assert!(!outside.deliverable && outside.warnings[0].code == "outside_zones");
    let broken = fleet.validate_address(&Address { line1: " ".into(), ..address("1000") }).await.unwrap();
    assert!(!broken.deliverable && broken.warnings[0].code == "invalid_address");
    let window = DeliveryWindow::new(at(0), at(1)).unwrap();
    let pickup = vitrina_core::shipping::PickupRequest {
        address: address("1000"),
        window,
        tracking_numbers: vec!["OF1".into()],
    };
    assert!(matches!(fleet.schedule_pickup(&pickup).await, Err(CourierError::Unsupported { .. })));
}
