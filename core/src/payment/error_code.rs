//! Normalised gateway error codes: every gateway adapter maps its own decline and failure codes onto
//! these, so the shop shows the same message and takes the same action whatever the provider.

use serde::{Deserialize, Serialize};

/// Why a gateway refused or could not complete an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GatewayErrorCode {
    /// The issuer declined without a more specific reason.
    CardDeclined,
    /// The card has expired.
    ExpiredCard,
    /// Not enough funds or credit.
    InsufficientFunds,
    /// The security code (CVC) is wrong.
    IncorrectCvc,
    /// The card number is wrong.
    IncorrectNumber,
    /// The gateway or issuer suspects fraud.
    FraudSuspected,
    /// 3-D Secure or another strong customer authentication failed or was abandoned.
    AuthenticationFailed,
    /// The gateway could not process the request (an error on its side); retrying may succeed.
    ProcessingError,
    /// The gateway rejected the request as malformed (a bug in the adapter or the shop's setup).
    InvalidRequest,
    /// Too many requests; retry later.
    RateLimited,
    /// A code the adapter could not map.
    Unknown,
}

impl GatewayErrorCode {
    /// Whether trying the same payment again later may succeed (without the shopper changing anything).
    pub fn is_retryable(self) -> bool {
        matches!(self, GatewayErrorCode::ProcessingError | GatewayErrorCode::RateLimited)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_in_snake_case_and_only_transient_ones_are_retryable() {
        assert_eq!(serde_json::to_string(&GatewayErrorCode::InsufficientFunds).unwrap(), "\"insufficient_funds\"");
        assert!(GatewayErrorCode::ProcessingError.is_retryable() && GatewayErrorCode::RateLimited.is_retryable());
        assert!(!GatewayErrorCode::CardDeclined.is_retryable() && !GatewayErrorCode::ExpiredCard.is_retryable());
    }
}
