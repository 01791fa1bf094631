//! The locales the knowledge base and search understand, as lowercase ISO 639-1 codes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::error::KnowledgeError;

/// A content language. Serialised as its lowercase ISO 639-1 code (`en`, `ru`, `bg`, `zh`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum KnowledgeLocale {
    /// English.
    En,
    /// Russian.
    Ru,
    /// Bulgarian.
    Bg,
    /// Chinese (Simplified).
    Zh,
}

impl KnowledgeLocale {
    /// Every supported locale, in a stable order.
    pub const ALL: [KnowledgeLocale; 4] =
        [KnowledgeLocale::En, KnowledgeLocale::Ru, KnowledgeLocale::Bg, KnowledgeLocale::Zh];

    /// The lowercase ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            KnowledgeLocale::En => "en",
            KnowledgeLocale::Ru => "ru",
            KnowledgeLocale::Bg => "bg",
            KnowledgeLocale::Zh => "zh",
        }
    }
}

impl fmt::Display for KnowledgeLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for KnowledgeLocale {
    type Err = KnowledgeError;

    /// Parses a code case-insensitively; a region suffix (`ru-RU`, `zh_CN`) is ignored.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let language = s.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        KnowledgeLocale::ALL
            .into_iter()
            .find(|l| l.code() == language)
            .ok_or_else(|| KnowledgeError::UnknownLocale { value: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_uses_lowercase_codes() {
        assert_eq!(serde_json::to_string(&KnowledgeLocale::Zh).unwrap(), "\"zh\"");
        assert_eq!(serde_json::from_str::<KnowledgeLocale>("\"bg\"").unwrap(), KnowledgeLocale::Bg);
        assert!(serde_json::from_str::<KnowledgeLocale>("\"Bg\"").is_err());
    }

    #[test]
    fn parses_codes_with_region_and_rejects_unknown() {
        assert_eq!("ru-RU".parse::<KnowledgeLocale>().unwrap(), KnowledgeLocale::Ru);
        assert_eq!("zh_CN".parse::<KnowledgeLocale>().unwrap(), KnowledgeLocale::Zh);
        assert_eq!("EN".parse::<KnowledgeLocale>().unwrap(), KnowledgeLocale::En);
        assert_eq!("de".parse::<KnowledgeLocale>().unwrap_err(), KnowledgeError::UnknownLocale { value: "de".into() });
    }
}
