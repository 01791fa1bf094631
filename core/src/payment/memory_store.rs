//! An in-memory idempotency store for tests, demos and single-process shops: a map behind a mutex,
//! so claims are atomic across threads and tasks.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;

use super::{Claim, GatewayResult, IdempotencyError, IdempotencyStore};

/// One key's record.
#[derive(Debug, Clone)]
enum Entry {
    InFlight { fingerprint: String },
    Done { fingerprint: String, result: Box<GatewayResult> },
}

impl Entry {
    fn fingerprint(&self) -> &str {
        match self {
            Entry::InFlight { fingerprint } | Entry::Done { fingerprint, .. } => fingerprint,
        }
    }
}

/// An [`IdempotencyStore`] in process memory (lost on restart; use a database-backed store in
/// production).
#[derive(Debug, Default)]
pub struct InMemoryIdempotencyStore {
    entries: Mutex<HashMap<String, Entry>>,
}

impl InMemoryIdempotencyStore {
    /// An empty store.
    pub fn new() -> InMemoryIdempotencyStore {
        InMemoryIdempotencyStore::default()
    }

    /// How many keys are recorded (claimed or completed).
    pub fn len(&self) -> usize {
        self.entries().len()
    }

    /// Whether no key is recorded.
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }

    fn entries(&self) -> MutexGuard<'_, HashMap<String, Entry>> {
        // No code panics while holding the lock, so the map is consistent even if poisoned.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Replaces the in-flight claim of `key` (made with `fingerprint`) by `next`, or removes it.
    fn settle(&self, key: &str, fingerprint: &str, next: Option<Entry>) -> Result<(), IdempotencyError> {
        let mut entries = self.entries();
        match entries.get(key) {
            Some(Entry::InFlight { fingerprint: held }) if held == fingerprint => {}
            _ => return Err(IdempotencyError::NotClaimed { key: key.to_owned() }),
        }
        match next {
            Some(entry) => entries.insert(key.to_owned(), entry),
            None => entries.remove(key),
        };
        Ok(())
    }
}

#[async_trait]
impl IdempotencyStore for InMemoryIdempotencyStore {
    async fn claim(&self, key: &str, fingerprint: &str) -> Result<Claim, IdempotencyError> {
        let mut entries = self.entries();
        match entries.get(key) {
            None => {
                entries.insert(key.to_owned(), Entry::InFlight { fingerprint: fingerprint.to_owned() });
                Ok(Claim::Claimed)
            }
            Some(entry) if entry.fingerprint() != fingerprint => {
                Err(IdempotencyError::KeyReused { key: key.to_owned() })
            }
            Some(Entry::InFlight { .. }) => Err(IdempotencyError::InProgress { key: key.to_owned() }),
            Some(Entry::Done { result, .. }) => Ok(Claim::Completed(result.clone())),
        }
    }

    async fn complete(&self, key: &str, fingerprint: &str, result: &GatewayResult) -> Result<(), IdempotencyError> {
        let done = Entry::Done { fingerprint: fingerprint.to_owned(), result: Box::new(result.clone()) };
        self.settle(key, fingerprint, Some(done))
    }

    async fn release(&self, key: &str, fingerprint: &str) -> Result<(), IdempotencyError> {
        self.settle(key, fingerprint, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::{Currency, Money};
    use crate::payment::GatewayStatus;

    fn result() -> GatewayResult {
        GatewayResult {
            status: GatewayStatus::Captured,
            gateway_reference: "gw-1".into(),
            amount: Money::from_minor(100, Currency::EUR),
            error: None,
            message: None,
            action: None,
            raw: serde_json::Value::Null,
        }
    }

    #[tokio::test]
    async fn claim_complete_replay() {
        let store = InMemoryIdempotencyStore::new();
        assert!(store.is_empty());
        assert_eq!(store.claim("k", "f").await, Ok(Claim::Claimed));
        assert_eq!(store.claim("k", "f").await, Err(IdempotencyError::InProgress { key: "k".into() }));
        assert_eq!(store.claim("k", "g").await, Err(IdempotencyError::KeyReused { key: "k".into() }));
        store.complete("k", "f", &result()).await.unwrap();
        assert_eq!(store.claim("k", "f").await, Ok(Claim::Completed(Box::new(result()))));
        assert_eq!(store.claim("k", "g").await, Err(IdempotencyError::KeyReused { key: "k".into() }));
        assert_eq!(store.len(), 1);
    }

    #[tokio::test]
    async fn release_frees_the_key_and_only_the_claimer_settles() {
        let store = InMemoryIdempotencyStore::new();
        assert_eq!(store.release("k", "f").await, Err(IdempotencyError::NotClaimed { key: "k".into() }));
        store.claim("k", "f").await.unwrap();
        assert_eq!(store.complete("k", "g", &result()).await, Err(IdempotencyError::NotClaimed { key: "k".into() }));
        store.release("k", "f").await.unwrap();
        assert!(store.is_empty());
        assert_eq!(store.claim("k", "g").await, Ok(Claim::Claimed));
        store.complete("k", "g", &result()).await.unwrap();
        assert_eq!(store.complete("k", "g", &result()).await, Err(IdempotencyError::NotClaimed { key: "k".into() }));
    }
}
