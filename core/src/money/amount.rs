//! `Money`: a decimal amount held at exactly its currency's minor-unit scale. Arithmetic is
//! checked (no silent currency mixing, no overflow) and every rounding names its policy.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{allocate_minor, div_round, Currency, MoneyError, RoundingPolicy};

/// An amount in a currency, always at the currency's minor-unit scale (`12.30 EUR`, `500 JPY`).
///
/// Serialised as the string `"12.30 EUR"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

impl Money {
    /// Builds an amount, rejecting more decimals than the currency has (`12.345` EUR is an error).
    pub fn new(amount: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        Money::checked(amount, currency, "amount")
    }

    /// Like [`Money::new`], naming `field` in the error.
    pub fn checked(amount: Decimal, currency: Currency, field: &str) -> Result<Money, MoneyError> {
        Ok(Money { minor: currency.to_minor(amount, field)?, currency })
    }

    /// Parses `"12.30 EUR"` (amount, space, ISO code).
    pub fn parse(text: &str, field: &str) -> Result<Money, MoneyError> {
        let invalid = || MoneyError::InvalidAmount { field: field.to_owned(), value: text.to_owned() };
        let (amount, code) = text.trim().rsplit_once(' ').ok_or_else(invalid)?;
        let currency = Currency::parse(code, field)?;
        Money::parse_amount(amount, currency, field)
    }

    /// Parses a bare decimal amount (`"12.30"`) in `currency`.
    pub fn parse_amount(text: &str, currency: Currency, field: &str) -> Result<Money, MoneyError> {
        let amount = Decimal::from_str_exact(text.trim())
            .map_err(|_| MoneyError::InvalidAmount { field: field.to_owned(), value: text.to_owned() })?;
        Money::checked(amount, currency, field)
    }

    /// An amount given in minor units (1230 EUR cents -> `12.30 EUR`).
    pub const fn from_minor(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Zero in `currency`.
    pub const fn zero(currency: Currency) -> Money {
        Money { minor: 0, currency }
    }

    /// The amount as a decimal at the currency's scale.
    pub fn amount(&self) -> Decimal {
        self.currency.from_minor(self.minor)
    }

    /// The amount in minor units.
    pub const fn minor(&self) -> i64 {
        self.minor
    }

    /// The currency.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    pub const fn is_zero(&self) -> bool {
        self.minor == 0
    }

    /// Whether the amount is below zero.
    pub const fn is_negative(&self) -> bool {
        self.minor < 0
    }

