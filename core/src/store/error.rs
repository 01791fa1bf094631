//! The store's typed errors: missing aggregates, optimistic-concurrency conflicts, duplicates, stock
//! shortfalls, bad input and backend failures.

use thiserror::Error;

/// What a store call can fail with. A failed call changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    /// No aggregate of this kind with this id.
    #[error("{kind} {id} not found")]
    NotFound {
        /// The aggregate kind, e.g. `order`.
        kind: &'static str,
        /// Its id.
        id: String,
    },
    /// The write was based on a stale version: someone saved in between. Re-read and retry.
    #[error("{kind} {id}: saved with version {expected_version} but the stored version is {actual_version}")]
    Conflict {
        /// The aggregate kind.
        kind: &'static str,
        /// Its id.
        id: String,
        /// The version the caller read (0: the caller thought it was new).
        expected_version: u64,
        /// The version stored now.
        actual_version: u64,
    },
    /// A unique value (order number, customer e-mail, reservation, outbox message id) is taken.
    #[error("{kind} {key}: already exists")]
    Duplicate {
        /// What is duplicated, e.g. `order number`.
        kind: &'static str,
        /// The duplicated value.
        key: String,
    },
    /// Not enough stock to reserve; nothing was reserved.
    #[error("variant {variant_id}: {requested} requested but only {available} available")]
    InsufficientStock {
        /// The variant short of stock.
        variant_id: String,
        /// Units asked for.
        requested: u32,
        /// Units on hand and not reserved.
        available: u64,
    },
    /// A promotion's total (or, with `per_customer`, the customer's) use limit is reached; nothing changed.
    #[error("promotion {promotion_id}: {} use limit reached", if *per_customer { "per-customer" } else { "total" })]
    PromotionLimitReached {
        /// The promotion.
        promotion_id: String,
        /// Whether the customer's own limit (rather than the total) was reached.
        per_customer: bool,
    },
    /// Bad input, naming the field.
    #[error("{field}: {reason}")]
    Invalid {
        /// The offending field.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The database failed (connection, I/O, corrupt document).
    #[error("store backend: {0}")]
    Backend(String),
}

impl StoreError {
    /// A [`StoreError::Invalid`] for `field`.
    pub fn invalid(field: &str, reason: impl Into<String>) -> StoreError {
        StoreError::Invalid { field: field.to_owned(), reason: reason.into() }
    }

    /// A [`StoreError::NotFound`] of `kind`.
    pub fn not_found(kind: &'static str, id: &str) -> StoreError {
        StoreError::NotFound { kind, id: id.to_owned() }
    }
}
