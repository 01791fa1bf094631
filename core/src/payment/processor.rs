//! `PaymentProcessor`: drives a [`Payment`] through a gateway. Each call first checks the payment's
//! state machine (so the gateway is never asked to capture more than authorized or refund more than
//! captured), then calls the gateway through the idempotency ledger and applies the result.

use std::sync::Arc;

use jiff::Timestamp;

use super::RefundState;
use super::{FollowUpRequest, GatewayOperation, GatewayResult, GatewayStatus, IdempotencyStore, IdempotentGateway};
use super::{Payment, PaymentError, PaymentGateway, PaymentRequest, PaymentState, PaymentStep, RefundOutcome};
use crate::event::Actor;
use crate::money::Money;

/// Runs payments through one gateway, idempotently.
pub struct PaymentProcessor {
    gateway: Arc<dyn PaymentGateway>,
}

impl PaymentProcessor {
    /// A processor calling `gateway` with keys recorded in `store`.
    pub fn new(gateway: Arc<dyn PaymentGateway>, store: Arc<dyn IdempotencyStore>) -> PaymentProcessor {
        PaymentProcessor { gateway: Arc::new(IdempotentGateway::new(gateway, store)) }
    }

    /// Authorizes the payment's amount with the shopper's `token`. Returns the new state (`None`:
    /// still pending at the gateway).
    pub async fn authorize(
        &self,
        payment: &mut Payment,
        token: Option<String>,
        key: &str,
        at: Timestamp,
    ) -> Result<Option<PaymentState>, PaymentError> {
        let request = opening(payment, token, key);
        if payment.has_applied(key) {
            // The ledger answers a repeat with the first result, or refuses other parameters.
            self.gateway.authorize(&request).await?;
            return Ok(Some(payment.state()));
        }
        payment.check_step(&PaymentStep::Authorized { amount: payment.amount() })?;
        let result = self.gateway.authorize(&request).await?;
        self.record(payment, GatewayOperation::Authorize, &result, Some(key), at)
    }

    /// Authorizes and captures the payment's amount at once.
    pub async fn purchase(
        &self,
        payment: &mut Payment,
        token: Option<String>,
        key: &str,
        at: Timestamp,
    ) -> Result<Option<PaymentState>, PaymentError> {
        let request = opening(payment, token, key);
        if payment.has_applied(key) {
            self.gateway.purchase(&request).await?;
            return Ok(Some(payment.state()));
        }
        payment.check_step(&PaymentStep::Purchased { amount: payment.amount() })?;
        let result = self.gateway.purchase(&request).await?;
        self.record(payment, GatewayOperation::Purchase, &result, Some(key), at)
    }

    /// Resumes a payment in `requires_action` with what the shopper brought back from 3-D Secure or a
    /// redirect.
    pub async fn complete_action(
        &self,
        payment: &mut Payment,
        payload: serde_json::Value,
        key: &str,
        at: Timestamp,
    ) -> Result<Option<PaymentState>, PaymentError> {
        if payment.has_applied(key) {
            return Ok(Some(payment.state()));
        }
        if payment.state() != PaymentState::RequiresAction {
            let (payment_id, from) = (payment.id().to_owned(), payment.state());
            return Err(PaymentError::IllegalTransition { payment_id, from, to: PaymentState::Authorized });
        }
        let request = FollowUpRequest { payload, ..follow_up(payment, payment.amount(), key)? };
        let result = self.gateway.complete_action(&request).await?;
        self.record(payment, GatewayOperation::CompleteAction, &result, Some(key), at)
    }

    /// Resolves a payment whose outcome is unknown (still `pending` after an authorize or purchase
    /// that timed out, or `requires_action` while the shopper is away) from the gateway's current
    /// state, looked up by gateway reference or, when none came back, by order reference. Returns the
    /// new state, or `None` when nothing changed (no news yet, or the outcome was already known).
    pub async fn sync(&self, payment: &mut Payment, at: Timestamp) -> Result<Option<PaymentState>, PaymentError> {
        let state = payment.state();
        if !matches!(state, PaymentState::Pending | PaymentState::RequiresAction) {
            return Ok(None);
        }
        let reference = payment.gateway_reference().unwrap_or(payment.order_reference()).to_owned();
        let result = self.gateway.sync(&reference).await?;
        if state == PaymentState::RequiresAction && result.status == GatewayStatus::RequiresAction {
            return Ok(None);
        }
        self.record(payment, GatewayOperation::Purchase, &result, None, at)
    }