    fn same_currency(&self, other: &Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch { left: self.currency.code(), right: other.currency.code() })
        }
    }

    /// `self + other`; errors on different currencies or overflow.
    pub fn checked_add(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self.minor.checked_add(other.minor).ok_or_else(|| overflow("sum"))?;
        Ok(Money::from_minor(minor, self.currency))
    }

    /// `self - other`; errors on different currencies or overflow.
    pub fn checked_sub(&self, other: &Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let minor = self.minor.checked_sub(other.minor).ok_or_else(|| overflow("difference"))?;
        Ok(Money::from_minor(minor, self.currency))
    }

    /// `self x quantity`, exact.
    pub fn times(&self, quantity: u32) -> Result<Money, MoneyError> {
        let minor = self.minor.checked_mul(i64::from(quantity)).ok_or_else(|| overflow("product"))?;
        Ok(Money::from_minor(minor, self.currency))
    }

    /// `self x factor` rounded to the minor unit by `policy` (a rate `0.2`, a ratio `1/3` as `0.333…`).
    pub fn multiply(&self, factor: Decimal, policy: RoundingPolicy) -> Result<Money, MoneyError> {
        self.times_ratio(factor.mantissa(), 10i128.pow(factor.scale()), policy, "product")
    }

    /// `percent` % of `self`, rounded by `policy` (`10 %` of `9.95` -> `1.00` half away from zero).
    pub fn percent(&self, percent: Decimal, policy: RoundingPolicy) -> Result<Money, MoneyError> {
        self.times_ratio(percent.mantissa(), 100 * 10i128.pow(percent.scale()), policy, "percentage")
    }

    /// `self x numerator / denominator`, rounded once by `policy`; `what` names an overflow.
    fn times_ratio(
        &self,
        numerator: i128,
        denominator: i128,
        policy: RoundingPolicy,
        what: &str,
    ) -> Result<Money, MoneyError> {
        let product = i128::from(self.minor).checked_mul(numerator).ok_or_else(|| overflow(what))?;
        let minor = i64::try_from(div_round(product, denominator, policy)).map_err(|_| overflow(what))?;
        Ok(Money::from_minor(minor, self.currency))
    }

    /// Splits the amount over integer `weights` by largest remainder; the parts sum to `self`.
    pub fn allocate(&self, weights: &[i64]) -> Result<Vec<Money>, MoneyError> {
        let parts = allocate_minor(self.minor, weights)?;
        Ok(parts.into_iter().map(|m| Money::from_minor(m, self.currency)).collect())
    }

    /// Splits the amount over decimal `ratios` (`[0.5, 0.25, 0.25]`, or any non-negative weights)
    /// by largest remainder; the parts sum to `self`.
    pub fn allocate_by_ratios(&self, ratios: &[Decimal]) -> Result<Vec<Money>, MoneyError> {
        let scale = ratios.iter().map(|r| r.scale()).max().unwrap_or(0);
        let weights = ratios
            .iter()
            .enumerate()
            .map(|(index, ratio)| {
                let mut scaled = *ratio;
                scaled.rescale(scale);
                i64::try_from(scaled.mantissa()).map_err(|_| overflow(&format!("ratios[{index}]")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        self.allocate(&weights)
    }
}

fn overflow(field: &str) -> MoneyError {
    MoneyError::Overflow { field: field.to_owned() }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount(), self.currency)
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Money::parse(text, "money")
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::parse(&text, "money").map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn parse_and_display_round_trip_at_minor_scale() {
        let m = Money::parse("12.3 EUR", "price").unwrap();
        assert_eq!(m.to_string(), "12.30 EUR");
        assert_eq!(Money::parse("500 JPY", "p").unwrap().to_string(), "500 JPY");
        assert_eq!(Money::parse("1.005 KWD", "p").unwrap().minor(), 1005);
    }

    #[test]
    fn parse_rejects_excess_precision_and_garbage_naming_the_field() {
        let err = Money::parse("12.345 EUR", "line.price").unwrap_err();
        assert!(matches!(err, MoneyError::ExcessPrecision { .. }), "{err}");
        assert!(err.to_string().contains("line.price"));
        assert!(matches!(Money::parse("12,30 EUR", "p"), Err(MoneyError::InvalidAmount { .. })));
        assert!(matches!(Money::parse("12.30", "p"), Err(MoneyError::InvalidAmount { .. })));
        assert!(matches!(Money::parse("1 XAU", "p"), Err(MoneyError::UnknownCurrency { .. })));
        assert!(Money::parse("1.5 JPY", "p").is_err());
    }

    #[test]
    fn arithmetic_refuses_mixed_currencies() {
        let eur = Money::parse("1.00 EUR", "a").unwrap();
        let usd = Money::parse("1.00 USD", "b").unwrap();
        assert!(matches!(eur.checked_add(&usd), Err(MoneyError::CurrencyMismatch { .. })));
        assert_eq!(eur.checked_add(&eur).unwrap().minor(), 200);
        assert_eq!(eur.checked_sub(&eur).unwrap().minor(), 0);
        assert_eq!(eur.times(3).unwrap().minor(), 300);
    }

    #[test]
    fn percent_and_multiply_round_by_policy() {
        let m = Money::parse("0.25 EUR", "a").unwrap();
        // 50 % of 0.25 = 0.125
        assert_eq!(m.percent(dec("50"), RoundingPolicy::HalfAwayFromZero).unwrap().minor(), 13);
        assert_eq!(m.percent(dec("50"), RoundingPolicy::HalfEven).unwrap().minor(), 12);
        assert_eq!(m.multiply(dec("0.5"), RoundingPolicy::HalfEven).unwrap().minor(), 12);
    }

    #[test]
    fn allocation_sums_to_the_whole() {
        let m = Money::parse("100.00 EUR", "a").unwrap();
        let parts = m.allocate_by_ratios(&[dec("1"), dec("1"), dec("1")]).unwrap();
        let minors: Vec<i64> = parts.iter().map(Money::minor).collect();
        assert_eq!(minors, vec![3334, 3333, 3333]);
    }

    #[test]
    fn serde_uses_strings() {
        let m = Money::parse("9.90 EUR", "a").unwrap();
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"9.90 EUR\"");
        let back: Money = serde_json::from_str("\"9.9 EUR\"").unwrap();
        assert_eq!(back, m);
        assert!(serde_json::from_str::<Money>("\"9.999 EUR\"").is_err());
    }
}
