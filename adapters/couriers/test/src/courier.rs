//! The test courier itself: a settable clock, queued scenarios, EUR rates by weight, labels as
//! text, cancellable until pickup, pickups, and address checks driven by magic postal codes.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use vitrina_core::delivery::Address;
use vitrina_core::delivery::DeliveryWindow;
use vitrina_core::money::{Currency, Money};
use vitrina_core::shipping::{
    AddressValidation, CarrierWarning, Courier, CourierCapabilities, CourierError, CreatedShipment, LabelDocument,
    Parcel, Pickup, PickupRequest, RateOption, RateQuote, RateRequest, ShipmentRequest, TrackedShipment,
    TrackingReport,
};

use crate::scenario::{event, Scenario};

/// The courier's name.
pub const TEST_COURIER: &str = "test";

/// Heaviest parcel the express service takes.
const EXPRESS_MAX_GRAMS: u64 = 30_000;

/// What the test courier charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestPrices {
    /// Standard service, first kilogram.
    pub standard: Money,
    /// Express service, first kilogram.
    pub express: Money,
    /// Each further started kilogram (chargeable weight), either service.
    pub per_extra_kg: Money,
}

impl TestPrices {
    /// 4.90 / 9.90 EUR plus 1.00 EUR a kilogram.
    pub fn eur() -> TestPrices {
        TestPrices {
            standard: Money::from_minor(490, Currency::EUR),
            express: Money::from_minor(990, Currency::EUR),
            per_extra_kg: Money::from_minor(100, Currency::EUR),
        }
    }
}

struct Journey {
    scenario: Scenario,
    started: Timestamp,
    cash: Option<Money>,
    cancelled_at: Option<Timestamp>,
}

struct State {
    now: Timestamp,
    queued: VecDeque<Scenario>,
    journeys: BTreeMap<String, Journey>,
    pickups: BTreeMap<String, DeliveryWindow>,
    sequence: u64,
}

/// The test courier (see the crate documentation).
pub struct TestCourier {
    prices: TestPrices,
    state: Mutex<State>,
}

impl TestCourier {
    /// A courier whose clock starts at `now`, with EUR prices.
    pub fn new(now: Timestamp) -> TestCourier {
        TestCourier::with_prices(now, TestPrices::eur())
    }

    /// A courier whose clock starts at `now`, charging `prices`.
    pub fn with_prices(now: Timestamp, prices: TestPrices) -> TestCourier {
        let state =
            State { now, queued: VecDeque::new(), journeys: BTreeMap::new(), pickups: BTreeMap::new(), sequence: 0 };
        TestCourier { prices, state: Mutex::new(state) }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The courier's clock.
    pub fn now(&self) -> Timestamp {
        self.state().now
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: SignedDuration) {
        let mut state = self.state();
        state.now += by;
    }

    /// The scenario the next created shipment follows (queued in order; `delivered` when none).
    pub fn queue_scenario(&self, scenario: Scenario) {
        self.state().queued.push_back(scenario);
    }

    fn price(&self, base: Money, parcel: &Parcel) -> Result<Money, CourierError> {
        let extra_kg = parcel.chargeable_grams(5000).saturating_sub(1000).div_ceil(1000);
        let extra = u32::try_from(extra_kg).map_err(|_| CourierError::invalid("parcel.weight_grams", "too heavy"))?;
        let extra = self.prices.per_extra_kg.times(extra).and_then(|e| base.checked_add(&e));
        extra.map_err(|e| CourierError::invalid("parcel", e.to_string()))
    }

    fn option(
        &self,
        service: &str,
        base: Money,
        request: &RateRequest,
        hours: (i64, i64),
    ) -> Result<RateOption, CourierError> {
        let window = window_after(request.ready_at, hours);
        let name = format!("Test courier {service}");
        Ok(RateOption {
            service: service.to_owned(),
            name,
            price: self.price(base, &request.parcel)?,
            estimated_delivery: window,
        })
    }

    fn next_number(&self, state: &mut State, scenario: Scenario) -> String {
        state.sequence += 1;
        format!("{}-{:06}", scenario.prefix(), state.sequence)
    }

    fn tracked(state: &mut State, number: &str) -> Option<TrackedShipment> {
        let now = state.now;
        if !state.journeys.contains_key(number) {
            let scenario = Scenario::of_tracking_number(number)?;
            state
                .journeys
                .insert(number.to_owned(), Journey { scenario, started: now, cash: None, cancelled_at: None });
        }
        let journey = state.journeys.get(number)?;
        Some(TrackedShipment { tracking_number: number.to_owned(), events: journey_events(journey, now) })
    }
}

fn journey_events(journey: &Journey, now: Timestamp) -> Vec<vitrina_core::shipping::TrackingEvent> {
    let until = journey.cancelled_at.unwrap_or(now);
    let mut events = journey.scenario.events(journey.started, until, journey.cash);
    if let Some(at) = journey.cancelled_at {
        events.push(event(at, "CX", "Cancelled by the sender"));
    }
    events
}

fn window_after(from: Timestamp, (earliest, latest): (i64, i64)) -> DeliveryWindow {
    DeliveryWindow {
        start: from + SignedDuration::from_hours(earliest),
        end: from + SignedDuration::from_hours(latest),
    }
}

fn remote(address: &Address) -> Option<CarrierWarning> {
    address
        .postal_code
        .trim()
        .starts_with("99")
        .then(|| CarrierWarning::new("remote_area", format!("{} is remote: one extra day", address.postal_code.trim())))
}

fn label(request: &ShipmentRequest, number: &str) -> LabelDocument {
    let sender = if request.is_discreet() { "Return address only".to_owned() } else { request.from.recipient.clone() };
    let cash = request.cash_on_delivery.map_or(String::new(), |m| format!("\nCOD {m}"));
    let text = format!(
        "TEST COURIER {service}\n{number}\nFROM {sender}, {from_city}\nTO {to}, {line1}, {postal} {city}, {country}{cash}\n",
        service = request.service,
        from_city = request.from.city,
        to = request.to.recipient,
        line1 = request.to.line1,
        postal = request.to.postal_code,
        city = request.to.city,
        country = request.to.country,
    );
    LabelDocument { content_type: "text/plain; charset=utf-8".to_owned(), bytes: text.into_bytes() }
}

#[async_trait]
impl Courier for TestCourier {
    fn name(&self) -> &str {
        TEST_COURIER
    }

