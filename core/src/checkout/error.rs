//! Why a checkout step was refused; a refused step leaves the session as it was.

use rust_decimal::Decimal;
use thiserror::Error;

use super::{ChangedLine, CheckoutStep};
use crate::order::OrderError;
use crate::pricing::{PricedCart, PricingError};

/// Why a checkout step was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CheckoutError {
    /// A field the shopper filled in is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// Path of the field (`contact.email`, `address.city`).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// An empty cart cannot be checked out.
    #[error("cart {cart_id}: is empty")]
    EmptyCart {
        /// The cart.
        cart_id: String,
    },
    /// The step is not possible where the checkout stands (placing before delivery is chosen, editing a
    /// placed checkout).
    #[error("checkout {session_id}: cannot {action} at step {step:?}")]
    WrongStep {
        /// The session.
        session_id: String,
        /// Where it stands.
        step: CheckoutStep,
        /// What was attempted.
        action: &'static str,
    },
    /// A cart or priced cart that is not the one this checkout is for.
    #[error("{field}: expected {expected:?}, got {found:?}")]
    CartMismatch {
        /// What was compared.
        field: &'static str,
        /// The id expected.
        expected: String,
        /// The id given.
        found: String,
    },
    /// Prices changed since the shopper confirmed them: show `current` and place again with it once
    /// the shopper confirms.
    #[error("prices changed since confirmation: {} line(s), total {confirmed_total} -> {current_total}", changed.len())]
    PricesChanged {
        /// The lines whose unit price changed (or that appeared or disappeared).
        changed: Vec<ChangedLine>,
        /// The grand total the shopper confirmed.
        confirmed_total: Decimal,
        /// The grand total now.
        current_total: Decimal,
        /// The cart as priced now, to show and confirm.
        current: Box<PricedCart>,
    },
    /// The cart could not be priced.
    #[error(transparent)]
    Pricing(#[from] PricingError),
    /// The order could not be built.
    #[error(transparent)]
    Order(#[from] OrderError),
}

impl CheckoutError {
    /// An [`CheckoutError::InvalidField`] for `field`.
    pub(crate) fn invalid(field: &str, reason: &str) -> CheckoutError {
        CheckoutError::InvalidField { field: field.to_owned(), reason: reason.to_owned() }
    }
}

crate::error_code!(CheckoutError, "checkout", {
    CheckoutError::InvalidField { field, .. } => "invalid_field" @ &**field,
    CheckoutError::EmptyCart { .. } => "empty_cart" @ "cart",
    CheckoutError::WrongStep { .. } => "wrong_step" @ "step",
    CheckoutError::CartMismatch { field, .. } => "cart_mismatch" @ &**field,
    CheckoutError::PricesChanged { .. } => "prices_changed",
}, wraps {
    CheckoutError::Pricing(inner) => inner,
    CheckoutError::Order(inner) => inner,
});
