//! Two-step checkout: contact details first (recorded at once, for abandoned-checkout follow-up), then
//! delivery address, shipping and payment method; placing the order enforces the price lock.

mod abandoned;
mod address;
mod contact;
mod delivery;
mod error;
mod place;
mod price_lock;
mod session;

pub use abandoned::{abandoned_checkouts, AbandonedCheckout};
pub use error::CheckoutError;
pub use price_lock::{check_price_lock, ChangedLine};
pub use session::{CheckoutSession, CheckoutStep};
