//! Why a cart could not be priced: bad input named by its field, never a panic or a silent zero.

use thiserror::Error;

use crate::catalog::CatalogError;
use crate::delivery::PackagingKind;
use crate::money::MoneyError;

/// Why pricing failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PricingError {
    /// The cart's currency is not the context's.
    #[error("cart.currency: cart is in {cart} but pricing was asked in {context}")]
    CurrencyMismatch {
        /// The cart's currency code.
        cart: &'static str,
        /// The context's currency code.
        context: &'static str,
    },
    /// A line names a variant the catalog does not have.
    #[error("{field}: unknown variant {variant_id:?}")]
    UnknownVariant {
        /// Path of the line's variant id.
        field: String,
        /// The id.
        variant_id: String,
    },
    /// A variant has no price in the cart's currency.
    #[error("{field}: variant {variant_id:?} has no price in {currency}")]
    NoPrice {
        /// Path of the line.
        field: String,
        /// The variant.
        variant_id: String,
        /// The currency code.
        currency: &'static str,
    },
    /// A line has quantity zero.
    #[error("{field}: quantity must be at least 1")]
    ZeroQuantity {
        /// Path of the quantity.
        field: String,
    },
    /// A line holds more units than a cart line may ([`MAX_LINE_QUANTITY`](crate::cart::MAX_LINE_QUANTITY)).
    #[error("{field}: {quantity} units is above the maximum of {max} per line")]
    QuantityAboveMaximum {
        /// Path of the quantity.
        field: String,
        /// The quantity given.
        quantity: u32,
        /// The maximum per line.
        max: u32,
    },
    /// Two lines of the cart have the same id.
    #[error("{field}: duplicate line id {line_id:?}")]
    DuplicateLineId {
        /// Path of the second line's id.
        field: String,
        /// The id.
        line_id: String,
    },
    /// The cart carries more coupon codes than a cart may ([`MAX_COUPONS`](crate::cart::MAX_COUPONS)).
    #[error("cart.coupons: {count} coupon codes, at most {max} are accepted")]
    TooManyCoupons {
        /// Codes in the cart.
        count: usize,
        /// The maximum.
        max: usize,
    },
    /// The chosen shipping method does not exist.
    #[error("context.shipping_method_id: unknown shipping method {0:?}")]
    UnknownShippingMethod(String),
    /// The chosen shipping method cannot deliver this cart.
    #[error("context.shipping_method_id: method {method_id:?} is not available: {reason}")]
    ShippingUnavailable {
        /// The method.
        method_id: String,
        /// Why (region, weight, currency).
        reason: String,
    },
    /// The cart asks for packaging the rules do not offer in its currency.
    #[error("{field}: no {kind} packaging is offered in {currency}")]
    PackagingUnavailable {
        /// The cart's choice: `cart.gift_wrap` or `cart.discreet_packaging`.
        field: String,
        /// The packaging asked for.
        kind: PackagingKind,
        /// The cart's currency code.
        currency: &'static str,
    },
    /// The input could not be read (malformed JSON, a missing or mistyped field).
    #[error("{field}: {reason}")]
    InvalidInput {
        /// What was being read.
        field: String,
        /// What is wrong, as the parser says it.
        reason: String,
    },
    /// A promotion, tax rule or shipping method is malformed.
    #[error("{field}: {reason}")]
    InvalidRule {
        /// Path of the value.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// The catalog is malformed.
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    /// An amount is not valid money.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// An amount exceeds the engine's range.
    #[error("{0}: amount out of range")]
    Overflow(String),
}

crate::error_code!(PricingError, "pricing", {
    PricingError::CurrencyMismatch { .. } => "currency_mismatch" @ "cart.currency",
    PricingError::UnknownVariant { field, .. } => "unknown_variant" @ &**field,
    PricingError::NoPrice { field, .. } => "no_price" @ &**field,
    PricingError::ZeroQuantity { field, .. } => "zero_quantity" @ &**field,
    PricingError::QuantityAboveMaximum { field, .. } => "quantity_above_maximum" @ &**field,
    PricingError::DuplicateLineId { field, .. } => "duplicate_line_id" @ &**field,
    PricingError::TooManyCoupons { .. } => "too_many_coupons" @ "cart.coupons",
    PricingError::UnknownShippingMethod(..) => "unknown_shipping_method" @ "context.shipping_method_id",
    PricingError::ShippingUnavailable { .. } => "shipping_unavailable" @ "context.shipping_method_id",
    PricingError::PackagingUnavailable { field, .. } => "packaging_unavailable" @ &**field,
    PricingError::InvalidInput { field, .. } => "invalid_input" @ &**field,
    PricingError::InvalidRule { field, .. } => "invalid_rule" @ &**field,
    PricingError::Overflow(f) => "overflow" @ &**f,
}, wraps {
    PricingError::Catalog(inner) => inner,
    PricingError::Money(inner) => inner,
});
