//! The Stripe gateway against a fake Stripe on 127.0.0.1: each operation's request on the wire, the
//! answers mapped to results, declines, retries with the same idempotency key, timeouts and sync.

mod support;

use std::time::{Duration, Instant};

use serde_json::json;
use support::{FakeStripe, Fault, API_KEY};
use vitrina_core::money::{Currency, Money};
use vitrina_core::order::PaymentMethod;
use vitrina_core::payment::{
    FollowUpRequest, GatewayError, GatewayErrorCode, GatewayStatus, IdempotencyError, PaymentGateway, PaymentRequest,
    RequiredAction,
};
use vitrina_payments_stripe::{StripeConfig, StripeGateway, API_VERSION};

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

fn config(fake: &FakeStripe) -> StripeConfig {
    let mut config = StripeConfig::new(API_KEY);
    config.base_url = fake.base_url();
    config.timeout = Duration::from_secs(5);
    config.max_retries = 2;
    config.retry_backoff = Duration::from_millis(10);
    config
}

async fn start() -> (FakeStripe, StripeGateway) {
    let fake = FakeStripe::start().await;
    let gateway = StripeGateway::new(config(&fake)).unwrap();
    (fake, gateway)
}

fn opening(key: &str, amount: Money, token: &str, order: &str) -> PaymentRequest {
    PaymentRequest {
        idempotency_key: key.into(),
        amount,
        order_reference: order.into(),
        method: PaymentMethod::Card,
        token: Some(token.into()),
        return_url: None,
    }
}

fn follow_up(key: &str, amount: Money, reference: &str) -> FollowUpRequest {
    FollowUpRequest {
        idempotency_key: key.into(),
        amount,
        order_reference: "R-1001".into(),
        gateway_reference: reference.into(),
        reason: None,
        payload: serde_json::Value::Null,
    }
}

#[tokio::test]
async fn authorize_then_partial_capture_speak_stripes_wire_format() {
    let (fake, gateway) = start().await;
    let auth = gateway.authorize(&opening("auth-1", eur(10_000), "pm_card_visa", "R-1001")).await.unwrap();
    assert_eq!(auth.status, GatewayStatus::Authorized);
    assert!(auth.gateway_reference.starts_with("pi_"));
    assert_eq!(auth.amount, eur(10_000));
    assert_eq!(auth.raw["client_secret"], "<redacted>", "the client secret is not kept");

    let capture = gateway.capture(&follow_up("cap-1", eur(6_000), &auth.gateway_reference)).await.unwrap();
    assert_eq!((capture.status, capture.amount), (GatewayStatus::Captured, eur(6_000)));
    assert_eq!(fake.intent(&auth.gateway_reference)["amount_received"], 6_000);

    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    let create = &requests[0];
    assert_eq!((create.method.as_str(), create.path.as_str()), ("POST", "/v1/payment_intents"));
    assert_eq!(create.header("authorization"), Some(format!("Bearer {API_KEY}").as_str()));
    assert_eq!(create.header("idempotency-key"), Some("auth-1"));
    assert_eq!(create.header("stripe-version"), Some(API_VERSION));
    assert_eq!(create.header("content-type"), Some("application/x-www-form-urlencoded"));
    for (field, value) in [
        ("amount", "10000"),
        ("currency", "eur"),
        ("capture_method", "manual"),
        ("confirm", "true"),
        ("payment_method", "pm_card_visa"),
        ("metadata[order_reference]", "R-1001"),
        ("expand[]", "latest_charge"),
    ] {
        assert_eq!(create.field(field), Some(value), "{field}");
    }
    let capture_request = &requests[1];
    assert_eq!(capture_request.path, format!("/v1/payment_intents/{}/capture", auth.gateway_reference));
    assert_eq!(capture_request.field("amount_to_capture"), Some("6000"));
    assert_eq!(capture_request.header("idempotency-key"), Some("cap-1"));
}

