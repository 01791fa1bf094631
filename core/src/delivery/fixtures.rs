//! Test fixtures for delivery: Ana's address in Sofia, moved where a test needs it, and the shop's
//! warehouse; times and euro amounts as in the order fixtures.

use super::Address;

/// Ana's Sofia address moved to `country` / `postal` / `region`.
pub(crate) fn address(country: &str, postal: &str, region: Option<&str>) -> Address {
    Address {
        recipient: "Ana Petrova".into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: postal.into(),
        region: region.map(str::to_owned),
        country: country.into(),
    }
}

/// The shop's warehouse in Plovdiv.
pub(crate) fn warehouse() -> Address {
    Address { recipient: "Vitrina shop".into(), city: "Plovdiv".into(), ..address("BG", "4000", None) }
}

pub(crate) use crate::test_util::at;

/// `minor` euro cents.
pub(crate) use crate::test_util::eur;
