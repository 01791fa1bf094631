//! Fixtures shared by the tests of core and, behind the `test-util` feature, of the adapters and
//! bindings: euro amounts and instants counted from one fixed origin. It uses only `money`, the
//! bottom layer, so any module's tests may use it.

use jiff::{SignedDuration, Timestamp};

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
