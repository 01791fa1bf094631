//! Vitrina, an embeddable commerce engine: catalog, carts, exact pricing and promotions, checkout,
//! orders, payments, shipping and after-sales, linked in-process. This crate is the facade.
//!
//! It re-exports the core (`vitrina::shop`, `vitrina::pricing`, ...) and, behind features, the
//! adapters: `sqlite` (on by default), `postgres`, `smtp`, `search`, `couriers`, `econt`, `stripe`. A
//! shop opens from a store URL:
//!
//! ```no_run
//! # async fn demo() -> Result<(), vitrina::shop::ShopError> {
//! use vitrina::shop::{Plugins, Shop};
//! use vitrina::OpenShop;
//!
//! let shop = Shop::open("sqlite:shop.db", Plugins::new()).await?; // or sqlite::memory:, postgres://…
//! let figures = shop.reports().sales(shop.now() - jiff::SignedDuration::from_hours(24), shop.now()).await?;
//! # Ok(()) }
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod open;

pub use open::{open_store, OpenShop};
pub use vitrina_core::*;

/// The embedded SQLite store (feature `sqlite`, on by default).
#[cfg(feature = "sqlite")]
pub use vitrina_store_sqlite as sqlite;

/// The PostgreSQL store, for many app instances on one database (feature `postgres`).
#[cfg(feature = "postgres")]
pub use vitrina_store_postgres as postgres;

/// The SMTP mailer (feature `smtp`).
#[cfg(feature = "smtp")]
pub use vitrina_mailer_smtp as smtp;

/// Full-text search of the catalog and knowledge base with tantivy (feature `search`).
#[cfg(feature = "search")]
pub use vitrina_search_tantivy as search;

/// The Stripe payment gateway (feature `stripe`).
#[cfg(feature = "stripe")]
pub use vitrina_payments_stripe as stripe;

/// The shop's own delivery fleet and the test courier (feature `couriers`).
#[cfg(feature = "couriers")]
pub mod couriers {
    pub use vitrina_couriers_own_fleet as own_fleet;
    pub use vitrina_couriers_test as test;
}

/// The Econt Express courier over its JSON API (feature `econt`).
#[cfg(feature = "econt")]
pub use vitrina_couriers_econt as econt;
