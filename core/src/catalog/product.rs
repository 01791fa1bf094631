//! Products as the shopper sees them: variants chosen by options (size, colour), prices per currency
//! with quantity tiers, stock levels and availability, tax category, weight and featured flag.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::configurable::OptionRule;
use crate::money::{Currency, Money};

/// A product: what the shop sells, with one or more variants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Product {
    /// Unique id (a UUIDv7 string or the shop's own stable id).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Long description shown on the product page.
    #[serde(default)]
    pub description: String,
    /// Categories the product is listed in (each includes its ancestors for promotions and browsing).
    #[serde(default)]
    pub category_ids: Vec<String>,
    /// Option axes (size, colour) with their allowed values, in the order the shopper chooses them.
    #[serde(default)]
    pub options: Vec<ProductOption>,
    /// Rules by which an earlier option choice restricts the values of a later one.
    #[serde(default)]
    pub option_rules: Vec<OptionRule>,
    /// The purchasable variants.
    pub variants: Vec<Variant>,
    /// Shown in the shop's featured selection.
    #[serde(default)]
    pub featured: bool,
    /// Tax category used to pick the tax rule (`standard`, `reduced`, ...).
    #[serde(default = "standard_tax_category")]
    pub tax_category: String,
}

impl Product {
    /// A product with a single variant `variant_id`, no options and one price from one unit: the
    /// shape of most simple shop items. Weight, stock and categories can be set on the result.
    pub fn simple(
        id: impl Into<String>,
        name: impl Into<String>,
        variant_id: impl Into<String>,
        price: Money,
    ) -> Product {
        Product {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            category_ids: Vec::new(),
            options: Vec::new(),
            option_rules: Vec::new(),
            variants: vec![Variant {
                id: variant_id.into(),
                sku: None,
                options: BTreeMap::new(),
                prices: vec![Price { currency: price.currency(), amount: price.amount(), min_quantity: 1 }],
                weight_grams: 0,
                stock: None,
                backorder: false,
                preorder: false,
                backorder_limit: None,
                expected_on: None,
            }],
            featured: false,
            tax_category: standard_tax_category(),
        }
    }
}

/// The tax category a product has when none is given.
pub fn standard_tax_category() -> String {
    "standard".to_owned()
}

/// One option axis of a product and its allowed values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProductOption {
    /// Option name, e.g. `size`.
    pub name: String,
    /// Allowed values in display order, e.g. `S`, `M`, `L`.
    pub values: Vec<String>,
}

/// A purchasable variant of a product: one value per option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Variant {
    /// Unique id across the catalog (often the SKU).
    pub id: String,
    /// Stock-keeping unit, when the shop uses one distinct from the id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The chosen value for each of the product's options.
    #[serde(default)]
    pub options: BTreeMap<String, String>,
    /// Base prices: per currency, with optional quantity tiers (`min_quantity`).
    pub prices: Vec<Price>,
    /// Shipping weight of one unit in grams.
    #[serde(default)]
    pub weight_grams: u32,
    /// Stock on hand; `None` means stock is not tracked (always available).
    #[serde(default)]
    pub stock: Option<u32>,
    /// Whether the variant can be ordered beyond its stock.
    #[serde(default)]
    pub backorder: bool,
    /// Whether the variant is not released yet and is sold ahead of its release on `expected_on`
    /// (ordered beyond its stock, as a backorder is).
    #[serde(default)]
    pub preorder: bool,
    /// Most units a backorder or pre-order may sell beyond the stock on hand, over all open
    /// orders; `None` sets no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backorder_limit: Option<u32>,
    /// When more stock (or, for a pre-order, the release) is expected: shown to the shopper.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_on: Option<jiff::civil::Date>,
}

/// A base price in one currency, valid from `min_quantity` units on a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Price {
    /// Currency of the amount.
    pub currency: Currency,
    /// Unit price at the currency's minor unit or coarser.
    pub amount: Decimal,
    /// Smallest line quantity this tier applies to (1 for the plain price).
    #[serde(default = "one")]
    pub min_quantity: u32,
}

pub(crate) fn one() -> u32 {
    1
}

/// What a shopper is told about a variant's availability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Stock is not tracked or more than the low-stock threshold is on hand.
    InStock,
    /// Only a few units are left (`on_hand` at or below the threshold).
    LowStock {
        /// Units left.
        on_hand: u32,
    },
    /// None on hand, but it can be ordered and ships later.
    Backorder,
    /// Not released yet; it can be ordered ahead and ships from its release.
    Preorder,
    /// None on hand and it cannot be ordered.
    OutOfStock,
}

impl Variant {
    /// Availability from the catalog's own stock figure, counting `low_stock_threshold` or fewer
    /// units as low stock.
    pub fn availability(&self, low_stock_threshold: u32) -> Availability {
        self.availability_with(self.stock.map(i64::from), low_stock_threshold)
    }

    /// Availability when `free` units (on hand less those held for orders, below zero once a
    /// backorder holds more than is on hand) are left; `None`: stock is not tracked.
    pub fn availability_with(&self, free: Option<i64>, low_stock_threshold: u32) -> Availability {
        let Some(free) = free else { return Availability::InStock };
        if self.preorder {
            return if self.orderable_with(Some(free)).is_none_or(|left| left > 0) {
                Availability::Preorder
            } else {
                Availability::OutOfStock
            };
        }
        match u32::try_from(free.max(0)).unwrap_or(u32::MAX) {
            0 if self.orderable_with(Some(free)).is_none_or(|left| left > 0) => Availability::Backorder,
            0 => Availability::OutOfStock,
            on_hand if on_hand <= low_stock_threshold => Availability::LowStock { on_hand },
            _ => Availability::InStock,
        }
    }

    /// Whether `quantity` units can be ordered now, by the catalog's own stock figure.
    pub fn can_order(&self, quantity: u32) -> bool {
        self.orderable_with(self.stock.map(i64::from)).is_none_or(|left| u64::from(quantity) <= left)
    }

    /// How many units can be ordered in all when `free` units are left (see
    /// [`availability_with`](Self::availability_with)): the free ones, plus what a backorder or
    /// pre-order may still sell beyond them; `None`: no limit (untracked, or an unlimited backorder).
    pub fn orderable_with(&self, free: Option<i64>) -> Option<u64> {
        let free = free?;
        let beyond = match self.oversell() {
            None => 0,
            Some(None) => return None,
            Some(Some(limit)) => i64::from(limit),
        };
        Some(u64::try_from(free.saturating_add(beyond)).unwrap_or(0))
    }

    /// Whether the variant sells beyond its stock (a backorder or pre-order), and how many units
    /// at most (`None` inside: no limit).
    pub fn oversell(&self) -> Option<Option<u32>> {
        (self.backorder || self.preorder).then_some(self.backorder_limit)
    }

    /// The base price tier for `quantity` units in `currency`: the tier with the largest
    /// `min_quantity` not above `quantity`.
    pub fn base_price(&self, currency: Currency, quantity: u32) -> Option<&Price> {
        self.prices
            .iter()
            .filter(|p| p.currency == currency && p.min_quantity <= quantity)
            .max_by_key(|p| p.min_quantity)
    }
}
