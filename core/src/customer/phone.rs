//! A phone number in international E.164 form: `+`, a country code not starting with 0 and at
//! most 15 digits in all. Common separators (spaces, dashes, dots, parentheses) are dropped.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::CustomerError;

/// Fewest digits accepted (a short country code plus a short subscriber number).
const MIN_DIGITS: usize = 8;
/// Most digits E.164 allows.
const MAX_DIGITS: usize = 15;

/// A validated phone number, normalised to `+` and digits (`+359888123456`), serialised as a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Validates and normalises `text`; `field` names the input in the error.
    pub fn parse(text: &str, field: &str) -> Result<Phone, CustomerError> {
        let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')')).collect();
        let digits = compact.strip_prefix('+').ok_or_else(|| {
            CustomerError::invalid(field, "must be in international form starting with + and the country code")
        })?;
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(CustomerError::invalid(field, "may only contain digits after the +"));
        }
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) {
            return Err(CustomerError::invalid(field, "must have 8 to 15 digits"));
        }
        if digits.starts_with('0') {
            return Err(CustomerError::invalid(field, "country code cannot start with 0"));
        }
        Ok(Phone(compact))
    }

    /// The number as `+` and digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = CustomerError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Phone::parse(&text, "phone")
    }
}

impl From<Phone> for String {
    fn from(phone: Phone) -> Self {
        phone.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> String {
        match Phone::parse(text, "phone").unwrap_err() {
            CustomerError::InvalidField { field, reason } => {
                assert_eq!(field, "phone");
                reason
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn separators_are_dropped() {
        assert_eq!(Phone::parse("+359 (88) 812-34.56", "phone").unwrap().as_str(), "+359888123456");
        assert_eq!(Phone::parse("+4915123456789", "phone").unwrap().to_string(), "+4915123456789");
    }

    #[test]
    fn international_form_is_required() {
        assert!(reason("0888 123 456").contains("starting with +"));
        assert!(reason("+359 88x 123").contains("only contain digits"));
        assert!(reason("+0 888 123 456").contains("cannot start with 0"));
    }

    #[test]
    fn length_is_bounded() {
        assert!(reason("+1234567").contains("8 to 15"));
        assert!(reason("+1234567890123456").contains("8 to 15"));
        assert!(Phone::parse("+12345678", "phone").is_ok());
        assert!(Phone::parse("+123456789012345", "phone").is_ok());
    }

    #[test]
    fn serde_validates() {
        let phone: Phone = serde_json::from_str("\"+1 555 123 4567\"").unwrap();
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+15551234567\"");
        assert!(serde_json::from_str::<Phone>("\"555\"").is_err());
    }
}
