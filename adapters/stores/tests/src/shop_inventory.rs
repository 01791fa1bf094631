//! Inventory through the Shop over each store: locations and the staff's moves with their ledger,
//! the last units spread over three locations sold once, a hold lapsing while its order is paid, a
//! return's restock racing a sale, low-stock alerts once per crossing, the consistency check
//! finding a level changed behind its back, backorders sold beyond the stock, and shoppers told
//! when a variant is back.

use std::future::Future;
use std::sync::Arc;

use jiff::SignedDuration;
use vitrina_core::cart::CartError;
use vitrina_core::catalog::{Availability, CatalogError};
use vitrina_core::customer::NewCustomer;
use vitrina_core::event::Actor;
use vitrina_core::inventory::{
    AllocatedLine, InventoryError, InventoryEvent, LocationKind, MovementReason, MovementSource, NoticeState,
    StockLocation, StockMismatch, StockMovement,
};
use vitrina_core::money::Currency;
use vitrina_core::notify::DomainEvent;
use vitrina_core::order::{OrderState, PaymentMethod};
use vitrina_core::returns::{ItemCondition, ReturnReason};
use vitrina_core::shop::{Clock, Plugins, Shop, ShopError};
use vitrina_core::store::{StockLevel, Store, StoreError};

use crate::fixtures::{now, VARIANT};
use crate::shop::{buy, delivery_by, open_shop};
use crate::shop_fulfil::{inspection, requested, staff, Fulfil};

fn ids(locations: &[StockLocation]) -> Vec<&str> {
    locations.iter().map(|location| location.id.as_str()).collect()
}

/// The (location, on hand, reserved) of every level of the fixture mug.
async fn levels(shop: &Shop) -> Vec<(String, u64, u64)> {
    let levels = shop.inventory().levels(VARIANT).await.unwrap();
    levels.into_iter().map(|l| (l.location_id, l.on_hand, l.reserved)).collect()
}

fn at(location: &str, on_hand: u64, reserved: u64) -> (String, u64, u64) {
    (location.to_owned(), on_hand, reserved)
}

fn reasons(rows: &[StockMovement]) -> Vec<(MovementReason, i64)> {
    rows.iter().map(|row| (row.reason, row.on_hand_delta)).collect()
}

