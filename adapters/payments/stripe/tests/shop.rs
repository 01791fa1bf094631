//! The Stripe gateway plugged into a Vitrina shop on SQLite, against the fake Stripe: card payments
//! through the Shop's use cases, and Stripe's webhooks moving the stored payment and order.

mod support;

use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use support::{signed_delivery, FakeStripe, API_KEY};
use vitrina_core::event::Actor;
use vitrina_core::money::{Currency, Money};
use vitrina_core::order::{Order, OrderState, PaymentMethod};
use vitrina_core::payment::{PaymentState, RefundState, WebhookOutcome};
use vitrina_core::shop::{Plugins, Shop};
use vitrina_core::store::Store;
use vitrina_payments_stripe::{StripeConfig, StripeGateway};
use vitrina_store_sqlite::SqliteStore;
use vitrina_store_tests::fixtures::{customer, now, VARIANT};
use vitrina_store_tests::shop::{delivery_by, open_shop};

const SECRET: &str = "whsec_test_shop_7Hq2";

async fn stripe_shop() -> (FakeStripe, Shop, Arc<dyn Store>) {
    let fake = FakeStripe::start().await;
    let mut config = StripeConfig::new(API_KEY);
    config.base_url = fake.base_url();
    config.retry_backoff = Duration::from_millis(10);
    config.webhook_secrets = vec![SECRET.to_owned()];
    let gateway = Arc::new(StripeGateway::new(config).unwrap());
    let store: Arc<dyn Store> = Arc::new(SqliteStore::in_memory().await.unwrap());
    let (shop, _clock) = open_shop(store.clone(), Plugins::new().gateway(PaymentMethod::Card, gateway)).await;
    (fake, shop, store)
}

/// A registered customer's order of `quantity` mugs, paid by card.
async fn order(shop: &Shop, store: &Arc<dyn Store>, email: &str, quantity: u32) -> Order {
    let account = customer(email);
    store.save_customer(&account, 0).await.unwrap();
    let cart = shop.carts().create(Currency::EUR, Some(account.id())).await.unwrap();
    shop.carts().add_line(&cart.id, VARIANT, quantity).await.unwrap();
    let session = shop.checkout().start(&cart.id, email, None).await.unwrap();
    shop.checkout().set_delivery(session.id(), delivery_by(PaymentMethod::Card)).await.unwrap();
    let confirmed = shop.checkout().quote(session.id()).await.unwrap();
    shop.checkout().place_order(session.id(), &confirmed).await.unwrap()
}

fn eur(minor: i64) -> Money {
    Money::from_minor(minor, Currency::EUR)
}

#[tokio::test]
async fn a_shop_authorizes_captures_and_refunds_through_stripe() {
    let (fake, shop, store) = stripe_shop().await;
    let order = order(&shop, &store, "ana@example.bg", 2).await;
    let payments = shop.payments();
    let authorized = payments.authorize(order.id(), "pm_card_visa", "ana:authorize").await.unwrap();
    assert_eq!(authorized.state(), PaymentState::Authorized);
    let reference = authorized.gateway_reference().unwrap().to_owned();
    let intent = fake.intent(&reference);
    assert_eq!(intent["amount"], order.total().minor(), "Stripe holds the order's total in cents");
    assert_eq!(intent["metadata"]["order_reference"], order.number().as_str());

    let captured = payments.capture(authorized.id(), order.total(), "ana:capture").await.unwrap();
    assert_eq!(captured.state(), PaymentState::Captured);
    let paid = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((paid.state(), paid.paid()), (OrderState::Paid, order.total()));

    let staff = Actor::Staff { id: "mila".into() };
    let refunded = payments.refund(captured.id(), eur(500), Some("requested_by_customer"), "ana:refund", staff).await;
    let refunded = refunded.unwrap();
    assert_eq!((refunded.state(), refunded.refunded()), (PaymentState::PartiallyRefunded, eur(500)));
    let refund = refunded.refunds().last().unwrap();
    assert_eq!(refund.state, RefundState::Succeeded);
    let stripe_refund = fake.refund(refund.gateway_reference.as_deref().unwrap());
    assert_eq!(
        (stripe_refund["amount"].as_i64(), stripe_refund["reason"].as_str()),
        (Some(500), Some("requested_by_customer"))
    );
    let keys: Vec<_> = fake.requests().iter().filter_map(|r| r.header("idempotency-key").map(str::to_owned)).collect();
    assert_eq!(keys, ["ana:authorize", "ana:capture", "ana:refund"], "the Shop's keys reach Stripe");
}

