//! Merging a guest's cart into the customer's cart at sign-in: lines, coupons, note and packaging
//! choices carry over; quantities beyond stock are cut, not refused, and the report says what changed.

use serde::{Deserialize, Serialize};

use super::check::{nonzero, orderable_units, priced_variant, MAX_LINE_QUANTITY};
use super::{normalize_coupon_code, Cart, CartError, CartLine};
use crate::catalog::Catalog;

/// What a merge of a guest cart did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MergeReport {
    /// Guest lines taken in full.
    pub added: Vec<MergedLine>,
    /// Guest lines cut to what stock and the per-line maximum allow (`added` may be 0).
    pub capped: Vec<MergedLine>,
    /// Guest lines not taken at all, with the reason.
    pub skipped: Vec<SkippedLine>,
    /// Coupon codes newly added to the customer cart.
    pub coupons_added: Vec<String>,
    /// Guest coupon codes refused as malformed.
    pub coupons_rejected: Vec<CartError>,
    /// Whether the guest's note became the cart's note.
    pub note_taken: bool,
}

/// A guest line moved into the customer cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MergedLine {
    /// The line's id in the guest cart.
    pub guest_line_id: String,
    /// The variant.
    pub variant_id: String,
    /// Units on the guest line.
    pub requested: u32,
    /// Units added to the customer cart.
    pub added: u32,
}

/// A guest line left out of the customer cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SkippedLine {
    /// The line's id in the guest cart.
    pub guest_line_id: String,
    /// The variant.
    pub variant_id: String,
    /// Units on the guest line.
    pub quantity: u32,
    /// Why it was left out.
    pub error: CartError,
}

/// Moves the contents of `guest` into `customer`.
///
/// Each guest line joins the customer's note-less line of the same variant (a guest line with a note
/// stays a line of its own); the summed quantity is cut to what can be ordered and to
/// [`MAX_LINE_QUANTITY`]. Lines of unknown variants or with no price in the customer cart's currency are
/// skipped. The seen price carries over only between carts in the same currency. New coupons are added,
/// the guest's note and gift wrap are kept where the customer cart has none, and discreet packaging is
/// kept if either cart asked for it.
pub fn merge_guest_cart(customer: &mut Cart, guest: Cart, catalog: &Catalog) -> MergeReport {
    let mut report = MergeReport::default();
    let same_currency = customer.currency == guest.currency;
    for line in guest.lines {
        merge_line(customer, line, same_currency, catalog, &mut report);
    }
    for code in &guest.coupons {
        merge_coupon(customer, code, &mut report);
    }
    if customer.note.is_none() && guest.note.is_some() {
        customer.note = guest.note;
        report.note_taken = true;
    }
    customer.gift_wrap = customer.gift_wrap.take().or(guest.gift_wrap);
    customer.discreet_packaging |= guest.discreet_packaging;
    report
}

fn merge_line(customer: &mut Cart, line: CartLine, same_currency: bool, catalog: &Catalog, report: &mut MergeReport) {
    let checked =
        priced_variant(catalog, customer.currency, &line.variant_id, &format!("lines[{}].variant_id", line.id))
            .and_then(|variant| nonzero(line.quantity, &format!("lines[{}].quantity", line.id)).map(|()| variant));
    let variant = match checked {
        Ok(variant) => variant,
        Err(error) => return skip(report, line, error),
    };
    let on_line = match line.note {
        Some(_) => 0,
        None => customer.mergeable_line(&line.variant_id).map_or(0, |at| customer.lines[at].quantity),
    };
    let room = MAX_LINE_QUANTITY.saturating_sub(on_line).min(line.quantity);
    let added = orderable_units(catalog, variant, customer.quantity_of(&line.variant_id), room);
    let merged =
        MergedLine { guest_line_id: line.id.to_string(), variant_id: line.variant_id, requested: line.quantity, added };
    if added > 0 {
        let seen = line.unit_price_at_add.filter(|_| same_currency);
        customer.place_units(&merged.variant_id, added, seen, line.note);
    }
    if added == merged.requested {
        report.added.push(merged);
    } else {
        report.capped.push(merged);
    }
}