#[tokio::test]
async fn purchase_captures_at_once_in_zero_and_three_decimal_currencies() {
    let (fake, gateway) = start().await;
    let yen = Money::from_minor(5_000, Currency::JPY);
    let result = gateway.purchase(&opening("buy-jpy", yen, "pm_card_visa", "R-1")).await.unwrap();
    assert_eq!((result.status, result.amount), (GatewayStatus::Captured, yen));
    let dinar = Money::from_minor(12_340, Currency::KWD);
    let result = gateway.purchase(&opening("buy-kwd", dinar, "pm_card_visa", "R-2")).await.unwrap();
    assert_eq!((result.status, result.amount), (GatewayStatus::Captured, dinar));
    let sent: Vec<_> = fake
        .requests()
        .iter()
        .map(|r| (r.field("amount").unwrap().to_owned(), r.field("capture_method").unwrap().to_owned()))
        .collect();
    assert_eq!(sent, [("5000".to_owned(), "automatic".to_owned()), ("12340".to_owned(), "automatic".to_owned())]);
    // A fils Stripe cannot take is refused before anything is sent.
    let odd = Money::from_minor(12_345, Currency::KWD);
    assert!(matches!(
        gateway.purchase(&opening("buy-odd", odd, "pm_card_visa", "R-3")).await,
        Err(GatewayError::InvalidRequest { .. })
    ));
    assert_eq!(fake.requests().len(), 2);
}

#[tokio::test]
async fn void_cancels_the_payment_intent() {
    let (fake, gateway) = start().await;
    let auth = gateway.authorize(&opening("auth-v", eur(2_500), "pm_card_visa", "R-2")).await.unwrap();
    let mut request = follow_up("void-1", eur(2_500), &auth.gateway_reference);
    request.reason = Some("requested_by_customer".into());
    let void = gateway.void(&request).await.unwrap();
    assert_eq!((void.status, void.amount), (GatewayStatus::Voided, eur(2_500)));
    let cancel = fake.requests().pop().unwrap();
    assert_eq!(cancel.path, format!("/v1/payment_intents/{}/cancel", auth.gateway_reference));
    assert_eq!(cancel.field("cancellation_reason"), Some("requested_by_customer"));
    assert_eq!(fake.intent(&auth.gateway_reference)["status"], "canceled");
    // A captured payment cannot be voided: Stripe's payment_intent_unexpected_state.
    let paid = gateway.purchase(&opening("buy-v", eur(100), "pm_card_visa", "R-3")).await.unwrap();
    let refused = gateway.void(&follow_up("void-2", eur(100), &paid.gateway_reference)).await;
    assert!(matches!(refused, Err(GatewayError::InvalidRequest { .. })), "{refused:?}");
}

#[tokio::test]
async fn two_partial_refunds_then_one_too_many() {
    let (fake, gateway) = start().await;
    let paid = gateway.purchase(&opening("buy-r", eur(5_000), "pm_card_visa", "R-4")).await.unwrap();
    let mut first = follow_up("refund-1", eur(2_000), &paid.gateway_reference);
    first.reason = Some("damaged in transit".into());
    let one = gateway.refund(&first).await.unwrap();
    let two = gateway.refund(&follow_up("refund-2", eur(1_500), &paid.gateway_reference)).await.unwrap();
    for (refund, amount) in [(&one, 2_000), (&two, 1_500)] {
        assert_eq!((refund.status, refund.amount), (GatewayStatus::Refunded, eur(amount)));
        assert!(refund.gateway_reference.starts_with("re_"));
        assert_eq!(gateway.refund_sync(&refund.gateway_reference).await.unwrap(), *refund);
    }
    assert_ne!(one.gateway_reference, two.gateway_reference);
    let requests = fake.requests();
    let first_refund = &requests[1];
    assert_eq!((first_refund.method.as_str(), first_refund.path.as_str()), ("POST", "/v1/refunds"));
    assert_eq!(first_refund.field("payment_intent"), Some(paid.gateway_reference.as_str()));
    assert_eq!(first_refund.field("amount"), Some("2000"));
    assert_eq!(first_refund.field("metadata[reason]"), Some("damaged in transit"));
    assert_eq!(first_refund.field("reason"), None, "free text is not one of Stripe's reasons");
    let too_much = gateway.refund(&follow_up("refund-3", eur(1_501), &paid.gateway_reference)).await;
    assert!(
        matches!(too_much, Err(GatewayError::InvalidRequest { ref field, .. }) if field == "amount"),
        "{too_much:?}"
    );
    assert_eq!(fake.requests().len(), 6, "three refunds, two retrievals: a 4xx is not retried");
    assert!(matches!(gateway.refund_sync("re_missing").await, Err(GatewayError::UnknownReference { .. })));
}