    /// Captures `amount` (all or part of what is left of the authorization).
    pub async fn capture(
        &self,
        payment: &mut Payment,
        amount: Money,
        key: &str,
        at: Timestamp,
    ) -> Result<Option<PaymentState>, PaymentError> {
        if payment.has_applied(key) {
            self.gateway.capture(&follow_up(payment, amount, key)?).await?;
            return Ok(Some(payment.state()));
        }
        payment.check_step(&PaymentStep::Captured { amount })?;
        let result = self.gateway.capture(&follow_up(payment, amount, key)?).await?;
        self.record(payment, GatewayOperation::Capture, &result, Some(key), at)
    }

    /// Releases the authorization.
    pub async fn void(
        &self,
        payment: &mut Payment,
        key: &str,
        at: Timestamp,
    ) -> Result<Option<PaymentState>, PaymentError> {
        if payment.has_applied(key) {
            self.gateway.void(&follow_up(payment, payment.authorized(), key)?).await?;
            return Ok(Some(payment.state()));
        }
        payment.check_step(&PaymentStep::Voided)?;
        let result = self.gateway.void(&follow_up(payment, payment.authorized(), key)?).await?;
        self.record(payment, GatewayOperation::Void, &result, Some(key), at)
    }

    /// Refunds `amount` of what was captured, requested by `actor`, and returns the refund's state
    /// (`pending` when the gateway has not decided yet, or the call failed: retry with the same key).
    pub async fn refund(
        &self,
        payment: &mut Payment,
        amount: Money,
        reason: Option<String>,
        key: &str,
        actor: Actor,
        at: Timestamp,
    ) -> Result<RefundState, PaymentError> {
        let refund_id = payment.request_refund(amount, reason.clone(), key, actor, at)?;
        let state = payment.refunds().iter().find(|r| r.id == refund_id).map(|r| r.state);
        if state != Some(RefundState::Pending) {
            return Ok(state.unwrap_or(RefundState::Pending));
        }
        let request = FollowUpRequest { reason, ..follow_up(payment, amount, key)? };
        let result = self.gateway.refund(&request).await?;
        let outcome = match result.status {
            GatewayStatus::Refunded => RefundOutcome::Succeeded { gateway_reference: result.gateway_reference },
            GatewayStatus::Failed => RefundOutcome::Failed { error: result.error },
            _ => {
                // Undecided: the webhook that settles it names the refund by this reference.
                payment.note_refund_reference(&refund_id, &result.gateway_reference);
                return Ok(RefundState::Pending);
            }
        };
        let settled = if matches!(outcome, RefundOutcome::Succeeded { .. }) {
            RefundState::Succeeded
        } else {
            RefundState::Failed
        };
        payment.settle_refund(&refund_id, outcome, self.actor(), at)?;
        Ok(settled)
    }

    fn record(
        &self,
        payment: &mut Payment,
        operation: GatewayOperation,
        result: &GatewayResult,
        key: Option<&str>,
        at: Timestamp,
    ) -> Result<Option<PaymentState>, PaymentError> {
        let state = payment.apply_result(operation, result, self.actor(), at)?;
        // A result that leaves the outcome open (pending) may be completed by a retry with the key.
        if let (Some(key), true) = (key, state.is_some()) {
            payment.remember_key(key);
        }
        Ok(state)
    }

    fn actor(&self) -> Actor {
        Actor::Gateway { name: self.gateway.name().to_owned() }
    }
}

