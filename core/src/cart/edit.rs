//! Creating a cart and editing its lines: add a variant (merging into a matching line), change a
//! quantity, remove a line, annotate a line. Every edit is checked in full before the cart changes.

use std::sync::Arc;

use rust_decimal::Decimal;
use uuid::Uuid;

use super::check::{check_stock, clean_text, nonzero, priced_variant, within_line_maximum, Shelf, MAX_NOTE_CHARS};
use super::{Cart, CartEditor, CartError, CartLine};
use crate::catalog::Catalog;
use crate::money::Currency;

impl Cart {
    /// An empty cart in `currency` with a new UUIDv7 id; `customer_id` is `None` for a guest.
    pub fn new(currency: Currency, customer_id: Option<String>) -> Cart {
        Cart {
            id: Uuid::now_v7().to_string(),
            currency,
            customer_id,
            lines: Vec::new(),
            coupons: Vec::new(),
            gift_wrap: None,
            discreet_packaging: false,
            note: None,
        }
    }

    /// The line with id `line_id`.
    pub fn line(&self, line_id: &str) -> Option<&CartLine> {
        self.lines.iter().find(|l| *l.id == *line_id)
    }

    /// Units of `variant_id` across all lines of the cart.
    pub fn quantity_of(&self, variant_id: &str) -> u64 {
        self.lines.iter().filter(|l| l.variant_id == variant_id).map(|l| u64::from(l.quantity)).sum()
    }

    /// Adds `quantity` units of `variant_id` and returns the id of the line holding them.
    ///
    /// The units join the first line of that variant without a note (its seen price becomes
    /// `seen_unit_price` when one is given); otherwise a new line is appended. Refused when the variant
    /// is unknown or has no price in the cart's currency, the quantity is 0, the line would exceed
    /// [`MAX_LINE_QUANTITY`](super::MAX_LINE_QUANTITY), or the cart would hold more units of the
    /// variant than can be ordered.
    pub fn add_line(
        &mut self,
        catalog: &Catalog,
        variant_id: &str,
        quantity: u32,
        seen_unit_price: Option<Decimal>,
    ) -> Result<String, CartError> {
        self.add_line_from(catalog, catalog, variant_id, quantity, seen_unit_price)
    }

    /// [`Cart::add_line`] with the units that can be ordered taken from `shelf` (the shop's live
    /// stock) rather than from the catalog's own figures.
    pub fn add_line_from(
        &mut self,
        catalog: &Catalog,
        shelf: &dyn Shelf,
        variant_id: &str,
        quantity: u32,
        seen_unit_price: Option<Decimal>,
    ) -> Result<String, CartError> {
        let variant = priced_variant(catalog, self.currency, variant_id, "variant_id")?;
        nonzero(quantity, "quantity")?;
        let (mergeable, in_cart) = self.variant_units(variant_id);
        let on_line = mergeable.map_or(0, |i| self.lines[i].quantity);
        within_line_maximum(u64::from(on_line) + u64::from(quantity), "quantity")?;
        check_stock(shelf, variant, in_cart + u64::from(quantity), "quantity")?;
        Ok(self.place_units_at(mergeable, variant_id, quantity, seen_unit_price, None))
    }

