//! Price lists: sale prices (applied only when lower than the base) and override lists (customer-group
//! or B2B prices that replace the base), restricted by currency, region, channel, group and time window.

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::product::one;
use crate::money::Currency;

/// How a price list's price relates to the base price.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PriceListKind {
    /// A sale: applies only when lower than the base price.
    Sale,
    /// Replaces the base price (customer-group or B2B prices), higher or lower.
    Override,
}

/// A list of prices that applies in a given context.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PriceList {
    /// Unique id.
    pub id: String,
    /// Name shown in the back office.
    #[serde(default)]
    pub name: String,
    /// Sale or override.
    pub kind: PriceListKind,
    /// Higher wins when several lists apply; ties go to the lowest price.
    #[serde(default)]
    pub priority: i32,
    /// Currency of every price in the list.
    pub currency: Currency,
    /// Regions it applies in; empty means every region.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Sales channels it applies in (`web`, `app`, `pos`); empty means every channel.
    #[serde(default)]
    pub channels: Vec<String>,
    /// Customer groups it applies to; empty means every shopper.
    #[serde(default)]
    pub customer_groups: Vec<String>,
    /// Start of the validity window (inclusive); `None` means always started.
    #[serde(default)]
    pub starts_at: Option<Timestamp>,
    /// End of the validity window (exclusive); `None` means never ends.
    #[serde(default)]
    pub ends_at: Option<Timestamp>,
    /// The prices, with optional quantity tiers per variant.
    pub prices: Vec<PriceListEntry>,
}

/// A variant's price in a list, valid from `min_quantity` units on a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PriceListEntry {
    /// The variant priced.
    pub variant_id: String,
    /// Unit price in the list's currency.
    pub amount: Decimal,
    /// Smallest line quantity this tier applies to.
    #[serde(default = "one")]
    pub min_quantity: u32,
}
