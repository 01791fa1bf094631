//! The movement ledger's vocabulary: why a level changed, who or what changed it, the row each change
//! leaves, a location's level, and a level that no longer matches its ledger.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Why a level changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MovementReason {
    /// Units received from a supplier (on hand up).
    Receipt,
    /// Reserved units left with an order's parcel (on hand and reserved down).
    Sale,
    /// Units held for an order (reserved up).
    Reservation,
    /// A hold given back, on expiry or cancellation (reserved down).
    Release,
    /// Returned units put back on the shelf (on hand up).
    ReturnRestock,
    /// Units written off as damaged (on hand down; a damaged return leaves a row that moves nothing).
    DamageWriteOff,
    /// A stock count setting on hand to what was counted.
    CountAdjustment,
    /// Units sent to another location (on hand down here).
    TransferOut,
    /// Units arriving from another location (on hand up here).
    TransferIn,
}

impl MovementReason {
    /// Every reason, in declaration order.
    pub const ALL: [MovementReason; 9] = [
        MovementReason::Receipt,
        MovementReason::Sale,
        MovementReason::Reservation,
        MovementReason::Release,
        MovementReason::ReturnRestock,
        MovementReason::DamageWriteOff,
        MovementReason::CountAdjustment,
        MovementReason::TransferOut,
        MovementReason::TransferIn,
    ];

    /// The snake_case name stored.
    pub fn as_str(self) -> &'static str {
        match self {
            MovementReason::Receipt => "receipt",
            MovementReason::Sale => "sale",
            MovementReason::Reservation => "reservation",
            MovementReason::Release => "release",
            MovementReason::ReturnRestock => "return_restock",
            MovementReason::DamageWriteOff => "damage_write_off",
            MovementReason::CountAdjustment => "count_adjustment",
            MovementReason::TransferOut => "transfer_out",
            MovementReason::TransferIn => "transfer_in",
        }
    }

    /// The reason stored as `name`, if it is one.
    pub fn parse(name: &str) -> Option<MovementReason> {
        MovementReason::ALL.into_iter().find(|reason| reason.as_str() == name)
    }
}

/// Who or what moved the stock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum MovementSource {
    /// An order (its hold, its sale, its cancellation).
    Order(String),
    /// A return (a restock or a write-off at inspection).
    Return(String),
    /// A staff member (a receipt, a count, a write-off, a transfer).
    Staff(String),
    /// The engine (an expiry, the migration of a single-stock shop).
    System,
}

impl MovementSource {
    /// The kind and id stored (`("order", Some(id))`, `("system", None)`).
    pub fn parts(&self) -> (&'static str, Option<&str>) {
        match self {
            MovementSource::Order(id) => ("order", Some(id)),
            MovementSource::Return(id) => ("return", Some(id)),
            MovementSource::Staff(id) => ("staff", Some(id)),
            MovementSource::System => ("system", None),
        }
    }

    /// The source stored as `kind` and `id`, if it is one.
    pub fn from_parts(kind: &str, id: Option<String>) -> Option<MovementSource> {
        match (kind, id) {
            ("order", Some(id)) => Some(MovementSource::Order(id)),
            ("return", Some(id)) => Some(MovementSource::Return(id)),
            ("staff", Some(id)) => Some(MovementSource::Staff(id)),
            ("system", _) => Some(MovementSource::System),
            _ => None,
        }
    }
}

/// One row of the ledger: a level's on hand and reserved are the sums of its rows' deltas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockMovement {
    /// Where.
    pub location_id: String,
    /// Which variant.
    pub variant_id: String,
    /// Why.
    pub reason: MovementReason,
    /// Who or what.
    pub source: MovementSource,
    /// The units concerned.
    pub quantity: u64,
    /// The change of on hand.
    pub on_hand_delta: i64,
    /// The change of reserved.
    pub reserved_delta: i64,
    /// When.
    pub at: Timestamp,
}

/// The stock of one variant at one location.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LocationLevel {
    /// The location.
    pub location_id: String,
    /// The variant.
    pub variant_id: String,
    /// Units on the shelf.
    pub on_hand: u64,
    /// Units held by open reservations (more than `on_hand` only while backorders wait for stock).
    pub reserved: u64,
}

impl LocationLevel {
    /// Units free to reserve.
    pub fn available(&self) -> u64 {
        self.on_hand.saturating_sub(self.reserved)
    }
}

/// A level that differs from the sums of its ledger rows (or ledger rows without a level).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StockMismatch {
    /// The location.
    pub location_id: String,
    /// The variant.
    pub variant_id: String,
    /// On hand as stored (0 without a level).
    pub on_hand: i64,
    /// Reserved as stored (0 without a level).
    pub reserved: i64,
    /// On hand by the ledger.
    pub ledger_on_hand: i64,
    /// Reserved by the ledger.
    pub ledger_reserved: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for reason in MovementReason::ALL {
            assert_eq!(MovementReason::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(MovementReason::parse("theft"), None);
        let staff = MovementSource::Staff("u1".into());
        let (kind, id) = staff.parts();
        assert_eq!(MovementSource::from_parts(kind, id.map(str::to_owned)), Some(staff));
        assert_eq!(MovementSource::from_parts("order", None), None);
    }
}
