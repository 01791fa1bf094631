//! The own-fleet courier: slot-based rates per zone, labels that book a slot, drivers' updates
//! checked against the shipment state machine, and the drivers' cash sheets.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use jiff::Timestamp;
use vitrina_core::delivery::Address;
use vitrina_core::delivery::DeliverySlot;
use vitrina_core::money::Money;
use vitrina_core::shipping::{
    AddressValidation, CarrierWarning, Courier, CourierCapabilities, CourierError, CreatedShipment, LabelDocument,
    Parcel, RateOption, RateQuote, RateRequest, ShipmentRequest, ShipmentState, TrackedShipment, TrackingEvent,
    TrackingReport,
};

use crate::config::{FleetZone, OwnFleetConfig, OWN_FLEET};
use crate::driver::{CashReceipt, DriverUpdate};

struct FleetParcel {
    slot_id: String,
    cash_due: Option<Money>,
    state: ShipmentState,
    events: Vec<TrackingEvent>,
}

struct FleetState {
    slots: Vec<DeliverySlot>,
    parcels: BTreeMap<String, FleetParcel>,
    cash: Vec<CashReceipt>,
    sequence: u64,
}

/// The shop's own delivery fleet (see the crate documentation).
pub struct OwnFleetCourier {
    config: OwnFleetConfig,
    state: Mutex<FleetState>,
}

impl OwnFleetCourier {
    /// A fleet set up by `config`, with its slots as given.
    pub fn new(config: OwnFleetConfig) -> OwnFleetCourier {
        let state = FleetState { slots: config.slots.clone(), parcels: BTreeMap::new(), cash: Vec::new(), sequence: 0 };
        OwnFleetCourier { config, state: Mutex::new(state) }
    }

    fn state(&self) -> MutexGuard<'_, FleetState> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The slots with their bookings now.
    pub fn slots(&self) -> Vec<DeliverySlot> {
        self.state().slots.clone()
    }

    /// Records a driver's update on a parcel and returns the tracking event it became. Refused when
    /// the parcel is unknown, the move is not one the shipment state machine allows from where the
    /// parcel stands, or a delivery's cash differs from what is due.
    pub fn driver_update(
        &self,
        tracking_number: &str,
        driver_id: &str,
        update: DriverUpdate,
        at: Timestamp,
    ) -> Result<TrackingEvent, CourierError> {
        let mut state = self.state();
        let parcel = state.parcels.get_mut(tracking_number).ok_or_else(|| unknown(tracking_number))?;
        let to = check_move(parcel, &update)?;
        let event = driver_event(driver_id, &update, at);
        parcel.events.push(event.clone());
        parcel.state = to;
        if let Some(amount) = event.cash_collected {
            let receipt = CashReceipt {
                driver_id: driver_id.to_owned(),
                tracking_number: tracking_number.to_owned(),
                amount,
                at,
            };
            state.cash.push(receipt);
        }
        Ok(event)
    }

    /// The cash `driver_id` collected and has not handed in, oldest first.
    pub fn cash_sheet(&self, driver_id: &str) -> Vec<CashReceipt> {
        self.state().cash.iter().filter(|r| r.driver_id == driver_id).cloned().collect()
    }

    /// Takes `driver_id`'s cash sheet at the end of the round, leaving it empty.
    pub fn hand_in_cash(&self, driver_id: &str) -> Vec<CashReceipt> {
        let mut state = self.state();
        let (handed, kept) = std::mem::take(&mut state.cash).into_iter().partition(|r| r.driver_id == driver_id);
        state.cash = kept;
        handed
    }

    fn zone(&self, to: &Address) -> Result<&FleetZone, CourierError> {
        self.config
            .zone_for(to)
            .ok_or_else(|| CourierError::NoService { destination: format!("{} {}", to.country, to.postal_code) })
    }

    fn weight_warnings(&self, parcel: &Parcel) -> Vec<CarrierWarning> {
        let heavy = parcel.weight_grams > self.config.max_weight_grams;
        let message = format!("over {} g: two drivers needed", self.config.max_weight_grams);
        heavy.then(|| CarrierWarning::new("heavy_parcel", message)).into_iter().collect()
    }

    fn book_slot(&self, state: &mut FleetState, request: &ShipmentRequest) -> Result<DeliverySlot, CourierError> {
        let slot_id = request.slot_id.as_deref().or_else(|| request.service.strip_prefix("slot:"));
        let slot_id = slot_id.ok_or_else(|| CourierError::invalid("slot_id", "choose a delivery slot"))?;
        let slot = state.slots.iter_mut().find(|s| s.id == slot_id);
        let slot = slot.ok_or_else(|| CourierError::invalid("slot_id", format!("no slot {slot_id}")))?;
        slot.book().map_err(|e| CourierError::NoCapacity { reason: e.to_string() })?;
        Ok(slot.clone())
    }

    fn label(&self, request: &ShipmentRequest, number: &str, slot: &DeliverySlot) -> LabelDocument {
        let sender = if request.is_discreet() { "-" } else { self.config.shop_name.as_str() };
        let reference = if request.is_discreet() { "" } else { request.order_number.as_str() };
        let cash = request.cash_on_delivery.map_or("prepaid".to_owned(), |m| format!("COLLECT {m}"));
        let to = &request.to;
        let text = format!(
            "OWN FLEET {number}\nFROM {sender} {reference}\nTO {}, {}, {} {}\nSLOT {} - {}\n{cash}\n",
            to.recipient, to.line1, to.postal_code, to.city, slot.window.start, slot.window.end
        );
        LabelDocument { content_type: "text/plain; charset=utf-8".to_owned(), bytes: text.into_bytes() }
    }
}

