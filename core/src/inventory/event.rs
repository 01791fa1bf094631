//! Inventory's events: a level's free units falling to its low-stock threshold, serialised tagged by
//! `type` as the outbox stores them (the outbox's union is `notify::DomainEvent`).

use serde::{Deserialize, Serialize};

/// Something that happened to stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum InventoryEvent {
    /// The free units of a variant at a location fell to its threshold or below (once per crossing:
    /// raised again only after they rose above it).
    LowStock {
        /// The location.
        location_id: String,
        /// The variant.
        variant_id: String,
        /// Units free to sell there now.
        available: u64,
        /// The threshold crossed.
        threshold: u64,
    },
}

impl InventoryEvent {
    /// The event's `type` as serialised (`low_stock`), for routing.
    pub fn kind(&self) -> &'static str {
        match self {
            InventoryEvent::LowStock { .. } => "low_stock",
        }
    }
}

/// A level at or below its low-stock threshold not yet alerted on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LowStockLevel {
    /// The location.
    pub location_id: String,
    /// The variant.
    pub variant_id: String,
    /// Units free to sell there.
    pub available: u64,
    /// Its threshold.
    pub threshold: u64,
    /// How many crossings were alerted on before (numbers this one's e-mail).
    pub crossings: u64,
}
