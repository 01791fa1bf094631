//! Delivery: what the shopper chooses before paying. Shipping methods and their charges (flat, by
//! weight or subtotal bands, free over a threshold, by region), zones, the delivery methods a shopper
//! picks (own couriers, carriers, pickup points), delivery windows and slots, packaging options, and
//! the one postal [`Address`].

mod address;
mod error;
#[cfg(test)]
pub(crate) mod fixtures;
mod method;
mod packaging;
mod slot;
mod zone;

pub use address::{Address, MAX_ADDRESS_FIELD_CHARS};
pub use error::DeliveryError;
pub use method::{methods_for, DeliveryKind, DeliveryMethod, PickupPoint};
pub use packaging::{option_for, packaging_for_cart, packaging_total, PackagingCharge, PackagingKind, PackagingOption};
pub use slot::{first_free_slot, DeliverySlot, DeliveryWindow};
pub use zone::{zone_for, ShippingZone};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// A delivery option with its rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ShippingMethod {
    /// Unique id.
    pub id: String,
    /// Name shown to the shopper.
    pub name: String,
    /// Currency of every amount of the method.
    pub currency: Currency,
    /// Regions it delivers to; empty means everywhere.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Tax category of the charge.
    #[serde(default = "shipping_tax_category")]
    pub tax_category: String,
    /// How the charge is computed.
    pub rate: ShippingRate,
    /// Free when the goods, after discounts, amount to at least this.
    #[serde(default)]
    pub free_over: Option<Decimal>,
}

fn shipping_tax_category() -> String {
    "shipping".to_owned()
}

/// How a shipping charge is computed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ShippingRate {
    /// One charge whatever the cart.
    Flat {
        /// The charge.
        amount: Decimal,
    },
    /// The first band (ascending) whose `up_to_grams` is at least the cart's weight.
    WeightBands {
        /// Bands in ascending order of `up_to_grams`; the last may be open (`null`).
        bands: Vec<WeightBand>,
    },
    /// The band with the largest `min_subtotal` not above the goods' amount after discounts.
    SubtotalBands {
        /// Bands, any order; one should start at zero.
        bands: Vec<SubtotalBand>,
    },
}

/// Charge for carts up to a weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WeightBand {
    /// Upper weight bound in grams (inclusive); `None` for no bound.
    #[serde(default)]
    pub up_to_grams: Option<u64>,
    /// The charge.
    pub amount: Decimal,
}

/// Charge for carts from a subtotal on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SubtotalBand {
    /// Lower bound (inclusive) of the goods' amount after discounts.
    pub min_subtotal: Decimal,
    /// The charge.
    pub amount: Decimal,
}
