//! A test gateway with magic card numbers, for shop tests, demos and the engine's own tests: it keeps
//! its transactions in memory, honours idempotency keys like a real provider, asks for 3-D Secure on
//! one card, times out on another after taking the money (so `sync`, or a retry with the same key,
//! reveals the real outcome), and signs its webhooks. Card tokens are the card numbers themselves.
//!
//! `sync` takes a payment's gateway reference or, like a provider's lookup by merchant reference, the
//! order reference (the latest payment for that order), for payments whose first call timed out.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

use super::{sign_webhook, FollowUpRequest, GatewayCapabilities, GatewayError, GatewayErrorCode};
use super::{GatewayResult, GatewayStatus, PaymentGateway, PaymentRequest, RequiredAction};
use super::{WebhookError, WebhookEvent, WebhookRequest, WebhookVerifier};
use crate::money::{Currency, Money};

/// Always succeeds.
pub const TEST_CARD_SUCCESS: &str = "4242424242424242";
/// Declined: `card_declined`.
pub const TEST_CARD_DECLINED: &str = "4000000000000002";
/// Declined: `insufficient_funds`.
pub const TEST_CARD_INSUFFICIENT_FUNDS: &str = "4000000000009995";
/// Declined: `expired_card`.
pub const TEST_CARD_EXPIRED: &str = "4000000000000069";
/// Fails: `processing_error`.
pub const TEST_CARD_PROCESSING_ERROR: &str = "4000000000000119";
/// Requires 3-D Secure; `complete_action` with payload `{"authenticated": true}` succeeds, anything
/// else fails with `authentication_failed`.
pub const TEST_CARD_THREE_D_SECURE: &str = "4000000000003220";
/// Succeeds, but the first answer to each authorize or purchase is lost: the call fails with
/// [`GatewayError::Unavailable`] after the gateway took the payment; `sync` by order reference, or a
/// retry with the same idempotency key, returns the real outcome.
pub const TEST_CARD_TIMEOUT: &str = "4000000000000259";
/// The header carrying the test gateway's webhook signature.
pub const TEST_SIGNATURE_HEADER: &str = "vitrina-signature";

/// What a card number does.
enum Card {
    Succeeds,
    TimesOut,
    Declines(GatewayErrorCode),
    NeedsAuthentication,
}

fn card(token: Option<&str>) -> Card {
    match token.unwrap_or_default() {
        TEST_CARD_SUCCESS => Card::Succeeds,
        TEST_CARD_DECLINED => Card::Declines(GatewayErrorCode::CardDeclined),
        TEST_CARD_INSUFFICIENT_FUNDS => Card::Declines(GatewayErrorCode::InsufficientFunds),
        TEST_CARD_EXPIRED => Card::Declines(GatewayErrorCode::ExpiredCard),
        TEST_CARD_PROCESSING_ERROR => Card::Declines(GatewayErrorCode::ProcessingError),
        TEST_CARD_THREE_D_SECURE => Card::NeedsAuthentication,
        TEST_CARD_TIMEOUT => Card::TimesOut,
        _ => Card::Declines(GatewayErrorCode::IncorrectNumber),
    }
}

/// A payment as the test gateway keeps it, in minor units.
#[derive(Debug, Clone)]
struct Transaction {
    order_reference: String,
    currency: Currency,
    amount: i64,
    captured: i64,
    refunded: i64,
    status: GatewayStatus,
    error: Option<GatewayErrorCode>,
    capture_after_action: bool,
}

#[derive(Debug, Default)]
struct Ledger {
    payments: HashMap<String, Transaction>,
    refunds: HashMap<String, GatewayResult>,
    /// Results by idempotency key, as a real provider replays them.
    replies: HashMap<String, GatewayResult>,
    next_id: u64,
}

impl Ledger {
    fn reference(&mut self, prefix: &str) -> String {
        self.next_id += 1;
        format!("{prefix}_{:06}", self.next_id)
    }

    fn payment(&mut self, reference: &str) -> Result<&mut Transaction, GatewayError> {
        self.payments
            .get_mut(reference)
            .ok_or_else(|| GatewayError::UnknownReference { reference: reference.to_owned() })
    }

    /// The payment with gateway reference `reference`, or the latest one for order `reference`.
    fn lookup(&self, reference: &str) -> Option<(&String, &Transaction)> {
        self.payments.get_key_value(reference).or_else(|| {
            let for_order = self.payments.iter().filter(|(_, t)| t.order_reference == reference);
            for_order.max_by(|a, b| a.0.cmp(b.0))
        })
    }
}

/// The test gateway. Its `Debug` output leaves the webhook secret out.
pub struct TestGateway {
    webhook_secret: String,
    ledger: Mutex<Ledger>,
}

