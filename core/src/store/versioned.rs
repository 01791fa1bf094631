//! `Versioned<T>`: an aggregate as read from the store with the version its next save must quote.

use serde::{Deserialize, Serialize};

/// An aggregate with its stored version. Versions start at 1 and grow by one on every save; a new
/// aggregate, never saved, has version 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "Versioned{T}"))]
pub struct Versioned<T> {
    /// The aggregate.
    pub value: T,
    /// The version it was read at.
    pub version: u64,
}

impl<T> Versioned<T> {
    /// `value` at `version`.
    pub fn new(value: T, version: u64) -> Versioned<T> {
        Versioned { value, version }
    }
}
