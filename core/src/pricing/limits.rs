//! The limits a cart keeps to be priced, the same whichever entry point it comes through (the cart
//! API, `Pricer::price`, `price_json`): distinct line ids, few coupon codes, bounded line quantities.

use rustc_hash::FxHashSet;

use super::PricingError;
use crate::cart::{Cart, CartLine, MAX_COUPONS, MAX_LINE_QUANTITY};

/// Up to this many lines, duplicate ids are found by comparing pairs (no allocation); above, by a set.
const PAIRWISE_LINES: usize = 16;

/// Refuses a cart with more than [`MAX_COUPONS`] codes or two lines with the same id.
pub(super) fn check_cart(cart: &Cart) -> Result<(), PricingError> {
    if cart.coupons.len() > MAX_COUPONS {
        return Err(PricingError::TooManyCoupons { count: cart.coupons.len(), max: MAX_COUPONS });
    }
    match first_duplicate(&cart.lines) {
        Some(i) => Err(PricingError::DuplicateLineId {
            field: format!("cart.lines[{i}].id"),
            line_id: cart.lines[i].id.to_string(),
        }),
        None => Ok(()),
    }
}

/// The position of the first line whose id an earlier line already has.
fn first_duplicate(lines: &[CartLine]) -> Option<usize> {
    if lines.len() <= PAIRWISE_LINES {
        return (1..lines.len()).find(|&i| lines[..i].iter().any(|earlier| earlier.id == lines[i].id));
    }
    let mut seen = FxHashSet::with_capacity_and_hasher(lines.len(), Default::default());
    lines.iter().position(|line| !seen.insert(&*line.id))
}

/// Refuses a line quantity of 0 or above [`MAX_LINE_QUANTITY`], naming the line's quantity.
pub(super) fn check_quantity(quantity: u32, i: usize) -> Result<(), PricingError> {
    if quantity == 0 {
        return Err(PricingError::ZeroQuantity { field: format!("cart.lines[{i}].quantity") });
    }
    if quantity > MAX_LINE_QUANTITY {
        return Err(PricingError::QuantityAboveMaximum {
            field: format!("cart.lines[{i}].quantity"),
            quantity,
            max: MAX_LINE_QUANTITY,
        });
    }
    Ok(())
}
