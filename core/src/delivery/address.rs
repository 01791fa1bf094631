//! The one postal address: recipient, street lines, city, postal code, optional region and an ISO
//! 3166-1 alpha-2 country code; where an order is delivered and where couriers pick up.

use serde::{Deserialize, Serialize};

impl Address {
    /// The address with the person and the street taken out (a customer's erasure): the country
    /// and region stay, as the tax charged on an order depends on them.
    pub fn erased(&self) -> Address {
        let erased = || crate::erasure::ERASED.to_owned();
        Address {
            recipient: erased(),
            line1: erased(),
            line2: None,
            city: erased(),
            postal_code: erased(),
            region: self.region.clone(),
            country: self.country.clone(),
        }
    }
}

/// Longest text field of an address.
pub const MAX_ADDRESS_FIELD_CHARS: usize = 200;

/// Where an order is delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Address {
    /// Who receives the parcel.
    pub recipient: String,
    /// Street and number.
    pub line1: String,
    /// Flat, floor, company (optional).
    #[serde(default)]
    pub line2: Option<String>,
    /// City or town.
    pub city: String,
    /// Postal code.
    pub postal_code: String,
    /// State, province or oblast, where the country uses one.
    #[serde(default)]
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country code (`BG`, `DE`), upper-cased when validated.
    pub country: String,
}
