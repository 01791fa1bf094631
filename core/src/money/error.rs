//! Errors raised while parsing, converting or combining amounts of money.

use thiserror::Error;

/// Why an amount of money could not be built or combined.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    /// The currency code is not an ISO 4217 currency with a minor unit (e.g. `XAU`, `ABC`).
    #[error("{field}: unknown currency code {code:?}")]
    UnknownCurrency {
        /// The field that held the code.
        field: String,
        /// The code as given.
        code: String,
    },
    /// The text is not a decimal number.
    #[error("{field}: {value:?} is not a decimal amount")]
    InvalidAmount {
        /// The field that held the amount.
        field: String,
        /// The text as given.
        value: String,
    },
    /// The amount has more decimals than the currency's minor unit allows (`12.345 EUR`).
    #[error("{field}: {value} has more than {minor_units} decimals allowed for {currency}")]
    ExcessPrecision {
        /// The field that held the amount.
        field: String,
        /// The amount as given.
        value: String,
        /// The currency's ISO code.
        currency: &'static str,
        /// The currency's number of minor-unit digits.
        minor_units: u32,
    },
    /// The amount is negative where only zero or more is allowed.
    #[error("{field}: {value} must not be negative")]
    Negative {
        /// The field that held the amount.
        field: String,
        /// The amount as given.
        value: String,
    },
    /// Two amounts in different currencies were combined.
    #[error("currency mismatch: {left} and {right}")]
    CurrencyMismatch {
        /// The currency of the left operand.
        left: &'static str,
        /// The currency of the right operand.
        right: &'static str,
    },
    /// The amount does not fit the engine's range (about 92 quadrillion minor units).
    #[error("{field}: amount out of range")]
    Overflow {
        /// The field whose amount overflowed.
        field: String,
    },
}

crate::error_code!(MoneyError, "money", {
    MoneyError::UnknownCurrency { field, .. } => "unknown_currency" @ &**field,
    MoneyError::InvalidAmount { field, .. } => "invalid_amount" @ &**field,
    MoneyError::ExcessPrecision { field, .. } => "excess_precision" @ &**field,
    MoneyError::Negative { field, .. } => "negative" @ &**field,
    MoneyError::CurrencyMismatch { .. } => "currency_mismatch",
    MoneyError::Overflow { field, .. } => "overflow" @ &**field,
});
