//! Why a delivery choice was refused ([`DeliveryError`]): a malformed zone or window, packaging the
//! shop does not offer, a full slot; a refused call changes nothing.

use thiserror::Error;

use super::PackagingKind;
use crate::money::MoneyError;

/// Why a delivery choice was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DeliveryError {
    /// A field is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The offending field (`zone.countries[0]`).
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The cart asks for packaging the shop does not offer.
    #[error("packaging: {kind} is not offered")]
    PackagingUnavailable {
        /// The packaging asked for.
        kind: PackagingKind,
    },
    /// The delivery slot has no capacity left.
    #[error("slot {slot_id}: all {capacity} places are booked")]
    SlotFull {
        /// The slot.
        slot_id: String,
        /// Its capacity.
        capacity: u32,
    },
    /// Amounts in different currencies or out of range.
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl DeliveryError {
    /// Builds a [`DeliveryError::InvalidField`].
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> DeliveryError {
        DeliveryError::InvalidField { field: field.into(), reason: reason.into() }
    }
}

crate::error_code!(DeliveryError, "delivery", {
    DeliveryError::InvalidField { field, .. } => "invalid_field" @ &**field,
    DeliveryError::PackagingUnavailable { .. } => "packaging_unavailable",
    DeliveryError::SlotFull { .. } => "slot_full",
}, wraps {
    DeliveryError::Money(inner) => inner,
});
