//! The Econt courier against a local server speaking Econt's wire format: offices, prices, waybills
//! with cash on delivery and declared value, cancellation, tracking, address checks and failures.

mod support;

use std::time::Duration;

use serde_json::json;
use support::{MockEcont, Reply, PASSWORD, USER};
use vitrina_core::delivery::{Address, PackagingKind};
use vitrina_core::money::Money;
use vitrina_core::shipping::{
    Courier, CourierError, Dimensions, IncidentReason, Parcel, RateRequest, ShipmentRequest, TrackingStatus,
};
use vitrina_couriers_econt::{EcontCourier, EcontSender, LabelExtras, OfficeKind, SERVICE_DOOR, SERVICE_OFFICE};

const OFFICES: &str = "Nomenclatures/NomenclaturesService.getOffices.json";
const CREATE_LABEL: &str = "Shipments/LabelService.createLabel.json";
const DELETE_LABELS: &str = "Shipments/LabelService.deleteLabels.json";
const STATUSES: &str = "Shipments/ShipmentService.getShipmentStatuses.json";
const VALIDATE: &str = "Nomenclatures/AddressService.validateAddress.json";

fn sender() -> EcontSender {
    EcontSender {
        name: "Vitrina Books Ltd".into(),
        phones: vec!["+359888000111".into()],
        office_code: None,
        payment_method: Some("cash".into()),
        cd_pay_options_template: None,
    }
}

