//! Errors raised by customer accounts, their addresses, consent, notes and purchase summaries.

use jiff::Timestamp;
use thiserror::Error;

use super::consent::ConsentChannel;
use crate::money::MoneyError;

/// Why a customer operation was refused. On error nothing on the account changes.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CustomerError {
    /// A field of the input is missing or malformed.
    #[error("{field}: {reason}")]
    InvalidField {
        /// The offending field, e.g. `email` or `address.lines[0]`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The country is not an ISO 3166-1 alpha-2 code.
    #[error("{field}: {code:?} is not an ISO 3166-1 alpha-2 country code")]
    UnknownCountry {
        /// The field that held the code.
        field: String,
        /// The code as given.
        code: String,
    },
    /// No address with this id on the account.
    #[error("address {address_id} not found")]
    AddressNotFound {
        /// The id asked for.
        address_id: String,
    },
    /// No note with this id on the account.
    #[error("note {note_id} not found")]
    NoteNotFound {
        /// The id asked for.
        note_id: String,
    },
    /// A consent event is dated before the latest one recorded for its channel.
    #[error("{channel} consent: {at} is before the latest event at {last}")]
    ConsentOutOfOrder {
        /// The channel concerned.
        channel: ConsentChannel,
        /// The time given with the event.
        at: Timestamp,
        /// The time of the latest recorded event for the channel.
        last: Timestamp,
    },
    /// Adding up purchase totals failed (amount out of range).
    #[error(transparent)]
    Money(#[from] MoneyError),
}

impl CustomerError {
    /// Builds a [`CustomerError::InvalidField`] for `field`.
    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::InvalidField { field: field.into(), reason: reason.into() }
    }
}

crate::error_code!(CustomerError, "customer", {
    CustomerError::InvalidField { field, .. } => "invalid_field" @ &**field,
    CustomerError::UnknownCountry { field, .. } => "unknown_country" @ &**field,
    CustomerError::AddressNotFound { .. } => "address_not_found",
    CustomerError::NoteNotFound { .. } => "note_not_found",
    CustomerError::ConsentOutOfOrder { .. } => "consent_out_of_order",
}, wraps {
    CustomerError::Money(inner) => inner,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_field_names_the_field() {
        assert_eq!(CustomerError::invalid("email", "must contain one @").to_string(), "email: must contain one @");
    }

    #[test]
    fn unknown_country_names_field_and_code() {
        let err = CustomerError::UnknownCountry { field: "address.country".into(), code: "XX".into() };
        assert_eq!(err.to_string(), "address.country: \"XX\" is not an ISO 3166-1 alpha-2 country code");
    }
}