/// Staff add and rename locations, receive, write off, transfer and count, each leaving its ledger
/// row; live availability counts the locations selling through a channel; bad input is a typed
/// error naming the field; holds go to the location that can ship the
/// whole order, else to the fewest, and skip an inactive one.
pub async fn shop_moves_stock_between_locations_with_a_ledger(store: Arc<dyn Store>) {
    let (shop, _clock) = open_shop(store.clone(), Plugins::new()).await;
    let inventory = shop.inventory();
    assert_eq!(ids(&inventory.locations().await.unwrap()), ["default"]);
    let mut plovdiv = StockLocation::new("plovdiv", "Plovdiv warehouse");
    inventory.save_location(plovdiv.clone()).await.unwrap();
    let sofia = StockLocation {
        kind: LocationKind::Shop,
        channels: vec!["pos".into()],
        ..StockLocation::new("sofia-shop", "Sofia shop")
    };
    inventory.save_location(sofia).await.unwrap();
    plovdiv.name = "Plovdiv".into();
    inventory.save_location(plovdiv).await.unwrap();
    let locations = inventory.locations().await.unwrap();
    assert_eq!(ids(&locations), ["default", "plovdiv", "sofia-shop"], "a rename keeps the place in line");
    assert_eq!((locations[1].name.as_str(), locations[2].kind), ("Plovdiv", LocationKind::Shop));
    let bad = inventory.save_location(StockLocation::new("no spaces", "X")).await.unwrap_err();
    assert!(matches!(bad, ShopError::Inventory(InventoryError::Invalid { ref field, .. }) if field == "id"), "{bad:?}");

    let received = inventory.receive("plovdiv", VARIANT, 6, "u-ivan").await.unwrap();
    assert_eq!((received.on_hand, received.reserved), (6, 0));
    inventory.write_off("plovdiv", VARIANT, 1, "u-ivan").await.unwrap();
    inventory.transfer("plovdiv", "sofia-shop", VARIANT, 2, "u-ivan").await.unwrap();
    inventory.adjust_count("default", VARIANT, 7, "u-maria").await.unwrap();
    assert_eq!(levels(&shop).await, [at("default", 7, 0), at("plovdiv", 3, 0), at("sofia-shop", 2, 0)]);
    assert_eq!(store.stock_level(VARIANT).await.unwrap(), Some(StockLevel { on_hand: 12, reserved: 0 }));
    let sell = |channel: Option<&'static str>| inventory.available_to_sell(VARIANT, channel);
    assert_eq!((sell(Some("web")).await.unwrap(), sell(Some("pos")).await.unwrap()), (Some(10), Some(12)));
    assert_eq!(inventory.available_to_sell("untracked", None).await.unwrap(), None);

    let unknown = inventory.receive("varna", VARIANT, 1, "u-ivan").await.unwrap_err();
    assert!(matches!(unknown, ShopError::Inventory(InventoryError::UnknownLocation { .. })), "{unknown:?}");
    let zero = inventory.receive("plovdiv", VARIANT, 0, "u-ivan").await.unwrap_err();
    assert!(matches!(zero, ShopError::Inventory(InventoryError::Invalid { ref field, .. }) if field == "quantity"));
    let too_many = inventory.write_off("plovdiv", VARIANT, 4, "u-ivan").await.unwrap_err();
    assert!(matches!(too_many, ShopError::Store(StoreError::InsufficientStock { available: 3, .. })), "{too_many:?}");
    let same = inventory.transfer("plovdiv", "plovdiv", VARIANT, 1, "u-ivan").await.unwrap_err();
    assert!(matches!(same, ShopError::Inventory(InventoryError::Invalid { ref field, .. }) if field == "to"));
    assert!(inventory.movements(VARIANT, 0).await.is_err());

    let rows = inventory.movements(VARIANT, 10).await.unwrap();
    let expected = [
        (MovementReason::CountAdjustment, -3),
        (MovementReason::TransferIn, 2),
        (MovementReason::TransferOut, -2),
        (MovementReason::DamageWriteOff, -1),
        (MovementReason::Receipt, 6),
        (MovementReason::CountAdjustment, 10),
    ];
    assert_eq!(reasons(&rows), expected, "newest first, the opening count last");
    assert_eq!(rows[0].source, MovementSource::Staff("u-maria".into()));
    assert_eq!(rows[5].source, MovementSource::System);

    let whole = buy(&shop, "ana@example.bg", 3, PaymentMethod::BankTransfer).await.unwrap();
    let line =
        |location: &str, quantity| AllocatedLine { location_id: location.into(), variant_id: VARIANT.into(), quantity };
    assert_eq!(inventory.allocation(whole.id()).await.unwrap(), [line("default", 3)]);
    let below = inventory.adjust_count("default", VARIANT, 2, "u-maria").await.unwrap_err();
    assert!(matches!(below, ShopError::Store(StoreError::Invalid { ref field, .. }) if field == "counted"));
    let mut default = inventory.locations().await.unwrap().remove(0);
    default.active = false;
    inventory.save_location(default).await.unwrap();
    let split = buy(&shop, "boris@example.bg", 4, PaymentMethod::BankTransfer).await.unwrap();
    assert_eq!(inventory.allocation(split.id()).await.unwrap(), [line("plovdiv", 3), line("sofia-shop", 1)]);
    let short = buy(&shop, "vera@example.bg", 2, PaymentMethod::BankTransfer).await.unwrap_err();
    assert!(matches!(short, ShopError::Cart(CartError::InsufficientStock { on_hand: 1, .. })), "{short:?}");
    assert_eq!(inventory.check_consistency().await.unwrap(), []);
}

