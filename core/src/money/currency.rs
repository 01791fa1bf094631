//! ISO 4217 currencies restricted to those with a minor unit, serialised as their three-letter code.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::MoneyError;

/// An ISO 4217 currency that has a minor unit (EUR: 2 decimals, JPY: 0, KWD: 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// Euro.
    pub const EUR: Currency = Currency(iso_currency::Currency::EUR);
    /// US dollar.
    pub const USD: Currency = Currency(iso_currency::Currency::USD);
    /// Japanese yen (no minor unit).
    pub const JPY: Currency = Currency(iso_currency::Currency::JPY);
    /// Kuwaiti dinar (three decimals).
    pub const KWD: Currency = Currency(iso_currency::Currency::KWD);
    /// Russian ruble.
    pub const RUB: Currency = Currency(iso_currency::Currency::RUB);
    /// Chinese yuan renminbi.
    pub const CNY: Currency = Currency(iso_currency::Currency::CNY);
    /// Bulgarian lev.
    pub const BGN: Currency = Currency(iso_currency::Currency::BGN);

    /// Looks a currency up by its ISO code (case-insensitive); `field` names the input in the error.
    pub fn parse(code: &str, field: &str) -> Result<Currency, MoneyError> {
        let upper = code.trim().to_ascii_uppercase();
        iso_currency::Currency::from_code(&upper)
            .filter(|c| c.exponent().is_some())
            .map(Currency)
            .ok_or_else(|| MoneyError::UnknownCurrency { field: field.to_owned(), code: code.to_owned() })
    }

    /// The three-letter ISO code.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// Number of decimals of the minor unit (JPY 0, EUR 2, KWD 3).
    pub fn minor_units(self) -> u32 {
        u32::from(self.0.exponent().unwrap_or(0))
    }

    /// `amount` as an integer count of minor units (`12.30` EUR -> 1230).
    ///
    /// Errors, naming `field`, when the amount has more decimals than the minor unit allows
    /// (`12.345` EUR; trailing zeros such as `12.340` are fine) or does not fit an `i64`.
    pub fn to_minor(self, amount: Decimal, field: &str) -> Result<i64, MoneyError> {
        let minor_units = self.minor_units();
        let scale = amount.scale();
        let mantissa = amount.mantissa();
        let minor = if scale <= minor_units {
            mantissa.checked_mul(10i128.pow(minor_units - scale))
        } else {
            let divisor = 10i128.pow(scale - minor_units);
            if mantissa % divisor != 0 {
                return Err(MoneyError::ExcessPrecision {
                    field: field.to_owned(),
                    value: amount.to_string(),
                    currency: self.code(),
                    minor_units,
                });
            }
            Some(mantissa / divisor)
        };
        minor.and_then(|m| i64::try_from(m).ok()).ok_or_else(|| MoneyError::Overflow { field: field.to_owned() })
    }

    /// The decimal amount of `minor` minor units, at exactly the currency's scale (1230 -> `12.30`).
    #[inline]
    pub fn from_minor(self, minor: i64) -> Decimal {
        Decimal::new(minor, self.minor_units())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Currency::parse(code, "currency")
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::parse(&code, "currency").map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_follow_iso_4217() {
        assert_eq!(Currency::JPY.minor_units(), 0);
        assert_eq!(Currency::EUR.minor_units(), 2);
        assert_eq!(Currency::KWD.minor_units(), 3);
    }

    #[test]
    fn parse_is_case_insensitive_and_rejects_unknown_codes() {
        assert_eq!(Currency::parse("eur", "c").unwrap(), Currency::EUR);
        let err = Currency::parse("XAU", "price.currency").unwrap_err();
        assert!(err.to_string().starts_with("price.currency"), "{err}");
        assert!(Currency::parse("ABC", "c").is_err());
    }

    #[test]
    fn minor_unit_conversion_is_exact() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Currency::EUR.to_minor(d("12.3"), "x").unwrap(), 1230);
        assert_eq!(Currency::EUR.to_minor(d("12.340"), "x").unwrap(), 1234);
        assert_eq!(Currency::KWD.to_minor(d("1.005"), "x").unwrap(), 1005);
        assert_eq!(Currency::JPY.to_minor(d("500"), "x").unwrap(), 500);
        let err = Currency::EUR.to_minor(d("12.345"), "line.price").unwrap_err();
        assert!(matches!(err, MoneyError::ExcessPrecision { .. }));
        assert!(err.to_string().contains("line.price"));
        assert!(Currency::JPY.to_minor(d("1.5"), "x").is_err());
        assert_eq!(Currency::EUR.from_minor(1230).to_string(), "12.30");
        assert_eq!(Currency::JPY.from_minor(7).to_string(), "7");
        assert_eq!(Currency::KWD.from_minor(-5).to_string(), "-0.005");
    }
}
