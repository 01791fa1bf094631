//! Checks shared by cart edits, merges and wish lists: the variant exists and is priced in the cart's
//! currency, quantities fit the per-line maximum and what the shelf can supply, free texts are
//! trimmed and bounded.

use super::CartError;
use crate::catalog::{Catalog, Variant};
use crate::money::Currency;

/// Most units one cart line may hold.
pub const MAX_LINE_QUANTITY: u32 = 9999;

/// Most characters in a note (on the cart, a line or a wish-list item).
pub const MAX_NOTE_CHARS: usize = 500;

/// Most characters in a gift-wrap message.
pub const MAX_GIFT_MESSAGE_CHARS: usize = 250;

/// The variant `variant_id`, which must have a base price in `currency`.
pub(super) fn priced_variant<'a>(
    catalog: &'a Catalog,
    currency: Currency,
    variant_id: &str,
    field: &str,
) -> Result<&'a Variant, CartError> {
    let variant = known_variant(catalog, variant_id, field)?;
    match variant.base_price(currency, 1) {
        Some(_) => Ok(variant),
        None => {
            Err(CartError::NoPriceInCurrency { field: field.to_owned(), variant_id: variant_id.to_owned(), currency })
        }
    }
}

/// The variant `variant_id` of the catalog.
pub(super) fn known_variant<'a>(catalog: &'a Catalog, variant_id: &str, field: &str) -> Result<&'a Variant, CartError> {
    catalog
        .variant(variant_id)
        .map(|(_, variant)| variant)
        .ok_or_else(|| CartError::UnknownVariant { field: field.to_owned(), variant_id: variant_id.to_owned() })
}

/// Refuses a quantity of 0.
pub(super) fn nonzero(quantity: u32, field: &str) -> Result<(), CartError> {
    if quantity == 0 {
        Err(CartError::ZeroQuantity { field: field.to_owned() })
    } else {
        Ok(())
    }
}

/// `quantity` as a line quantity, refused above [`MAX_LINE_QUANTITY`].
pub(super) fn within_line_maximum(quantity: u64, field: &str) -> Result<u32, CartError> {
    u32::try_from(quantity).ok().filter(|&q| q <= MAX_LINE_QUANTITY).ok_or_else(|| CartError::QuantityAboveMaximum {
        field: field.to_owned(),
        quantity,
        max: MAX_LINE_QUANTITY,
    })
}

/// Where a cart edit learns how many units of a variant can be ordered: the catalog's own stock
/// figures (a cart kept offline), or the shop's live stock.
pub trait Shelf {
    /// Units of `variant` that can be ordered in all; `None`: no limit.
    fn orderable(&self, variant: &Variant) -> Option<u64>;
}

impl Shelf for Catalog {
    fn orderable(&self, variant: &Variant) -> Option<u64> {
        variant.orderable_with(variant.stock.map(i64::from))
    }
}

/// Refuses a cart holding `total` units of `variant` when `shelf` cannot supply them.
pub(super) fn check_stock(shelf: &dyn Shelf, variant: &Variant, total: u64, field: &str) -> Result<(), CartError> {
    match shelf.orderable(variant) {
        Some(orderable) if total > orderable => Err(CartError::InsufficientStock {
            field: field.to_owned(),
            variant_id: variant.id.clone(),
            requested: total,
            on_hand: u32::try_from(orderable).unwrap_or(u32::MAX),
        }),
        _ => Ok(()),
    }
}

/// How many of `wanted` more units of `variant` can be ordered when the cart already holds `in_cart`.
pub(super) fn orderable_units(shelf: &dyn Shelf, variant: &Variant, in_cart: u64, wanted: u32) -> u32 {
    match shelf.orderable(variant) {
        None => wanted,
        Some(orderable) => u32::try_from(orderable.saturating_sub(in_cart)).unwrap_or(u32::MAX).min(wanted),
    }
}

/// A free text trimmed, with an empty text as `None`, refused beyond `max` characters.
pub(super) fn clean_text(text: Option<String>, max: usize, field: &str) -> Result<Option<String>, CartError> {
    let text = trimmed(text);
    if fits(text.as_deref(), max) {
        Ok(text)
    } else {
        Err(CartError::TooLong { field: field.to_owned(), max })
    }
}

