//! `IdempotentGateway`: wraps any gateway so every money-moving call goes through the idempotency
//! ledger (a repeat replays the first result, a reused key with other parameters is refused, a
//! concurrent duplicate is refused while the first is in flight) and every echoed amount is checked.

use std::future::Future;
use std::sync::Arc;

use async_trait::async_trait;
use serde::Serialize;

use super::{request_fingerprint, Claim, GatewayCapabilities, GatewayError, GatewayOperation, GatewayResult};
use super::{FollowUpRequest, IdempotencyError, IdempotencyStore, PaymentGateway, PaymentRequest};
use super::{WebhookEvent, WebhookRequest};
use crate::money::Money;

/// A gateway whose authorize, purchase, capture, void, refund and complete-action calls are
/// idempotent on Vitrina's side. Reads (`sync`, `refund_sync`, webhooks) and `verify` pass through.
pub struct IdempotentGateway {
    inner: Arc<dyn PaymentGateway>,
    store: Arc<dyn IdempotencyStore>,
}

impl IdempotentGateway {
    /// Wraps `inner`, recording keys in `store`.
    pub fn new(inner: Arc<dyn PaymentGateway>, store: Arc<dyn IdempotencyStore>) -> IdempotentGateway {
        IdempotentGateway { inner, store }
    }

    /// Runs `call` at most once per key: claims the key, awaits the call, checks the echoed amount,
    /// then records the result, or releases the key when there is no usable result.
    async fn once<R, F>(
        &self,
        operation: GatewayOperation,
        key: &str,
        request: &R,
        expected: Money,
        call: F,
    ) -> Result<GatewayResult, GatewayError>
    where
        R: Serialize + Sync,
        F: Future<Output = Result<GatewayResult, GatewayError>> + Send,
    {
        if key.trim().is_empty() {
            return Err(IdempotencyError::BlankKey.into());
        }
        let fingerprint = request_fingerprint(operation, request)?;
        if let Claim::Completed(first) = self.store.claim(key, &fingerprint).await? {
            return Ok(*first);
        }
        let outcome = call.await.and_then(|result| result.check_echo(operation, expected).map(|()| result));
        match outcome {
            Ok(result) => {
                self.store.complete(key, &fingerprint, &result).await?;
                Ok(result)
            }
            Err(error) => {
                self.store.release(key, &fingerprint).await?;
                Err(error)
            }
        }
    }
}

#[async_trait]
impl PaymentGateway for IdempotentGateway {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn capabilities(&self) -> GatewayCapabilities {
        self.inner.capabilities()
    }

