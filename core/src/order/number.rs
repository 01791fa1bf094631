//! Human-friendly order numbers, `PREFIX-YEAR-SEQUENCE` (`VT-2026-000123`): a shop prefix of 1 to 4
//! capital letters, the UTC year of placing, and a sequence the caller draws (zero-padded to 6 digits).

use std::fmt;

use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::OrderError;

/// Longest shop prefix.
const MAX_PREFIX_CHARS: usize = 4;
/// Largest sequence: 9 digits, so the compact number fits an ISO 11649 reference (21 characters).
pub const MAX_ORDER_SEQUENCE: u64 = 999_999_999;

/// An order number such as `VT-2026-000123`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct OrderNumber(String);

impl OrderNumber {
    /// Builds `PREFIX-YEAR-SEQUENCE`; the prefix is 1 to 4 letters `A-Z`, the year 2000 to 9999 and the
    /// sequence 1 to [`MAX_ORDER_SEQUENCE`].
    pub fn new(prefix: &str, year: i16, sequence: u64) -> Result<OrderNumber, OrderError> {
        check_prefix(prefix)?;
        if !(2000..=9999).contains(&year) {
            return Err(invalid(&format!("{prefix}-{year}"), "year must be 2000 to 9999"));
        }
        if !(1..=MAX_ORDER_SEQUENCE).contains(&sequence) {
            return Err(invalid(&sequence.to_string(), "sequence must be 1 to 999999999"));
        }
        Ok(OrderNumber(format!("{prefix}-{year}-{sequence:06}")))
    }

    /// The number for `sequence` placed at `at`, using the UTC year of `at`.
    pub fn for_sequence(prefix: &str, at: Timestamp, sequence: u64) -> Result<OrderNumber, OrderError> {
        OrderNumber::new(prefix, at.to_zoned(TimeZone::UTC).year(), sequence)
    }

    /// Parses and validates a number such as `VT-2026-000123` (surrounding blanks ignored, letters
    /// upper-cased).
    pub fn parse(text: &str) -> Result<OrderNumber, OrderError> {
        let upper = text.trim().to_ascii_uppercase();
        let parts: Vec<&str> = upper.split('-').collect();
        let [prefix, year, sequence] = parts[..] else {
            return Err(invalid(text, "expected PREFIX-YEAR-SEQUENCE"));
        };
        let digits = |part: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(year, 4..=4) || !digits(sequence, 6..=9) {
            return Err(invalid(text, "year must have 4 digits and sequence 6 to 9"));
        }
        let number = OrderNumber::new(prefix, year.parse().unwrap_or(0), sequence.parse().unwrap_or(0))?;
        if number.0 == upper {
            Ok(number)
        } else {
            Err(invalid(text, "sequence has superfluous leading zeros"))
        }
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The letters and digits only (`VT2026000123`), the base of the bank-transfer reference.
    pub fn compact(&self) -> String {
        self.0.chars().filter(char::is_ascii_alphanumeric).collect()
    }
}

fn check_prefix(prefix: &str) -> Result<(), OrderError> {
    let ok = (1..=MAX_PREFIX_CHARS).contains(&prefix.len()) && prefix.bytes().all(|b| b.is_ascii_uppercase());
    if ok {
        Ok(())
    } else {
        Err(invalid(prefix, "prefix must be 1 to 4 letters A-Z"))
    }
}

fn invalid(value: &str, reason: &str) -> OrderError {
    OrderError::InvalidOrderNumber { value: value.to_owned(), reason: reason.to_owned() }
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrderNumber {
    type Error = OrderError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        OrderNumber::parse(&text)
    }
}

impl From<OrderNumber> for String {
    fn from(number: OrderNumber) -> Self {
        number.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_prefix_year_and_padded_sequence() {
        assert_eq!(OrderNumber::new("VT", 2026, 123).unwrap().as_str(), "VT-2026-000123");
        assert_eq!(OrderNumber::new("SHOP", 2026, 123_456_789).unwrap().as_str(), "SHOP-2026-123456789");
        let at: Timestamp = "2026-12-31T23:30:00Z".parse().unwrap();
        assert_eq!(OrderNumber::for_sequence("VT", at, 7).unwrap().as_str(), "VT-2026-000007");
        assert_eq!(OrderNumber::new("VT", 2026, 123).unwrap().compact(), "VT2026000123");
    }

    #[test]
    fn bad_parts_are_refused() {
        for (prefix, year, sequence) in [("", 2026, 1), ("vt", 2026, 1), ("VTXYZ", 2026, 1), ("V1", 2026, 1)] {
            assert!(OrderNumber::new(prefix, year, sequence).is_err(), "{prefix}");
        }
        assert!(OrderNumber::new("VT", 1999, 1).is_err());
        assert!(OrderNumber::new("VT", 2026, 0).is_err());
        assert!(OrderNumber::new("VT", 2026, MAX_ORDER_SEQUENCE + 1).is_err());
    }

    #[test]
    fn parse_round_trips_and_rejects_garbage() {
        let number = OrderNumber::parse(" vt-2026-000123 ").unwrap();
        assert_eq!(number.as_str(), "VT-2026-000123");
        for bad in ["VT-2026-123", "VT-26-000123", "VT2026000123", "VT-2026-0001234", "VT-2026-00012x", "-2026-000123"]
        {
            assert!(matches!(OrderNumber::parse(bad), Err(OrderError::InvalidOrderNumber { .. })), "{bad}");
        }
        let json = serde_json::to_string(&number).unwrap();
        assert_eq!(json, "\"VT-2026-000123\"");
        assert_eq!(serde_json::from_str::<OrderNumber>(&json).unwrap(), number);
        assert!(serde_json::from_str::<OrderNumber>("\"nope\"").is_err());
    }
}
