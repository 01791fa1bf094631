//! From Stripe's answers to the core's terms: PaymentIntent, SetupIntent and Refund statuses to
//! [`GatewayStatus`], decline and error codes to [`GatewayErrorCode`], error objects to [`GatewayError`].

use serde_json::Value;
use vitrina_core::money::Money;
use vitrina_core::payment::RequiredAction;
use vitrina_core::payment::{GatewayError, GatewayErrorCode, GatewayResult, GatewayStatus, IdempotencyError};
use vitrina_core::redact::REDACTED;

use crate::amount::from_stripe;
use crate::client::Failure;
use crate::wire::{ApiError, PaymentIntent, Refund, SetupIntent};

/// The normalised code of a Stripe error: the issuer's `decline_code` first, else the error `code`.
pub fn error_code(error: &ApiError) -> GatewayErrorCode {
    let reason = error.decline_code.as_deref().or(error.code.as_deref()).unwrap_or_default();
    match reason {
        "insufficient_funds" | "card_velocity_exceeded" | "withdrawal_count_limit_exceeded" => {
            GatewayErrorCode::InsufficientFunds
        }
        "expired_card" => GatewayErrorCode::ExpiredCard,
        "incorrect_cvc" | "invalid_cvc" => GatewayErrorCode::IncorrectCvc,
        "incorrect_number" | "invalid_number" | "invalid_account" => GatewayErrorCode::IncorrectNumber,
        "fraudulent" | "lost_card" | "stolen_card" | "pickup_card" | "merchant_blacklist" | "security_violation"
        | "restricted_card" => GatewayErrorCode::FraudSuspected,
        "authentication_required"
        | "authentication_not_handled"
        | "payment_intent_authentication_failure"
        | "setup_intent_authentication_failure" => GatewayErrorCode::AuthenticationFailed,
        "processing_error" | "issuer_not_available" | "try_again_later" | "reenter_transaction" => {
            GatewayErrorCode::ProcessingError
        }
        "rate_limit" => GatewayErrorCode::RateLimited,
        _ => match error.kind.as_str() {
            "card_error" => GatewayErrorCode::CardDeclined,
            "api_error" => GatewayErrorCode::ProcessingError,
            "invalid_request_error" => GatewayErrorCode::InvalidRequest,
            _ => GatewayErrorCode::Unknown,
        },
    }
}

/// The staff message of a Stripe error: its message with its codes.
pub fn error_message(error: &ApiError) -> String {
    let mut text = error.message.clone().unwrap_or_else(|| "no message".to_owned());
    for code in [&error.code, &error.decline_code].into_iter().flatten() {
        text.push_str(&format!(" [{code}]"));
    }
    text
}

/// A failure that is not a card decline as a [`GatewayError`]. `key` is the request's idempotency
/// key, `reference` the object the request was about.
pub fn failure_to_error(failure: Failure, key: &str, reference: &str) -> GatewayError {
    let (status, error) = match failure {
        Failure::Unavailable(reason) => return GatewayError::Unavailable { reason },
        Failure::Api { status, error, .. } => (status, error),
    };
    let message = error_message(&error);
    match error.kind.as_str() {
        "idempotency_error" => IdempotencyError::KeyReused { key: key.to_owned() }.into(),
        // 404: the object in the path does not exist (a missing object named by a parameter is a 400).
        _ if status == 404 => GatewayError::UnknownReference { reference: reference.to_owned() },
        _ if status == 429 => GatewayError::Unavailable { reason: format!("rate limited by Stripe: {message}") },
        _ if error.kind == "api_error" || status >= 500 => {
            GatewayError::Unavailable { reason: format!("Stripe error (HTTP {status}): {message}") }
        }
        _ if status == 401 || status == 403 => {
            GatewayError::InvalidRequest { field: "api_key".into(), reason: message }
        }
        _ => GatewayError::InvalidRequest {
            field: error.param.clone().unwrap_or_else(|| "request".into()),
            reason: message,
        },
    }
}

