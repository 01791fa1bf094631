//! A [`Courier`](vitrina_core::shipping::Courier) for the shop's own drivers: it delivers to its
//! zones at a price per zone, in time slots with a capacity, and learns what happened from the
//! drivers' updates (picked up, out for delivery, delivered with the cash collected, failed).
//!
//! Rates offer the next free slots after the parcel is ready (service `slot:<id>`); creating a
//! shipment books a place in its slot and cancelling gives it back. Drivers report through
//! [`OwnFleetCourier::driver_update`]; a cash-on-delivery parcel is only delivered against the exact
//! amount, which goes on the driver's cash sheet until handed in ([`OwnFleetCourier::hand_in_cash`]).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod config;
mod courier;
mod driver;

pub use config::{FleetZone, OwnFleetConfig, OWN_FLEET};
pub use courier::OwnFleetCourier;
pub use driver::{CashReceipt, DriverUpdate};
