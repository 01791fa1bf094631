//! Matching an incoming transfer to an open order by the RF reference the payer wrote. Spaces, dashes
//! and case do not matter; a reference whose check digits fail has a typo, and the one open reference
//! a single typo away (a wrong, missing or extra symbol, or two neighbours swapped) is taken as meant.
//! Two or more such references are ambiguous and left to staff, as is anything else.

use crate::order::PaymentReference;
use serde::{Deserialize, Serialize};

/// An order waiting for a transfer, with its reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OpenReference {
    /// The order.
    pub order_id: String,
    /// The reference its transfer must quote.
    pub reference: PaymentReference,
}

/// How a written reference matched the open orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReferenceMatch {
    /// A valid reference of an open order (spaces and case aside).
    Exact {
        /// The order.
        order_id: String,
    },
    /// A typo the check digits caught, one edit away from exactly one open order's reference.
    Corrected {
        /// The order.
        order_id: String,
        /// The reference the payer meant.
        reference: PaymentReference,
    },
    /// A typo one edit away from several open references: staff must decide.
    Ambiguous {
        /// The candidate orders.
        order_ids: Vec<String>,
    },
    /// No open order fits.
    Unmatched,
}

/// Matches `written` (as on the bank statement) against the `open` orders' references.
pub fn match_reference(written: &str, open: &[OpenReference]) -> ReferenceMatch {
    let typed = electronic(written);
    if let Ok(reference) = PaymentReference::parse(&typed) {
        return match open.iter().find(|o| o.reference == reference) {
            Some(o) => ReferenceMatch::Exact { order_id: o.order_id.clone() },
            None => ReferenceMatch::Unmatched,
        };
    }
    let near: Vec<&OpenReference> = open.iter().filter(|o| one_typo_apart(&typed, o.reference.as_str())).collect();
    match near.as_slice() {
        [] => ReferenceMatch::Unmatched,
        [one] => ReferenceMatch::Corrected { order_id: one.order_id.clone(), reference: one.reference.clone() },
        many => ReferenceMatch::Ambiguous { order_ids: many.iter().map(|o| o.order_id.clone()).collect() },
    }
}

/// Upper case, letters and digits only.
fn electronic(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
}

/// Whether `a` becomes `b` by one substitution, insertion, deletion or swap of neighbours.
fn one_typo_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match a.len() as isize - b.len() as isize {
        0 => a.is_empty() || a[1..] == b[1..] || (a.len() >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..]),
        1 => a[1..] == *b,
        -1 => *a == b[1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::order::OrderNumber;

    use super::*;

    fn open(sequence: u64) -> OpenReference {
        let number = OrderNumber::new("VT", 2026, sequence).unwrap();
        OpenReference { order_id: format!("o{sequence}"), reference: PaymentReference::for_order(&number) }
    }

    fn orders() -> Vec<OpenReference> {
        vec![open(123), open(777), open(4_005)]
    }

    #[test]
    fn spaces_dashes_and_case_do_not_matter() {
        let printed = orders()[0].reference.formatted();
        for written in [printed.clone(), printed.to_lowercase(), printed.replace(' ', "-"), format!("  {printed}. ")] {
            assert_eq!(match_reference(&written, &orders()), ReferenceMatch::Exact { order_id: "o123".into() });
        }
    }

    #[test]
    fn a_typo_caught_by_the_check_digits_is_corrected_to_the_one_open_order() {
        let good = orders()[1].reference.as_str().to_owned();
        let mut swapped: Vec<char> = good.chars().collect();
        swapped.swap(6, 7);
        let swapped: String = swapped.into_iter().collect();
        let wrong_digit = format!("{}9", &good[..good.len() - 1]);
        let missing = format!("{}{}", &good[..8], &good[9..]);
        let extra = format!("{}0{}", &good[..8], &good[8..]);
        for typo in [swapped, wrong_digit, missing, extra] {
            assert!(PaymentReference::parse(&typo).is_err(), "{typo} validates");
            let expected =
                ReferenceMatch::Corrected { order_id: "o777".into(), reference: orders()[1].reference.clone() };
            assert_eq!(match_reference(&typo, &orders()), expected, "{typo}");
        }
    }

    #[test]
    fn unknown_valid_references_and_hopeless_typos_are_unmatched() {
        let paid_elsewhere = open(999).reference;
        assert_eq!(match_reference(paid_elsewhere.as_str(), &orders()), ReferenceMatch::Unmatched);
        assert_eq!(match_reference("invoice 42", &orders()), ReferenceMatch::Unmatched);
        let two_typos = orders()[0].reference.as_str().replace("VT", "XX");
        assert_eq!(match_reference(&two_typos, &orders()), ReferenceMatch::Unmatched);
    }

    /// `b`'s check digits on `a`'s body.
    fn crossed(a: &OpenReference, b: &OpenReference) -> String {
        format!("{}{}", &b.reference.as_str()[..4], &a.reference.as_str()[4..])
    }

    #[test]
    fn a_typo_near_two_open_references_is_ambiguous() {
        let near_both = |(a, b): &(OpenReference, OpenReference)| {
            let written = crossed(a, b);
            PaymentReference::parse(&written).is_err()
                && one_typo_apart(&written, a.reference.as_str())
                && one_typo_apart(&written, b.reference.as_str())
        };
        let (a, b) = (1..500).map(|n| (open(n), open(n + 1))).find(near_both).expect("such neighbours exist");
        let found = match_reference(&crossed(&a, &b), &[a.clone(), b.clone(), open(4_005)]);
        assert_eq!(found, ReferenceMatch::Ambiguous { order_ids: vec![a.order_id, b.order_id] });
    }

    #[test]
    fn one_typo_apart_is_exactly_one_edit() {
        assert!(one_typo_apart("ABCD", "ABXD") && one_typo_apart("ABCD", "BACD") && one_typo_apart("ABCD", "ABD"));
        assert!(one_typo_apart("ABD", "ABCD") && one_typo_apart("ABCD", "ABCD"));
        assert!(!one_typo_apart("ABCD", "BADC") && !one_typo_apart("ABCD", "AB") && !one_typo_apart("ABCD", "XBCY"));
    }
}
