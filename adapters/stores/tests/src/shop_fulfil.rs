//! Fulfilment and returns through the Shop over each store: an order shipped with the test courier,
//! tracked to delivery, and returned, restocked and refunded through the test gateway.

use std::sync::Arc;

use jiff::{SignedDuration, Timestamp};
use vitrina_core::catalog::{CatalogData, Product};
use vitrina_core::checkout::CheckoutError;
use vitrina_core::delivery::Address;
use vitrina_core::delivery::{DeliverySlot, DeliveryWindow, ShippingZone};
use vitrina_core::event::Actor;
use vitrina_core::money::{Currency, Money};
use vitrina_core::order::DeliveryDetails;
use vitrina_core::order::PaymentMethod;
use vitrina_core::order::{Order, OrderState};
use vitrina_core::payment::{IdempotencyStore, PaymentProcessor, PaymentState, TestGateway, TEST_CARD_SUCCESS};
use vitrina_core::reports::Period;
use vitrina_core::returns::{InspectedLine, Inspection, ItemCondition, RequestedLine, ReturnReason, ReturnState};
use vitrina_core::shipping::Courier;
use vitrina_core::shipping::ShipmentState;
use vitrina_core::shop::{Clock, ManualClock, Plugins, Settings, Shop, ShopError};
use vitrina_core::store::{LedgerAccount, Store, StoreError};
use vitrina_core::support::SurveySubject;
use vitrina_couriers_own_fleet::{DriverUpdate, FleetZone, OwnFleetConfig, OwnFleetCourier, OWN_FLEET};
use vitrina_couriers_test::TestCourier;

use crate::fixtures::{now, VARIANT};
use crate::shop::{delivery_by, open_shop, settings};

/// Where the suite shop's customers follow their parcels.
const TRACKING: &str = "https://track.example.com/{tracking}";

/// A shop with the test courier and the test card gateway, its clocks together.
/// The fixture shop's settings with a warehouse to ship from and the courier named `test` as default.
pub(crate) fn shipping_settings() -> Settings {
    let mut settings = settings();
    settings.warehouse = Some(Address {
        recipient: "Suite Shop".into(),
        line1: "ul. Tsar Simeon 44".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    });
    settings.default_courier = Some("test".into());
    settings.tracking_url = Some(TRACKING.into());
    settings
}

pub(crate) struct Fulfil {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) shop: Shop,
    clock: Arc<ManualClock>,
    pub(crate) courier: Arc<TestCourier>,
    gateway: Arc<TestGateway>,
}

impl Fulfil {
    pub(crate) async fn open(store: Arc<dyn Store>) -> Fulfil {
        Fulfil::with(store, Plugins::new()).await
    }

    /// The shop with `plugins` besides the test courier and gateway.
    pub(crate) async fn with(store: Arc<dyn Store>, plugins: Plugins) -> Fulfil {
        let courier = Arc::new(TestCourier::new(now()));
        let gateway = Arc::new(TestGateway::new("whsec_suite"));
        let plugins = plugins.courier(courier.clone()).gateway(PaymentMethod::Card, gateway.clone());
        let (shop, clock) = open_shop(store.clone(), plugins).await;
        shop.admin().configure(shipping_settings()).await.expect("configure");
        Fulfil { store, shop, clock, courier, gateway }
    }

    /// Moves the shop's and the courier's clocks forward together; the new now.
    pub(crate) fn advance(&self, by: SignedDuration) -> Timestamp {
        self.courier.advance(by);
        let at = self.clock.now() + by;
        self.clock.set(at);
        at
    }

    /// Customer `customer_id` places an order of `quantity` mugs delivered as `delivery`.
    pub(crate) async fn place(&self, customer_id: &str, quantity: u32, delivery: DeliveryDetails) -> Order {
        let shop = &self.shop;
        let cart = shop.carts().create(Currency::EUR, Some(customer_id)).await.unwrap();
        shop.carts().add_line(&cart.id, VARIANT, quantity).await.unwrap();
        let session = shop.checkout().start(&cart.id, "ana@example.bg", None).await.unwrap();
        shop.checkout().set_delivery(session.id(), delivery).await.unwrap();
        let confirmed = shop.checkout().quote(session.id()).await.unwrap();
        shop.checkout().place_order(session.id(), &confirmed).await.unwrap()
    }

