//! A BCP 47-style locale tag (`en`, `bg-BG`, `zh-Hans-CN`): a 2–3 letter language, then
//! alphanumeric subtags of 2–8 characters. Stored as given after trimming and `_` -> `-`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::error::CustomerError;

/// A validated locale tag, serialised as a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Locale(String);

impl Locale {
    /// Validates `text` (`pt_BR` becomes `pt-BR`); `field` names the input in the error.
    pub fn parse(text: &str, field: &str) -> Result<Locale, CustomerError> {
        let tag = text.trim().replace('_', "-");
        let mut parts = tag.split('-');
        let language = parts.next().unwrap_or_default();
        let language_ok = (2..=3).contains(&language.len()) && language.bytes().all(|b| b.is_ascii_alphabetic());
        let subtags_ok = parts.all(|s| (2..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()));
        if language_ok && subtags_ok {
            Ok(Locale(tag))
        } else {
            Err(CustomerError::invalid(field, "must be a locale tag such as en, bg-BG or zh-Hans-CN"))
        }
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Locale {
    type Error = CustomerError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Locale::parse(&text, "locale")
    }
}

impl From<Locale> for String {
    fn from(locale: Locale) -> Self {
        locale.0
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_tags_are_accepted() {
        for tag in ["en", "bg-BG", "zh-Hans-CN", "ru"] {
            assert_eq!(Locale::parse(tag, "locale").unwrap().as_str(), tag);
        }
        assert_eq!(Locale::parse(" pt_BR ", "locale").unwrap().to_string(), "pt-BR");
    }

    #[test]
    fn malformed_tags_are_refused_naming_the_field() {
        for tag in ["", "e", "english", "en-", "en-B", "1n", "en US"] {
            let err = Locale::parse(tag, "account.locale").unwrap_err();
            assert!(err.to_string().starts_with("account.locale: "), "{tag}: {err}");
        }
    }

    #[test]
    fn serde_validates() {
        assert_eq!(serde_json::from_str::<Locale>("\"en_GB\"").unwrap().as_str(), "en-GB");
        assert!(serde_json::from_str::<Locale>("\"x\"").is_err());
    }
}
