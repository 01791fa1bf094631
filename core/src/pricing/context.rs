//! Who is buying, where, when and how: the context that selects price lists, promotions, tax rules
//! and the shipping method, and the store's pricing rules that stay the same between carts.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::delivery::{PackagingOption, ShippingMethod};
use crate::money::{Currency, RoundingPolicy};
use crate::promotion::Promotion;
use crate::tax::TaxConfig;

/// The circumstances of one pricing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PricingContext {
    /// Currency to price in; must be the cart's.
    pub currency: Currency,
    /// Delivery region (selects price lists, tax rules and shipping).
    #[serde(default)]
    pub region: Option<String>,
    /// Sales channel (`web`, `app`, `pos`).
    #[serde(default)]
    pub channel: Option<String>,
    /// The shopper's customer groups (`vip`, `b2b`).
    #[serde(default)]
    pub customer_groups: Vec<String>,
    /// The saved customer segments the shopper is in, by id (those the promotions name are enough).
    #[serde(default)]
    pub customer_segments: Vec<String>,
    /// The moment of pricing (UTC); price lists and promotions are valid or not at this moment.
    pub now: Timestamp,
    /// Whether this would be the shopper's first order.
    #[serde(default)]
    pub first_order: bool,
    /// How many times this customer has already used each promotion, by promotion id.
    #[serde(default)]
    pub promotion_uses: BTreeMap<String, u32>,
    /// The shipping method chosen, by id; `None` prices the cart without shipping.
    #[serde(default)]
    pub shipping_method_id: Option<String>,
}

/// The store's pricing rules: promotions, tax, shipping methods, packaging options and rounding.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PricingRules {
    /// Active promotions and coupons.
    #[serde(default)]
    pub promotions: Vec<Promotion>,
    /// Tax configuration.
    #[serde(default)]
    pub tax: TaxConfig,
    /// Shipping methods offered.
    #[serde(default)]
    pub shipping_methods: Vec<ShippingMethod>,
    /// Gift wrap and discreet packaging offered, with their prices, per currency.
    #[serde(default)]
    pub packaging: Vec<PackagingOption>,
    /// How fractions of a minor unit are rounded.
    #[serde(default)]
    pub rounding: RoundingPolicy,
}
