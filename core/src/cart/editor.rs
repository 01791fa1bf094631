//! A cart held open for a run of edits, with its lines indexed by variant so adding a line costs the
//! same in a cart of ten lines as in a cart of ten thousand.

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::check::{check_stock, nonzero, priced_variant, within_line_maximum};
use super::{Cart, CartError};
use crate::catalog::Catalog;

/// A cart opened by [`Cart::editor`] for a run of edits. While it lives it holds the cart mutably, so
/// its index of the lines cannot go stale; dropping it leaves the cart exactly as the same calls to
/// [`Cart::add_line`] would have.
#[derive(Debug)]
pub struct CartEditor<'c> {
    cart: &'c mut Cart,
    /// Per variant id: its first line without a note, and its units across all lines.
    by_variant: FxHashMap<String, VariantLines>,
}

#[derive(Debug, Clone, Copy, Default)]
struct VariantLines {
    mergeable: Option<usize>,
    units: u64,
}

impl<'c> CartEditor<'c> {
    pub(super) fn new(cart: &'c mut Cart) -> CartEditor<'c> {
        let mut by_variant: FxHashMap<String, VariantLines> = FxHashMap::default();
        by_variant.reserve(cart.lines.len());
        for (i, line) in cart.lines.iter().enumerate() {
            let entry = by_variant.entry(line.variant_id.clone()).or_default();
            entry.units += u64::from(line.quantity);
            if entry.mergeable.is_none() && line.note.is_none() {
                entry.mergeable = Some(i);
            }
        }
        CartEditor { cart, by_variant }
    }

    /// The cart as edited so far.
    pub fn cart(&self) -> &Cart {
        self.cart
    }

    /// [`Cart::add_line`], in constant time: the same checks, the same line taking the units, the
    /// same errors.
    pub fn add_line(
        &mut self,
        catalog: &Catalog,
        variant_id: &str,
        quantity: u32,
        seen_unit_price: Option<Decimal>,
    ) -> Result<String, CartError> {
        let variant = priced_variant(catalog, self.cart.currency, variant_id, "variant_id")?;
        nonzero(quantity, "quantity")?;
        let known = self.by_variant.get(variant_id).copied().unwrap_or_default();
        let on_line = known.mergeable.map_or(0, |i| self.cart.lines[i].quantity);
        within_line_maximum(u64::from(on_line) + u64::from(quantity), "quantity")?;
        check_stock(catalog, variant, known.units + u64::from(quantity), "quantity")?;
        let appended_at = self.cart.lines.len();
        let id = self.cart.place_units_at(known.mergeable, variant_id, quantity, seen_unit_price, None);
        let entry = match self.by_variant.get_mut(variant_id) {
            Some(entry) => entry,
            None => self.by_variant.entry(variant_id.to_owned()).or_default(),
        };
        entry.units += u64::from(quantity);
        entry.mergeable = entry.mergeable.or(Some(appended_at));
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::fixtures::catalog;
    use crate::money::Currency;

    #[test]
    fn editor_adds_exactly_as_add_line_does() {
        let catalog = catalog();
        let mut plain = Cart::new(Currency::EUR, None);
        plain.add_line(&catalog, "mug", 1, None).unwrap();
        let engraved = plain.lines[0].id.clone();
        plain.set_line_note(&engraved, Some("For Ana".into())).unwrap();
        let mut edited = plain.clone();
        let steps: [(&str, u32, Option<Decimal>); 6] = [
            ("tee-m", 2, Some(Decimal::new(20, 0))),
            ("mug", 2, None),
            ("tee-m", 1, None),
            ("nope", 1, None),
            ("mug", 0, None),
            ("mug", 1, Some(Decimal::new(9, 0))),
        ];
        let mut editor = edited.editor();
        for (variant, quantity, seen) in steps {
            let expected = plain.add_line(&catalog, variant, quantity, seen);
            let got = editor.add_line(&catalog, variant, quantity, seen);
            assert_eq!(got.is_ok(), expected.is_ok(), "{variant}");
            if let (Err(got), Err(expected)) = (&got, &expected) {
                assert_eq!(got, expected);
            }
        }
        assert_eq!(editor.cart().lines.len(), plain.lines.len());
        for (a, b) in edited.lines.iter().zip(&plain.lines) {
            assert_eq!(
                (&a.variant_id, a.quantity, a.unit_price_at_add, &a.note),
                (&b.variant_id, b.quantity, b.unit_price_at_add, &b.note)
            );
        }
    }

    #[test]
    fn editor_checks_stock_across_calls() {
        let catalog = catalog();
        let mut cart = Cart::new(Currency::EUR, None);
        let mut editor = cart.editor();
        // `tee-m` has 5 in stock.
        let line = editor.add_line(&catalog, "tee-m", 3, None).unwrap();
        assert!(matches!(editor.add_line(&catalog, "tee-m", 3, None), Err(CartError::InsufficientStock { .. })));
        assert_eq!(editor.add_line(&catalog, "tee-m", 2, None).unwrap(), line);
        assert_eq!(cart.lines.len(), 1);
        assert_eq!(cart.lines[0].quantity, 5);
    }
}
