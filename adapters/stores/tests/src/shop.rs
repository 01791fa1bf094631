//! The Shop over each store: a configured one-product shop on a manual clock, and the scenarios
//! every adapter must pass through it (an order placed in one transaction, work done once).

use std::sync::Arc;

use jiff::SignedDuration;
use vitrina_core::cart::CartError;
use vitrina_core::catalog::{CatalogData, Product};
use vitrina_core::delivery::Address;
use vitrina_core::money::Currency;
use vitrina_core::notify::{BankDetails, OutboxStatus, ShopInfo, ShopProfile};
use vitrina_core::order::DeliveryDetails;
use vitrina_core::order::{Order, OrderState};
use vitrina_core::order::{PaymentMethod, PaymentReminder};
use vitrina_core::pricing::PricingRules;
use vitrina_core::shop::{ManualClock, Plugins, Settings, Shop, ShopError};
use vitrina_core::store::{Store, StoreError, EDITS_PER_SNAPSHOT};
use vitrina_core::test_util::eur;

use crate::fixtures::{catalog, courier, now, VARIANT};

/// A shop over `store` selling the fixture mug (10 on the shelf) with courier shipping, bank
/// details for transfers, on a clock standing at [`now`].
pub async fn open_shop(store: Arc<dyn Store>, plugins: Plugins) -> (Shop, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(now()));
    let shop = Shop::with_clock(store, plugins, clock.clone());
    shop.catalog().publish(catalog().data().clone()).await.expect("publish");
    shop.admin().configure(settings()).await.expect("configure");
    shop.catalog().set_stock(VARIANT, 10).await.expect("stock");
    (shop, clock)
}

/// The fixture shop's settings.
pub fn settings() -> Settings {
    let mut settings = Settings::new(ShopProfile {
        shop_id: "suite".into(),
        info: ShopInfo {
            name: "Suite Shop".into(),
            url: "https://shop.example.com".into(),
            support_email: "help@shop.example.com".into(),
        },
        sender: "Suite Shop <orders@shop.example.com>".into(),
        bank: Some(BankDetails {
            beneficiary: "Suite Shop Ltd".into(),
            iban: "BG80 BNBG 9661 1020 3456 78".into(),
            bic: "BNBGBGSD".into(),
            bank_name: "Demo Bank".into(),
        }),
        transfer_window: SignedDuration::from_hours(7 * 24),
    });
    settings.pricing = PricingRules { shipping_methods: vec![courier()], ..PricingRules::default() };
    settings.default_region = Some("BG".into());
    settings
}

/// A delivery to Sofia by courier, paid by `method`.
pub fn delivery_by(method: PaymentMethod) -> DeliveryDetails {
    let address = Address {
        recipient: "Ana Petrova".into(),
        line1: "ul. Vitosha 1".into(),
        line2: None,
        city: "Sofia".into(),
        postal_code: "1000".into(),
        region: None,
        country: "BG".into(),
    };
    DeliveryDetails::new(address, "courier", method)
}

/// A guest buys `quantity` mugs paying by `method`: cart, both checkout steps, the price confirmed
/// and the order placed.
pub async fn buy(shop: &Shop, email: &str, quantity: u32, method: PaymentMethod) -> Result<Order, ShopError> {
    let cart = shop.carts().create(Currency::EUR, None).await?;
    shop.carts().add_line(&cart.id, VARIANT, quantity).await?;
    let session = shop.checkout().start(&cart.id, email, None).await?;
    shop.checkout().set_delivery(session.id(), delivery_by(method)).await?;
    let confirmed = shop.checkout().quote(session.id()).await?;
    shop.checkout().place_order(session.id(), &confirmed).await
}

/// Placing an order stores, in one transaction, the order, its payment, its stock held, its events
/// and its confirmation e-mail; placing the same session again returns the same order.
pub async fn shop_places_an_order(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let cart = shop.carts().create(Currency::EUR, None).await.unwrap();
    shop.carts().add_line(&cart.id, VARIANT, 3).await.unwrap();
    let session = shop.checkout().start(&cart.id, "ana@example.bg", None).await.unwrap();
    shop.checkout().set_delivery(session.id(), delivery_by(PaymentMethod::BankTransfer)).await.unwrap();
    let confirmed = shop.checkout().quote(session.id()).await.unwrap();
    assert_eq!(confirmed.totals.grand_total.to_string(), "43.60", "3 x 12.90 + 4.90 shipping");
    let order = shop.checkout().place_order(session.id(), &confirmed).await.unwrap();
    assert_eq!(order.number().as_str(), "VT-2026-000001");
    assert_eq!(order.state(), OrderState::AwaitingTransfer);

    let again = shop.checkout().place_order(session.id(), &confirmed).await.unwrap();
    assert_eq!(again.id(), order.id(), "a placed session answers with its order");
    assert_eq!(shop.orders().get(order.id()).await.unwrap().number(), order.number());
    assert_eq!(store.payments_of_order(order.id()).await.unwrap().len(), 1, "one payment opened");
    let stock = store.stock_level(VARIANT).await.unwrap().unwrap();
    assert_eq!((stock.on_hand, stock.reserved), (10, 3));
    let outbox = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 100).await.unwrap();
    assert_eq!(outbox.len(), 1, "one confirmation e-mail");
    assert!(outbox[0].message.message_id().starts_with("<order_confirmation."));
    assert!(outbox[0].message.text().contains("BG80 BNBG"), "bank transfer instructions in the e-mail");
    let events = store.events_since(now() - SignedDuration::from_hours(1), None, 100).await.unwrap();
    let kinds: Vec<&str> = events.iter().map(|e| e.event.kind()).collect();
    assert_eq!(kinds, ["order_placed", "order_state_changed"]);
}

