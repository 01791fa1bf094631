//! Shipments, returns and survey requests (by id and by their indexes, with optimistic versions),
//! listing queries, wallets and gift cards, and the promotion use taken inside `place_order_tx`.

use std::sync::Arc;

use jiff::SignedDuration;
use vitrina_core::event::Actor;
use vitrina_core::money::{Currency, Money};
use vitrina_core::order::{Order, OrderState};
use vitrina_core::payment::{GiftCard, GiftCardCode, Wallet};
use vitrina_core::store::{OrderQuery, PromotionUsage, StockLevel, Store, StoreError, Versioned};
use vitrina_core::support::SurveySubject;

use crate::fixtures::{self, now, Shop, VARIANT};

/// Shipments, returns and survey requests save, read back, update with their versions, refuse a
/// stale save and are found by order / subject.
pub async fn after_sales_round_trips(store: Arc<dyn Store>) {
    let shop = Shop::new();
    let mut order = shop.order(1, Some("ana"), 2);
    let mut shipment = fixtures::shipment_for(&mut order);
    assert_eq!(store.save_shipment(&shipment, 0).await.unwrap(), 1);
    assert_eq!(store.get_shipment(shipment.id()).await.unwrap().unwrap().value, shipment);
    shipment.take_events();
    assert_eq!(store.save_shipment(&shipment, 1).await.unwrap(), 2);
    let stale = store.save_shipment(&shipment, 1).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { expected_version: 1, actual_version: 2, .. }), "{stale:?}");
    let second = fixtures::shipment_for(&mut shop.order(2, Some("ana"), 1));
    store.save_shipment(&second, 0).await.unwrap();
    let of_order = store.shipments_of_order(order.id()).await.unwrap();
    assert_eq!(of_order.len(), 1);
    assert_eq!((&of_order[0].value, of_order[0].version), (&shipment, 2));
    assert_eq!(store.get_shipment("missing").await.unwrap(), None);
    assert!(store.shipments_of_order("missing").await.unwrap().is_empty());

    fixtures::advance(&mut order, &[OrderState::Shipped, OrderState::Delivered]);
    let rma = fixtures::return_for(&order);
    assert_eq!(store.save_return(&rma, 0).await.unwrap(), 1);
    let read = store.get_return(rma.id()).await.unwrap().unwrap();
    assert_eq!((read.value, read.version), (rma.clone(), 1));
    assert_eq!(store.save_return(&rma, 1).await.unwrap(), 2);
    assert!(matches!(store.save_return(&rma, 0).await, Err(StoreError::Conflict { .. })));
    assert_eq!(store.returns_of_order(order.id()).await.unwrap()[0].value, rma);
    assert!(store.returns_of_order("missing").await.unwrap().is_empty());

    let survey = fixtures::delivery_survey(order.id(), "ana");
    assert_eq!(store.save_survey_request(&survey, 0).await.unwrap(), 1);
    assert_eq!(store.get_survey_request(survey.id()).await.unwrap().unwrap().value, survey);
    let mut answered = survey.clone();
    answered.answer(5, Some("Lovely mug"), now() + SignedDuration::from_mins(1)).unwrap();
    assert_eq!(store.save_survey_request(&answered, 1).await.unwrap(), 2);
    assert!(matches!(store.save_survey_request(&survey, 1).await, Err(StoreError::Conflict { .. })));
    let about_order = SurveySubject::Order { order_id: order.id().to_owned() };
    let found = store.survey_requests_of_subject(&about_order).await.unwrap();
    assert_eq!((&found[0].value, found[0].version, found.len()), (&answered, 2, 1));
    let about_case = SurveySubject::Case { case_id: order.id().to_owned() };
    assert!(store.survey_requests_of_subject(&about_case).await.unwrap().is_empty());
}

/// `list_orders` filters by state and placing time, newest first, within the limit.
pub async fn list_orders_newest_first(store: Arc<dyn Store>) {
    let shop = Shop::new();
    let at = |minutes: i64| now() + SignedDuration::from_mins(minutes);
    let mut orders = Vec::new();
    for sequence in 1..=5u64 {
        let minutes = i64::try_from(sequence).unwrap() * 10;
        let mut order = shop.order_at(sequence, Some("ana"), 1, at(minutes));
        if sequence % 2 == 0 {
            fixtures::advance(&mut order, &[OrderState::Cancelled]);
        }
        store.save_order(&order, 0).await.unwrap();
        orders.push(order);
    }
    let numbers = |listed: Vec<Versioned<Order>>| {
        let position = |o: &Versioned<Order>| orders.iter().position(|p| p.id() == o.value.id()).map_or(0, |i| i + 1);
        listed.iter().map(position).collect::<Vec<_>>()
    };
    assert_eq!(numbers(store.list_orders(&OrderQuery::newest(10)).await.unwrap()), [5, 4, 3, 2, 1]);
    assert_eq!(numbers(store.list_orders(&OrderQuery::newest(2)).await.unwrap()), [5, 4]);
    let cancelled = OrderQuery::newest(10).in_state(OrderState::Cancelled);
    assert_eq!(numbers(store.list_orders(&cancelled).await.unwrap()), [4, 2]);
    let window = OrderQuery::newest(10).placed_between(at(20), at(40));
    assert_eq!(numbers(store.list_orders(&window).await.unwrap()), [3, 2]);
    let both = window.in_state(orders[0].state());
    assert_eq!(numbers(store.list_orders(&both).await.unwrap()), [3]);
    assert!(store.list_orders(&OrderQuery::newest(0)).await.unwrap().is_empty());
}

