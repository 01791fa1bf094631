//! Vitrina, an embeddable commerce engine: catalog, carts, exact pricing and promotions, checkout,
//! orders, payments, shipping and after-sales, linked in-process. This crate is the facade.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use vitrina_core::*;