fn shop() -> Address {
    Address {
        recipient: "Vitrina Books".into(),
        line1: "bul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    }
}

fn customer() -> Address {
    Address {
        recipient: "Ivan Petrov".into(),
        line1: "ul. Bryanska 15".into(),
        line2: Some("entrance A".into()),
        city: "Gabrovo".into(),
        postal_code: "5300".into(),
        region: None,
        country: "BG".into(),
    }
}

fn parcel() -> Parcel {
    Parcel {
        weight_grams: 1200,
        dimensions: Some(Dimensions { length_mm: 300, width_mm: 200, height_mm: 105 }),
        items: vec![],
    }
}

fn eur(text: &str) -> Money {
    Money::parse(&format!("{text} EUR"), "amount").unwrap()
}

fn shipment(service: &str) -> ShipmentRequest {
    ShipmentRequest {
        shipment_id: "0193a1b2-0000-7000-8000-000000000001".into(),
        order_number: "2026-000123".into(),
        parcel: parcel(),
        from: shop(),
        to: customer(),
        service: service.into(),
        cash_on_delivery: Some(eur("48.90")),
        packaging: vec![],
        slot_id: None,
        pickup_point_id: None,
    }
}

fn courier(server: &MockEcont, sender: EcontSender) -> EcontCourier {
    EcontCourier::new(server.config(sender)).unwrap()
}

/// A `ShipmentStatus` label as Econt answers `createLabel`, with the fields that matter here.
fn label_answer(number: Option<&str>, pdf_url: &str) -> serde_json::Value {
    json!({
        "label": {
            "shipmentNumber": number,
            "storageOfficeName": null,
            "createdTime": 1796634900000u64,
            "sendTime": null,
            "deliveryTime": null,
            "shipmentType": "pack",
            "packCount": 1,
            "shipmentDescription": "Goods",
            "weight": 1.2,
            "cdCollectedAmount": 0,
            "cdCollectedCurrency": "",
            "totalPrice": 11.96,
            "currency": "EUR",
            "discountPercent": 0,
            "discountAmount": -0,
            "senderDueAmount": 11.96,
            "receiverDueAmount": 0,
            "services": [
                { "type": "C", "description": "Courier service", "count": 1, "paymentSide": "SENDER", "price": 9.83, "currency": "EUR" },
                { "type": "CD", "description": "Cash on delivery", "count": 1, "paymentSide": "SENDER", "price": 2.13, "currency": "EUR" }
            ],
            "trackingEvents": [],
            "pdfURL": pdf_url,
            "expectedDeliveryDate": 1796767200000u64,
            "warnings": "",
            "shortDeliveryStatus": null,
            "shortDeliveryStatusEn": null
        },
        "blockingPaymentURL": null,
        "courierRequestID": null,
        "payAfterAcceptIgnored": null
    })
}

fn assert_authenticated_json_post(request: &support::Recorded) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.basic_credentials(), Some((USER.to_owned(), PASSWORD.to_owned())));
    assert_eq!(request.content_type.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn offices_are_listed_as_pickup_points_with_their_hours() {
    let server = MockEcont::start().await;
    server.reply(
        OFFICES,
        Reply::json(json!({ "offices": [
            {
                "id": 1087, "code": "5306", "isMPS": false, "isAPS": false,
                "name": "Габрово", "nameEn": "Gabrovo", "phones": ["+35966800111"], "emails": [],
                "address": {
                    "id": 7, "city": { "id": 41, "country": { "id": 1033, "code2": "BG", "code3": "BGR", "name": "България", "nameEn": "Bulgaria", "isEU": true },
                              "postCode": "5300", "name": "Габрово", "nameEn": "Gabrovo" },
                    "fullAddress": "ул. Доктор Заменхоф №3", "street": "Доктор Заменхоф", "num": "3", "other": "",
                    "location": { "latitude": 42.8742, "longitude": 25.3187, "confidence": 3 }
                },
                "normalBusinessHoursFrom": 1796625000000u64, "normalBusinessHoursTo": 1796661000000u64,
                "halfDayBusinessHoursFrom": 1796454000000u64, "halfDayBusinessHoursTo": 1796468400000u64,
                "shipmentTypes": ["pack", "document"]
            },
            {
                "id": 2001, "code": "1702", "isMPS": false, "isAPS": true,
                "name": "Еконтомат Русе", "nameEn": "", "phones": [],
                "address": { "city": { "postCode": "7000", "name": "Русе" }, "fullAddress": "бул. Тутракан №8" }
            },
            { "id": 3, "code": null, "name": "Closed office" }
        ]})),
    );
    let offices = courier(&server, sender()).offices("BG", None).await.unwrap();

    let requests = server.requests_to(OFFICES);
    assert_eq!(requests.len(), 1);
    assert_authenticated_json_post(&requests[0]);
    assert_eq!(requests[0].json(), json!({ "countryCode": "BGR" }));

    assert_eq!(offices.len(), 2, "an office without a code is left out");
    let gabrovo = &offices[0];
    assert_eq!((gabrovo.code.as_str(), gabrovo.kind), ("5306", OfficeKind::Office));
    assert_eq!(gabrovo.address.city, "Габрово");
    assert_eq!(gabrovo.address.postal_code, "5300");
    assert_eq!(gabrovo.address.country, "BG");
    assert_eq!(gabrovo.address.line1, "ул. Доктор Заменхоф №3");
    assert_eq!(gabrovo.latitude.unwrap().to_string(), "42.8742");
    assert_eq!(gabrovo.opening_hours.as_deref(), Some("Mon-Fri 08:30-18:30, Sat 09:00-13:00"));
    let point = gabrovo.pickup_point();
    assert_eq!((point.id.as_str(), point.name.as_str()), ("5306", "Gabrovo"));

    let locker = &offices[1];
    assert_eq!(locker.kind, OfficeKind::Locker);
    assert_eq!(locker.name_en, None);
    assert_eq!(locker.pickup_point().name, "Еконтомат Русе");
    assert_eq!(locker.address.country, "BG", "the country asked for when Econt names none");
}

#[tokio::test]
async fn a_price_is_calculated_exactly_for_delivery_to_the_door() {
    let server = MockEcont::start().await;
    server.reply(CREATE_LABEL, Reply::json(label_answer(None, "")));
    let request = RateRequest {
        parcel: parcel(),
        from: shop(),
        to: customer(),
        ready_at: "2026-12-07T09:00:00Z".parse().unwrap(),
    };
    let quote = courier(&server, sender()).rates(&request).await.unwrap();

    let sent = server.requests_to(CREATE_LABEL);
    assert_eq!(sent.len(), 1);
    assert_authenticated_json_post(&sent[0]);
    let body = sent[0].json();
    assert_eq!(body["mode"], "calculate");
    let label = &body["label"];
    assert_eq!(label["senderClient"], json!({ "name": "Vitrina Books Ltd", "phones": ["+359888000111"] }));
    assert_eq!(
        label["senderAddress"]["city"],
        json!({ "country": { "code2": "BG" }, "postCode": "1000", "name": "Sofia" })
    );
    assert_eq!(label["receiverAddress"]["city"]["postCode"], "5300");
    assert_eq!(label["receiverAddress"]["fullAddress"], "ul. Bryanska 15, entrance A");
    assert_eq!(label["receiverClient"]["name"], "Ivan Petrov");
    assert!(label.get("receiverOfficeCode").is_none());
    assert_eq!((label["shipmentType"].as_str(), label["packCount"].as_u64()), (Some("pack"), Some(1)));
    // Weight in kilograms and sides in centimetres, written as plain decimals.
    assert!(sent[0].text.contains(r#""weight":1.2"#), "{}", sent[0].text);
    assert!(sent[0].text.contains(r#""shipmentDimensionsL":30,"shipmentDimensionsW":20,"shipmentDimensionsH":10.5"#));
    assert_eq!(label["paymentSenderMethod"], "cash");
    assert!(label.get("services").is_none(), "a price quote carries no services");

    assert_eq!(quote.options.len(), 1);
    let option = &quote.options[0];
    assert_eq!(option.service, SERVICE_DOOR);
    assert_eq!(option.price, eur("11.96"));
    assert_eq!(option.price.minor(), 1196);
    assert_eq!(option.estimated_delivery.start.to_string(), "2026-12-08T22:00:00Z");
    assert_eq!(option.estimated_delivery.end.to_string(), "2026-12-09T22:00:00Z");
    assert!(quote.warnings.is_empty(), "{:?}", quote.warnings);
}

#[tokio::test]
async fn a_price_to_an_office_names_the_office_and_the_sender_office() {
    let server = MockEcont::start().await;
    let mut answer = label_answer(None, "");
    answer["label"]["expectedDeliveryDate"] = json!(null);
    answer["label"]["totalPrice"] = json!(6.5);
    server.reply(CREATE_LABEL, Reply::json(answer));
    let sender = EcontSender { office_code: Some("1127".into()), ..sender() };
    let ready_at: jiff::Timestamp = "2026-12-07T09:00:00Z".parse().unwrap();
    let request = RateRequest { parcel: parcel(), from: shop(), to: customer(), ready_at };
    let quote = courier(&server, sender).rate_to_office(&request, "5306").await.unwrap();

    let label = &server.requests_to(CREATE_LABEL)[0].json()["label"];
    assert_eq!(label["senderOfficeCode"], "1127");
    assert!(label.get("senderAddress").is_none());
    assert_eq!(label["receiverOfficeCode"], "5306");
    assert!(label.get("receiverAddress").is_none());
    assert_eq!(quote.options[0].service, SERVICE_OFFICE);
    assert_eq!(quote.options[0].price, eur("6.50"));
    assert_eq!(quote.warnings[0].code, "no_delivery_estimate");
    assert_eq!(quote.options[0].estimated_delivery.start, ready_at);
}

#[tokio::test]
async fn a_waybill_carries_cash_on_delivery_and_the_declared_value_and_its_pdf_is_fetched() {
    let server = MockEcont::start().await;
    let pdf_url = server.url("/ee/api_export.php/1051604334939.pdf");
    server.reply(CREATE_LABEL, Reply::json(label_answer(Some("1051604334939"), &pdf_url)));
    server.reply("/ee/api_export.php/1051604334939.pdf", Reply::raw(200, "application/pdf", b"%PDF-1.4 waybill"));
    let extras = LabelExtras {
        declared_value: Some(eur("120.00")),
        recipient_phone: Some("+359888123456".into()),
        recipient_email: Some("ivan@example.com".into()),
    };
    let created = courier(&server, sender()).create_label(&shipment(SERVICE_DOOR), &extras).await.unwrap();

    let sent = server.requests_to(CREATE_LABEL);
    assert_eq!(sent.len(), 1);
    assert_authenticated_json_post(&sent[0]);
    let body = sent[0].json();
    assert_eq!(body["mode"], "create");
    let label = &body["label"];
    assert_eq!(
        label["services"],
        json!({ "declaredValueAmount": 120, "declaredValueCurrency": "EUR", "cdAmount": 48.9, "cdType": "get", "cdCurrency": "EUR" })
    );
    assert!(sent[0].text.contains(r#""cdAmount":48.9,"#), "amounts go out as exact numbers: {}", sent[0].text);
    assert_eq!(
        label["receiverClient"],
        json!({ "name": "Ivan Petrov", "phones": ["+359888123456"], "email": "ivan@example.com" })
    );
    assert_eq!(label["orderNumber"], "2026-000123");
    assert_eq!(label["receiverAddress"]["city"]["name"], "Gabrovo");

    assert_eq!(created.tracking_number, "1051604334939");
    assert_eq!(created.label.content_type, "application/pdf");
    assert_eq!(created.label.bytes, b"%PDF-1.4 waybill");
    assert_eq!(created.estimated_delivery.unwrap().start.to_string(), "2026-12-08T22:00:00Z");
    assert!(created.warnings.is_empty(), "{:?}", created.warnings);
    let downloads: Vec<_> = server.requests().into_iter().filter(|r| r.method == "GET").collect();
    assert_eq!(downloads.len(), 1);
}

#[tokio::test]
async fn a_discreet_waybill_to_an_office_declares_the_cash_and_hides_the_order() {
    let server = MockEcont::start().await;
    let mut answer = label_answer(Some("1051604334940"), "");
    answer["label"]["warnings"] = json!("Receiver phone is missing");
    answer["payAfterAcceptIgnored"] = json!("Review before payment is not offered at lockers");
    server.reply(CREATE_LABEL, Reply::json(answer));
    let mut config = server.config(sender());
    config.declare_cash_on_delivery_value = true;
    let econt = EcontCourier::new(config).unwrap();
    let mut request = shipment(SERVICE_OFFICE);
    request.pickup_point_id = Some("1702".into());
    request.packaging = vec![PackagingKind::Discreet];
    let created = econt.create_shipment(&request).await.unwrap();

    let label = &server.requests_to(CREATE_LABEL)[0].json()["label"];
    assert_eq!(label["receiverOfficeCode"], "1702");
    assert!(label.get("receiverAddress").is_none());
    assert!(label.get("orderNumber").is_none(), "discreet packaging keeps the order off the label");
    assert_eq!(label["services"]["declaredValueAmount"], json!(48.9));
    assert_eq!(label["services"]["cdAmount"], json!(48.9));
    assert!(label["receiverClient"].get("phones").is_none());

    assert_eq!(created.tracking_number, "1051604334940");
    let codes: Vec<_> = created.warnings.iter().map(|w| w.code.as_str()).collect();
    assert_eq!(codes, ["econt_warning", "pay_after_accept_ignored", "no_label_document"]);
}

#[tokio::test]
async fn an_office_waybill_without_an_office_or_an_unknown_service_is_refused_before_calling() {
    let server = MockEcont::start().await;
    let econt = courier(&server, sender());
    let missing = econt.create_shipment(&shipment(SERVICE_OFFICE)).await.unwrap_err();
    assert!(
        matches!(missing, CourierError::InvalidRequest { ref field, .. } if field == "pickup_point_id"),
        "{missing:?}"
    );
    let unknown = econt.create_shipment(&shipment("express")).await.unwrap_err();
    assert!(matches!(unknown, CourierError::InvalidRequest { ref field, .. } if field == "service"), "{unknown:?}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn a_label_that_cannot_be_downloaded_is_returned_as_its_link_with_a_warning() {
    let server = MockEcont::start().await;
    let pdf_url = server.url("/ee/api_export.php/missing.pdf");
    server.reply(CREATE_LABEL, Reply::json(label_answer(Some("1051604334941"), &pdf_url)));
    // Nothing scripted for the PDF: the server answers 404.
    let created = courier(&server, sender()).create_shipment(&shipment(SERVICE_DOOR)).await.unwrap();
    assert_eq!(created.tracking_number, "1051604334941");
    assert_eq!(created.label.content_type, "text/uri-list");
    assert_eq!(created.label.bytes, pdf_url.as_bytes());
    assert_eq!(created.warnings[0].code, "label_not_downloaded");
    assert_eq!(server.requests_to(CREATE_LABEL).len(), 1);
}

#[tokio::test]
async fn cancelling_deletes_the_waybill_or_says_why_not() {
    let server = MockEcont::start().await;
    server.reply(DELETE_LABELS, Reply::json(json!({ "results": [{ "shipmentNum": "1051604334939", "error": null }] })));
    server.reply(DELETE_LABELS, Reply::json(json!({ "results": [{ "shipmentNum": "1051604334937", "error": {} }] })));
    server.reply(
        DELETE_LABELS,
        Reply::json(json!({ "results": [{ "shipmentNum": "1051604334938", "error": {
            "type": "ExInvalidParam", "message": "The shipment is already accepted by Econt.", "fields": [], "innerErrors": []
        }}]})),
    );
    server.reply(
        DELETE_LABELS,
        Reply::status(517, json!({ "type": "ExInvalidShipmentNum", "message": "No shipment with number 42.", "fields": ["shipmentNumbers"], "innerErrors": [] })),
    );
    let econt = courier(&server, sender());

    assert_eq!(econt.cancel_shipment("1051604334939").await.unwrap(), vec![]);
    assert_eq!(econt.cancel_shipment("1051604334937").await.unwrap(), vec![], "an empty error object is no error");
    let accepted = econt.cancel_shipment("1051604334938").await.unwrap_err();
    assert_eq!(
        accepted,
        CourierError::NotCancellable {
            tracking_number: "1051604334938".into(),
            reason: "The shipment is already accepted by Econt.".into()
        }
    );
    let unknown = econt.cancel_shipment("42").await.unwrap_err();
    assert_eq!(unknown, CourierError::UnknownShipment { tracking_number: "42".into() });

    let sent = server.requests_to(DELETE_LABELS);
    assert_eq!(sent.len(), 4, "a refused cancellation is not repeated");
    assert_authenticated_json_post(&sent[0]);
    assert_eq!(sent[0].json(), json!({ "shipmentNumbers": ["1051604334939"] }));
}

fn event(destination_type: &str, details_en: &str, office_en: &str, city_en: &str, time: u64) -> serde_json::Value {
    json!({
        "isReceipt": false,
        "destinationType": destination_type,
        "destinationDetails": format!("BG {details_en}"),
        "destinationDetailsEn": details_en,
        "officeName": format!("BG {office_en}"),
        "officeNameEn": office_en,
        "cityName": format!("BG {city_en}"),
        "cityNameEn": city_en,
        "countryCode": "BGR",
        "officeCode": "1127",
        "time": time
    })
}

#[tokio::test]
async fn tracking_maps_econt_events_and_warns_of_unknown_numbers() {
    let server = MockEcont::start().await;
    server.reply(
        STATUSES,
        Reply::json(json!({ "shipmentStatuses": [
            { "status": {
                "shipmentNumber": "1051604334939",
                "receiverDeliveryType": "door",
                "deliveryTime": 1796728800000u64,
                "cdCollectedAmount": 48.9, "cdCollectedCurrency": "EUR", "cdCollectedTime": 1796728800000u64,
                "shortDeliveryStatus": "Доставена", "shortDeliveryStatusEn": "Delivered",
                "trackingEvents": [
                    // Out of order on purpose: the adapter sorts by time.
                    event("in_delivery_courier", "In delivery courier", "Gabrovo courier", "Gabrovo", 1796717400000),
                    event("prepared", "Prepared in eEcont", "", "", 1796634900000),
                    event("office", "Accepted in office", "Vitosha", "Sofia", 1796650800000),
                    event("arrival_departure_from_hub", "Arrival departure from hub", "Sofia hub", "Sofia", 1796713500000),
                    event("client", "Delivered", "", "Gabrovo", 1796728800000)
                ]
            }, "error": null },
            { "status": {
                "shipmentNumber": "1051604334938",
                "receiverDeliveryType": "office",
                "deliveryTime": null,
                "cdCollectedAmount": 0, "cdCollectedCurrency": "",
                "trackingEvents": [
                    event("in_delivery_office", "Arrived in office", "Gabrovo Center", "Gabrovo", 1796717400000),
                    event("first_try", "Not collected", "Gabrovo Center", "Gabrovo", 1796728800000),
                    event("is_returning_to_sender", "Is returning to sender", "Gabrovo Center", "Gabrovo", 1796810400000),
                    event("mystery_step", "Something new", "", "", 1796810400001)
                ]
            }, "error": null },
            { "status": null, "error": { "type": "ExInvalidShipmentNum", "message": "No shipment with number 999.", "fields": [], "innerErrors": [] } }
        ]})),
    );
    let numbers = vec!["1051604334939".to_owned(), "1051604334938".to_owned(), "999".to_owned()];
    let report = courier(&server, sender()).track(&numbers).await.unwrap();

    let sent = server.requests_to(STATUSES);
    assert_eq!(sent.len(), 1);
    assert_authenticated_json_post(&sent[0]);
    assert_eq!(sent[0].json(), json!({ "shipmentNumbers": numbers }));

    let delivered = report.events_of("1051604334939").unwrap();
    let statuses: Vec<_> = delivered.events.iter().map(|e| e.status).collect();
    use TrackingStatus::*;
    assert_eq!(statuses, [Pending, InTransit, InTransit, OutForDelivery, Delivered]);
    let last = delivered.events.last().unwrap();
    assert_eq!(last.raw_code, "client");
    assert_eq!(last.cash_collected, Some(eur("48.90")));
    assert_eq!(last.at.to_string(), "2026-12-08T11:20:00Z");
    assert_eq!(delivered.events[1].location.as_deref(), Some("Vitosha, Sofia"));
    assert_eq!(delivered.events[1].description, "Accepted in office");
    assert!(delivered.events[..4].iter().all(|e| e.cash_collected.is_none()));

    let returned = report.events_of("1051604334938").unwrap();
    let statuses: Vec<_> = returned.events.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [ReadyForPickup, DeliveryFailed, ReturnToSender, Unknown]);
    assert_eq!(returned.events[1].incident, Some(IncidentReason::Other));
    assert_eq!(returned.events[3].raw_code, "mystery_step");
    assert_eq!(returned.events[0].location.as_deref(), Some("Gabrovo Center"), "the city is in the office's name");

    assert_eq!(report.shipments.len(), 2);
    assert_eq!(report.warnings.len(), 1);
    assert_eq!(report.warnings[0].code, "unknown_tracking_number");
    assert_eq!(report.warnings[0].message, "999: No shipment with number 999.");
}

#[tokio::test]
async fn an_econt_refusal_names_its_field_and_is_not_retried() {
    let server = MockEcont::start().await;
    server.reply(
        CREATE_LABEL,
        Reply::status(517, json!({
            "type": "ExInvalidParam", "message": " ", "fields": [],
            "innerErrors": [{ "type": "ExInvalidParam", "message": "receiver:", "fields": ["receiverAddress"],
                "innerErrors": [{ "type": "ExInvalidCity", "message": "The post code does not match the city.", "fields": [], "innerErrors": [] }] }]
        })),
    );
    let request = RateRequest {
        parcel: parcel(),
        from: shop(),
        to: customer(),
        ready_at: "2026-12-07T09:00:00Z".parse().unwrap(),
    };
    let error = courier(&server, sender()).rates(&request).await.unwrap_err();

    assert_eq!(
        error,
        CourierError::invalid("receiverAddress", "receiver: The post code does not match the city. (ExInvalidParam)")
    );
    assert_eq!(server.requests_to(CREATE_LABEL).len(), 1, "Econt's 517 is an answer, not an outage");
}

#[tokio::test]
async fn a_read_is_retried_after_a_timeout_and_a_5xx_until_it_succeeds() {
    let server = MockEcont::start().await;
    server.reply(STATUSES, Reply::json(json!({ "shipmentStatuses": [] })).after(Duration::from_secs(3)));
    server.reply(STATUSES, Reply::raw(503, "text/html", b"<html>Service Unavailable</html>"));
    server.reply(
        STATUSES,
        Reply::json(json!({ "shipmentStatuses": [{ "status": {
            "shipmentNumber": "1051604334939", "trackingEvents": [event("prepared", "Prepared in eEcont", "", "", 1796634900000)]
        }, "error": null }]})),
    );
    let report = courier(&server, sender()).track(&["1051604334939".to_owned()]).await.unwrap();

    assert_eq!(server.requests_to(STATUSES).len(), 3);
    assert_eq!(report.events_of("1051604334939").unwrap().events[0].status, TrackingStatus::Pending);
    assert!(report.warnings.is_empty());
}

#[tokio::test]
async fn a_read_gives_up_as_unavailable_after_its_retries() {
    let server = MockEcont::start().await;
    for _ in 0..3 {
        server.reply(OFFICES, Reply::raw(502, "text/html", b"Bad Gateway"));
    }
    let error = courier(&server, sender()).offices("BGR", Some(41)).await.unwrap_err();
    assert!(matches!(error, CourierError::Unavailable { ref reason } if reason.contains("HTTP 502")), "{error:?}");
    let sent = server.requests_to(OFFICES);
    assert_eq!(sent.len(), 3, "one try and two retries");
    assert_eq!(sent[0].json(), json!({ "countryCode": "BGR", "cityID": 41 }));
}

#[tokio::test]
async fn creating_a_waybill_is_never_retried_after_a_5xx() {
    let server = MockEcont::start().await;
    server.reply(CREATE_LABEL, Reply::raw(503, "text/html", b"Service Unavailable"));
    server.reply(CREATE_LABEL, Reply::json(label_answer(Some("1051604334939"), "")));
    let error = courier(&server, sender()).create_shipment(&shipment(SERVICE_DOOR)).await.unwrap_err();
    assert!(
        matches!(error, CourierError::Unavailable { ref reason } if reason.contains("HTTP 503") && reason.contains("check before repeating")),
        "{error:?}"
    );
    assert_eq!(server.requests_to(CREATE_LABEL).len(), 1);
}

#[tokio::test]
async fn a_waybill_that_times_out_is_unavailable_and_not_repeated() {
    let server = MockEcont::start().await;
    server.reply(CREATE_LABEL, Reply::json(label_answer(Some("1051604334939"), "")).after(Duration::from_secs(3)));
    let started = std::time::Instant::now();
    let error = courier(&server, sender()).create_shipment(&shipment(SERVICE_DOOR)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "the timeout cut the call short");
    assert!(
        matches!(error, CourierError::Unavailable { ref reason } if reason.contains("no answer in time")),
        "{error:?}"
    );
    assert_eq!(server.requests_to(CREATE_LABEL).len(), 1);
}

#[tokio::test]
async fn addresses_are_checked_and_corrected_by_econt() {
    let server = MockEcont::start().await;
    server.reply(VALIDATE, Reply::json(json!({ "address": { "city": { "postCode": "5300", "name": "Gabrovo" }, "fullAddress": "ul. Bryanska 15" }, "validationStatus": "normal" })));
    server.reply(
        VALIDATE,
        Reply::json(json!({ "address": {
            "city": { "country": { "code3": "BGR" }, "postCode": "5300", "name": "Габрово" },
            "street": "Брянска", "num": "15", "fullAddress": "Габрово ул. Брянска 15"
        }, "validationStatus": "processed" })),
    );
    server.reply(VALIDATE, Reply::json(json!({ "address": null, "validationStatus": "invalid" })));
    server.reply(
        VALIDATE,
        Reply::status(517, json!({ "type": "ExInvalidAddress", "message": "Unknown street.", "fields": ["street"], "innerErrors": [] })),
    );
    let econt = courier(&server, sender());

    let valid = econt.validate_address(&customer()).await.unwrap();
    assert!(valid.deliverable && valid.suggestion.is_none() && valid.warnings.is_empty());
    let corrected = econt.validate_address(&customer()).await.unwrap();
    assert!(corrected.deliverable);
    let suggestion = corrected.suggestion.unwrap();
    assert_eq!((suggestion.line1.as_str(), suggestion.city.as_str()), ("Брянска 15", "Габрово"));
    assert_eq!(suggestion.recipient, "Ivan Petrov");
    assert_eq!(suggestion.line2.as_deref(), Some("entrance A"));
    let invalid = econt.validate_address(&customer()).await.unwrap();
    assert!(!invalid.deliverable);
    assert_eq!(invalid.warnings[0].code, "invalid_address");
    let refused = econt.validate_address(&customer()).await.unwrap();
    assert!(!refused.deliverable);
    assert!(refused.warnings[0].message.contains("Unknown street."), "{:?}", refused.warnings);

    let sent = server.requests_to(VALIDATE);
    assert_eq!(sent.len(), 4);
    assert_authenticated_json_post(&sent[0]);
    assert_eq!(
        sent[0].json(),
        json!({ "address": { "city": { "country": { "code2": "BG" }, "postCode": "5300", "name": "Gabrovo" }, "fullAddress": "ul. Bryanska 15, entrance A" } })
    );
}

#[tokio::test]
async fn wrong_credentials_are_refused_by_the_server() {
    let server = MockEcont::start().await;
    server.reply(OFFICES, Reply::json(json!({ "offices": [] })));
    let mut config = server.config(sender());
    config.password = "wrong".into();
    let econt = EcontCourier::new(config).unwrap();
    assert!(!format!("{econt:?}").contains("wrong"), "the password stays out of Debug output");
    let error = econt.offices("BG", None).await.unwrap_err();
    assert!(matches!(error, CourierError::Unavailable { ref reason } if reason.contains("credentials")), "{error:?}");
}