/// A cart cannot take more than live stock holds; a placement that fails (here: the stock fell
/// while the shopper was checking out) writes nothing at all.
pub async fn shop_placement_is_all_or_nothing(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let too_many = buy(&shop, "ana@example.bg", 11, PaymentMethod::Card).await.unwrap_err();
    assert!(matches!(too_many, ShopError::Cart(CartError::InsufficientStock { on_hand: 10, .. })), "{too_many:?}");
    let cart = shop.carts().create(Currency::EUR, None).await.unwrap();
    shop.carts().add_line(&cart.id, VARIANT, 8).await.unwrap();
    let session = shop.checkout().start(&cart.id, "ana@example.bg", None).await.unwrap();
    shop.checkout().set_delivery(session.id(), delivery_by(PaymentMethod::Card)).await.unwrap();
    let confirmed = shop.checkout().quote(session.id()).await.unwrap();
    shop.catalog().set_stock(VARIANT, 7).await.unwrap();
    let refused = shop.checkout().place_order(session.id(), &confirmed).await.unwrap_err();
    assert!(matches!(refused, ShopError::Store(StoreError::InsufficientStock { .. })), "{refused:?}");
    let stock = store.stock_level(VARIANT).await.unwrap().unwrap();
    assert_eq!((stock.on_hand, stock.reserved), (7, 0));
    let outbox = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 100).await.unwrap();
    assert!(outbox.is_empty(), "no e-mail for an order never placed");
    assert!(shop.orders().by_number("VT-2026-000001").await.is_err());
}

/// An unpaid bank-transfer order is reminded once per step, then cancelled and its stock released;
/// running the due work again at the same moment does nothing more.
pub async fn shop_reminds_and_cancels_unpaid_orders(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let order = buy(&shop, "boris@example.bg", 2, PaymentMethod::BankTransfer).await.unwrap();
    let day = |n: i64| now() + SignedDuration::from_hours(24 * n);

    let first = shop.run_due(day(3)).await.unwrap();
    assert_eq!(first.reminders, [(order.number().to_string(), PaymentReminder::Reminder { number: 1 })]);
    assert!(shop.run_due(day(3)).await.unwrap().reminders.is_empty(), "the same reminder never twice");
    let late = shop.run_due(day(10)).await.unwrap();
    assert_eq!(late.reminders, [(order.number().to_string(), PaymentReminder::FinalNotice)], "only the latest");
    clock.set(day(15));
    let cancelled = shop.run_due(day(15)).await.unwrap();
    assert_eq!(cancelled.cancelled, [order.number().to_string()]);
    assert_eq!(shop.orders().get(order.id()).await.unwrap().state(), OrderState::Cancelled);
    let stock = store.stock_level(VARIANT).await.unwrap().unwrap();
    assert_eq!((stock.on_hand, stock.reserved), (10, 0));
    let outbox = store.outbox_entries_since(now(), 100).await.unwrap();
    let kinds: Vec<&str> = outbox.iter().map(|e| e.message.message_id().split('.').next().unwrap_or("")).collect();
    assert_eq!(kinds, ["<order_confirmation", "<payment_reminder", "<payment_final_notice"]);
    assert!(outbox.iter().all(|e| e.status == OutboxStatus::Pending), "no mailer registered: nothing sent");
}

/// A checkout left after the contact step gets exactly one follow-up, however often the due work runs.
pub async fn shop_follows_up_abandoned_checkouts(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let cart = shop.carts().create(Currency::EUR, None).await.unwrap();
    shop.carts().add_line(&cart.id, VARIANT, 1).await.unwrap();
    let session = shop.checkout().start(&cart.id, "filip@example.bg", None).await.unwrap();
    let early = shop.run_due(now() + SignedDuration::from_mins(30)).await.unwrap();
    assert!(early.follow_ups.is_empty(), "not idle long enough");
    let later = now() + SignedDuration::from_hours(3);
    assert_eq!(shop.run_due(later).await.unwrap().follow_ups, [session.id().to_owned()]);
    assert!(shop.run_due(later).await.unwrap().follow_ups.is_empty());
    let outbox = store.outbox_entries_since(now(), 100).await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert!(outbox[0].message.message_id().starts_with("<abandoned_checkout."));
}

