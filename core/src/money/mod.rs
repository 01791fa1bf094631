//! Exact money: ISO 4217 currencies with their minor units, `Money` on `rust_decimal`, named rounding
//! policies and largest-remainder allocation, so every split of an amount sums back to the cent.

mod allocate;
mod amount;
mod currency;
mod error;
mod rounding;
#[cfg(feature = "schema")]
mod schema;
mod wide;

pub use allocate::{allocate_minor, allocate_minor_into};
pub use amount::Money;
pub use currency::Currency;
pub use error::MoneyError;
pub use rounding::{div_round, RoundingPolicy};
pub use wide::mul_div_round;
