//! Stock reservations, the all-or-nothing order placement and the race for the last units.

use std::sync::Arc;

use jiff::SignedDuration;
use vitrina_core::store::{StockLevel, StockLine, Store, StoreError};

use crate::fixtures::{now, Shop, VARIANT};

fn level(on_hand: u64, reserved: u64) -> Option<StockLevel> {
    Some(StockLevel { on_hand, reserved })
}

/// Reserve, refuse a shortfall without a partial hold, release, expire and commit.
pub async fn stock_reservation_lifecycle(store: Arc<dyn Store>) {
    let hour = now() + SignedDuration::from_hours(1);
    store.set_stock("a", 10).await.unwrap();
    store.set_stock("b", 1).await.unwrap();
    store.reserve_stock("o1", &[StockLine::new("a", 3)], hour).await.unwrap();
    let short = store.reserve_stock("o2", &[StockLine::new("a", 2), StockLine::new("b", 2)], hour).await;
    let expected = StoreError::InsufficientStock { variant_id: "b".into(), requested: 2, available: 1 };
    assert_eq!(short, Err(expected));
    assert_eq!(store.stock_level("a").await.unwrap(), level(10, 3), "no partial hold of a");
    let untracked = store.reserve_stock("o2", &[StockLine::new("zzz", 1)], hour).await;
    assert!(matches!(untracked, Err(StoreError::InsufficientStock { available: 0, .. })));
    let twice = store.reserve_stock("o1", &[StockLine::new("a", 1)], hour).await;
    assert!(matches!(twice, Err(StoreError::Duplicate { .. })));
    assert!(matches!(store.set_stock("a", 2).await, Err(StoreError::Invalid { .. })));

    store.reserve_stock("o3", &[StockLine::new("a", 2), StockLine::new("a", 1)], now()).await.unwrap();
    assert_eq!(store.stock_level("a").await.unwrap(), level(10, 6));
    assert_eq!(store.expire_reservations(now()).await.unwrap(), ["o3"]);
    assert_eq!(store.stock_level("a").await.unwrap(), level(10, 3));
    store.reserve_stock("o4", &[StockLine::new("a", 4)], hour).await.unwrap();
    assert!(store.release_stock("o4").await.unwrap());
    assert!(!store.release_stock("o4").await.unwrap());
    store.commit_stock("o1").await.unwrap();
    assert_eq!(store.stock_level("a").await.unwrap(), level(7, 0));
    assert!(matches!(store.commit_stock("o1").await, Err(StoreError::NotFound { .. })));
    assert_eq!(store.stock_level("nothing").await.unwrap(), None);
}

/// A placement that fails (short of stock, or an e-mail already queued) leaves nothing behind.
pub async fn placement_is_all_or_nothing(store: Arc<dyn Store>) {
    let shop = Shop::new();
    store.set_stock(VARIANT, 3).await.unwrap();
    let placed = shop.placement(1, Some("ana"), 2);
    store.place_order_tx(&placed).await.unwrap();
    let order = store.get_order(placed.order.id()).await.unwrap().unwrap();
    assert_eq!((order.value, order.version), (placed.order.clone(), 1));
    assert_eq!(store.payments_of_order(placed.order.id()).await.unwrap().len(), 1);
    assert_eq!(store.get(&placed.outbox[0].id).await.unwrap().as_ref(), Some(&placed.outbox[0]));
    assert_eq!(store.stock_level(VARIANT).await.unwrap(), level(3, 2));

    let short = shop.placement(2, Some("ana"), 2);
    assert!(matches!(store.place_order_tx(&short).await, Err(StoreError::InsufficientStock { .. })));
    let mut resent = shop.placement(3, Some("ana"), 1);
    resent.outbox = placed.outbox.clone();
    resent.outbox[0].id = "another-entry".into();
    assert!(matches!(store.place_order_tx(&resent).await, Err(StoreError::Duplicate { .. })));
    for failed in [&short, &resent] {
        assert_eq!(store.get_order(failed.order.id()).await.unwrap(), None);
        assert!(store.payments_of_order(failed.order.id()).await.unwrap().is_empty());
        assert_eq!(store.get(&failed.outbox[0].id).await.unwrap(), None);
    }
    assert_eq!(store.stock_level(VARIANT).await.unwrap(), level(3, 2));
    assert_eq!(store.orders_of_customer("ana").await.unwrap().len(), 1);
}

/// 50 concurrent buyers for the last 5 units: exactly 5 orders are placed, stock never goes negative.
pub async fn last_units_race(store: Arc<dyn Store>) {
    let shop = Shop::new();
    store.set_stock(VARIANT, 5).await.unwrap();
    let buyers: Vec<_> = (1..=50)
        .map(|sequence| {
            let (store, placement) = (store.clone(), shop.placement(sequence, None, 1));
            tokio::spawn(async move { (store.place_order_tx(&placement).await, placement.order.id().to_owned()) })
        })
        .collect();
    let mut placed = Vec::new();
    for buyer in buyers {
        match buyer.await.unwrap() {
            (Ok(()), order_id) => placed.push(order_id),
            (Err(StoreError::InsufficientStock { .. }), _) => {}
            (Err(other), _) => panic!("unexpected error: {other}"),
        }
    }
    assert_eq!(placed.len(), 5);
    assert_eq!(store.stock_level(VARIANT).await.unwrap(), level(5, 5));
    for order_id in &placed {
        store.commit_stock(order_id).await.unwrap();
    }
    assert_eq!(store.stock_level(VARIANT).await.unwrap(), level(0, 0));
    let late = shop.placement(51, None, 1);
    assert!(matches!(store.place_order_tx(&late).await, Err(StoreError::InsufficientStock { available: 0, .. })));
}
