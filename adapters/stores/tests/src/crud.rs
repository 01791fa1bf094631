//! Round trips of every aggregate, catalog snapshots, optimistic conflicts and order numbering.

use std::collections::BTreeSet;
use std::sync::Arc;

use vitrina_core::store::{Store, StoreError};

use crate::fixtures::{self, Shop};

/// Every aggregate saves, reads back equal, updates with its version and is found by its indexes.
pub async fn crud_round_trips(store: Arc<dyn Store>) {
    let shop = Shop::new();
    let mut cart = shop.cart(Some("ana"), 2);
    assert_eq!(store.save_cart(&cart, 0).await.unwrap(), 1);
    cart.note = Some("ring twice".into());
    assert_eq!(store.save_cart(&cart, 1).await.unwrap(), 2);
    let read = store.get_cart(&cart.id).await.unwrap().unwrap();
    assert_eq!((read.value, read.version), (cart.clone(), 2));
    store.delete_cart(&cart.id, 2).await.unwrap();
    assert_eq!(store.get_cart(&cart.id).await.unwrap(), None);

    let session = shop.session(&cart);
    store.save_checkout_session(&session, 0).await.unwrap();
    assert_eq!(store.get_checkout_session(session.id()).await.unwrap().unwrap().value, session);

    let order = shop.order(1, Some("ana"), 2);
    store.save_order(&order, 0).await.unwrap();
    assert_eq!(store.get_order(order.id()).await.unwrap().unwrap().value, order);
    let by_number = store.find_order_by_number(order.number().as_str()).await.unwrap().unwrap();
    assert_eq!(by_number.value.id(), order.id());
    assert_eq!(store.orders_of_customer("ana").await.unwrap().len(), 1);
    assert!(store.orders_of_customer("bob").await.unwrap().is_empty());

    let payment = fixtures::payment_for(&order);
    store.save_payment(&payment, 0).await.unwrap();
    assert_eq!(store.get_payment(payment.id()).await.unwrap().unwrap().value, payment);
    assert_eq!(store.payments_of_order(order.id()).await.unwrap()[0].value, payment);

    let customer = fixtures::customer("ana@example.bg");
    store.save_customer(&customer, 0).await.unwrap();
    let found = store.find_customer_by_email(customer.email().as_str()).await.unwrap().unwrap();
    assert_eq!((found.value, found.version), (customer.clone(), 1));

    let case = fixtures::support_case(customer.id(), Some(order.id()));
    store.save_support_case(&case, 0).await.unwrap();
    assert_eq!(store.get_support_case(case.id()).await.unwrap().unwrap().value, case);
    assert_eq!(store.support_cases_of_customer(customer.id()).await.unwrap()[0].value, case);
}

/// Catalog snapshots append with versions; a stale publish is a conflict.
pub async fn catalog_snapshots(store: Arc<dyn Store>) {
    assert!(store.current_catalog().await.unwrap().is_none());
    let catalog = fixtures::catalog();
    assert_eq!(store.publish_catalog(&catalog, 0).await.unwrap(), 1);
    assert_eq!(store.publish_catalog(&catalog, 1).await.unwrap(), 2);
    let stale = store.publish_catalog(&catalog, 1).await.unwrap_err();
    assert!(matches!(stale, StoreError::Conflict { expected_version: 1, actual_version: 2, .. }), "{stale:?}");
    let current = store.current_catalog().await.unwrap().unwrap();
    assert_eq!((current.value.data(), current.version), (catalog.data(), 2));
    assert_eq!(store.catalog_snapshot(1).await.unwrap().unwrap().data(), catalog.data());
    assert!(store.catalog_snapshot(3).await.unwrap().is_none());
}

/// A write based on a stale version is a typed conflict and changes nothing.
pub async fn optimistic_conflicts(store: Arc<dyn Store>) {
    let shop = Shop::new();
    let mut cart = shop.cart(None, 1);
    store.save_cart(&cart, 0).await.unwrap();
    cart.note = Some("first writer".into());
    store.save_cart(&cart, 1).await.unwrap();
    let mut late = cart.clone();
    late.note = Some("second writer".into());
    let conflict = store.save_cart(&late, 1).await.unwrap_err();
    let expected = StoreError::Conflict { kind: "cart", id: cart.id.clone(), expected_version: 1, actual_version: 2 };
    assert_eq!(conflict, expected);
    assert_eq!(store.get_cart(&cart.id).await.unwrap().unwrap().value.note.as_deref(), Some("first writer"));
    assert!(matches!(store.save_cart(&cart, 0).await, Err(StoreError::Conflict { expected_version: 0, .. })));
    assert!(matches!(store.delete_cart(&cart.id, 1).await, Err(StoreError::Conflict { actual_version: 2, .. })));
    let unknown = shop.cart(None, 1);
    assert!(matches!(store.save_cart(&unknown, 4).await, Err(StoreError::NotFound { kind: "cart", .. })));

    let order = shop.order(7, None, 1);
    store.save_order(&order, 0).await.unwrap();
    let same_number = shop.order(7, None, 1);
    assert!(matches!(store.save_order(&same_number, 0).await, Err(StoreError::Duplicate { kind: "order", .. })));
    let twin = fixtures::customer("twin@example.bg");
    store.save_customer(&twin, 0).await.unwrap();
    let other = fixtures::customer("twin@example.bg");
    assert!(matches!(store.save_customer(&other, 0).await, Err(StoreError::Duplicate { .. })));
}

/// Sequences count per year from 1 and never repeat, even when drawn concurrently.
pub async fn order_sequences(store: Arc<dyn Store>) {
    assert_eq!(store.next_order_sequence(2026).await.unwrap(), 1);
    assert_eq!(store.next_order_sequence(2026).await.unwrap(), 2);
    assert_eq!(store.next_order_sequence(2027).await.unwrap(), 1);
    let draws: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move { store.next_order_sequence(2026).await.unwrap() })
        })
        .collect();
    let mut seen = BTreeSet::new();
    for draw in draws {
        seen.insert(draw.await.unwrap());
    }
    assert_eq!(seen, (3..=22).collect::<BTreeSet<u64>>());
}