    /// Opens the cart for a run of edits: [`CartEditor::add_line`] then takes constant time per call
    /// whatever the size of the cart (indexing the lines once costs one pass over them).
    pub fn editor(&mut self) -> CartEditor<'_> {
        CartEditor::new(self)
    }

    /// Sets the quantity of line `line_id`. A decrease is always accepted (the shopper moves towards
    /// what is in stock); an increase is checked like [`Cart::add_line`].
    pub fn update_quantity(&mut self, catalog: &Catalog, line_id: &str, quantity: u32) -> Result<(), CartError> {
        self.update_quantity_from(catalog, catalog, line_id, quantity)
    }

    /// [`Cart::update_quantity`] with the units that can be ordered taken from `shelf`.
    pub fn update_quantity_from(
        &mut self,
        catalog: &Catalog,
        shelf: &dyn Shelf,
        line_id: &str,
        quantity: u32,
    ) -> Result<(), CartError> {
        let field = format!("lines[{line_id}].quantity");
        let at = self.line_index(line_id)?;
        nonzero(quantity, &field)?;
        let line = &self.lines[at];
        if quantity > line.quantity {
            let variant =
                priced_variant(catalog, self.currency, &line.variant_id, &format!("lines[{line_id}].variant_id"))?;
            within_line_maximum(u64::from(quantity), &field)?;
            let others = self.quantity_of(&line.variant_id) - u64::from(line.quantity);
            check_stock(shelf, variant, others + u64::from(quantity), &field)?;
        }
        self.lines[at].quantity = quantity;
        Ok(())
    }

    /// Removes line `line_id` and returns it.
    pub fn remove_line(&mut self, line_id: &str) -> Result<CartLine, CartError> {
        let at = self.line_index(line_id)?;
        Ok(self.lines.remove(at))
    }

    /// Sets (or with `None` or blank text, clears) the note of line `line_id`, trimmed, at most
    /// [`MAX_NOTE_CHARS`] characters. A line with a note no longer takes further units of its variant.
    pub fn set_line_note(&mut self, line_id: &str, note: Option<String>) -> Result<(), CartError> {
        let at = self.line_index(line_id)?;
        self.lines[at].note = clean_text(note, MAX_NOTE_CHARS, &format!("lines[{line_id}].note"))?;
        Ok(())
    }

    /// Puts checked units on the first note-less line of the variant (or on a new line when `note` is
    /// given or there is none) and returns that line's id.
    pub(super) fn place_units(
        &mut self,
        variant_id: &str,
        quantity: u32,
        seen_unit_price: Option<Decimal>,
        note: Option<String>,
    ) -> String {
        self.place_units_at(self.mergeable_line(variant_id), variant_id, quantity, seen_unit_price, note)
    }

    /// Like [`Cart::place_units`], given the position of the variant's first note-less line.
    pub(super) fn place_units_at(
        &mut self,
        mergeable: Option<usize>,
        variant_id: &str,
        quantity: u32,
        seen_unit_price: Option<Decimal>,
        note: Option<String>,
    ) -> String {
        match mergeable.filter(|_| note.is_none()) {
            Some(at) => {
                let line = &mut self.lines[at];
                line.quantity += quantity;
                line.unit_price_at_add = seen_unit_price.or(line.unit_price_at_add);
                line.id.to_string()
            }
            None => {
                let mut text = Uuid::encode_buffer();
                let id: &str = Uuid::now_v7().hyphenated().encode_lower(&mut text);
                let line = CartLine {
                    id: Arc::from(id),
                    variant_id: variant_id.to_owned(),
                    quantity,
                    unit_price_at_add: seen_unit_price,
                    note,
                };
                self.lines.push(line);
                id.to_owned()
            }
        }
    }

    /// In one pass: the index of the first line of `variant_id` without a note, and the units of
    /// `variant_id` across all lines.
    fn variant_units(&self, variant_id: &str) -> (Option<usize>, u64) {
        let mut mergeable = None;
        let mut units = 0u64;
        for (i, line) in self.lines.iter().enumerate() {
            if line.variant_id == variant_id {
                units += u64::from(line.quantity);
                if mergeable.is_none() && line.note.is_none() {
                    mergeable = Some(i);
                }
            }
        }
        (mergeable, units)
    }

    /// Index of the first line of `variant_id` without a note.
    pub(super) fn mergeable_line(&self, variant_id: &str) -> Option<usize> {
        self.lines.iter().position(|l| l.variant_id == variant_id && l.note.is_none())
    }

    fn line_index(&self, line_id: &str) -> Result<usize, CartError> {
        self.lines
            .iter()
            .position(|l| *l.id == *line_id)
            .ok_or_else(|| CartError::UnknownLine { field: "line_id".to_owned(), line_id: line_id.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cart::fixtures::catalog;
    use crate::cart::MAX_LINE_QUANTITY;

    fn cart() -> Cart {
        Cart::new(Currency::EUR, Some("cust-1".into()))
    }

    #[test]
    fn new_cart_is_empty_with_a_uuid_v7_id() {
        let cart = cart();
        assert_eq!(Uuid::parse_str(&cart.id).unwrap().get_version_num(), 7);
        assert_eq!(cart.currency, Currency::EUR);
        assert_eq!(cart.customer_id.as_deref(), Some("cust-1"));
        assert!(cart.lines.is_empty() && cart.coupons.is_empty() && cart.note.is_none());
        assert_ne!(Cart::new(Currency::EUR, None).id, cart.id);
    }

    #[test]
    fn add_line_appends_a_line() {
        let mut cart = cart();
        let id = cart.add_line(&catalog(), "tee-m", 2, Some(Decimal::new(20, 0))).unwrap();
        assert_eq!(cart.lines.len(), 1);
        let line = cart.line(&id).unwrap();
        assert_eq!((line.variant_id.as_str(), line.quantity), ("tee-m", 2));
        assert_eq!(line.unit_price_at_add, Some(Decimal::new(20, 0)));
        assert_eq!(Uuid::parse_str(&id).unwrap().get_version_num(), 7);
    }

    #[test]
    fn same_variant_merges_into_the_line() {
        let (catalog, mut cart) = (catalog(), cart());
        let first = cart.add_line(&catalog, "tee-m", 2, Some(Decimal::new(20, 0))).unwrap();
        let second = cart.add_line(&catalog, "tee-m", 1, None).unwrap();
        assert_eq!(first, second);
        assert_eq!(cart.lines.len(), 1);
        assert_eq!(cart.lines[0].quantity, 3);
        assert_eq!(cart.lines[0].unit_price_at_add, Some(Decimal::new(20, 0)));
        cart.add_line(&catalog, "tee-m", 1, Some(Decimal::new(18, 0))).unwrap();
        assert_eq!(cart.lines[0].unit_price_at_add, Some(Decimal::new(18, 0)));
    }

    #[test]
    fn line_with_a_note_does_not_take_more_units() {
        let (catalog, mut cart) = (catalog(), cart());
        let engraved = cart.add_line(&catalog, "mug", 1, None).unwrap();
        cart.set_line_note(&engraved, Some("For Ana".into())).unwrap();
        let plain = cart.add_line(&catalog, "mug", 2, None).unwrap();
        assert_ne!(engraved, plain);
        assert_eq!(cart.line(&engraved).unwrap().quantity, 1);
        assert_eq!(cart.line(&plain).unwrap().quantity, 2);
        assert_eq!(cart.quantity_of("mug"), 3);
    }

    #[test]
    fn add_unknown_variant_is_refused() {
        let mut cart = cart();
        assert_eq!(
            cart.add_line(&catalog(), "nope", 1, None),
            Err(CartError::UnknownVariant { field: "variant_id".into(), variant_id: "nope".into() })
        );
        assert!(cart.lines.is_empty());
    }

    #[test]
    fn add_zero_is_refused() {
        let mut cart = cart();
        assert_eq!(
            cart.add_line(&catalog(), "mug", 0, None),
            Err(CartError::ZeroQuantity { field: "quantity".into() })
        );
        assert!(cart.lines.is_empty());
    }

    #[test]
    fn add_without_price_in_currency_is_refused() {
        let mut cart = Cart::new(Currency::USD, None);
        let err = cart.add_line(&catalog(), "mug", 1, None).unwrap_err();
        assert!(matches!(err, CartError::NoPriceInCurrency { currency: Currency::USD, .. }));
        assert!(cart.lines.is_empty());
    }

    #[test]
    fn add_above_stock_counts_the_whole_cart_and_changes_nothing() {
        let (catalog, mut cart) = (catalog(), cart());
        let engraved = cart.add_line(&catalog, "tee-m", 2, None).unwrap();
        cart.set_line_note(&engraved, Some("Name on back".into())).unwrap();
        cart.add_line(&catalog, "tee-m", 2, None).unwrap();
        let before = cart.clone();
        assert_eq!(
            cart.add_line(&catalog, "tee-m", 2, None),
            Err(CartError::InsufficientStock {
                field: "quantity".into(),
                variant_id: "tee-m".into(),
                requested: 6,
                on_hand: 5
            })
        );
        assert_eq!(cart, before);
        assert!(cart.add_line(&catalog, "tee-m", 1, None).is_ok());
    }

    #[test]
    fn out_of_stock_is_refused_but_backorder_is_accepted() {
        let (catalog, mut cart) = (catalog(), cart());
        assert!(matches!(cart.add_line(&catalog, "poster", 1, None), Err(CartError::InsufficientStock { .. })));
        assert!(cart.add_line(&catalog, "tee-l", 50, None).is_ok());
    }

    #[test]
    fn add_above_line_maximum_is_refused() {
        let (catalog, mut cart) = (catalog(), cart());
        cart.add_line(&catalog, "mug", MAX_LINE_QUANTITY, None).unwrap();
        let before = cart.clone();
        assert_eq!(
            cart.add_line(&catalog, "mug", 1, None),
            Err(CartError::QuantityAboveMaximum { field: "quantity".into(), quantity: 10_000, max: MAX_LINE_QUANTITY })
        );
        assert_eq!(cart, before);
    }

    #[test]
    fn update_quantity_sets_the_line() {
        let (catalog, mut cart) = (catalog(), cart());
        let id = cart.add_line(&catalog, "tee-m", 1, None).unwrap();
        cart.update_quantity(&catalog, &id, 5).unwrap();
        assert_eq!(cart.line(&id).unwrap().quantity, 5);
        cart.update_quantity(&catalog, &id, 2).unwrap();
        assert_eq!(cart.line(&id).unwrap().quantity, 2);
    }

    #[test]
    fn update_above_stock_is_refused() {
        let (catalog, mut cart) = (catalog(), cart());
        let id = cart.add_line(&catalog, "tee-m", 1, None).unwrap();
        let err = cart.update_quantity(&catalog, &id, 6).unwrap_err();
        assert_eq!(
            err,
            CartError::InsufficientStock {
                field: format!("lines[{id}].quantity"),
                variant_id: "tee-m".into(),
                requested: 6,
                on_hand: 5
            }
        );
        assert_eq!(cart.line(&id).unwrap().quantity, 1);
    }

    #[test]
    fn update_decrease_is_accepted_even_above_stock() {
        let (catalog, mut cart) = (catalog(), cart());
        let id = cart.add_line(&catalog, "tee-m", 5, None).unwrap();
        cart.lines[0].quantity = 9;
        cart.update_quantity(&catalog, &id, 7).unwrap();
        assert_eq!(cart.line(&id).unwrap().quantity, 7);
    }

    #[test]
    fn update_to_zero_or_above_maximum_is_refused() {
        let (catalog, mut cart) = (catalog(), cart());
        let id = cart.add_line(&catalog, "mug", 1, None).unwrap();
        assert_eq!(
            cart.update_quantity(&catalog, &id, 0),
            Err(CartError::ZeroQuantity { field: format!("lines[{id}].quantity") })
        );
        assert!(matches!(
            cart.update_quantity(&catalog, &id, MAX_LINE_QUANTITY + 1),
            Err(CartError::QuantityAboveMaximum { .. })
        ));
        assert_eq!(cart.line(&id).unwrap().quantity, 1);
    }

    #[test]
    fn update_of_a_variant_gone_from_the_catalog_is_refused() {
        let (catalog, mut cart) = (catalog(), cart());
        let id = cart.add_line(&catalog, "mug", 1, None).unwrap();
        cart.lines[0].variant_id = "retired".into();
        assert_eq!(
            cart.update_quantity(&catalog, &id, 2),
            Err(CartError::UnknownVariant { field: format!("lines[{id}].variant_id"), variant_id: "retired".into() })
        );
    }

    #[test]
    fn unknown_line_is_refused_everywhere() {
        let (catalog, mut cart) = (catalog(), cart());
        let unknown = CartError::UnknownLine { field: "line_id".into(), line_id: "x".into() };
        assert_eq!(cart.update_quantity(&catalog, "x", 1), Err(unknown.clone()));
        assert_eq!(cart.remove_line("x"), Err(unknown.clone()));
        assert_eq!(cart.set_line_note("x", None), Err(unknown));
    }

    #[test]
    fn remove_line_returns_it() {
        let (catalog, mut cart) = (catalog(), cart());
        let mug = cart.add_line(&catalog, "mug", 1, None).unwrap();
        let tee = cart.add_line(&catalog, "tee-m", 1, None).unwrap();
        assert_eq!(cart.remove_line(&mug).unwrap().variant_id, "mug");
        assert_eq!(cart.lines.len(), 1);
        assert_eq!(*cart.lines[0].id, *tee);
    }

    #[test]
    fn line_note_is_trimmed_cleared_and_bounded() {
        let (catalog, mut cart) = (catalog(), cart());
        let id = cart.add_line(&catalog, "mug", 1, None).unwrap();
        cart.set_line_note(&id, Some("  Ana  ".into())).unwrap();
        assert_eq!(cart.line(&id).unwrap().note.as_deref(), Some("Ana"));
        let long = "x".repeat(MAX_NOTE_CHARS + 1);
        assert_eq!(
            cart.set_line_note(&id, Some(long)),
            Err(CartError::TooLong { field: format!("lines[{id}].note"), max: MAX_NOTE_CHARS })
        );
        assert_eq!(cart.line(&id).unwrap().note.as_deref(), Some("Ana"));
        cart.set_line_note(&id, Some(" ".into())).unwrap();
        assert_eq!(cart.line(&id).unwrap().note, None);
    }
}