#[tokio::test]
async fn three_d_secure_redirects_then_completes() {
    let (fake, gateway) = start().await;
    let mut request = opening("auth-3ds", eur(4_200), "pm_card_threeDSecure2Required", "R-5");
    request.return_url = Some("https://shop.example/return".into());
    let pending = gateway.authorize(&request).await.unwrap();
    assert_eq!(pending.status, GatewayStatus::RequiresAction);
    let Some(RequiredAction::Redirect { url }) = &pending.action else { panic!("{:?}", pending.action) };
    assert!(url.starts_with("https://hooks.stripe.com/3d_secure_2/hosted"), "{url}");
    assert_eq!(fake.requests()[0].field("return_url"), Some("https://shop.example/return"));

    // Still waiting: completing answers requires_action again.
    let mut complete = follow_up("complete-1", eur(4_200), &pending.gateway_reference);
    complete.payload = json!({ "payment_intent": pending.gateway_reference, "redirect_status": "succeeded" });
    assert_eq!(gateway.complete_action(&complete).await.unwrap().status, GatewayStatus::RequiresAction);

    fake.finish_three_d_secure(&pending.gateway_reference, true, false);
    let done = gateway.complete_action(&complete).await.unwrap();
    assert_eq!((done.status, done.amount), (GatewayStatus::Authorized, eur(4_200)));

    // Another intent in the payload is refused.
    complete.payload = json!({ "payment_intent": "pi_someone_else" });
    assert!(matches!(gateway.complete_action(&complete).await, Err(GatewayError::InvalidRequest { .. })));
}

#[tokio::test]
async fn completing_confirms_when_stripe_waits_for_it_and_a_failed_challenge_fails() {
    let (fake, gateway) = start().await;
    let first = gateway.purchase(&opening("buy-3ds", eur(990), "pm_card_threeDSecure2Required", "R-6")).await.unwrap();
    assert!(matches!(first.action, Some(RequiredAction::ThreeDSecure { .. })), "no return URL: Stripe.js handles it");
    fake.finish_three_d_secure(&first.gateway_reference, true, true);
    let done = gateway.complete_action(&follow_up("complete-2", eur(990), &first.gateway_reference)).await.unwrap();
    assert_eq!((done.status, done.amount), (GatewayStatus::Captured, eur(990)));
    let confirm = fake.requests().pop().unwrap();
    assert_eq!(confirm.path, format!("/v1/payment_intents/{}/confirm", first.gateway_reference));
    assert_eq!(confirm.header("idempotency-key"), Some("complete-2"));

    let second =
        gateway.authorize(&opening("auth-3ds-2", eur(990), "pm_card_threeDSecure2Required", "R-7")).await.unwrap();
    fake.finish_three_d_secure(&second.gateway_reference, false, false);
    let failed = gateway.complete_action(&follow_up("complete-3", eur(990), &second.gateway_reference)).await.unwrap();
    assert_eq!((failed.status, failed.error), (GatewayStatus::Failed, Some(GatewayErrorCode::AuthenticationFailed)));
}

#[tokio::test]
async fn declines_are_failed_results_with_the_core_codes() {
    let (fake, gateway) = start().await;
    for (token, code, words) in [
        ("pm_card_visa_chargeDeclined", GatewayErrorCode::CardDeclined, "declined"),
        ("pm_card_visa_chargeDeclinedInsufficientFunds", GatewayErrorCode::InsufficientFunds, "insufficient funds"),
        (
            "pm_card_fake_authenticationRequiredDecline",
            GatewayErrorCode::AuthenticationFailed,
            "requires authentication",
        ),
    ] {
        let result = gateway.authorize(&opening(token, eur(1_000), token, "R-8")).await.unwrap();
        assert_eq!((result.status, result.error), (GatewayStatus::Failed, Some(code)), "{token}");
        assert!(result.gateway_reference.starts_with("pi_"), "{token}");
        assert_eq!(result.amount, eur(1_000), "{token}");
        assert!(result.message.as_deref().unwrap_or_default().contains(words), "{:?}", result.message);
        assert_eq!(result.raw["error"]["type"], "card_error");
    }
    assert_eq!(fake.requests().len(), 3, "a decline (402) is not retried");
}

