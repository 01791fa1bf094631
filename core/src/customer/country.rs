//! ISO 3166-1 alpha-2 country codes, checked against the official list (via `iso_currency`'s
//! re-export of `iso_country`), serialised as the upper-case code.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::CustomerError;

/// A country by its ISO 3166-1 alpha-2 code (`DE`, `BG`, `CN`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Country(String);

impl Country {
    /// Looks `code` up (case-insensitive, surrounding spaces ignored); `field` names it in the error.
    pub fn parse(code: &str, field: &str) -> Result<Country, CustomerError> {
        let upper = code.trim().to_ascii_uppercase();
        lookup(&upper)
            .map(|_| Country(upper))
            .ok_or_else(|| CustomerError::UnknownCountry { field: field.to_owned(), code: code.to_owned() })
    }

    /// The two-letter code.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// The English short name (`Bulgaria`).
    pub fn name(&self) -> &'static str {
        lookup(&self.0).map_or("", |country| country.name())
    }
}

fn lookup(upper: &str) -> Option<iso_currency::Country> {
    let is_alpha2 = upper.len() == 2 && upper.bytes().all(|b| b.is_ascii_uppercase());
    is_alpha2.then(|| upper.parse::<iso_currency::Country>().ok()).flatten()
}

impl TryFrom<String> for Country {
    type Error = CustomerError;

    fn try_from(code: String) -> Result<Self, Self::Error> {
        Country::parse(&code, "country")
    }
}

impl From<Country> for String {
    fn from(country: Country) -> Self {
        country.0
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_parse_case_insensitively() {
        let bg = Country::parse(" bg ", "country").unwrap();
        assert_eq!(bg.code(), "BG");
        assert_eq!(bg.name(), "Bulgaria");
        assert_eq!(Country::parse("CN", "country").unwrap().to_string(), "CN");
    }

    #[test]
    fn unknown_or_malformed_codes_are_refused_naming_the_field() {
        for code in ["XX", "", "DEU", "D", "1A", "UK"] {
            let err = Country::parse(code, "address.country").unwrap_err();
            assert_eq!(err, CustomerError::UnknownCountry { field: "address.country".into(), code: code.into() });
        }
    }

    #[test]
    fn serde_uses_the_code() {
        let de: Country = serde_json::from_str("\"de\"").unwrap();
        assert_eq!(serde_json::to_string(&de).unwrap(), "\"DE\"");
        assert!(serde_json::from_str::<Country>("\"ZZ\"").is_err());
    }
}