/// A promotion use taken in `place_order_tx`: counted with the order, and at a limit the whole
/// placement fails with `PromotionLimitReached` and writes nothing.
pub async fn placement_takes_promotion_use(store: Arc<dyn Store>) {
    let shop = Shop::new();
    store.set_stock(VARIANT, 10).await.unwrap();
    let with_coupon = |sequence, customer: Option<&str>| {
        shop.placement(sequence, customer, 1).with_promotion_use("WELCOME", customer, Some(2), Some(1))
    };
    store.place_order_tx(&with_coupon(1, Some("ana"))).await.unwrap();
    let usage = store.promotion_usage("WELCOME", Some("ana")).await.unwrap();
    assert_eq!(usage, PromotionUsage { times_used: 1, customer_uses: 1 });

    let again = with_coupon(2, Some("ana"));
    let error = store.place_order_tx(&again).await.unwrap_err();
    assert_eq!(error, StoreError::PromotionLimitReached { promotion_id: "WELCOME".into(), per_customer: true });
    store.place_order_tx(&with_coupon(3, None)).await.unwrap();
    let over = with_coupon(4, Some("bob"));
    let error = store.place_order_tx(&over).await.unwrap_err();
    assert_eq!(error, StoreError::PromotionLimitReached { promotion_id: "WELCOME".into(), per_customer: false });

    for failed in [&again, &over] {
        assert_eq!(store.get_order(failed.order.id()).await.unwrap(), None);
        assert!(store.payments_of_order(failed.order.id()).await.unwrap().is_empty());
        assert_eq!(store.get(&failed.outbox[0].id).await.unwrap(), None);
    }
    assert_eq!(store.stock_level(VARIANT).await.unwrap(), Some(StockLevel { on_hand: 10, reserved: 2 }));
    let usage = store.promotion_usage("WELCOME", Some("ana")).await.unwrap();
    assert_eq!(usage, PromotionUsage { times_used: 2, customer_uses: 1 });
    assert_eq!(store.promotion_usage("WELCOME", Some("bob")).await.unwrap().customer_uses, 0);
    let plain = shop.placement(5, Some("bob"), 1);
    store.place_order_tx(&plain).await.unwrap();
    assert_eq!(store.promotion_usage("WELCOME", None).await.unwrap().times_used, 2);
}

