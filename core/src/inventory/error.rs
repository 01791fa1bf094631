//! Why an inventory request was refused: bad input naming its field, or a location that does not
//! exist.

use thiserror::Error;

/// An inventory request that was refused; nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InventoryError {
    /// A value breaks a rule (an empty name, a zero quantity, a transfer to the same place).
    #[error("{field}: {reason}")]
    Invalid {
        /// The offending field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No stock location has this id.
    #[error("stock location {location_id} not found")]
    UnknownLocation {
        /// The id asked for.
        location_id: String,
    },
}

impl InventoryError {
    /// An [`InventoryError::Invalid`] for `field`.
    pub fn invalid(field: &str, reason: impl Into<String>) -> InventoryError {
        InventoryError::Invalid { field: field.to_owned(), reason: reason.into() }
    }
}

crate::error_code!(InventoryError, "inventory", {
    InventoryError::Invalid { field, .. } => "invalid" @ &**field,
    InventoryError::UnknownLocation { .. } => "unknown_location" @ "location_id",
});