#[tokio::test]
async fn stripe_webhooks_move_the_stored_payment_and_a_dispute_opens_a_case() {
    let (fake, shop, store) = stripe_shop().await;
    let order = order(&shop, &store, "ana@example.bg", 1).await;
    let payments = shop.payments();
    let waiting = payments.pay(order.id(), "pm_card_threeDSecure2Required", "ana:pay").await.unwrap();
    assert_eq!(waiting.state(), PaymentState::RequiresAction);
    let reference = waiting.gateway_reference().unwrap().to_owned();

    // The shopper passes 3-D Secure; Stripe tells the shop by webhook before she comes back.
    fake.finish_three_d_secure(&reference, true, false);
    let body = fake.event("payment_intent.succeeded", fake.intent(&reference));
    let delivery = signed_delivery(&[SECRET], now(), now(), &body);
    let receipt = payments.receive_webhook("stripe", &delivery).await.unwrap();
    assert_eq!(receipt.outcome, WebhookOutcome::Applied);
    let paid = receipt.payment.unwrap();
    assert_eq!((paid.state(), paid.captured()), (PaymentState::Captured, order.total()));
    assert_eq!(shop.orders().get(order.id()).await.unwrap().state(), OrderState::Paid);
    let again = payments.receive_webhook("stripe", &delivery).await.unwrap();
    assert_eq!(again.outcome, WebhookOutcome::Duplicate);
    // The charge's own event, sent with it to an endpoint subscribed to everything, changes nothing.
    let charge_id = fake.intent(&reference)["latest_charge"].as_str().unwrap().to_owned();
    let charge = json!({
        "id": charge_id, "object": "charge", "amount": order.total().minor(), "amount_captured": order.total().minor(),
        "amount_refunded": 0, "captured": true, "currency": "eur", "payment_intent": reference,
        "refunded": false, "status": "succeeded",
    });
    let body = fake.event("charge.succeeded", charge);
    let receipt = payments.receive_webhook("stripe", &signed_delivery(&[SECRET], now(), now(), &body)).await.unwrap();
    assert_eq!(receipt.outcome, WebhookOutcome::AlreadyKnown);

    // A refund made in Stripe's dashboard: charge.refunded without its refunds listed (running total).
    let charge = json!({
        "id": charge_id, "object": "charge", "amount": order.total().minor(), "amount_captured": order.total().minor(),
        "amount_refunded": 300, "captured": true, "currency": "eur", "payment_intent": reference,
        "refunded": false, "status": "succeeded",
    });
    let body = fake.event("charge.refunded", charge);
    let receipt = payments.receive_webhook("stripe", &signed_delivery(&[SECRET], now(), now(), &body)).await.unwrap();
    assert_eq!(receipt.outcome, WebhookOutcome::Applied);
    assert_eq!(receipt.payment.unwrap().refunded(), eur(300));

    let dispute = json!({
        "id": "dp_3FakeShop", "object": "dispute", "amount": order.total().minor(), "charge": charge_id,
        "currency": "eur", "payment_intent": reference, "reason": "product_not_received",
        "status": "needs_response",
    });
    let body = fake.event("charge.dispute.created", dispute);
    let receipt = payments.receive_webhook("stripe", &signed_delivery(&[SECRET], now(), now(), &body)).await.unwrap();
    assert_eq!(receipt.outcome, WebhookOutcome::Disputed);
    assert!(receipt.case_id.is_some(), "a support case is opened for the dispute");

    let customer = fake.event("customer.created", json!({ "id": "cus_1", "object": "customer" }));
    let receipt =
        payments.receive_webhook("stripe", &signed_delivery(&[SECRET], now(), now(), &customer)).await.unwrap();
    assert_eq!((receipt.outcome, receipt.payment), (WebhookOutcome::Ignored, None), "acknowledged, not stored");

    let stale = signed_delivery(&[SECRET], now() - jiff::SignedDuration::from_mins(10), now(), &body);
    assert!(payments.receive_webhook("stripe", &stale).await.is_err(), "an old delivery is refused");
}
