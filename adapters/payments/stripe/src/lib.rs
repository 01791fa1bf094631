//! Stripe for Vitrina: a [`PaymentGateway`](vitrina_core::payment::PaymentGateway) over Stripe's
//! PaymentIntents API, and verification of Stripe-signed webhooks.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use vitrina_payments_stripe::{StripeConfig, StripeGateway};
//! let gateway = StripeGateway::new(StripeConfig::from_env()?)?;
//! # Ok(()) }
//! ```
//!
//! **Wire format.** Requests are form-encoded (`metadata[order_reference]=...`, `expand[]=...`),
//! authenticated with `Authorization: Bearer <secret key>`, and pin `Stripe-Version` to
//! [`API_VERSION`]. Every POST carries an `Idempotency-Key` derived from the request's key
//! ([`header_key`]), the same on every retry, so a repeat is answered with the first result and the
//! same key with other parameters is refused (`idempotency_error`, mapped to
//! [`IdempotencyError::KeyReused`](vitrina_core::payment::IdempotencyError::KeyReused)).
//!
//! **Retries.** Network errors, timeouts, HTTP 429 and 5xx are retried up to
//! [`StripeConfig::max_retries`] times with doubling backoff (Stripe's `Stripe-Should-Retry` header
//! overrides the guess either way); other 4xx answers are never retried.
//!
//! **Amounts** are [`Money`](vitrina_core::money::Money) converted to Stripe's integer minor units
//! ([`to_stripe`], [`from_stripe`]): zero-decimal currencies (JPY), three-decimal ones (KWD, in steps
//! of 10) and Stripe's special cases (ISK with two zero decimals, MGA without decimals).
//!
//! **Errors.** Card declines are results with status `failed` and a
//! [`GatewayErrorCode`](vitrina_core::payment::GatewayErrorCode) from Stripe's `decline_code` or
//! `code`; unknown ids are `UnknownReference`; 5xx, 429 and transport failures after the retries are
//! `Unavailable` (outcome unknown: retry with the same key, or sync); other 4xx are `InvalidRequest`
//! naming Stripe's `param`.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod amount;
mod client;
mod config;
mod gateway;
mod mapping;
mod webhook;
mod wire;

pub use amount::{from_stripe, stripe_decimals, to_stripe};
pub use client::API_VERSION;
pub use config::{StripeConfig, StripeConfigError, DEFAULT_BASE_URL, ENV_API_KEY, ENV_WEBHOOK_SECRET};
pub use gateway::{header_key, StripeGateway, ORDER_REFERENCE_KEY};
pub use webhook::{HANDLED_EVENTS, SIGNATURE_HEADER};
