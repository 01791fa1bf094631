//! Idempotency keys, the outbox and promotion usage limits (including a race for the last uses).

use std::sync::Arc;

use jiff::SignedDuration;
use vitrina_core::money::{Currency, Money};
use vitrina_core::notify::{OutboxError, OutboxStatus};
use vitrina_core::payment::{Claim, GatewayResult, GatewayStatus, IdempotencyError};
use vitrina_core::store::{PromotionUsage, Store, UseOutcome};

use crate::fixtures::{self, now};

fn captured() -> GatewayResult {
    GatewayResult {
        status: GatewayStatus::Captured,
        gateway_reference: "gw-1".into(),
        amount: Money::from_minor(3_070, Currency::EUR),
        error: None,
        message: None,
        action: None,
        raw: serde_json::json!({"id": "gw-1"}),
    }
}

/// A key is claimed once; a repeat replays the first result; other parameters are refused.
pub async fn idempotency_repeat_and_mismatch(store: Arc<dyn Store>) {
    let key = |k: &str| IdempotencyError::KeyReused { key: k.into() };
    assert_eq!(store.claim("k", "f").await, Ok(Claim::Claimed));
    assert_eq!(store.claim("k", "f").await, Err(IdempotencyError::InProgress { key: "k".into() }));
    assert_eq!(store.claim("k", "g").await, Err(key("k")));
    assert_eq!(store.complete("k", "g", &captured()).await, Err(IdempotencyError::NotClaimed { key: "k".into() }));
    store.complete("k", "f", &captured()).await.unwrap();
    assert_eq!(store.claim("k", "f").await, Ok(Claim::Completed(Box::new(captured()))));
    assert_eq!(store.claim("k", "g").await, Err(key("k")));
    assert_eq!(store.release("k", "f").await, Err(IdempotencyError::NotClaimed { key: "k".into() }));
    assert_eq!(store.claim("r", "f").await, Ok(Claim::Claimed));
    store.release("r", "f").await.unwrap();
    assert_eq!(store.claim("r", "g").await, Ok(Claim::Claimed));
}

/// Entries queue once per message id, are claimed with a lease, and once sent are never due again.
pub async fn outbox_enqueue_claim_sent(store: Arc<dyn Store>) {
    let at = now();
    let first = store.enqueue(fixtures::email("<1@shop.example>"), at).await.unwrap();
    assert!(!first.duplicate);
    let again = store.enqueue(fixtures::email("<1@shop.example>"), at).await.unwrap();
    assert!(again.duplicate && again.entry == first.entry);
    let changed = fixtures::email_with_subject("<1@shop.example>", "Another subject");
    let conflict = store.enqueue(changed, at).await.unwrap_err();
    assert_eq!(conflict, OutboxError::Conflict { message_id: "<1@shop.example>".into() });
    let later = at + SignedDuration::from_secs(1);
    store.enqueue(fixtures::email("<2@shop.example>"), later).await.unwrap();

    let lease = SignedDuration::from_mins(5);
    let claimed = store.claim_due(later, lease, 10).await.unwrap();
    let ids: Vec<&str> = claimed.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0], first.entry.id);
    assert!(claimed.iter().all(|e| e.status == OutboxStatus::Sending && e.attempts == 1));
    assert!(store.claim_due(later, lease, 10).await.unwrap().is_empty());

    let mut sent = claimed[0].clone();
    sent.mark_sent(later);
    store.save(&sent).await.unwrap();
    assert_eq!(store.get(&sent.id).await.unwrap(), Some(sent.clone()));
    let after_lease = store.claim_due(later + lease, lease, 10).await.unwrap();
    assert_eq!(after_lease.len(), 1, "only the unsent entry is due again");
    assert_eq!((after_lease[0].id.as_str(), after_lease[0].attempts), (claimed[1].id.as_str(), 2));
    let mut ghost = sent;
    ghost.id = "missing".into();
    assert_eq!(store.save(&ghost).await, Err(OutboxError::NotFound { entry_id: "missing".into() }));
    assert_eq!(store.get("missing").await.unwrap(), None);
}

/// Limits hold per customer and in total, and 20 racing uses of a 7-use promotion take exactly 7.
pub async fn promotion_usage_limits(store: Arc<dyn Store>) {
    let used = |times_used, customer_uses| UseOutcome::Used(PromotionUsage { times_used, customer_uses });
    let try_use = |customer| {
        let store = store.clone();
        async move { store.try_use_promotion("spring", customer, Some(3), Some(2)).await.unwrap() }
    };
    assert_eq!(try_use(Some("ana")).await, used(1, 1));
    assert_eq!(try_use(Some("ana")).await, used(2, 2));
    assert_eq!(try_use(Some("ana")).await, UseOutcome::CustomerLimitReached);
    assert_eq!(try_use(None).await, used(3, 0));
    assert_eq!(try_use(Some("bob")).await, UseOutcome::LimitReached);
    let usage = store.promotion_usage("spring", Some("ana")).await.unwrap();
    assert_eq!(usage, PromotionUsage { times_used: 3, customer_uses: 2 });
    assert_eq!(store.promotion_usage("none", None).await.unwrap(), PromotionUsage::default());

    let racers: Vec<_> = (0..20)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                let customer = format!("c{i}");
                store.try_use_promotion("flash", Some(&customer), Some(7), Some(1)).await.unwrap()
            })
        })
        .collect();
    let mut winners = 0;
    for racer in racers {
        winners += usize::from(matches!(racer.await.unwrap(), UseOutcome::Used(_)));
    }
    assert_eq!(winners, 7);
    assert_eq!(store.promotion_usage("flash", None).await.unwrap().times_used, 7);
}
