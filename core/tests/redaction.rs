//! Secrets never show in `Debug` output: card tokens and 3-D Secure payloads in gateway requests,
//! webhook secrets in the test gateway and the verifier, unsubscribe-link secrets in marketing sends.

use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use vitrina_core::money::{Currency, Money};
use vitrina_core::notify::MarketingSend;
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::{FollowUpRequest, PaymentRequest, TestGateway, WebhookVerifier};
use vitrina_core::redact::REDACTED;

/// Asserts `shown` carries the marker and none of `secrets`.
fn hides(shown: &str, secrets: &[&str]) {
    assert!(shown.contains(REDACTED), "{shown}");
    for secret in secrets {
        assert!(!shown.contains(secret), "{secret} shows in {shown}");
    }
}

#[test]
fn gateway_requests_hide_the_card_token_and_the_shoppers_payload() {
    let amount = Money::from_minor(1_290, Currency::EUR);
    let opening = PaymentRequest {
        idempotency_key: "order-1/card".into(),
        amount,
        order_reference: "VT-2026-000001".into(),
        method: PaymentMethod::Card,
        token: Some("tok_4242424242424242".into()),
        return_url: None,
    };
    let shown = format!("{opening:?}");
    hides(&shown, &["tok_4242424242424242"]);
    assert!(shown.contains("order-1/card") && shown.contains("VT-2026-000001"), "the rest shows: {shown}");
    let follow_up = FollowUpRequest {
        idempotency_key: "order-1/3ds".into(),
        amount,
        order_reference: "VT-2026-000001".into(),
        gateway_reference: "pay_1".into(),
        reason: None,
        payload: json!({"PaRes": "eJzVWNmSo0iW"}),
    };
    hides(&format!("{follow_up:?}"), &["eJzVWNmSo0iW"]);
}

#[test]
fn webhook_secrets_stay_hidden() {
    hides(&format!("{:?}", TestGateway::new("whsec_live_9f8e7d")), &["whsec_live_9f8e7d"]);
    let verifier = WebhookVerifier::new(vec!["whsec_new_1".into(), "whsec_old_2".into()], SignedDuration::from_mins(5));
    hides(&format!("{:?}", verifier.unwrap()), &["whsec_new_1", "whsec_old_2"]);
}

#[test]
fn unsubscribe_secrets_stay_hidden() {
    let send = MarketingSend {
        id: "send-1".into(),
        customer_id: "cust-1".into(),
        campaign: "spring".into(),
        email: "ana@example.bg".into(),
        locale: "bg".into(),
        message_id: "<marketing.send-1@example.bg>".into(),
        sent_at: Timestamp::UNIX_EPOCH,
        unsubscribed_at: None,
        unsubscribe_secret: "5f0c2a9e8b7d6c5b".into(),
    };
    hides(&format!("{send:?}"), &["5f0c2a9e8b7d6c5b"]);
}
