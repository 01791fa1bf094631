//! Vitrina's core: exact money, the catalog, carts and the pricing engine, and the domain services
//! built on them. Pure Rust: no FFI and no I/O; plug-ins at the edge implement its traits.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod customer;
pub mod delivery;
pub mod erasure;
pub mod error;
pub mod event;
pub(crate) mod id;
pub mod inventory;
pub mod knowledge;
pub mod money;
pub mod notify;
pub mod order;
pub mod payment;
pub mod pricing;
pub mod promotion;
pub mod redact;
pub mod reports;
pub mod returns;
pub mod review;
pub mod shipping;
pub mod shop;
pub mod store;
mod store_error_code;
pub mod support;
pub mod tax;
#[cfg(any(test, feature = "test-util"))]
pub mod test_util;
