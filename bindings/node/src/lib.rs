//! Node binding of Vitrina (npm package `vitrina`): `Catalog`, `Cart`, `PricingContext`, `Pricer`,
//! `priceJson`, `CheckoutSession`, `Order`, `Payment`, `PaymentProcessor` and `TestGateway`: newtypes
//! over the core's types built with napi-rs. Every rule lives in `vitrina-core`, none here; errors carry a stable `.code` (see `errors`).

// Under `cfg(test)` napi registers nothing, so its exports look unused to rustc.
#![cfg_attr(test, allow(dead_code))]

mod cart;
mod catalog;
mod checkout;
mod convert;
mod errors;
mod gateway;
mod order;
mod payment;
mod pricing;

/// The version of the native module (the crate's).
#[napi_derive::napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