impl std::fmt::Debug for TestGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestGateway").field("webhook_secret", &crate::redact::REDACTED).finish_non_exhaustive()
    }
}

impl TestGateway {
    /// A test gateway signing its webhooks with `webhook_secret`.
    pub fn new(webhook_secret: &str) -> TestGateway {
        TestGateway { webhook_secret: webhook_secret.to_owned(), ledger: Mutex::default() }
    }

    /// `event` as a webhook the test gateway would send at `at`, signed in [`TEST_SIGNATURE_HEADER`].
    pub fn signed_webhook(&self, event: &WebhookEvent, at: Timestamp) -> WebhookRequest {
        let body = serde_json::to_string(event).expect("webhook events serialise");
        let header = sign_webhook(&self.webhook_secret, at, &body);
        WebhookRequest { headers: [(TEST_SIGNATURE_HEADER.to_owned(), header)].into(), body, received_at: at }
    }

    fn ledger(&self) -> MutexGuard<'_, Ledger> {
        // No code panics while holding the lock, so the ledger is consistent even if poisoned.
        self.ledger.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Replays the reply to `key`, or computes, remembers and returns it.
    fn once(
        &self,
        key: &str,
        compute: impl FnOnce(&mut Ledger) -> Result<GatewayResult, GatewayError>,
    ) -> Result<GatewayResult, GatewayError> {
        let mut ledger = self.ledger();
        if let Some(reply) = ledger.replies.get(key) {
            return Ok(reply.clone());
        }
        let reply = compute(&mut ledger)?;
        ledger.replies.insert(key.to_owned(), reply.clone());
        Ok(reply)
    }

    /// Opens a payment once per key; a timing-out card loses only the first answer.
    fn open(&self, request: &PaymentRequest, capture: bool) -> Result<GatewayResult, GatewayError> {
        let mut ledger = self.ledger();
        if let Some(reply) = ledger.replies.get(&request.idempotency_key) {
            return Ok(reply.clone());
        }
        let result = open_payment(&mut ledger, request, capture);
        ledger.replies.insert(request.idempotency_key.clone(), result.clone());
        if matches!(card(request.token.as_deref()), Card::TimesOut) {
            let reason = format!("timed out after the payment was taken; sync {:?}", request.order_reference);
            return Err(GatewayError::Unavailable { reason });
        }
        Ok(result)
    }

    /// Runs `change` on the payment `request` refers to; `Err(code)` from it is a refusal. A refund
    /// that succeeds gets its own reference and is kept for `refund_sync`.
    fn follow_up(
        &self,
        request: &FollowUpRequest,
        is_refund: bool,
        change: impl FnOnce(&mut Transaction, i64) -> Result<GatewayStatus, GatewayErrorCode>,
    ) -> Result<GatewayResult, GatewayError> {
        self.once(&request.idempotency_key, |ledger| {
            let transaction = ledger.payment(&request.gateway_reference)?;
            if transaction.currency != request.amount.currency() {
                return Err(GatewayError::InvalidRequest {
                    field: "amount".into(),
                    reason: "currency mismatch".into(),
                });
            }
            let outcome = change(transaction, request.amount.minor());
            let (status, error) =
                outcome.map_or_else(|code| (GatewayStatus::Failed, Some(code)), |status| (status, None));
            let new_refund = is_refund && error.is_none();
            let reference = if new_refund { ledger.reference("re") } else { request.gateway_reference.clone() };
            let result = reply(status, &reference, request.amount, error);
            if new_refund {
                ledger.refunds.insert(reference, result.clone());
            }
            Ok(result)
        })
    }
}

/// Records a new payment for `request` and answers as the card decides.
fn open_payment(ledger: &mut Ledger, request: &PaymentRequest, capture: bool) -> GatewayResult {
    let reference = ledger.reference("pay");
    let (status, error) = match card(request.token.as_deref()) {
        Card::Succeeds | Card::TimesOut if capture => (GatewayStatus::Captured, None),
        Card::Succeeds | Card::TimesOut => (GatewayStatus::Authorized, None),
        Card::Declines(code) => (GatewayStatus::Failed, Some(code)),
        Card::NeedsAuthentication => (GatewayStatus::RequiresAction, None),
    };
    let amount = request.amount;
    let captured = if status == GatewayStatus::Captured { amount.minor() } else { 0 };
    let transaction = Transaction {
        order_reference: request.order_reference.clone(),
        currency: amount.currency(),
        amount: amount.minor(),
        captured,
        refunded: 0,
        status,
        error,
        capture_after_action: capture,
    };
    ledger.payments.insert(reference.clone(), transaction);
    let mut result = reply(status, &reference, amount, error);
    if status == GatewayStatus::RequiresAction {
        result.action = Some(RequiredAction::ThreeDSecure { data: json!({ "reference": reference }) });
    }
    result
}