    /// Customer `customer_id` buys `quantity` mugs by card and pays (through core's processor).
    pub(crate) async fn paid_order(&self, customer_id: &str, quantity: u32) -> Order {
        let order = self.place(customer_id, quantity, delivery_by(PaymentMethod::Card)).await;
        self.pay(&order).await
    }

    /// Pays card `order` in full through core's processor; the order as paid.
    pub(crate) async fn pay(&self, order: &Order) -> Order {
        let mut payment = self.store.payments_of_order(order.id()).await.unwrap().remove(0);
        let ledger: Arc<dyn IdempotencyStore> = self.store.clone();
        let processor = PaymentProcessor::new(self.gateway.clone(), ledger);
        let key = format!("{}:card", order.number());
        processor.purchase(&mut payment.value, Some(TEST_CARD_SUCCESS.into()), &key, self.clock.now()).await.unwrap();
        assert_eq!(payment.value.state(), PaymentState::Captured);
        payment.value.take_events();
        self.store.save_payment(&payment.value, payment.version).await.unwrap();
        let mut stored = self.store.get_order(order.id()).await.unwrap().unwrap();
        let gateway = Actor::Gateway { name: "test".into() };
        stored.value.receive_payment(payment.value.captured(), PaymentMethod::Card, gateway, self.clock.now()).unwrap();
        stored.value.take_events();
        self.store.save_order(&stored.value, stored.version).await.unwrap();
        assert_eq!(stored.value.state(), OrderState::Paid);
        stored.value
    }

    /// A paid order of 2 mugs shipped and tracked until delivered.
    pub(crate) async fn delivered_order(&self) -> Order {
        let order = self.paid_order("cust-ana", 2).await;
        self.deliver(&order).await
    }

    /// Paid `order` shipped and tracked until delivered.
    pub(crate) async fn deliver(&self, order: &Order) -> Order {
        self.shop.shipping().ship(order.id(), staff()).await.unwrap();
        let at = self.advance(SignedDuration::from_hours(29));
        self.shop.run_due(at).await.unwrap();
        let order = self.shop.orders().get(order.id()).await.unwrap();
        assert_eq!(order.state(), OrderState::Delivered);
        order
    }

    /// The message ids of the e-mails queued so far.
    pub(crate) async fn emails(&self) -> Vec<(String, String)> {
        let outbox = self.store.outbox_entries_since(now() - SignedDuration::from_hours(1), 100).await.unwrap();
        outbox.iter().map(|e| (e.message.message_id().to_owned(), e.message.text().to_owned())).collect()
    }

    pub(crate) async fn stock(&self) -> (u64, u64) {
        let level = self.store.stock_level(VARIANT).await.unwrap().unwrap();
        (level.on_hand, level.reserved)
    }
}

pub(crate) fn staff() -> Actor {
    Actor::Staff { id: "packer".into() }
}

fn kind(message_id: &str) -> &str {
    message_id.trim_start_matches('<').split('.').next().unwrap_or("")
}