    fn capabilities(&self) -> CourierCapabilities {
        CourierCapabilities {
            cancel: true,
            address_validation: true,
            pickups: true,
            cash_on_delivery: true,
            time_slots: false,
            pickup_points: true,
        }
    }

    async fn rates(&self, request: &RateRequest) -> Result<RateQuote, CourierError> {
        request.parcel.validate()?;
        let mut options = vec![self.option("standard", self.prices.standard, request, (48, 96))?];
        let mut warnings: Vec<CarrierWarning> = remote(&request.to).into_iter().collect();
        if request.parcel.chargeable_grams(5000) > EXPRESS_MAX_GRAMS {
            warnings.push(CarrierWarning::new("oversize", "express takes parcels up to 30 kg"));
        } else {
            options.push(self.option("express", self.prices.express, request, (20, 28))?);
        }
        Ok(RateQuote::sorted(options, warnings))
    }

    async fn create_shipment(&self, request: &ShipmentRequest) -> Result<CreatedShipment, CourierError> {
        request.parcel.validate()?;
        let mut state = self.state();
        let scenario = state.queued.pop_front().unwrap_or(Scenario::Delivered);
        let number = self.next_number(&mut state, scenario);
        let journey = Journey { scenario, started: state.now, cash: request.cash_on_delivery, cancelled_at: None };
        state.journeys.insert(number.clone(), journey);
        let mut warnings: Vec<CarrierWarning> = remote(&request.to).into_iter().collect();
        if scenario == Scenario::PickupPoint && request.pickup_point_id.is_none() {
            warnings.push(CarrierWarning::new("pickup_point_assigned", "no pickup point chosen: the nearest is used"));
        }
        Ok(CreatedShipment {
            label: label(request, &number),
            estimated_delivery: Some(window_after(state.now, (24, 48))),
            tracking_number: number,
            warnings,
        })
    }

    async fn cancel_shipment(&self, tracking_number: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        let mut state = self.state();
        let now = state.now;
        let unknown = || CourierError::UnknownShipment { tracking_number: tracking_number.to_owned() };
        let journey = state.journeys.get_mut(tracking_number).ok_or_else(unknown)?;
        let picked_up = journey.started + SignedDuration::from_mins(journey.scenario.pickup_after_minutes());
        if now >= picked_up || journey.cancelled_at.is_some() {
            let reason = if journey.cancelled_at.is_some() { "already cancelled" } else { "already picked up" };
            return Err(CourierError::NotCancellable {
                tracking_number: tracking_number.to_owned(),
                reason: reason.into(),
            });
        }
        journey.cancelled_at = Some(now);
        Ok(Vec::new())
    }

    async fn track(&self, tracking_numbers: &[String]) -> Result<TrackingReport, CourierError> {
        let mut state = self.state();
        let mut report = TrackingReport::default();
        for number in tracking_numbers {
            match TestCourier::tracked(&mut state, number) {
                Some(tracked) => report.shipments.push(tracked),
                None => report.warnings.push(CarrierWarning::new("unknown_tracking_number", number.clone())),
            }
        }
        Ok(report)
    }

    async fn validate_address(&self, address: &Address) -> Result<AddressValidation, CourierError> {
        let normalised = match address.clone().validated() {
            Ok(valid) => valid,
            Err(error) => return Ok(undeliverable("invalid_address", error.to_string())),
        };
        if normalised.postal_code == "00000" {
            return Ok(undeliverable("unknown_postal_code", "postal code 00000 does not exist"));
        }
        let suggestion = (normalised != *address).then_some(normalised.clone());
        Ok(AddressValidation { deliverable: true, suggestion, warnings: remote(&normalised).into_iter().collect() })
    }

    async fn schedule_pickup(&self, request: &PickupRequest) -> Result<Pickup, CourierError> {
        if request.tracking_numbers.is_empty() {
            return Err(CourierError::invalid("tracking_numbers", "must list at least one parcel"));
        }
        let mut state = self.state();
        state.sequence += 1;
        let pickup_id = format!("TP-{:06}", state.sequence);
        state.pickups.insert(pickup_id.clone(), request.window);
        let short = request.window.end.duration_since(request.window.start) < SignedDuration::from_hours(2);
        let warnings =
            short.then(|| CarrierWarning::new("short_window", "the driver may come late")).into_iter().collect();
        Ok(Pickup { pickup_id, window: request.window, warnings })
    }

    async fn cancel_pickup(&self, pickup_id: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        match self.state().pickups.remove(pickup_id) {
            Some(_) => Ok(Vec::new()),
            None => Err(CourierError::UnknownPickup { pickup_id: pickup_id.to_owned() }),
        }
    }
}

fn undeliverable(code: &str, message: impl Into<String>) -> AddressValidation {
    AddressValidation { deliverable: false, suggestion: None, warnings: vec![CarrierWarning::new(code, message)] }
}
