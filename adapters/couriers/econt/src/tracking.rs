//! Econt's tracking events (`destinationType`) mapped to the core's normalised statuses, with the
//! place, Econt's text, an incident for failed attempts and the cash collected on delivery.

use vitrina_core::money::{Currency, Money};
use vitrina_core::shipping::{IncidentReason, TrackedShipment, TrackingEvent, TrackingStatus};

use crate::wire::{self, ShipmentStatus};

/// The normalised status of Econt's `destinationType`, and the incident it implies. A parcel in the
/// receiver's office is ready for pickup when it was sent to an office, still in transit when a
/// courier will take it on to a door (`receiver_office`).
pub fn map_destination_type(destination_type: &str, receiver_office: bool) -> (TrackingStatus, Option<IncidentReason>) {
    use TrackingStatus::*;
    let status = match destination_type {
        "prepared" => Pending,
        "in_pickup_courier" | "courier" => PickedUp,
        "office" | "in_pickup_office" | "courier_direction" | "arrival_departure_from_hub" => InTransit,
        "in_delivery_office" if receiver_office => ReadyForPickup,
        "in_delivery_office" => InTransit,
        "in_delivery_courier" => OutForDelivery,
        "client" => Delivered,
        "first_try" | "second_try" | "failed_delivery" => return (DeliveryFailed, Some(IncidentReason::Other)),
        "return" | "is_returning_to_sender" | "returned_to_sender" => ReturnToSender,
        "instruction" | "redirect" => OnHold,
        "canceled" | "cancelled" => Cancelled,
        _ => Unknown,
    };
    (status, None)
}

/// The events Econt reported for one waybill, oldest first (events without a time are left out).
pub(crate) fn tracked(number: &str, status: &ShipmentStatus) -> TrackedShipment {
    let receiver_office = status.receiver_delivery_type.as_deref().is_some_and(|t| t.eq_ignore_ascii_case("office"));
    let cash = collected_cash(status);
    let mut events: Vec<TrackingEvent> =
        status.tracking_events.iter().flatten().filter_map(|event| event_of(event, receiver_office)).collect();
    let settled = events.iter().any(|e| matches!(e.status, TrackingStatus::Delivered | TrackingStatus::ReturnToSender));
    if let (Some(at), false) = (status.delivery_time, settled) {
        // A delivery time without a `client` (or return) event still means delivered.
        events.push(TrackingEvent::new(at.0, TrackingStatus::Delivered, "deliveryTime", "Delivered"));
    }
    events.sort_by_key(|e| e.at);
    if let Some(delivered) = events.iter_mut().rev().find(|e| e.status == TrackingStatus::Delivered) {
        delivered.cash_collected = cash;
    }
    TrackedShipment { tracking_number: status.shipment_number.clone().unwrap_or_else(|| number.to_owned()), events }
}

fn event_of(event: &wire::TrackingEvent, receiver_office: bool) -> Option<TrackingEvent> {
    let at = event.time?.0;
    let raw = event.destination_type.as_deref().unwrap_or("");
    let (status, incident) = map_destination_type(raw, receiver_office);
    let description = first(&[&event.destination_details_en, &event.destination_details]).unwrap_or(raw);
    let mut normalised = TrackingEvent::new(at, status, raw, description);
    normalised.incident = incident;
    let place = first(&[&event.office_name_en, &event.office_name]);
    let city = first(&[&event.city_name_en, &event.city_name]);
    normalised.location = match (place, city) {
        (Some(place), Some(city)) if !place.contains(city) => Some(format!("{place}, {city}")),
        (Some(place), _) => Some(place.to_owned()),
        (None, city) => city.map(str::to_owned),
    };
    Some(normalised)
}

fn first<'a>(texts: &[&'a Option<String>]) -> Option<&'a str> {
    texts.iter().filter_map(|t| t.as_deref()).map(str::trim).find(|t| !t.is_empty())
}

/// The cash Econt collected on delivery (`cdCollectedAmount` in `cdCollectedCurrency`), when any.
fn collected_cash(status: &ShipmentStatus) -> Option<Money> {
    let amount = status.cd_collected_amount?.0;
    if amount.is_zero() {
        return None;
    }
    let currency = Currency::parse(status.cd_collected_currency.as_deref()?, "cdCollectedCurrency").ok()?;
    Money::checked(amount.normalize(), currency, "cdCollectedAmount").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_arrival_depends_on_where_the_parcel_goes() {
        assert_eq!(map_destination_type("in_delivery_office", true).0, TrackingStatus::ReadyForPickup);
        assert_eq!(map_destination_type("in_delivery_office", false).0, TrackingStatus::InTransit);
        assert_eq!(map_destination_type("client", false).0, TrackingStatus::Delivered);
        assert_eq!(
            map_destination_type("first_try", false),
            (TrackingStatus::DeliveryFailed, Some(IncidentReason::Other))
        );
        assert_eq!(map_destination_type("returned_to_sender", false).0, TrackingStatus::ReturnToSender);
        assert_eq!(map_destination_type("something_new", false).0, TrackingStatus::Unknown);
    }
}
