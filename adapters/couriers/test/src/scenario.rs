//! The scripted journeys behind the magic tracking numbers, in the carrier's own codes, and the
//! table normalising those codes.

use jiff::{SignedDuration, Timestamp};
use vitrina_core::money::Money;
use vitrina_core::shipping::{IncidentReason, TrackingEvent, TrackingStatus};

/// A scripted journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// Picked up, two hub scans, out for delivery, delivered after 28 hours.
    Delivered,
    /// The first attempt fails (nobody home); delivered on the second, a day later.
    FailedThenRedelivered,
    /// Held up by weather for a day, then delivered.
    Delayed,
    /// Held at customs, an unmapped carrier code, released and delivered.
    CustomsHold,
    /// Left at a pickup point and collected two days later.
    PickupPoint,
    /// Two failed attempts (address problem, refused), then sent back.
    ReturnedToSender,
}

/// One step: minutes after the journey starts, the carrier's code, its text and where.
struct Step(i64, &'static str, &'static str, Option<&'static str>);

const PICKED_UP: Step = Step(120, "PU", "Picked up from the sender", None);
const AT_HUB: Step = Step(360, "AR", "Arrived at the sorting hub", Some("Sofia hub"));
const LEFT_HUB: Step = Step(720, "DP", "Departed the sorting hub", Some("Sofia hub"));

impl Scenario {
    /// Every scenario.
    pub const ALL: [Scenario; 6] = [
        Scenario::Delivered,
        Scenario::FailedThenRedelivered,
        Scenario::Delayed,
        Scenario::CustomsHold,
        Scenario::PickupPoint,
        Scenario::ReturnedToSender,
    ];

    /// The magic tracking-number prefix.
    pub fn prefix(self) -> &'static str {
        match self {
            Scenario::Delivered => "TT-DELIVERED",
            Scenario::FailedThenRedelivered => "TT-REDELIVERED",
            Scenario::Delayed => "TT-DELAYED",
            Scenario::CustomsHold => "TT-CUSTOMS",
            Scenario::PickupPoint => "TT-PICKUP-POINT",
            Scenario::ReturnedToSender => "TT-RETURNED",
        }
    }

    /// The scenario of a magic tracking number (`TT-DELAYED` or `TT-DELAYED-000042`).
    pub fn of_tracking_number(number: &str) -> Option<Scenario> {
        Scenario::ALL
            .into_iter()
            .find(|s| number.strip_prefix(s.prefix()).is_some_and(|rest| rest.is_empty() || rest.starts_with('-')))
    }

    /// Minutes from the start until the parcel is picked up (it can be cancelled before).
    pub fn pickup_after_minutes(self) -> i64 {
        PICKED_UP.0
    }

    fn steps(self) -> Vec<Step> {
        let out = |at| Step(at, "OD", "Out for delivery", Some("Local depot"));
        let delivered = |at| Step(at, "DL", "Delivered", None);
        let start = vec![PICKED_UP, AT_HUB];
        let rest = match self {
            Scenario::Delivered => vec![LEFT_HUB, out(1440), delivered(1680)],
            Scenario::FailedThenRedelivered => {
                vec![LEFT_HUB, out(1440), Step(1680, "NH", "Recipient not at home", None), out(2880), delivered(3120)]
            }
            Scenario::Delayed => {
                vec![
                    Step(720, "WX", "Delayed by severe weather", Some("Sofia hub")),
                    Step(2160, "DP", LEFT_HUB.2, LEFT_HUB.3),
                    out(2880),
                    delivered(3120),
                ]
            }
            Scenario::CustomsHold => vec![
                Step(720, "CH", "Held by customs", Some("Sofia airport")),
                Step(1500, "Z9", "Documents requested", Some("Sofia airport")),
                Step(2160, "CR", "Released by customs", Some("Sofia airport")),
                out(2880),
                delivered(3120),
            ],
            Scenario::PickupPoint => vec![
                LEFT_HUB,
                Step(1440, "RP", "Ready for collection at the pickup point", Some("Locker 114")),
                Step(4320, "DL", "Collected by the recipient", Some("Locker 114")),
            ],
            Scenario::ReturnedToSender => vec![
                LEFT_HUB,
                out(1440),
                Step(1680, "AD", "Address incomplete", None),
                out(2880),
                Step(3120, "RF", "Refused by the recipient", None),
                Step(3240, "RS", "Returning to the sender", Some("Local depot")),
            ],
        };
        start.into_iter().chain(rest).collect()
    }

    /// The events that have happened by `now` for a journey that started at `started`; the delivery
    /// carries `cash` as collected on delivery.
    pub(crate) fn events(self, started: Timestamp, now: Timestamp, cash: Option<Money>) -> Vec<TrackingEvent> {
        self.steps()
            .into_iter()
            .map(|Step(minutes, code, text, location)| {
                let mut event = event(started + SignedDuration::from_mins(minutes), code, text);
                event.location = location.map(str::to_owned);
                if event.status == TrackingStatus::Delivered {
                    event.cash_collected = cash;
                }
                event
            })
            .filter(|event| event.at <= now)
            .collect()
    }
}

