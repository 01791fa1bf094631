//! Payment webhooks over each store: a verified event moves the stored payment and order once, a
//! redelivery is a duplicate, a refund made at the gateway is given back, a dispute opens a case.

use std::sync::Arc;

use vitrina_core::money::Money;
use vitrina_core::order::{OrderState, PaymentMethod};
use vitrina_core::payment::{
    DisputeNotice, GatewayError, GatewayResult, GatewayStatus, PaymentError, PaymentState, RefundState, TestGateway,
    WebhookError, WebhookEvent, WebhookOutcome, TEST_CARD_THREE_D_SECURE,
};
use vitrina_core::shop::{Plugins, ShopError};
use vitrina_core::store::Store;
use vitrina_core::support::{CaseCategory, Channel, MessageKind, Priority};

use crate::fixtures::now;
use crate::shop::open_shop;
use crate::shop_payments::{buy_as, payment_received_emails};

use vitrina_core::test_util::eur;

/// An event about gateway payment `reference`, reported as `status` for `amount`.
fn event(id: &str, reference: &str, status: GatewayStatus, amount: Money) -> WebhookEvent {
    WebhookEvent {
        event_id: id.into(),
        payment_reference: reference.into(),
        refund_reference: None,
        result: GatewayResult {
            status,
            gateway_reference: reference.into(),
            amount,
            error: None,
            message: None,
            action: None,
            raw: serde_json::Value::Null,
        },
        dispute: None,
    }
}