/// Shipping a paid order buys the label from the courier, takes its held stock off the shelf and
/// moves it to processing in one commit; when the courier picks the parcel up the order is shipped
/// and the shopper gets the shipped e-mail with the tracking link. Shipping again answers with the
/// same shipment.
pub async fn shop_ships_an_order(store: Arc<dyn Store>) {
    let f = Fulfil::open(store).await;
    let order = f.paid_order("cust-ana", 2).await;
    assert_eq!(f.stock().await, (10, 2));
    let shipment = f.shop.shipping().ship(order.id(), staff()).await.unwrap();
    let number = shipment.tracking_number().expect("tracking number").to_owned();
    assert!(number.starts_with("TT-DELIVERED-"), "{number}");
    assert!(shipment.label().is_some());
    assert_eq!(shipment.state(), ShipmentState::LabelCreated);
    assert_eq!(shipment.lines()[0].quantity, 2);
    assert_eq!(f.shop.orders().get(order.id()).await.unwrap().state(), OrderState::Processing);
    assert_eq!(f.stock().await, (8, 0), "held stock left with the parcel");
    let again = f.shop.shipping().ship(order.id(), staff()).await.unwrap();
    assert_eq!(again.id(), shipment.id(), "shipping again answers with the shipment");
    assert_eq!(f.shop.shipping().shipments_of(order.id()).await.unwrap().len(), 1);

    let at = f.advance(SignedDuration::from_hours(3));
    let report = f.shop.run_due(at).await.unwrap();
    assert_eq!((report.tracking_updates.len(), report.tracking_failures.len()), (1, 0));
    assert_eq!(report.tracking_updates[0].shipment_moves, [ShipmentState::PickedUp]);
    assert_eq!(report.tracking_updates[0].order_moves, [OrderState::Shipped]);
    assert_eq!(f.shop.orders().get(order.id()).await.unwrap().state(), OrderState::Shipped);
    let emails = f.emails().await;
    let shipped = emails.iter().find(|(id, _)| kind(id) == "shipped").expect("shipped e-mail");
    assert!(shipped.1.contains(&format!("https://track.example.com/{number}")), "{}", shipped.1);
    assert!(f.shop.run_due(at).await.unwrap().tracking_updates.is_empty(), "no news, no update");
}

/// Tracking to delivery moves the order to delivered and creates its satisfaction survey in the
/// same commit; the delivered e-mail links the survey.
pub async fn shop_tracks_an_order_to_delivery(store: Arc<dyn Store>) {
    let f = Fulfil::open(store.clone()).await;
    let order = f.paid_order("cust-ana", 1).await;
    f.shop.shipping().ship(order.id(), staff()).await.unwrap();
    let at = f.advance(SignedDuration::from_hours(29));
    let report = f.shop.run_due(at).await.unwrap();
    let update = &report.tracking_updates[0];
    assert_eq!(update.shipment_moves.last(), Some(&ShipmentState::Delivered));
    assert_eq!(update.order_moves, [OrderState::Shipped, OrderState::Delivered]);
    let survey_id = update.survey_id.clone().expect("survey created");
    assert_eq!(f.shop.orders().get(order.id()).await.unwrap().state(), OrderState::Delivered);
    let subject = SurveySubject::Order { order_id: order.id().to_owned() };
    let surveys = store.survey_requests_of_subject(&subject).await.unwrap();
    assert_eq!(surveys.len(), 1);
    assert_eq!(surveys[0].value.id(), survey_id);
    let emails = f.emails().await;
    let delivered = emails.iter().find(|(id, _)| kind(id) == "delivered").expect("delivered e-mail");
    assert!(delivered.1.contains(&format!("survey/{survey_id}")), "{}", delivered.1);
    assert!(emails.iter().any(|(id, _)| kind(id) == "shipped"));
    let shipments = f.shop.shipping().shipments_of(order.id()).await.unwrap();
    assert_eq!(shipments[0].state(), ShipmentState::Delivered);
}

pub(crate) fn requested(order: &Order, reason: ReturnReason, condition: ItemCondition) -> Vec<RequestedLine> {
    vec![RequestedLine {
        line_id: order.cart().lines[0].id.to_string(),
        quantity: 1,
        reason,
        condition,
        photos: vec![],
        note: None,
    }]
}

pub(crate) fn inspection(order: &Order, condition: ItemCondition) -> Inspection {
    let line = InspectedLine { line_id: order.cart().lines[0].id.to_string(), condition, note: None };
    Inspection { lines: vec![line], note: None }
}

