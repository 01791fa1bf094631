//! Plug-in contracts checked with mockall where a fake cannot tell: how many times the Shop calls a
//! gateway or a courier for one request, and that it never calls one it has no reason to.

use std::sync::Arc;

use async_trait::async_trait;
use mockall::mock;
use mockall::predicate::eq;
use vitrina_core::event::Actor;
use vitrina_core::order::{OrderState, PaymentMethod};
use vitrina_core::payment::{
    FollowUpRequest, GatewayCapabilities, GatewayError, GatewayResult, GatewayStatus, IdempotencyError, PaymentError,
    PaymentGateway, PaymentRequest, PaymentState, TestGateway, WebhookEvent, WebhookRequest, TEST_CARD_SUCCESS,
};
use vitrina_core::shipping::{
    CarrierWarning, Courier, CourierCapabilities, CreatedShipment, LabelDocument, RateQuote, RateRequest,
    ShipmentRequest, ShipmentState, TrackingReport,
};
use vitrina_core::shop::{Plugins, ShopError};
use vitrina_core::store::Store;

use crate::shop::{buy, open_shop};
use crate::shop_fulfil::shipping_settings;

mock! {
    Gateway {}
    #[async_trait]
    impl PaymentGateway for Gateway {
        fn name(&self) -> &str;
        fn capabilities(&self) -> GatewayCapabilities;
        async fn authorize(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError>;
        async fn capture(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError>;
        async fn purchase(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError>;
        async fn void(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError>;
        async fn refund(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError>;
        async fn verify(&self, request: &PaymentRequest) -> Result<GatewayResult, GatewayError>;
        async fn sync(&self, gateway_reference: &str) -> Result<GatewayResult, GatewayError>;
        async fn refund_sync(&self, refund_reference: &str) -> Result<GatewayResult, GatewayError>;
        async fn complete_action(&self, request: &FollowUpRequest) -> Result<GatewayResult, GatewayError>;
        async fn parse_webhook(&self, webhook: &WebhookRequest) -> Result<WebhookEvent, GatewayError>;
    }
}

mock! {
    Courier {}
    #[async_trait]
    impl Courier for Courier {
        fn name(&self) -> &str;
        fn capabilities(&self) -> CourierCapabilities;
        async fn rates(&self, request: &RateRequest) -> Result<RateQuote, vitrina_core::shipping::CourierError>;
        async fn create_shipment(
            &self,
            request: &ShipmentRequest,
        ) -> Result<CreatedShipment, vitrina_core::shipping::CourierError>;
        async fn cancel_shipment(
            &self,
            tracking_number: &str,
        ) -> Result<Vec<CarrierWarning>, vitrina_core::shipping::CourierError>;
        async fn track(&self, tracking_numbers: &[String]) -> Result<TrackingReport, vitrina_core::shipping::CourierError>;
    }
}

/// What a gateway answers to a purchase that went through.
fn captured(request: &PaymentRequest) -> GatewayResult {
    GatewayResult {
        status: GatewayStatus::Captured,
        gateway_reference: "pi_mock_1".into(),
        amount: request.amount,
        error: None,
        message: None,
        action: None,
        raw: serde_json::Value::Null,
    }
}

/// Whether `error` is the answer to a call made while the same key's first call is under way.
fn in_progress(error: &ShopError) -> bool {
    matches!(
        error,
        ShopError::PaymentInProgress { .. }
            | ShopError::Payment(PaymentError::Gateway(GatewayError::Idempotency(IdempotencyError::InProgress { .. })))
    )
}

/// Two requests racing with the same key (a double click, a retried HTTP request) reach the
/// gateway once; each gets the payment or "in progress", and the order is paid once. A repeat
/// afterwards is answered from the shop's records, the gateway not called again.
pub async fn shop_calls_the_gateway_once_for_racing_duplicates(store: Arc<dyn Store>) {
    let mut gateway = MockGateway::new();
    gateway.expect_name().return_const("mock".to_owned());
    gateway.expect_purchase().times(1).returning(|request| Ok(captured(request)));
    let (shop, _) = open_shop(store, Plugins::new().gateway(PaymentMethod::Card, Arc::new(gateway))).await;
    let order = buy(&shop, "ana@example.bg", 1, PaymentMethod::Card).await.unwrap();
    let payments = shop.payments();
    let (first, second) = tokio::join!(
        payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card"),
        payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card")
    );
    let answers: Vec<_> = [first, second].into_iter().collect();
    assert!(answers.iter().any(Result::is_ok), "{answers:?}");
    for answer in &answers {
        match answer {
            Ok(payment) => assert_eq!((payment.state(), payment.captured()), (PaymentState::Captured, order.total())),
            Err(error) => assert!(in_progress(error), "{error:?}"),
        }
    }
    let repeat = payments.pay(order.id(), TEST_CARD_SUCCESS, "ana:card").await.unwrap();
    assert_eq!(repeat.captured(), order.total());
    let paid = shop.orders().get(order.id()).await.unwrap();
    assert_eq!((paid.state(), paid.paid()), (OrderState::Paid, order.total()), "paid once");
}

/// A shipment cancelled before pickup is cancelled at the courier exactly once, with its tracking
/// number; cancelling it again is refused without a call, and with nothing in transit the tracking
/// round never asks the courier.
pub async fn shop_cancels_a_label_at_the_courier_once(store: Arc<dyn Store>) {
    let mut courier = MockCourier::new();
    courier.expect_name().return_const("test".to_owned());
    courier.expect_capabilities().return_const(CourierCapabilities { cancel: true, ..CourierCapabilities::default() });
    courier.expect_create_shipment().times(1).returning(|_| {
        let label = LabelDocument { content_type: "text/plain; charset=utf-8".into(), bytes: b"MOCK-1".to_vec() };
        Ok(CreatedShipment { tracking_number: "MOCK-1".into(), label, estimated_delivery: None, warnings: Vec::new() })
    });
    courier.expect_cancel_shipment().with(eq("MOCK-1")).times(1).returning(|_| Ok(Vec::new()));
    courier.expect_track().never();
    let gateway = Arc::new(TestGateway::new("whsec"));
    let plugins = Plugins::new().courier(Arc::new(courier)).gateway(PaymentMethod::Card, gateway);
    let (shop, _) = open_shop(store, plugins).await;
    shop.admin().configure(shipping_settings()).await.unwrap();
    let order = buy(&shop, "ana@example.bg", 1, PaymentMethod::Card).await.unwrap();
    shop.payments().pay(order.id(), TEST_CARD_SUCCESS, "ana:card").await.unwrap();
    let staff = Actor::Staff { id: "mila".into() };

    let shipment = shop.shipping().ship(order.id(), staff.clone()).await.unwrap();
    assert_eq!(shipment.tracking_number(), Some("MOCK-1"));
    let cancelled = shop.shipping().cancel_shipment(shipment.id(), staff.clone(), None).await.unwrap();
    assert_eq!(cancelled.state(), ShipmentState::Cancelled);
    let again = shop.shipping().cancel_shipment(shipment.id(), staff, None).await;
    assert!(again.is_err(), "{again:?}");
    let round = shop.run_due(shop.now()).await.unwrap();
    assert!(round.tracking_updates.is_empty() && round.tracking_failures.is_empty());
}
