//! Inventory: stock locations, the movement ledger that explains every change of a level, the
//! pluggable strategy that allocates an order's lines to the locations that hold them, low-stock alerts,
//! and shoppers' requests to hear when a variant is back.
//!
//! A shop that never names a location keeps working: its stock sits at [`DEFAULT_LOCATION`].

mod allocation;
mod error;
mod event;
mod location;
mod movement;
mod notice;

pub use allocation::{AllocatedLine, AllocationStrategy, Allocator, Candidate, Demand, FewestLocations, Shortfall};
pub use error::InventoryError;
pub use event::{InventoryEvent, LowStockLevel};
pub use location::{LocationKind, StockLocation, DEFAULT_LOCATION};
pub use movement::{LocationLevel, MovementReason, MovementSource, StockMismatch, StockMovement};
pub use notice::{NoticeState, StockNotice};
