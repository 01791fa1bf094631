//! The bank-transfer payment reference: an ISO 11649 "RF" creditor reference built from the order
//! number, whose two check digits (mod 97, as in IBANs) let a bank or the shop catch typing errors.
//!
//! Scheme: for a reference body `B` of 1 to 21 letters and digits, append `RF00`, replace every
//! letter by two digits (`A` = 10 ... `Z` = 35), take the number mod 97; the check digits are
//! `98 - that`, written with two digits. A reference `RFccB` is valid when `B` followed by `RFcc`,
//! converted the same way, is 1 mod 97. Printed in groups of four (`RF18 5390 0754 7034`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{OrderError, OrderNumber};

/// Longest reference body.
const MAX_BODY_CHARS: usize = 21;

/// An ISO 11649 creditor reference in electronic form (`RF18539007547034`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct PaymentReference(String);

impl PaymentReference {
    /// The reference of an order: its number's letters and digits (`VT2026000123`) with check digits.
    pub fn for_order(number: &OrderNumber) -> PaymentReference {
        PaymentReference::from_body(&number.compact()).expect("an order number's compact form is a valid body")
    }

    /// The reference with body `body` (1 to 21 letters and digits; blanks ignored, letters upper-cased).
    pub fn from_body(body: &str) -> Result<PaymentReference, OrderError> {
        let body = electronic(body);
        check_body(&body)?;
        let check = 98 - mod97(&format!("{body}RF00"));
        Ok(PaymentReference(format!("RF{check:02}{body}")))
    }

    /// Parses a reference as printed or typed (`rf18 5390 0754 7034`), validating its check digits.
    pub fn parse(text: &str) -> Result<PaymentReference, OrderError> {
        let reference = electronic(text);
        let ok_head = reference.len() > 4
            && reference.starts_with("RF")
            && reference.as_bytes()[2..4].iter().all(u8::is_ascii_digit);
        if !ok_head {
            return Err(invalid(text, "must start with RF and two check digits"));
        }
        check_body(&reference[4..]).map_err(|_| invalid(text, "body must be 1 to 21 letters or digits"))?;
        let rotated = format!("{}{}", &reference[4..], &reference[..4]);
        if mod97(&rotated) == 1 {
            Ok(PaymentReference(reference))
        } else {
            Err(invalid(text, "check digits do not match"))
        }
    }

    /// The electronic form, no blanks (`RF18539007547034`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form, in groups of four (`RF18 5390 0754 7034`).
    pub fn formatted(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
    }
}

/// Upper case with every blank removed.
fn electronic(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect()
}

fn check_body(body: &str) -> Result<(), OrderError> {
    let ok = (1..=MAX_BODY_CHARS).contains(&body.len()) && body.bytes().all(|b| b.is_ascii_alphanumeric());
    if ok {
        Ok(())
    } else {
        Err(invalid(body, "body must be 1 to 21 letters or digits"))
    }
}

/// The number written by `text` (letters as two digits, `A` = 10) mod 97; `text` is upper-case
/// letters and digits.
fn mod97(text: &str) -> u32 {
    text.chars().fold(0, |rest, c| {
        let value = c.to_digit(36).unwrap_or(0);
        let shift = if value < 10 { 10 } else { 100 };
        (rest * shift + value) % 97
    })
}

fn invalid(value: &str, reason: &str) -> OrderError {
    OrderError::InvalidPaymentReference { value: value.to_owned(), reason: reason.to_owned() }
}

impl fmt::Display for PaymentReference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.formatted())
    }
}

impl TryFrom<String> for PaymentReference {
    type Error = OrderError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        PaymentReference::parse(&text)
    }
}

impl From<PaymentReference> for String {
    fn from(reference: PaymentReference) -> Self {
        reference.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_11649_example_is_reproduced_and_validated() {
        let reference = PaymentReference::from_body("5390 0754 7034").unwrap();
        assert_eq!(reference.as_str(), "RF18539007547034");
        assert_eq!(reference.formatted(), "RF18 5390 0754 7034");
        assert_eq!(PaymentReference::parse("rf18 5390 0754 7034").unwrap(), reference);
    }

    #[test]
    fn order_reference_is_built_from_the_compact_number_and_validates() {
        let number = OrderNumber::new("VT", 2026, 123).unwrap();
        let reference = PaymentReference::for_order(&number);
        assert!(reference.as_str().starts_with("RF") && reference.as_str().ends_with("VT2026000123"));
        assert_eq!(PaymentReference::parse(&reference.formatted()).unwrap(), reference);
    }

    #[test]
    fn any_single_typo_of_a_digit_or_letter_is_caught() {
        let good = PaymentReference::for_order(&OrderNumber::new("VT", 2026, 123).unwrap());
        let text = good.as_str();
        for at in 2..text.len() {
            let original: Vec<char> = text.chars().collect();
            let same_class: Vec<char> =
                if original[at].is_ascii_digit() { ('0'..='9').collect() } else { ('A'..='Z').collect() };
            for replacement in same_class.into_iter().filter(|&c| c != original[at]) {
                let mut typo = original.clone();
                typo[at] = replacement;
                let typo: String = typo.into_iter().collect();
                assert!(PaymentReference::parse(&typo).is_err(), "{typo} passed");
            }
        }
    }

    #[test]
    fn malformed_references_are_refused() {
        for bad in
            ["", "RF", "RF18", "XX18539007547034", "RFAB539007547034", "RF18 5390-0754", "RF181234567890123456789012"]
        {
            assert!(matches!(PaymentReference::parse(bad), Err(OrderError::InvalidPaymentReference { .. })), "{bad}");
        }
        assert!(PaymentReference::from_body("").is_err());
        assert!(PaymentReference::from_body("a_b").is_err());
        assert!(serde_json::from_str::<PaymentReference>("\"RF19539007547034\"").is_err());
    }
}