/// A tracking event for `code`, normalised.
pub(crate) fn event(at: Timestamp, code: &str, text: &str) -> TrackingEvent {
    let (status, incident) = normalise(code);
    TrackingEvent { incident, ..TrackingEvent::new(at, status, code, text) }
}

/// The normalised status and incident of one of the test carrier's codes; unknown codes are
/// `unknown` (the raw code stays on the event).
pub fn normalise(code: &str) -> (TrackingStatus, Option<IncidentReason>) {
    use TrackingStatus::*;
    match code {
        "IN" => (Pending, None),
        "PU" => (PickedUp, None),
        "AR" | "DP" | "CR" => (InTransit, None),
        "OD" => (OutForDelivery, None),
        "RP" => (ReadyForPickup, None),
        "DL" => (Delivered, None),
        "NH" => (DeliveryFailed, Some(IncidentReason::RecipientAbsent)),
        "AD" => (DeliveryFailed, Some(IncidentReason::AddressProblem)),
        "RF" => (DeliveryFailed, Some(IncidentReason::Refused)),
        "WX" => (Delayed, Some(IncidentReason::Weather)),
        "CH" => (OnHold, Some(IncidentReason::Customs)),
        "RS" => (ReturnToSender, None),
        "CX" => (Cancelled, None),
        _ => (Unknown, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> Timestamp {
        "2026-03-02T08:00:00Z".parse().unwrap()
    }

    fn statuses(scenario: Scenario) -> Vec<TrackingStatus> {
        let end = start() + SignedDuration::from_hours(24 * 7);
        scenario.events(start(), end, None).into_iter().map(|e| e.status).collect()
    }

    #[test]
    fn magic_numbers_name_their_scenario() {
        for scenario in Scenario::ALL {
            assert_eq!(Scenario::of_tracking_number(scenario.prefix()), Some(scenario));
            assert_eq!(Scenario::of_tracking_number(&format!("{}-000007", scenario.prefix())), Some(scenario));
        }
        assert_eq!(Scenario::of_tracking_number("TT-DELIVEREDX"), None);
        assert_eq!(Scenario::of_tracking_number("1Z999"), None);
    }

    #[test]
    fn every_journey_ends_delivered_or_returned_and_is_in_time_order() {
        use TrackingStatus::*;
        for scenario in Scenario::ALL {
            let events = scenario.events(start(), start() + SignedDuration::from_hours(200), None);
            assert!(events.windows(2).all(|w| w[0].at < w[1].at), "{scenario:?}");
            let last = events.last().unwrap().status;
            let expected = if scenario == Scenario::ReturnedToSender { ReturnToSender } else { Delivered };
            assert_eq!(last, expected, "{scenario:?}");
        }
        assert_eq!(
            statuses(Scenario::FailedThenRedelivered),
            [PickedUp, InTransit, InTransit, OutForDelivery, DeliveryFailed, OutForDelivery, Delivered]
        );
        assert_eq!(statuses(Scenario::CustomsHold)[2..4], [OnHold, Unknown]);
    }

    #[test]
    fn events_appear_as_time_passes_and_the_delivery_carries_the_cash() {
        let cash = Money::from_minor(4450, vitrina_core::money::Currency::EUR);
        let at = |hours| start() + SignedDuration::from_hours(hours);
        assert!(Scenario::Delivered.events(start(), at(1), None).is_empty());
        assert_eq!(Scenario::Delivered.events(start(), at(2), None).len(), 1);
        let all = Scenario::Delivered.events(start(), at(48), Some(cash));
        assert_eq!(all.last().unwrap().cash_collected, Some(cash));
        assert!(all[..all.len() - 1].iter().all(|e| e.cash_collected.is_none()));
    }

    #[test]
    fn codes_normalise_with_incidents_and_unknown_codes_stay_raw() {
        assert_eq!(normalise("NH"), (TrackingStatus::DeliveryFailed, Some(IncidentReason::RecipientAbsent)));
        assert_eq!(normalise("WX"), (TrackingStatus::Delayed, Some(IncidentReason::Weather)));
        let odd = event(start(), "Z9", "Documents requested");
        assert_eq!((odd.status, odd.raw_code.as_str()), (TrackingStatus::Unknown, "Z9"));
    }
}