/// A free text trimmed, with an empty text as `None`.
pub(super) fn trimmed(text: Option<String>) -> Option<String> {
    text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

/// Whether `text` has at most `max` characters.
pub(super) fn fits(text: Option<&str>, max: usize) -> bool {
    text.is_none_or(|t| t.chars().count() <= max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::fixtures::{catalog, variant};

    #[test]
    fn priced_variant_needs_a_price_in_the_currency() {
        let catalog = catalog();
        assert_eq!(priced_variant(&catalog, Currency::EUR, "mug", "f").unwrap().id, "mug");
        assert_eq!(
            priced_variant(&catalog, Currency::USD, "mug", "f").unwrap_err(),
            CartError::NoPriceInCurrency { field: "f".into(), variant_id: "mug".into(), currency: Currency::USD }
        );
    }

    #[test]
    fn unknown_variant_is_named() {
        assert_eq!(
            known_variant(&catalog(), "nope", "f").unwrap_err(),
            CartError::UnknownVariant { field: "f".into(), variant_id: "nope".into() }
        );
    }

    #[test]
    fn zero_is_refused() {
        assert!(nonzero(1, "q").is_ok());
        assert_eq!(nonzero(0, "q"), Err(CartError::ZeroQuantity { field: "q".into() }));
    }

    #[test]
    fn line_maximum_is_inclusive() {
        assert_eq!(within_line_maximum(u64::from(MAX_LINE_QUANTITY), "q"), Ok(MAX_LINE_QUANTITY));
        assert!(matches!(within_line_maximum(10_000, "q"), Err(CartError::QuantityAboveMaximum { max: 9999, .. })));
        assert!(within_line_maximum(u64::MAX, "q").is_err());
    }

    #[test]
    fn stock_counts_the_whole_cart() {
        let catalog = catalog();
        let tee = variant(&catalog, "tee-m");
        assert!(check_stock(&catalog, tee, 5, "q").is_ok());
        assert_eq!(
            check_stock(&catalog, tee, 6, "q"),
            Err(CartError::InsufficientStock {
                field: "q".into(),
                variant_id: "tee-m".into(),
                requested: 6,
                on_hand: 5
            })
        );
    }

    #[test]
    fn backorder_and_untracked_stock_have_no_limit() {
        let catalog = catalog();
        assert!(check_stock(&catalog, variant(&catalog, "tee-l"), 1000, "q").is_ok());
        assert!(check_stock(&catalog, variant(&catalog, "mug"), u64::MAX, "q").is_ok());
    }

    #[test]
    fn orderable_units_are_capped_at_what_is_left() {
        let catalog = catalog();
        let tee = variant(&catalog, "tee-m");
        assert_eq!(orderable_units(&catalog, tee, 0, 3), 3);
        assert_eq!(orderable_units(&catalog, tee, 3, 4), 2);
        assert_eq!(orderable_units(&catalog, tee, 7, 4), 0);
        assert_eq!(orderable_units(&catalog, variant(&catalog, "tee-l"), 7, 4), 4);
    }

    #[test]
    fn trimmed_drops_blank_text() {
        assert_eq!(trimmed(Some(" a b ".into())), Some("a b".into()));
        assert_eq!(trimmed(Some("\t\n".into())), None);
        assert_eq!(trimmed(None), None);
    }

    #[test]
    fn fits_counts_characters_not_bytes() {
        assert!(fits(Some("éé"), 2));
        assert!(!fits(Some("abc"), 2));
        assert!(fits(None, 0));
    }

    #[test]
    fn text_is_trimmed_and_bounded() {
        assert_eq!(clean_text(Some("  hi ".into()), 2, "n"), Ok(Some("hi".into())));
        assert_eq!(clean_text(Some("   ".into()), 2, "n"), Ok(None));
        assert_eq!(clean_text(None, 2, "n"), Ok(None));
        assert_eq!(clean_text(Some("ééé".into()), 2, "n"), Err(CartError::TooLong { field: "n".into(), max: 2 }));
        assert_eq!(clean_text(Some("éé".into()), 2, "n"), Ok(Some("éé".into())));
    }
}
