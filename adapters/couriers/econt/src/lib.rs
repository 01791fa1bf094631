//! A [`Courier`](vitrina_core::shipping::Courier) over Econt Express's JSON services (Bulgaria):
//! prices, waybills with cash on delivery and declared value, cancellation, normalised tracking,
//! address checks, and Econt's offices and lockers as pickup points.
//!
//! Every call is an HTTP `POST` of a JSON body to `<base>/<Service>/<Service>.<method>.json` with
//! HTTP Basic auth ([`EcontConfig`]: production by default, [`DEMO_URL`] for Econt's test system,
//! credentials from `ECONT_USERNAME` / `ECONT_PASSWORD`). Econt refuses a request with HTTP 517 and
//! its error document; reads (offices, prices, statuses, address checks, label PDFs) are retried after
//! timeouts, lost connections and 5xx answers, writes (creating and deleting waybills) never are.
//! Amounts are read and written as exact decimals: a JSON number's digits go straight into a
//! [`rust_decimal::Decimal`] (through `serde_json`'s raw values), never through `f64`.
//!
//! # The documented fields this adapter relies on
//!
//! - `Nomenclatures/NomenclaturesService.getOffices`: request `countryCode` (ISO alpha-3, `BGR`),
//!   `cityID`; answer `offices[]` with `code`, `name`, `nameEn`, `isAPS` (locker), `isMPS` (mobile),
//!   `phones`, `address` (`city.name`, `city.postCode`, `city.country.code2`/`code3`, `fullAddress`,
//!   `street`, `num`, `other`, `location.latitude`/`longitude`), and `normalBusinessHoursFrom`/`To`,
//!   `halfDayBusinessHoursFrom`/`To` (epoch milliseconds, read as times of day in Sofia).
//! - `Shipments/LabelService.createLabel`: request `mode` (`calculate` for [`rates`], `create` for a
//!   waybill) and `label` with `senderClient` (`name`, `phones`), `senderAddress` or
//!   `senderOfficeCode`, `receiverClient` (`name`, `phones`, `email`), `receiverAddress` (`city` with
//!   `country.code2`, `name`, `postCode`; `fullAddress`) or `receiverOfficeCode`, `packCount`,
//!   `shipmentType` (`pack`), `weight` (kg), `shipmentDimensionsL`/`W`/`H` (cm),
//!   `shipmentDescription`, `orderNumber` (left out for discreet packaging), `paymentSenderMethod`,
//!   and `services` with `cdAmount`, `cdType` (`get`), `cdCurrency`, `cdPayOptionsTemplate`,
//!   `declaredValueAmount`, `declaredValueCurrency`. Answer `label` with `shipmentNumber`, `pdfURL`,
//!   `totalPrice`, `currency`, `expectedDeliveryDate` (epoch ms), `warnings`, and
//!   `payAfterAcceptIgnored`.
//! - `Shipments/LabelService.deleteLabels`: request `shipmentNumbers[]`; answer `results[]` with
//!   `shipmentNum` and `error`.
//! - `Shipments/ShipmentService.getShipmentStatuses`: request `shipmentNumbers[]`; answer
//!   `shipmentStatuses[]`, each `status` (`shipmentNumber`, `receiverDeliveryType`,
//!   `cdCollectedAmount`, `cdCollectedCurrency`, `trackingEvents[]` with `destinationType`,
//!   `destinationDetails`/`En`, `officeName`/`En`, `cityName`/`En`, `time`) or `error` for a number
//!   Econt does not know (a warning, not a failure).
//! - `Nomenclatures/AddressService.validateAddress`: request `address`; answer `address` and
//!   `validationStatus` (`normal`, `processed`, `invalid`).
//! - Errors: `type`, `message`, `fields[]`, `innerErrors[]` (nested), on HTTP 517 or inside result
//!   elements.
//!
//! # Tracking
//!
//! Econt's `destinationType` maps to the core's statuses ([`map_destination_type`]): `prepared` is
//! pending; `in_pickup_courier`, `courier` picked up; `office`, `in_pickup_office`,
//! `courier_direction`, `arrival_departure_from_hub` in transit; `in_delivery_office` ready for pickup
//! for a parcel sent to an office (else in transit); `in_delivery_courier` out for delivery; `client`
//! delivered (with `cdCollectedAmount` as the cash collected); `first_try`, `second_try`,
//! `failed_delivery` a failed attempt; `return`, `is_returning_to_sender`, `returned_to_sender` return
//! to sender; `instruction`, `redirect` on hold; anything else unknown, its raw code kept.
//!
//! [`rates`]: vitrina_core::shipping::Courier::rates
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod config;
mod courier;
mod error;
mod http;
mod office;
mod tracking;
mod wire;

pub use config::{EcontConfig, EcontSender, BASE_URL_VAR, DEMO_URL, ECONT, PASSWORD_VAR, PRODUCTION_URL, USERNAME_VAR};
pub use courier::{EcontCourier, LabelExtras, SERVICE_DOOR, SERVICE_OFFICE};
pub use office::{EcontOffice, OfficeKind};
pub use tracking::map_destination_type;