fn skip(report: &mut MergeReport, line: CartLine, error: CartError) {
    report.skipped.push(SkippedLine {
        guest_line_id: line.id.to_string(),
        variant_id: line.variant_id,
        quantity: line.quantity,
        error,
    });
}

fn merge_coupon(customer: &mut Cart, code: &str, report: &mut MergeReport) {
    match normalize_coupon_code(code) {
        Ok(code) if customer.coupons.contains(&code) => {}
        Ok(code) => {
            customer.coupons.push(code.clone());
            report.coupons_added.push(code);
        }
        Err(error) => report.coupons_rejected.push(error),
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use super::*;
    use crate::cart::fixtures::catalog;
    use crate::cart::GiftWrap;
    use crate::money::Currency;

    fn carts() -> (Catalog, Cart, Cart) {
        (catalog(), Cart::new(Currency::EUR, Some("cust-1".into())), Cart::new(Currency::EUR, None))
    }

    fn merged(guest: &Cart, at: usize, requested: u32, added: u32) -> MergedLine {
        let line = &guest.lines[at];
        MergedLine { guest_line_id: line.id.to_string(), variant_id: line.variant_id.clone(), requested, added }
    }

    #[test]
    fn guest_lines_are_added_and_same_variants_summed() {
        let (catalog, mut customer, mut guest) = carts();
        customer.add_line(&catalog, "mug", 2, None).unwrap();
        guest.add_line(&catalog, "mug", 3, Some(Decimal::new(8, 0))).unwrap();
        guest.add_line(&catalog, "tee-m", 1, None).unwrap();
        let report = merge_guest_cart(&mut customer, guest.clone(), &catalog);
        assert_eq!(report.added, [merged(&guest, 0, 3, 3), merged(&guest, 1, 1, 1)]);
        assert!(report.capped.is_empty() && report.skipped.is_empty());
        assert_eq!(customer.lines.len(), 2);
        assert_eq!(customer.quantity_of("mug"), 5);
        assert_eq!(customer.lines[0].unit_price_at_add, Some(Decimal::new(8, 0)));
        assert_eq!(customer.quantity_of("tee-m"), 1);
    }

    #[test]
    fn quantities_beyond_stock_are_capped_and_reported() {
        let (catalog, mut customer, mut guest) = carts();
        customer.add_line(&catalog, "tee-m", 4, None).unwrap();
        guest.add_line(&catalog, "tee-m", 3, None).unwrap();
        let report = merge_guest_cart(&mut customer, guest.clone(), &catalog);
        assert_eq!(report.capped, [merged(&guest, 0, 3, 1)]);
        assert!(report.added.is_empty());
        assert_eq!(customer.quantity_of("tee-m"), 5);
        assert_eq!(customer.lines.len(), 1);
    }

    #[test]
    fn nothing_left_in_stock_is_capped_to_zero() {
        let (catalog, mut customer, mut guest) = carts();
        customer.add_line(&catalog, "tee-m", 5, None).unwrap();
        guest.add_line(&catalog, "tee-m", 2, None).unwrap();
        let report = merge_guest_cart(&mut customer, guest.clone(), &catalog);
        assert_eq!(report.capped, [merged(&guest, 0, 2, 0)]);
        assert_eq!(customer.quantity_of("tee-m"), 5);
    }

    #[test]
    fn line_maximum_caps_the_sum() {
        let (catalog, mut customer, mut guest) = carts();
        customer.add_line(&catalog, "mug", MAX_LINE_QUANTITY - 1, None).unwrap();
        guest.add_line(&catalog, "mug", 5, None).unwrap();
        let report = merge_guest_cart(&mut customer, guest.clone(), &catalog);
        assert_eq!(report.capped, [merged(&guest, 0, 5, 1)]);
        assert_eq!(customer.lines[0].quantity, MAX_LINE_QUANTITY);
    }

    #[test]
    fn guest_line_with_a_note_stays_its_own_line() {
        let (catalog, mut customer, mut guest) = carts();
        customer.add_line(&catalog, "mug", 1, None).unwrap();
        let id = guest.add_line(&catalog, "mug", 1, None).unwrap();
        guest.set_line_note(&id, Some("For Ana".into())).unwrap();
        merge_guest_cart(&mut customer, guest, &catalog);
        assert_eq!(customer.lines.len(), 2);
        assert_eq!(customer.lines[1].note.as_deref(), Some("For Ana"));
        assert_eq!(customer.lines[0].quantity, 1);
    }

    #[test]
    fn unknown_unpriced_and_empty_lines_are_skipped() {
        let (catalog, mut customer, mut guest) = carts();
        customer.currency = Currency::USD;
        guest.add_line(&catalog, "mug", 1, None).unwrap();
        guest.add_line(&catalog, "tee-m", 1, Some(Decimal::new(20, 0))).unwrap();
        guest.lines.push(CartLine {
            id: "gone".into(),
            variant_id: "retired".into(),
            quantity: 1,
            unit_price_at_add: None,
            note: None,
        });
        guest.lines.push(CartLine {
            id: "zero".into(),
            variant_id: "tee-l".into(),
            quantity: 0,
            unit_price_at_add: None,
            note: None,
        });
        let report = merge_guest_cart(&mut customer, guest.clone(), &catalog);
        let errors: Vec<&CartError> = report.skipped.iter().map(|s| &s.error).collect();
        assert!(matches!(errors[0], CartError::NoPriceInCurrency { currency: Currency::USD, .. }));
        assert_eq!(
            errors[1],
            &CartError::UnknownVariant { field: "lines[gone].variant_id".into(), variant_id: "retired".into() }
        );
        assert_eq!(errors[2], &CartError::ZeroQuantity { field: "lines[zero].quantity".into() });
        assert_eq!(report.added, [merged(&guest, 1, 1, 1)]);
        assert_eq!(customer.lines.len(), 1);
        assert_eq!(customer.lines[0].unit_price_at_add, None, "a EUR price is not a USD price");
    }

    #[test]
    fn coupons_are_merged_once_and_bad_ones_reported() {
        let (catalog, mut customer, mut guest) = carts();
        customer.apply_coupon("A1").unwrap();
        guest.coupons = vec!["a1".into(), "B2".into(), "bad code".into()];
        let report = merge_guest_cart(&mut customer, guest, &catalog);
        assert_eq!(customer.coupons, ["A1", "B2"]);
        assert_eq!(report.coupons_added, ["B2"]);
        assert!(matches!(&report.coupons_rejected[..], [CartError::InvalidCoupon { code, .. }] if code == "bad code"));
    }

    #[test]
    fn guest_note_is_kept_only_when_the_customer_has_none() {
        let (catalog, mut customer, mut guest) = carts();
        guest.set_note(Some("guest".into())).unwrap();
        let report = merge_guest_cart(&mut customer, guest.clone(), &catalog);
        assert!(report.note_taken);
        assert_eq!(customer.note.as_deref(), Some("guest"));

        let mut other = Cart::new(Currency::EUR, None);
        other.set_note(Some("mine".into())).unwrap();
        let report = merge_guest_cart(&mut other, guest, &catalog);
        assert!(!report.note_taken);
        assert_eq!(other.note.as_deref(), Some("mine"));
    }

    #[test]
    fn gift_wrap_and_discreet_packaging_carry_over() {
        let (catalog, mut customer, mut guest) = carts();
        guest.set_gift_wrap(Some(GiftWrap { message: Some("Hi".into()) })).unwrap();
        guest.set_discreet_packaging(true);
        merge_guest_cart(&mut customer, guest.clone(), &catalog);
        assert_eq!(customer.gift_wrap, Some(GiftWrap { message: Some("Hi".into()) }));
        assert!(customer.discreet_packaging);

        let mut wrapped = Cart::new(Currency::EUR, None);
        wrapped.set_gift_wrap(Some(GiftWrap { message: None })).unwrap();
        merge_guest_cart(&mut wrapped, guest, &catalog);
        assert_eq!(wrapped.gift_wrap, Some(GiftWrap { message: None }));
    }

    #[test]
    fn report_round_trips_as_json() {
        let (catalog, mut customer, mut guest) = carts();
        guest.coupons = vec!["!".into()];
        let report = merge_guest_cart(&mut customer, guest, &catalog);
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<MergeReport>(&json).unwrap(), report);
    }
}