#[tokio::test]
async fn rate_limit_and_server_errors_are_retried_with_the_same_key() {
    for status in [429, 500, 503] {
        let (fake, gateway) = start().await;
        fake.push_fault(Fault::Status(status));
        let result = gateway.authorize(&opening("auth-retry", eur(700), "pm_card_visa", "R-9")).await.unwrap();
        assert_eq!(result.status, GatewayStatus::Authorized, "{status}");
        let keys: Vec<_> = fake.requests().iter().map(|r| r.header("idempotency-key").unwrap().to_owned()).collect();
        assert_eq!(keys, ["auth-retry", "auth-retry"], "{status}");
    }
}

#[tokio::test]
async fn stripe_should_retry_overrides_the_status() {
    let (fake, gateway) = start().await;
    fake.push_fault(Fault::LockTimeout);
    let result = gateway.capture(&follow_up("cap-lock", eur(100), "pi_missing")).await;
    assert_eq!(result, Err(GatewayError::UnknownReference { reference: "pi_missing".into() }), "409 retried");
    assert_eq!(fake.requests().len(), 2);

    fake.push_fault(Fault::NoRetry);
    let result = gateway.authorize(&opening("auth-no-retry", eur(700), "pm_card_visa", "R-9")).await;
    assert!(matches!(result, Err(GatewayError::Unavailable { .. })), "{result:?}");
    assert_eq!(fake.requests().len(), 3, "a 500 marked Stripe-Should-Retry: false is not repeated");
}

#[tokio::test]
async fn retries_are_bounded_and_end_unavailable() {
    let (fake, gateway) = start().await;
    for _ in 0..3 {
        fake.push_fault(Fault::Status(500));
    }
    let result = gateway.authorize(&opening("auth-down", eur(700), "pm_card_visa", "R-10")).await;
    assert!(matches!(result, Err(GatewayError::Unavailable { .. })), "{result:?}");
    assert_eq!(fake.requests().len(), 3, "one try and max_retries = 2 retries");
}

#[tokio::test]
async fn a_timeout_is_unavailable_and_sync_by_order_reference_finds_the_payment() {
    let fake = FakeStripe::start().await;
    let mut config = config(&fake);
    config.timeout = Duration::from_millis(200);
    config.max_retries = 0;
    let gateway = StripeGateway::new(config).unwrap();
    fake.push_fault(Fault::Delay(Duration::from_millis(700)));
    let started = Instant::now();
    let result = gateway.authorize(&opening("auth-slow", eur(1_234), "pm_card_visa", "R-11")).await;
    assert!(matches!(result, Err(GatewayError::Unavailable { .. })), "{result:?}");
    assert!(started.elapsed() < Duration::from_millis(650), "gave up after {:?}", started.elapsed());
    // Stripe acted all the same; the order reference finds the payment.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let found = gateway.sync("R-11").await.unwrap();
    assert_eq!((found.status, found.amount), (GatewayStatus::Authorized, eur(1_234)));
    let search = fake.requests().pop().unwrap();
    assert_eq!((search.method.as_str(), search.path.as_str()), ("GET", "/v1/payment_intents/search"));
    assert!(
        search.query.contains(&("query".into(), "metadata['order_reference']:'R-11'".into())),
        "{:?}",
        search.query
    );
}

#[tokio::test]
async fn a_timed_out_attempt_is_retried_with_the_same_key_and_charges_once() {
    let fake = FakeStripe::start().await;
    let mut config = config(&fake);
    config.timeout = Duration::from_millis(200);
    config.max_retries = 1;
    let gateway = StripeGateway::new(config).unwrap();
    fake.push_fault(Fault::Delay(Duration::from_millis(500)));
    let result = gateway.purchase(&opening("buy-slow", eur(800), "pm_card_visa", "R-12")).await.unwrap();
    assert_eq!(result.status, GatewayStatus::Captured);
    tokio::time::sleep(Duration::from_millis(500)).await;
    let keys: Vec<_> = fake.requests().iter().map(|r| r.header("idempotency-key").unwrap().to_owned()).collect();
    assert_eq!(keys, ["buy-slow", "buy-slow"]);
    assert_eq!(gateway.sync("R-12").await.unwrap().gateway_reference, result.gateway_reference, "one payment");
}

