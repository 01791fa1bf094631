//! What a gateway answers: a normalised status and error code, the gateway's reference, the amount and
//! currency echoed back (checked against the request: a mismatch is an integrity error), an action the
//! shopper must take, and the raw payload for support and audits.

use serde::{Deserialize, Serialize};

use super::{GatewayError, GatewayErrorCode, GatewayOperation};
use crate::money::Money;

/// The state of a gateway transaction after an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GatewayStatus {
    /// Accepted, outcome not known yet (a webhook or sync will tell).
    Pending,
    /// The shopper must complete [`GatewayResult::action`].
    RequiresAction,
    /// Funds reserved (also: a verify that succeeded).
    Authorized,
    /// Funds taken.
    Captured,
    /// Authorization released.
    Voided,
    /// Funds given back (the result of a refund).
    Refunded,
    /// Declined or failed; see [`GatewayResult::error`].
    Failed,
    /// Lapsed.
    Expired,
}

/// What the shopper must do for a payment to proceed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RequiredAction {
    /// Send the shopper's browser to `url` (a bank page, a wallet, 3-D Secure).
    Redirect {
        /// Where to send the shopper.
        url: String,
    },
    /// Run the gateway's 3-D Secure challenge in the page with `data`.
    ThreeDSecure {
        /// The gateway's challenge data.
        data: serde_json::Value,
    },
}

/// A gateway's answer to one operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GatewayResult {
    /// The normalised status.
    pub status: GatewayStatus,
    /// The gateway's reference of the transaction (of the refund, for a refund).
    pub gateway_reference: String,
    /// The amount and currency the gateway says it acted on.
    pub amount: Money,
    /// The normalised error, when it failed.
    #[serde(default)]
    pub error: Option<GatewayErrorCode>,
    /// The gateway's own message, for staff.
    #[serde(default)]
    pub message: Option<String>,
    /// What the shopper must do, when the status is `requires_action`.
    #[serde(default)]
    pub action: Option<RequiredAction>,
    /// The gateway's answer as received.
    #[serde(default)]
    pub raw: serde_json::Value,
}

impl GatewayResult {
    /// Checks that the gateway acted on exactly `expected` (amount and currency).
    pub fn check_echo(&self, operation: GatewayOperation, expected: Money) -> Result<(), GatewayError> {
        if self.amount == expected {
            Ok(())
        } else {
            Err(GatewayError::AmountMismatch { operation, expected, echoed: self.amount })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    #[test]
    fn echo_must_match_amount_and_currency() {
        let result = GatewayResult {
            status: GatewayStatus::Captured,
            gateway_reference: "gw".into(),
            amount: Money::from_minor(1000, Currency::EUR),
            error: None,
            message: None,
            action: None,
            raw: serde_json::json!({"id": "gw"}),
        };
        let op = GatewayOperation::Capture;
        assert!(result.check_echo(op, Money::from_minor(1000, Currency::EUR)).is_ok());
        for wrong in [Money::from_minor(999, Currency::EUR), Money::from_minor(1000, Currency::USD)] {
            assert_eq!(
                result.check_echo(op, wrong),
                Err(GatewayError::AmountMismatch { operation: op, expected: wrong, echoed: result.amount })
            );
        }
        let json = serde_json::to_string(&result).unwrap();
        assert_eq!(serde_json::from_str::<GatewayResult>(&json).unwrap(), result);
    }
}