    async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        let call = self.inner.authorize(request);
        self.once(GatewayOperation::Authorize, &request.idempotency_key, request, request.amount, call).await
    }

    async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let call = self.inner.capture(request);
        self.once(GatewayOperation::Capture, &request.idempotency_key, request, request.amount, call).await
    }

    async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        let call = self.inner.purchase(request);
        self.once(GatewayOperation::Purchase, &request.idempotency_key, request, request.amount, call).await
    }

    async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let call = self.inner.void(request);
        self.once(GatewayOperation::Void, &request.idempotency_key, request, request.amount, call).await
    }

    async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let call = self.inner.refund(request);
        self.once(GatewayOperation::Refund, &request.idempotency_key, request, request.amount, call).await
    }

    async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.inner.verify(request).await
    }

    async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.inner.sync(gateway_reference).await
    }

    async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError> {
        self.inner.refund_sync(refund_reference).await
    }

    async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        let call = self.inner.complete_action(request);
        self.once(GatewayOperation::CompleteAction, &request.idempotency_key, request, request.amount, call).await
    }

    async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
        self.inner.parse_webhook(webhook).await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;
    use crate::money::Currency;
    use crate::order::PaymentMethod;
    use crate::payment::{GatewayStatus, InMemoryIdempotencyStore, TestGateway, TEST_CARD_SUCCESS};

    /// The test gateway, slowed down and counting purchases, so duplicates overlap in flight.
    struct Slow {
        inner: TestGateway,
        purchases: AtomicUsize,
        echo_extra_cent: bool,
    }

    #[async_trait]
    impl PaymentGateway for Slow {
        fn name(&self) -> &str {
            "slow"
        }
        fn capabilities(&self) -> GatewayCapabilities {
            self.inner.capabilities()
        }
        async fn authorize(&self, r: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
            self.inner.authorize(r).await
        }
        async fn capture(&self, r: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
            self.inner.capture(r).await
        }
        async fn purchase(&self, r: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
            self.purchases.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            let mut result = self.inner.purchase(r).await?;
            if self.echo_extra_cent {
                result.amount = Money::from_minor(result.amount.minor() + 1, result.amount.currency());
            }
            Ok(result)
        }
        async fn void(&self, r: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
            self.inner.void(r).await
        }
        async fn refund(&self, r: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
            self.inner.refund(r).await
        }
        async fn verify(&self, r: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
            self.inner.verify(r).await
        }
        async fn sync(&self, reference: &str) -> Result<GatewayResult, GatewayError> {
            self.inner.sync(reference).await
        }
        async fn refund_sync(&self, reference: &str) -> Result<GatewayResult, GatewayError> {
            self.inner.refund_sync(reference).await
        }
        async fn complete_action(&self, r: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
            self.inner.complete_action(r).await
        }
        async fn parse_webhook(&self, w: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
            self.inner.parse_webhook(w).await
        }
    }

    fn setup(echo_extra_cent: bool) -> (Arc<Slow>, Arc<IdempotentGateway>) {
        let slow = Arc::new(Slow { inner: TestGateway::new("whsec"), purchases: AtomicUsize::new(0), echo_extra_cent });
        let store = Arc::new(InMemoryIdempotencyStore::new());
        (slow.clone(), Arc::new(IdempotentGateway::new(slow, store)))
    }

    fn purchase(key: &str, minor: i64) -> PaymentRequest {
        PaymentRequest {
            idempotency_key: key.into(),
            amount: Money::from_minor(minor, Currency::EUR),
            order_reference: "VT-2026-000001".into(),
            method: PaymentMethod::Card,
            token: Some(TEST_CARD_SUCCESS.into()),
            return_url: None,
        }
    }

    #[tokio::test]
    async fn a_repeat_returns_the_first_result_without_charging_again() {
        let (slow, gateway) = setup(false);
        let first = gateway.purchase(&purchase("k1", 4450)).await.unwrap();
        assert_eq!(first.status, GatewayStatus::Captured);
        let again = gateway.purchase(&purchase("k1", 4450)).await.unwrap();
        assert_eq!(again, first);
        assert_eq!(slow.purchases.load(Ordering::SeqCst), 1);
        let other = gateway.purchase(&purchase("k2", 4450)).await.unwrap();
        assert_ne!(other.gateway_reference, first.gateway_reference);
        assert_eq!(slow.purchases.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn the_same_key_with_other_parameters_is_refused() {
        let (slow, gateway) = setup(false);
        gateway.purchase(&purchase("k1", 4450)).await.unwrap();
        let err = gateway.purchase(&purchase("k1", 4451)).await.unwrap_err();
        assert_eq!(err, GatewayError::Idempotency(IdempotencyError::KeyReused { key: "k1".into() }));
        let err = gateway.authorize(&purchase("k1", 4450)).await.unwrap_err();
        assert_eq!(err, GatewayError::Idempotency(IdempotencyError::KeyReused { key: "k1".into() }));
        assert_eq!(slow.purchases.load(Ordering::SeqCst), 1);
        let blank = gateway.purchase(&purchase(" ", 4450)).await.unwrap_err();
        assert_eq!(blank, GatewayError::Idempotency(IdempotencyError::BlankKey));
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn racing_duplicates_charge_once() {
        let (slow, gateway) = setup(false);
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let gateway = gateway.clone();
                tokio::spawn(async move { gateway.purchase(&purchase("race", 4450)).await })
            })
            .collect();
        let mut results = Vec::new();
        for task in tasks {
            results.push(task.await.unwrap());
        }
        assert_eq!(slow.purchases.load(Ordering::SeqCst), 1, "charged more than once");
        let first = gateway.purchase(&purchase("race", 4450)).await.unwrap();
        let mut in_progress = 0;
        for result in results {
            match result {
                Ok(result) => assert_eq!(result, first),
                Err(GatewayError::Idempotency(IdempotencyError::InProgress { .. })) => in_progress += 1,
                Err(other) => panic!("unexpected {other}"),
            }
        }
        assert!(in_progress > 0, "the duplicates did not overlap");
        assert_eq!(slow.purchases.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_wrong_echo_is_an_integrity_error_and_frees_the_key() {
        let (slow, gateway) = setup(true);
        let err = gateway.purchase(&purchase("k1", 4450)).await.unwrap_err();
        assert!(matches!(err, GatewayError::AmountMismatch { operation: GatewayOperation::Purchase, .. }), "{err}");
        let err = gateway.purchase(&purchase("k1", 4450)).await.unwrap_err();
        assert!(matches!(err, GatewayError::AmountMismatch { .. }));
        assert_eq!(slow.purchases.load(Ordering::SeqCst), 2);
    }
}
