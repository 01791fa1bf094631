//! Node binding of Vitrina (npm package `vitrina`): the whole `Shop` (see `shop`; `vitrina/shop` types
//! every use case), the built-in couriers and gateways, and, as newtypes over the core's types built with
//! napi-rs, catalog, cart, pricing, e-mail and the knowledge base; payment
//! gateways, couriers and mailers may be written in JavaScript (see `plugin`). Every rule lives in
//! `vitrina-core`, none here; errors carry a stable `.code` (see `errors`).

// Under `cfg(test)` napi registers nothing, so its exports look unused to rustc.
#![cfg_attr(test, allow(dead_code))]

mod built_in;
mod cart;
mod catalog;
mod convert;
mod courier;
mod errors;
mod gateway;
mod knowledge;
mod notify;
mod payment;
mod plugin;
mod pricing;
mod shop;
mod task;

/// The version of the native module (the crate's).
#[napi_derive::napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
