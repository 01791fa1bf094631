//! Cart-wide choices: coupon codes, the shopper's note, gift wrap and discreet packaging. Codes and
//! texts are normalised and checked before the cart changes.

use super::check::{clean_text, MAX_GIFT_MESSAGE_CHARS, MAX_NOTE_CHARS};
use super::{Cart, CartError, GiftWrap};

/// Most characters in a coupon code.
pub const MAX_COUPON_CHARS: usize = 64;

/// Most coupon codes one cart may carry; pricing refuses a cart with more.
pub const MAX_COUPONS: usize = 10;

/// A coupon code as the cart stores it: trimmed and upper-cased; refused when empty, longer than
/// [`MAX_COUPON_CHARS`] or holding characters other than `A-Z`, `0-9`, `-` and `_`.
pub fn normalize_coupon_code(code: &str) -> Result<String, CartError> {
    let normalized = code.trim().to_ascii_uppercase();
    let reason = if normalized.is_empty() {
        Some("must not be empty".to_owned())
    } else if normalized.chars().count() > MAX_COUPON_CHARS {
        Some(format!("is longer than {MAX_COUPON_CHARS} characters"))
    } else if !normalized.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_') {
        Some("may only hold letters A-Z, digits, '-' and '_'".to_owned())
    } else {
        None
    };
    match reason {
        Some(reason) => Err(CartError::InvalidCoupon { field: "coupons".to_owned(), code: code.to_owned(), reason }),
        None => Ok(normalized),
    }
}

impl Cart {
    /// Takes the shopper's own words out (a customer's erasure): the note, the line notes and the
    /// gift message read as erased; what was ordered stays.
    pub fn erase_personal_text(&mut self) {
        use crate::erasure::erased_text;
        self.note = erased_text(&self.note);
        for line in &mut self.lines {
            line.note = erased_text(&line.note);
        }
        if let Some(wrap) = &mut self.gift_wrap {
            wrap.message = erased_text(&wrap.message);
        }
    }

    /// Adds a coupon code (see [`normalize_coupon_code`]) and returns it as stored; refused when the
    /// cart already has it or already carries [`MAX_COUPONS`] codes.
    pub fn apply_coupon(&mut self, code: &str) -> Result<String, CartError> {
        let code = normalize_coupon_code(code)?;
        if self.coupons.contains(&code) {
            return Err(CartError::DuplicateCoupon { field: "coupons".to_owned(), code });
        }
        if self.coupons.len() >= MAX_COUPONS {
            return Err(CartError::TooManyCoupons { field: "coupons".to_owned(), max: MAX_COUPONS });
        }
        self.coupons.push(code.clone());
        Ok(code)
    }

    /// Removes a coupon code, matched case-insensitively; refused when the cart does not have it.
    pub fn remove_coupon(&mut self, code: &str) -> Result<(), CartError> {
        let code = code.trim().to_ascii_uppercase();
        match self.coupons.iter().position(|c| *c == code) {
            Some(at) => {
                self.coupons.remove(at);
                Ok(())
            }
            None => Err(CartError::CouponNotApplied { field: "coupons".to_owned(), code }),
        }
    }

    /// Sets (or with `None` or blank text, clears) the shopper's note to the shop, trimmed, at most
    /// [`MAX_NOTE_CHARS`] characters.
    pub fn set_note(&mut self, note: Option<String>) -> Result<(), CartError> {
        self.note = clean_text(note, MAX_NOTE_CHARS, "note")?;
        Ok(())
    }

    /// Asks for gift wrap (`None`: no gift wrap); its message is trimmed, dropped when blank, and at most
    /// [`MAX_GIFT_MESSAGE_CHARS`] characters.
    pub fn set_gift_wrap(&mut self, gift_wrap: Option<GiftWrap>) -> Result<(), CartError> {
        self.gift_wrap = match gift_wrap {
            Some(wrap) => {
                Some(GiftWrap { message: clean_text(wrap.message, MAX_GIFT_MESSAGE_CHARS, "gift_wrap.message")? })
            }
            None => None,
        };
        Ok(())
    }

