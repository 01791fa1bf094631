//! Node binding of Vitrina (npm package `vitrina`): `Catalog`, `Cart`, `PricingContext`, `Pricer` and
//! `priceJson`, newtypes over the core's types built with napi-rs. Every rule lives in `vitrina-core`,
//! none here; errors carry a stable `.code` (see `errors`).

mod cart;
mod catalog;
mod convert;
mod errors;
mod pricing;

/// The version of the native module (the crate's).
#[napi_derive::napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
