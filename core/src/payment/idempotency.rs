//! The idempotency ledger: the `IdempotencyStore` plug-in trait and request fingerprints. A key is
//! claimed before a money-moving call, completed with its result, or released when the outcome is
//! unknown; a repeat replays the first result, and a key reused with other parameters is refused.

use async_trait::async_trait;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::{hex, GatewayOperation, GatewayResult, IdempotencyError};

/// What a claim found.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// The key was free and is now held by this call, which must complete or release it.
    Claimed,
    /// A call with this key and the same parameters already completed: its result.
    Completed(Box<GatewayResult>),
}

/// Stores idempotency keys with the fingerprint of their request and the first result.
///
/// Implementations must make [`IdempotencyStore::claim`] atomic: of concurrent claims of one key,
/// exactly one gets [`Claim::Claimed`]; the others get [`IdempotencyError::InProgress`] (same
/// parameters) or [`IdempotencyError::KeyReused`] (different parameters).
#[async_trait]
pub trait IdempotencyStore: Send + Sync {
    /// Claims `key` for a request with `fingerprint`, or returns the completed first result.
    async fn claim(&self, key: &str, fingerprint: &str) -> Result<Claim, IdempotencyError>;

    /// Records the result of the claimed call; later claims replay it.
    async fn complete(&self, key: &str, fingerprint: &str, result: &GatewayResult) -> Result<(), IdempotencyError>;

    /// Gives up a claim whose call ended without a known outcome, so the caller may retry.
    async fn release(&self, key: &str, fingerprint: &str) -> Result<(), IdempotencyError>;
}

/// The fingerprint of `request` for `operation`: SHA-256 (hex) of the operation and the request's
/// JSON without its `idempotency_key`, so any other difference in parameters shows.
pub fn request_fingerprint<R: Serialize>(operation: GatewayOperation, request: &R) -> Result<String, IdempotencyError> {
    let mut json = serde_json::to_value(request).map_err(|e| IdempotencyError::Store { reason: e.to_string() })?;
    if let Some(fields) = json.as_object_mut() {
        fields.remove("idempotency_key");
    }
    let digest = Sha256::digest(format!("{operation}:{json}").as_bytes());
    Ok(hex::encode(&digest))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Currency, Money};
    use crate::order::PaymentMethod;
    use crate::payment::PaymentRequest;

    fn request(key: &str, minor: i64) -> PaymentRequest {
        PaymentRequest {
            idempotency_key: key.into(),
            amount: Money::from_minor(minor, Currency::EUR),
            order_reference: "VT-2026-000001".into(),
            method: PaymentMethod::Card,
            token: Some("tok".into()),
            return_url: None,
        }
    }

    #[test]
    fn fingerprint_ignores_the_key_but_not_the_parameters_or_operation() {
        let op = GatewayOperation::Purchase;
        let a = request_fingerprint(op, &request("k1", 100)).unwrap();
        assert_eq!(a.len(), 64);
        assert_eq!(a, request_fingerprint(op, &request("k2", 100)).unwrap());
        assert_ne!(a, request_fingerprint(op, &request("k1", 101)).unwrap());
        assert_ne!(a, request_fingerprint(GatewayOperation::Authorize, &request("k1", 100)).unwrap());
    }
}
