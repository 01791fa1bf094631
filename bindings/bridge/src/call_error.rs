//! A failed call as every binding raises it: the core's stable `code`, the `field` it concerns,
//! the `domain` it comes from and the message, read from the core's `ErrorCode` trait.

use serde::Serialize;
use vitrina_core::error::ErrorCode;
use vitrina_core::shop::ShopError;

/// A use case that failed, in the terms every binding maps to its own exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CallError {
    /// The core's stable snake_case code (`no_price`, `not_found`, `invalid`).
    pub code: String,
    /// The input field concerned (`lines[0].quantity`, `quantity`), if any.
    pub field: Option<String>,
    /// The part of the core the failure comes from (`pricing`, `payment`, `shop`).
    pub domain: String,
    /// The human-readable message.
    pub message: String,
    /// True when the outcome of a money movement is unknown (repeat with the same key).
    pub outcome_unknown: bool,
    /// True when the call lost a race to another writer (read again and retry).
    pub conflict: bool,
}

impl CallError {
    /// Any core error as a call error: its code, field, domain and message (neither flag set).
    pub(crate) fn of<E: ErrorCode + std::fmt::Display>(error: &E) -> CallError {
        CallError {
            code: error.code().to_owned(),
            field: error.field().map(str::to_owned),
            domain: error.domain().to_owned(),
            message: error.to_string(),
            outcome_unknown: false,
            conflict: false,
        }
    }
}

impl From<ShopError> for CallError {
    fn from(error: ShopError) -> CallError {
        CallError {
            outcome_unknown: error.leaves_outcome_unknown(),
            conflict: error.is_conflict(),
            ..CallError::of(&error)
        }
    }
}

impl std::fmt::Display for CallError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CallError {}