/// A return is requested, approved, received, inspected (the unused mug goes back on the shelf in
/// the same commit) and refunded to the card through the test gateway; the payment, the order and
/// the return change together. Refunding again with the same key changes nothing.
pub async fn shop_refunds_a_return(store: Arc<dyn Store>) {
    let f = Fulfil::open(store.clone()).await;
    let order = f.delivered_order().await;
    assert_eq!(f.stock().await, (8, 0));
    let shopper = Actor::Shopper { customer_id: Some("cust-ana".into()) };
    let returns = f.shop.returns();
    let rma = returns
        .request(order.id(), &requested(&order, ReturnReason::ChangedMind, ItemCondition::Unused), shopper, None)
        .await
        .unwrap();
    assert_eq!(rma.state(), ReturnState::Requested);
    returns.approve(rma.id(), staff()).await.unwrap();
    returns.receive(rma.id(), None, staff()).await.unwrap();
    assert_eq!(returns.awaiting_inspection().await.unwrap().len(), 1);
    returns.inspect(rma.id(), inspection(&order, ItemCondition::Unused), staff()).await.unwrap();
    assert_eq!(f.stock().await, (9, 0), "the unused mug is back on the shelf");
    assert!(returns.awaiting_inspection().await.unwrap().is_empty());

    let refunded = returns.refund(rma.id(), staff(), "refund-1").await.unwrap();
    assert_eq!(refunded.state(), ReturnState::Refunded);
    let payment = &store.payments_of_order(order.id()).await.unwrap()[0].value;
    assert_eq!(payment.refunded(), Money::from_minor(1290, Currency::EUR), "one mug, shipping kept");
    assert_eq!(payment.refunds().len(), 1);
    let after = f.shop.orders().get(order.id()).await.unwrap();
    assert_eq!(after.paid(), order.paid().checked_sub(&payment.refunded()).unwrap());
    assert_eq!(after.state(), OrderState::Delivered, "partly refunded");

    let again = returns.refund(rma.id(), staff(), "refund-1").await.unwrap();
    assert_eq!(again, refunded, "a repeat answers with the first result");
    let payment = &store.payments_of_order(order.id()).await.unwrap()[0].value;
    assert_eq!((payment.refunds().len(), payment.refunded().minor()), (1, 1290), "no second refund");
    assert_eq!(f.shop.orders().get(order.id()).await.unwrap().paid(), after.paid());
    assert!(returns.refund(rma.id(), staff(), "refund-2").await.is_err(), "refunded once");
    let emails = f.emails().await;
    let updates = emails.iter().filter(|(id, _)| kind(id) == "return_update").count();
    assert_eq!(updates, 3, "approved, received, refunded");

    let shopper = Actor::Shopper { customer_id: Some("cust-ana".into()) };
    let lines = requested(&order, ReturnReason::ChangedMind, ItemCondition::Unused);
    let second = returns.request(order.id(), &lines, shopper, None).await.unwrap();
    returns.approve(second.id(), staff()).await.unwrap();
    returns.receive(second.id(), None, staff()).await.unwrap();
    returns.inspect(second.id(), inspection(&order, ItemCondition::Unused), staff()).await.unwrap();
    let reused = returns.refund(second.id(), staff(), "refund-1").await.unwrap_err();
    assert!(matches!(&reused, ShopError::Invalid { field, .. } if field == "key"), "{reused:?}");
    returns.refund(second.id(), staff(), "refund-3").await.unwrap();
    let payment = &store.payments_of_order(order.id()).await.unwrap()[0].value;
    assert_eq!(payment.refunded().minor(), 2 * 1290);
    assert_eq!(returns.of_order(order.id()).await.unwrap().len(), 2);

    let (from, to) = (jiff::civil::date(2026, 11, 1), jiff::civil::date(2027, 1, 1));
    let products = f.shop.reports().products(from, to, Currency::EUR, 10).await.unwrap();
    let mug = &products.products[0];
    assert_eq!((mug.units, mug.returned_units), (2, 2), "two mugs sold, each returned");
    assert_eq!(
        (mug.return_rate_percent.to_string(), products.return_rate_percent.to_string()),
        ("100".into(), "100".into())
    );
    let sales = f.shop.reports().sales_report(from, to, Period::Month).await.unwrap();
    let november = &sales.periods[0].figures[0];
    assert_eq!(november.refunds, Money::from_minor(2 * 1290, Currency::EUR));
    assert_eq!(november.net, november.total.checked_sub(&november.refunds).unwrap());
    let after_sales = f.shop.reports().after_sales(from, to).await.unwrap();
    let reasons: Vec<(&str, i64)> = after_sales.returns_by_reason.iter().map(|t| (t.key.as_str(), t.count)).collect();
    assert_eq!(reasons, [(ReturnReason::ChangedMind.as_str(), 2)]);
    let by_product: Vec<(&str, &str, i64)> =
        after_sales.returns_by_product.iter().map(|r| (r.product_id.as_str(), r.reason.as_str(), r.units)).collect();
    assert_eq!(by_product, [(order.priced().lines[0].product_id.as_ref(), ReturnReason::ChangedMind.as_str(), 2)]);
    let refunds: Vec<(&str, i64, Money)> =
        after_sales.refunds.iter().map(|r| (r.payment_method.as_str(), r.refunds, r.amount)).collect();
    let method = order.delivery().payment_method.as_str();
    assert_eq!(refunds, [(method, 2, Money::from_minor(2 * 1290, Currency::EUR))]);

    let rebuilt = crate::shop_reports::assert_rebuild_reproduces(&f.shop, from, to).await;
    assert_eq!(rebuilt.returns, 2);
}

