//! Stripe webhooks signed the way Stripe signs them (HMAC-SHA256 of `"{t}.{body}"` with the endpoint's
//! secret, in `Stripe-Signature: t=...,v1=...`), verified and mapped by the gateway.

mod support;

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};
use support::{signed_delivery, FakeStripe, API_KEY};
use vitrina_core::money::{Currency, Money};
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::{
    DisputeNotice, GatewayError, GatewayErrorCode, GatewayStatus, PaymentGateway, PaymentRequest, WebhookError,
    WebhookEvent, WebhookRequest,
};
use vitrina_payments_stripe::{StripeConfig, StripeGateway};

const NEW_SECRET: &str = "whsec_test_new_5fJk2Q";
const OLD_SECRET: &str = "whsec_test_old_9xLm1P";

fn now() -> Timestamp {
    "2026-12-07T12:00:00Z".parse().unwrap()
}

fn delivery(secrets: &[&str], signed_at: Timestamp, received_at: Timestamp, body: &str) -> WebhookRequest {
    signed_delivery(secrets, signed_at, received_at, body)
}

async fn gateway(fake: &FakeStripe, secrets: &[&str]) -> StripeGateway {
    let mut config = StripeConfig::new(API_KEY);
    config.base_url = fake.base_url();
    config.retry_backoff = Duration::from_millis(10);
    config.webhook_secrets = secrets.iter().map(|s| s.to_string()).collect();
    StripeGateway::new(config).unwrap()
}

async fn payment(gateway: &StripeGateway, key: &str, token: &str, authorize_only: bool) -> String {
    let request = PaymentRequest {
        idempotency_key: key.into(),
        amount: Money::from_minor(5_000, Currency::EUR),
        order_reference: "R-2001".into(),
        method: PaymentMethod::Card,
        token: Some(token.into()),
        return_url: None,
    };
    let result = if authorize_only { gateway.authorize(&request).await } else { gateway.purchase(&request).await };
    result.unwrap().gateway_reference
}

async fn parse(gateway: &StripeGateway, body: &str) -> Result<WebhookEvent, GatewayError> {
    gateway.parse_webhook(&delivery(&[NEW_SECRET], now(), now(), body)).await
}

#[tokio::test]
async fn a_signed_payment_intent_succeeded_maps_to_the_captured_payment() {
    let fake = FakeStripe::start().await;
    let gateway = gateway(&fake, &[NEW_SECRET]).await;
    let reference = payment(&gateway, "buy-w1", "pm_card_visa", false).await;
    let body = fake.event("payment_intent.succeeded", fake.intent(&reference));
    let event = parse(&gateway, &body).await.unwrap();
    assert!(event.event_id.starts_with("evt_"));
    assert_eq!((event.payment_reference.as_str(), event.refund_reference.as_deref()), (reference.as_str(), None));
    assert_eq!(
        (event.result.status, event.result.amount),
        (GatewayStatus::Captured, Money::from_minor(5_000, Currency::EUR))
    );
    assert_eq!(event.result.raw["type"], "payment_intent.succeeded");
    assert_eq!(event.dispute, None);
    assert_eq!(event.result.raw["data"]["object"]["client_secret"], "<redacted>");
    assert!(gateway.capabilities().webhooks);
}

#[tokio::test]
async fn payment_intent_events_map_to_their_statuses() {
    let fake = FakeStripe::start().await;
    let gateway = gateway(&fake, &[NEW_SECRET]).await;
    let authorized = payment(&gateway, "auth-w2", "pm_card_visa", true).await;
    let body = fake.event("payment_intent.amount_capturable_updated", fake.intent(&authorized));
    assert_eq!(parse(&gateway, &body).await.unwrap().result.status, GatewayStatus::Authorized);

    let failed = payment(&gateway, "auth-w3", "pm_card_visa_chargeDeclinedInsufficientFunds", true).await;
    let event = parse(&gateway, &fake.event("payment_intent.payment_failed", fake.intent(&failed))).await.unwrap();
    assert_eq!(
        (event.result.status, event.result.error),
        (GatewayStatus::Failed, Some(GatewayErrorCode::InsufficientFunds))
    );

    let mut processing = fake.intent(&authorized);
    processing["status"] = json!("processing");
    let event = parse(&gateway, &fake.event("payment_intent.processing", processing)).await.unwrap();
    assert_eq!(event.result.status, GatewayStatus::Pending, "any payment_intent.* event reads the intent");

    let mut canceled = fake.intent(&authorized);
    canceled["status"] = json!("canceled");
    canceled["cancellation_reason"] = json!("requested_by_customer");
    let event = parse(&gateway, &fake.event("payment_intent.canceled", canceled.clone())).await.unwrap();
    assert_eq!(event.result.status, GatewayStatus::Voided);
    for reason in ["automatic", "expired"] {
        canceled["cancellation_reason"] = json!(reason);
        let event = parse(&gateway, &fake.event("payment_intent.canceled", canceled.clone())).await.unwrap();
        assert_eq!(event.result.status, GatewayStatus::Expired, "{reason}");
    }
}

