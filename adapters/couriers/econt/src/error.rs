//! Econt's refusals as the core's [`CourierError`]: unknown waybills, labels that can no longer be
//! cancelled, invalid requests naming Econt's field, and everything else as `unavailable`.

use vitrina_core::shipping::CourierError;

use crate::http::Failure;
use crate::wire::EcontError;

/// Whether Econt's error says it does not know a waybill number.
pub(crate) fn is_unknown_shipment(error: &EcontError) -> bool {
    let kinds = error.kinds();
    let typed = kinds.iter().any(|k| k.contains("ShipmentNum") || k.contains("NotFound") || k.contains("NoSuch"));
    let text = error.text().to_lowercase();
    typed || text.contains("not found") || text.contains("не е намерена") || text.contains("няма пратка")
}

/// A failed call of `operation` (`rates`, `create_shipment`) as a courier error.
pub(crate) fn courier_error(operation: &str, failure: Failure) -> CourierError {
    match failure {
        Failure::Unavailable(reason) => CourierError::Unavailable { reason: format!("econt {operation}: {reason}") },
        Failure::Econt { status, error } if status == 401 || status == 403 => CourierError::Unavailable {
            reason: format!("econt {operation}: the credentials were refused: {}", error.text()),
        },
        Failure::Econt { error, .. } => invalid(&error),
    }
}

/// Econt's refusal of a request as [`CourierError::InvalidRequest`], naming Econt's field when it
/// gives one (`receiverAddress`), else `request`.
pub(crate) fn invalid(error: &EcontError) -> CourierError {
    let field = error.first_field().unwrap_or("request");
    let kind = error.kind.as_deref().unwrap_or("error");
    CourierError::invalid(field, format!("{} ({kind})", error.text()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn econt(kind: &str, message: &str) -> EcontError {
        EcontError { kind: Some(kind.into()), message: Some(message.into()), ..EcontError::default() }
    }

    #[test]
    fn refusals_become_invalid_requests_and_outages_unavailable() {
        let refused =
            courier_error("rates", Failure::Econt { status: 517, error: econt("ExInvalidParam", "bad weight") });
        assert_eq!(refused, CourierError::invalid("request", "bad weight (ExInvalidParam)"));
        let down = courier_error("rates", Failure::Unavailable("HTTP 503".into()));
        assert!(matches!(down, CourierError::Unavailable { reason } if reason == "econt rates: HTTP 503"));
        let login = courier_error("rates", Failure::Econt { status: 401, error: econt("ExAccessDenied", "login") });
        assert!(matches!(login, CourierError::Unavailable { reason } if reason.contains("credentials")));
    }

    #[test]
    fn unknown_numbers_are_recognised_by_type_or_text() {
        assert!(is_unknown_shipment(&econt("ExInvalidShipmentNum", "")));
        assert!(is_unknown_shipment(&econt("", "Не е намерена пратка с номер 123.")));
        assert!(!is_unknown_shipment(&econt("ExInvalidParam", "already accepted by Econt")));
    }
}