/// A return of an order paid with a gift card puts the money back on the card, as a ledger row
/// beside the card's own entry; the order's paid amount drops with it.
pub async fn shop_refunds_a_return_to_the_gift_card(store: Arc<dyn Store>) {
    let f = Fulfil::open(store.clone()).await;
    let order = f.place("cust-ana", 2, delivery_by(PaymentMethod::GiftCard)).await;
    let wallets = f.shop.wallets();
    let card =
        wallets.issue_gift_card(Money::from_minor(10_000, Currency::EUR), None, "gift:ana", staff()).await.unwrap();
    wallets.pay_with_gift_card(order.id(), card.code().as_str(), "ana:gift").await.unwrap();
    let order = f.deliver(&order).await;
    let shopper = Actor::Shopper { customer_id: Some("cust-ana".into()) };
    let returns = f.shop.returns();
    let lines = requested(&order, ReturnReason::ChangedMind, ItemCondition::Unused);
    let rma = returns.request(order.id(), &lines, shopper, None).await.unwrap();
    returns.approve(rma.id(), staff()).await.unwrap();
    returns.receive(rma.id(), None, staff()).await.unwrap();
    returns.inspect(rma.id(), inspection(&order, ItemCondition::Unused), staff()).await.unwrap();
    let refunded = returns.refund(rma.id(), staff(), "refund-gift").await.unwrap();
    assert_eq!(refunded.state(), ReturnState::Refunded);
    assert_eq!(returns.refund(rma.id(), staff(), "refund-gift").await.unwrap(), refunded, "a repeat");

    let balance = wallets.gift_card(card.code().as_str()).await.unwrap().balance();
    assert_eq!(balance.minor(), 10_000 - order.total().minor() + 1290, "one mug back on the card");
    let rows = store.ledger_rows(LedgerAccount::GiftCard, card.id()).await.unwrap();
    assert_eq!(rows.len(), 3, "issued, redeemed, refunded");
    assert_eq!(rows.iter().map(|r| r.amount.minor()).sum::<i64>(), balance.minor());
    let after = f.shop.orders().get(order.id()).await.unwrap();
    assert_eq!(after.paid().minor(), order.total().minor() - 1290);
}