#[tokio::test]
async fn refund_and_dispute_events_name_the_payment() {
    let fake = FakeStripe::start().await;
    let gateway = gateway(&fake, &[NEW_SECRET]).await;
    let reference = payment(&gateway, "buy-w4", "pm_card_visa", false).await;
    let charge_id = fake.intent(&reference)["latest_charge"].as_str().unwrap().to_owned();
    // Stripe lists the charge's refunds (newest first) only in some API versions: then the newest one
    // is reported with its own amount; without the list, the running total refunded is.
    let mut charge = json!({
        "id": charge_id, "object": "charge", "amount": 5000, "amount_captured": 5000, "amount_refunded": 3500,
        "captured": true, "currency": "eur", "payment_intent": reference, "refunded": false, "status": "succeeded",
        "refunds": { "object": "list", "has_more": false, "url": format!("/v1/charges/{charge_id}/refunds"), "data": [
            { "id": "re_3FakeSecond", "object": "refund", "amount": 1500, "charge": charge_id, "currency": "eur",
              "payment_intent": reference, "status": "succeeded" },
            { "id": "re_3FakeFirst", "object": "refund", "amount": 2000, "charge": charge_id, "currency": "eur",
              "payment_intent": reference, "status": "succeeded" },
        ] },
    });
    let event = parse(&gateway, &fake.event("charge.refunded", charge.clone())).await.unwrap();
    assert_eq!(event.payment_reference, reference);
    assert_eq!(event.refund_reference.as_deref(), Some("re_3FakeSecond"));
    assert_eq!(
        (event.result.status, event.result.amount),
        (GatewayStatus::Refunded, Money::from_minor(1_500, Currency::EUR))
    );
    charge.as_object_mut().unwrap().remove("refunds");
    let event = parse(&gateway, &fake.event("charge.refunded", charge)).await.unwrap();
    assert_eq!((event.payment_reference.as_str(), event.refund_reference.as_deref()), (reference.as_str(), None));
    assert_eq!(
        (event.result.status, event.result.amount),
        (GatewayStatus::Refunded, Money::from_minor(3_500, Currency::EUR))
    );

    let refund = json!({
        "id": "re_3FakePart", "object": "refund", "amount": 1200, "charge": charge_id, "created": 1_780_000_100,
        "currency": "eur", "metadata": {}, "payment_intent": reference, "reason": null, "status": "failed",
        "failure_reason": "expired_or_canceled_card",
    });
    let event = parse(&gateway, &fake.event("refund.updated", refund)).await.unwrap();
    assert_eq!(
        (event.payment_reference.as_str(), event.refund_reference.as_deref()),
        (reference.as_str(), Some("re_3FakePart"))
    );
    assert_eq!((event.result.status, event.result.error), (GatewayStatus::Failed, Some(GatewayErrorCode::ExpiredCard)));

    let dispute = json!({
        "id": "dp_3FakeDispute", "object": "dispute", "amount": 5000, "charge": charge_id, "currency": "eur",
        "payment_intent": reference, "reason": "fraudulent", "status": "needs_response", "is_charge_refundable": false,
    });
    let event = parse(&gateway, &fake.event("charge.dispute.created", dispute)).await.unwrap();
    assert_eq!(event.payment_reference, reference);
    let notice = DisputeNotice {
        dispute_reference: "dp_3FakeDispute".into(),
        amount: Money::from_minor(5_000, Currency::EUR),
        reason: "fraudulent".into(),
    };
    assert_eq!(event.dispute, Some(notice));
    assert!(event.result.message.as_deref().unwrap().contains("needs_response"));
    assert_eq!(event.result.raw["type"], "charge.dispute.created");

    assert_eq!(event.refund_reference, None);
    let broken = parse(&gateway, &fake.event("refund.updated", json!({ "id": "re_1", "object": "refund" }))).await;
    assert!(matches!(broken, Err(GatewayError::Webhook(WebhookError::InvalidBody { .. }))), "{broken:?}");
    let other = parse(&gateway, &fake.event("customer.created", json!({ "id": "cus_1", "object": "customer" }))).await;
    assert!(
        matches!(&other, Err(GatewayError::Webhook(WebhookError::UnhandledEvent { event_type, .. })) if event_type == "customer.created"),
        "{other:?}"
    );
}

