//! A test [`Courier`](vitrina_core::shipping::Courier) for development and CI: rates, labels,
//! pickups and address checks without a carrier, and magic tracking numbers whose events unfold as
//! its clock is advanced.
//!
//! Each [`Scenario`] has a tracking-number prefix (`TT-DELIVERED`, `TT-REDELIVERED`, `TT-DELAYED`,
//! `TT-CUSTOMS`, `TT-PICKUP-POINT`, `TT-RETURNED`). A created shipment gets the next queued scenario
//! ([`TestCourier::queue_scenario`], else `delivered`) and a number such as `TT-DELAYED-000001`;
//! any number with a magic prefix can also be tracked without creating it, its events starting when
//! it is first seen. Postal code `00000` is undeliverable and codes starting `99` are remote (a
//! warning, not an error).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod courier;
mod scenario;

pub use courier::{TestCourier, TestPrices, TEST_COURIER};
pub use scenario::{normalise, Scenario};