/// Carts saved since a time (by the store's clock), abandoned checkout sessions (unplaced, idle
/// before a time), customer pages by id and outbox entries created since a time.
pub async fn listing_queries(store: Arc<dyn Store>) {
    let shop = Shop::new();
    let pause = || std::thread::sleep(std::time::Duration::from_millis(5));
    let before = jiff::Timestamp::now();
    let mut older = shop.cart(Some("ana"), 1);
    store.save_cart(&older, 0).await.unwrap();
    pause();
    let between = jiff::Timestamp::now();
    let newer = shop.cart(Some("bob"), 2);
    store.save_cart(&newer, 0).await.unwrap();
    let carts = |listed: Vec<Versioned<vitrina_core::cart::Cart>>| {
        listed.into_iter().map(|c| (c.value.id, c.version)).collect::<Vec<_>>()
    };
    let (a, b) = (older.id.clone(), newer.id.clone());
    assert_eq!(carts(store.carts_updated_since(before, 10).await.unwrap()), [(a.clone(), 1), (b.clone(), 1)]);
    assert_eq!(carts(store.carts_updated_since(between, 10).await.unwrap()), [(b.clone(), 1)]);
    pause();
    older.note = Some("gift".into());
    store.save_cart(&older, 1).await.unwrap();
    assert_eq!(carts(store.carts_updated_since(between, 10).await.unwrap()), [(b.clone(), 1), (a.clone(), 2)]);
    assert_eq!(carts(store.carts_updated_since(before, 1).await.unwrap()), [(b, 1)]);
    pause();
    assert!(store.carts_updated_since(jiff::Timestamp::now(), 10).await.unwrap().is_empty());

    let at = |minutes: i64| now() + SignedDuration::from_mins(minutes);
    let idle = shop.session(&shop.cart(None, 1));
    store.save_checkout_session(&idle, 0).await.unwrap();
    let (placed, _) = shop.placed_session(1, Some("ana"), 1, at(1));
    store.save_checkout_session(&placed, 0).await.unwrap();
    let mut active = shop.session(&shop.cart(Some("bob"), 1));
    let contact = vitrina_core::order::ContactDetails::new("bob@example.bg", None).unwrap();
    active.update_contact(contact, at(30)).unwrap();
    store.save_checkout_session(&active, 0).await.unwrap();
    let ids = |listed: Vec<Versioned<vitrina_core::checkout::CheckoutSession>>| {
        listed.into_iter().map(|s| s.value.id().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(ids(store.abandoned_checkout_sessions(at(10), 10).await.unwrap()), [idle.id()]);
    assert_eq!(ids(store.abandoned_checkout_sessions(at(60), 10).await.unwrap()), [idle.id(), active.id()]);
    assert_eq!(ids(store.abandoned_checkout_sessions(at(60), 1).await.unwrap()), [idle.id()]);
    assert!(store.abandoned_checkout_sessions(now(), 10).await.unwrap().is_empty());

    let mut registered = Vec::new();
    for name in ["ana", "bob", "cvetan"] {
        let customer = fixtures::customer(&format!("{name}@example.bg"));
        store.save_customer(&customer, 0).await.unwrap();
        registered.push(customer.id().to_owned());
    }
    registered.sort();
    let first = store.customers_page(None, 2).await.unwrap();
    let first: Vec<String> = first.iter().map(|c| c.value.id().to_owned()).collect();
    assert_eq!(first, registered[..2]);
    let next = store.customers_page(Some(&first[1]), 2).await.unwrap();
    assert_eq!((next.len(), next[0].value.id(), next[0].version), (1, registered[2].as_str(), 1));
    assert!(store.customers_page(Some(&registered[2]), 2).await.unwrap().is_empty());

    for (minute, id) in [(5, "<5@shop.example>"), (0, "<0@shop.example>"), (9, "<9@shop.example>")] {
        store.enqueue(fixtures::email(id), at(minute)).await.unwrap();
    }
    let since = |listed: Vec<vitrina_core::notify::OutboxEntry>| {
        listed.iter().map(|e| e.message.message_id().to_owned()).collect::<Vec<_>>()
    };
    let all = since(store.outbox_entries_since(now(), 10).await.unwrap());
    assert_eq!(all, ["<0@shop.example>", "<5@shop.example>", "<9@shop.example>"]);
    assert_eq!(since(store.outbox_entries_since(at(5), 1).await.unwrap()), ["<5@shop.example>"]);
    assert!(store.outbox_entries_since(at(10), 10).await.unwrap().is_empty());
}

/// Wallets (one per customer, found by customer) and gift cards (found by code) round-trip with
/// their ledgers, update with their versions, refuse stale saves and duplicates.
pub async fn stored_value_accounts(store: Arc<dyn Store>) {
    let eur = |cents| Money::from_minor(cents, Currency::EUR);
    let staff = || Actor::Staff { id: "mila".into() };
    let mut wallet = Wallet::new("ana");
    wallet.deposit(eur(5_000), "goodwill", "credit:1", staff(), now()).unwrap();
    assert_eq!(store.save_wallet(&wallet, 0).await.unwrap(), 1);
    wallet.debit("order-1", eur(1_250), "debit:1", staff(), now()).unwrap();
    assert_eq!(store.save_wallet(&wallet, 1).await.unwrap(), 2);
    let stale = store.save_wallet(&wallet, 1).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { expected_version: 1, actual_version: 2, .. }), "{stale:?}");
    let found = store.wallet_of_customer("ana").await.unwrap().unwrap();
    assert_eq!((&found.value, found.version), (&wallet, 2));
    assert_eq!(found.value.balance(Currency::EUR), eur(3_750));
    assert_eq!(found.value.account(Currency::EUR).unwrap().entries().len(), 2);
    assert_eq!(store.get_wallet(wallet.id()).await.unwrap().unwrap().value, wallet);
    assert_eq!(store.wallet_of_customer("bob").await.unwrap(), None);
    let second = Wallet::new("ana");
    assert!(matches!(store.save_wallet(&second, 0).await, Err(StoreError::Duplicate { .. })));

    let code = GiftCardCode::generate().unwrap();
    let mut card = GiftCard::issue(code.clone(), eur(2_000), None, Actor::System, now()).unwrap();
    assert_eq!(store.save_gift_card(&card, 0).await.unwrap(), 1);
    card.redeem("order-2", eur(500), "gift:1", Actor::System, now()).unwrap();
    assert_eq!(store.save_gift_card(&card, 1).await.unwrap(), 2);
    assert!(matches!(store.save_gift_card(&card, 1).await, Err(StoreError::Conflict { .. })));
    let found = store.find_gift_card_by_code(code.as_str()).await.unwrap().unwrap();
    assert_eq!((&found.value, found.version), (&card, 2));
    assert_eq!(found.value.balance(), eur(1_500));
    assert_eq!(store.get_gift_card(card.id()).await.unwrap().unwrap().value, card);
    assert_eq!(store.find_gift_card_by_code("NOPE-NOPE").await.unwrap(), None);
    let copy = GiftCard::issue(code, eur(100), None, Actor::System, now()).unwrap();
    assert!(matches!(store.save_gift_card(&copy, 0).await, Err(StoreError::Duplicate { .. })));
}