fn unknown(tracking_number: &str) -> CourierError {
    CourierError::UnknownShipment { tracking_number: tracking_number.to_owned() }
}

fn check_move(parcel: &FleetParcel, update: &DriverUpdate) -> Result<ShipmentState, CourierError> {
    let to = update.status().shipment_state().unwrap_or(parcel.state);
    if !parcel.state.can_move_to(to) {
        return Err(CourierError::invalid("update", format!("a parcel {} cannot become {to}", parcel.state)));
    }
    if let DriverUpdate::Delivered { cash_collected } = update {
        if *cash_collected != parcel.cash_due {
            let reason = format!("{} due, {} collected", show(parcel.cash_due), show(*cash_collected));
            return Err(CourierError::invalid("cash_collected", reason));
        }
    }
    Ok(to)
}

fn show(cash: Option<Money>) -> String {
    cash.map_or("nothing".to_owned(), |m| m.to_string())
}

fn driver_event(driver_id: &str, update: &DriverUpdate, at: Timestamp) -> TrackingEvent {
    let mut event = TrackingEvent::new(at, update.status(), update.code(), update.description());
    event.location = Some(format!("driver {driver_id}"));
    match update {
        DriverUpdate::Failed { reason } => event.incident = Some(*reason),
        DriverUpdate::Delivered { cash_collected } => event.cash_collected = *cash_collected,
        _ => {}
    }
    event
}

fn rate_option(slot: &DeliverySlot, zone: &FleetZone) -> RateOption {
    RateOption {
        service: format!("slot:{}", slot.id),
        name: format!("Our courier, {} to {}", slot.window.start, slot.window.end),
        price: zone.price,
        estimated_delivery: slot.window,
    }
}

#[async_trait]
impl Courier for OwnFleetCourier {
    fn name(&self) -> &str {
        OWN_FLEET
    }

    fn capabilities(&self) -> CourierCapabilities {
        CourierCapabilities {
            cancel: true,
            address_validation: true,
            pickups: false,
            cash_on_delivery: true,
            time_slots: true,
            pickup_points: false,
        }
    }

    async fn rates(&self, request: &RateRequest) -> Result<RateQuote, CourierError> {
        request.parcel.validate()?;
        let zone = self.zone(&request.to)?;
        let mut free: Vec<DeliverySlot> =
            self.slots().into_iter().filter(|s| s.window.start >= request.ready_at && s.remaining() > 0).collect();
        free.sort_by_key(|s| s.window.start);
        let options: Vec<RateOption> =
            free.iter().take(self.config.slots_offered).map(|slot| rate_option(slot, zone)).collect();
        let mut warnings = self.weight_warnings(&request.parcel);
        if options.is_empty() {
            warnings.push(CarrierWarning::new("no_free_slot", "every slot after the parcel is ready is full"));
        }
        Ok(RateQuote::sorted(options, warnings))
    }

    async fn create_shipment(&self, request: &ShipmentRequest) -> Result<CreatedShipment, CourierError> {
        request.parcel.validate()?;
        self.zone(&request.to)?;
        let mut state = self.state();
        let slot = self.book_slot(&mut state, request)?;
        state.sequence += 1;
        let number = format!("{}{:06}", self.config.tracking_prefix, state.sequence);
        let parcel = FleetParcel {
            slot_id: slot.id.clone(),
            cash_due: request.cash_on_delivery,
            state: ShipmentState::LabelCreated,
            events: Vec::new(),
        };
        state.parcels.insert(number.clone(), parcel);
        Ok(CreatedShipment {
            label: self.label(request, &number, &slot),
            tracking_number: number,
            estimated_delivery: Some(slot.window),
            warnings: self.weight_warnings(&request.parcel),
        })
    }

    async fn cancel_shipment(&self, tracking_number: &str) -> Result<Vec<CarrierWarning>, CourierError> {
        let mut state = self.state();
        let parcel = state.parcels.get(tracking_number).ok_or_else(|| unknown(tracking_number))?;
        if parcel.state != ShipmentState::LabelCreated {
            let reason = format!("the parcel is {}", parcel.state);
            return Err(CourierError::NotCancellable { tracking_number: tracking_number.to_owned(), reason });
        }
        let slot_id = parcel.slot_id.clone();
        state.parcels.remove(tracking_number);
        if let Some(slot) = state.slots.iter_mut().find(|s| s.id == slot_id) {
            slot.release();
        }
        Ok(Vec::new())
    }

    async fn track(&self, tracking_numbers: &[String]) -> Result<TrackingReport, CourierError> {
        let state = self.state();
        let mut report = TrackingReport::default();
        for number in tracking_numbers {
            match state.parcels.get(number) {
                Some(parcel) => report
                    .shipments
                    .push(TrackedShipment { tracking_number: number.clone(), events: parcel.events.clone() }),
                None => report.warnings.push(CarrierWarning::new("unknown_tracking_number", number.clone())),
            }
        }
        Ok(report)
    }

    async fn validate_address(&self, address: &Address) -> Result<AddressValidation, CourierError> {
        let verdict = |deliverable, suggestion, warning: Option<CarrierWarning>| AddressValidation {
            deliverable,
            suggestion,
            warnings: warning.into_iter().collect(),
        };
        let normalised = match address.clone().validated() {
            Ok(valid) => valid,
            Err(error) => {
                return Ok(verdict(false, None, Some(CarrierWarning::new("invalid_address", error.to_string()))))
            }
        };
        if self.config.zone_for(&normalised).is_none() {
            return Ok(verdict(false, None, Some(CarrierWarning::new("outside_zones", "our drivers do not go there"))));
        }
        let suggestion = (normalised != *address).then_some(normalised);
        Ok(verdict(true, suggestion, None))
    }
}