#[tokio::test]
async fn reusing_a_key_with_other_parameters_is_stripes_idempotency_error() {
    let (fake, gateway) = start().await;
    let first = gateway.authorize(&opening("auth-k", eur(1_000), "pm_card_visa", "R-13")).await.unwrap();
    let again = gateway.authorize(&opening("auth-k", eur(1_000), "pm_card_visa", "R-13")).await.unwrap();
    assert_eq!(again.gateway_reference, first.gateway_reference, "a repeat is answered with the first result");
    let other = gateway.authorize(&opening("auth-k", eur(2_000), "pm_card_visa", "R-13")).await;
    assert_eq!(other, Err(GatewayError::Idempotency(IdempotencyError::KeyReused { key: "auth-k".into() })));
    assert_eq!(fake.requests().len(), 3, "an idempotency error is not retried");
}

#[tokio::test]
async fn sync_by_reference_or_order_reference() {
    let (_fake, gateway) = start().await;
    let old = gateway.authorize(&opening("auth-s1", eur(300), "pm_card_visa_chargeDeclined", "R-14")).await.unwrap();
    let new = gateway.authorize(&opening("auth-s2", eur(300), "pm_card_visa", "R-14")).await.unwrap();
    assert_eq!(gateway.sync(&old.gateway_reference).await.unwrap().status, GatewayStatus::Failed);
    let latest = gateway.sync("R-14").await.unwrap();
    assert_eq!((latest.gateway_reference, latest.status), (new.gateway_reference, GatewayStatus::Authorized));
    assert_eq!(gateway.sync("R-none").await, Err(GatewayError::UnknownReference { reference: "R-none".into() }));
    assert_eq!(
        gateway.sync("pi_missing").await,
        Err(GatewayError::UnknownReference { reference: "pi_missing".into() })
    );
    // Quotes in an order reference are escaped in the search query.
    assert!(matches!(gateway.sync("R-'15").await, Err(GatewayError::UnknownReference { .. })));
}

#[tokio::test]
async fn verify_checks_the_card_with_a_setup_intent() {
    let (fake, gateway) = start().await;
    let ok = gateway.verify(&opening("verify-1", eur(0), "pm_card_visa", "R-16")).await.unwrap();
    assert_eq!((ok.status, ok.amount), (GatewayStatus::Authorized, eur(0)));
    assert!(ok.gateway_reference.starts_with("seti_"));
    let declined = gateway.verify(&opening("verify-2", eur(0), "pm_card_visa_chargeDeclined", "R-16")).await.unwrap();
    assert_eq!((declined.status, declined.error), (GatewayStatus::Failed, Some(GatewayErrorCode::CardDeclined)));
    let request = &fake.requests()[0];
    assert_eq!(request.path, "/v1/setup_intents");
    assert_eq!((request.field("confirm"), request.field("usage")), (Some("true"), Some("off_session")));
}

#[tokio::test]
async fn bad_requests_are_refused_locally_or_by_stripe_without_retry() {
    let (fake, gateway) = start().await;
    let mut no_token = opening("bad-1", eur(100), "", "R-17");
    no_token.token = None;
    assert!(
        matches!(gateway.authorize(&no_token).await, Err(GatewayError::InvalidRequest { ref field, .. }) if field == "token")
    );
    let mut cash = opening("bad-2", eur(100), "pm_card_visa", "R-17");
    cash.method = PaymentMethod::CashOnDelivery;
    assert!(
        matches!(gateway.authorize(&cash).await, Err(GatewayError::InvalidRequest { ref field, .. }) if field == "method")
    );
    assert!(fake.requests().is_empty());
    let unknown = gateway.authorize(&opening("bad-3", eur(100), "pm_nope", "R-17")).await;
    assert!(
        matches!(unknown, Err(GatewayError::InvalidRequest { ref field, .. }) if field == "payment_method"),
        "{unknown:?}"
    );

    let mut wrong_key = config(&fake);
    wrong_key.api_key = "sk_test_wrong".into();
    let gateway = StripeGateway::new(wrong_key).unwrap();
    let refused = gateway.authorize(&opening("bad-4", eur(100), "pm_card_visa", "R-17")).await;
    assert!(
        matches!(refused, Err(GatewayError::InvalidRequest { ref field, .. }) if field == "api_key"),
        "{refused:?}"
    );
    assert_eq!(fake.requests().len(), 2);
    assert!(!format!("{gateway:?}").contains("sk_test_wrong"));
}
