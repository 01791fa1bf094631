//! A courier's check of a delivery address: deliverable or not, a suggested correction, and the
//! carrier's remarks.

use serde::{Deserialize, Serialize};

use super::CarrierWarning;
use crate::delivery::Address;

/// A courier's verdict on an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AddressValidation {
    /// Whether the courier can deliver there.
    pub deliverable: bool,
    /// A corrected address to offer the shopper, when the courier has one.
    #[serde(default)]
    pub suggestion: Option<Address>,
    /// The carrier's remarks (why not deliverable, surcharges).
    pub warnings: Vec<CarrierWarning>,
}