/// 50 buyers race for the last 5 units, 1 at the default location and 2 at each of two others:
/// exactly 5 orders are placed, every other buyer gets the typed out-of-stock error, and the
/// ledger balances with the levels.
pub async fn shop_sells_the_last_units_over_three_locations_once(store: Arc<dyn Store>) {
    let (shop, _clock) = open_shop(store.clone(), Plugins::new()).await;
    let inventory = shop.inventory();
    inventory.adjust_count("default", VARIANT, 1, "u-ivan").await.unwrap();
    for id in ["north", "south"] {
        inventory.save_location(StockLocation::new(id, id)).await.unwrap();
        inventory.receive(id, VARIANT, 2, "u-ivan").await.unwrap();
    }
    let buyers: Vec<_> = (0..50)
        .map(|n| {
            let shop = shop.clone();
            tokio::spawn(
                async move { buy(&shop, &format!("buyer{n}@example.bg"), 1, PaymentMethod::BankTransfer).await },
            )
        })
        .collect();
    let mut placed = Vec::new();
    for buyer in buyers {
        match buyer.await.unwrap() {
            Ok(order) => placed.push(order),
            Err(ShopError::Store(StoreError::InsufficientStock { available: 0, .. })) => {}
            Err(ShopError::Cart(CartError::InsufficientStock { on_hand: 0, .. })) => {}
            Err(other) => panic!("unexpected error: {other:?}"),
        }
    }
    assert_eq!(placed.len(), 5);
    assert_eq!(levels(&shop).await, [at("default", 1, 1), at("north", 2, 2), at("south", 2, 2)]);
    let mut held = Vec::new();
    for order in &placed {
        held.extend(inventory.allocation(order.id()).await.unwrap());
    }
    held.sort_by(|a, b| a.location_id.cmp(&b.location_id));
    let held: Vec<(&str, u32)> = held.iter().map(|l| (l.location_id.as_str(), l.quantity)).collect();
    assert_eq!(held, [("default", 1), ("north", 1), ("north", 1), ("south", 1), ("south", 1)]);
    let rows = inventory.movements(VARIANT, 100).await.unwrap();
    let reserved: i64 = rows.iter().filter(|r| r.reason == MovementReason::Reservation).map(|r| r.reserved_delta).sum();
    assert_eq!(reserved, 5);
    assert_eq!(inventory.check_consistency().await.unwrap(), []);
}

/// A card order's hold lapses while the shopper pays: `run_due` gives the units back and the
/// payment still succeeds; the units go to another buyer, so shipping the first order is refused
/// cleanly (nothing stored), and stock is never negative.
pub async fn shop_handles_a_hold_lapsing_while_its_order_is_paid(store: Arc<dyn Store>) {
    let f = Fulfil::open(store).await;
    let order = f.place("cust-ana", 4, delivery_by(PaymentMethod::Card)).await;
    assert_eq!(f.stock().await, (10, 4));
    let now = f.advance(SignedDuration::from_hours(49));
    let (due, paid) = tokio::join!(f.shop.run_due(now), f.pay(&order));
    assert_eq!(due.unwrap().reservations_expired, [order.id().to_owned()]);
    assert_eq!(paid.state(), OrderState::Paid);
    assert_eq!(f.stock().await, (10, 0), "the lapsed hold is given back");

    let rival = f.paid_order("cust-boris", 10).await;
    let refused = f.shop.shipping().ship(order.id(), staff()).await.unwrap_err();
    assert!(matches!(refused, ShopError::Store(StoreError::InsufficientStock { available: 0, .. })), "{refused:?}");
    assert!(f.shop.shipping().shipments_of(order.id()).await.unwrap().is_empty());
    assert_eq!(f.stock().await, (10, 10));
    f.shop.shipping().ship(rival.id(), staff()).await.unwrap();
    assert_eq!(f.stock().await, (0, 0));
    let rows = f.shop.inventory().movements(VARIANT, 10).await.unwrap();
    let lapsed = rows.iter().find(|r| r.reason == MovementReason::Release && r.source == MovementSource::System);
    assert_eq!(lapsed.map(|r| r.reserved_delta), Some(-4), "the lapse is the engine's release");
    let sale = rows.iter().find(|r| r.reason == MovementReason::Sale).unwrap();
    assert_eq!((sale.on_hand_delta, sale.reserved_delta), (-10, -10));
    assert_eq!(f.shop.inventory().check_consistency().await.unwrap(), []);
}

