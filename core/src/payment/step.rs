//! The inputs of the payment state machine: what happened at the gateway (authorized, captured,
//! refunded an amount, ...), and how a gateway result for an operation maps onto one.

use serde::{Deserialize, Serialize};

use super::{GatewayErrorCode, GatewayOperation, GatewayResult, GatewayStatus};
use crate::money::Money;

/// Something that happened to a payment, fed to [`crate::payment::Payment::apply`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PaymentStep {
    /// The shopper must complete 3-D Secure or a redirect.
    ActionRequired,
    /// Funds were reserved (at most the payment's amount).
    Authorized {
        /// The amount authorized.
        amount: Money,
    },
    /// Funds were authorized and taken at once.
    Purchased {
        /// The amount taken.
        amount: Money,
    },
    /// Part or all of the authorization was taken.
    Captured {
        /// This capture.
        amount: Money,
    },
    /// Part or all of what was taken was given back.
    Refunded {
        /// This refund.
        amount: Money,
        /// The refund record, when requested through Vitrina.
        refund_id: Option<String>,
    },
    /// The authorization was released.
    Voided,
    /// Declined or failed.
    Failed {
        /// The normalised reason.
        error: Option<GatewayErrorCode>,
    },
    /// Lapsed.
    Expired,
}

impl PaymentStep {
    /// The amount the step moves, if it moves one.
    pub fn amount(&self) -> Option<Money> {
        match self {
            PaymentStep::Authorized { amount }
            | PaymentStep::Purchased { amount }
            | PaymentStep::Captured { amount }
            | PaymentStep::Refunded { amount, .. } => Some(*amount),
            _ => None,
        }
    }

    /// The step a gateway `result` of `operation` means for the payment, or `None` when the payment
    /// does not change: still pending, or a capture, void or refund the gateway refused (the payment
    /// keeps what it had; the error is kept as its last error).
    pub fn from_result(operation: GatewayOperation, result: &GatewayResult) -> Option<PaymentStep> {
        let amount = result.amount;
        match (result.status, operation) {
            (GatewayStatus::Pending, _) => None,
            (GatewayStatus::RequiresAction, _) => Some(PaymentStep::ActionRequired),
            (GatewayStatus::Authorized, _) => Some(PaymentStep::Authorized { amount }),
            (GatewayStatus::Captured, GatewayOperation::Capture) => Some(PaymentStep::Captured { amount }),
            (GatewayStatus::Captured, _) => Some(PaymentStep::Purchased { amount }),
            (GatewayStatus::Refunded, _) => Some(PaymentStep::Refunded { amount, refund_id: None }),
            (GatewayStatus::Voided, _) => Some(PaymentStep::Voided),
            (GatewayStatus::Expired, _) => Some(PaymentStep::Expired),
            (GatewayStatus::Failed, op) if op.opens_payment() => Some(PaymentStep::Failed { error: result.error }),
            (GatewayStatus::Failed, _) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn result(status: GatewayStatus) -> GatewayResult {
        GatewayResult {
            status,
            gateway_reference: "gw-1".into(),
            amount: Money::from_minor(500, Currency::EUR),
            error: Some(GatewayErrorCode::CardDeclined),
            message: None,
            action: None,
            raw: serde_json::Value::Null,
        }
    }

    #[test]
    fn results_map_to_steps_by_operation() {
        use GatewayOperation as Op;
        use GatewayStatus as S;
        let amount = Money::from_minor(500, Currency::EUR);
        assert_eq!(PaymentStep::from_result(Op::Authorize, &result(S::Pending)), None);
        assert_eq!(
            PaymentStep::from_result(Op::Purchase, &result(S::RequiresAction)),
            Some(PaymentStep::ActionRequired)
        );
        assert_eq!(
            PaymentStep::from_result(Op::Authorize, &result(S::Authorized)),
            Some(PaymentStep::Authorized { amount })
        );
        assert_eq!(PaymentStep::from_result(Op::Capture, &result(S::Captured)), Some(PaymentStep::Captured { amount }));
        assert_eq!(
            PaymentStep::from_result(Op::Purchase, &result(S::Captured)),
            Some(PaymentStep::Purchased { amount })
        );
        assert_eq!(
            PaymentStep::from_result(Op::CompleteAction, &result(S::Captured)),
            Some(PaymentStep::Purchased { amount })
        );
        assert_eq!(
            PaymentStep::from_result(Op::Authorize, &result(S::Failed)),
            Some(PaymentStep::Failed { error: Some(GatewayErrorCode::CardDeclined) })
        );
        assert_eq!(PaymentStep::from_result(Op::Capture, &result(S::Failed)), None);
        assert_eq!(PaymentStep::from_result(Op::Refund, &result(S::Failed)), None);
        assert_eq!(PaymentStep::from_result(Op::Void, &result(S::Voided)), Some(PaymentStep::Voided));
    }
}