#[tokio::test]
async fn a_rotated_secret_is_accepted_while_configured() {
    let fake = FakeStripe::start().await;
    let body = fake.event(
        "payment_intent.succeeded",
        json!({
            "id": "pi_3FakeRot", "object": "payment_intent", "amount": 100, "amount_received": 100,
            "currency": "eur", "status": "succeeded", "created": 1,
        }),
    );
    let rotating = gateway(&fake, &[NEW_SECRET, OLD_SECRET]).await;
    for secrets in [&[OLD_SECRET][..], &[NEW_SECRET], &[NEW_SECRET, OLD_SECRET]] {
        let result = rotating.parse_webhook(&delivery(secrets, now(), now(), &body)).await;
        assert!(result.is_ok(), "{secrets:?}: {result:?}");
    }
    // Stripe signing with both while rolling: the second signature matches a gateway knowing the old one.
    let old_only = gateway(&fake, &[OLD_SECRET]).await;
    assert!(old_only.parse_webhook(&delivery(&[NEW_SECRET, OLD_SECRET], now(), now(), &body)).await.is_ok());
    // Once the old secret is dropped, its signatures are refused.
    let new_only = gateway(&fake, &[NEW_SECRET]).await;
    let refused = new_only.parse_webhook(&delivery(&[OLD_SECRET], now(), now(), &body)).await;
    assert_eq!(refused, Err(GatewayError::Webhook(WebhookError::SignatureMismatch)));
}

#[tokio::test]
async fn stale_tampered_unsigned_and_unconfigured_deliveries_are_refused() {
    let fake = FakeStripe::start().await;
    let gateway_with_secret = gateway(&fake, &[NEW_SECRET]).await;
    let body = fake.event(
        "payment_intent.succeeded",
        json!({
            "id": "pi_3FakeOld", "object": "payment_intent", "amount": 100, "amount_received": 100,
            "currency": "eur", "status": "succeeded", "created": 1,
        }),
    );
    let signed_at = now() - SignedDuration::from_secs(301);
    let stale = gateway_with_secret.parse_webhook(&delivery(&[NEW_SECRET], signed_at, now(), &body)).await;
    assert!(
        matches!(stale, Err(GatewayError::Webhook(WebhookError::OutsideTolerance { tolerance_seconds: 300, .. }))),
        "{stale:?}"
    );
    let within = now() - SignedDuration::from_secs(299);
    assert!(gateway_with_secret.parse_webhook(&delivery(&[NEW_SECRET], within, now(), &body)).await.is_ok());

    let mut tampered = delivery(&[NEW_SECRET], now(), now(), &body);
    tampered.body = tampered.body.replace("\"amount\":100", "\"amount\":1");
    assert_ne!(tampered.body, body);
    let result = gateway_with_secret.parse_webhook(&tampered).await;
    assert_eq!(result, Err(GatewayError::Webhook(WebhookError::SignatureMismatch)));

    let mut unsigned = delivery(&[NEW_SECRET], now(), now(), &body);
    unsigned.headers.clear();
    assert!(matches!(
        gateway_with_secret.parse_webhook(&unsigned).await,
        Err(GatewayError::Webhook(WebhookError::MalformedHeader { .. }))
    ));

    let no_secret = gateway(&fake, &[]).await;
    assert!(!no_secret.capabilities().webhooks);
    let result = no_secret.parse_webhook(&delivery(&[NEW_SECRET], now(), now(), &body)).await;
    assert!(matches!(result, Err(GatewayError::Webhook(WebhookError::InvalidConfig { .. }))), "{result:?}");
    let _: Value = serde_json::from_str(&body).unwrap();
}