/// A returned unit restocked while a buyer tries for the only free unit: whichever commits first,
/// the restocked unit is on the shelf afterwards and can be sold; a damaged return is booked in and
/// written off, leaving the shelf as it was.
pub async fn shop_restock_racing_a_sale_loses_no_unit(store: Arc<dyn Store>) {
    let f = Fulfil::open(store).await;
    let order = f.delivered_order().await;
    f.place("cust-boris", 8, delivery_by(PaymentMethod::Card)).await;
    assert_eq!(f.stock().await, (8, 8), "nothing free");
    let returns = f.shop.returns();
    let shopper = || Actor::Shopper { customer_id: Some("cust-ana".into()) };
    let lines = requested(&order, ReturnReason::ChangedMind, ItemCondition::Unused);
    let rma = returns.request(order.id(), &lines, shopper(), None).await.unwrap();
    returns.approve(rma.id(), staff()).await.unwrap();
    returns.receive(rma.id(), None, staff()).await.unwrap();
    let (inspected, bought) = tokio::join!(
        returns.inspect(rma.id(), inspection(&order, ItemCondition::Unused), staff()),
        buy(&f.shop, "vera@example.bg", 1, PaymentMethod::Card)
    );
    inspected.unwrap();
    match bought {
        Ok(_) => {}
        Err(
            ShopError::Store(StoreError::InsufficientStock { .. })
            | ShopError::Cart(CartError::InsufficientStock { .. }),
        ) => {
            buy(&f.shop, "vera@example.bg", 1, PaymentMethod::Card).await.unwrap();
        }
        Err(other) => panic!("unexpected error: {other:?}"),
    }
    assert_eq!(f.stock().await, (9, 9), "the restocked unit was sold, none lost");

    let lines = requested(&order, ReturnReason::Damaged, ItemCondition::Damaged);
    let damaged = returns.request(order.id(), &lines, shopper(), Some("cracked")).await.unwrap();
    returns.approve(damaged.id(), staff()).await.unwrap();
    returns.receive(damaged.id(), None, staff()).await.unwrap();
    returns.inspect(damaged.id(), inspection(&order, ItemCondition::Damaged), staff()).await.unwrap();
    assert_eq!(f.stock().await, (9, 9), "a damaged unit does not reach the shelf");
    let rows = f.shop.inventory().movements(VARIANT, 3).await.unwrap();
    let source = MovementSource::Return(damaged.id().to_owned());
    let booked: Vec<_> = rows.iter().take(2).map(|r| (r.reason, r.on_hand_delta, r.source.clone())).collect();
    assert_eq!(
        booked,
        [(MovementReason::DamageWriteOff, -1, source.clone()), (MovementReason::ReturnRestock, 1, source)]
    );
    assert_eq!(f.shop.inventory().check_consistency().await.unwrap(), []);
}

