//! Error codes of the store's errors. They live beside `store` rather than in it while the store module is
//! being reworked; move this impl into `store/error.rs` once that lands.

use crate::store::StoreError;

crate::error_code!(StoreError, "store", {
    StoreError::NotFound { .. } => "not_found",
    StoreError::Conflict { .. } => "conflict",
    StoreError::Duplicate { .. } => "duplicate",
    StoreError::InsufficientStock { .. } => "insufficient_stock",
    StoreError::PromotionLimitReached { .. } => "promotion_limit_reached",
    StoreError::Invalid { field, .. } => "invalid" @ &**field,
    StoreError::Backend(..) => "backend",
});
