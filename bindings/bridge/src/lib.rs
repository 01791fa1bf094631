//! The bindings' one door into the core: every use case of [`Shop`] by its manifest name
//! (`carts.add_line`), called with a JSON object of named arguments and answering JSON.
//!
//! [`call`] runs a use case; [`describe`] gives each use case's parameters and result as JSON
//! Schemas (`api.json`), from which every binding generates its typed methods and data shapes.
//! A failure is a [`CallError`] carrying the core's own `code`, `field` and `domain`, so one failure
//! has one code in every language. Nothing here holds a rule: each arm only decodes, calls and encodes.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod built_in;
mod call_error;
mod opened;
mod use_cases;

pub use built_in::{driver_update, econt_courier, own_fleet_courier, stripe_gateway, test_courier, test_gateway};
pub use call_error::CallError;
pub use opened::OpenedShop;
pub use use_cases::{call, describe, EXCLUDED};
pub use vitrina_core::shop::{Plugins, Shop};
