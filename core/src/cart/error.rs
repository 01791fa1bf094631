//! Errors of cart and wish-list edits; each names the field at fault (`lines[<id>].quantity`,
//! `coupons`, `variant_id`), and a failed edit leaves the cart or list as it was.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::money::Currency;

/// Why an edit of a cart was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CartError {
    /// The catalog has no variant with this id.
    #[error("{field}: unknown variant {variant_id:?}")]
    UnknownVariant {
        /// Path of the variant id.
        field: String,
        /// The id given.
        variant_id: String,
    },
    /// A quantity must be at least 1 (remove the line instead).
    #[error("{field}: quantity must be at least 1")]
    ZeroQuantity {
        /// Path of the quantity.
        field: String,
    },
    /// A line may hold at most [`MAX_LINE_QUANTITY`](super::MAX_LINE_QUANTITY) units.
    #[error("{field}: {quantity} units is above the maximum of {max} per line")]
    QuantityAboveMaximum {
        /// Path of the quantity.
        field: String,
        /// The quantity the line would have.
        quantity: u64,
        /// The maximum per line.
        max: u32,
    },
    /// The cart would hold more units of the variant than are in stock, and it cannot be backordered.
    #[error("{field}: {requested} units of variant {variant_id:?} wanted in the cart, {on_hand} in stock")]
    InsufficientStock {
        /// Path of the quantity.
        field: String,
        /// The variant.
        variant_id: String,
        /// Units of the variant the whole cart would hold.
        requested: u64,
        /// Units on hand.
        on_hand: u32,
    },
    /// The variant has no base price in the cart's currency, so it cannot be priced.
    #[error("{field}: variant {variant_id:?} has no price in {currency}")]
    NoPriceInCurrency {
        /// Path of the variant id.
        field: String,
        /// The variant.
        variant_id: String,
        /// The cart's currency.
        currency: Currency,
    },
    /// The cart has no line with this id.
    #[error("{field}: no line {line_id:?} in the cart")]
    UnknownLine {
        /// Path of the line id.
        field: String,
        /// The id given.
        line_id: String,
    },
    /// A coupon code is empty, too long or has characters other than `A-Z`, `0-9`, `-` and `_`.
    #[error("{field}: coupon code {code:?} {reason}")]
    InvalidCoupon {
        /// Path of the code.
        field: String,
        /// The code as given.
        code: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The coupon code is already in the cart.
    #[error("{field}: coupon {code:?} is already applied")]
    DuplicateCoupon {
        /// Path of the code.
        field: String,
        /// The normalised code.
        code: String,
    },
    /// The cart already carries the most coupon codes a cart may ([`MAX_COUPONS`](super::MAX_COUPONS)).
    #[error("{field}: a cart carries at most {max} coupon codes")]
    TooManyCoupons {
        /// Path of the codes.
        field: String,
        /// The maximum.
        max: usize,
    },
    /// The coupon code to remove is not in the cart.
    #[error("{field}: coupon {code:?} is not applied")]
    CouponNotApplied {
        /// Path of the code.
        field: String,
        /// The normalised code.
        code: String,
    },
    /// A free text (note, gift message) is longer than allowed.
    #[error("{field}: longer than {max} characters")]
    TooLong {
        /// Path of the text.
        field: String,
        /// Maximum number of characters.
        max: usize,
    },
}

/// Why an edit of a wish list was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WishListError {
    /// The catalog has no variant with this id.
    #[error("{field}: unknown variant {variant_id:?}")]
    UnknownVariant {
        /// Path of the variant id.
        field: String,
        /// The id given.
        variant_id: String,
    },
    /// The variant is already on the list.
    #[error("{field}: variant {variant_id:?} is already on the list")]
    AlreadyListed {
        /// Path of the variant id.
        field: String,
        /// The variant.
        variant_id: String,
    },
    /// The variant is not on the list.
    #[error("{field}: variant {variant_id:?} is not on the list")]
    NotListed {
        /// Path of the variant id.
        field: String,
        /// The variant.
        variant_id: String,
    },
    /// A list needs a name.
    #[error("{field}: must not be empty")]
    EmptyName {
        /// Path of the name.
        field: String,
    },
    /// A free text (name, note) is longer than allowed.
    #[error("{field}: longer than {max} characters")]
    TooLong {
        /// Path of the text.
        field: String,
        /// Maximum number of characters.
        max: usize,
    },
    /// Moving an item to the cart failed; the item stays on the list.
    #[error(transparent)]
    Cart(#[from] CartError),
}

crate::error_code!(CartError, "cart", {
    CartError::UnknownVariant { field, .. } => "unknown_variant" @ &**field,
    CartError::ZeroQuantity { field, .. } => "zero_quantity" @ &**field,
    CartError::QuantityAboveMaximum { field, .. } => "quantity_above_maximum" @ &**field,
    CartError::InsufficientStock { field, .. } => "insufficient_stock" @ &**field,
    CartError::NoPriceInCurrency { field, .. } => "no_price_in_currency" @ &**field,
    CartError::UnknownLine { field, .. } => "unknown_line" @ &**field,
    CartError::InvalidCoupon { field, .. } => "invalid_coupon" @ &**field,
    CartError::DuplicateCoupon { field, .. } => "duplicate_coupon" @ &**field,
    CartError::TooManyCoupons { field, .. } => "too_many_coupons" @ &**field,
    CartError::CouponNotApplied { field, .. } => "coupon_not_applied" @ &**field,
    CartError::TooLong { field, .. } => "too_long" @ &**field,
});

crate::error_code!(WishListError, "cart", {
    WishListError::UnknownVariant { field, .. } => "unknown_variant" @ &**field,
    WishListError::AlreadyListed { field, .. } => "already_listed" @ &**field,
    WishListError::NotListed { field, .. } => "not_listed" @ &**field,
    WishListError::EmptyName { field, .. } => "empty_name" @ &**field,
    WishListError::TooLong { field, .. } => "too_long" @ &**field,
}, wraps {
    WishListError::Cart(inner) => inner,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_the_field() {
        let err = CartError::ZeroQuantity { field: "lines[a].quantity".into() };
        assert_eq!(err.to_string(), "lines[a].quantity: quantity must be at least 1");
    }

    #[test]
    fn serialises_with_a_stable_kind() {
        let err = CartError::TooLong { field: "note".into(), max: 5 };
        let json = serde_json::to_value(&err).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "too_long", "field": "note", "max": 5}));
        assert_eq!(serde_json::from_value::<CartError>(json).unwrap(), err);
    }
}