/// Ana pays by a card that needs 3-D Secure and finishes it at her bank: the gateway's webhook, not
/// a call, tells the shop the money was taken. The order is paid and the shopper told once; the same
/// delivery again changes nothing; a tampered one is refused; a refund made in the gateway's
/// dashboard is given back on the order; a dispute opens a high-priority complaint case.
pub async fn shop_applies_payment_webhooks_once(store: Arc<dyn Store>) {
    let gateway = Arc::new(TestGateway::new("whsec"));
    let (shop, _) = open_shop(store.clone(), Plugins::new().gateway(PaymentMethod::Card, gateway.clone())).await;
    let payments = shop.payments();
    let order = buy_as(&store, &shop, "ana@example.bg", 2, PaymentMethod::Card).await;
    let total = order.total();
    let waiting = payments.pay(order.id(), TEST_CARD_THREE_D_SECURE, "ana:card").await.unwrap();
    assert_eq!(waiting.state(), PaymentState::RequiresAction);
    let reference = waiting.gateway_reference().unwrap().to_owned();

    let captured = gateway.signed_webhook(&event("evt_1", &reference, GatewayStatus::Captured, total), now());
    let applied = payments.receive_webhook("test", &captured).await.unwrap();
    assert_eq!((applied.event_id.as_str(), applied.outcome), ("evt_1", WebhookOutcome::Applied));
    let paid = applied.payment.unwrap();
    assert_eq!((paid.id(), paid.state(), paid.captured()), (waiting.id(), PaymentState::Captured, total));
    assert_eq!((waiting.claimed_by(), paid.claimed_by()), (Some("ana:card"), None), "the opening is over");
    let back = payments.complete_action(paid.id(), serde_json::json!({"authenticated": true}), "ana:3ds").await;
    assert_eq!(back.unwrap(), paid, "the shopper's return after the webhook finds it paid");
    let stored = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((stored.state(), stored.paid()), (OrderState::Paid, total));
    assert_eq!(payment_received_emails(&store).await.len(), 1, "the shopper hears the card was charged");

    let version = store.document_version("orders", order.id()).await.unwrap();
    let again = payments.receive_webhook("test", &captured).await.unwrap();
    assert_eq!((again.outcome, again.payment.as_ref()), (WebhookOutcome::Duplicate, Some(&paid)));
    assert_eq!(store.document_version("orders", order.id()).await.unwrap(), version, "nothing written");
    let late = gateway.signed_webhook(&event("evt_0", &reference, GatewayStatus::Authorized, total), now());
    let known = payments.receive_webhook("test", &late).await.unwrap();
    assert_eq!(known.outcome, WebhookOutcome::AlreadyKnown, "an older state arriving late");
    assert_eq!(payment_received_emails(&store).await.len(), 1, "told once");

    let mut tampered = gateway.signed_webhook(&event("evt_2", &reference, GatewayStatus::Refunded, total), now());
    tampered.body = tampered.body.replace("evt_2", "evt_3");
    let refused = payments.receive_webhook("test", &tampered).await.unwrap_err();
    assert!(
        matches!(
            refused,
            ShopError::Payment(PaymentError::Gateway(GatewayError::Webhook(WebhookError::SignatureMismatch)))
        ),
        "{refused:?}"
    );
    let unknown = gateway.signed_webhook(&event("evt_4", "pi_elsewhere", GatewayStatus::Captured, total), now());
    let elsewhere = payments.receive_webhook("test", &unknown).await.unwrap();
    assert_eq!((elsewhere.outcome, elsewhere.payment), (WebhookOutcome::UnknownPayment, None));
    let stranger = payments.receive_webhook("stripe", &captured).await.unwrap_err();
    assert!(matches!(stranger, ShopError::NoPlugin { .. }), "{stranger:?}");

    let mut dashboard = event("evt_5", &reference, GatewayStatus::Refunded, eur(500));
    dashboard.refund_reference = Some("re_dashboard".into());
    dashboard.result.gateway_reference = "re_dashboard".into();
    let refunded = payments.receive_webhook("test", &gateway.signed_webhook(&dashboard, now())).await.unwrap();
    assert_eq!(refunded.outcome, WebhookOutcome::Applied);
    let payment = refunded.payment.unwrap();
    assert_eq!((payment.state(), payment.refunded()), (PaymentState::PartiallyRefunded, eur(500)));
    let refund = &payment.refunds()[0];
    assert_eq!((refund.state, refund.gateway_reference.as_deref()), (RefundState::Succeeded, Some("re_dashboard")));
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), eur(total.minor() - 500));
    dashboard.event_id = "evt_6".into();
    let same_refund = payments.receive_webhook("test", &gateway.signed_webhook(&dashboard, now())).await.unwrap();
    assert_eq!(same_refund.outcome, WebhookOutcome::AlreadyKnown, "one refund told by two events");
    assert_eq!(shop.orders().get(order.id()).await.unwrap().paid(), eur(total.minor() - 500));

    let mut disputed = event("evt_7", &reference, GatewayStatus::Captured, total);
    let notice = DisputeNotice { dispute_reference: "dp_1".into(), amount: total, reason: "fraudulent".into() };
    disputed.dispute = Some(notice);
    let signed = gateway.signed_webhook(&disputed, now());
    let opened = payments.receive_webhook("test", &signed).await.unwrap();
    assert_eq!(opened.outcome, WebhookOutcome::Disputed);
    let case = shop.support().get(opened.case_id.as_deref().unwrap()).await.unwrap();
    assert_eq!((case.customer_id(), case.order_id()), (order.customer_id().unwrap(), Some(order.id())));
    assert_eq!(
        (case.priority(), case.category(), case.channel()),
        (Priority::High, CaseCategory::Complaint, Channel::PaymentProvider)
    );
    let note = case.messages().iter().find(|m| m.kind == MessageKind::InternalNote).unwrap();
    assert!(note.body.contains("dp_1") && note.body.contains("fraudulent"), "{}", note.body);
    let repeat = payments.receive_webhook("test", &signed).await.unwrap();
    assert_eq!((repeat.outcome, repeat.case_id), (WebhookOutcome::Duplicate, opened.case_id.clone()));
    assert_eq!(shop.support().cases_of_customer(case.customer_id()).await.unwrap().len(), 1, "one case");
}