/// A result echoing `amount`, with a raw payload as the provider would send it.
fn reply(status: GatewayStatus, reference: &str, amount: Money, error: Option<GatewayErrorCode>) -> GatewayResult {
    let raw = json!({ "id": reference, "status": status, "amount": amount.to_string(), "error": error });
    GatewayResult { status, gateway_reference: reference.to_owned(), amount, error, message: None, action: None, raw }
}

fn capture(transaction: &mut Transaction, amount: i64) -> Result<GatewayStatus, GatewayErrorCode> {
    let open = matches!(transaction.status, GatewayStatus::Authorized | GatewayStatus::Captured);
    if !open || transaction.refunded > 0 || amount <= 0 || transaction.captured + amount > transaction.amount {
        return Err(GatewayErrorCode::InvalidRequest);
    }
    transaction.captured += amount;
    transaction.status = GatewayStatus::Captured;
    Ok(GatewayStatus::Captured)
}

fn void(transaction: &mut Transaction, _amount: i64) -> Result<GatewayStatus, GatewayErrorCode> {
    if transaction.status != GatewayStatus::Authorized {
        return Err(GatewayErrorCode::InvalidRequest);
    }
    transaction.status = GatewayStatus::Voided;
    Ok(GatewayStatus::Voided)
}

fn refund(transaction: &mut Transaction, amount: i64) -> Result<GatewayStatus, GatewayErrorCode> {
    if amount <= 0 || transaction.refunded + amount > transaction.captured {
        return Err(GatewayErrorCode::InvalidRequest);
    }
    transaction.refunded += amount;
    if transaction.refunded == transaction.captured {
        transaction.status = GatewayStatus::Refunded;
    }
    Ok(GatewayStatus::Refunded)
}

fn authenticate(transaction: &mut Transaction, payload: &serde_json::Value) -> Result<GatewayStatus, GatewayErrorCode> {
    if transaction.status != GatewayStatus::RequiresAction {
        return Err(GatewayErrorCode::InvalidRequest);
    }
    if payload.get("authenticated") != Some(&json!(true)) {
        transaction.status = GatewayStatus::Failed;
        transaction.error = Some(GatewayErrorCode::AuthenticationFailed);
        return Err(GatewayErrorCode::AuthenticationFailed);
    }
    transaction.status =
        if transaction.capture_after_action { GatewayStatus::Captured } else { GatewayStatus::Authorized };
    if transaction.capture_after_action {
        transaction.captured = transaction.amount;
    }
    Ok(transaction.status)
}

#[async_trait]
impl PaymentGateway for TestGateway {
    fn name(&self) -> &str {
        "test"
    }

    fn capabilities(&self) -> GatewayCapabilities {
        GatewayCapabilities {
            separate_capture: true,
            partial_capture: true,
            multiple_captures: true,
            partial_refund: true,
            void: true,
            verify: true,
            actions: true,
            webhooks: true,
            currencies: vec![],
        }
    }

    async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.open(request, false)
    }

    async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.follow_up(request, false, capture)
    }

    async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        self.open(request, true)
    }

    async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.follow_up(request, false, void)
    }

    async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.follow_up(request, true, refund)
    }

    async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError> {
        let (status, error) = match card(request.token.as_deref()) {
            Card::Declines(code) => (GatewayStatus::Failed, Some(code)),
            _ => (GatewayStatus::Authorized, None),
        };
        Ok(reply(status, "verify", request.amount, error))
    }

    async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError> {
        let ledger = self.ledger();
        let unknown = || GatewayError::UnknownReference { reference: gateway_reference.to_owned() };
        let (reference, t) = ledger.lookup(gateway_reference).ok_or_else(unknown)?;
        Ok(reply(t.status, reference, Money::from_minor(t.amount, t.currency), t.error))
    }

    async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError> {
        let ledger = self.ledger();
        let unknown = || GatewayError::UnknownReference { reference: refund_reference.to_owned() };
        ledger.refunds.get(refund_reference).cloned().ok_or_else(unknown)
    }

    async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError> {
        self.follow_up(request, false, |transaction, _| authenticate(transaction, &request.payload))
    }

    async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError> {
        let header = webhook
            .headers
            .get(TEST_SIGNATURE_HEADER)
            .ok_or_else(|| WebhookError::MalformedHeader { reason: format!("no {TEST_SIGNATURE_HEADER} header") })?;
        let verifier = WebhookVerifier::new(vec![self.webhook_secret.clone()], SignedDuration::from_mins(5))?;
        verifier.verify(header, &webhook.body, webhook.received_at)?;
        let event =
            serde_json::from_str(&webhook.body).map_err(|e| WebhookError::InvalidBody { reason: e.to_string() })?;
        Ok(event)
    }
}