/// The consistency check finds a level that `corrupt` (given an SQL statement, run on the database
/// behind the store's back) changed: exactly that (location, variant), with both figures.
pub async fn stock_check_finds_a_corrupted_level<F: Future<Output = ()>>(
    store: Arc<dyn Store>,
    corrupt: impl FnOnce(&'static str) -> F,
) {
    let (shop, _clock) = open_shop(store, Plugins::new()).await;
    let inventory = shop.inventory();
    inventory.save_location(StockLocation::new("annex", "Annex")).await.unwrap();
    inventory.receive("annex", VARIANT, 4, "u-ivan").await.unwrap();
    assert_eq!(inventory.check_consistency().await.unwrap(), []);
    corrupt("UPDATE stock_levels SET on_hand = on_hand + 3 WHERE location_id = 'annex'").await;
    let mismatch = StockMismatch {
        location_id: "annex".into(),
        variant_id: VARIANT.into(),
        on_hand: 7,
        reserved: 0,
        ledger_on_hand: 4,
        ledger_reserved: 0,
    };
    assert_eq!(inventory.check_consistency().await.unwrap(), [mismatch]);
}

/// A level falling to its low-stock threshold raises one `low_stock` event and one staff e-mail per
/// crossing: `run_due` again sends nothing until the level rose above the threshold and fell again.
pub async fn shop_alerts_low_stock_once_per_crossing(store: Arc<dyn Store>) {
    let (shop, clock) = open_shop(store.clone(), Plugins::new()).await;
    let inventory = shop.inventory();
    let missing = inventory.set_low_stock_threshold("default", "no-such-variant", Some(1)).await.unwrap_err();
    assert!(matches!(missing, ShopError::Store(StoreError::NotFound { .. })), "{missing:?}");
    inventory.set_low_stock_threshold("default", VARIANT, Some(3)).await.unwrap();
    let alerts = || async { shop.run_due(clock.now()).await.unwrap().low_stock_alerts };
    assert!(alerts().await.is_empty(), "10 free");
    buy(&shop, "ana@example.bg", 7, PaymentMethod::BankTransfer).await.unwrap();
    assert_eq!(alerts().await, [format!("default/{VARIANT}")]);
    assert!(alerts().await.is_empty(), "once per crossing");
    inventory.receive("default", VARIANT, 5, "u-ivan").await.unwrap();
    assert!(alerts().await.is_empty(), "8 free: re-armed");
    buy(&shop, "boris@example.bg", 6, PaymentMethod::BankTransfer).await.unwrap();
    assert_eq!(alerts().await, [format!("default/{VARIANT}")]);

    let since = now() - SignedDuration::from_hours(1);
    let outbox = store.outbox_entries_since(since, 100).await.unwrap();
    let mut emails: Vec<&str> =
        outbox.iter().map(|e| e.message.message_id()).filter(|id| id.starts_with("<low_stock.")).collect();
    emails.sort_unstable();
    assert_eq!(emails.len(), 2, "{emails:?}");
    assert!(emails[0].starts_with(&format!("<low_stock.default.{VARIANT}.1@")), "{emails:?}");
    let events = store.events_since(since, None, 1_000).await.unwrap();
    let low: Vec<_> = events.iter().filter(|e| e.event.kind() == "low_stock").collect();
    assert_eq!(low.len(), 2);
    let DomainEvent::Inventory(InventoryEvent::LowStock { available, threshold, .. }) = &low[1].event else {
        panic!("{:?}", low[1]);
    };
    assert_eq!((*available, *threshold), (2, 3));
}

/// Cart edits and the shopper's availability follow live stock, not the catalog's figure; a
/// backorder sells beyond the stock up to its limit with its expected date shown; its units ship
/// only once they have arrived; a pre-order needs its release date.
pub async fn shop_sells_beyond_stock_as_backorders_allow(store: Arc<dyn Store>) {
    let f = Fulfil::open(store).await;
    let (carts, catalog) = (f.shop.carts(), f.shop.catalog());
    f.shop.inventory().adjust_count("default", VARIANT, 2, "u-ivan").await.unwrap();
    let cart = carts.create(Currency::EUR, None).await.unwrap();
    let refused = carts.add_line(&cart.id, VARIANT, 3).await.unwrap_err();
    assert!(
        matches!(refused, ShopError::Cart(CartError::InsufficientStock { on_hand: 2, requested: 3, .. })),
        "{refused:?}"
    );
    let shown = catalog.availability(&[VARIANT.to_owned()]).await.unwrap();
    assert_eq!((shown[0].availability, shown[0].orderable), (Availability::LowStock { on_hand: 2 }, Some(2)));

    let expected = jiff::civil::date(2026, 12, 20);
    let mut mug = catalog.current().await.unwrap().value.product("mug").unwrap().clone();
    mug.variants[0].backorder = true;
    mug.variants[0].backorder_limit = Some(3);
    mug.variants[0].expected_on = Some(expected);
    catalog.upsert_product(mug.clone()).await.unwrap();
    let first = f.paid_order("cust-ana", 4).await;
    assert_eq!(f.stock().await, (2, 4), "two units held beyond the two on hand");
    let shown = catalog.availability(&[VARIANT.to_owned()]).await.unwrap();
    assert_eq!(shown[0].availability, Availability::Backorder);
    assert_eq!((shown[0].orderable, shown[0].expected_on), (Some(1), Some(expected)));
    let refused = carts.add_line(&cart.id, VARIANT, 2).await.unwrap_err();
    assert!(matches!(refused, ShopError::Cart(CartError::InsufficientStock { on_hand: 1, .. })), "{refused:?}");
    f.paid_order("cust-boris", 1).await;
    assert_eq!(f.stock().await, (2, 5));
    let shown = catalog.availability(&[VARIANT.to_owned()]).await.unwrap();
    assert_eq!((shown[0].availability, shown[0].orderable), (Availability::OutOfStock, Some(0)));

    let early = f.shop.shipping().ship(first.id(), staff()).await.unwrap_err();
    assert!(
        matches!(early, ShopError::Store(StoreError::InsufficientStock { requested: 4, available: 1, .. })),
        "{early:?}"
    );
    assert!(f.shop.shipping().shipments_of(first.id()).await.unwrap().is_empty(), "nothing stored");
    f.shop.inventory().receive("default", VARIANT, 5, "u-ivan").await.unwrap();
    f.shop.shipping().ship(first.id(), staff()).await.unwrap();
    assert_eq!(f.stock().await, (3, 1));
    assert_eq!(f.shop.inventory().check_consistency().await.unwrap(), []);

    mug.variants[0].preorder = true;
    mug.variants[0].expected_on = None;
    let refused = catalog.upsert_product(mug).await.unwrap_err();
    assert!(
        matches!(&refused, ShopError::Catalog(CatalogError::Invalid { field, .. }) if field.ends_with("variants[0].expected_on")),
        "{refused:?}"
    );
    let unknown = catalog.availability(&["nope".to_owned()]).await.unwrap_err();
    assert!(matches!(unknown, ShopError::NotFound { kind: "variant", .. }), "{unknown:?}");
}

/// Shoppers ask to hear when a sold-out variant is back: asking twice keeps one request, a
/// withdrawn one is not sent, `run_due` e-mails each waiting one once, in its language, as soon as
/// live stock allows an order; a customer's export lists their requests and erasure deletes them.
pub async fn shop_emails_shoppers_when_a_variant_is_back(store: Arc<dyn Store>) {
    let f = Fulfil::open(store).await;
    let catalog = f.shop.catalog();
    f.shop.inventory().adjust_count("default", VARIANT, 0, "u-ivan").await.unwrap();
    let ana = catalog.notify_when_available(VARIANT, "ana@example.bg", Some("bg"), None).await.unwrap();
    let again = catalog.notify_when_available(VARIANT, " ana@example.bg", Some("bg"), None).await.unwrap();
    assert_eq!(again.id(), ana.id(), "one waiting request per address and variant");
    let boris = catalog.notify_when_available(VARIANT, "boris@example.bg", None, None).await.unwrap();
    let vera = catalog.notify_when_available(VARIANT, "vera@example.bg", None, None).await.unwrap();
    catalog.withdraw_notice(vera.id()).await.unwrap();
    let unknown = catalog.notify_when_available("nope", "ana@example.bg", None, None).await.unwrap_err();
    assert!(matches!(unknown, ShopError::NotFound { kind: "variant", .. }), "{unknown:?}");
    let bad = catalog.notify_when_available(VARIANT, "Ana <ana@example.bg>", None, None).await.unwrap_err();
    assert!(matches!(&bad, ShopError::Inventory(InventoryError::Invalid { field, .. }) if field == "email"), "{bad:?}");

    let at = f.advance(SignedDuration::from_mins(10));
    assert!(f.shop.run_due(at).await.unwrap().back_in_stock.is_empty(), "still sold out");
    f.shop.inventory().receive("default", VARIANT, 3, "u-ivan").await.unwrap();
    let at = f.advance(SignedDuration::from_mins(10));
    let mut sent = f.shop.run_due(at).await.unwrap().back_in_stock;
    sent.sort();
    let mut expected = vec![ana.id().to_owned(), boris.id().to_owned()];
    expected.sort();
    assert_eq!(sent, expected);
    assert!(f.shop.run_due(at).await.unwrap().back_in_stock.is_empty(), "once");
    let emails = f.emails().await;
    let mail = |id: &str| {
        let key = format!("<back_in_stock.{id}@");
        emails.iter().find(|(message_id, _)| message_id.starts_with(&key)).map(|(_, text)| text.clone())
    };
    let to_ana = mail(ana.id()).expect("Ana's e-mail");
    assert!(to_ana.contains("отново може да бъде поръчан"), "in Bulgarian: {to_ana}");
    assert!(to_ana.contains("https://shop.example.com/products/mug"), "{to_ana}");
    assert!(mail(boris.id()).expect("Boris's e-mail").contains("can be ordered again"));
    assert!(mail(vera.id()).is_none(), "a withdrawn request is not sent");
    let sent = catalog.notice(ana.id()).await.unwrap();
    assert_eq!((sent.state(), sent.sent_at()), (NoticeState::Sent, Some(at)));
    assert!(catalog.withdraw_notice(ana.id()).await.is_err(), "a sent request stays sent");

    f.shop.inventory().adjust_count("default", VARIANT, 0, "u-ivan").await.unwrap();
    catalog.notify_when_available(VARIANT, "ana@example.bg", None, None).await.unwrap();
    let new = NewCustomer { email: "ana@example.bg".into(), name: "Ana".into(), phone: None, locale: "bg".into() };
    let customer = f.shop.customers().register(new).await.unwrap();
    assert_eq!(f.shop.customers().export(customer.id()).await.unwrap().stock_notices.len(), 2);
    let erased = f.shop.customers().erase(customer.id()).await.unwrap();
    assert_eq!(erased.stock_notices, 2, "the sent request and the waiting one");
    assert!(catalog.notice(ana.id()).await.is_err());
    assert_eq!(catalog.notice(boris.id()).await.unwrap().state(), NoticeState::Sent, "others keep theirs");
}
