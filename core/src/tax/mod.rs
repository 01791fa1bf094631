//! Tax rules by region and tax category, tax-inclusive or tax-exclusive prices, and the rounding mode
//! (per line, or once per rate on the total and allocated back by largest remainder).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// How taxes are configured for a store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaxConfig {
    /// Whether catalog prices and shipping rates already contain the tax (gross prices).
    #[serde(default)]
    pub prices_include_tax: bool,
    /// Where tax is rounded.
    #[serde(default)]
    pub rounding: TaxRounding,
    /// The rules; the most specific one matching (region, tax category) applies.
    #[serde(default)]
    pub rules: Vec<TaxRule>,
}

/// Where tax amounts are rounded to the minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaxRounding {
    /// Each line's and the shipping charge's tax is rounded on its own.
    #[default]
    PerLine,
    /// Tax is rounded once per rate on the sum of the taxable amounts, then allocated back to the
    /// lines (and shipping, last) by largest remainder.
    PerTotal,
}

/// A tax rate for a region and optionally one tax category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaxRule {
    /// Region code the rule applies in (country or country-subdivision, as the shop uses them).
    pub region: String,
    /// Tax category it applies to; `None` is the region's default for every other category.
    #[serde(default)]
    pub tax_category: Option<String>,
    /// Rate as a fraction (`0.2` for 20 %), 0 to 1.
    pub rate: Decimal,
    /// Name shown on the receipt (`VAT 20 %`).
    #[serde(default)]
    pub name: String,
}

impl TaxConfig {
    /// The rate for `category` in `region`: the rule for exactly that category, else the region's
    /// default rule, else zero (no tax).
    pub fn rate_for(&self, region: Option<&str>, category: &str) -> Decimal {
        let Some(region) = region else {
            return Decimal::ZERO;
        };
        let in_region = || self.rules.iter().filter(move |r| r.region == region);
        in_region()
            .find(|r| r.tax_category.as_deref() == Some(category))
            .or_else(|| in_region().find(|r| r.tax_category.is_none()))
            .map(|r| r.rate)
            .unwrap_or(Decimal::ZERO)
    }
}