/// A mug that comes back damaged is refunded (with shipping: the shop's fault) but not restocked.
pub async fn shop_does_not_restock_damaged_returns(store: Arc<dyn Store>) {
    let f = Fulfil::open(store.clone()).await;
    let order = f.delivered_order().await;
    let shopper = Actor::Shopper { customer_id: Some("cust-ana".into()) };
    let returns = f.shop.returns();
    let lines = requested(&order, ReturnReason::Damaged, ItemCondition::Damaged);
    let rma = returns.request(order.id(), &lines, shopper, Some("cracked")).await.unwrap();
    returns.approve(rma.id(), staff()).await.unwrap();
    returns.await_parcel(rma.id(), Some("TT-RETURN-1"), staff()).await.unwrap();
    returns.receive(rma.id(), None, staff()).await.unwrap();
    returns.inspect(rma.id(), inspection(&order, ItemCondition::Damaged), staff()).await.unwrap();
    assert_eq!(f.stock().await, (8, 0), "damaged units stay off the shelf");
    returns.refund(rma.id(), staff(), "refund-damaged").await.unwrap();
    let payment = &store.payments_of_order(order.id()).await.unwrap()[0].value;
    assert_eq!(payment.refunded(), Money::from_minor(1290 + 490, Currency::EUR), "a mug and the shipping");
    let closed = returns.close(rma.id(), None, staff()).await.unwrap();
    assert_eq!(closed.state(), ReturnState::Closed);
}

/// A shipment cancelled before pickup is cancelled at the courier and its units go back on the
/// shelf; shipping the order again buys a new label and takes them off again.
pub async fn shop_cancels_and_ships_again(store: Arc<dyn Store>) {
    let f = Fulfil::open(store).await;
    let order = f.paid_order("cust-ana", 2).await;
    let first = f.shop.shipping().ship(order.id(), staff()).await.unwrap();
    assert_eq!(f.stock().await, (8, 0));
    let cancelled = f.shop.shipping().cancel_shipment(first.id(), staff(), Some("wrong box".into())).await.unwrap();
    assert_eq!(cancelled.state(), ShipmentState::Cancelled);
    assert_eq!(f.stock().await, (10, 0), "the units are back on the shelf");
    let again = f.shop.shipping().cancel_shipment(first.id(), staff(), None).await;
    assert!(again.is_err(), "a cancelled shipment stays cancelled");
    let second = f.shop.shipping().ship(order.id(), staff()).await.unwrap();
    assert_ne!(second.id(), first.id());
    assert_ne!(second.tracking_number(), first.tracking_number());
    assert_eq!(f.stock().await, (8, 0));
    assert_eq!(f.shop.shipping().shipments_of(order.id()).await.unwrap().len(), 2);
}

/// The delivery options of a cart: each shipping method with its charge for the cart and the
/// courier's services, cheapest first, for the address as checkout reads it (trimmed, the country
/// upper-cased; a country that is not a code refused, naming the field).
pub async fn shop_quotes_delivery_options(store: Arc<dyn Store>) {
    let f = Fulfil::open(store).await;
    let cart = f.shop.carts().create(Currency::EUR, None).await.unwrap();
    f.shop.carts().add_line(&cart.id, VARIANT, 1).await.unwrap();
    let address = delivery_by(PaymentMethod::Card).address;
    let options = f.shop.shipping().delivery_options(&cart.id, &address).await.unwrap();
    assert_eq!(options.len(), 1);
    assert_eq!(options[0].shipping_method_id, "courier");
    assert_eq!(options[0].price, Money::from_minor(490, Currency::EUR));
    assert_eq!(options[0].courier.as_deref(), Some("test"));
    let services: Vec<&str> = options[0].services.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(services, ["standard", "express"]);
    let typed = Address { country: " bg ".into(), city: " Sofia ".into(), ..address.clone() };
    assert_eq!(f.shop.shipping().delivery_options(&cart.id, &typed).await.unwrap(), options, "as checkout reads it");
    let named = Address { country: "Bulgaria".into(), ..address };
    let refused = f.shop.shipping().delivery_options(&cart.id, &named).await.unwrap_err();
    assert!(
        matches!(&refused, ShopError::Checkout(CheckoutError::InvalidField { field, .. }) if field == "address.country"),
        "{refused:?}"
    );
}