fn opening(payment: &Payment, token: Option<String>, key: &str) -> PaymentRequest {
    PaymentRequest {
        idempotency_key: key.to_owned(),
        amount: payment.amount(),
        order_reference: payment.order_reference().to_owned(),
        method: payment.method(),
        token,
        return_url: None,
    }
}

fn follow_up(payment: &Payment, amount: Money, key: &str) -> Result<FollowUpRequest, PaymentError> {
    let reference = payment
        .gateway_reference()
        .ok_or_else(|| PaymentError::NoGatewayReference { payment_id: payment.id().to_owned() })?;
    Ok(FollowUpRequest {
        idempotency_key: key.to_owned(),
        amount,
        order_reference: payment.order_reference().to_owned(),
        gateway_reference: reference.to_owned(),
        reason: None,
        payload: serde_json::Value::Null,
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    use crate::order::PaymentMethod;
    use crate::payment::{GatewayError, TEST_CARD_TIMEOUT};
    use crate::payment::{GatewayErrorCode, InMemoryIdempotencyStore, TestGateway, WebhookEvent};
    use crate::payment::{
        TEST_CARD_DECLINED, TEST_CARD_INSUFFICIENT_FUNDS, TEST_CARD_SUCCESS, TEST_CARD_THREE_D_SECURE,
    };

    use crate::test_util::eur;

    use crate::test_util::at;

    fn setup() -> (Arc<TestGateway>, PaymentProcessor, Payment) {
        let gateway = Arc::new(TestGateway::new("whsec_test"));
        let processor = PaymentProcessor::new(gateway.clone(), Arc::new(InMemoryIdempotencyStore::new()));
        let payment = Payment::new("o1", "VT-2026-000001", PaymentMethod::Card, eur(10_000), at(0)).unwrap();
        (gateway, processor, payment)
    }

    fn card(number: &str) -> Option<String> {
        Some(number.to_owned())
    }

    #[tokio::test]
    async fn authorize_capture_in_parts_and_never_beyond_the_authorization() {
        let (_, processor, mut p) = setup();
        assert_eq!(
            processor.authorize(&mut p, card(TEST_CARD_SUCCESS), "a1", at(1)).await,
            Ok(Some(PaymentState::Authorized))
        );
        assert!(p.gateway_reference().unwrap().starts_with("pay_"));
        let partial = processor.capture(&mut p, eur(6_000), "c1", at(2)).await;
        assert_eq!(partial, Ok(Some(PaymentState::PartiallyCaptured)));
        let too_much = processor.capture(&mut p, eur(4_001), "c2", at(3)).await;
        assert!(matches!(too_much, Err(PaymentError::CaptureExceedsAuthorized { .. })));
        assert_eq!(processor.capture(&mut p, eur(4_000), "c3", at(4)).await, Ok(Some(PaymentState::Captured)));
        assert_eq!(p.captured(), eur(10_000));
        assert_eq!(
            p.history().iter().map(|t| &t.actor).collect::<Vec<_>>(),
            vec![&Actor::Gateway { name: "test".into() }; 3]
        );
    }

    #[tokio::test]
    async fn a_repeated_call_with_the_same_key_is_applied_once() {
        let (_, processor, mut p) = setup();
        processor.authorize(&mut p, card(TEST_CARD_SUCCESS), "a1", at(1)).await.unwrap();
        let again = processor.authorize(&mut p, card(TEST_CARD_SUCCESS), "a1", at(2)).await;
        assert_eq!(again, Ok(Some(PaymentState::Authorized)));
        processor.capture(&mut p, eur(6_000), "c1", at(3)).await.unwrap();
        let repeat = processor.capture(&mut p, eur(6_000), "c1", at(4)).await;
        assert_eq!(repeat, Ok(Some(PaymentState::PartiallyCaptured)));
        assert!(processor.capture(&mut p, eur(5_000), "c1", at(5)).await.is_err(), "same key, other amount");
        assert_eq!(p.captured(), eur(6_000));
        assert_eq!(p.history().len(), 2);
        let stored: Payment = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert!(stored.has_applied("c1") && !stored.has_applied("c2"));
    }

    #[tokio::test]
    async fn declines_fail_the_payment_with_the_normalised_code() {
        for (number, code) in [
            (TEST_CARD_DECLINED, GatewayErrorCode::CardDeclined),
            (TEST_CARD_INSUFFICIENT_FUNDS, GatewayErrorCode::InsufficientFunds),
        ] {
            let (_, processor, mut p) = setup();
            assert_eq!(processor.purchase(&mut p, card(number), "k", at(1)).await, Ok(Some(PaymentState::Failed)));
            assert_eq!(p.last_error(), Some(code));
        }
    }

    #[tokio::test]
    async fn three_d_secure_requires_action_then_completes_or_fails() {
        let (_, processor, mut p) = setup();
        let state = processor.purchase(&mut p, card(TEST_CARD_THREE_D_SECURE), "k1", at(1)).await;
        assert_eq!(state, Ok(Some(PaymentState::RequiresAction)));
        let done = processor.complete_action(&mut p, json!({"authenticated": true}), "k2", at(2)).await;
        assert_eq!(done, Ok(Some(PaymentState::Captured)));
        assert_eq!(p.captured(), eur(10_000));
        let (_, processor, mut p) = setup();
        processor.authorize(&mut p, card(TEST_CARD_THREE_D_SECURE), "k1", at(1)).await.unwrap();
        let failed = processor.complete_action(&mut p, json!({"authenticated": false}), "k2", at(2)).await;
        assert_eq!(
            (failed, p.last_error()),
            (Ok(Some(PaymentState::Failed)), Some(GatewayErrorCode::AuthenticationFailed))
        );
        let again = processor.complete_action(&mut p, json!({}), "k3", at(3)).await;
        assert!(matches!(again, Err(PaymentError::IllegalTransition { from: PaymentState::Failed, .. })));
    }

    #[tokio::test]
    async fn a_timed_out_purchase_stays_pending_until_sync_reveals_the_capture() {
        let (gateway, processor, mut p) = setup();
        let lost = processor.purchase(&mut p, card(TEST_CARD_TIMEOUT), "t1", at(1)).await;
        assert!(matches!(lost, Err(PaymentError::Gateway(GatewayError::Unavailable { .. }))));
        assert_eq!((p.state(), p.gateway_reference()), (PaymentState::Pending, None));
        assert_eq!(processor.sync(&mut p, at(2)).await, Ok(Some(PaymentState::Captured)));
        assert_eq!((p.captured(), p.gateway_reference().is_some()), (eur(10_000), true));
        assert_eq!(processor.sync(&mut p, at(3)).await, Ok(None));
        let replay = processor.purchase(&mut p, card(TEST_CARD_TIMEOUT), "t1", at(4)).await;
        assert!(matches!(replay, Err(PaymentError::IllegalTransition { .. })), "{replay:?}");
        let reference = p.gateway_reference().unwrap().to_owned();
        assert_eq!(gateway.sync(&reference).await.unwrap().status, GatewayStatus::Captured);
    }

    #[tokio::test]
    async fn a_retry_with_the_same_key_gets_the_answer_the_timeout_lost() {
        let (_, processor, mut p) = setup();
        let lost = processor.authorize(&mut p, card(TEST_CARD_TIMEOUT), "t1", at(1)).await;
        assert!(lost.is_err());
        let retry = processor.authorize(&mut p, card(TEST_CARD_TIMEOUT), "t1", at(2)).await;
        assert_eq!(retry, Ok(Some(PaymentState::Authorized)));
        let other = Payment::new("o2", "VT-2026-000002", PaymentMethod::Card, eur(500), at(0)).unwrap();
        let mut other = other;
        let reused = processor.authorize(&mut other, card(TEST_CARD_TIMEOUT), "t1", at(3)).await;
        assert!(matches!(reused, Err(PaymentError::Gateway(GatewayError::Idempotency(_)))), "{reused:?}");
    }

    #[tokio::test]
    async fn sync_reveals_a_decline_and_leaves_a_pending_3ds_alone() {
        let (_, processor, mut p) = setup();
        processor.purchase(&mut p, card(TEST_CARD_THREE_D_SECURE), "k1", at(1)).await.unwrap();
        assert_eq!(processor.sync(&mut p, at(2)).await, Ok(None));
        processor.complete_action(&mut p, json!({"authenticated": false}), "k2", at(3)).await.unwrap();
        assert_eq!(p.state(), PaymentState::Failed);
        let (gateway, processor, mut q) = setup();
        let declined = PaymentRequest {
            idempotency_key: "elsewhere".into(),
            amount: eur(10_000),
            order_reference: q.order_reference().into(),
            method: PaymentMethod::Card,
            token: card(TEST_CARD_INSUFFICIENT_FUNDS),
            return_url: None,
        };
        gateway.purchase(&declined).await.unwrap();
        assert_eq!(processor.sync(&mut q, at(4)).await, Ok(Some(PaymentState::Failed)));
        assert_eq!(q.last_error(), Some(GatewayErrorCode::InsufficientFunds));
    }

    #[tokio::test]
    async fn refunds_are_idempotent_and_bounded_by_the_capture() {
        let (gateway, processor, mut p) = setup();
        processor.purchase(&mut p, card(TEST_CARD_SUCCESS), "p1", at(1)).await.unwrap();
        let staff = Actor::Staff { id: "ivan".into() };
        let first = processor.refund(&mut p, eur(3_000), None, "r1", staff.clone(), at(2)).await;
        assert_eq!(first, Ok(RefundState::Succeeded));
        let repeat = processor.refund(&mut p, eur(3_000), None, "r1", staff.clone(), at(3)).await;
        assert_eq!(repeat, Ok(RefundState::Succeeded));
        assert_eq!((p.refunded(), p.refunds().len()), (eur(3_000), 1));
        let reference = p.refunds()[0].gateway_reference.clone().unwrap();
        assert_eq!(gateway.refund_sync(&reference).await.unwrap().amount, eur(3_000));
        let too_much = processor.refund(&mut p, eur(7_001), None, "r2", staff.clone(), at(4)).await;
        assert!(matches!(too_much, Err(PaymentError::RefundExceedsCaptured { .. })));
        let rest = processor.refund(&mut p, eur(7_000), Some("returned".into()), "r3", staff, at(5)).await;
        assert_eq!((rest, p.state()), (Ok(RefundState::Succeeded), PaymentState::Refunded));
    }

    #[tokio::test]
    async fn void_releases_an_authorization_and_needs_one() {
        let (_, processor, mut p) = setup();
        assert!(matches!(processor.void(&mut p, "v0", at(1)).await, Err(PaymentError::IllegalTransition { .. })));
        processor.authorize(&mut p, card(TEST_CARD_SUCCESS), "a1", at(1)).await.unwrap();
        assert_eq!(processor.void(&mut p, "v1", at(2)).await, Ok(Some(PaymentState::Voided)));
        assert!(matches!(p.events().last().unwrap().event, crate::payment::PaymentEvent::PaymentVoided { .. }));
    }

    #[tokio::test]
    async fn signed_webhooks_parse_and_tampered_ones_are_rejected() {
        let (gateway, processor, mut p) = setup();
        processor.authorize(&mut p, card(TEST_CARD_SUCCESS), "a1", at(1)).await.unwrap();
        let reference = p.gateway_reference().unwrap().to_owned();
        let result = gateway.sync(&reference).await.unwrap();
        let event = WebhookEvent {
            event_id: "evt_1".into(),
            payment_reference: reference,
            refund_reference: None,
            result,
            dispute: None,
        };
        let webhook = gateway.signed_webhook(&event, at(2));
        assert_eq!(gateway.parse_webhook(&webhook).await, Ok(event));
        let mut tampered = webhook.clone();
        tampered.body = tampered.body.replace("authorized", "captured");
        assert!(gateway.parse_webhook(&tampered).await.is_err());
        let mut late = webhook;
        late.received_at = at(2 + 301);
        assert!(gateway.parse_webhook(&late).await.is_err());
    }
}