/// The answer as kept in [`GatewayResult::raw`]: client secrets (which let a browser confirm the
/// payment) are replaced by a marker, wherever they are nested.
pub fn scrub(mut value: Value) -> Value {
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map.iter_mut() {
                    if key == "client_secret" && inner.is_string() {
                        *inner = Value::String(REDACTED.to_owned());
                    } else {
                        walk(inner);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

/// What the shopper must do for a `requires_action` intent: a redirect when Stripe gives a URL,
/// else the `next_action` for Stripe.js (`use_stripe_sdk`).
fn action(next_action: Option<&Value>) -> Option<RequiredAction> {
    let next = next_action?;
    let url = next.pointer("/redirect_to_url/url").and_then(Value::as_str);
    Some(match url {
        Some(url) => RequiredAction::Redirect { url: url.to_owned() },
        None => RequiredAction::ThreeDSecure { data: next.clone() },
    })
}

fn result(status: GatewayStatus, reference: &str, amount: Money, raw: Value) -> GatewayResult {
    GatewayResult {
        status,
        gateway_reference: reference.to_owned(),
        amount,
        error: None,
        message: None,
        action: None,
        raw: scrub(raw),
    }
}

/// A PaymentIntent as a result. The amount is what was collected once captured, else the amount
/// intended (which is what was authorized, voided or asked for).
pub fn intent_result(intent: &PaymentIntent, raw: Value) -> Result<GatewayResult, GatewayError> {
    let status = match intent.status.as_str() {
        "requires_capture" => GatewayStatus::Authorized,
        "succeeded" => GatewayStatus::Captured,
        "requires_action" => GatewayStatus::RequiresAction,
        // Stripe itself cancels an authorization left uncaptured too long (`automatic` or `expired`).
        "canceled" if matches!(intent.cancellation_reason.as_deref(), Some("automatic" | "expired")) => {
            GatewayStatus::Expired
        }
        "canceled" => GatewayStatus::Voided,
        "requires_payment_method" if intent.last_payment_error.is_some() => GatewayStatus::Failed,
        // requires_payment_method (nothing tried yet), requires_confirmation, processing.
        _ => GatewayStatus::Pending,
    };
    let minor = if status == GatewayStatus::Captured { intent.amount_received } else { intent.amount };
    let mut out = result(status, &intent.id, from_stripe(minor, &intent.currency)?, raw);
    if status == GatewayStatus::Failed {
        let error = intent.last_payment_error.as_ref().expect("checked above");
        out.error = Some(error_code(error));
        out.message = Some(error_message(error));
    }
    if status == GatewayStatus::RequiresAction {
        out.action = action(intent.next_action.as_ref());
    }
    Ok(out)
}

/// A SetupIntent (a card check) as a result for `amount` (zero: nothing moves).
pub fn setup_result(intent: &SetupIntent, amount: Money, raw: Value) -> GatewayResult {
    let status = match intent.status.as_str() {
        "succeeded" => GatewayStatus::Authorized,
        "requires_action" => GatewayStatus::RequiresAction,
        "canceled" => GatewayStatus::Voided,
        "requires_payment_method" if intent.last_setup_error.is_some() => GatewayStatus::Failed,
        _ => GatewayStatus::Pending,
    };
    let mut out = result(status, &intent.id, amount, raw);
    if let (GatewayStatus::Failed, Some(error)) = (status, &intent.last_setup_error) {
        out.error = Some(error_code(error));
        out.message = Some(error_message(error));
    }
    if status == GatewayStatus::RequiresAction {
        out.action = action(intent.next_action.as_ref());
    }
    out
}

/// A Refund as a result; its reference is the refund's.
pub fn refund_result(refund: &Refund, raw: Value) -> Result<GatewayResult, GatewayError> {
    let status = match refund.status.as_deref() {
        Some("succeeded") => GatewayStatus::Refunded,
        Some("failed") | Some("canceled") => GatewayStatus::Failed,
        // pending, requires_action (the customer must give bank details), or not said yet.
        _ => GatewayStatus::Pending,
    };
    let mut out = result(status, &refund.id, from_stripe(refund.amount, &refund.currency)?, raw);
    if status == GatewayStatus::Failed {
        out.error = Some(match refund.failure_reason.as_deref() {
            Some("expired_or_canceled_card") => GatewayErrorCode::ExpiredCard,
            Some("lost_or_stolen_card") => GatewayErrorCode::FraudSuspected,
            _ => GatewayErrorCode::Unknown,
        });
        out.message = refund.failure_reason.clone();
    }
    Ok(out)
}

/// A card decline as a failed result: on the PaymentIntent (or SetupIntent) the error names, else on
/// `fallback_reference` for `fallback_amount`.
pub fn declined_result(
    error: &ApiError,
    raw: Value,
    fallback_reference: &str,
    fallback_amount: Money,
) -> Result<GatewayResult, GatewayError> {
    let intent = error.payment_intent.clone().and_then(|v| serde_json::from_value::<PaymentIntent>(v).ok());
    let setup = error.setup_intent.as_ref().and_then(|v| v.get("id")).and_then(Value::as_str);
    let (reference, amount) = match &intent {
        Some(intent) => (intent.id.as_str(), from_stripe(intent.amount, &intent.currency)?),
        None => (setup.unwrap_or(fallback_reference), fallback_amount),
    };
    let mut out = result(GatewayStatus::Failed, reference, amount, raw);
    out.error = Some(error_code(error));
    out.message = Some(error_message(error));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn error(kind: &str, code: Option<&str>, decline: Option<&str>) -> ApiError {
        ApiError {
            kind: kind.into(),
            code: code.map(Into::into),
            decline_code: decline.map(Into::into),
            ..ApiError::default()
        }
    }

    #[test]
    fn decline_codes_map_to_the_core_codes() {
        use GatewayErrorCode as C;
        for (code, decline, expected) in [
            ("card_declined", Some("insufficient_funds"), C::InsufficientFunds),
            ("card_declined", Some("generic_decline"), C::CardDeclined),
            ("card_declined", Some("stolen_card"), C::FraudSuspected),
            ("card_declined", Some("authentication_required"), C::AuthenticationFailed),
            ("expired_card", None, C::ExpiredCard),
            ("incorrect_cvc", None, C::IncorrectCvc),
            ("incorrect_number", None, C::IncorrectNumber),
            ("processing_error", None, C::ProcessingError),
            ("payment_intent_authentication_failure", None, C::AuthenticationFailed),
        ] {
            assert_eq!(error_code(&error("card_error", Some(code), decline)), expected, "{code} {decline:?}");
        }
        assert_eq!(error_code(&error("api_error", None, None)), C::ProcessingError);
    }

    #[test]
    fn failures_map_to_gateway_errors() {
        let api = |status, kind, code: Option<&str>| Failure::Api {
            status,
            error: ApiError { message: Some("m".into()), param: Some("amount".into()), ..error(kind, code, None) },
            raw: json!({}),
        };
        assert!(matches!(
            failure_to_error(api(400, "idempotency_error", None), "k1", "pi_1"),
            GatewayError::Idempotency(IdempotencyError::KeyReused { key }) if key == "k1"
        ));
        assert_eq!(
            failure_to_error(api(404, "invalid_request_error", Some("resource_missing")), "k", "pi_x"),
            GatewayError::UnknownReference { reference: "pi_x".into() }
        );
        assert!(matches!(failure_to_error(api(500, "api_error", None), "k", "r"), GatewayError::Unavailable { .. }));
        assert!(matches!(
            failure_to_error(api(400, "invalid_request_error", None), "k", "r"),
            GatewayError::InvalidRequest { field, .. } if field == "amount"
        ));
        assert!(matches!(
            failure_to_error(api(401, "invalid_request_error", None), "k", "r"),
            GatewayError::InvalidRequest { field, .. } if field == "api_key"
        ));
    }

    #[test]
    fn client_secrets_are_scrubbed_at_any_depth() {
        let raw = json!({"client_secret": "pi_1_secret_x", "error": {"payment_intent": {"client_secret": "s"}}});
        let shown = scrub(raw).to_string();
        assert!(!shown.contains("secret_x") && !shown.contains("\"s\""), "{shown}");
    }
}