/// A paid order whose stock hold lapsed still ships from the shelf; when the shelf cannot cover it
/// the commit fails after the label was bought, and the label is cancelled at the courier.
pub async fn shop_ships_after_a_lapsed_hold_or_cancels_the_label(store: Arc<dyn Store>) {
    let f = Fulfil::open(store.clone()).await;
    let lapsed = f.paid_order("cust-ana", 2).await;
    let short = f.paid_order("cust-boris", 3).await;
    assert_eq!(f.stock().await, (10, 5));
    let at = f.advance(SignedDuration::from_hours(49));
    let expired = f.shop.run_due(at).await.unwrap().reservations_expired;
    assert_eq!(expired.len(), 2, "both holds lapsed");
    assert_eq!(f.stock().await, (10, 0));
    f.shop.shipping().ship(lapsed.id(), staff()).await.unwrap();
    assert_eq!(f.stock().await, (8, 0), "shipped from the shelf");

    f.shop.catalog().set_stock(VARIANT, 2).await.unwrap();
    let refused = f.shop.shipping().ship(short.id(), staff()).await.unwrap_err();
    assert!(matches!(refused, ShopError::Store(StoreError::InsufficientStock { .. })), "{refused:?}");
    assert!(f.shop.shipping().shipments_of(short.id()).await.unwrap().is_empty(), "nothing stored");
    assert_eq!(f.shop.orders().get(short.id()).await.unwrap().state(), OrderState::Paid);
    let bought = "TT-DELIVERED-000002".to_owned();
    let report = f.courier.track(std::slice::from_ref(&bought)).await.unwrap();
    let codes: Vec<&str> = report.shipments[0].events.iter().map(|e| e.raw_code.as_str()).collect();
    assert_eq!(codes, ["CX"], "the label bought for it was cancelled at the courier");
}

/// The shop's own drivers in Sofia with one midday slot.
fn own_fleet() -> Arc<OwnFleetCourier> {
    let window =
        DeliveryWindow { start: now() + SignedDuration::from_hours(2), end: now() + SignedDuration::from_hours(5) };
    Arc::new(OwnFleetCourier::new(OwnFleetConfig {
        shop_name: "Suite Shop".into(),
        zones: vec![FleetZone {
            zone: ShippingZone::countries("sofia", "Sofia", &["BG"]).unwrap(),
            price: Money::from_minor(390, Currency::EUR),
        }],
        slots: vec![DeliverySlot::new("midday", window, 10)],
        max_weight_grams: 20_000,
        slots_offered: 1,
        tracking_prefix: "OF".into(),
    }))
}

