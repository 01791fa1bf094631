//! Stock locations, per-location levels and the movement ledger as stored: the staff's moves go
//! with a command's [`Changes`](super::Changes); these reads list them and check they agree.

use async_trait::async_trait;

use super::StoreError;
use crate::inventory::{
    AllocatedLine, LocationLevel, LowStockLevel, MovementReason, MovementSource, StockLocation, StockMismatch,
    StockMovement,
};

/// A movement of stock at one location made with a command: on hand rises for a receipt, a restock
/// or a transfer in, and falls for a write-off or a transfer out (only units not reserved: else
/// [`StoreError::InsufficientStock`]); each leaves its ledger row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockMove {
    /// Where (a stored location: else [`StoreError::NotFound`]).
    pub location_id: String,
    /// Which variant (a rise starts tracking it there).
    pub variant_id: String,
    /// Why: receipt, return_restock, transfer_in, damage_write_off or transfer_out.
    pub reason: MovementReason,
    /// Who or what.
    pub source: MovementSource,
    /// How many units (at least 1).
    pub quantity: u32,
}

impl StockMove {
    /// The change of on hand this move makes; `None` for a reason a move cannot have (sales,
    /// holds and counts have their own changes).
    pub fn on_hand_delta(&self) -> Option<i64> {
        let units = i64::from(self.quantity);
        match self.reason {
            MovementReason::Receipt | MovementReason::ReturnRestock | MovementReason::TransferIn => Some(units),
            MovementReason::DamageWriteOff | MovementReason::TransferOut => Some(-units),
            MovementReason::Sale
            | MovementReason::Reservation
            | MovementReason::Release
            | MovementReason::CountAdjustment => None,
        }
    }
}

/// Stock locations and what the ledger says.
#[async_trait]
pub trait InventoryRepository: Send + Sync {
    /// Stores `location` (a new id is added after the others, a known one replaced in place).
    async fn save_location(&self, location: &StockLocation) -> Result<(), StoreError>;

    /// Every location, in the order allocation prefers them (the default one first).
    async fn stock_locations(&self) -> Result<Vec<StockLocation>, StoreError>;

    /// The levels of `variant_id` at each location holding it, in location order.
    async fn levels_of(&self, variant_id: &str) -> Result<Vec<LocationLevel>, StoreError>;

    /// The newest `limit` ledger rows of `variant_id`, newest first.
    async fn stock_movements(&self, variant_id: &str, limit: u32) -> Result<Vec<StockMovement>, StoreError>;

    /// Where the units held for `order_id` are (by location, then variant).
    async fn allocation(&self, order_id: &str) -> Result<Vec<AllocatedLine>, StoreError>;

    /// Sets the low-stock threshold of `variant_id` at `location_id` (`None`: no alerts);
    /// [`StoreError::NotFound`] if the location does not hold the variant.
    async fn set_low_stock_threshold(
        &self,
        location_id: &str,
        variant_id: &str,
        threshold: Option<u64>,
    ) -> Result<(), StoreError>;

    /// Re-arms the alert of every level whose free units rose above its threshold; how many.
    async fn rearm_low_stock(&self) -> Result<u64, StoreError>;

    /// Up to `limit` levels at or below their threshold not yet alerted on, by location and variant.
    async fn low_stock_due(&self, limit: u32) -> Result<Vec<LowStockLevel>, StoreError>;

    /// Recomputes every level from the ledger and lists each (location, variant) that differs.
    async fn check_consistency(&self) -> Result<Vec<StockMismatch>, StoreError>;
}
