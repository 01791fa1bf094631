//! Errors found while validating a catalog; each names the offending field by its path
//! (`products[2].variants[0].prices[1].amount`).

use thiserror::Error;

use crate::money::MoneyError;

/// Why a catalog (or a lookup in it) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CatalogError {
    /// Two items share an id that must be unique.
    #[error("{field}: duplicate id {id:?}")]
    DuplicateId {
        /// Path of the second occurrence.
        field: String,
        /// The repeated id.
        id: String,
    },
    /// A reference to something the catalog does not have.
    #[error("{field}: unknown {kind} {id:?}")]
    UnknownReference {
        /// Path of the reference.
        field: String,
        /// What was referenced (`category`, `variant`, `option`...).
        kind: &'static str,
        /// The id referenced.
        id: String,
    },
    /// A value breaks a rule of the catalog.
    #[error("{field}: {reason}")]
    Invalid {
        /// Path of the value.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An amount is not valid money in its currency.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> CatalogError {
    CatalogError::Invalid { field: field.into(), reason: reason.into() }
}

crate::error_code!(CatalogError, "catalog", {
    CatalogError::DuplicateId { field, .. } => "duplicate_id" @ &**field,
    CatalogError::UnknownReference { field, .. } => "unknown_reference" @ &**field,
    CatalogError::Invalid { field, .. } => "invalid" @ &**field,
}, wraps {
    CatalogError::Money(inner) => inner,
});