/// Every settings change is kept as a revision (its version, when, what); an earlier one can be
/// made current again, as a new revision. The low-stock work list follows the settings' threshold
/// and the units held for orders.
pub async fn shop_keeps_settings_history_and_lists_low_stock(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let admin = shop.admin();
    assert!(shop.catalog().low_stock().await.unwrap().is_empty(), "10 on the shelf, 3 is low");
    clock.set(now() + SignedDuration::from_hours(1));
    let second = admin
        .update(|settings| {
            settings.low_stock_at = 10;
            Ok(())
        })
        .await
        .unwrap();
    let revisions = admin.revisions().await.unwrap();
    let versions: Vec<u64> = revisions.iter().map(|r| r.version).collect();
    assert_eq!(versions, [1, second]);
    assert_eq!((revisions[0].saved_at, revisions[0].settings.low_stock_at), (now(), 3));
    assert_eq!(revisions[1].saved_at, now() + SignedDuration::from_hours(1));
    let low = shop.catalog().low_stock().await.unwrap();
    assert_eq!(low.iter().map(|v| (v.variant_id.as_str(), v.level.available())).collect::<Vec<_>>(), [(VARIANT, 10)]);

    let restored = admin.restore(1).await.unwrap();
    assert_eq!(restored, second + 1, "a restore is a new revision");
    assert_eq!(admin.settings().await.unwrap().low_stock_at, 3);
    assert_eq!(admin.revision(restored).await.unwrap().settings, admin.revision(1).await.unwrap().settings);
    let missing = admin.revision(99).await.unwrap_err();
    assert!(matches!(missing, ShopError::NotFound { .. }), "{missing:?}");
    let preview = admin.preview_email("order_confirmation", "en").await.unwrap();
    assert!(preview.text.contains("Suite Shop"), "the shop's own profile: {}", preview.text);
    let unknown = admin.preview_email("no_such_template", "en").await.unwrap_err();
    assert!(matches!(unknown, ShopError::Notify(_)), "{unknown:?}");

    buy(&shop, "ana@example.bg", 7, PaymentMethod::BankTransfer).await.unwrap();
    let low = shop.catalog().low_stock().await.unwrap();
    assert_eq!(low.len(), 1, "7 of 10 held for an order: 3 free to sell");
    assert_eq!((low[0].level.on_hand, low[0].level.reserved), (10, 7));
}

/// Product edits are catalog versions of their own: every version reads back as the catalog it
/// made, on both sides of the whole snapshot the store writes after `EDITS_PER_SNAPSHOT` edits;
/// earlier versions keep an archived product; a bad edit is refused and writes nothing.
pub async fn shop_edits_products_one_at_a_time(store: Arc<dyn Store>) {
    let (shop, _) = open_shop(store.clone(), Plugins::new()).await;
    let base = shop.catalog().current().await.unwrap();
    let edits = EDITS_PER_SNAPSHOT + 5;
    let mut versions = Vec::new();
    for step in 1..=edits {
        let (id, minor) = (format!("p{step}"), 100 + i64::try_from(step).unwrap());
        let product = Product::simple(&id, format!("Product {step}"), format!("{id}-1"), eur(minor));
        versions.push(shop.catalog().upsert_product(product).await.unwrap());
    }
    assert_eq!(versions, (base.version + 1..=base.version + edits).collect::<Vec<_>>());
    for (added, version) in (1..).zip(&versions) {
        let snapshot = store.catalog_snapshot(*version).await.unwrap().unwrap();
        assert_eq!(snapshot.products().len(), base.value.products().len() + added, "version {version}");
    }
    let dearer = Product::simple("p3", "Product 3", "p3-1", eur(999));
    let repriced = shop.catalog().upsert_product(dearer.clone()).await.unwrap();
    assert_eq!(store.catalog_snapshot(repriced).await.unwrap().unwrap().product("p3"), Some(&dearer));

    let archived = shop.catalog().archive_product("p3").await.unwrap();
    let current = shop.catalog().current().await.unwrap();
    assert_eq!(current.version, archived);
    assert!(current.value.product("p3").is_none());
    assert_eq!(store.catalog_snapshot(archived - 1).await.unwrap().unwrap().product("p3"), Some(&dearer));
    let missing = shop.catalog().archive_product("p404").await.unwrap_err();
    assert!(matches!(missing, ShopError::NotFound { .. }), "{missing:?}");
    let clash = Product::simple("clash", "Clash", VARIANT, eur(100));
    assert!(shop.catalog().upsert_product(clash).await.is_err(), "the variant id is taken");
    assert_eq!(store.catalog_version().await.unwrap(), archived, "nothing written");

    let mut tracked = Product::simple("candle", "Candle", "candle-1", eur(600));
    tracked.variants[0].stock = Some(5);
    let untracked = Product::simple("voucher", "Voucher", "voucher-1", eur(2_000));
    let feed = CatalogData { products: vec![tracked, untracked], ..CatalogData::default() };
    let imported = shop.catalog().import(feed).await.unwrap();
    assert_eq!(imported, archived + 1);
    assert_eq!(shop.catalog().stock("candle-1").await.unwrap().map(|l| l.on_hand), Some(5), "the feed's stock");
    assert_eq!(shop.catalog().stock("voucher-1").await.unwrap(), None, "no stock given: not tracked");
}
