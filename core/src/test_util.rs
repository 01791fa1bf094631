//! Fixtures shared by the tests of core and, behind the `test-util` feature, of the adapters and
//! bindings: euro amounts, instants counted from one fixed origin, and Ana's address in Sofia.

use jiff::{SignedDuration, Timestamp};

use crate::delivery::Address;
use crate::money::{Currency, Money};

/// The instant the fixtures count from: 2026-03-01 10:00 UTC.
pub const ORIGIN: &str = "2026-03-01T10:00:00Z";

/// `minor` euro cents.
pub fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

/// `seconds` after [`ORIGIN`].
pub fn at(seconds: i64) -> Timestamp {
    origin() + SignedDuration::from_secs(seconds)
}

/// `days` whole days after [`ORIGIN`].
pub fn on_day(days: i64) -> Timestamp {
    origin() + SignedDuration::from_hours(24 * days)
}

fn origin() -> Timestamp {
    ORIGIN.parse().unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Ana Petrova's address, ul. Vitosha 1, Sofia 1000, Bulgaria.
pub fn sofia_address() -> Address {
    Address {
        recipient: "Ana Petrova".into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    }
}