    /// Asks for (or stops asking for) plain packaging with no branding or content list outside.
    pub fn set_discreet_packaging(&mut self, discreet: bool) {
        self.discreet_packaging = discreet;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn cart() -> Cart {
        Cart::new(Currency::EUR, None)
    }

    fn reason_of(code: &str) -> String {
        match normalize_coupon_code(code) {
            Err(CartError::InvalidCoupon { field, code: given, reason }) => {
                assert_eq!((field.as_str(), given.as_str()), ("coupons", code));
                reason
            }
            other => panic!("expected an invalid coupon, got {other:?}"),
        }
    }

    #[test]
    fn coupon_is_trimmed_and_upper_cased() {
        assert_eq!(normalize_coupon_code("  summer-25_x "), Ok("SUMMER-25_X".into()));
    }

    #[test]
    fn empty_coupon_is_refused() {
        assert_eq!(reason_of("   "), "must not be empty");
    }

    #[test]
    fn long_coupon_is_refused() {
        assert!(normalize_coupon_code(&"A".repeat(MAX_COUPON_CHARS)).is_ok());
        assert!(reason_of(&"A".repeat(MAX_COUPON_CHARS + 1)).contains("longer than 64"));
    }

    #[test]
    fn coupon_with_other_characters_is_refused() {
        for code in ["SUM MER", "SALE!", "straße", "ÄPFEL", "A.B"] {
            assert!(reason_of(code).contains("A-Z"), "{code}");
        }
    }

    #[test]
    fn a_cart_carries_at_most_max_coupons_codes() {
        let mut cart = cart();
        for i in 0..MAX_COUPONS {
            cart.apply_coupon(&format!("C{i}")).unwrap();
        }
        assert_eq!(
            cart.apply_coupon("ONE-MORE"),
            Err(CartError::TooManyCoupons { field: "coupons".into(), max: MAX_COUPONS })
        );
        assert_eq!(cart.coupons.len(), MAX_COUPONS);
        cart.remove_coupon("C0").unwrap();
        assert_eq!(cart.apply_coupon("ONE-MORE"), Ok("ONE-MORE".into()));
    }

    #[test]
    fn apply_coupon_stores_it_once() {
        let mut cart = cart();
        assert_eq!(cart.apply_coupon(" welcome10 "), Ok("WELCOME10".into()));
        assert_eq!(
            cart.apply_coupon("WELCOME10"),
            Err(CartError::DuplicateCoupon { field: "coupons".into(), code: "WELCOME10".into() })
        );
        cart.apply_coupon("FREESHIP").unwrap();
        assert_eq!(cart.coupons, ["WELCOME10", "FREESHIP"]);
    }

    #[test]
    fn invalid_coupon_leaves_the_cart_unchanged() {
        let mut cart = cart();
        assert!(cart.apply_coupon("no way").is_err());
        assert!(cart.coupons.is_empty());
    }

    #[test]
    fn remove_coupon_matches_case_insensitively() {
        let mut cart = cart();
        cart.apply_coupon("A1").unwrap();
        cart.apply_coupon("B2").unwrap();
        cart.remove_coupon(" a1").unwrap();
        assert_eq!(cart.coupons, ["B2"]);
        assert_eq!(
            cart.remove_coupon("a1"),
            Err(CartError::CouponNotApplied { field: "coupons".into(), code: "A1".into() })
        );
    }

    #[test]
    fn note_is_set_trimmed_and_bounded() {
        let mut cart = cart();
        cart.set_note(Some(" ring twice ".into())).unwrap();
        assert_eq!(cart.note.as_deref(), Some("ring twice"));
        assert_eq!(
            cart.set_note(Some("x".repeat(MAX_NOTE_CHARS + 1))),
            Err(CartError::TooLong { field: "note".into(), max: MAX_NOTE_CHARS })
        );
        assert_eq!(cart.note.as_deref(), Some("ring twice"));
        cart.set_note(None).unwrap();
        assert_eq!(cart.note, None);
    }

    #[test]
    fn gift_wrap_is_set_and_cleared() {
        let mut cart = cart();
        cart.set_gift_wrap(Some(GiftWrap { message: Some("  Happy birthday ".into()) })).unwrap();
        assert_eq!(cart.gift_wrap, Some(GiftWrap { message: Some("Happy birthday".into()) }));
        cart.set_gift_wrap(Some(GiftWrap { message: Some(" ".into()) })).unwrap();
        assert_eq!(cart.gift_wrap, Some(GiftWrap { message: None }));
        cart.set_gift_wrap(None).unwrap();
        assert_eq!(cart.gift_wrap, None);
    }

    #[test]
    fn long_gift_message_is_refused() {
        let mut cart = cart();
        let long = GiftWrap { message: Some("x".repeat(MAX_GIFT_MESSAGE_CHARS + 1)) };
        assert_eq!(
            cart.set_gift_wrap(Some(long)),
            Err(CartError::TooLong { field: "gift_wrap.message".into(), max: MAX_GIFT_MESSAGE_CHARS })
        );
        assert_eq!(cart.gift_wrap, None);
    }

    #[test]
    fn discreet_packaging_toggles() {
        let mut cart = cart();
        cart.set_discreet_packaging(true);
        assert!(cart.discreet_packaging);
        cart.set_discreet_packaging(false);
        assert!(!cart.discreet_packaging);
    }
}
