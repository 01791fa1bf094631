//! The unit of work every store commits: documents at their read versions, outbox, event log,
//! stock, promotion uses and ledger rows, all or nothing, with repeats skipped rather than doubled.

use std::sync::Arc;

use jiff::SignedDuration;
use vitrina_core::event::RecordedEvent;
use vitrina_core::inventory::Allocator;
use vitrina_core::money::{Currency, Money};
use vitrina_core::notify::DomainEvent;
use vitrina_core::notify::OutboxEntry;
use vitrina_core::order::Order;
use vitrina_core::store::{
    find, load, Changes, LedgerAccount, LedgerRow, PromotionUse, StockChange, StockLine, Store, StoreError,
};

use crate::fixtures::{self, now, Shop, VARIANT};

fn ledger_row(key: &str, cents: i64) -> LedgerRow {
    LedgerRow {
        account: LedgerAccount::Wallet,
        account_id: "wallet-1".into(),
        key: key.into(),
        amount: Money::from_minor(cents, Currency::EUR),
        reason: format!("movement {key}"),
        at: now(),
    }
}

/// One commit writes every kind of change; a repeat of the same e-mail, event or ledger key is
/// skipped, and documents read back by id and by indexed column.
pub async fn unit_of_work_writes_everything_once(store: Arc<dyn Store>) {
    store.set_stock(VARIANT, 5).await.unwrap();
    let mut order = Shop::new().order(1, Some("ana"), 2);
    let events: Vec<RecordedEvent<DomainEvent>> = order.take_events().into_iter().map(RecordedEvent::widen).collect();
    let entry = OutboxEntry::new(fixtures::email("<one@shop.example.com>"), now());
    let mut changes = Changes::new();
    changes.save(&order, 0).unwrap();
    changes.outbox.push(entry.clone());
    changes.events = events.clone();
    changes.stock.push(StockChange::Reserve {
        order_id: order.id().into(),
        lines: vec![StockLine::new(VARIANT, 2)],
        expires_at: now() + SignedDuration::from_hours(1),
        allocator: Allocator::default(),
    });
    changes.promotion_uses.push(PromotionUse {
        promotion_id: "welcome".into(),
        customer_id: Some("ana".into()),
        limit: Some(1),
        per_customer_limit: None,
    });
    changes.ledger = vec![ledger_row("a", 5000), ledger_row("b", -1250)];
    store.commit(&changes).await.unwrap();

    let read = load::<Order>(store.as_ref(), order.id()).await.unwrap().unwrap();
    assert_eq!((read.value.id(), read.version), (order.id(), 1));
    let by_customer = find::<Order>(store.as_ref(), "customer_id", "ana", 10).await.unwrap();
    assert_eq!(by_customer.len(), 1);
    assert_eq!(store.document_version("orders", order.id()).await.unwrap(), Some(1));
    assert_eq!(store.document_version("orders", "nobody").await.unwrap(), None);
    let level = store.stock_level(VARIANT).await.unwrap().unwrap();
    assert_eq!((level.on_hand, level.reserved), (5, 2));
    assert_eq!(store.promotion_usage("welcome", Some("ana")).await.unwrap().times_used, 1);
    let logged = store.events_since(now() - SignedDuration::from_hours(1), None, 10).await.unwrap();
    assert_eq!(logged, events);

    // The same e-mail, events and ledger keys again, with a new ledger key: only the new row lands.
    let mut again = Changes::new();
    again.outbox.push(OutboxEntry::new(fixtures::email("<one@shop.example.com>"), now()));
    again.events = events.clone();
    again.ledger = vec![ledger_row("a", 5000), ledger_row("c", 100)];
    store.commit(&again).await.unwrap();
    assert_eq!(store.events_since(now() - SignedDuration::from_hours(1), None, 10).await.unwrap().len(), events.len());
    let rows = store.ledger_rows(LedgerAccount::Wallet, "wallet-1").await.unwrap();
    let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["a", "b", "c"]);
    let sum: i64 = rows.iter().map(|r| r.amount.minor()).sum();
    assert_eq!(sum, 3850);
    let outbox = store.outbox_entries_since(now() - SignedDuration::from_hours(1), 10).await.unwrap();
    assert_eq!(outbox.len(), 1, "a queued message id is not queued twice");
}

/// A stale version, a stock shortfall or a promotion at its limit anywhere in a commit writes
/// nothing of it.
pub async fn unit_of_work_is_all_or_nothing(store: Arc<dyn Store>) {
    store.set_stock(VARIANT, 1).await.unwrap();
    let shop = Shop::new();
    let first = shop.order(1, Some("ana"), 1);
    let mut changes = Changes::new();
    changes.save(&first, 0).unwrap();
    store.commit(&changes).await.unwrap();

    let second = shop.order(2, Some("bob"), 1);
    let stale = {
        let mut changes = Changes::new();
        changes.save(&second, 0).unwrap();
        changes.save(&first, 0).unwrap(); // first is at version 1 now
        changes.ledger.push(ledger_row("x", 100));
        changes.outbox.push(OutboxEntry::new(fixtures::email("<stale@shop.example.com>"), now()));
        changes
    };
    let error = store.commit(&stale).await.unwrap_err();
    assert!(matches!(error, StoreError::Conflict { expected_version: 0, actual_version: 1, .. }), "{error:?}");
    let short = {
        let mut changes = Changes::new();
        changes.save(&second, 0).unwrap();
        changes.stock.push(StockChange::Reserve {
            order_id: second.id().into(),
            lines: vec![StockLine::new(VARIANT, 2)],
            expires_at: now(),
            allocator: Allocator::default(),
        });
        changes
    };
    assert!(matches!(store.commit(&short).await.unwrap_err(), StoreError::InsufficientStock { .. }));
    let limited = {
        let mut changes = Changes::new();
        changes.save(&second, 0).unwrap();
        let used =
            PromotionUse { promotion_id: "once".into(), customer_id: None, limit: Some(0), per_customer_limit: None };
        changes.promotion_uses.push(used);
        changes
    };
    assert!(matches!(store.commit(&limited).await.unwrap_err(), StoreError::PromotionLimitReached { .. }));

    assert_eq!(
        store.document_version("orders", second.id()).await.unwrap(),
        None,
        "the second order was never written"
    );
    assert!(store.ledger_rows(LedgerAccount::Wallet, "wallet-1").await.unwrap().is_empty());
    assert!(store.outbox_entries_since(now() - SignedDuration::from_hours(1), 10).await.unwrap().is_empty());
    let level = store.stock_level(VARIANT).await.unwrap().unwrap();
    assert_eq!((level.on_hand, level.reserved), (1, 0));
}