/// A cash-on-delivery order goes with the shop's own driver (the courier set for its shipping
/// method) in its slot, carrying the cash to collect; the drivers' updates reach the order through
/// `refresh_shipment`: shipped, then delivered with the cash recorded and the survey created.
pub async fn shop_delivers_with_own_drivers(store: Arc<dyn Store>) {
    let fleet = own_fleet();
    let f = Fulfil::with(store, Plugins::new().courier(fleet.clone())).await;
    let mut settings = f.shop.settings().await.unwrap().as_ref().clone();
    settings.courier_for_method.insert("courier".into(), OWN_FLEET.into());
    f.shop.admin().configure(settings).await.unwrap();
    let mut delivery = delivery_by(PaymentMethod::CashOnDelivery);
    delivery.slot_id = Some("midday".into());
    let order = f.place("cust-ana", 1, delivery).await;
    let shipment = f.shop.shipping().ship(order.id(), staff()).await.unwrap();
    assert_eq!(shipment.courier(), OWN_FLEET);
    assert_eq!(shipment.cash_on_delivery(), Some(order.total()), "the driver collects the total");
    let number = shipment.tracking_number().unwrap().to_owned();
    assert!(number.starts_with("OF"), "{number}");

    let at = f.advance(SignedDuration::from_hours(2));
    fleet.driver_update(&number, "driver-7", DriverUpdate::PickedUp, at).unwrap();
    let update = f.shop.shipping().refresh_shipment(shipment.id()).await.unwrap().expect("news");
    assert_eq!(update.order_moves, [OrderState::Shipped]);
    assert!(f.shop.shipping().refresh_shipment(shipment.id()).await.unwrap().is_none(), "nothing new");
    let at = f.advance(SignedDuration::from_hours(1));
    fleet.driver_update(&number, "driver-7", DriverUpdate::OutForDelivery, at).unwrap();
    let cash = Some(order.total());
    fleet.driver_update(&number, "driver-7", DriverUpdate::Delivered { cash_collected: cash }, at).unwrap();
    let update = f.shop.shipping().refresh_shipment(shipment.id()).await.unwrap().expect("news");
    assert_eq!(update.order_moves, [OrderState::Delivered]);
    assert!(update.survey_id.is_some());
    let delivered = f.shop.shipping().get(shipment.id()).await.unwrap();
    assert_eq!(delivered.cash_collection().map(|c| c.amount), Some(order.total()));
    assert_eq!(f.shop.orders().get(order.id()).await.unwrap().state(), OrderState::Delivered);
}

/// A variant whose stock the catalog does not count is always available: ordered, shipped and
/// returned beside a counted one without holding, taking or putting back any stock of its own.
pub async fn shop_sells_untracked_variants(store: Arc<dyn Store>) {
    let f = Fulfil::open(store.clone()).await;
    let shop = &f.shop;
    let mut candle = Product::simple("candle", "Candle", "candle-1", Money::from_minor(600, Currency::EUR));
    candle.variants[0].stock = Some(5);
    let voucher = Product::simple("voucher", "Voucher", "voucher-1", Money::from_minor(2_000, Currency::EUR));
    shop.catalog().import(CatalogData { products: vec![candle, voucher], ..CatalogData::default() }).await.unwrap();
    let level = |variant: &'static str| async move {
        shop.catalog().stock(variant).await.unwrap().map(|l| (l.on_hand, l.reserved))
    };

    let cart = shop.carts().create(Currency::EUR, Some("cust-ana")).await.unwrap();
    shop.carts().add_line(&cart.id, "voucher-1", 3).await.unwrap();
    shop.carts().add_line(&cart.id, "candle-1", 1).await.unwrap();
    let session = shop.checkout().start(&cart.id, "ana@example.bg", None).await.unwrap();
    shop.checkout().set_delivery(session.id(), delivery_by(PaymentMethod::Card)).await.unwrap();
    let confirmed = shop.checkout().quote(session.id()).await.unwrap();
    let order = shop.checkout().place_order(session.id(), &confirmed).await.unwrap();
    assert_eq!((level("candle-1").await, level("voucher-1").await), (Some((5, 1)), None));
    shop.payments().pay(order.id(), TEST_CARD_SUCCESS, "ana:card").await.unwrap();
    let order = f.deliver(&order).await;
    assert_eq!((level("candle-1").await, level("voucher-1").await), (Some((4, 0)), None), "the candle left");

    let shopper = Actor::Shopper { customer_id: Some("cust-ana".into()) };
    let lines = requested(&order, ReturnReason::ChangedMind, ItemCondition::Unused);
    assert_eq!(order.cart().lines[0].variant_id, "voucher-1");
    let rma = shop.returns().request(order.id(), &lines, shopper, None).await.unwrap();
    shop.returns().approve(rma.id(), staff()).await.unwrap();
    shop.returns().receive(rma.id(), None, staff()).await.unwrap();
    shop.returns().inspect(rma.id(), inspection(&order, ItemCondition::Unused), staff()).await.unwrap();
    assert_eq!(level("voucher-1").await, None, "a returned voucher does not start being counted");
}
